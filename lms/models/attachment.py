"""Model a file a module offers for download, stored with it so every app server can send it."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class ModuleAttachment(Base):
    """One downloadable file of a module in one language: its name, title, type and bytes.

    The bytes are deferred, so listing a module's files never reads them. A file name
    stands for the same bytes in every language of the module (the import checks it),
    so a download URL names the file, not the language.
    """

    __tablename__ = "lms_module_attachment"
    __table_args__ = (UniqueConstraint("module_id", "language", "filename"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("lms_module.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column()  # 1-based, in the module file's order
    filename: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column()  # bytes
    sha256: Mapped[str] = mapped_column(String(64))  # of data: the ETag
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
