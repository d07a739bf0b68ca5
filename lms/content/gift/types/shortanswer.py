"""Short answer: ``{=answer =%50%half right#feedback}``, matched ignoring case.

As in Moodle, ``*`` in an answer matches any run of characters (``\\*`` a
literal star), and the first answer that matches decides score and feedback.
Typed text and answers are both NFKC-normalized, trimmed, whitespace
collapsed and case-folded, so full-width input matches.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from lms.content.gift.formats import plain_html, write_text
from lms.content.gift.types.base import Block, answer_block, write_feedback
from lms.content.gift.types.registry import register
from lms.content.gift.types.typed import TypedAnswerType
from lms.content.gift.weights import format_percent

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold text the way answers are compared: NFKC, trimmed, single spaces, any case."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def matches(answer: str, response: str) -> bool:
    """Tell whether ``response`` matches ``answer`` with Moodle's ``*`` wildcard."""
    parts = re.split(r"(\\\*|\*)", normalize(answer))
    pattern = "".join(
        ".*" if part == "*" else re.escape("*" if part == "\\*" else part) for part in parts
    )
    return re.fullmatch(pattern, normalize(response), re.DOTALL) is not None


@register
class ShortAnswerType(TypedAnswerType):
    """Show a text field; the first matching answer's weight is the score."""

    name = "shortanswer"
    order = 100

    def detects(self, answers: str | None) -> bool:
        """Take any block no other type claimed, as Moodle does."""
        return answers is not None

    def parse(self, block: Block) -> dict:
        """Read ``=answer`` items with optional weight and feedback."""
        head, pieces = block.answers.split_before("=")
        if head.strip().text.upper() in {"T", "TRUE", "F", "FALSE"}:
            # Moodle would take "{true}" as a short answer "true"; that is never meant.
            block.error(head, "write true/false as T, TRUE, F or FALSE (upper case)")
        else:
            block.no_leading_text(head, "=")
        answers = []
        for piece in pieces:
            fraction, rest = block.weight(piece[1:].strip(), 1.0)
            text, feedback = block.answer_and_feedback(rest)
            source = block.plain(text)
            if not source:
                block.error(piece, "empty answer")
            answer = {"format": "plain", "source": source, "html": plain_html(source)}
            answers.append({**answer, "fraction": fraction, "feedback": feedback})
        if answers and max(answer["fraction"] for answer in answers) != 1.0:
            block.error(block.answers, "one answer must be worth 100%")
        return {"answers": answers}

    def matching_answer(self, data: dict, response: Any) -> dict | None:
        """Return the first answer that ``response`` matches."""
        if not isinstance(response, str) or not response.strip():
            return None
        return next((a for a in data["answers"] if matches(a["source"], response)), None)

    def right_answers_html(self, data: dict) -> list[str]:
        """List the answers worth 100%."""
        return [a["html"] for a in data["answers"] if a["fraction"] == 1.0]

    def chosen_feedback_html(self, data: dict, response: Any) -> list[str]:
        """Return the matching answer's feedback."""
        answer = self.matching_answer(data, response)
        return [answer["feedback"]["html"]] if answer and answer["feedback"] else []

    def describe_response(self, data: dict, response: Any) -> str:
        """Return the typed text, normalized so equal answers tally together."""
        return normalize(response) if isinstance(response, str) else ""

    def to_gift(self, data: dict) -> str:
        """Write one ``=answer`` per line, with a weight when it is not 100%."""
        fmt = data["text"]["format"]
        lines = []
        for answer in data["answers"]:
            weight = answer["fraction"] != 1.0 or answer["source"].startswith("%")
            line = "=" + (f"%{format_percent(answer['fraction'])}%" if weight else "")
            # A short answer has no format, but "[html]x" must not read as a prefix.
            line += write_text("plain", answer["source"], "plain")
            lines.append(line + write_feedback(answer["feedback"], fmt))
        return answer_block(data, lines)

    def shape(self, data: dict) -> Any:
        """Keep the number of answers and their weights."""
        return [answer["fraction"] for answer in data["answers"]]
