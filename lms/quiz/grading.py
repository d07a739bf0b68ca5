"""Grade submitted attempts on the server, and mark essays by hand; never commits.

A question's score is 0..1; the attempt's score is their mean over the graded
questions (descriptions carry no score). An attempt with an essay waits for a
trainer: its score, and whether it passed, are set when the last essay is marked.
Passing completes the module, through the same path as "Mark as done".
"""

from ..content.gift import QUESTION_TYPES
from ..extensions import db
from ..learn.services import complete_module
from ..models import QuestionRevision, QuizAnswer, QuizAttempt, User, utcnow


def grade_attempt(attempt: QuizAttempt, revisions: list[QuestionRevision], issuer: str) -> None:
    """Score every answer of a just-submitted attempt, then finish it if nothing waits."""
    answers = {answer.question_id: answer for answer in attempt.answers}
    for revision in revisions:
        answer = answers.get(revision.question_id)
        if answer is None:
            answer = QuizAnswer(question_id=revision.question_id, question_revision_id=revision.id)
            attempt.answers.append(answer)
        kind = QUESTION_TYPES[revision.qtype]
        answer.score = kind.grade(attempt.question_text(revision), answer.response)
    db.session.flush()
    finish_if_marked(attempt, revisions, issuer)


def _gradable(attempt: QuizAttempt, revisions: list[QuestionRevision]) -> list[QuizAnswer]:
    answers = {answer.question_id: answer for answer in attempt.answers}
    return [
        answers[revision.question_id]
        for revision in revisions
        if QUESTION_TYPES[revision.qtype].graded
    ]


def finish_if_marked(attempt: QuizAttempt, revisions: list[QuestionRevision], issuer: str) -> bool:
    """Set the score and the pass once every graded answer has a score.

    A pass completes the module; ``issuer`` names a certificate that completion earns.
    """
    if attempt.graded_at is not None:
        return False
    gradable = _gradable(attempt, revisions)
    if any(answer.score is None for answer in gradable):
        return False
    total = sum(answer.score for answer in gradable)
    attempt.score = total / len(gradable) if gradable else 1.0
    # Compare in whole hundredths so 79.999...% is not a fail at a pass mark of 80.
    attempt.passed = round(attempt.score * 100, 2) >= attempt.quiz.pass_mark
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
        raise ValueError("score must be between 0 and 1")
    answer.score = score
    answer.comment = comment
    answer.marked_by_id = marker.id
    answer.marked_at = utcnow()
    db.session.flush()
    attempt = answer.attempt
    revisions = db.session.scalars(
        db.select(QuestionRevision).where(QuestionRevision.id.in_(attempt.question_order))
    ).all()
    return finish_if_marked(attempt, list(revisions), issuer)
