"""Let a trainer record modules, or a whole course, as completed for a learner.

For a learner who did the work away from the app (at a training event, on
paper), the trainer's completion goes through ``learn.services.complete_module``,
the same path as the learner's own click or quiz pass, so the course completes
and the certificate is issued the same way. Functions flush but never commit.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..audit import record
from ..extensions import db
from ..learn.services import active_modules, complete_module, progress_by_module
from ..models import Certificate, Course, Enrolment, Module, ModuleProgress, User


@dataclass(frozen=True)
class LearnerRow:
    """One enrolled learner on a course's learners page."""

    user: User
    done: int
    completed_at: datetime | None
    certificate: Certificate | None


def course_learners(course: Course) -> list[LearnerRow]:
    """Return the course's enrolled learners with their count of completed modules.

    Three queries, whatever the number of learners.
    """
    required = [module.id for module in active_modules(course) if module.required]
    done = dict(
        db.session.execute(
            select(ModuleProgress.user_id, func.count())
            .where(ModuleProgress.module_id.in_(required), ModuleProgress.completed_at.is_not(None))
            .group_by(ModuleProgress.user_id)
        ).all()
    )
    certificates = {
        row.user_id: row
        for row in db.session.scalars(select(Certificate).where(Certificate.course_id == course.id))
    }
    enrolments = db.session.execute(
        select(Enrolment, User)
        .join(User, User.id == Enrolment.user_id)
        .where(Enrolment.course_id == course.id)
        .order_by(User.name, User.id)
    )
    return [
        LearnerRow(user, done.get(user.id, 0), enrolment.completed_at, certificates.get(user.id))
        for enrolment, user in enrolments
    ]


def enrolled_learner(course: Course, user_id: int) -> User | None:
    """Return the user ``user_id`` if they are enrolled in ``course``."""
    query = (
        select(User)
        .join(Enrolment, Enrolment.user_id == User.id)
        .where(Enrolment.course_id == course.id, User.id == user_id)
    )
    return db.session.scalar(query)


def modules_left(learner: User, course: Course) -> list[Module]:
    """Return the active modules ``learner`` has not completed, in outline order."""
    rows = progress_by_module(learner, course)
    return [
        module
        for module in active_modules(course)
        if module.id not in rows or rows[module.id].completed_at is None
    ]


def complete_for(learner: User, modules: list[Module], trainer: User, issuer: str) -> None:
    """Record ``modules`` as completed for ``learner`` on the trainer's word, and audit it."""
    for module in modules:
        complete_module(learner, module, issuer)
        record(
            trainer,
            "module.complete_for_learner",
            learner,
            course=module.course.slug,
            module=module.slug,
        )
