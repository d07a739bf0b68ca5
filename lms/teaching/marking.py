"""Show trainers the attempts at their quizzes, and let them mark essays; never commits."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import contains_eager

from ..audit import record
from ..capabilities import run_course_ids
from ..content.gift import QUESTION_TYPES
from ..extensions import db
from ..models import Module, QuestionRevision, Quiz, QuizAnswer, QuizAttempt, User, utcnow
from ..quiz.queries import attempt_questions
from ..quiz.services import mark_answer


class MarkingRefused(Exception):
    """Refuse to mark an answer that is not an essay awaiting a mark."""


@dataclass
class ReviewedQuestion:
    """One question of an attempt as a trainer reviews it."""

    number: int
    qtype: str
    data: dict[str, Any]
    answer: QuizAnswer | None
    review: dict[str, Any]


def manual_types() -> list[str]:
    """Return the question types a trainer marks by hand (essays)."""
    return [name for name, kind in QUESTION_TYPES.items() if kind.manual]


def quiz_attempts(quiz: Quiz) -> Select:
    """Return a query of the quiz's attempts, newest first, with their learners."""
    return (
        select(QuizAttempt)
        .join(QuizAttempt.user)
        .options(contains_eager(QuizAttempt.user).joinedload(User.organization))
        .where(QuizAttempt.quiz_id == quiz.id)
        .order_by(QuizAttempt.started_at.desc(), QuizAttempt.id.desc())
    )


def review_attempt(attempt: QuizAttempt) -> list[ReviewedQuestion]:
    """Return every question of ``attempt`` with the learner's response, as it was shown."""
    reviewed = []
    for question in attempt_questions(attempt):
        number, revision, answer = question.index + 1, question.revision, question.answer
        data = attempt.question_text(revision)
        response = answer.response if answer is not None else None
        review = QUESTION_TYPES[revision.qtype].review(data, response)
        reviewed.append(ReviewedQuestion(number, revision.qtype, data, answer, review))
    return reviewed


def marking_queue(user: User) -> Select:
    """Return a query of essays awaiting a mark in the courses ``user`` runs, oldest first."""
    query = (
        select(QuizAnswer)
        .join(QuizAnswer.revision)
        .join(QuizAnswer.attempt)
        .join(QuizAttempt.quiz)
        .join(Quiz.module)
        .where(
            QuestionRevision.qtype.in_(manual_types()),
            QuizAttempt.submitted_at.is_not(None),
            QuizAnswer.score.is_(None),
        )
        .order_by(QuizAttempt.submitted_at, QuizAnswer.id)
    )
    ids = run_course_ids(user)
    if ids is not None:
        query = query.where(Module.course_id.in_(ids))
    return query


def queue_length(user: User) -> int:
    """Count the essays awaiting a mark from ``user``."""
    waiting = marking_queue(user).order_by(None).subquery()
    return db.session.scalar(select(func.count()).select_from(waiting))


def essay_data(answer: QuizAnswer) -> dict[str, Any]:
    """Return the essay question the learner answered, in the language they saw."""
    return answer.attempt.question_text(answer.revision)


def essay_text(answer: QuizAnswer) -> str:
    """Return the learner's essay as plain text (empty when they wrote nothing)."""
    response = answer.response
    if isinstance(response, dict):
        response = response.get("text", "")
    return response if isinstance(response, str) else ""


def awaits_mark(answer: QuizAnswer) -> bool:
    """Tell whether ``answer`` is an essay in a submitted attempt that has no mark yet."""
    return (
        answer.revision.qtype in manual_types()
        and answer.attempt.submitted_at is not None
        and answer.score is None
    )


def mark_essay(answer: QuizAnswer, percent: int, comment: str, marker: User, issuer: str) -> bool:
    """Mark an essay awaiting a mark; return whether that finished the attempt.

    The conditional update claims the answer first, so two trainers marking the
    same essay at once cannot both succeed: the second one is refused.
    """
    if not awaits_mark(answer):
        raise MarkingRefused("not an essay awaiting a mark")
    claimed = db.session.execute(
        update(QuizAnswer)
        .where(
            QuizAnswer.id == answer.id,
            QuizAnswer.score.is_(None),
            QuizAnswer.marked_at.is_(None),
        )
        .values(marked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.refresh(answer)
        raise MarkingRefused("already marked")
    db.session.refresh(answer)
    finished = mark_answer(answer, percent / 100, comment, marker, issuer)
    record(
        marker,
        "quiz.mark",
        answer,
        attempt_id=answer.attempt_id,
        score=percent,
        finished=finished,
    )
    return finished
