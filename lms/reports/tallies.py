"""Count from scratch what the report summary holds, to rebuild it or check it.

The summary (:class:`~lms.models.ReportTally`) is kept by database triggers as the
counted rows change. :func:`counted` sums the stored enrolments, module progress and
certificates the long way, the same way the triggers do; :func:`recount` rebuilds the
summary from it (after a bulk load, say), and tests compare the two.
"""

from collections import defaultdict

from sqlalchemy import delete, func, insert, select

from ..extensions import db
from ..models import Certificate, Enrolment, Module, ModuleProgress, ReportTally, User

COUNTS = ("enrolled", "completed", "modules_completed", "certificates")
Key = tuple[int, int, str]  # SPO id, course id, month "YYYY-MM"


def month_of(column):
    """Return the SQL for a timestamp's ``YYYY-MM`` (UTC), as the triggers compute it."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)


def _count_queries():
    """One grouped query per count: SPO, course, month and how many."""
    spo = User.organization_id
    learner = (User.id, User.organization_id.is_not(None))

    def grouped(course, when, source, *where, joins=()):
        month = month_of(when)
        query = select(spo, course, month, func.count()).select_from(source)
        for target, on in joins:
            query = query.join(target, on)
        query = query.join(User, learner[0] == source.user_id).where(learner[1], *where)
        return query.group_by(spo, course, month)

    return {
        "enrolled": grouped(Enrolment.course_id, Enrolment.enrolled_at, Enrolment),
        "completed": grouped(
            Enrolment.course_id,
            Enrolment.completed_at,
            Enrolment,
            Enrolment.completed_at.is_not(None),
        ),
        "modules_completed": grouped(
            Module.course_id,
            ModuleProgress.completed_at,
            ModuleProgress,
            ModuleProgress.completed_at.is_not(None),
            joins=[(Module, Module.id == ModuleProgress.module_id)],
        ),
        "certificates": grouped(
            Certificate.course_id,
            Certificate.issued_at,
            Certificate,
            Certificate.course_id.is_not(None),
            Certificate.revoked_at.is_(None),
        ),
    }


def counted() -> dict[Key, dict[str, int]]:
    """Return every non-zero count, summed from the rows it counts."""
    totals: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for column, query in _count_queries().items():
        for organization_id, course_id, month, number in db.session.execute(query):
            totals[(organization_id, course_id, month)][column] = number
    return dict(totals)


def stored() -> dict[Key, dict[str, int]]:
    """Return every non-zero row of the summary the triggers keep."""
    rows = db.session.execute(
        select(ReportTally.organization_id, ReportTally.course_id, ReportTally.month).add_columns(
            *(getattr(ReportTally, column) for column in COUNTS)
        )
    )
    return {
        (organization_id, course_id, month): dict(zip(COUNTS, numbers, strict=True))
        for organization_id, course_id, month, *numbers in rows
        if any(numbers)
    }


def recount() -> int:
    """Replace the summary by a full recount; return the number of rows written."""
    rows = [
        {"organization_id": key[0], "course_id": key[1], "month": key[2], **numbers}
        for key, numbers in counted().items()
    ]
    db.session.execute(delete(ReportTally))
    if rows:
        db.session.execute(insert(ReportTally), rows)
    return len(rows)
