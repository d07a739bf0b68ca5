"""Participants in bulk: upload a list, preview it, add everyone; print their login slips.

Admins and the cohort's trainers may. Nothing is added until every row of the file is
right; the checked rows go back signed, so any app server can confirm them. Slips
give new one-time passwords, so the page asks first.
"""

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError

from ..auth.slip_views import slips_response
from ..capabilities import RUN_COURSES
from ..certificates.fonts import FontMissing
from ..extensions import db
from ..forms import ask_first
from ..i18n import gettext as _
from ..i18n import ngettext
from ..permissions import lms_user, require
from ..settings import default_region
from . import login_slips, roster
from .blueprint import bp
from .forms import ConfirmParticipantsForm, ParticipantsForm
from .loaders import load_cohort
from .roster_file import MAX_BYTES, RosterFileError, read_roster


def _preview(cohort, form, plan=None, problems=(), token=None, status=200):
    """Render what an upload would do, or why it cannot, with the form to upload again."""
    confirm = ConfirmParticipantsForm(formdata=None, rows=token) if token else None
    page = render_template(
        "lms/cohorts/participants.html",
        cohort=cohort,
        form=form,
        plan=plan,
        problems=list(problems) + (plan.problems if plan else []),
        confirm=confirm,
    )
    return page, status


@bp.post("/<int:cohort_id>/participants")
@require(RUN_COURSES)
def upload_participants(cohort_id: int):
    """Read an uploaded list of participants and show what adding it would do."""
    cohort = load_cohort(cohort_id)
    form = ParticipantsForm()
    if not form.validate_on_submit():
        return _preview(cohort, form, status=400)
    upload = form.file.data
    try:
        rows = read_roster(upload.read(MAX_BYTES + 1), upload.filename or "")
    except RosterFileError as error:
        return _preview(cohort, form, problems=[roster.Problem.of_file(error)], status=400)
    plan = roster.plan_roster(cohort, rows, default_region())
    if plan.problems:
        return _preview(cohort, form, plan, status=400)
    token = roster.roster_token(cohort, rows, current_app.secret_key)
    return _preview(cohort, ParticipantsForm(formdata=None), plan, token=token)


@bp.post("/<int:cohort_id>/participants/confirm")
@require(RUN_COURSES)
def confirm_participants(cohort_id: int):
    """Make the previewed accounts and add everyone to the cohort; all or nothing."""
    cohort = load_cohort(cohort_id)
    form = ConfirmParticipantsForm()
    fresh = ParticipantsForm(formdata=None)
    if not form.validate_on_submit():
        flash(_("This page had expired, so nothing was changed. Please try again."), "error")
        return redirect(url_for(".cohort", cohort_id=cohort.id))
    try:
        rows = roster.roster_from_token(cohort, form.rows.data, current_app.secret_key)
    except RosterFileError as error:
        return _preview(cohort, fresh, problems=[roster.Problem.of_file(error)], status=400)
    plan = roster.plan_roster(cohort, rows, default_region())
    if plan.problems:  # the academy changed since the preview
        return _preview(cohort, fresh, plan, status=400)
    result = roster.apply_roster(cohort, plan, lms_user())
    try:
        db.session.commit()
    except IntegrityError:  # someone made one of these accounts meanwhile
        db.session.rollback()
        flash(_("Some of these accounts were made meanwhile. Upload the file again."), "error")
        return redirect(url_for(".cohort", cohort_id=cohort.id))
    if plan.changes_nothing:
        flash(_("Nothing to add: everyone in the file is in the cohort already."), "success")
        return redirect(url_for(".cohort", cohort_id=cohort.id))
    flash(
        _(
            "New accounts: %(made)s. Existing accounts added: %(added)s.",
            made=len(result.made),
            added=len(result.added),
        ),
        "success",
    )
    if not result.made:
        return redirect(url_for(".cohort", cohort_id=cohort.id))
    people = ",".join(str(user.id) for user in result.made)
    return redirect(url_for(".slips", cohort_id=cohort.id, people=people))


def _people_ids(text: str) -> list[int]:
    """Return the account ids a ``people=3,4,5`` parameter lists."""
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


@bp.route("/<int:cohort_id>/slips", methods=["GET", "POST"])
@require(RUN_COURSES)
def slips(cohort_id: int):
    """List who gets a login slip; on a confirmed post, give new passwords and send the PDF.

    ``people`` narrows the list to some accounts (those an upload just made); without
    it, every learner of the cohort who has not chosen their own password yet.
    """
    cohort = load_cohort(cohort_id)
    narrow = request.values.get("people")
    ids = _people_ids(narrow) if narrow is not None else None
    people = login_slips.people_for_slips(cohort, lms_user(), ids)
    fields = {"people": narrow} if narrow is not None else {}
    here = url_for(".slips", cohort_id=cohort.id, **fields)
    if request.method == "GET":
        return render_template(
            "lms/cohorts/slips.html", cohort=cohort, people=people, fields=fields
        )
    if not people:
        flash(_("Everyone here has chosen their own password: no slip to print."), "error")
        return redirect(here)
    asked = ask_first(
        here,
        title=ngettext(
            "Print a login slip for %(num)s person?",
            "Print login slips for %(num)s people?",
            len(people),
        ),
        consequence=[
            _(
                "Each of them gets a new one-time password, printed on their slip. "
                "Passwords on slips printed before stop working."
            ),
            _("They must choose their own password when they first log in."),
        ],
        button=_("Give new passwords and download the slips"),
        fields=fields,
    )
    return asked or _slips_download(cohort, people)


def _slips_download(cohort, people):
    """Give ``people`` new starter passwords and answer with their slips as one PDF."""
    login_url = url_for("lms.auth.login", _external=True)
    printed = login_slips.issue_slips(cohort, lms_user(), people, login_url)
    try:
        response = slips_response(printed, f"login-slips-cohort-{cohort.id}.pdf")
    except FontMissing as error:
        db.session.rollback()  # no password changes without its slip
        flash(str(error), "error")
        return redirect(url_for(".slips", cohort_id=cohort.id))
    db.session.commit()
    return response
