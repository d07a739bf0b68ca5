"""Take a picture a trainer uploads into a course: check it, re-encode it, store it.

The checks and the re-encoding are :mod:`lms.content.pictures`, the same for a picture
in an imported course folder: only JPEG, PNG and WebP, up to 5 MB and 6,000 × 6,000
pixels, re-encoded from their pixels alone so no metadata survives, SVG refused. This
module says why in the trainer's language and stores the picture, named by the hash
of its new bytes, with a copy at most 960 pixels wide for phones. Never commits.
"""

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..audit import record
from ..content.course_images import IMAGE_FOLDER  # Markdown names a picture images/<name>
from ..content.pictures import (  # noqa: F401 (DISPLAY_WIDTH, MAX_IMAGE_BYTES: the limits)
    DISPLAY_WIDTH,
    MAX_IMAGE_BYTES,
    PictureRefused,
    PreparedImage,
    prepare_picture,
)
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, CourseImage, User
from .services import AuthoringError

MAX_ALT_LENGTH = 200


class ImageRefused(AuthoringError):
    """An upload that is not a picture the academy takes; says why, next to the field."""

    def __init__(self, message) -> None:
        """Name the upload field as where the problem is."""
        super().__init__("image", message)


def _refusal(refused: PictureRefused):
    """Say in the trainer's language why the picture was refused."""
    if refused.reason == "too_large":
        return _l(
            "The picture is %(width)s × %(height)s pixels; the most is 6,000 × 6,000. "
            "Make it smaller and upload it again.",
            width=f"{refused.width:,}",
            height=f"{refused.height:,}",
        )
    messages = {
        "empty": _l("Choose a picture to upload."),
        "too_big": _l("The picture is over 5 MB. Make it smaller and upload it again."),
        "svg": _l("SVG drawings are not accepted, as they can carry scripts. Save it as PNG."),
        "too_many_pixels": _l(
            "The picture has too many pixels to open safely; the most is "
            "6,000 × 6,000. Make it smaller and upload it again."
        ),
    }
    return messages.get(
        refused.reason,
        _l(
            "This file is not a JPEG, PNG or WebP picture, or it is damaged. "
            "Save it again as one of those and upload it."
        ),
    )


def prepare_image(data: bytes) -> PreparedImage:
    """Check and re-encode the uploaded bytes ``data``; raise :class:`ImageRefused` if unfit."""
    try:
        return prepare_picture(data)
    except PictureRefused as refused:
        raise ImageRefused(_refusal(refused)) from None


def image_markdown(alt: str, name: str) -> str:
    """Return the Markdown that shows the picture ``name`` with the alt text ``alt``."""
    text = " ".join(alt.split())
    text = re.sub(r"([\\\[\]])", r"\\\1", text)
    return f"![{text}]({IMAGE_FOLDER}/{name})"


def check_alt(alt: str) -> str:
    """Return the alt text tidied; refuse an empty or over-long one, naming its field."""
    text = " ".join(alt.split())
    if not text:
        raise AuthoringError(
            "image_alt",
            _l("Describe the picture for those who cannot see it, e.g. “Tea pickers at dawn”."),
        )
    if len(text) > MAX_ALT_LENGTH:
        raise AuthoringError("image_alt", _l("Keep the description under 200 characters."))
    return text


def store_image(course: Course, uploader: User, data: bytes) -> CourseImage:
    """Store the upload ``data`` as a picture of ``course``; the same picture twice is one row."""
    prepared = prepare_image(data)
    existing = db.session.scalar(
        select(CourseImage).where(
            CourseImage.course_id == course.id, CourseImage.name == prepared.name
        )
    )
    if existing is not None:
        return existing
    image = CourseImage(course_id=course.id, uploaded_by_id=uploader.id, **vars(prepared))
    try:
        with db.session.begin_nested():
            db.session.add(image)
    except IntegrityError:  # the same picture, uploaded at the same moment in another tab
        return db.session.scalar(
            select(CourseImage).where(
                CourseImage.course_id == course.id, CourseImage.name == prepared.name
            )
        )
    record(uploader, "course.image", course, name=image.name, size=len(prepared.data))
    return image
