"""Create cohorts, fill them with members and trainers, and report their progress.

Functions flush but never commit: the view that calls them commits once. Adding
members is all or nothing: one unknown login changes nothing. Every
learner of a cohort is enrolled in every course of it, whichever came first;
taking a learner out of the cohort keeps their enrolments and progress.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select, update

from ..audit import record
from ..auth.identifiers import EMAIL, MOBILE, USERNAME, IdentifierError, Login
from ..auth.services import accounts_named, read_logins
from ..capabilities import MANAGE_COHORTS, can, run_course_ids
from ..database import insert_if_absent
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..learn.services import active_modules, enrol_all
from ..models import (
    Certificate,
    Cohort,
    CohortMember,
    Course,
    Enrolment,
    ModuleProgress,
    Role,
    User,
)
from ..rules import RuleError

MAX_MEMBERS_AT_ONCE = 500
# Logins are listed one per line or between commas; a mobile number may hold spaces,
# so spaces separate only e-mail addresses.
_SEPARATORS = re.compile(r"[\n,;，；、]+")


class CohortError(RuleError):
    """A cohort change the rules refuse, naming the form field at fault."""


def cohorts_for(user: User) -> list[Cohort]:
    """Return the cohorts ``user`` may open: all for admins, their own for trainers."""
    query = select(Cohort).order_by(Cohort.starts_on.desc().nulls_last(), Cohort.name)
    if not can(user, MANAGE_COHORTS):
        query = query.join(CohortMember).where(
            CohortMember.user_id == user.id, CohortMember.trainer.is_(True)
        )
    return list(db.session.scalars(query))


def may_open(user: User, cohort: Cohort) -> bool:
    """Tell whether ``user`` may see ``cohort`` and manage its members."""
    if can(user, MANAGE_COHORTS):
        return True
    return any(row.trainer and row.user_id == user.id for row in cohort.members)


def save_cohort(
    cohort: Cohort | None,
    actor: User,
    *,
    name: str,
    place: str,
    starts_on: date | None,
    ends_on: date | None,
    course_ids: list[int],
) -> Cohort:
    """Create a cohort (``cohort`` None) or change one, and enrol its learners in its courses.

    Refuses an end before the start, and a course the actor does not run (a trainer
    keeps the courses an admin attached, but attaches only their own). A trainer who
    creates a cohort becomes its trainer.
    """
    if starts_on and ends_on and ends_on < starts_on:
        raise CohortError("ends_on", _l("The last day cannot be before the first day."))
    courses = list(db.session.scalars(select(Course).where(Course.id.in_(course_ids))))
    if len(courses) != len(set(course_ids)):
        raise CohortError("courses", _l("Choose courses from the list."))
    _check_attachable(cohort, actor, set(course_ids))
    created = cohort is None
    if created:
        cohort = Cohort()
        db.session.add(cohort)
    cohort.name, cohort.place = name.strip(), place.strip()
    cohort.starts_on, cohort.ends_on = starts_on, ends_on
    cohort.courses = courses
    db.session.flush()
    if created and not can(actor, MANAGE_COHORTS):
        insert_if_absent(CohortMember, cohort_id=cohort.id, user_id=actor.id, trainer=True)
        db.session.expire(cohort, ["members"])
    enrol_all(learner_ids(cohort), [course.id for course in courses])
    record(actor, "cohort.create" if created else "cohort.update", cohort, name=cohort.name)
    return cohort


def _check_attachable(cohort: Cohort | None, actor: User, course_ids: set[int]) -> None:
    """Refuse a course ``actor`` would newly attach to ``cohort`` without running it."""
    allowed = run_course_ids(actor)
    if allowed is None:
        return
    attached = {course.id for course in cohort.courses} if cohort is not None else set()
    if course_ids - attached - set(allowed):
        raise CohortError(
            "courses", _l("You can only attach courses you run. Ask an admin for the others.")
        )


def learner_ids(cohort: Cohort) -> list[int]:
    """Return the ids of the cohort's learners (not its trainers), in one query."""
    query = select(CohortMember.user_id).where(
        CohortMember.cohort_id == cohort.id, CohortMember.trainer.is_(False)
    )
    return list(db.session.scalars(query))


def parse_logins(text: str) -> list[str]:
    """Return the e-mails, mobile numbers or usernames listed in ``text``, in order, once."""
    seen: dict[str, None] = {}
    for part in _SEPARATORS.split(text or ""):
        pieces = part.split() if "@" in part else [part.strip()]
        for piece in pieces:
            if piece:
                seen.setdefault(piece)
    return list(seen)


def accounts_for_logins(entries: list[str], regions: list[str]) -> tuple[list[User], list[str]]:
    """Return the accounts the listed logins name, and the entries that name none.

    Every entry is read first and the accounts are found in one statement.
    """
    readings: dict[str, list[Login]] = {}
    for entry in entries:
        try:
            readings[entry] = read_logins(entry, regions)
        except IdentifierError:
            readings[entry] = []
    found = accounts_named([login for logins in readings.values() for login in logins])
    by_login = {}
    for user in found:
        for kind in (EMAIL, MOBILE, USERNAME):
            if getattr(user, kind):
                by_login.setdefault(Login(kind, getattr(user, kind)), user)
    users: dict[int, User] = {}
    unknown = []
    for entry, logins in readings.items():
        user = next((by_login[login] for login in logins if login in by_login), None)
        if user is None:
            unknown.append(entry)
        else:
            users.setdefault(user.id, user)
    return list(users.values()), unknown


def add_members(
    cohort: Cohort, text: str, actor: User, regions: list[str], trainer: bool = False
) -> list[User]:
    """Add the accounts whose e-mails, mobile numbers or usernames ``text`` lists.

    All or nothing. A national mobile number is read in each of ``regions`` (the
    academy's default first). Trainers must hold the trainer or admin role. Members
    already in the cohort stay.
    """
    field = "email" if trainer else "emails"
    entries = parse_logins(text)
    if not entries:
        raise CohortError(field, _l("Write at least one e-mail address or mobile number."))
    if len(entries) > MAX_MEMBERS_AT_ONCE:
        raise CohortError(
            field, _l("Add at most %(count)d people at a time.", count=MAX_MEMBERS_AT_ONCE)
        )
    users, unknown = accounts_for_logins(entries, regions)
    if unknown:
        raise CohortError(
            field, _l("No account has these logins: %(list)s", list=", ".join(unknown))
        )
    if trainer and any(user.role not in (Role.TRAINER, Role.ADMIN) for user in users):
        raise CohortError(field, _l("A cohort's trainer must have the role trainer or admin."))
    join_cohort(cohort, users, trainer=trainer)
    action = "cohort.add_trainer" if trainer else "cohort.add_members"
    record(actor, action, cohort, user_ids=[user.id for user in users])
    return users


def join_cohort(cohort: Cohort, users: list[User], trainer: bool = False) -> None:
    """Make ``users`` members (or trainers) of ``cohort``; enrol learners in its courses.

    The caller has checked who they are and records the change.
    """
    for user in users:
        insert_if_absent(CohortMember, cohort_id=cohort.id, user_id=user.id, trainer=trainer)
    # Someone already in the cohort takes the part they are added for now.
    db.session.execute(
        update(CohortMember)
        .where(CohortMember.cohort_id == cohort.id, CohortMember.user_id.in_([u.id for u in users]))
        .values(trainer=trainer)
    )
    if not trainer:
        enrol_all([user.id for user in users], [course.id for course in cohort.courses])
    db.session.expire(cohort, ["members"])


def remove_member(cohort: Cohort, user_id: int, actor: User) -> bool:
    """Take a member or trainer out of the cohort; return whether there was one.

    Their enrolments in the cohort's courses stay, with their progress and certificates.
    """
    result = db.session.execute(
        delete(CohortMember).where(
            CohortMember.cohort_id == cohort.id, CohortMember.user_id == user_id
        )
    )
    if result.rowcount:
        record(actor, "cohort.remove_member", cohort, user_id=user_id)
        db.session.expire(cohort, ["members"])
    return bool(result.rowcount)


@dataclass(frozen=True)
class Standing:
    """One member's place in one of the cohort's courses."""

    done: int
    total: int
    completed_at: datetime | None
    certificate: Certificate | None

    @property
    def percent(self) -> int:
        """Return the share of required modules done, 0..100."""
        return 100 * self.done // self.total if self.total else 0


def cohort_progress(cohort: Cohort) -> list[tuple[User, list[Standing]]]:
    """Return each learner of the cohort with their standing in each cohort course.

    Four queries, whatever the number of members and courses.
    """
    learners = list(
        db.session.scalars(
            select(User)
            .join(CohortMember, CohortMember.user_id == User.id)
            .where(CohortMember.cohort_id == cohort.id, CohortMember.trainer.is_(False))
            .order_by(User.name, User.id)
        )
    )
    user_ids = [user.id for user in learners]
    required = {
        course.id: [m.id for m in active_modules(course) if m.required] for course in cohort.courses
    }
    course_of = {module_id: cid for cid, ids in required.items() for module_id in ids}
    done: dict[tuple[int, int], int] = {}
    rows = db.session.execute(
        select(ModuleProgress.user_id, ModuleProgress.module_id).where(
            ModuleProgress.user_id.in_(user_ids),
            ModuleProgress.module_id.in_(list(course_of)),
            ModuleProgress.completed_at.is_not(None),
        )
    )
    for user_id, module_id in rows:
        key = (user_id, course_of[module_id])
        done[key] = done.get(key, 0) + 1
    course_ids = list(required)
    completed = {
        (row.user_id, row.course_id): row.completed_at
        for row in db.session.scalars(
            select(Enrolment).where(
                Enrolment.user_id.in_(user_ids), Enrolment.course_id.in_(course_ids)
            )
        )
    }
    certificates = {
        (row.user_id, row.course_id): row
        for row in db.session.scalars(
            select(Certificate).where(
                Certificate.user_id.in_(user_ids), Certificate.course_id.in_(course_ids)
            )
        )
    }
    return [
        (
            user,
            [
                Standing(
                    done.get((user.id, course.id), 0),
                    len(required[course.id]),
                    completed.get((user.id, course.id)),
                    certificates.get((user.id, course.id)),
                )
                for course in cohort.courses
            ],
        )
        for user in learners
    ]
