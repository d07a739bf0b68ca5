"""Let trainers start a course, change its details and shape its outline of modules.

Adding, moving and retiring modules wait for the course's next publish; the buttons
are plain forms, so reordering works without JavaScript.
"""

from flask import abort, flash, redirect, render_template, request, url_for

from ..capabilities import RUN_COURSES, can_create_courses
from ..extensions import db
from ..forms import ask_first
from ..i18n import gettext as _
from ..locale import content_language
from ..permissions import lms_user, require
from . import course_setup
from .blueprint import bp
from .course_forms import CourseForm, NewModuleForm
from .course_page_views import course_page
from .loaders import load_course, load_course_module
from .services import AuthoringError


def _refuse_unless_creator() -> None:
    if not can_create_courses(lms_user()):
        abort(403)


@bp.route("/courses/new", methods=["GET", "POST"])
@require(RUN_COURSES)
def new_course():
    """Start a course (trainers an admin allowed, and admins): a draft until published."""
    _refuse_unless_creator()
    form = CourseForm()
    if request.method == "GET":
        form.default_language.data = "en"
    if form.validate_on_submit():
        try:
            course = course_setup.create_course(
                (form.slug.data or "").strip(), form.details(), lms_user()
            )
        except AuthoringError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Course started. Add its first module below."), "success")
            return redirect(url_for(".course", slug=course.slug))
    status = 422 if form.errors else 200
    return render_template("lms/authoring/course_form.html", form=form, course=None), status


@bp.route("/courses/<slug>/settings", methods=["GET", "POST"])
@require(RUN_COURSES)
def course_settings(slug: str):
    """Change a course's titles, summaries, minutes, certificate and review rule."""
    course = load_course(slug)
    form = CourseForm()
    del form.slug
    if request.method == "GET":
        form.fill(course)
    if form.validate_on_submit():
        try:
            changed = course_setup.update_course(course, form.details(), lms_user())
        except AuthoringError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            if changed:
                flash(_("The course's details are saved."), "success")
            return redirect(url_for(".course", slug=slug))
    status = 422 if form.errors else 200
    return render_template("lms/authoring/course_form.html", form=form, course=course), status


@bp.post("/courses/<slug>/modules")
@require(RUN_COURSES)
def add_module(slug: str):
    """Add a module at the end of the outline and open it in the editor."""
    course = load_course(slug)
    form = NewModuleForm()
    if form.validate_on_submit():
        try:
            module = course_setup.add_module(
                course, form.title.data or "", form.slug.data or "", lms_user()
            )
        except AuthoringError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            return redirect(url_for(".edit_module", slug=slug, module_id=module.id))
    return course_page(course, module_form=form, status=422)


@bp.post("/courses/<slug>/modules/<int:module_id>/move")
@require(RUN_COURSES)
def move_module(slug: str, module_id: int):
    """Move a module one place up or down in the coming outline."""
    course, module = load_course_module(slug, module_id)
    if module is None:
        abort(404)
    step = -1 if request.form.get("step") == "up" else 1
    if course_setup.move_module(module, step, lms_user()):
        db.session.commit()
    return redirect(url_for(".course", slug=course.slug, _anchor=f"module-{module.id}"))


@bp.post("/courses/<slug>/modules/<int:module_id>/retire")
@require(RUN_COURSES)
def retire_module(slug: str, module_id: int):
    """Take a module out of the course (at the next publish, if learners have it); ask first."""
    course, module = load_course_module(slug, module_id)
    if module is None:
        abort(404)
    back = url_for(".course", slug=slug)
    title = course_setup.working_titles([module], content_language(), course.default_language)[
        module.id
    ]
    if module.pending == "add":
        consequence = _("It has never been published: it and its draft are deleted.")
    else:
        consequence = _(
            "Learners keep reading it until you next publish the course. After that it leaves "
            "the outline; what learners did in it is kept."
        )
    asked = ask_first(
        back,
        title=_("Take “%(title)s” out of the course?", title=title),
        consequence=consequence,
        button=_("Take it out"),
    )
    if asked:
        return asked
    try:
        course_setup.retire_module(module, lms_user())
    except AuthoringError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
    return redirect(back)


@bp.post("/courses/<slug>/modules/<int:module_id>/keep")
@require(RUN_COURSES)
def keep_module(slug: str, module_id: int):
    """Keep a module that was to be retired at the next publish."""
    course, module = load_course_module(slug, module_id)
    if module is None:
        abort(404)
    course_setup.keep_module(module, lms_user())
    db.session.commit()
    return redirect(url_for(".course", slug=course.slug, _anchor=f"module-{module.id}"))
