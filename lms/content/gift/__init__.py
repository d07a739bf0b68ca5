"""Read and write Moodle's GIFT quiz format, with question types from a registry.

:func:`parse_gift` turns GIFT text into :class:`Question` records whose
``data`` is versioned JSON; :func:`dump_gift` writes them back;
:data:`QUESTION_TYPES` holds one object per type that shows, reads, grades
and reviews answers. Nothing here imports Flask.
"""

from __future__ import annotations

import pathlib

from lms.content.errors import ContentError, ContentInvalid
from lms.content.gift.exporter import dump_gift
from lms.content.gift.model import Question, question_from_data
from lms.content.gift.parser import parse_gift
from lms.content.gift.translation import check_translation
from lms.content.gift.types import QUESTION_TYPES, QuestionType

MAX_GIFT_BYTES = 1024 * 1024

__all__ = [
    "MAX_GIFT_BYTES",
    "QUESTION_TYPES",
    "Question",
    "QuestionType",
    "check_translation",
    "dump_gift",
    "load_gift_file",
    "parse_gift",
    "question_from_data",
]


def load_gift_file(path: pathlib.Path, display_path: str | None = None) -> list[Question]:
    """Read and parse a UTF-8 GIFT file of at most 1 MB; errors name ``display_path``."""
    shown = display_path or str(path)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_GIFT_BYTES + 1)
    if len(raw) > MAX_GIFT_BYTES:
        raise ContentInvalid([ContentError(shown, None, "file is larger than 1 MB")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        message = f"not valid UTF-8 (byte 0x{raw[problem.start]:02x})"
        raise ContentInvalid([ContentError(shown, line, message)]) from None
    return parse_gift(text, shown)
