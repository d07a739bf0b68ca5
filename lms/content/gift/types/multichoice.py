"""Multiple choice with one answer to pick: ``{=right ~wrong ~%50%partly right}``."""

from __future__ import annotations

from typing import Any

from lms.content.gift.types.base import Block
from lms.content.gift.types.choice import ChoiceType
from lms.content.gift.types.registry import register


@register
class MultichoiceType(ChoiceType):
    """Show radio buttons; the chosen answer's weight is the score."""

    name = "multichoice"
    widget = "choice"

    def detects(self, answers: str | None) -> bool:
        """Take blocks with ``~`` and at least one ``=`` (Moodle's single-answer rule)."""
        return answers is not None and "~" in answers and "=" in answers

    def parse(self, block: Block) -> dict:
        """Read the answers; ``=`` already guarantees one worth 100%."""
        return super().parse(block)

    def read_response(self, data, seed, form, name) -> int | None:
        """Return the original index of the chosen answer."""
        chosen = self.chosen(data, seed, form, name)
        return chosen[0] if chosen else None

    def grade(self, data: dict, response: Any) -> float:
        """Score the chosen answer's weight, clamped to 0..1 like Moodle."""
        chosen = self.selected(data, response)[:1]
        fraction = data["answers"][chosen[0]]["fraction"] if chosen else 0.0
        return min(1.0, max(0.0, fraction))

    def right_answers_html(self, data: dict) -> list[str]:
        """List the answers worth the most."""
        best = max(answer["fraction"] for answer in data["answers"])
        return [answer["html"] for answer in data["answers"] if answer["fraction"] == best]

    def markers(self, answers: list[dict]) -> list[str]:
        """Write right answers with ``=``, but keep a ``~`` so the block stays multiple choice."""
        marks = ["=" if answer["fraction"] == 1.0 else self.marker(answer) for answer in answers]
        if all(mark == "=" for mark in marks):
            # Moodle's export writes {=a =b} here, which it reads back as a short answer.
            marks = marks[:1] + [self.marker(answer) for answer in answers[1:]]
        return marks
