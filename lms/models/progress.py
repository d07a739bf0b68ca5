"""Model enrolments and per-module progress, keyed by stable module ids."""

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .course import Course, Module
from .user import User


class Enrolment(Base):
    """A learner taking a course; ``completed_at`` is set when every required module is."""

    __tablename__ = "lms_enrolment"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("lms_user.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(
        ForeignKey("lms_course.id", ondelete="CASCADE"), index=True
    )
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)

    user: Mapped[User] = relationship()
    course: Mapped[Course] = relationship()


class ModuleProgress(Base):
    """What one learner did with one module, whatever language they read it in."""

    __tablename__ = "lms_module_progress"
    __table_args__ = (UniqueConstraint("user_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("lms_user.id", ondelete="CASCADE"))
    module_id: Mapped[int] = mapped_column(
        ForeignKey("lms_module.id", ondelete="CASCADE"), index=True
    )
    first_viewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_viewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    time_spent_seconds: Mapped[int] = mapped_column(default=0)
    revision_completed: Mapped[int | None] = mapped_column(default=None)

    module: Mapped[Module] = relationship()
