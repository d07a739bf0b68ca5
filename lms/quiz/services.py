"""Run quiz attempts from start to grade; never commits.

The whole lifecycle lives here: start (or resume) an attempt, keep answers as
the learner goes, submit once, grade through the pure rules of
:mod:`lms.quiz.grading`, wait for a trainer's marks on essays, and complete the
module on a pass. Form field names belong to :mod:`lms.quiz.forms`: this module
takes responses already read, keyed by question revision id.

Every rule that must hold under concurrent requests is one conditional SQL
statement: an attempt number is inserted at most once (attempt limits), answers
are saved only while the attempt row says it is open and in time, and only the
request whose ``UPDATE ... WHERE submitted_at IS NULL`` changes a row grades it.
"""

import random
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from ..database import insert_if_absent
from ..extensions import db
from ..learn.services import complete_module
from ..models import QuestionRevision, Quiz, QuizAnswer, QuizAttempt, User, utcnow
from ..rules import RuleError
from .grading import attempt_score, passes, score_response
from .questions import current_revisions

# A request that left the phone just before the deadline still counts.
GRACE = timedelta(seconds=30)


class QuizClosed(Exception):
    """Refuse a change to an attempt that is submitted, out of time or out of tries."""


def attempts_of(user: User, quiz: Quiz) -> list[QuizAttempt]:
    """Return ``user``'s attempts at ``quiz``, first one first."""
    query = select(QuizAttempt).where(
        QuizAttempt.quiz_id == quiz.id, QuizAttempt.user_id == user.id
    )
    return list(db.session.scalars(query.order_by(QuizAttempt.number)))


def attempts_left(quiz: Quiz, attempts: list[QuizAttempt]) -> int | None:
    """Return how many more attempts may be started; None when unlimited."""
    if quiz.max_attempts is None:
        return None
    return max(quiz.max_attempts - len(attempts), 0)


def is_overdue(attempt: QuizAttempt, now: datetime | None = None) -> bool:
    """Tell whether an open attempt's time, grace included, has run out."""
    now = now or utcnow()
    return attempt.deadline is not None and now > attempt.deadline + GRACE


def close_if_overdue(attempt: QuizAttempt, issuer: str) -> bool:
    """Submit an open attempt whose time ran out, with the answers saved in time."""
    if attempt.is_open and is_overdue(attempt):
        return submit_attempt(attempt, issuer)
    return False


def start_attempt(user: User, quiz: Quiz, language: str, issuer: str) -> QuizAttempt:
    """Return ``user``'s open attempt at ``quiz``, or start the next one if they may."""
    attempts = attempts_of(user, quiz)
    for attempt in attempts:
        close_if_overdue(attempt, issuer)
        if attempt.is_open:
            return attempt
    if attempts_left(quiz, attempts) == 0:
        raise QuizClosed("no attempts left")
    revisions = current_revisions(quiz)
    order = [revisions[q.id].id for q in quiz.active_questions if q.id in revisions]
    if not order:
        raise QuizClosed("the quiz has no questions")
    seed = secrets.randbits(31)
    if quiz.shuffle_questions:
        random.Random(seed).shuffle(order)
    now = utcnow()
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    number = len(attempts) + 1
    # Two tabs starting at once insert the same number; one insert wins.
    insert_if_absent(
        QuizAttempt,
        quiz_id=quiz.id,
        user_id=user.id,
        number=number,
        seed=seed,
        language=language,
        question_order=order,
        started_at=now,
        deadline=deadline,
    )
    return db.session.scalar(
        select(QuizAttempt).where(
            QuizAttempt.quiz_id == quiz.id,
            QuizAttempt.user_id == user.id,
            QuizAttempt.number == number,
        )
    )


def attempt_revisions(attempt: QuizAttempt) -> list[QuestionRevision]:
    """Return the question revisions of ``attempt`` in the order it shows them."""
    rows = db.session.scalars(
        select(QuestionRevision).where(QuestionRevision.id.in_(attempt.question_order))
    )
    by_id = {row.id: row for row in rows}
    return [by_id[revision_id] for revision_id in attempt.question_order]


def _claim_open(attempt: QuizAttempt) -> bool:
    """Lock the attempt row if it is open and in time; False if it is not."""
    in_time = or_(QuizAttempt.deadline.is_(None), QuizAttempt.deadline >= utcnow() - GRACE)
    result = db.session.execute(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None), in_time)
        .values(number=QuizAttempt.number)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def save_answers(attempt: QuizAttempt, responses: dict[int, Any]) -> None:
    """Keep ``responses`` (by question revision id) as the answers of open ``attempt``.

    A revision the attempt does not show is refused with a :class:`RuleError`
    before anything is saved; a closed attempt raises :class:`QuizClosed`.
    """
    unknown = set(responses) - set(attempt.question_order)
    if unknown:
        raise RuleError("responses", f"questions {sorted(unknown)} are not in this attempt")
    if not _claim_open(attempt):
        raise QuizClosed("the attempt is closed")
    question_ids = dict(
        db.session.execute(
            select(QuestionRevision.id, QuestionRevision.question_id).where(
                QuestionRevision.id.in_(responses)
            )
        ).all()
    )
    now = utcnow()
    for revision_id, response in responses.items():
        insert_if_absent(
            QuizAnswer,
            attempt_id=attempt.id,
            question_id=question_ids[revision_id],
            question_revision_id=revision_id,
            response=None,
            saved_at=now,
        )
        db.session.execute(
            update(QuizAnswer)
            .where(
                QuizAnswer.attempt_id == attempt.id,
                QuizAnswer.question_id == question_ids[revision_id],
            )
            .values(response=response, saved_at=now)
            .execution_options(synchronize_session=False)
        )
    db.session.flush()


def submit_attempt(attempt: QuizAttempt, issuer: str) -> bool:
    """Close and grade ``attempt``; False (and no change) if it was already submitted."""
    result = db.session.execute(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None))
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(attempt)
    if result.rowcount != 1:
        return False
    grade_attempt(attempt, attempt_revisions(attempt), issuer)
    return True


def grade_attempt(attempt: QuizAttempt, revisions: list[QuestionRevision], issuer: str) -> None:
    """Score every answer of a just-submitted attempt, then finish it if nothing waits."""
    answers = {answer.question_id: answer for answer in attempt.answers}
    for revision in revisions:
        answer = answers.get(revision.question_id)
        if answer is None:
            answer = QuizAnswer(question_id=revision.question_id, question_revision_id=revision.id)
            attempt.answers.append(answer)
        data = attempt.question_text(revision)
        answer.score = score_response(revision.qtype, data, answer.response)
    db.session.flush()
    finish_if_marked(attempt, revisions, issuer)


def finish_if_marked(attempt: QuizAttempt, revisions: list[QuestionRevision], issuer: str) -> bool:
    """Set the score and the pass once every graded answer has a score.

    A pass completes the module, through the same path as "Mark as done";
    ``issuer`` names a certificate that completion earns.
    """
    if attempt.graded_at is not None:
        return False
    scores = {answer.question_id: answer.score for answer in attempt.answers}
    score = attempt_score(((r.question_id, r.qtype) for r in revisions), scores)
    if score is None:
        return False
    attempt.score = score
    attempt.passed = passes(score, attempt.quiz.pass_mark)
    attempt.graded_at = utcnow()
    db.session.flush()
    if attempt.passed:
        complete_module(attempt.user, attempt.quiz.module, issuer)
    return True


def awaiting_marking(attempt: QuizAttempt) -> bool:
    """Tell whether a submitted attempt still waits for a trainer to mark an essay."""
    return attempt.submitted_at is not None and attempt.graded_at is None


def mark_answer(answer: QuizAnswer, score: float, comment: str, marker: User, issuer: str) -> bool:
    """Record a trainer's mark for an essay; return whether that finished the attempt."""
    if not 0 <= score <= 1:
        raise RuleError("score", "score must be between 0 and 1")
    answer.score = score
    answer.comment = comment
    answer.marked_by_id = marker.id
    answer.marked_at = utcnow()
    db.session.flush()
    attempt = answer.attempt
    return finish_if_marked(attempt, attempt_revisions(attempt), issuer)
