"""Share what every question type needs: the parsing context and the type interface.

A type reads its part of an answer block in :meth:`QuestionType.parse` and
then works only on the JSON ``data`` the parser built: it shows the question
before submission, reads a form, grades, reviews and writes GIFT again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from lms.content.errors import ContentError
from lms.content.gift.formats import UnknownFormat, formatted, split_format, write_text
from lms.content.gift.source import Src
from lms.content.gift.weights import parse_weight

MAX_TEXT = 10_000


@dataclass
class Block:
    """Hold the inside of one question's ``{...}`` with what a type needs to read it."""

    answers: Src
    fmt: str
    path: str
    errors: list[ContentError]

    def error(self, where: Src, message: str) -> None:
        """Report a problem at the line where ``where`` starts."""
        self.errors.append(ContentError(self.path, where.line, message))

    def text(self, src: Src) -> dict | None:
        """Read formatted text (answer, feedback); None after reporting a bad prefix."""
        try:
            fmt, source = split_format(src.strip().text, self.fmt)
        except UnknownFormat as problem:
            self.error(src, str(problem))
            return None
        return formatted(fmt, source)

    def plain(self, src: Src) -> str:
        """Read text kept without format (short answers); a format prefix is dropped."""
        part = self.text(src)
        return part["source"] if part else ""

    def feedback(self, src: Src | None) -> dict | None:
        """Read feedback text; None when it is absent or empty."""
        part = None if src is None else self.text(src)
        return part if part and part["source"] else None

    def weight(self, src: Src, default: float) -> tuple[float, Src]:
        """Split a leading ``%weight%`` off ``src``; return (fraction, rest)."""
        fraction, rest, problem = parse_weight(src.text)
        if problem:
            self.error(src, problem)
        return (default if fraction is None else fraction), src[len(src) - len(rest) :].strip()

    def answer_and_feedback(self, src: Src) -> tuple[Src, dict | None]:
        """Split ``answer#feedback`` at the first ``#``."""
        parts = src.split("#", 1)
        return parts[0].strip(), self.feedback(parts[1]) if len(parts) > 1 else None

    def no_leading_text(self, head: Src, marker: str) -> None:
        """Report text before the first answer marker, which Moodle would misread."""
        if head.strip().text:
            answer = head.strip().decoded()
            self.error(head, f'answer "{answer}" must start with "{marker}"')


def option_key(seed: int, ident: str, index: int | str) -> str:
    """Return an opaque key for an option that does not reveal its position."""
    return hashlib.sha256(f"{seed}:{ident}:{index}".encode()).hexdigest()[:10]


def form_values_of(form: Mapping, key: str) -> list[str]:
    """Return every submitted value of ``key`` (plain dicts, dicts of lists, MultiDicts)."""
    getlist = getattr(form, "getlist", None)
    values = getlist(key) if getlist else form.get(key, [])
    values = [values] if isinstance(values, str) else list(values or [])
    return [value for value in values if isinstance(value, str)]


def typed_text(form: Mapping, name: str) -> str | None:
    """Return the first typed value of ``name`` cut to 10,000 characters; None if blank."""
    values = form_values_of(form, name)
    text = values[0][:MAX_TEXT] if values else ""
    return text if text.strip() else None


def write_feedback(feedback: dict | None, question_format: str) -> str:
    """Return ``#feedback`` as GIFT, or nothing when there is no feedback."""
    if not feedback:
        return ""
    return "#" + write_text(feedback["format"], feedback["source"], question_format)


def feedback_html(part: dict | None) -> list[str]:
    """List the HTML of one piece of feedback, or nothing when there is none."""
    return [part["html"]] if part else []


def answer_block(data: dict, lines: list[str], opening: str = "{", inline: bool = False) -> str:
    """Wrap answer lines and the general feedback in ``{...}`` as Moodle writes them.

    A missing-word block stays on one line, inside its sentence.
    """
    general = data["general_feedback"]
    if general:
        fmt = data["text"]["format"]
        lines = [*lines, "####" + write_text(general["format"], general["source"], fmt)]
    if inline or data["blank"]:
        return opening + " ".join(lines) + "}"
    return opening + "\n" + "".join(f"\t{line}\n" for line in lines) + "}"


class QuestionType:
    """Define how one kind of question is read, shown, graded and written back."""

    name: ClassVar[str] = ""
    order: ClassVar[int] = 100
    graded: ClassVar[bool] = True
    manual: ClassVar[bool] = False
    widget: ClassVar[str] = "none"

    def detects(self, answers: str | None) -> bool:
        """Tell whether an answer block (None: no block) is of this type."""
        raise NotImplementedError

    def parse(self, block: Block) -> dict:
        """Return the type's own data keys read from ``block``, reporting problems on it."""
        raise NotImplementedError

    def public_view(self, data: dict, seed: int, shuffle: bool) -> dict:
        """Return what the page may show before submission: never answers or feedback."""
        return {
            "ident": data["ident"],
            "widget": self.widget,
            "html": data["html"],
            "title": data["title"],
            "blank": data["blank"],
        }

    def read_response(self, data: dict, seed: int, form: Mapping, name: str) -> Any | None:
        """Turn submitted form values into a JSON-serializable response; None if unanswered."""
        return None

    def form_values(self, data: dict, seed: int, response: Any) -> dict:
        """Return what the form shows to redisplay a saved ``response``."""
        return {}

    def grade(self, data: dict, response: Any) -> float | None:
        """Score ``response`` from 0 to 1; None when the type is not graded automatically."""
        return None

    def review(self, data: dict, response: Any) -> dict:
        """Return what the results page shows after submission."""
        score = self.grade(data, response)
        return {
            "response_html": self.response_html(data, response),
            "correct": None if score is None else score >= 1.0,
            "right_answers_html": self.right_answers_html(data),
            "feedback_html": self.chosen_feedback_html(data, response),
            "general_feedback_html": (data["general_feedback"] or {}).get("html"),
        }

    def response_html(self, data: dict, response: Any) -> str:
        """Show the learner's response as safe HTML."""
        return ""

    def right_answers_html(self, data: dict) -> list[str]:
        """List the HTML of the answers that earn full marks."""
        return []

    def chosen_feedback_html(self, data: dict, response: Any) -> list[str]:
        """List the feedback HTML belonging to what the learner answered."""
        return []

    def describe_response(self, data: dict, response: Any) -> str:
        """Label a response in plain text, for reports that tally answers."""
        return ""

    def to_gift(self, data: dict) -> str:
        """Write the answer block (with braces and general feedback) as GIFT."""
        raise NotImplementedError

    def shape(self, data: dict) -> Any:
        """Return what a translation must keep equal (counts, weights, values)."""
        return ()
