"""Model issued certificates: a snapshot that outlives edits to the course and the learner."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .course import Course
from .organization import name_in
from .user import User


class Certificate(Base):
    """One learner's certificate for one course, issued once, when the course is complete.

    Names and titles are copied at issue time, so renaming, editing or archiving the
    course (or the SPO) never changes what a certificate says.
    """

    __tablename__ = "lms_certificate"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("lms_user.id", ondelete="RESTRICT"))
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_course.id", ondelete="SET NULL"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_organization.id", ondelete="SET NULL"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    learner_name: Mapped[str] = mapped_column(String(120))
    organization_name: Mapped[str] = mapped_column(String(200), default="")
    organization_name_zh: Mapped[str] = mapped_column(String(200), default="")
    course_slug: Mapped[str] = mapped_column(String(80))
    course_version: Mapped[int] = mapped_column(default=1)
    # {language: title} of the course at issue time.
    course_titles: Mapped[dict] = mapped_column(JSON)
    trainer_names: Mapped[str] = mapped_column(String(400), default="")
    issuer_name: Mapped[str] = mapped_column(String(200))
    # The credential names its subject by sha256(identifier + salt), never by the identifier
    # itself: the e-mail, else the mobile number (E.164), else the account id; the type says
    # which, in Open Badges 3.0 terms (lms.certificates.services.IDENTITY_TYPES).
    identity_type: Mapped[str] = mapped_column(String(30), default="emailAddress")
    identity_hash: Mapped[str] = mapped_column(String(80))
    identity_salt: Mapped[str] = mapped_column(String(40))
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    revoked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_user.id", ondelete="SET NULL"), default=None
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    course: Mapped[Course | None] = relationship()

    def course_title(self, language: str) -> str:
        """Return the course title as issued, in ``language`` or the first one issued."""
        titles = self.course_titles or {}
        return titles.get(language) or titles.get("en") or next(iter(titles.values()), "")

    def organization_name_in(self, language: str) -> str:
        """Return the SPO's name as issued, in Chinese for a Chinese reader when it has one."""
        return name_in(language, self.organization_name, self.organization_name_zh)

    @property
    def revoked(self) -> bool:
        """Tell whether an admin has revoked this certificate."""
        return self.revoked_at is not None
