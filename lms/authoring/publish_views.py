"""Publish a course's drafts after seeing what changes and whom it affects; review them.

The publish page lists each change, says whether it keeps learners' progress or
reopens the course, and counts the learners either way before the trainer confirms.
"""

from flask import abort, flash, redirect, render_template, request, url_for

from ..capabilities import RUN_COURSES
from ..extensions import db
from ..i18n import gettext as _
from ..locale import content_language
from ..models import CourseReview, Role, User
from ..permissions import lms_user, require
from . import reviews
from .blueprint import bp
from .changes import pending_changes, publish_impact
from .course_setup import working_titles
from .loaders import load_course
from .publish_forms import PublishForm, ReviewDecisionForm, ReviewRequestForm
from .publishing import PublishStale, publish_course
from .services import AuthoringError


def _review_form(course, data=None) -> ReviewRequestForm:
    form = ReviewRequestForm(formdata=data)
    form.reviewer.choices = [
        (user.id, f"{user.name} ({user.login})")
        for user in reviews.possible_reviewers(course, lms_user())
    ]
    return form


def _publish_page(course, form, review_form, status=200):
    """Render the publish page of ``course``: its changes, their impact, the review state."""
    changes = pending_changes(course)
    modules = changes.edited + changes.added + changes.retired + changes.moved + changes.quizzes
    review = reviews.latest_review(course)
    people = {
        user.id: user.name
        for user in db.session.scalars(
            db.select(User).where(
                User.id.in_([review.reviewer_id, review.requested_by_id] if review else [])
            )
        )
    }
    viewer = lms_user()
    may_decide = (
        review is not None
        and review.state == "requested"
        and review.requested_by_id != viewer.id
        and (review.reviewer_id == viewer.id or viewer.role == Role.ADMIN)
    )
    if request.method == "GET" or not form.draft_version.data:
        form.draft_version.data = str(course.draft_version)
    return (
        render_template(
            "lms/authoring/publish.html",
            course=course,
            changes=changes,
            impact=publish_impact(course),
            titles=working_titles(modules, content_language(), course.default_language),
            review=review,
            review_people=people,
            approved=reviews.approval_for(course, viewer) is not None,
            may_decide=may_decide,
            form=form,
            review_form=review_form,
        ),
        status,
    )


@bp.route("/courses/<slug>/publish", methods=["GET", "POST"])
@require(RUN_COURSES)
def publish(slug: str):
    """Show what publishing ``slug`` would change, and publish it when confirmed."""
    course = load_course(slug)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            version = int(form.draft_version.data or -1)
        except ValueError:
            version = -1
        try:
            changed = publish_course(course, lms_user(), form.note.data or "", version)
        except AuthoringError as error:
            db.session.rollback()
            form.draft_version.data = ""
            target = form.note if error.field == "note" else form.draft_version
            target.errors = [*target.errors, str(error)]
            status = 409 if isinstance(error, PublishStale) else 422
            return _publish_page(course, form, _review_form(course), status)
        db.session.commit()
        flash(
            _(
                "Published. Learners now read the new version (%(count)d modules changed).",
                count=changed,
            ),
            "success",
        )
        return redirect(url_for(".course", slug=slug))
    status = 422 if form.errors else 200
    return _publish_page(course, form, _review_form(course), status)


@bp.post("/courses/<slug>/review")
@require(RUN_COURSES)
def request_review(slug: str):
    """Ask another trainer of the course or an admin to review its drafts."""
    course = load_course(slug)
    form = _review_form(course, request.form)
    if form.validate_on_submit():
        try:
            reviews.request_review(course, lms_user(), form.reviewer.data, form.note.data or "")
        except AuthoringError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Review asked for. The reviewer finds it on this course's publish page."))
            return redirect(url_for(".publish", slug=slug))
    return _publish_page(course, PublishForm(formdata=None), form, 422)


@bp.post("/courses/<slug>/reviews/<int:review_id>")
@require(RUN_COURSES)
def decide_review(slug: str, review_id: int):
    """Approve a course's drafts, or ask for changes, as the reviewer asked."""
    course = load_course(slug)
    review = db.get_or_404(CourseReview, review_id)
    if review.course_id != course.id:
        abort(404)
    form = ReviewDecisionForm()
    if form.validate_on_submit():
        approve = request.form.get("decision") == "approve"
        try:
            reviews.decide_review(review, lms_user(), approve, form.note.data or "")
        except AuthoringError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Approved.") if approve else _("Changes asked for."), "success")
    return redirect(url_for(".publish", slug=slug))
