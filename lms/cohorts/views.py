"""Cohort pages: admins and trainers create training events; their trainers fill them.

A trainer who creates a cohort becomes its trainer and attaches only courses they run.
"""

from flask import flash, redirect, render_template, url_for
from wtforms import SelectChoice

from ..auth.services import login_regions
from ..capabilities import CREATE_COHORTS, MANAGE_COHORTS, RUN_COURSES, can, run_course_ids
from ..curriculum.services import all_courses
from ..extensions import db
from ..forms import ActionForm, ask_first
from ..i18n import gettext as _
from ..locale import content_language
from ..models import Cohort
from ..permissions import lms_user, require
from ..settings import default_region
from . import login_slips, services
from .blueprint import bp
from .forms import CohortForm, CohortTrainerForm, MembersForm, ParticipantsForm
from .loaders import load_cohort, load_managed_cohort, load_removable_member


@bp.get("/")
@require(RUN_COURSES)
def index():
    """List the cohorts: every one for admins, their own for trainers."""
    return render_template("lms/cohorts/index.html", cohorts=services.cohorts_for(lms_user()))


def _cohort_form(cohort: Cohort | None) -> CohortForm:
    """Return the cohort form, offering the courses the user runs and those already chosen."""
    form = CohortForm(obj=cohort)
    language = content_language()
    courses = all_courses()
    allowed = run_course_ids(lms_user())
    if allowed is not None:
        chosen = {course.id for course in cohort.courses} if cohort is not None else set()
        courses = [c for c in courses if c.id in chosen or c.id in allowed]
    form.courses.choices = [SelectChoice(c.id, c.text(language).title) for c in courses]
    if cohort is not None and not form.is_submitted():
        form.courses.data = [course.id for course in cohort.courses]
    return form


def _save(form: CohortForm, cohort: Cohort | None):
    """Save the form's cohort; on a rule error, show it next to its field."""
    try:
        cohort = services.save_cohort(
            cohort,
            lms_user(),
            name=form.name.data,
            place=form.place.data or "",
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            course_ids=form.courses.data or [],
        )
    except services.CohortError as error:
        db.session.rollback()
        form[error.field].errors.append(str(error))
        return None
    db.session.commit()
    flash(_("The cohort is saved."), "success")
    return redirect(url_for(".cohort", cohort_id=cohort.id))


@bp.route("/new", methods=["GET", "POST"])
@require(CREATE_COHORTS)
def new():
    """Create a cohort (admins, and trainers, who become its trainer)."""
    form = _cohort_form(None)
    if form.validate_on_submit() and (done := _save(form, None)):
        return done
    status = 400 if form.errors else 200
    return render_template("lms/cohorts/form.html", form=form, cohort=None), status


@bp.route("/<int:cohort_id>/edit", methods=["GET", "POST"])
@require(CREATE_COHORTS)
def edit(cohort_id: int):
    """Change a cohort's name, place, dates and courses (admins and its trainers)."""
    cohort = load_cohort(cohort_id)
    form = _cohort_form(cohort)
    if form.validate_on_submit() and (done := _save(form, cohort)):
        return done
    status = 400 if form.errors else 200
    return render_template("lms/cohorts/form.html", form=form, cohort=cohort), status


def _cohort_page(cohort, members_form=None, trainer_form=None, status=200):
    return (
        render_template(
            "lms/cohorts/cohort.html",
            cohort=cohort,
            progress=services.cohort_progress(cohort),
            trainers=[row.user for row in cohort.members if row.trainer],
            members_form=members_form or MembersForm(formdata=None),
            participants_form=ParticipantsForm(formdata=None),
            waiting_for_slips=len(login_slips.people_for_slips(cohort, lms_user())),
            trainer_form=trainer_form or CohortTrainerForm(formdata=None),
            action_form=ActionForm(),
            may_manage=can(lms_user(), MANAGE_COHORTS),
            may_edit=can(lms_user(), CREATE_COHORTS),
        ),
        status,
    )


@bp.get("/<int:cohort_id>")
@require(RUN_COURSES)
def cohort(cohort_id: int):
    """Show the cohort's courses, trainers and each member's progress."""
    return _cohort_page(load_cohort(cohort_id))


def _add(cohort: Cohort, form, text: str, trainer: bool):
    try:
        regions = login_regions(default_region())
        users = services.add_members(cohort, text, lms_user(), regions, trainer=trainer)
    except services.CohortError as error:
        db.session.rollback()
        form[error.field].errors.append(str(error))
        return None
    db.session.commit()
    flash(_("Added to the cohort: %(count)s.", count=len(users)), "success")
    return redirect(url_for(".cohort", cohort_id=cohort.id))


@bp.post("/<int:cohort_id>/members")
@require(RUN_COURSES)
def add_members(cohort_id: int):
    """Add learners by e-mail, mobile number or username; all or nothing.

    Admins and the cohort's trainers may.
    """
    cohort = load_cohort(cohort_id)
    form = MembersForm()
    if form.validate_on_submit() and (done := _add(cohort, form, form.emails.data, False)):
        return done
    return _cohort_page(cohort, members_form=form, status=400)


@bp.post("/<int:cohort_id>/trainers")
@require(MANAGE_COHORTS)
def add_trainer(cohort_id: int):
    """Make an account with the trainer role one of the cohort's trainers (admins)."""
    cohort = load_managed_cohort(cohort_id)
    form = CohortTrainerForm()
    if form.validate_on_submit() and (done := _add(cohort, form, form.email.data, True)):
        return done
    return _cohort_page(cohort, trainer_form=form, status=400)


@bp.post("/<int:cohort_id>/members/<int:user_id>/remove")
@require(RUN_COURSES)
def remove_member(cohort_id: int, user_id: int):
    """Take a learner (or, for admins, a trainer) out of the cohort; ask first."""
    cohort = load_cohort(cohort_id)
    row = load_removable_member(cohort, user_id)
    back = url_for(".cohort", cohort_id=cohort.id)
    name = row.user.name
    if row.trainer:
        consequence = _(
            "%(name)s will no longer train this cohort: they cannot open its page or "
            "add learners to it.",
            name=name,
        )
    else:
        consequence = _(
            "%(name)s leaves this cohort's page. They stay enrolled in its courses: "
            "their progress and certificates are kept.",
            name=name,
        )
    title = _("Remove %(name)s from %(cohort)s?", name=name, cohort=cohort.name)
    button = _("Remove from the cohort")
    if asked := ask_first(back, title=title, consequence=consequence, button=button):
        return asked
    services.remove_member(cohort, user_id, lms_user())
    db.session.commit()
    flash(_("Removed from the cohort."), "success")
    return redirect(back)
