"""Read the audit trail for the admin's audit log: filtered, newest first, a page at a time.

One statement reads a page of events with what the log shows of them, joined in as
columns: the actor's name, the course's title in the reader's language and the name of
what the event was done to. The number of statements stays the same however many
events there are. Pages follow event ids (keyset), so a deep page costs what the first
does and an event recorded meanwhile never shifts the pages already seen.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache

from sqlalchemy import Select, String, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import (
    AuditEvent,
    Certificate,
    Cohort,
    Course,
    CourseText,
    Module,
    ModuleText,
    Organization,
    Quiz,
    User,
)
from ..models.course import course_order
from ..models.organization import name_in
from .services import person_matches

PER_PAGE = 50
ALL = "all"
# The kinds of event the log can be narrowed to: exact action names, and the families
# (a prefix ending in ".") whose every action, present and future, belongs to the kind.
EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "content": (
        "course.create",
        "course.update",
        "course.import",
        "course.image",
        "module.add",
        "module.reorder",
        "module.remove",
        "module.retire",
        "module.keep",
        "module.draft",
        "module.discard",
        "quiz.settings",
        "quiz.questions",
    ),
    "publishing": ("course.publish", "course.review_request", "course.review"),
    "accounts": ("user.", "organization.", "course.trainer."),
    "certificates": ("certificate.",),
    "cohorts": ("cohort.",),
    "teaching": ("quiz.mark", "module.complete_for_learner"),
}


@dataclass(frozen=True)
class AuditFilters:
    """What the log is narrowed to; every filter left empty lets all events through."""

    person: str = ""  # a name, e-mail, username or mobile number of the actor or target
    course_id: int | None = None
    kind: str = ALL
    date_from: date | None = None  # the first day shown, in the reader's time zone
    date_to: date | None = None  # the last day shown, included


@dataclass(frozen=True)
class AuditRow:
    """One event as the log shows it."""

    id: int
    created_at: datetime
    action: str
    detail: dict
    actor_id: int | None
    actor_name: str | None  # None when nobody (a command) or a deleted account did it
    course_id: int | None
    course_title: str | None
    target_type: str
    target_id: int | None
    target_name: str | None  # the person, module, quiz's module, cohort, SPO or serial


@dataclass(frozen=True)
class AuditPage:
    """A page of events and the cursors of the pages around it (None: there is none)."""

    rows: list[AuditRow]
    older: int | None  # pass as ``before`` for the next older page
    newer: int | None  # pass as ``after`` for the next newer page


def course_choices(language: str) -> list[tuple[int, str]]:
    """Return every course, drafts included, as (id, title in ``language``) in catalogue order."""
    wanted, default = aliased(CourseText), aliased(CourseText)
    title = func.coalesce(wanted.title, default.title)
    query = (
        select(Course.id, title)
        .outerjoin(wanted, and_(wanted.course_id == Course.id, wanted.language == language))
        .outerjoin(
            default,
            and_(default.course_id == Course.id, default.language == Course.default_language),
        )
        .order_by(*course_order(title))
    )
    return [(row[0], row[1] or "") for row in db.session.execute(query)]


def kind_condition(kind: str):
    """Return the condition that an event's action is of ``kind`` (one of EVENT_KINDS)."""
    names = [name for name in EVENT_KINDS[kind] if not name.endswith(".")]
    families = [name for name in EVENT_KINDS[kind] if name.endswith(".")]
    return or_(
        AuditEvent.action.in_(names),
        *(AuditEvent.action.startswith(family, autoescape=True) for family in families),
    )


def utc_start_of(day: date, zone: tzinfo) -> datetime:
    """Return when ``day`` begins in ``zone`` (a ``zoneinfo`` zone), as the columns store it."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


@cache
def _page_statement() -> tuple:
    """Select events with their actor, course title and target name (bound: ``language``).

    Returns the statement and its two aliases of users, the actor and the person an event
    was about, for the person filter.
    """
    language = bindparam("language", type_=String)
    actor, person = aliased(User), aliased(User)
    course_wanted, course_default = aliased(CourseText), aliased(CourseText)
    module_wanted, module_default = aliased(ModuleText), aliased(ModuleText)
    target_module, target_course = aliased(Module), aliased(Course)
    targets = AuditEvent.target_type, AuditEvent.target_id
    module_id = case((targets[0] == "Module", targets[1]), (targets[0] == "Quiz", Quiz.module_id))
    return (
        (
            select(
                AuditEvent.id,
                AuditEvent.created_at,
                AuditEvent.action,
                AuditEvent.detail,
                AuditEvent.actor_id,
                actor.name.label("actor_name"),
                AuditEvent.course_id,
                func.coalesce(course_wanted.title, course_default.title).label("course_title"),
                AuditEvent.target_type,
                AuditEvent.target_id,
                person.name.label("person_name"),
                func.coalesce(module_wanted.title, module_default.title).label("module_title"),
                Cohort.name.label("cohort_name"),
                Organization.name.label("organization_name"),
                Organization.name_zh.label("organization_name_zh"),
                Certificate.serial.label("serial"),
            )
            .outerjoin(actor, actor.id == AuditEvent.actor_id)
            .outerjoin(Course, Course.id == AuditEvent.course_id)
            .outerjoin(
                course_wanted,
                and_(course_wanted.course_id == Course.id, course_wanted.language == language),
            )
            .outerjoin(
                course_default,
                and_(
                    course_default.course_id == Course.id,
                    course_default.language == Course.default_language,
                ),
            )
            .outerjoin(person, and_(targets[0] == "User", person.id == targets[1]))
            .outerjoin(Quiz, and_(targets[0] == "Quiz", Quiz.id == targets[1]))
            .outerjoin(target_module, target_module.id == module_id)
            .outerjoin(target_course, target_course.id == target_module.course_id)
            .outerjoin(
                module_wanted,
                and_(
                    module_wanted.module_id == target_module.id, module_wanted.language == language
                ),
            )
            .outerjoin(
                module_default,
                and_(
                    module_default.module_id == target_module.id,
                    module_default.language == target_course.default_language,
                ),
            )
            .outerjoin(Cohort, and_(targets[0] == "Cohort", Cohort.id == targets[1]))
            .outerjoin(
                Organization, and_(targets[0] == "Organization", Organization.id == targets[1])
            )
            .outerjoin(Certificate, and_(targets[0] == "Certificate", Certificate.id == targets[1]))
        ),
        actor,
        person,
    )


def _filtered(filters: AuditFilters, zone: tzinfo) -> Select:
    """Return the page statement narrowed to ``filters`` (dates read in ``zone``)."""
    query, actor, person = _page_statement()
    if filters.person:
        query = query.where(
            or_(person_matches(filters.person, actor), person_matches(filters.person, person))
        )
    if filters.course_id is not None:
        query = query.where(AuditEvent.course_id == filters.course_id)
    if filters.kind != ALL:
        query = query.where(kind_condition(filters.kind))
    if filters.date_from is not None:
        query = query.where(AuditEvent.created_at >= utc_start_of(filters.date_from, zone))
    if filters.date_to is not None:
        end = utc_start_of(filters.date_to + timedelta(days=1), zone)
        query = query.where(AuditEvent.created_at < end)
    return query


def audit_page(
    filters: AuditFilters,
    language: str,
    zone: tzinfo,
    before: int | None = None,
    after: int | None = None,
    per_page: int = PER_PAGE,
) -> AuditPage:
    """Return a page of events matching ``filters``, newest first, in one statement.

    Without a cursor the page is the newest; ``before`` gives the page older than that
    event id, ``after`` the page newer than it. Titles are in ``language``.
    """
    query = _filtered(filters, zone)
    if after is not None:
        query = query.where(AuditEvent.id > after).order_by(AuditEvent.id)
    else:
        if before is not None:
            query = query.where(AuditEvent.id < before)
        query = query.order_by(AuditEvent.id.desc())
    found = list(db.session.execute(query.limit(per_page + 1), {"language": language}))
    more = len(found) > per_page
    found = found[:per_page]
    if after is not None:
        found.reverse()
    rows = [_row(item, language) for item in found]
    if not rows:
        return AuditPage(rows, None, None)
    if after is None:  # going back in time: newer events exist if we came from them
        older, newer = more, before is not None
    else:  # going forward: the page we came from is older
        older, newer = True, more
    return AuditPage(rows, rows[-1].id if older else None, rows[0].id if newer else None)


def _row(item, language: str) -> AuditRow:
    """Turn one selected row into an :class:`AuditRow`, naming its target."""
    organization = None
    if item.organization_name is not None:
        organization = name_in(language, item.organization_name, item.organization_name_zh or "")
    target_name = (
        item.person_name or item.module_title or item.cohort_name or organization or item.serial
    )
    return AuditRow(
        id=item.id,
        created_at=item.created_at,
        action=item.action,
        detail=item.detail if isinstance(item.detail, dict) else {},
        actor_id=item.actor_id,
        actor_name=item.actor_name,
        course_id=item.course_id,
        course_title=item.course_title,
        target_type=item.target_type,
        target_id=item.target_id,
        target_name=target_name,
    )
