"""Compute quiz reports: attempts, pass rates and which questions confuse learners.

Everything a trainer sees is counted by grouped SQL queries over submitted
attempts; open attempts never count. Only the wrong responses are read row by
row, with one query per quiz, because they are JSON and must be described by
their question type before they can be grouped.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import Text, case, cast, distinct, func, select
from sqlalchemy.orm import contains_eager

from ..content.gift import QUESTION_TYPES
from ..extensions import db
from ..models import (
    Course,
    Module,
    Question,
    QuestionRevision,
    Quiz,
    QuizAnswer,
    QuizAttempt,
    course_order,
)
from ..quiz.pages import interface_word

# Weighted answers add up in floating point; 0.9999999 is still full marks.
FULL_MARKS = 1 - 1e-9
# A chosen option is the same option in every language, so these responses are
# described in the viewer's language and Chinese and English learners' add up.
LANGUAGE_FREE_TYPES = frozenset({"multichoice", "multiresponse", "truefalse", "matching"})
SHORT_TEXT = 90


def share(part: int, whole: int) -> float | None:
    """Return ``part`` as a 0..1 share of ``whole``; None when there is nothing to share."""
    return part / whole if whole else None


@dataclass
class QuizSummary:
    """Headline numbers of one quiz over its submitted attempts."""

    quiz: Quiz
    questions: int = 0
    attempts: int = 0
    learners: int = 0
    graded: int = 0
    passed: int = 0
    average: float | None = None
    graded_learners: int = 0
    passed_learners: int = 0

    @property
    def pass_rate(self) -> float | None:
        """Return the share of graded attempts that passed."""
        return share(self.passed, self.graded)

    @property
    def learner_pass_rate(self) -> float | None:
        """Return the share of learners with a graded attempt who passed at least once."""
        return share(self.passed_learners, self.graded_learners)

    @property
    def awaiting_marking(self) -> int:
        """Return how many submitted attempts wait for an essay to be marked."""
        return self.attempts - self.graded


@dataclass
class QuestionReport:
    """How learners answered one question, over the submitted attempts."""

    question: Question
    title: str
    answered: int = 0
    unanswered: int = 0
    graded: int = 0
    right: int = 0
    average: float | None = None
    wrong_response: str | None = None
    wrong_count: int = 0

    @property
    def right_rate(self) -> float | None:
        """Return the share of graded answers with full marks."""
        return share(self.right, self.graded)

    @property
    def marked_by_hand(self) -> bool:
        """Tell whether a trainer marks this question (an essay), so no mark is right or wrong."""
        return QUESTION_TYPES[self.question.qtype].manual


@dataclass
class QuizReport:
    """A quiz's headline numbers and one report per question in it now."""

    summary: QuizSummary
    questions: list[QuestionReport] = field(default_factory=list)


def _submitted(quiz_ids):
    return (QuizAttempt.submitted_at.is_not(None), QuizAttempt.quiz_id.in_(quiz_ids))


def _summaries(quizzes: list[Quiz]) -> list[QuizSummary]:
    """Fill in the headline numbers of ``quizzes`` with two grouped queries."""
    summaries = {quiz.id: QuizSummary(quiz) for quiz in quizzes}
    question_counts = db.session.execute(
        select(Question.quiz_id, func.count())
        .where(Question.quiz_id.in_(summaries), Question.active.is_(True))
        .group_by(Question.quiz_id)
    )
    for quiz_id, count in question_counts:
        summaries[quiz_id].questions = count
    passed = QuizAttempt.passed.is_(True)
    rows = db.session.execute(
        select(
            QuizAttempt.quiz_id,
            func.count(),
            func.count(distinct(QuizAttempt.user_id)),
            func.count(QuizAttempt.graded_at),
            func.coalesce(func.sum(case((passed, 1), else_=0)), 0),
            func.avg(QuizAttempt.score),
            func.count(distinct(case((QuizAttempt.graded_at.is_not(None), QuizAttempt.user_id)))),
            func.count(distinct(case((passed, QuizAttempt.user_id)))),
        )
        .where(*_submitted(list(summaries)))
        .group_by(QuizAttempt.quiz_id)
    )
    for quiz_id, *numbers in rows:
        summary = summaries[quiz_id]
        (summary.attempts, summary.learners, summary.graded, summary.passed) = numbers[:4]
        summary.average = float(numbers[4]) if numbers[4] is not None else None
        summary.graded_learners, summary.passed_learners = numbers[5:]
    return list(summaries.values())


def quiz_summaries(course_ids: list[int] | None) -> list[QuizSummary]:
    """Return the headline numbers of every quiz in the given courses (None: all courses)."""
    query = (
        select(Quiz)
        .join(Quiz.module)
        .join(Module.course)
        .options(contains_eager(Quiz.module).contains_eager(Module.course))
        # A module never published has no learners, so its quiz has no results yet.
        .where(Module.pending.is_distinct_from("add"))
        .order_by(*course_order(), Module.position)
    )
    if course_ids is not None:
        query = query.where(Course.id.in_(course_ids))
    return _summaries(list(db.session.scalars(query)))


def short_title(data: dict) -> str:
    """Return a question's title, or the start of its text when it has none."""
    title = (data.get("title") or "").strip()
    if title:
        return title
    text = Markup(data.get("html") or "").striptags()
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def _answer_counts(quiz: Quiz, reports: dict[int, QuestionReport]) -> None:
    """Count each question's answers, right answers and mean score in one query."""
    right = case((QuizAnswer.score >= FULL_MARKS, 1), else_=0)
    rows = db.session.execute(
        select(
            QuizAnswer.question_id,
            func.count(QuizAnswer.response),
            func.count() - func.count(QuizAnswer.response),
            func.count(QuizAnswer.score),
            func.coalesce(func.sum(right), 0),
            func.avg(QuizAnswer.score),
        )
        .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
        .where(*_submitted([quiz.id]))
        .group_by(QuizAnswer.question_id)
    )
    for question_id, answered, unanswered, graded, right_count, average in rows:
        report = reports.get(question_id)
        if report is not None:  # answers to retired questions stay out of the table
            report.answered, report.unanswered, report.graded = answered, unanswered, graded
            report.right = right_count
            report.average = float(average) if average is not None else None


def _describe_in(revision: QuestionRevision, answer_language: str, viewer: str, default: str):
    """Return the revision's data to describe a response with (see LANGUAGE_FREE_TYPES)."""
    if revision.qtype in LANGUAGE_FREE_TYPES and viewer in revision.data:
        return revision.data[viewer]
    return revision.text(answer_language, default)


def _wrong_responses(quiz: Quiz, reports: dict[int, QuestionReport], language: str) -> None:
    """Find each question's most chosen wrong response, reading wrong answers only."""
    default_language = quiz.module.course.default_language
    graded_types = [name for name, kind in QUESTION_TYPES.items() if not kind.manual]
    # Equal responses are counted by the database: the text of a JSON value is
    # canonical for what the types store (an index, a list, a typed string).
    response_text = cast(QuizAnswer.response, Text)
    wrong = db.session.execute(
        select(
            QuizAnswer.question_id,
            QuizAnswer.question_revision_id,
            response_text,
            QuizAttempt.language,
            func.count(),
        )
        .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
        .join(Question, Question.id == QuizAnswer.question_id)
        .where(
            *_submitted([quiz.id]),
            QuizAnswer.score < FULL_MARKS,
            QuizAnswer.response.is_not(None),
            Question.active.is_(True),
            Question.qtype.in_(graded_types),
        )
        .group_by(
            QuizAnswer.question_id,
            QuizAnswer.question_revision_id,
            response_text,
            QuizAttempt.language,
        )
    ).all()
    revision_ids = {row.question_revision_id for row in wrong}
    revisions = {
        revision.id: revision
        for revision in db.session.scalars(
            select(QuestionRevision).where(QuestionRevision.id.in_(revision_ids))
        )
    }
    counters: dict[int, Counter] = {}
    for question_id, revision_id, response, answer_language, count in wrong:
        revision = revisions[revision_id]
        data = _describe_in(revision, answer_language, language, default_language)
        described = QUESTION_TYPES[revision.qtype].describe_response(data, json.loads(response))
        text = interface_word(described)
        counters.setdefault(question_id, Counter())[text] += count
    for question_id, counter in counters.items():
        # Ties go to the description that sorts first, so the page does not flicker.
        text, count = min(counter.items(), key=lambda item: (-item[1], item[0]))
        reports[question_id].wrong_response, reports[question_id].wrong_count = text, count


def quiz_report(quiz: Quiz, language: str) -> QuizReport:
    """Return ``quiz``'s numbers and a report per active question, titled in ``language``."""
    default_language = quiz.module.course.default_language
    reports = {
        question.id: QuestionReport(
            question, short_title(question.text(language, default_language))
        )
        for question in quiz.active_questions
    }
    _answer_counts(quiz, reports)
    _wrong_responses(quiz, reports, language)
    (summary,) = _summaries([quiz])
    summary.questions = len(reports)
    return QuizReport(summary, list(reports.values()))
