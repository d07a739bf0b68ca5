"""Description: text with no answer block, shown between questions and never graded."""

from __future__ import annotations

from lms.content.gift.types.base import Block, QuestionType
from lms.content.gift.types.registry import register


@register
class DescriptionType(QuestionType):
    """Show text only."""

    name = "description"
    order = 10
    graded = False
    widget = "none"

    def detects(self, answers: str | None) -> bool:
        """Take questions without any ``{...}``."""
        return answers is None

    def parse(self, block: Block) -> dict:
        """Read nothing: there is no block."""
        return {}

    def to_gift(self, data: dict) -> str:
        """Write nothing: a description has no block."""
        return ""
