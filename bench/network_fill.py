"""Fill a benchmark database with a network of SPOs, their learners and their progress.

Until ``seed-demo`` exists, this is how the HTTP benchmark checks that the page
ratios hold at a hundred times NAPP's size: 1,000 SPOs of 100 learners by
default, each learner enrolled in one to all of the published courses with a
random share of each course's modules done. Rows go in through Core inserts in
batches, not through the ORM, so a fill of 100,000 learners takes a minute or two.
"""

import random
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, insert, select

from lms.models import Course, Enrolment, Module, ModuleProgress, Organization, User

BATCH = 5_000
# Not a hash of any password: the filled learners never log in.
NO_PASSWORD = "!benchmark-fill"


def _batches(rows, size: int = BATCH):
    """Yield ``rows`` in lists of at most ``size``."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _published_modules(connection) -> dict[int, list[int]]:
    """Return each published course's active module ids, in outline order."""
    rows = connection.execute(
        select(Module.course_id, Module.id)
        .join(Course, Course.id == Module.course_id)
        .where(Course.status == "published", Module.active)
        .order_by(Module.course_id, Module.position)
    )
    modules: dict[int, list[int]] = {}
    for course_id, module_id in rows:
        modules.setdefault(course_id, []).append(module_id)
    return modules


def fill_network(url: str, spos: int, learners: int, seed: int = 11) -> int:
    """Add ``spos`` SPOs of ``learners`` learners with enrolments and progress; return rows.

    The same ``seed`` gives the same network, so two runs compare the same data.
    """
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None)
    engine = create_engine(url)
    written = 0
    with engine.begin() as connection:
        modules = _published_modules(connection)
        connection.execute(
            insert(Organization),
            [
                {
                    "slug": f"bench-spo-{number}",
                    "name": f"Benchmark cooperative {number}",
                    "enrolment_code": f"BENCH{number:06d}",
                    "created_at": now,
                }
                for number in range(spos)
            ],
        )
        first = connection.scalar(select(Organization.id).where(Organization.slug == "bench-spo-0"))
        users = (
            {
                "email": f"learner-{spo}-{number}@bench.example",
                "name": f"Learner {spo}-{number}",
                "password_hash": NO_PASSWORD,
                "role": "learner",
                "organization_id": first + spo,
                "active": True,
                "created_at": now,
                "session_token": secrets.token_hex(16),
            }
            for spo in range(spos)
            for number in range(learners)
        )
        for batch in _batches(users):
            connection.execute(insert(User), batch)
            written += len(batch)
        user_ids = connection.scalars(
            select(User.id).where(User.email.like("%@bench.example")).order_by(User.id)
        ).all()
        enrolments, progress = [], []
        for user_id in user_ids:
            for course_id in rng.sample(sorted(modules), rng.randint(1, len(modules))):
                enrolled = now - timedelta(days=rng.randint(1, 365))
                course_modules = modules[course_id]
                done = rng.randint(0, len(course_modules))
                completed = enrolled + timedelta(days=30) if done == len(course_modules) else None
                enrolments.append(
                    {
                        "user_id": user_id,
                        "course_id": course_id,
                        "enrolled_at": enrolled,
                        "completed_at": completed,
                    }
                )
                for module_id in course_modules[:done]:
                    progress.append(
                        {
                            "user_id": user_id,
                            "module_id": module_id,
                            "first_viewed_at": enrolled,
                            "last_viewed_at": enrolled,
                            "completed_at": enrolled,
                            "time_spent_seconds": rng.randint(60, 1800),
                        }
                    )
        for table, rows in ((Enrolment, enrolments), (ModuleProgress, progress)):
            for batch in _batches(rows):
                connection.execute(insert(table), batch)
                written += len(batch)
    engine.dispose()
    return written + spos
