"""Read a course's cover picture, named by ``cover:`` in its course.yml.

The cover is a small file beside course.yml: SVG, PNG or JPEG. It is stored with the
course at import and sent to browsers as an image under a policy that runs no script,
but an SVG that holds script, event handlers or links out is refused here all the same,
with the course and the file named, so the curriculum never carries one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lms.content.yamlmeta import MetaFields

MAX_COVER_BYTES = 256 * 1024
CONTENT_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# What a file of each type starts with (an SVG: its <svg element, perhaps after a prolog).
_SIGNATURES = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
}
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")
_SVG_UNSAFE = re.compile(
    r"<\s*(script|foreignObject|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:"
    r"|(?:href|src)\s*=\s*[\"']\s*(?!#)[^\"']",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CoverFile:
    """A course's cover: its file name in the course folder, its type and its bytes."""

    filename: str
    content_type: str
    data: bytes


def load_cover(folder: Path, fields: MetaFields, slug: str) -> CoverFile | None:
    """Return the cover course.yml names, or None when it names none.

    Every problem is reported through ``fields`` on the ``cover`` line, naming the course.
    """
    raw = fields.data.get("cover")
    if raw is None:
        return None
    where = ("cover",)
    if not isinstance(raw, str) or not _NAME.fullmatch(raw):
        fields.error(where, f"course {slug!r}: 'cover' must be a file name in the course folder")
        return None
    content_type = CONTENT_TYPES.get(Path(raw).suffix.lower())
    if content_type is None:
        kinds = ", ".join(CONTENT_TYPES)
        fields.error(where, f"course {slug!r}: cover {raw!r} must be one of {kinds}")
        return None
    path = folder / raw
    if not path.is_file():
        fields.error(where, f"course {slug!r}: cover {raw!r} does not exist in {folder}")
        return None
    data = path.read_bytes()
    problem = cover_problem(data, content_type)
    if problem:
        fields.error(where, f"course {slug!r}: cover {raw!r} {problem}")
        return None
    return CoverFile(filename=raw, content_type=content_type, data=data)


def cover_problem(data: bytes, content_type: str) -> str | None:
    """Say what is wrong with a cover's bytes for ``content_type``; None when they will do."""
    if not data:
        return "is empty"
    if len(data) > MAX_COVER_BYTES:
        return f"is larger than {MAX_COVER_BYTES // 1024} KB"
    if content_type != "image/svg+xml":
        if not data.startswith(_SIGNATURES[content_type]):
            return f"is not a {content_type} file"
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "is not UTF-8 text"
    if "<svg" not in text:
        return "is not an SVG picture"
    if _SVG_UNSAFE.search(text):
        return "holds script, an event handler or a link out, which a cover may not"
    return None
