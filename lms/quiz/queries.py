"""Read what the attempt pages show, in one statement each, built once per process.

The question page is opened at every step of a quiz, on phones over a weak
signal: it reads the attempt with its quiz, module and course (and the module's
title in the reader's language) in one statement, and the page's questions with
the learner's saved answers in another. Never the modules' stored HTML.
"""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Integer, Select, String, and_, bindparam, func, select
from sqlalchemy.orm import aliased, contains_eager

from ..extensions import db
from ..models import (
    Course,
    Module,
    ModuleText,
    QuestionRevision,
    Quiz,
    QuizAnswer,
    QuizAttempt,
)


@dataclass(frozen=True)
class AttemptQuestion:
    """One question of an attempt: where it stands, the revision shown and the saved answer."""

    index: int
    revision: QuestionRevision
    answer: QuizAnswer | None


@cache
def _own_attempt_query() -> Select:
    """Select an attempt of one learner, its quiz, module, course and the module's title."""
    wanted, default = aliased(ModuleText), aliased(ModuleText)
    module_path = contains_eager(QuizAttempt.quiz).contains_eager(Quiz.module)
    return (
        select(QuizAttempt, func.coalesce(wanted.title, default.title))
        .join(QuizAttempt.quiz)
        .join(Quiz.module)
        .join(Module.course)
        .outerjoin(
            wanted,
            and_(
                wanted.module_id == Module.id,
                wanted.language == bindparam("language", type_=String),
            ),
        )
        .outerjoin(
            default,
            and_(default.module_id == Module.id, default.language == Course.default_language),
        )
        .options(
            module_path.lazyload(Module.texts),
            module_path.contains_eager(Module.course).lazyload(Course.texts),
        )
        .where(
            QuizAttempt.id == bindparam("attempt_id", type_=Integer),
            QuizAttempt.user_id == bindparam("user_id", type_=Integer),
        )
    )


def own_attempt(attempt_id: int, user_id: int, language: str) -> tuple[QuizAttempt, str] | None:
    """Return ``user_id``'s attempt ``attempt_id`` and its module's title in ``language``.

    The quiz, module and course come loaded with it; None when the attempt does
    not exist or is someone else's.
    """
    parameters = {"attempt_id": attempt_id, "user_id": user_id, "language": language}
    row = db.session.execute(_own_attempt_query(), parameters).first()
    return (row[0], row[1]) if row is not None else None


@cache
def _questions_query() -> Select:
    """Select question revisions by id, each with the attempt's saved answer to it."""
    return (
        select(QuestionRevision, QuizAnswer)
        .outerjoin(
            QuizAnswer,
            and_(
                QuizAnswer.attempt_id == bindparam("attempt_id", type_=Integer),
                QuizAnswer.question_id == QuestionRevision.question_id,
            ),
        )
        .where(QuestionRevision.id.in_(bindparam("revision_ids", expanding=True)))
    )


def attempt_questions(
    attempt: QuizAttempt, indexes: list[int] | None = None
) -> list[AttemptQuestion]:
    """Return the questions at ``indexes`` (all by default) of ``attempt``, in its order."""
    order = attempt.question_order
    shown = range(len(order)) if indexes is None else indexes
    parameters = {"attempt_id": attempt.id, "revision_ids": [order[i] for i in shown]}
    rows = {
        revision.id: (revision, answer)
        for revision, answer in db.session.execute(_questions_query(), parameters)
    }
    return [AttemptQuestion(index, *rows[order[index]]) for index in shown]
