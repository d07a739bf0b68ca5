"""Multiple choice with several answers to tick: ``{~%50%a ~%50%b ~%-100%c}``."""

from __future__ import annotations

from typing import Any

from lms.content.gift.types.base import Block
from lms.content.gift.types.choice import ChoiceType
from lms.content.gift.types.registry import register


@register
class MultiresponseType(ChoiceType):
    """Show checkboxes; the score is the sum of the chosen weights, clamped to 0..1."""

    name = "multiresponse"
    order = 41
    widget = "multi"

    def detects(self, answers: str | None) -> bool:
        """Take blocks with ``~`` but no ``=``, as Moodle sets ``single = 0``."""
        return answers is not None and "~" in answers and "=" not in answers

    def parse(self, block: Block) -> dict:
        """Read the answers and check that the positive weights add up to 100%."""
        data = super().parse(block)
        positive = sum(answer["fraction"] for answer in data["answers"] if answer["fraction"] > 0)
        # Moodle rounds the sum to two decimals, so 3 x 33.33333% passes.
        if len(data["answers"]) >= 2 and round(positive, 2) != 1.0:
            total = f"{positive * 100:.5g}"
            block.error(block.answers, f"positive weights add up to {total}%, not 100%")
        return data

    def read_response(self, data, seed, form, name) -> list[int] | None:
        """Return the sorted original indexes of the ticked answers."""
        return sorted(self.chosen(data, seed, form, name)) or None

    def grade(self, data: dict, response: Any) -> float:
        """Add the chosen weights and clamp to 0..1."""
        total = sum(data["answers"][i]["fraction"] for i in set(self.selected(data, response)))
        return min(1.0, max(0.0, total))

    def right_answers_html(self, data: dict) -> list[str]:
        """List every answer with positive weight."""
        return [answer["html"] for answer in data["answers"] if answer["fraction"] > 0]
