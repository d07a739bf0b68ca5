"""Model the people who use the academy and the roles they hold."""

import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .organization import Organization


class Role(StrEnum):
    """The four roles of design.md §1; capabilities live in ``lms.capabilities``."""

    LEARNER = "learner"
    TRAINER = "trainer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class User(Base):
    """A person with an account: learner, trainer, SPO coordinator or NAPP admin.

    It answers Flask-Login's user protocol (``is_authenticated``, ``is_active``,
    ``is_anonymous``, ``get_id``) itself, so models import no Flask.
    """

    __tablename__ = "lms_user"
    __table_args__ = (
        CheckConstraint(
            "email IS NOT NULL OR mobile IS NOT NULL OR username IS NOT NULL",
            name="has_identifier",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # At least one of the three names an account; each is unique. E-mail and username are
    # stored lower-cased, the mobile number in E.164 (lms.auth.identifiers).
    email: Mapped[str | None] = mapped_column(String(254), unique=True, default=None)
    mobile: Mapped[str | None] = mapped_column(String(20), unique=True, default=None)
    username: Mapped[str | None] = mapped_column(String(40), unique=True, default=None)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    # A starter password (from a login slip or a reset) must be replaced at the next login.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    role: Mapped[str] = mapped_column(String(20), default=Role.LEARNER)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_organization.id", ondelete="RESTRICT"), index=True
    )
    # A trainer an admin allowed to start new courses (admins always may).
    creates_courses: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str | None] = mapped_column(String(10), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    # Part of the session id: rotating it on logout invalidates every copied cookie.
    session_token: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))

    organization: Mapped[Organization | None] = relationship(lazy="joined")

    @property
    def login(self) -> str:
        """Return what this person types to log in: e-mail, else mobile number, else username."""
        return self.email or self.mobile or self.username or ""

    # Prefixed so that a host application's own Flask-Login users never collide.
    def get_id(self) -> str:
        """Return the session identifier Flask-Login stores for this user."""
        return f"lms:{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """Invalidate every session of this user, on this device and all others."""
        self.session_token = secrets.token_hex(16)

    @property
    def is_active(self) -> bool:
        """Deactivated accounts cannot log in and lose their session."""
        return self.active

    @property
    def is_authenticated(self) -> bool:
        """Tell Flask-Login that a loaded, active account is logged in."""
        return self.is_active

    @property
    def is_anonymous(self) -> bool:
        """Tell Flask-Login that an account is never the anonymous visitor."""
        return False

    def __eq__(self, other) -> bool:
        """Compare accounts as Flask-Login does: by their session identifier."""
        if isinstance(other, User):
            return self.get_id() == other.get_id()
        return NotImplemented

    __hash__ = object.__hash__
