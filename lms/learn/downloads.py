"""Read one file a module offers, with what deciding who may download it needs."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Integer, Select, String, and_, bindparam, case, select

from ..extensions import db
from ..models import Course, Enrolment, Module, ModuleAttachment


@dataclass(frozen=True)
class DownloadFile:
    """A module's file with its bytes, and the course status and enrolment behind it."""

    course_status: str
    enrolled: bool
    filename: str
    content_type: str
    sha256: str
    updated_at: datetime
    data: bytes


@cache
def _query() -> Select:
    """Select the file ``filename`` of an active module, the reader's language first.

    A file name stands for the same bytes in every language of a module, so any row
    will do; the reader's own is taken when there are several.
    """
    language = bindparam("language", type_=String)
    user_id = bindparam("user_id", type_=Integer)
    file = ModuleAttachment
    return (
        select(
            Course.status.label("course_status"),
            Enrolment.id.label("enrolment_id"),
            file.filename,
            file.content_type,
            file.sha256,
            file.updated_at,
            file.data,
        )
        .select_from(file)
        .join(Module, and_(Module.id == file.module_id, Module.active.is_(True)))
        .join(Course, Course.id == Module.course_id)
        .outerjoin(Enrolment, and_(Enrolment.course_id == Course.id, Enrolment.user_id == user_id))
        .where(
            Course.slug == bindparam("course_slug", type_=String),
            Module.slug == bindparam("module_slug", type_=String),
            file.filename == bindparam("filename", type_=String),
        )
        .order_by(case((file.language == language, 0), else_=1))
        .limit(1)
    )


def download_file(
    course_slug: str, module_slug: str, filename: str, language: str, user_id: int
) -> DownloadFile | None:
    """Return the file ``filename`` of the module, or None when there is none.

    Whether the user may have it is the caller's to decide, from ``course_status`` and
    ``enrolled``, as for the module page.
    """
    parameters = {
        "course_slug": course_slug,
        "module_slug": module_slug,
        "filename": filename,
        "language": language,
        "user_id": user_id,
    }
    row = db.session.execute(_query(), parameters).first()
    if row is None:
        return None
    return DownloadFile(
        course_status=row.course_status,
        enrolled=row.enrolment_id is not None,
        filename=row.filename,
        content_type=row.content_type,
        sha256=row.sha256,
        updated_at=row.updated_at,
        data=row.data,
    )
