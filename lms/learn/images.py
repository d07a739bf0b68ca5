"""Read one picture of a course, with what deciding who may see it needs, and send it.

A picture's name is the hash of its bytes, so its URL never changes meaning: the
browser keeps it for a year and never asks again, which matters on a signal that
comes and goes. Module pages show the phone-sized copy; ``?size=original`` gives the
picture as uploaded (re-encoded, without metadata).
"""

from dataclasses import dataclass
from io import BytesIO

from flask import Response, send_file
from sqlalchemy import and_, exists, select, true

from ..extensions import db
from ..models import Course, CourseImage, Enrolment, Module, ModuleText

# Private: only those who may read the course have its pictures, no shared cache.
IMAGE_CACHE = "private, max-age=31536000, immutable"
IMAGE_POLICY = "default-src 'none'; sandbox"


@dataclass(frozen=True)
class ImageFile:
    """A course's picture in one size, and the course status and enrolment behind it."""

    course_status: str
    enrolled: bool
    content_type: str
    sha256: str
    data: bytes


def image_file(
    course_slug: str, name: str, user_id: int | None, original: bool, *, published: bool = True
) -> ImageFile | None:
    """Return the picture ``name`` of the course, in one statement; None when there is none.

    With ``published``, only a picture that a published text of the course shows counts:
    one uploaded into a draft stays the trainers' until it is published, even to those
    who guess its name.
    """
    data = CourseImage.data if original else CourseImage.display_data
    shown = exists(
        select(ModuleText.id)
        .join(Module, Module.id == ModuleText.module_id)
        .where(
            Module.course_id == Course.id,
            Module.active,
            ModuleText.body_markdown.contains(f"images/{name}", autoescape=True),
        )
    )
    row = db.session.execute(
        select(Course.status, Enrolment.id, CourseImage.content_type, CourseImage.sha256, data)
        .select_from(CourseImage)
        .join(Course, Course.id == CourseImage.course_id)
        .outerjoin(Enrolment, and_(Enrolment.course_id == Course.id, Enrolment.user_id == user_id))
        .where(Course.slug == course_slug, CourseImage.name == name, shown if published else true())
    ).first()
    if row is None:
        return None
    status, enrolment_id, content_type, sha256, payload = row
    return ImageFile(status, enrolment_id is not None, content_type, sha256, payload)


def send_image(image: ImageFile, original: bool) -> Response:
    """Answer with the picture, cached for a year: its name changes when its bytes do."""
    response = send_file(
        BytesIO(image.data),
        mimetype=image.content_type,
        etag=image.sha256 + ("-original" if original else ""),
        max_age=None,
    )
    response.headers["Cache-Control"] = IMAGE_CACHE
    response.headers["Content-Security-Policy"] = IMAGE_POLICY
    return response
