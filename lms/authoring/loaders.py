"""Load what a trainer's URL names: 404 when it does not exist, 403 when it is not theirs."""

from flask import abort

from ..capabilities import can_run_course
from ..extensions import db
from ..learn.services import course_by_slug
from ..models import Course, Module, Quiz, QuizAnswer, QuizAttempt
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
