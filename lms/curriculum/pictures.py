"""Store a course folder's pictures at import, and give back those its modules show for export.

A picture is a :class:`~lms.models.CourseImage`, named as its modules' Markdown names
it, ``images/<name>``, the same row a browser upload makes. A name's picture never
changes: pages send it cached for a year, so a folder that holds other bytes under a
stored name is refused, as is a module naming a picture neither in its folder nor
stored. Never commits.
"""

import hashlib

from sqlalchemy import select

from ..content.course_format import CourseSource
from ..content.course_images import IMAGE_FOLDER, PictureFile, referenced_names
from ..content.curriculum import missing_pictures
from ..content.errors import ContentError
from ..extensions import db
from ..models import Course, CourseImage, Module


def stored_picture_names(course_slug: str) -> set[str]:
    """Return the names of the pictures the academy stores for the course ``course_slug``."""
    query = (
        select(CourseImage.name)
        .join(Course, Course.id == CourseImage.course_id)
        .where(Course.slug == course_slug)
    )
    return set(db.session.scalars(query))


def _stored_digests(course_slug: str) -> dict[str, str]:
    """Return the sha256 of each stored picture of the course ``course_slug``, by name."""
    query = (
        select(CourseImage.name, CourseImage.sha256)
        .join(Course, Course.id == CourseImage.course_id)
        .where(Course.slug == course_slug)
    )
    return {name: digest for name, digest in db.session.execute(query)}


def _is_same(picture: PictureFile, digest: str) -> bool:
    """Tell whether ``picture`` is the stored picture whose sha256 is ``digest``."""
    kept = picture.stored.sha256 if picture.stored is not None else None
    return digest in {hashlib.sha256(picture.data).hexdigest(), kept}


def picture_problems(sources: list[CourseSource]) -> list[ContentError]:
    """Return what stops the pictures of ``sources`` from being imported; empty if nothing."""
    errors = missing_pictures(sources, stored_picture_names)
    for source in sources:
        digests = _stored_digests(source.slug)
        for name, picture in sorted(source.images.items()):
            if name in digests and not _is_same(picture, digests[name]):
                path = f"{source.path or source.slug}/{IMAGE_FOLDER}/{name}"
                message = (
                    "the academy already has another picture by this name, and a "
                    "picture's name never changes meaning: give this one a new name"
                )
                errors.append(ContentError(path, None, message))
    return errors


def sync_pictures(course: Course, pictures: dict[str, PictureFile], author=None) -> list[str]:
    """Store each of ``pictures`` that ``course`` does not have yet; return their names.

    Call :func:`picture_problems` first: a name stored already is left as it is.
    """
    stored = stored_picture_names(course.slug)
    added = []
    for name, picture in sorted(pictures.items()):
        if name in stored or picture.stored is None:
            continue
        fields = vars(picture.stored)
        db.session.add(
            CourseImage(course_id=course.id, uploaded_by_id=getattr(author, "id", None), **fields)
        )
        added.append(name)
    return added


def shown_pictures(course: Course, modules: list[Module]) -> dict[str, PictureFile]:
    """Return the stored pictures that the published texts of ``modules`` name, by name."""
    names = referenced_names([text.body_markdown for module in modules for text in module.texts])
    if not names:
        return {}
    rows = db.session.execute(
        select(CourseImage.name, CourseImage.data).where(
            CourseImage.course_id == course.id, CourseImage.name.in_(names)
        )
    )
    return {name: PictureFile(name, data) for name, data in rows}
