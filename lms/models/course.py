"""Model courses, their ordered modules, per-language texts and revisions."""

from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

COURSE_STATUSES = ("draft", "published", "archived")


class Course(Base):
    """A course: a stable slug, texts per language and an ordered list of modules."""

    __tablename__ = "lms_course"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    version: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    default_language: Mapped[str] = mapped_column(String(10), default="en")
    languages: Mapped[str] = mapped_column(String(40), default="en")  # comma-separated
    certificate: Mapped[bool] = mapped_column(default=True)
    # Where the course stands in the catalogue (``order:`` in course.yml); None: after those
    # that have one.
    position: Mapped[int | None] = mapped_column(default=None)
    # The estimated time a trainer gives the whole course; None: the sum of its modules'.
    minutes: Mapped[int | None] = mapped_column(default=None)
    # Drafts must be approved by another trainer of the course or an admin before publishing.
    review_required: Mapped[bool] = mapped_column(default=False)
    # Counts every change to the course's drafts, so an approval holds for what was reviewed.
    draft_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    texts: Mapped[list["CourseText"]] = relationship(
        back_populates="course", cascade="all, delete-orphan", lazy="selectin"
    )
    modules: Mapped[list["Module"]] = relationship(
        back_populates="course",
        order_by="Module.position",
        cascade="all, delete-orphan",
    )
    trainers: Mapped[list["CourseTrainer"]] = relationship(
        back_populates="course", cascade="all, delete-orphan"
    )

    @property
    def language_list(self) -> list[str]:
        """Return the course's languages, default first."""
        return [code for code in self.languages.split(",") if code]

    def text(self, language: str) -> "CourseText":
        """Return the texts in ``language``, falling back to the default language."""
        by_language = {text.language: text for text in self.texts}
        return by_language.get(language) or by_language[self.default_language]


class CourseText(Base):
    """A course's title and summary in one language."""

    __tablename__ = "lms_course_text"
    __table_args__ = (UniqueConstraint("course_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("lms_course.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")

    course: Mapped[Course] = relationship(back_populates="texts")


class Module(Base):
    """One unit of a course; ``active`` is false once it left the course outline."""

    __tablename__ = "lms_module"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("lms_course.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(80))
    stem: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column()
    minutes: Mapped[int] = mapped_column(default=10)
    required: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    revision: Mapped[int] = mapped_column(default=1)
    # A change waiting for the course's next publish: "add" (a new module, not active yet)
    # or "retire" (still active until then); None when there is none.
    pending: Mapped[str | None] = mapped_column(String(10), default=None)
    # Where the module moves to at the next publish; None when it stays.
    draft_position: Mapped[int | None] = mapped_column(default=None)

    course: Mapped[Course] = relationship(back_populates="modules")
    texts: Mapped[list["ModuleText"]] = relationship(
        back_populates="module", cascade="all, delete-orphan", lazy="selectin"
    )
    quiz: Mapped["Quiz | None"] = relationship(  # noqa: F821 (defined in .quiz)
        back_populates="module", cascade="all, delete-orphan"
    )
    attachments: Mapped[list["ModuleAttachment"]] = relationship(  # noqa: F821 (in .attachment)
        cascade="all, delete-orphan", order_by="ModuleAttachment.position"
    )

    def text(self, language: str) -> "ModuleText":
        """Return the module in ``language``, falling back to the course's default."""
        by_language = {text.language: text for text in self.texts}
        return by_language.get(language) or by_language[self.course.default_language]


class ModuleText(Base):
    """A module's current title, Markdown and sanitized HTML in one language."""

    __tablename__ = "lms_module_text"
    __table_args__ = (UniqueConstraint("module_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("lms_module.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text)
    # Rendered and sanitized once when saved; pages never render Markdown per request.
    body_html: Mapped[str] = mapped_column(Text)

    module: Mapped[Module] = relationship(back_populates="texts")


class ModuleRevision(Base):
    """A saved state of one language of a module: who changed it, when, to what."""

    __tablename__ = "lms_module_revision"
    __table_args__ = (UniqueConstraint("module_id", "language", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(
        ForeignKey("lms_module.id", ondelete="CASCADE"), index=True
    )
    revision: Mapped[int] = mapped_column()
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text)
    minutes: Mapped[int] = mapped_column()
    source: Mapped[str] = mapped_column(String(40), default="import")
    # What the publisher said the change was for.
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_user.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    module: Mapped[Module] = relationship()


class CourseTrainer(Base):
    """A trainer who runs a course: sees its quiz attempts and marks its essays."""

    __tablename__ = "lms_course_trainer"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("lms_course.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("lms_user.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    course: Mapped[Course] = relationship(back_populates="trainers")
    user: Mapped["User"] = relationship()  # noqa: F821 (defined in .user)


def course_order(title: ColumnElement | None = None) -> tuple:
    """Order courses as learners should meet them: by position (none last), then by title.

    ``title`` is the title a list shows; by default the course's default-language title.
    """
    if title is None:
        title = (
            select(CourseText.title)
            .where(CourseText.course_id == Course.id)
            .where(CourseText.language == Course.default_language)
            .correlate(Course)
            .scalar_subquery()
        )
    return (Course.position.is_(None), Course.position, title, Course.slug)
