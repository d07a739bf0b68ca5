"""Numerical: ``{#3.14:0.01}``, ``{#1..5}``, ``{#=3.14:0.01 =%50%3.1:0.1 ~#wrong}``.

Unlike Moodle, an answer or tolerance that is not a number is an error, and
one answer must be worth 100%. Learners may type ``3,14`` or full-width digits.
"""

from __future__ import annotations

from typing import Any

from lms.content.gift.formats import plain_html, write_text
from lms.content.gift.source import Src
from lms.content.gift.types.base import Block, answer_block, write_feedback
from lms.content.gift.types.numbers import (
    margin_of,
    read_interval,
    read_typed_number,
    show_number,
)
from lms.content.gift.types.registry import register
from lms.content.gift.types.typed import TypedAnswerType
from lms.content.gift.weights import format_percent


@register
class NumericalType(TypedAnswerType):
    """Show a number field; the first answer whose interval holds the value scores."""

    name = "numerical"
    order = 30
    widget = "number"

    def detects(self, answers: str | None) -> bool:
        """Take blocks starting with ``#``."""
        return answers is not None and answers.startswith("#")

    def parse(self, block: Block) -> dict:
        """Read the answers, their tolerances or ranges, and the wrong-answer feedback."""
        body = block.answers[1:]
        wrong_at = body.text.find("~")
        wrong = body[wrong_at + 1 :] if wrong_at >= 0 else None
        body = body[:wrong_at] if wrong_at >= 0 else body
        head, pieces = body.split_before("=")
        entries = ([head] if head.strip().text else []) + [piece[1:] for piece in pieces]
        answers = [self.parse_answer(block, entry.strip()) for entry in entries]
        if not answers:
            block.error(block.answers, "numerical question needs an answer")
        elif max(answer["fraction"] for answer in answers) != 1.0:
            block.error(block.answers, "one answer must be worth 100%")
        wrong_feedback = None
        if wrong is not None:
            before, _, _ = wrong.text.partition("#")
            if before.strip():
                block.error(wrong, 'write wrong-answer feedback as "~#feedback"')
            parts = wrong.split("#", 1)
            wrong_feedback = block.feedback(parts[1]) if len(parts) > 1 else None
        return {"answers": answers, "wrong_feedback": wrong_feedback}

    def parse_answer(self, block: Block, entry: Src) -> dict:
        """Read ``value``, ``value:tolerance`` or ``min..max`` with weight and feedback."""
        fraction, rest = block.weight(entry, 1.0)
        text, feedback = block.answer_and_feedback(rest)
        numbers, problems = read_interval(block.plain(text))
        for problem in problems:
            block.error(entry, problem)
        return {"fraction": fraction, "feedback": feedback, **numbers}

    def matching_answer(self, data: dict, response: Any) -> dict | None:
        """Return the first answer whose interval holds the typed number."""
        value = read_typed_number(response) if isinstance(response, str) else None
        if value is None:
            return None
        for answer in data["answers"]:
            margin = margin_of(answer)
            if answer["min"] - margin <= value <= answer["max"] + margin:
                return answer
        return None

    def right_answers_html(self, data: dict) -> list[str]:
        """Show the full-mark answers as ``value ± tolerance`` or ``min – max``."""
        return [plain_html(self.label(a)) for a in data["answers"] if a["fraction"] == 1.0]

    def label(self, answer: dict) -> str:
        """Write an answer for people."""
        if answer["range"]:
            return f"{show_number(answer['min'])} – {show_number(answer['max'])}"
        if answer["tolerance"]:
            return f"{show_number(answer['value'])} ± {show_number(answer['tolerance'])}"
        return show_number(answer["value"])

    def chosen_feedback_html(self, data: dict, response: Any) -> list[str]:
        """Return the matching answer's feedback, else the wrong-answer feedback."""
        answer = self.matching_answer(data, response)
        feedback = answer["feedback"] if answer else data["wrong_feedback"]
        return [feedback["html"]] if feedback and response is not None else []

    def describe_response(self, data: dict, response: Any) -> str:
        """Return the number as read, or the trimmed text when it is not a number."""
        if not isinstance(response, str):
            return ""
        value = read_typed_number(response)
        return show_number(value) if value is not None else " ".join(response.split())

    def write_answer(self, answer: dict) -> str:
        """Write one answer as GIFT."""
        if answer["range"]:
            return f"{show_number(answer['min'])}..{show_number(answer['max'])}"
        if answer["tolerance"]:
            return f"{show_number(answer['value'])}:{show_number(answer['tolerance'])}"
        return show_number(answer["value"])

    def to_gift(self, data: dict) -> str:
        """Write ``{#`` with one ``=`` answer per line and ``~#`` wrong-answer feedback."""
        fmt = data["text"]["format"]
        lines = []
        for answer in data["answers"]:
            weight = "" if answer["fraction"] == 1.0 else f"%{format_percent(answer['fraction'])}%"
            line = f"={weight}{self.write_answer(answer)}"
            lines.append(line + write_feedback(answer["feedback"], fmt))
        wrong = data["wrong_feedback"]
        if wrong:
            lines.append("~#" + write_text(wrong["format"], wrong["source"], fmt))
        return answer_block(data, lines, opening="{#")

    def shape(self, data: dict) -> Any:
        """Keep every answer's weight and numbers."""
        keys = ("fraction", "value", "tolerance", "min", "max", "range")
        return [[answer[key] for key in keys] for answer in data["answers"]]
