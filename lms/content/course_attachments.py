"""Read the files a module offers for download, named by ``attachments:`` in its front matter.

Each language's module file lists its own::

    attachments:
      - file: files/premium-ledger.en.xlsx
        title: Premium ledger (Excel)

``file`` is relative to the course folder and may not leave it. The files are stored
with the module at import, so no app server reads the course folder at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lms.content.yamlmeta import MetaFields

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_TITLE_LENGTH = 200
MAX_FILENAME_LENGTH = 120
ATTACHMENT_KEYS = ("file", "title")
CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument files are zip archives
_SIGNATURES = {".xlsx": _ZIP, ".docx": _ZIP, ".odt": _ZIP, ".ods": _ZIP, ".pdf": b"%PDF-"}
# Control characters would break the download header and the page's list.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class AttachmentFile:
    """One downloadable file of a module: where it is, what it is called, and its bytes."""

    path: str  # relative to the course folder, with '/'
    title: str
    content_type: str
    data: bytes

    @property
    def filename(self) -> str:
        """Return the name the file is downloaded under."""
        return PurePosixPath(self.path).name


def read_attachments(fields: MetaFields, folder: Path) -> tuple[AttachmentFile, ...]:
    """Return the attachments a module file lists, reporting each problem at its line."""
    raw = fields.data.get("attachments")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        fields.error(("attachments",), "'attachments' must be a list of 'file:' and 'title:'")
        return ()
    found: list[AttachmentFile] = []
    names: set[str] = set()
    for index, item in enumerate(raw):
        where = ("attachments", index)
        attachment = _read_one(fields, where, item, folder)
        if attachment is None:
            continue
        if attachment.filename in names:
            message = f"another attachment is also named {attachment.filename!r}"
            fields.error((*where, "file"), message)
            continue
        names.add(attachment.filename)
        found.append(attachment)
    return tuple(found)


def _read_one(fields: MetaFields, where: tuple, item: object, folder: Path):
    if not isinstance(item, dict):
        fields.error(where, "each attachment is a mapping with 'file:' and 'title:'")
        return None
    for key in item:
        if key not in ATTACHMENT_KEYS:
            message = f"unknown attachment key {str(key)!r}; allowed keys: file, title"
            fields.error((*where, str(key)), message)
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        fields.error((*where, "title"), "an attachment needs a 'title:' that readers see")
        title = None
    elif len(title.strip()) > MAX_TITLE_LENGTH or _CONTROL.search(title.strip()):
        message = f"attachment title must be one line of at most {MAX_TITLE_LENGTH} characters"
        fields.error((*where, "title"), message)
        title = None
    path = item.get("file")
    if not isinstance(path, str) or not path.strip():
        fields.error((*where, "file"), "an attachment needs 'file:', a path in the course folder")
        return None
    data = _read_file(fields, (*where, "file"), path.strip(), folder)
    if data is None or title is None:
        return None
    content_type = CONTENT_TYPES[PurePosixPath(path.strip()).suffix.lower()]
    return AttachmentFile(path.strip(), title.strip(), content_type, data)


def _read_file(fields: MetaFields, where: tuple, path: str, folder: Path) -> bytes | None:
    """Return the bytes of ``path`` in ``folder``, or None after reporting why not."""
    relative = PurePosixPath(path)
    suffix = relative.suffix.lower()
    if relative.is_absolute() or "\\" in path or ".." in relative.parts:
        fields.error(where, f"attachment {path!r} must be a path inside the course folder")
        return None
    if len(relative.name) > MAX_FILENAME_LENGTH or _CONTROL.search(path):
        message = f"attachment {path!r}: file names have at most {MAX_FILENAME_LENGTH} characters"
        fields.error(where, message)
        return None
    if suffix not in CONTENT_TYPES:
        kinds = ", ".join(CONTENT_TYPES)
        fields.error(where, f"attachment {path!r} is not a supported type; use {kinds}")
        return None
    file = folder.joinpath(*relative.parts)
    try:
        inside = file.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        fields.error(where, f"attachment {path!r} must be a path inside the course folder")
        return None
    if not file.is_file():
        fields.error(where, f"attachment {path!r} does not exist in {folder}")
        return None
    size = file.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        fields.error(where, f"attachment {path!r} is {size} bytes; the limit is {limit} MB")
        return None
    data = file.read_bytes()
    problem = attachment_problem(data, suffix)
    if problem:
        fields.error(where, f"attachment {path!r} {problem}")
        return None
    return data


def attachment_problem(data: bytes, suffix: str) -> str | None:
    """Say what is wrong with an attachment's bytes for its type; None when they will do."""
    if not data:
        return "is empty"
    signature = _SIGNATURES.get(suffix)
    if signature is not None and not data.startswith(signature):
        return f"is not a {suffix[1:].upper()} file"
    if suffix == ".csv":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "is not UTF-8 text; save the CSV as UTF-8"
    return None
