"""Show coordinators their SPO's progress and NAPP staff every SPO's."""

from flask import Blueprint, abort, redirect, render_template, url_for

from ..extensions import db
from ..models import Organization
from ..permissions import (
    VIEW_ALL_PROGRESS,
    VIEW_ORG_PROGRESS,
    can,
    can_view_organization,
    lms_user,
    require,
    visible_organization_ids,
)
from . import services

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.get("/")
@require(VIEW_ORG_PROGRESS)
def overview():
    """List the SPOs the caller may follow; a coordinator goes straight to their own."""
    user = lms_user()
    if not can(user, VIEW_ALL_PROGRESS):
        if user.organization_id is None:
            abort(403)
        return redirect(url_for(".organization", organization_id=user.organization_id))
    summaries = services.organization_summaries(visible_organization_ids(user))
    return render_template("lms/reports/overview.html", summaries=summaries)


@bp.get("/organizations/<int:organization_id>")
@require(VIEW_ORG_PROGRESS)
def organization(organization_id: int):
    """Show each member of one SPO and how far they are in each course."""
    organization = db.get_or_404(Organization, organization_id)
    if not can_view_organization(lms_user(), organization):
        abort(403)
    return render_template(
        "lms/reports/organization.html",
        organization=organization,
        members=services.member_reports(organization),
    )
