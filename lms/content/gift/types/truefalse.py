"""True/false: ``{T}``, ``{TRUE}``, ``{F}``, ``{FALSE}``, with ``#wrong#right`` feedback.

As in Moodle the words are case-sensitive (``{true}`` is a short answer),
the first ``#`` holds the feedback for a wrong answer, the second for a
right one.
"""

from __future__ import annotations

from typing import Any

from lms.content.gift.types.base import (
    Block,
    QuestionType,
    answer_block,
    form_values_of,
    write_feedback,
)
from lms.content.gift.types.registry import register

WORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
LABELS = {True: "True", False: "False"}


@register
class TrueFalseType(QuestionType):
    """Show two radio buttons keyed ``true`` and ``false``."""

    name = "truefalse"
    order = 60
    widget = "choice"

    def detects(self, answers: str | None) -> bool:
        """Take a block whose text before any ``#`` is one of Moodle's four words."""
        return answers is not None and answers.split("#", 1)[0].strip() in WORDS

    def parse(self, block: Block) -> dict:
        """Read the word and the wrong/right feedback."""
        bits = block.answers.split("#", 2)
        correct = WORDS[bits[0].strip().text]
        wrong = block.feedback(bits[1]) if len(bits) > 1 else None
        right = block.feedback(bits[2]) if len(bits) > 2 else None
        return {
            "correct": correct,
            "feedback_true": right if correct else wrong,
            "feedback_false": wrong if correct else right,
        }

    def public_view(self, data: dict, seed: int, shuffle: bool) -> dict:
        """Offer True and False, in that order."""
        options = [{"key": "true", "html": "True"}, {"key": "false", "html": "False"}]
        return {**super().public_view(data, seed, shuffle), "options": options}

    def read_response(self, data, seed, form, name) -> bool | None:
        """Return True or False as chosen."""
        for value in form_values_of(form, name):
            if value in {"true", "false"}:
                return value == "true"
        return None

    def form_values(self, data: dict, seed: int, response: Any) -> dict:
        """Return the checked key."""
        return {"checked": set() if response is None else {str(bool(response)).lower()}}

    def grade(self, data: dict, response: Any) -> float:
        """Score 1 for the right word, else 0."""
        return 1.0 if isinstance(response, bool) and response == data["correct"] else 0.0

    def response_html(self, data: dict, response: Any) -> str:
        """Show the chosen word."""
        return LABELS[response] if isinstance(response, bool) else ""

    def right_answers_html(self, data: dict) -> list[str]:
        """Name the right word."""
        return [LABELS[data["correct"]]]

    def chosen_feedback_html(self, data: dict, response: Any) -> list[str]:
        """Return the feedback for the chosen word."""
        if not isinstance(response, bool):
            return []
        feedback = data["feedback_true"] if response else data["feedback_false"]
        return [feedback["html"]] if feedback else []

    def describe_response(self, data: dict, response: Any) -> str:
        """Name the chosen word."""
        return self.response_html(data, response)

    def to_gift(self, data: dict) -> str:
        """Write ``{TRUE#wrong#right}`` as Moodle exports it."""
        fmt = data["text"]["format"]
        correct = data["correct"]
        right = data["feedback_true"] if correct else data["feedback_false"]
        wrong = data["feedback_false"] if correct else data["feedback_true"]
        text = "TRUE" if correct else "FALSE"
        if wrong or right:
            # The wrong-answer feedback comes first; an empty one keeps its "#".
            text += write_feedback(wrong, fmt) or "#"
        text += write_feedback(right, fmt)
        return answer_block(data, [text], inline=True)

    def shape(self, data: dict) -> Any:
        """Keep which word is right."""
        return data["correct"]
