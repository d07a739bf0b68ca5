"""Decide who may do what: one table of role capabilities and the queries it scopes.

Pure rules, with no request in sight: services and views alike ask ``can`` and
scope their queries with ``visible_organization_ids`` or ``run_course_ids``, so
changing an id in a URL never shows another SPO's members. The web side (who is
asking, and the decorator that refuses) lives in :mod:`lms.permissions`.
"""

from .extensions import db
from .models import CohortMember, Course, CourseTrainer, Organization, Role, User

LEARN = "learn"
VIEW_ORG_PROGRESS = "view_org_progress"
VIEW_ALL_PROGRESS = "view_all_progress"
MANAGE_ORGANIZATIONS = "manage_organizations"
MANAGE_USERS = "manage_users"
RUN_COURSES = "run_courses"
RUN_ALL_COURSES = "run_all_courses"
REVOKE_CERTIFICATES = "revoke_certificates"
MANAGE_COHORTS = "manage_cohorts"
CREATE_COHORTS = "create_cohorts"
# Giving someone a new one-time password: which people depends on the role
# (can_reset_password).
RESET_PASSWORDS = "reset_passwords"
# Reading the audit trail: who changed content, published, or changed roles and accounts.
VIEW_AUDIT_LOG = "view_audit_log"

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.LEARNER: frozenset({LEARN}),
    Role.TRAINER: frozenset({LEARN, RUN_COURSES, CREATE_COHORTS, RESET_PASSWORDS}),
    Role.COORDINATOR: frozenset({LEARN, VIEW_ORG_PROGRESS, RESET_PASSWORDS}),
    Role.ADMIN: frozenset(
        {
            LEARN,
            VIEW_ORG_PROGRESS,
            VIEW_ALL_PROGRESS,
            MANAGE_ORGANIZATIONS,
            MANAGE_USERS,
            RUN_COURSES,
            RUN_ALL_COURSES,
            REVOKE_CERTIFICATES,
            MANAGE_COHORTS,
            CREATE_COHORTS,
            RESET_PASSWORDS,
            VIEW_AUDIT_LOG,
        }
    ),
}


def can(user: User | None, capability: str) -> bool:
    """Tell whether ``user`` holds ``capability`` through their role."""
    return user is not None and capability in CAPABILITIES.get(user.role, frozenset())


def can_view_organization(user: User | None, organization: Organization) -> bool:
    """Tell whether ``user`` may see the progress of ``organization``'s members."""
    if can(user, VIEW_ALL_PROGRESS):
        return True
    return can(user, VIEW_ORG_PROGRESS) and user.organization_id == organization.id


def visible_organization_ids(user: User) -> list[int] | None:
    """Return the SPO ids whose members ``user`` may follow; None means all of them."""
    if can(user, VIEW_ALL_PROGRESS):
        return None
    if can(user, VIEW_ORG_PROGRESS) and user.organization_id is not None:
        return [user.organization_id]
    return []


def can_run_course(user: User | None, course: Course) -> bool:
    """Tell whether ``user`` runs ``course``: sees its attempts, key and quiz settings."""
    if can(user, RUN_ALL_COURSES):
        return True
    return can(user, RUN_COURSES) and any(row.user_id == user.id for row in course.trainers)


def can_create_courses(user: User | None) -> bool:
    """Tell whether ``user`` may start new courses: admins, and trainers an admin allowed."""
    if can(user, RUN_ALL_COURSES):
        return True
    return can(user, RUN_COURSES) and user.creates_courses


def run_course_ids(user: User) -> list[int] | None:
    """Return the ids of the courses ``user`` runs; None means all of them."""
    if can(user, RUN_ALL_COURSES):
        return None
    if not can(user, RUN_COURSES):
        return []
    query = db.select(CourseTrainer.course_id).where(CourseTrainer.user_id == user.id)
    return list(db.session.scalars(query))


def can_reset_password(user: User | None, person: User) -> bool:
    """Tell whether ``user`` may give ``person`` a new one-time password.

    Admins may for anyone but themselves; a coordinator for a learner of their own SPO;
    a trainer for a learner in a cohort they train. Nobody resets their own this way.
    """
    if not can(user, RESET_PASSWORDS) or user.id == person.id:
        return False
    if can(user, MANAGE_USERS):
        return True
    if person.role != Role.LEARNER:
        return False
    own_spo = user.organization_id is not None and person.organization_id == user.organization_id
    if can(user, VIEW_ORG_PROGRESS) and own_spo:
        return True
    if can(user, RUN_COURSES):
        trained = db.select(CohortMember.cohort_id).where(
            CohortMember.user_id == user.id, CohortMember.trainer.is_(True)
        )
        query = db.select(CohortMember.id).where(
            CohortMember.user_id == person.id,
            CohortMember.trainer.is_(False),
            CohortMember.cohort_id.in_(trained),
        )
        return db.session.scalar(query.limit(1)) is not None
    return False
