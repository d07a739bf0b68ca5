"""Model the people who use the academy and the roles they hold."""

import secrets
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .organization import Organization


class Role(StrEnum):
    """The four roles of design.md §1; capabilities live in ``lms.permissions``."""

    LEARNER = "learner"
    TRAINER = "trainer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class User(UserMixin, Base):
    """A person with an account: learner, trainer, SPO coordinator or NAPP admin."""

    __tablename__ = "lms_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.LEARNER)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_organization.id", ondelete="RESTRICT"), index=True
    )
    locale: Mapped[str | None] = mapped_column(String(10), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    # Part of the session id: rotating it on logout invalidates every copied cookie.
    session_token: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))

    organization: Mapped[Organization | None] = relationship(lazy="joined")

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
