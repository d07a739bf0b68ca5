"""Load the cohort a URL names: 404 when it does not exist, 403 when it is not the user's."""

from flask import abort

from ..capabilities import MANAGE_COHORTS, can
from ..extensions import db
from ..models import Cohort, CohortMember
from ..permissions import lms_user
from . import services


def load_managed_cohort(cohort_id: int) -> Cohort:
    """Return the cohort with ``cohort_id`` for an admin, who may open every one."""
    return db.get_or_404(Cohort, cohort_id)


def load_cohort(cohort_id: int) -> Cohort:
    """Return the cohort with ``cohort_id`` if the current user may open it."""
    cohort = load_managed_cohort(cohort_id)
    if not services.may_open(lms_user(), cohort):
        abort(403)
    return cohort


def load_removable_member(cohort: Cohort, user_id: int) -> CohortMember:
    """Return ``cohort``'s row for ``user_id``; only admins may take out a trainer."""
    row = next((row for row in cohort.members if row.user_id == user_id), None)
    if row is None:
        abort(404)
    if row.trainer and not can(lms_user(), MANAGE_COHORTS):
        abort(403)
    return row
