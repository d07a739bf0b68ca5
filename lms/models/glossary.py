"""Model the curriculum's glossary: terms in English and Chinese and the courses using them."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

ALSO_SEPARATOR = "; "  # between the other names held in ``also_en`` and ``also_zh``


class GlossaryTerm(Base):
    """One term: both names, other names in use, a definition in each language.

    ``anchor`` is the term's id on the glossary page, stable across imports.
    """

    __tablename__ = "lms_glossary_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    anchor: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column()  # the order of the file, for export
    name_en: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200))
    also_en: Mapped[str] = mapped_column(String(400), default="")  # ALSO_SEPARATOR between
    also_zh: Mapped[str] = mapped_column(String(400), default="")
    definition_en: Mapped[str] = mapped_column(Text)
    definition_zh: Mapped[str] = mapped_column(Text)

    courses: Mapped[list["GlossaryTermCourse"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="GlossaryTermCourse.course_slug"
    )


class GlossaryTermCourse(Base):
    """A course a term belongs to, by slug: the glossary may name a course not yet imported."""

    __tablename__ = "lms_glossary_term_course"

    term_id: Mapped[int] = mapped_column(
        ForeignKey("lms_glossary_term.id", ondelete="CASCADE"), primary_key=True
    )
    course_slug: Mapped[str] = mapped_column(String(80), primary_key=True)
