"""Read what a course page and a module page show in one statement of columns.

These are the pages learners open most, on phones over a weak signal, so they read
no objects: one ``SELECT`` over the course's active modules, their titles in the
reader's language (else the course's), the learner's progress and enrolment, and the
quiz of each module, returns the outline, the learner's place in it and, for a
module page, the body of the module asked for and the list of its files.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Integer, Select, String, and_, bindparam, case, cast, exists, func, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..models import (
    Certificate,
    Course,
    CourseText,
    Enrolment,
    Module,
    ModuleAttachment,
    ModuleProgress,
    ModuleText,
    Question,
    Quiz,
)
from .services import Progress


@dataclass(frozen=True)
class Revocation:
    """When and why an admin revoked the learner's certificate for a course."""

    at: datetime
    reason: str


@dataclass(frozen=True)
class OutlineModule:
    """One module of the course outline, as the page links to it."""

    id: int
    slug: str
    title: str
    language: str  # the language ``title`` is in
    minutes: int
    required: bool
    completed: bool
    quiz_questions: int  # 0 when the module has no quiz a learner must pass
    pass_mark: int | None


@dataclass(frozen=True)
class CourseOutline:
    """A course, its active modules in order, and one learner's progress through them."""

    id: int
    slug: str
    title: str
    summary: str
    status: str
    enrolled: bool
    completed_at: datetime | None
    certificate_serial: str | None  # of the learner's certificate, unless it was revoked
    modules: list[OutlineModule]
    revocation: Revocation | None = None  # of the learner's certificate, if it was revoked

    @property
    def progress(self) -> Progress:
        """Return the learner's progress through the required modules."""
        required = [item for item in self.modules if item.required]
        left = [item for item in required if not item.completed]
        return Progress(
            done=len(required) - len(left),
            total=len(required),
            minutes_left=sum(item.minutes for item in left),
        )

    @property
    def resume(self) -> OutlineModule | None:
        """Return the first module the learner has not completed."""
        return next((item for item in self.modules if not item.completed), None)

    def after(self, module_slug: str) -> OutlineModule | None:
        """Return the module that follows ``module_slug`` in the outline, if any."""
        slugs = [item.slug for item in self.modules]
        if module_slug not in slugs:
            return None
        index = slugs.index(module_slug) + 1
        return self.modules[index] if index < len(self.modules) else None


@dataclass(frozen=True)
class Download:
    """One file the module offers, as its list shows it (the bytes are not read)."""

    filename: str
    title: str
    content_type: str
    size: int  # bytes

    @property
    def size_text(self) -> str:
        """Say the size as people read it: "24 KB", "1.2 MB" (kilobytes rounded up)."""
        if self.size < 1000 * 1024:
            return f"{max(1, -(-self.size // 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class ModulePage:
    """The module asked for, in its course outline, with its body."""

    course: CourseOutline
    module: OutlineModule
    body_html: str  # sanitized when saved (lms.content.markdown)
    position: int  # 1-based
    downloads: tuple[Download, ...] = ()  # in the reader's language, else the course's

    @property
    def previous(self) -> OutlineModule | None:
        """Return the module before this one, if any."""
        return self.course.modules[self.position - 2] if self.position > 1 else None

    @property
    def following(self) -> OutlineModule | None:
        """Return the module after this one, if any."""
        modules = self.course.modules
        return modules[self.position] if self.position < len(modules) else None


def own_certificate(user_id):
    """Join condition: ``user_id``'s certificate for the course, revoked or not."""
    return and_(Certificate.course_id == Course.id, Certificate.user_id == user_id)


def certificate_columns() -> list:
    """Columns of the joined certificate: its serial unless revoked, and its revocation."""
    return [
        case((Certificate.revoked_at.is_(None), Certificate.serial)).label("certificate_serial"),
        Certificate.revoked_at.label("certificate_revoked_at"),
        Certificate.revoked_reason.label("certificate_revoked_reason"),
    ]


def revocation(row) -> Revocation | None:
    """Return the revocation of the certificate a row of :func:`certificate_columns` read."""
    if row.certificate_revoked_at is None:
        return None
    return Revocation(at=row.certificate_revoked_at, reason=row.certificate_revoked_reason or "")


@cache
def _query() -> Select:
    """Select one row per active module of the course (one row if it has none).

    Each text is read in ``language`` when it exists, else in the course's default
    language; only the module asked for carries its body. Built once per process with
    bound parameters (``course_slug``, ``module_slug``, ``language``, ``user_id``):
    building it costs more than running it.
    """
    course_slug = bindparam("course_slug", type_=String)
    module_slug = bindparam("module_slug", type_=String)
    language = bindparam("language", type_=String)
    user_id = bindparam("user_id", type_=Integer)
    course_wanted, course_default = aliased(CourseText), aliased(CourseText)
    wanted, default = aliased(ModuleText), aliased(ModuleText)
    questions = (
        select(func.count())
        .where(Question.quiz_id == Quiz.id, Question.active.is_(True))
        .correlate(Quiz)
        .scalar_subquery()
    )
    asked = Module.slug == module_slug
    # Joining the files would repeat every outline row; one aggregated column of the module
    # asked for keeps the page at one statement.
    default_language = Course.default_language
    return (
        select(
            Course.id.label("course_id"),
            Course.status.label("course_status"),
            func.coalesce(course_wanted.title, course_default.title).label("course_title"),
            func.coalesce(course_wanted.summary, course_default.summary).label("course_summary"),
            Enrolment.id.label("enrolment_id"),
            Enrolment.completed_at.label("course_completed_at"),
            *certificate_columns(),
            Module.id,
            Module.slug,
            Module.minutes,
            Module.required,
            func.coalesce(wanted.title, default.title).label("title"),
            case((wanted.id.is_not(None), language), else_=default_language).label("language"),
            case((asked, func.coalesce(wanted.body_html, default.body_html))).label("body_html"),
            ModuleProgress.completed_at,
            Quiz.pass_mark,
            case((Quiz.id.is_not(None), questions), else_=0).label("quiz_questions"),
            case((asked, _downloads(language))).label("downloads"),
        )
        .select_from(Course)
        .outerjoin(Module, and_(Module.course_id == Course.id, Module.active.is_(True)))
        .join(
            course_default,
            and_(
                course_default.course_id == Course.id,
                course_default.language == default_language,
            ),
        )
        .outerjoin(
            course_wanted,
            and_(course_wanted.course_id == Course.id, course_wanted.language == language),
        )
        .outerjoin(
            default, and_(default.module_id == Module.id, default.language == default_language)
        )
        .outerjoin(wanted, and_(wanted.module_id == Module.id, wanted.language == language))
        .outerjoin(Enrolment, and_(Enrolment.course_id == Course.id, Enrolment.user_id == user_id))
        .outerjoin(Certificate, own_certificate(user_id))
        .outerjoin(
            ModuleProgress,
            and_(ModuleProgress.module_id == Module.id, ModuleProgress.user_id == user_id),
        )
        .outerjoin(Quiz, and_(Quiz.module_id == Module.id, Quiz.active.is_(True)))
        .where(Course.slug == course_slug)
        .order_by(Module.position)
    )


# Fields and records of the aggregated list: control characters no title or file name holds
# (lms.content.course_attachments refuses them).
_FIELD, _RECORD = "\x1f", "\x1e"


def _downloads(language):
    """Aggregate the module's files in ``language``, or in the course's if it has none."""
    own = aliased(ModuleAttachment)
    has_own = exists().where(own.module_id == Module.id, own.language == language)
    file = ModuleAttachment
    record = (
        cast(file.position, String)
        + _FIELD
        + file.filename
        + _FIELD
        + file.title
        + _FIELD
        + file.content_type
        + _FIELD
        + cast(file.size, String)
    )
    return (
        select(func.aggregate_strings(record, _RECORD))
        .where(
            file.module_id == Module.id,
            file.language == case((has_own, language), else_=Course.default_language),
        )
        .correlate(Module, Course)
        .scalar_subquery()
    )


def _parse_downloads(text: str | None) -> tuple[Download, ...]:
    """Turn the aggregated column back into the module's files, in their order."""
    if not text:
        return ()
    records = sorted(
        (int(position), Download(filename, title, content_type, int(size)))
        for position, filename, title, content_type, size in (
            record.split(_FIELD) for record in text.split(_RECORD)
        )
    )
    return tuple(download for _, download in records)


def _outline_module(row) -> OutlineModule:
    return OutlineModule(
        id=row.id,
        slug=row.slug,
        title=row.title,
        language=row.language,
        minutes=row.minutes,
        required=row.required,
        completed=row.completed_at is not None,
        quiz_questions=row.quiz_questions,
        pass_mark=row.pass_mark if row.quiz_questions else None,
    )


def _rows(course_slug: str, module_slug: str, language: str, user_id: int | None) -> list:
    parameters = {
        "course_slug": course_slug,
        "module_slug": module_slug,
        "language": language,
        "user_id": user_id,
    }
    return db.session.execute(_query(), parameters).all()


def _outline(course_slug: str, rows) -> CourseOutline:
    first = rows[0]
    return CourseOutline(
        id=first.course_id,
        slug=course_slug,
        title=first.course_title,
        summary=first.course_summary,
        status=first.course_status,
        enrolled=first.enrolment_id is not None,
        completed_at=first.course_completed_at,
        certificate_serial=first.certificate_serial,
        modules=[_outline_module(row) for row in rows if row.id is not None],
        revocation=revocation(first),
    )


def course_outline(course_slug: str, language: str, user_id: int | None) -> CourseOutline | None:
    """Return course ``course_slug`` with ``user_id``'s progress; None if there is none.

    Whether the user may see the course is the caller's to decide, from ``status``
    and ``enrolled``.
    """
    rows = _rows(course_slug, "", language, user_id)
    return _outline(course_slug, rows) if rows else None


def module_page(
    course_slug: str, module_slug: str, language: str, user_id: int
) -> ModulePage | None:
    """Return the page of module ``module_slug`` of course ``course_slug`` for ``user_id``.

    None when there is no such course or no such active module; visibility as in
    :func:`course_outline`.
    """
    rows = _rows(course_slug, module_slug, language, user_id)
    index = next((i for i, row in enumerate(rows) if row.slug == module_slug), None)
    if index is None:
        return None
    course = _outline(course_slug, rows)
    return ModulePage(
        course=course,
        module=course.modules[index],
        body_html=rows[index].body_html,
        position=index + 1,
        downloads=_parse_downloads(rows[index].downloads),
    )
