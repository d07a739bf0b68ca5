"""Keep the question types by name; a type joins by decorating its class."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lms.content.gift.types.base import QuestionType

QUESTION_TYPES: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Add one instance of ``cls`` to :data:`QUESTION_TYPES` under ``cls.name``."""
    if cls.name in QUESTION_TYPES:
        raise ValueError(f"question type {cls.name!r} is already registered")
    QUESTION_TYPES[cls.name] = cls()
    return cls


def detect(answers: str | None) -> QuestionType:
    """Pick the type of an answer block the way Moodle does, trying types in order.

    ``answers`` is the block's text (escapes as placeholders, general feedback
    removed), or None when the question has no block at all.
    """
    for kind in sorted(QUESTION_TYPES.values(), key=lambda kind: kind.order):
        if kind.detects(answers):
            return kind
    raise LookupError("no question type accepts this answer block")
