"""Write questions back as GIFT text that Moodle and :func:`parse_gift` read the same.

Every question gets ``// [id:...]`` (and ``// [tag:...]``) comments, a
``$CATEGORY`` line comes before the first question of each category, and
text is escaped and prefixed with its format only where needed.
"""

from __future__ import annotations

from collections.abc import Iterable

from lms.content.gift.formats import DEFAULT_FORMAT, needs_prefix
from lms.content.gift.model import Question
from lms.content.gift.source import escape
from lms.content.gift.types import QUESTION_TYPES


def _comments(data: dict) -> list[str]:
    """Write the id and tags as Moodle 4 comments."""
    lines = [f"// [id:{data['ident']}]"]
    if data["tags"]:
        tags = " ".join("[tag:" + tag.replace("]", "\\]") + "]" for tag in data["tags"])
        lines.append(f"// {tags}")
    return lines


def write_question(data: dict) -> str:
    """Write one question (comments, title, text and answer block) as GIFT."""
    fmt, source = data["text"]["format"], data["text"]["source"]
    title = f"::{escape(data['title'])}::" if data["title"] else ""
    # Text at the start of a line that begins with "//" would read as a comment.
    forced = not title and source.startswith("//")
    prefix = f"[{fmt}]" if forced or needs_prefix(fmt, source, DEFAULT_FORMAT) else ""
    block = QUESTION_TYPES[data["type"]].to_gift(data)
    if data["blank"]:
        at = data["blank_at"]
        text = escape(source[:at]) + block + escape(source[at:])
    else:
        text = escape(source) + (" " + block if block else "")
    return "\n".join([*_comments(data), title + prefix + text])


def dump_gift(questions: Iterable[Question]) -> str:
    """Write ``questions`` as one GIFT file, with ``$CATEGORY`` lines where it changes."""
    parts: list[str] = []
    category: str | None = None
    for question in questions:
        data = question.data
        if data["category"] != category:
            if data["category"] is None:
                message = f"question {question.ident!r} has no category but follows {category!r}"
                raise ValueError(f"{message}; GIFT cannot go back to no category")
            category = data["category"]
            parts.append("$CATEGORY: " + category.replace("\\", "\\\\"))
        parts.append(write_question(data))
    return "\n\n".join(parts) + "\n" if parts else ""
