"""Load what a teaching URL names: 404 when it does not exist, 403 when it is not theirs.

The course, module and quiz loaders are authoring's: running a course and
writing it are checked by the same rule, :func:`lms.capabilities.can_run_course`.
"""

from flask import abort

from ..authoring.loaders import check_runs, load_course, load_quiz
from ..extensions import db
from ..models import Course, QuizAnswer, QuizAttempt, User
from . import completion

__all__ = ["load_answer", "load_attempt", "load_course", "load_enrolled_learner", "load_quiz"]


def load_attempt(attempt_id: int) -> QuizAttempt:
    """Return the attempt with ``attempt_id`` at a quiz of a course the current user runs."""
    attempt = db.get_or_404(QuizAttempt, attempt_id)
    check_runs(attempt.quiz.module.course)
    return attempt


def load_answer(answer_id: int) -> QuizAnswer:
    """Return the answer with ``answer_id`` in a course the current user runs."""
    answer = db.get_or_404(QuizAnswer, answer_id)
    check_runs(answer.attempt.quiz.module.course)
    return answer


def load_enrolled_learner(course: Course, user_id: int) -> User:
    """Return the learner ``user_id`` enrolled in ``course``, else answer 404."""
    learner = completion.enrolled_learner(course, user_id)
    if learner is None:
        abort(404)
    return learner
