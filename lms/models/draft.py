"""Model the drafts trainers write in the browser and the reviews they ask for.

A module's draft is what its next publish will make of it; learners keep reading the
published :class:`~lms.models.course.ModuleText` until then. ``version`` counts the
draft's saves, so a save made from an older copy of the form is refused instead of
silently overwriting someone else's (optimistic concurrency, one conditional UPDATE).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .course import Course, Module

REVIEW_STATES = ("requested", "approved", "changes")


class ModuleDraft(Base):
    """The unpublished state of one module: its minutes and its texts per language."""

    __tablename__ = "lms_module_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(
        ForeignKey("lms_module.id", ondelete="CASCADE"), unique=True
    )
    minutes: Mapped[int] = mapped_column()
    required: Mapped[bool] = mapped_column(default=True)
    # Bumped by every save; a form carries the version it was read at.
    version: Mapped[int] = mapped_column(default=1)
    # The module's published revision the draft was started from (0 for a new module).
    base_revision: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_user.id", ondelete="SET NULL"), default=None
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    module: Mapped[Module] = relationship()
    texts: Mapped[list["ModuleDraftText"]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", lazy="selectin"
    )

    def text(self, language: str) -> "ModuleDraftText | None":
        """Return the draft's text in ``language``, or None when it has none."""
        return next((text for text in self.texts if text.language == language), None)


class ModuleDraftText(Base):
    """A draft's title and Markdown in one language, with the HTML its preview shows."""

    __tablename__ = "lms_module_draft_text"
    __table_args__ = (UniqueConstraint("draft_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("lms_module_draft.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text)
    # Rendered by the one sanitizing path at save time, like a published text.
    body_html: Mapped[str] = mapped_column(Text)
    # When this language last changed: the editor says which language is behind.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    draft: Mapped[ModuleDraft] = relationship(back_populates="texts")


class CourseReview(Base):
    """A trainer's request that someone review a course's drafts, and the answer."""

    __tablename__ = "lms_course_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(
        ForeignKey("lms_course.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_user.id", ondelete="SET NULL")
    )
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("lms_user.id", ondelete="SET NULL"))
    # The course's draft_version when asked; an approval holds only while it is unchanged.
    draft_version: Mapped[int] = mapped_column()
    state: Mapped[str] = mapped_column(String(20), default="requested")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)

    course: Mapped[Course] = relationship()
