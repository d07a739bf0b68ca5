"""Take a picture a trainer uploads into a course: check it, re-encode it, store it.

Only JPEG, PNG and WebP are accepted, up to 5 MB and 6,000 × 6,000 pixels. Each is
decoded by Pillow and encoded again from its pixels alone, so no metadata (camera,
GPS position, comments) and nothing active survives; an SVG, which can carry scripts,
is refused outright. The picture is named by the hash of its new bytes, and a copy at
most 960 pixels wide is kept beside the original for phones. Never commits.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..audit import record
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, CourseImage, User
from .services import AuthoringError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_SIDE = 6000
DISPLAY_WIDTH = 960
MAX_ALT_LENGTH = 200
IMAGE_FOLDER = "images"  # Markdown names a picture images/<name>, in the app and in folders

# Pillow's format → (file extension, MIME type, encoder options).
FORMATS = {
    "JPEG": (".jpg", "image/jpeg", {"quality": 85, "optimize": True}),
    "PNG": (".png", "image/png", {"optimize": True}),
    "WEBP": (".webp", "image/webp", {"quality": 82, "method": 4}),
}
_SVG = re.compile(rb"<svg[\s>]|<!doctype svg", re.IGNORECASE)


class ImageRefused(AuthoringError):
    """An upload that is not a picture the academy takes; says why, next to the field."""

    def __init__(self, message) -> None:
        """Name the upload field as where the problem is."""
        super().__init__("image", message)


@dataclass(frozen=True)
class PreparedImage:
    """A picture re-encoded from its pixels: the original size and the phone copy."""

    name: str
    sha256: str
    content_type: str
    width: int
    height: int
    data: bytes
    display_width: int
    display_height: int
    display_data: bytes


def prepare_image(data: bytes) -> PreparedImage:
    """Check and re-encode the uploaded bytes ``data``; raise :class:`ImageRefused` if unfit."""
    if not data:
        raise ImageRefused(_l("Choose a picture to upload."))
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(_l("The picture is over 5 MB. Make it smaller and upload it again."))
    if _SVG.search(data[:4096]):
        raise ImageRefused(
            _l("SVG drawings are not accepted, as they can carry scripts. Save it as PNG.")
        )
    image = _decoded(data)
    extension, content_type, options = FORMATS[image.format]
    original = _clean_copy(image)
    encoded = _encode(original, image.format, options)
    display = original
    if original.width > DISPLAY_WIDTH:
        display = original.resize(
            (DISPLAY_WIDTH, max(round(original.height * DISPLAY_WIDTH / original.width), 1)),
            Image.Resampling.LANCZOS,
        )
    digest = hashlib.sha256(encoded).hexdigest()
    return PreparedImage(
        name=digest[:20] + extension,
        sha256=digest,
        content_type=content_type,
        width=original.width,
        height=original.height,
        data=encoded,
        display_width=display.width,
        display_height=display.height,
        display_data=encoded if display is original else _encode(display, image.format, options),
    )


def _decoded(data: bytes) -> Image.Image:
    """Open and fully decode ``data`` as JPEG, PNG or WebP, refusing a picture too big."""
    not_a_picture = _l(
        "This file is not a JPEG, PNG or WebP picture, or it is damaged. "
        "Save it again as one of those and upload it."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.width > MAX_IMAGE_SIDE or image.height > MAX_IMAGE_SIDE:
                raise ImageRefused(_too_large(image.width, image.height))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused(
                _l(
                    "The picture has too many pixels to open safely; the most is "
                    "6,000 × 6,000. Make it smaller and upload it again."
                )
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise ImageRefused(not_a_picture) from None
    return image


def _too_large(width: int, height: int):
    return _l(
        "The picture is %(width)s × %(height)s pixels; the most is 6,000 × 6,000. "
        "Make it smaller and upload it again.",
        width=f"{width:,}",
        height=f"{height:,}",
    )


def _clean_copy(image: Image.Image) -> Image.Image:
    """Return the picture's pixels alone, turned upright as the camera meant."""
    fmt = image.format
    upright = ImageOps.exif_transpose(image) if fmt != "PNG" else image
    if fmt == "JPEG" and upright.mode not in {"RGB", "L"}:
        upright = upright.convert("RGB")
    elif fmt != "JPEG" and upright.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        upright = upright.convert("RGBA")
    clean = Image.new(upright.mode, upright.size)
    if upright.mode == "P":
        clean.putpalette(upright.getpalette())
        if "transparency" in upright.info:
            clean.info["transparency"] = upright.info["transparency"]
    clean.paste(upright)
    return clean


def _encode(image: Image.Image, fmt: str, options: dict) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


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
