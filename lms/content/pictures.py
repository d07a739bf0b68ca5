"""Check a picture and re-encode it from its pixels alone; pure Pillow, no Flask.

The one set of checks for every picture the academy takes, uploaded in the browser
(:mod:`lms.authoring.images`) or found in a course folder's ``images/``
(:mod:`lms.content.course_images`). Only JPEG, PNG and WebP are accepted, up to 5 MB
and 6,000 × 6,000 pixels. Each is decoded by Pillow and encoded again from its pixels,
so no metadata (camera, GPS position, comments) and nothing active survives; an SVG,
which can carry scripts, is refused outright. The picture is named by the hash of its
new bytes, and a copy at most 960 pixels wide is kept beside the original for phones.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_SIDE = 6000
DISPLAY_WIDTH = 960

# Pillow's format → (file extension, MIME type, encoder options).
FORMATS = {
    "JPEG": (".jpg", "image/jpeg", {"quality": 85, "optimize": True}),
    "PNG": (".png", "image/png", {"optimize": True}),
    "WEBP": (".webp", "image/webp", {"quality": 82, "method": 4}),
}
_SVG = re.compile(rb"<svg[\s>]|<!doctype svg", re.IGNORECASE)

# Why a picture is refused: reason → English text (the browser says it in the reader's
# language, :mod:`lms.authoring.images`).
REASONS = {
    "empty": "is empty",
    "too_big": "is over 5 MB",
    "svg": "is an SVG drawing, which can carry scripts; save it as PNG",
    "not_a_picture": "is not a JPEG, PNG or WebP picture, or it is damaged",
    "too_many_pixels": "has too many pixels to open safely; the most is 6,000 × 6,000",
    "too_large": "is {width} × {height} pixels; the most is 6,000 × 6,000",
}


class PictureRefused(Exception):
    """A picture the academy does not take; ``reason`` is a key of :data:`REASONS`."""

    def __init__(self, reason: str, width: int = 0, height: int = 0) -> None:
        """Keep the reason and, for one too large, its size."""
        self.reason, self.width, self.height = reason, width, height
        super().__init__(self.describe())

    def describe(self) -> str:
        """Say in English what is wrong, to follow the file's name."""
        return REASONS[self.reason].format(width=f"{self.width:,}", height=f"{self.height:,}")


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


def prepare_picture(data: bytes) -> PreparedImage:
    """Check and re-encode the bytes ``data``; raise :class:`PictureRefused` if unfit."""
    image = decode_picture(data)
    extension, content_type, options = FORMATS[image.format]
    original = _clean_copy(image)
    encoded = _encode(original, image.format, options)
    digest = hashlib.sha256(encoded).hexdigest()
    return PreparedImage(
        digest[:20] + extension,
        digest,
        content_type,
        original.width,
        original.height,
        encoded,
        *phone_copy(encoded),
    )


def phone_copy(original: bytes) -> tuple[int, int, bytes]:
    """Return (width, height, bytes) of the copy phones get of the re-encoded ``original``.

    It is made from the stored original alone, so the same original, exported and
    imported again, always gets the same copy.
    """
    image = Image.open(io.BytesIO(original))
    if image.width <= DISPLAY_WIDTH:
        return image.width, image.height, original
    fmt = image.format
    height = max(round(image.height * DISPLAY_WIDTH / image.width), 1)
    display = image.resize((DISPLAY_WIDTH, height), Image.Resampling.LANCZOS)
    return display.width, display.height, _encode(display, fmt, FORMATS[fmt][2])


def decode_picture(data: bytes) -> Image.Image:
    """Open and fully decode ``data`` as JPEG, PNG or WebP, refusing anything else."""
    if not data:
        raise PictureRefused("empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise PictureRefused("too_big")
    if _SVG.search(data[:4096]):
        raise PictureRefused("svg")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.width > MAX_IMAGE_SIDE or image.height > MAX_IMAGE_SIDE:
                raise PictureRefused("too_large", image.width, image.height)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureRefused("too_many_pixels") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise PictureRefused("not_a_picture") from None
    return image


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
