"""Load what a report's URL names: 404 when it does not exist, 403 when it is not the user's.

A quiz's report is for those who run its course, as its authoring pages are:
``load_quiz`` is theirs.
"""

from flask import abort

from ..authoring.loaders import load_quiz
from ..capabilities import can_view_organization
from ..extensions import db
from ..models import Organization
from ..permissions import lms_user

__all__ = ["load_organization", "load_quiz"]


def load_organization(organization_id: int) -> Organization:
    """Return the SPO with ``organization_id`` if the current user may follow it."""
    organization = db.get_or_404(Organization, organization_id)
    if not can_view_organization(lms_user(), organization):
        abort(403)
    return organization
