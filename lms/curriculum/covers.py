"""Store a course's cover picture at import, and give it back for export and for pages."""

import hashlib

from ..content.course_cover import CoverFile
from ..extensions import db
from ..models import Course, CourseCover


def sync_cover(course: Course, cover: CoverFile | None) -> bool:
    """Make ``course``'s stored cover match ``cover`` (None removes it); tell whether it changed."""
    row = cover_of(course)
    if cover is None:
        if row is None:
            return False
        db.session.delete(row)
        return True
    digest = hashlib.sha256(cover.data).hexdigest()
    if row is None:
        row = CourseCover(course_id=course.id)
        db.session.add(row)
    elif (row.filename, row.content_type, row.digest) == (
        cover.filename,
        cover.content_type,
        digest,
    ):
        return False
    row.filename, row.content_type = cover.filename, cover.content_type
    row.data, row.digest = cover.data, digest
    return True


def stored_cover(course: Course) -> CoverFile | None:
    """Return ``course``'s cover as the folder format holds it, or None."""
    row = cover_of(course)
    if row is None:
        return None
    return CoverFile(filename=row.filename, content_type=row.content_type, data=row.data)


def cover_of(course: Course) -> CourseCover | None:
    """Return ``course``'s stored cover, or None when it has none."""
    return db.session.get(CourseCover, course.id)
