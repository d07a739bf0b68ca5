"""Load what a quiz URL names: 404 when it does not exist or is not the learner's own.

An attempt is shown only to the learner who owns it; anyone else gets 404, as
if it did not exist, so attempt ids reveal nothing.
"""

from flask import abort

from ..extensions import db
from ..learn import services as learn
from ..learn.loaders import load_course, load_module
from ..models import Course, Module, Quiz, QuizAttempt
from ..permissions import lms_user


def load_quiz(slug: str, module_slug: str) -> tuple[Course, Module, Quiz]:
    """Return the course, module and active quiz at the URL, or answer 404."""
    course = load_course(slug)
    module = load_module(course, module_slug)
    quiz = learn.active_quiz(module)
    if quiz is None:
        abort(404)
    return course, module, quiz


def load_own_attempt(attempt_id: int) -> QuizAttempt:
    """Return the current learner's attempt ``attempt_id``; anyone else's is 404."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != lms_user().id:
        abort(404)
    return attempt
