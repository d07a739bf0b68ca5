"""Choose who in a cohort gets a login slip, and give them new starter passwords; never commits.

A slip holds a one-time password, and no password is kept in clear, so printing slips
gives each person a new one (:func:`lms.auth.services.give_starter_password`): the
passwords of earlier slips stop working.
"""

from sqlalchemy import select

from ..audit import record
from ..auth.resets import slip_of
from ..auth.services import give_starter_password
from ..auth.slips import Slip
from ..capabilities import MANAGE_USERS, can
from ..extensions import db
from ..models import Cohort, CohortMember, Role, User


def people_for_slips(cohort: Cohort, actor: User, user_ids: list[int] | None = None) -> list[User]:
    """Return the cohort's learners who have not chosen their own password yet, by name.

    ``user_ids`` narrows them to some (the accounts an upload just made). A trainer
    gets only people with the learner role, as for a password reset
    (:func:`lms.capabilities.can_reset_password`); the caller has checked they train
    the cohort.
    """
    query = (
        select(User)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(
            CohortMember.cohort_id == cohort.id,
            CohortMember.trainer.is_(False),
            User.must_change_password.is_(True),
            User.active.is_(True),
            User.id != actor.id,
        )
        .order_by(User.name, User.id)
    )
    if user_ids is not None:
        query = query.where(User.id.in_(user_ids))
    if not can(actor, MANAGE_USERS):
        query = query.where(User.role == Role.LEARNER)
    return list(db.session.scalars(query))


def issue_slips(cohort: Cohort, actor: User, people: list[User], login_url: str) -> list[Slip]:
    """Give each of ``people`` a new starter password and return their slips, in order.

    Their old passwords stop working and their sessions end; the change is audited.
    """
    slips = []
    for person in people:
        slips.append(slip_of(person, give_starter_password(person), login_url))
    record(actor, "cohort.login_slips", cohort, user_ids=[person.id for person in people])
    return slips
