"""Read the pictures of a course folder, ``images/<name>``, and the modules' references to them.

A module's Markdown shows a picture as ``![description](images/<name>)``, relative to
the course folder, in the database and in folders alike. Every file in ``images/`` is
checked by :mod:`lms.content.pictures`, the checks a browser upload gets. A picture
named by its own content hash is one the academy re-encoded already, and is kept byte
for byte, so a course exported and imported again has the same pictures (and phone
copies); any other is re-encoded like an upload and kept under its folder name, which
the Markdown uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from lms.content.errors import ContentError
from lms.content.pictures import (
    FORMATS,
    MAX_IMAGE_BYTES,
    PictureRefused,
    PreparedImage,
    decode_picture,
    phone_copy,
    prepare_picture,
)

IMAGE_FOLDER = "images"
EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_NAME = r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,115}\.(?:jpe?g|png|webp)"
_FILE_NAME = re.compile(_NAME)
# images/<name> not inside another path or address (../images/x.png, https://x/images/).
_REFERENCE = re.compile(rf"(?<![\w/.-]){IMAGE_FOLDER}/({_NAME})(?![\w.-])")


@dataclass(frozen=True)
class PictureFile:
    """A picture of a course: its name under ``images/`` and the bytes of its original.

    ``stored`` is what the academy keeps of it (checked, with its phone copy), filled
    in when read from a folder.
    """

    name: str
    data: bytes
    stored: PreparedImage | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PictureReference:
    """Where a module file names ``images/<name>``."""

    name: str
    path: str
    line: int


def picture_references(body: str, path: str, first_line: int) -> tuple[PictureReference, ...]:
    """Return each ``images/<name>`` in ``body``, whose first line is ``first_line`` of ``path``."""
    return tuple(
        PictureReference(match.group(1), path, first_line + body.count("\n", 0, match.start()))
        for match in _REFERENCE.finditer(body)
    )


def referenced_names(bodies: list[str]) -> list[str]:
    """Return the picture names ``bodies`` refer to, once each, in the order first met."""
    names: dict[str, None] = {}
    for body in bodies:
        names.update((match.group(1), None) for match in _REFERENCE.finditer(body))
    return list(names)


def load_pictures(folder: Path, errors: list[ContentError]) -> dict[str, PictureFile]:
    """Read and check every file in ``folder/images``, appending each problem to ``errors``."""
    images = folder / IMAGE_FOLDER
    if not images.is_dir():
        return {}
    pictures = {}
    for entry in sorted(images.iterdir()):
        problem = _name_problem(entry)
        if problem is None:
            picture = _read_picture(entry)
            if isinstance(picture, PictureFile):
                pictures[entry.name] = picture
                continue
            problem = picture
        errors.append(ContentError(str(entry), None, problem))
    return pictures


def _name_problem(entry: Path) -> str | None:
    """Say why ``entry`` cannot be a course picture by its name or kind; None if it may."""
    if not entry.is_file():
        return "the images folder holds picture files only"
    if not _FILE_NAME.fullmatch(entry.name):
        return (
            "a picture's name is letters, digits, '-', '_' and '.', ending in "
            ".jpg, .jpeg, .png or .webp"
        )
    if entry.stat().st_size > MAX_IMAGE_BYTES:
        return PictureRefused("too_big").describe()
    return None


def _read_picture(entry: Path) -> PictureFile | str:
    """Check the picture at ``entry``; return it, or say what is wrong with it."""
    data = entry.read_bytes()
    try:
        image = decode_picture(data)
    except PictureRefused as refused:
        return refused.describe()
    content_type = FORMATS[image.format][1]
    if FORMATS[EXTENSIONS[entry.suffix.lower()]][1] != content_type:
        return f"is a {image.format} picture, but its name ends in {entry.suffix}"
    digest = hashlib.sha256(data).hexdigest()
    if entry.name == digest[:20] + FORMATS[image.format][0]:
        # Named by its hash: the academy's own re-encoding, kept byte for byte, since
        # encoding it again (a lossy JPEG) would change it.
        kept = PreparedImage(
            entry.name, digest, content_type, image.width, image.height, data, *phone_copy(data)
        )
    else:
        kept = replace(prepare_picture(data), name=entry.name)
    return PictureFile(entry.name, data, kept)
