"""Draw a course's authoring page (view side: it reads the viewer and their language).

Its outline is shown as the next publish will have it, with the course's trainers.
"""

from flask import render_template
from sqlalchemy import select

from ..capabilities import RUN_ALL_COURSES, can
from ..curriculum.guides import has_guide
from ..extensions import db
from ..forms import ActionForm
from ..locale import content_language
from ..models import Course, ModuleDraft, Quiz
from ..permissions import lms_user
from . import services
from .course_forms import NewModuleForm
from .course_setup import outline, working_titles
from .forms import TrainerForm


def _drafted(course: Course) -> set[int]:
    """Return the ids of ``course``'s modules that have a draft, in one statement."""
    query = select(ModuleDraft.module_id).where(
        ModuleDraft.module_id.in_([module.id for module in course.modules])
    )
    return set(db.session.scalars(query))


def _has_pending_quiz(module) -> bool:
    quiz: Quiz | None = module.quiz
    return quiz is not None and quiz.pending == "add"


def course_page(course: Course, form=None, module_form=None, status: int = 200):
    """Render ``course``'s authoring page, with the forms given (after an error) or fresh ones."""
    modules = outline(course)
    drafted = _drafted(course)
    changes = any(
        module.id in drafted
        or module.pending
        or module.draft_position is not None
        or _has_pending_quiz(module)
        for module in modules
    )
    return (
        render_template(
            "lms/authoring/course.html",
            course=course,
            modules=modules,
            drafted=drafted,
            titles=working_titles(modules, content_language(), course.default_language),
            has_changes=changes,
            trainers=services.trainers_of(course),
            has_guide=has_guide(course),
            may_assign=can(lms_user(), RUN_ALL_COURSES),
            form=form or TrainerForm(formdata=None),
            module_form=module_form or NewModuleForm(formdata=None),
            action_form=ActionForm(),
        ),
        status,
    )
