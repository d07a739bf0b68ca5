"""Seed an empty academy with a synthetic network of SPOs, their people and their history.

:func:`seed_network` is the one way in, for ``flask lms seed-demo`` and the benchmarks.
It writes through Core ``INSERT``s in large batches on the session's connection, in
the caller's transaction, and never commits. The same seed and the same day give the
same rows (all but the password hash, whose salt argon2 draws itself).
"""

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import exists, or_, select

from ..extensions import db
from ..models import Cohort, CohortMember, CourseTrainer, Organization, Role, User, cohort_course
from ..rules import RuleError
from .accounts import Accounts
from .catalogue import published_courses
from .events import plan_events, seats_of
from .history import COLUMNS, Learner, Seeding, write_enrolment
from .places import organization_rows
from .writer import BulkWriter

HISTORY_DAYS = 730
# How many courses a learner takes, and how often (per cent).
COURSE_COUNTS = ((1, 55), (2, 25), (3, 12), (4, 6), (5, 2))


class SeedingRefused(RuleError):
    """The database cannot be seeded: it holds a network already, or no course to take."""


def refuse_unless_empty() -> None:
    """Raise :class:`SeedingRefused` if any learner or SPO is in the database already."""
    learners = exists().where(User.role == Role.LEARNER)
    organizations = exists().where(Organization.id.is_not(None))
    if db.session.scalar(select(or_(learners, organizations))):
        raise SeedingRefused(
            "database", "the database already holds learners or SPOs: seed an empty one"
        )


def seed_network(learners: int, organizations: int, seed: int, password_hash: str, issuer: str):
    """Write ``organizations`` SPOs with ``learners`` learners and two years of their history.

    Every account gets ``password_hash``; certificates are issued under ``issuer``.
    History ends at the start of the current UTC day. Returns the rows written per table.
    """
    return seed_network_until(
        datetime.now(UTC).date(), learners, organizations, seed, password_hash, issuer
    )


def seed_network_until(today, learners, organizations, seed, password_hash, issuer):
    """Seed as :func:`seed_network` does, with history ending at the start of ``today``."""
    refuse_unless_empty()
    courses = published_courses()
    if not courses:
        raise SeedingRefused("courses", "no published course to enrol learners in")
    rng = random.Random(seed)
    now = datetime.combine(today, time())
    start = now - timedelta(days=HISTORY_DAYS)
    writer = BulkWriter(db.session.connection())
    for model, columns in COLUMNS.items():
        writer.define(model, columns)
    accounts = Accounts(writer, rng, password_hash)
    spos = _write_organizations(writer, rng, organizations, start)
    trainers = _write_staff(writer, accounts, courses, organizations, start)
    sizes = _spread(rng, learners, len(spos))
    events = plan_events(rng, courses, trainers, sizes, today)
    _write_events(writer, events, start)
    writer.flush()
    ctx = Seeding(
        rng=rng,
        writer=writer,
        now=now,
        issuer=issuer,
        trainer_names=_trainer_names(),
        markers={m.quiz.id: trainers[c.id][0] for c in courses for m in c.modules if m.quiz},
    )
    seats = seats_of(events)
    for index, (spo, iso) in enumerate(spos):
        accounts.coordinator(spo, iso, spo["created_at"])
        for position in range(sizes[index]):
            attending = [events[n] for n in seats.get((index, position), [])]
            _write_learner(ctx, accounts, spo, iso, courses, attending)
            writer.flush_if_full()
    # The report summary needs no recount: the database's triggers (migration 0012)
    # counted every enrolment, progress row and certificate as the batches went in.
    return writer.finish()


def _write_organizations(writer, rng, count: int, start: datetime) -> list[tuple[dict, str]]:
    """Queue ``count`` SPOs; return each row (with its id) and its country's ISO code."""
    spos = organization_rows(rng, count, start)
    for row, _iso in spos:
        row["id"] = writer.new_id(Organization)
        row["created_at"] = start - timedelta(days=rng.randint(1, 60))
        writer.add(Organization, row)
    return spos


def _write_staff(writer, accounts: Accounts, courses, organizations: int, start) -> dict:
    """Queue NAPP's trainers, an admin if there is none, and who runs which course.

    Returns the trainers of each course, by course id.
    """
    if not db.session.scalar(select(exists().where(User.role == Role.ADMIN))):
        accounts.staff(0, Role.ADMIN, start)
    trainer_ids = [
        accounts.staff(number, Role.TRAINER, start)["id"]
        for number in range(1, max(3, organizations // 50) + 1)
    ]
    trainers = {}
    for course in courses:
        chosen = sorted(accounts.rng.sample(trainer_ids, min(len(trainer_ids), 3)))
        trainers[course.id] = chosen
        for user_id in chosen:
            writer.add(
                CourseTrainer,
                {
                    "id": writer.new_id(CourseTrainer),
                    "course_id": course.id,
                    "user_id": user_id,
                    "added_at": start,
                },
            )
    return trainers


def _trainer_names() -> dict[int, str]:
    """Return the trainer names a certificate of each course prints, as issuing writes them."""
    rows = db.session.execute(
        select(CourseTrainer.course_id, User.name)
        .join(User, User.id == CourseTrainer.user_id)
        .where(User.active.is_(True))
    )
    names: dict[int, list[str]] = {}
    for course_id, name in rows:
        names.setdefault(course_id, []).append(name)
    return {course_id: ", ".join(sorted(found))[:400] for course_id, found in names.items()}


def _spread(rng, learners: int, spos: int) -> list[int]:
    """Share ``learners`` among ``spos`` SPOs unevenly, as cooperatives differ in size."""
    if not spos:
        return []
    weights = [rng.lognormvariate(0, 0.8) for _ in range(spos)]
    total = sum(weights)
    floor = 1 if learners >= spos else 0
    sizes = [max(floor, int(learners * weight / total)) for weight in weights]
    while sum(sizes) > learners:
        sizes[max(range(spos), key=sizes.__getitem__)] -= 1
    for _ in range(learners - sum(sizes)):
        sizes[rng.randrange(spos)] += 1
    return sizes


def _write_events(writer, events, start) -> None:
    """Queue each cohort with its courses and trainers; learners join as they are written."""
    for event in events:
        event.id = writer.new_id(Cohort)
        writer.add(
            Cohort,
            {
                "id": event.id,
                "name": event.name,
                "place": event.place,
                "starts_on": event.starts_on,
                "ends_on": event.ends_on,
                "created_at": max(start, event.enrolled_at - timedelta(days=30)),
            },
        )
        for course_id in event.course_ids:
            writer.add(cohort_course, {"cohort_id": event.id, "course_id": course_id})
        for user_id in event.trainer_ids:
            _join(writer, event, user_id, trainer=True)


def _join(writer, event, user_id: int, trainer: bool = False) -> None:
    writer.add(
        CohortMember,
        {
            "id": writer.new_id(CohortMember),
            "cohort_id": event.id,
            "user_id": user_id,
            "trainer": trainer,
            "added_at": event.enrolled_at,
        },
    )


def _write_learner(ctx: Seeding, accounts: Accounts, spo, iso, courses, events) -> None:
    """Queue one learner with their cohorts, enrolments and everything they did."""
    rng = ctx.rng
    enrolled = {}
    for event in events:
        for course_id in event.course_ids:
            enrolled.setdefault(course_id, event.enrolled_at)
    count = rng.choices(*zip(*COURSE_COUNTS, strict=True))[0]
    weights = [len(courses) - index for index in range(len(courses))]
    while len(enrolled) < min(count, len(courses)):
        course = rng.choices(courses, weights)[0]
        if course.id not in enrolled:
            days = rng.random() ** 1.5 * (HISTORY_DAYS - 1)  # more of late: the network grows
            enrolled[course.id] = ctx.now - timedelta(days=days + 1, minutes=rng.randint(0, 900))
    first = min(enrolled.values())
    row = accounts.learner(
        spo, iso, max(spo["created_at"], first - timedelta(days=rng.random() * 3))
    )
    learner = Learner(
        id=row["id"],
        name=row["name"],
        language="zh" if row["locale"] == "zh_Hans" else "en",
        email=row["email"],
        mobile=row["mobile"],
        organization=spo,
    )
    for event in events:
        _join(ctx.writer, event, learner.id)
    by_id = {course.id: course for course in courses}
    last = max(write_enrolment(ctx, learner, by_id[c], when) for c, when in enrolled.items())
    row["last_login_at"] = min(last, ctx.now)
