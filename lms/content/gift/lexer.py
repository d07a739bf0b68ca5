"""Cut a GIFT file into question chunks, keeping line numbers.

A chunk is a run of non-blank lines, as in Moodle's importer: every line is
trimmed, lines starting with ``//`` are comments, and a blank line ends the
question. Comments may carry Moodle 4's ``[id:...]`` and ``[tag:...]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lms.content.errors import ContentError
from lms.content.gift.source import RESERVED, WHITESPACE, Src, resolve_escapes

BOM = "\ufeff"
IDENT = re.compile(r"[A-Za-z0-9_.:-]{1,100}")
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])*)\]")


@dataclass
class Chunk:
    """Hold one question (or ``$CATEGORY``) of a file: its text lines and its comments."""

    body: Src
    line: int
    comments: list[tuple[int, str]] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only, so line numbers agree with an editor's."""
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _chunk(lines: list[tuple[int, str]], comments: list[tuple[int, str]]) -> Chunk:
    """Join a chunk's lines with newlines, resolving escapes line by line."""
    texts: list[str] = []
    numbers: list[int] = []
    for number, line in lines:
        resolved = resolve_escapes(line) + "\n"
        texts.append(resolved)
        numbers.extend([number] * len(resolved))
    body = Src("".join(texts)[:-1], tuple(numbers[:-1]), lines[0][0])
    return Chunk(body, lines[0][0], comments)


def split_chunks(text: str, path: str, errors: list[ContentError]) -> list[Chunk]:
    """Return the file's chunks, adding problems found on the way to ``errors``."""
    chunks: list[Chunk] = []
    lines: list[tuple[int, str]] = []
    comments: list[tuple[int, str]] = []
    for number, raw in enumerate([*split_lines(text), ""], start=1):
        line = raw.strip(WHITESPACE)
        if line.startswith("//"):
            comments.append((number, line))
            continue
        if line:
            reserved = sorted(RESERVED.intersection(line))
            if reserved:
                message = f"unsupported character U+{ord(reserved[0]):04X}"
                errors.append(ContentError(path, number, message))
                line = "".join(char for char in line if char not in RESERVED)
            lines.append((number, line))
            continue
        if lines:
            chunks.append(_chunk(lines, comments))
        elif marked := [n for n, note in comments if _ID.search(note) or _TAG.search(note)]:
            message = "[id:...] or [tag:...] is not attached to a question (remove the blank line)"
            errors.append(ContentError(path, marked[0], message))
        lines, comments = [], []
    return chunks


def read_comments(chunk: Chunk, path: str, errors: list[ContentError]) -> tuple[str | None, list]:
    """Return the chunk's ``[id:...]`` (or None) and its ``[tag:...]`` values."""
    ident: str | None = None
    tags: list[str] = []
    for number, text in chunk.comments:
        for found in _ID.finditer(text):
            value = found.group(1).replace("\\]", "]").strip()
            if ident is not None:
                errors.append(ContentError(path, number, "more than one [id:...] for a question"))
            elif not IDENT.fullmatch(value):
                message = (
                    f'bad question id "{value}" (use letters, digits, _ . : - and at most 100)'
                )
                errors.append(ContentError(path, number, message))
            ident = value if ident is None else ident
        for found in _TAG.finditer(text):
            tag = found.group(1).replace("\\]", "]").strip()
            if not tag:
                errors.append(ContentError(path, number, "empty [tag:]"))
            elif tag.endswith("\\"):
                errors.append(ContentError(path, number, f'tag "{tag}" must not end with "\\"'))
            elif tag not in tags:
                tags.append(tag)
    return ident, tags
