"""Model a course's cover picture, stored with the course so every app server can send it."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class CourseCover(Base):
    """The picture a course is shown with: its file name, type, bytes and their hash.

    Kept in a table of its own so that listing courses never reads the bytes.
    """

    __tablename__ = "lms_course_cover"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("lms_course.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of data: the ETag
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
