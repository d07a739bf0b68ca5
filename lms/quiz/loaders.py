"""Load what a quiz URL names: 404 when it does not exist or is not the learner's own.

An attempt is shown only to the learner who owns it; anyone else gets 404, as
if it did not exist, so attempt ids reveal nothing.
"""

from flask import abort

from ..learn import services as learn
from ..learn.loaders import load_course, load_module
from ..locale import content_language
from ..models import Course, Module, Quiz, QuizAttempt
from ..permissions import lms_user
from .queries import own_attempt


def load_quiz(slug: str, module_slug: str) -> tuple[Course, Module, Quiz]:
    """Return the course, module and active quiz at the URL, or answer 404."""
    course = load_course(slug)
    module = load_module(course, module_slug)
    quiz = learn.active_quiz(module)
    if quiz is None:
        abort(404)
    return course, module, quiz


def load_own_attempt(attempt_id: int) -> tuple[QuizAttempt, str]:
    """Return the current learner's attempt ``attempt_id`` and its module's title.

    The title is in the reader's language; anyone else's attempt is 404.
    """
    found = own_attempt(attempt_id, lms_user().id, content_language())
    if found is None:
        abort(404)
    return found
