"""Show trainers the courses they run, and let admins choose who runs each course.

The quiz pages live in :mod:`.quiz_views`, which adds its routes to this
blueprint; attempts, marking and learners are the ``teaching`` area's.
"""

from flask import abort, flash, redirect, render_template, url_for

from ..auth.services import login_regions
from ..capabilities import RUN_ALL_COURSES, RUN_COURSES, can_create_courses
from ..curriculum.guides import guide_page
from ..extensions import db
from ..forms import ask_first
from ..i18n import gettext as _
from ..learn.services import active_modules
from ..locale import content_language
from ..permissions import lms_user, require
from ..settings import default_region
from ..teaching.marking import queue_length
from . import services
from .blueprint import bp
from .course_page_views import course_page
from .forms import TrainerForm
from .loaders import load_course


@bp.get("/")
@require(RUN_COURSES)
def index():
    """List the courses the trainer runs, each module's quiz, and the essays to mark."""
    user = lms_user()
    courses = [
        (
            course,
            [(module, services.quiz_summary(module.quiz)) for module in active_modules(course)],
        )
        for course in services.courses_run_by(user)
    ]
    return render_template(
        "lms/authoring/index.html",
        courses=courses,
        to_mark=queue_length(user),
        may_create=can_create_courses(user),
    )


@bp.get("/courses/<slug>")
@require(RUN_COURSES)
def course(slug: str):
    """Show a course's trainers; admins may add and remove them."""
    return course_page(load_course(slug))


@bp.get("/courses/<slug>/guide")
@require(RUN_COURSES)
def guide(slug: str):
    """Show the course's trainer's guide to those who run it, ready to print; 404 if none."""
    course = load_course(slug)
    page = guide_page(course, content_language())
    if page is None:
        abort(404)
    return render_template("lms/authoring/guide.html", course=course, guide=page)


@bp.post("/courses/<slug>/trainers")
@require(RUN_ALL_COURSES)
def add_trainer(slug: str):
    """Let another trainer run the course (admins only)."""
    course = load_course(slug)
    form = TrainerForm()
    if form.validate_on_submit():
        try:
            regions = login_regions(default_region())
            user = services.add_trainer(course, form.email.data, lms_user(), regions)
        except services.AuthoringError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("%(name)s now runs this course.", name=user.name), "success")
            return redirect(url_for(".course", slug=slug))
    return course_page(course, form)


@bp.post("/courses/<slug>/trainers/<int:user_id>/remove")
@require(RUN_ALL_COURSES)
def remove_trainer(slug: str, user_id: int):
    """Stop a trainer running the course (admins only); ask first."""
    course = load_course(slug)
    trainer = next((user for user in services.trainers_of(course) if user.id == user_id), None)
    if trainer is None:
        abort(404)
    back = url_for(".course", slug=slug)
    asked = ask_first(
        back,
        title=_("Stop %(name)s running this course?", name=trainer.name),
        consequence=_(
            "%(name)s will no longer see this course's learners, attempts and answer key, "
            "change its quizzes or mark its essays, unless an admin adds them again. "
            "The learners' progress and certificates are kept.",
            name=trainer.name,
        ),
        button=_("Remove the trainer"),
    )
    if asked:
        return asked
    services.remove_trainer(course, user_id, lms_user())
    db.session.commit()
    flash(_("The trainer no longer runs this course."), "success")
    return redirect(back)
