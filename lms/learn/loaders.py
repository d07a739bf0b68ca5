"""Load what a learner's URL names: 404 when it does not exist or is not theirs to see.

Like flaskr's ``get_post``: views call these first, and never query by id or slug
themselves.
"""

from flask import abort

from ..models import Course, Module
from ..permissions import lms_user
from . import services


def load_course(slug: str) -> Course:
    """Return the course at ``slug`` if the visitor may see it, else answer 404."""
    course = services.course_by_slug(slug)
    if course is None or not services.course_visible_to(course, lms_user()):
        abort(404)
    return course


def load_module(course: Course, slug: str) -> Module:
    """Return the active module ``slug`` of ``course``, else answer 404."""
    for module in services.active_modules(course):
        if module.slug == slug:
            return module
    abort(404)
