"""Describe a parsed GIFT question as a frozen record with versioned JSON data.

``Question.data`` is what the database keeps; everything a page, a grader or
an exporter needs is in it, so :func:`question_from_data` can rebuild the
question from JSON alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DATA_VERSION = 1


@dataclass(frozen=True)
class Question:
    """Describe one question of a GIFT file.

    ``ident`` is the ``[id:...]`` value or ``q<n>`` (its 1-based position in
    the file); ``qtype`` names its type in
    :data:`~lms.content.gift.types.QUESTION_TYPES`; ``line`` is where the
    question starts in its file (0 when rebuilt from data); ``data`` holds
    the versioned, JSON-serializable content.
    """

    ident: str
    qtype: str
    title: str
    category: str | None
    tags: tuple[str, ...]
    line: int
    data: dict = field(hash=False)

    @property
    def question_type(self):
        """Return the registered question type object of this question."""
        from lms.content.gift.types import QUESTION_TYPES

        return QUESTION_TYPES[self.qtype]


def question_from_data(data: dict) -> Question:
    """Rebuild a :class:`Question` from its stored ``data`` (the inverse of ``.data``)."""
    from lms.content.gift.types import QUESTION_TYPES

    if data.get("v") != DATA_VERSION:
        raise ValueError(f"unsupported question data version {data.get('v')!r}")
    if data.get("type") not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {data.get('type')!r}")
    return Question(
        ident=data["ident"],
        qtype=data["type"],
        title=data["title"],
        category=data["category"],
        tags=tuple(data["tags"]),
        line=0,
        data=data,
    )
