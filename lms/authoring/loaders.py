"""Load what a trainer's URL names: 404 when it does not exist, 403 when it is not theirs."""

from flask import abort

from ..capabilities import can_run_course
from ..extensions import db
from ..learn.services import course_by_slug
from ..models import Course, Module, Quiz
from ..permissions import lms_user


def check_runs(course: Course) -> Course:
    """Return ``course`` if the current user runs it; refuse with 403 otherwise."""
    if not can_run_course(lms_user(), course):
        abort(403)
    return course


def load_course(slug: str) -> Course:
    """Return the course at ``slug`` that the current user runs."""
    course = course_by_slug(slug)
    if course is None:
        abort(404)
    return check_runs(course)


def load_module(module_id: int) -> Module:
    """Return the module with ``module_id`` of a course the current user runs."""
    module = db.get_or_404(Module, module_id)
    check_runs(module.course)
    return module


def load_quiz(quiz_id: int) -> Quiz:
    """Return the quiz with ``quiz_id`` of a course the current user runs."""
    quiz = db.get_or_404(Quiz, quiz_id)
    check_runs(quiz.module.course)
    return quiz


def load_course_module(slug: str, module_id: int) -> tuple[Course, Module | None]:
    """Return the course at ``slug`` that the current user runs, and its module ``module_id``.

    The module is None when the course has no such module (any more): the editor then
    keeps the trainer's text and says the module is gone, instead of a bare 404.
    """
    course = load_course(slug)
    module = db.session.get(Module, module_id)
    if module is None or module.course_id != course.id:
        return course, None
    return course, module
