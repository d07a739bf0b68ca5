"""Read course lists in one statement: titles, module counts and a learner's progress.

The catalogue is the academy's busiest page and the dashboard the learner's home, so
they read columns, not courses with their modules and texts: one ``SELECT`` whatever
the number of courses, with the learner's progress and certificate joined in.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import (
    Integer,
    Select,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import Certificate, Course, CourseText, Enrolment, Module, ModuleProgress
from ..models.course import course_order
from .outline import Revocation, certificate_columns, own_certificate, revocation
from .services import Progress


@dataclass(frozen=True)
class CatalogueEntry:
    """One published course as the catalogue lists it."""

    slug: str
    title: str
    summary: str
    modules: int
    minutes: int
    progress: Progress | None  # None unless the visitor is enrolled
    completed_at: datetime | None = None
    certificate_serial: str | None = None  # of a certificate that is not revoked
    resume_slug: str | None = None  # on the dashboard: the first module not yet completed
    revocation: Revocation | None = None  # of the learner's certificate, if it was revoked


def _outline_totals():
    """Per course: active modules and their minutes, required ones and theirs."""
    required = Module.required.is_(True)
    return (
        select(
            Module.course_id,
            func.count().label("modules"),
            func.coalesce(func.sum(Module.minutes), 0).label("minutes"),
            func.count().filter(required).label("required"),
            func.coalesce(func.sum(Module.minutes).filter(required), 0).label("required_minutes"),
        )
        .where(Module.active.is_(True))
        .group_by(Module.course_id)
        .subquery()
    )


def _done_totals(user_id):
    """Per course: the required active modules ``user_id`` completed, and their minutes."""
    return (
        select(
            Module.course_id,
            func.count().label("done"),
            func.coalesce(func.sum(Module.minutes), 0).label("done_minutes"),
        )
        .join(ModuleProgress, ModuleProgress.module_id == Module.id)
        .where(
            ModuleProgress.user_id == user_id,
            ModuleProgress.completed_at.is_not(None),
            Module.active.is_(True),
            Module.required.is_(True),
        )
        .group_by(Module.course_id)
        .subquery()
    )


LANGUAGE = bindparam("language", type_=String)
USER_ID = bindparam("user_id", type_=Integer)


def _courses(with_user: bool) -> Select:
    """Select each course's texts and totals, and the user's enrolment and progress.

    The statements are built once per process (see the functions below) and run with
    the bound ``language`` and ``user_id``: building one costs more than running it.
    """
    language, user_id = LANGUAGE, USER_ID
    wanted, default = aliased(CourseText), aliased(CourseText)
    default_language = Course.default_language
    totals = _outline_totals()
    columns = [
        Course.slug,
        func.coalesce(wanted.title, default.title).label("title"),
        func.coalesce(wanted.summary, default.summary).label("summary"),
        func.coalesce(totals.c.modules, 0).label("modules"),
        func.coalesce(totals.c.minutes, 0).label("minutes"),
        func.coalesce(totals.c.required, 0).label("required"),
        func.coalesce(totals.c.required_minutes, 0).label("required_minutes"),
    ]
    query = (
        select(*columns)
        .join(default, and_(default.course_id == Course.id, default.language == default_language))
        .outerjoin(wanted, and_(wanted.course_id == Course.id, wanted.language == language))
        .outerjoin(totals, totals.c.course_id == Course.id)
    )
    if not with_user:
        return query
    done = _done_totals(user_id)
    return (
        query.add_columns(
            Enrolment.id.label("enrolment_id"),
            Enrolment.completed_at,
            func.coalesce(done.c.done, 0).label("done"),
            func.coalesce(done.c.done_minutes, 0).label("done_minutes"),
            *certificate_columns(),
        )
        .outerjoin(Enrolment, and_(Enrolment.course_id == Course.id, Enrolment.user_id == user_id))
        .outerjoin(done, done.c.course_id == Course.id)
        .outerjoin(Certificate, own_certificate(user_id))
    )


def catalogue(language: str, user_id: int | None = None) -> list[CatalogueEntry]:
    """Return the published courses in their order, then by title, in ``language`` or else
    each course's default.

    With ``user_id``, each course the user is enrolled in carries their progress.
    """
    parameters = {"language": language, "user_id": user_id}
    rows = db.session.execute(_catalogue_query(user_id is not None), parameters)
    return [_entry(row, user_id is not None) for row in rows]


def enrolled_courses(language: str, user_id: int) -> list[CatalogueEntry]:
    """Return the courses ``user_id`` is enrolled in, whatever their status: unfinished
    first, each group in the catalogue's order."""
    rows = db.session.execute(_enrolled_query(), {"language": language, "user_id": user_id})
    return [_entry(row, True) for row in rows]


@cache
def _catalogue_query(with_user: bool) -> Select:
    query = _courses(with_user).where(Course.status == "published")
    return query.order_by(*course_order(literal_column("title")))


def _resume_slug():
    """Per course row: the slug of the first active module ``user_id`` has not completed."""
    completed = exists().where(
        ModuleProgress.module_id == Module.id,
        ModuleProgress.user_id == USER_ID,
        ModuleProgress.completed_at.is_not(None),
    )
    return (
        select(Module.slug)
        .where(Module.course_id == Course.id, Module.active.is_(True), ~completed)
        .order_by(Module.position)
        .limit(1)
        .correlate(Course)
        .scalar_subquery()
    )


@cache
def _enrolled_query() -> Select:
    return (
        _courses(True)
        .add_columns(_resume_slug().label("resume_slug"))
        .where(Enrolment.id.is_not(None))
        .order_by(Enrolment.completed_at.is_not(None), *course_order(literal_column("title")))
    )


def _entry(row, with_progress: bool) -> CatalogueEntry:
    progress = None
    if with_progress and row.enrolment_id is not None:
        progress = Progress(
            done=row.done,
            total=row.required,
            minutes_left=row.required_minutes - row.done_minutes,
        )
    return CatalogueEntry(
        slug=row.slug,
        title=row.title,
        summary=row.summary,
        modules=row.modules,
        minutes=row.minutes,
        progress=progress,
        completed_at=row.completed_at if with_progress else None,
        certificate_serial=row.certificate_serial if with_progress else None,
        resume_slug=row._mapping.get("resume_slug"),
        revocation=revocation(row) if with_progress else None,
    )
