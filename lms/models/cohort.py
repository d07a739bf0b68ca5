"""Model cohorts: training events with their place, dates, courses, trainers and members."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .course import Course
from .user import User

cohort_course = Table(
    "lms_cohort_course",
    Base.metadata,
    Column("cohort_id", ForeignKey("lms_cohort.id", ondelete="CASCADE"), primary_key=True),
    Column("course_id", ForeignKey("lms_course.id", ondelete="CASCADE"), primary_key=True),
)


class Cohort(Base):
    """A training event, such as NAPP's digital transformation training of 24 SPOs.

    Its members may come from many SPOs; its trainers follow their progress in its
    courses, and staff download its certificates together.
    """

    __tablename__ = "lms_cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    courses: Mapped[list[Course]] = relationship(secondary=cohort_course, order_by=Course.slug)
    members: Mapped[list["CohortMember"]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", passive_deletes=True
    )


class CohortMember(Base):
    """A person in a cohort, as a learner (``trainer=False``) or as one of its trainers."""

    __tablename__ = "lms_cohort_member"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("lms_cohort.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("lms_user.id", ondelete="CASCADE"), index=True)
    trainer: Mapped[bool] = mapped_column(default=False)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
