"""What staff see of certificates: the list they may filter, its choices, and ZIP downloads.

Coordinators see the certificates issued under their SPO, admins every one. Functions
only read.
"""

from sqlalchemy import Select, or_, select

from ..capabilities import MANAGE_COHORTS, can, visible_organization_ids
from ..curriculum.services import all_courses
from ..database import contains_pattern, count_rows
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Certificate, Cohort, CohortMember, Organization, User, cohort_course
from .serials import normalize_serial
from .services import CertificateError

ZIP_LIMIT = 200  # about 15 s of drawing (bench/README.md): keep one request short


def staff_certificates(
    viewer: User,
    organization_id: int | None = None,
    course_id: int | None = None,
    search: str = "",
    cohort_id: int | None = None,
) -> Select:
    """Return the query of the certificates ``viewer`` may list, newest first.

    Coordinators see their SPO's (the SPO a certificate was issued under), admins all.
    A cohort narrows it to its learners' certificates for its courses. ``search``
    matches the learner's name or a serial.
    """
    query = select(Certificate).order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    visible = visible_organization_ids(viewer)
    if visible is not None:
        query = query.where(Certificate.organization_id.in_(visible))
    if organization_id:
        query = query.where(Certificate.organization_id == organization_id)
    if course_id:
        query = query.where(Certificate.course_id == course_id)
    if cohort_id:
        members = select(CohortMember.user_id).where(
            CohortMember.cohort_id == cohort_id, CohortMember.trainer.is_(False)
        )
        courses = select(cohort_course.c.course_id).where(cohort_course.c.cohort_id == cohort_id)
        query = query.where(Certificate.user_id.in_(members), Certificate.course_id.in_(courses))
    search = search.strip()[:100]
    if search:
        pattern = contains_pattern(search)
        by_name = Certificate.learner_name.ilike(pattern, escape="\\")
        query = query.where(or_(by_name, Certificate.serial == (normalize_serial(search) or "")))
    return query


def staff_filter_choices(viewer: User) -> dict[str, list]:
    """Return what ``viewer`` may filter the staff list by: their SPOs, courses, cohorts."""
    organizations = select(Organization).order_by(Organization.name)
    visible = visible_organization_ids(viewer)
    if visible is not None:
        organizations = organizations.where(Organization.id.in_(visible))
    cohorts = []
    if can(viewer, MANAGE_COHORTS):
        cohorts = list(db.session.scalars(select(Cohort).order_by(Cohort.name)))
    return {
        "organizations": list(db.session.scalars(organizations)),
        "courses": all_courses(),
        "cohorts": cohorts,
    }


def zip_selection(viewer: User, **filters) -> Select:
    """Return the valid certificates ``viewer`` lists with ``filters``, for one ZIP download.

    Refuses, with :class:`CertificateError`, a selection that is empty or larger
    than :data:`ZIP_LIMIT`.
    """
    query = staff_certificates(viewer, **filters).where(Certificate.revoked_at.is_(None))
    count = count_rows(query)
    if count == 0:
        raise CertificateError(
            "filters", _l("There is no valid certificate to download with these filters.")
        )
    if count > ZIP_LIMIT:
        message = _l(
            "%(count)s certificates are too many for one download (at most %(limit)s). "
            "Choose one SPO or one course.",
            count=count,
            limit=ZIP_LIMIT,
        )
        raise CertificateError("filters", message)
    return query
