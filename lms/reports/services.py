"""Compute progress across learners with a few grouped queries, never one per row."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from ..extensions import db
from ..learn.services import percent
from ..models import Course, Enrolment, Module, ModuleProgress, Organization, User


@dataclass
class CourseStanding:
    """One learner's standing in one course."""

    course: Course
    done: int
    total: int
    enrolled_at: datetime
    completed_at: datetime | None

    @property
    def percent(self) -> int:
        """Return the share of required modules done, 0..100."""
        return percent(self.done, self.total)


@dataclass
class MemberReport:
    """A member of an SPO and their standing in each course they took."""

    user: User
    courses: list[CourseStanding] = field(default_factory=list)


@dataclass
class OrganizationSummary:
    """Headline numbers of one SPO."""

    organization: Organization
    members: int
    enrolments: int
    completions: int

    @property
    def completion_rate(self) -> int:
        """Return the share of enrolments that are complete, 0..100."""
        return percent(self.completions, self.enrolments)


def required_module_counts() -> dict[int, int]:
    """Return the number of required, active modules of each course."""
    rows = db.session.execute(
        select(Module.course_id, func.count())
        .where(Module.active.is_(True), Module.required.is_(True))
        .group_by(Module.course_id)
    )
    return dict(rows.all())


def member_reports(organization: Organization) -> list[MemberReport]:
    """Return every member of ``organization`` with their progress in each course."""
    members = db.session.scalars(
        select(User).where(User.organization_id == organization.id).order_by(User.name)
    ).all()
    reports = {member.id: MemberReport(member) for member in members}
    done_rows = db.session.execute(
        select(ModuleProgress.user_id, Module.course_id, func.count())
        .join(Module, Module.id == ModuleProgress.module_id)
        .join(User, User.id == ModuleProgress.user_id)
        .where(
            User.organization_id == organization.id,
            ModuleProgress.completed_at.is_not(None),
            Module.active.is_(True),
            Module.required.is_(True),
        )
        .group_by(ModuleProgress.user_id, Module.course_id)
    )
    done = {(user_id, course_id): count for user_id, course_id, count in done_rows}
    totals = required_module_counts()
    enrolments = db.session.scalars(
        select(Enrolment)
        .join(User, User.id == Enrolment.user_id)
        .where(User.organization_id == organization.id)
        .order_by(Enrolment.enrolled_at)
    )
    for enrolment in enrolments:
        reports[enrolment.user_id].courses.append(
            CourseStanding(
                course=enrolment.course,
                done=done.get((enrolment.user_id, enrolment.course_id), 0),
                total=totals.get(enrolment.course_id, 0),
                enrolled_at=enrolment.enrolled_at,
                completed_at=enrolment.completed_at,
            )
        )
    return list(reports.values())


def organization_summaries(
    organization_ids: list[int] | None,
) -> list[OrganizationSummary]:
    """Return headline numbers for the given SPOs (None: all of them)."""
    query = select(Organization).order_by(Organization.name)
    if organization_ids is not None:
        query = query.where(Organization.id.in_(organization_ids))
    organizations = db.session.scalars(query).all()
    members = dict(
        db.session.execute(
            select(User.organization_id, func.count()).group_by(User.organization_id)
        ).all()
    )
    enrolment_rows = db.session.execute(
        select(
            User.organization_id,
            func.count(Enrolment.id),
            func.count(Enrolment.completed_at),
        )
        .join(User, User.id == Enrolment.user_id)
        .group_by(User.organization_id)
    ).all()
    enrolments = {row[0]: (row[1], row[2]) for row in enrolment_rows}
    return [
        OrganizationSummary(
            organization=organization,
            members=members.get(organization.id, 0),
            enrolments=enrolments.get(organization.id, (0, 0))[0],
            completions=enrolments.get(organization.id, (0, 0))[1],
        )
        for organization in organizations
    ]
