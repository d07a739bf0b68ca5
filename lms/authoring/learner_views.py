"""The learners of a course a trainer runs, and recording completion on their behalf."""

from flask import abort, flash, redirect, render_template, request, url_for

from ..capabilities import RUN_COURSES
from ..extensions import db
from ..forms import ActionForm, action_confirmed
from ..i18n import ngettext
from ..learn.services import active_modules, course_progress, progress_by_module
from ..permissions import lms_user, require
from ..settings import issuer_name
from . import completion
from .blueprint import bp
from .loaders import load_course


@bp.get("/courses/<slug>/learners")
@require(RUN_COURSES)
def learners(slug: str):
    """List the course's learners: modules done, completion date and certificate."""
    course = load_course(slug)
    required = sum(1 for module in active_modules(course) if module.required)
    return render_template(
        "lms/authoring/learners.html",
        course=course,
        rows=completion.course_learners(course),
        required=required,
    )


def _learner(course, user_id: int):
    learner = completion.enrolled_learner(course, user_id)
    if learner is None:
        abort(404)
    return learner


@bp.get("/courses/<slug>/learners/<int:user_id>")
@require(RUN_COURSES)
def learner(slug: str, user_id: int):
    """Show one learner's modules, with buttons to record them as completed."""
    course = load_course(slug)
    user = _learner(course, user_id)
    return render_template(
        "lms/authoring/learner.html",
        course=course,
        learner=user,
        modules=active_modules(course),
        rows=progress_by_module(user, course),
        progress=course_progress(user, course),
        action_form=ActionForm(),
    )


@bp.post("/courses/<slug>/learners/<int:user_id>/complete")
@require(RUN_COURSES)
def complete_for_learner(slug: str, user_id: int):
    """Record one module (``module=<id>``) or every module left (``module=all``) as done."""
    course = load_course(slug)
    user = _learner(course, user_id)
    back = redirect(url_for(".learner", slug=slug, user_id=user_id))
    if not action_confirmed():
        return back
    left = completion.modules_left(user, course)
    choice = request.form.get("module", "")
    if choice == "all":
        modules = left
    else:
        modules = [module for module in left if str(module.id) == choice]
        if not modules:
            abort(400)
    completion.complete_for(user, modules, lms_user(), issuer_name())
    db.session.commit()
    message = ngettext(
        "Recorded as completed for %(name)s: %(num)s module.",
        "Recorded as completed for %(name)s: %(num)s modules.",
        len(modules),
        name=user.name,
    )
    flash(message, "success")
    return back
