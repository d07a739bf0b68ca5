"""Load what a learner's URL names: 404 when it does not exist or is not theirs to see.

Like flaskr's ``get_post``: views call these first, and never query by id or slug
themselves.
"""

from flask import abort

from ..locale import content_language
from ..models import Course, Module, User
from ..permissions import lms_user
from . import services
from .downloads import DownloadFile, download_file
from .outline import CourseOutline, ModulePage, course_outline, module_page


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


def load_module_page(course_slug: str, module_slug: str, user: User) -> ModulePage:
    """Return what the module page shows, in the reader's language; 404 as :func:`load_module`."""
    page = module_page(course_slug, module_slug, content_language(), user.id)
    if page is None or not services.may_see_course(page.course.status, user, page.course.enrolled):
        abort(404)
    return page


def load_course_outline(slug: str, user: User | None) -> CourseOutline:
    """Return the course page's outline, in the reader's language; 404 as :func:`load_course`."""
    outline = course_outline(slug, content_language(), user.id if user else None)
    if outline is None or not services.may_see_course(outline.status, user, outline.enrolled):
        abort(404)
    return outline


def load_download(course_slug: str, module_slug: str, filename: str, user: User) -> DownloadFile:
    """Return a module's file for a reader who may read the module; else answer 404.

    As for the module page, that is a learner enrolled in a course they may see.
    """
    file = download_file(course_slug, module_slug, filename, content_language(), user.id)
    if file is None or not file.enrolled:
        abort(404)
    if not services.may_see_course(file.course_status, user, enrolled=True):
        abort(404)
    return file
