"""Model a course's trainer's guide: Markdown per language, sanitized once at import."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class CourseGuide(Base):
    """The trainer's guide of a course in one language, for those who run the course.

    Kept out of ``lms_course`` so that listing courses never reads it.
    """

    __tablename__ = "lms_course_guide"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("lms_course.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
