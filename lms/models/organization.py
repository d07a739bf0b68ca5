"""Model a Small Producer Organization (SPO), the unit every report is scoped by."""

import secrets
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

# No 0/O or 1/I/L: codes are read aloud and typed on phones at training events.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_enrolment_code() -> str:
    """Return a fresh enrolment code such as ``K7QM-4TXA``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def name_in(language: str, name: str, name_zh: str) -> str:
    """Return an SPO's name for a reader of ``language``: Chinese when there is one."""
    if language.startswith("zh") and name_zh:
        return name_zh
    return name


class Organization(Base):
    """A Small Producer Organization: a cooperative whose members take courses."""

    __tablename__ = "lms_organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    products: Mapped[str] = mapped_column(String(200), default="")
    fairtrade_id: Mapped[str] = mapped_column(String(40), default="")
    certified_since: Mapped[int | None] = mapped_column(default=None)
    enrolment_code: Mapped[str] = mapped_column(String(20), unique=True, default=new_enrolment_code)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def display_name(self, language: str = "en") -> str:
        """Return the name to show a reader of ``language``."""
        return name_in(language, self.name, self.name_zh)
