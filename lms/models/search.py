"""Model the search index's entries: one per published course or module, per language."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SearchEntry(Base):
    """A course's title and summary, or a module's title and text, as search reads them.

    ``terms`` is what the database's full-text index holds (``lms_search_fts``, kept in
    step by triggers the migration creates); ``title`` and ``body`` are the plain text
    results are shown from. Only published courses and their active modules have entries.
    """

    __tablename__ = "lms_search_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(
        ForeignKey("lms_course.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[int | None] = mapped_column(
        ForeignKey("lms_module.id", ondelete="CASCADE"), index=True, default=None
    )
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text)
