"""Essay: ``{}``, answered in a text area and graded by a trainer."""

from __future__ import annotations

from typing import Any

from lms.content.gift.formats import plain_html
from lms.content.gift.types.base import Block, QuestionType, answer_block, typed_text
from lms.content.gift.types.registry import register


@register
class EssayType(QuestionType):
    """Show a text area; a person grades it, so :meth:`grade` returns None."""

    name = "essay"
    order = 20
    manual = True
    widget = "essay"

    def detects(self, answers: str | None) -> bool:
        """Take an empty block."""
        return answers == ""

    def parse(self, block: Block) -> dict:
        """Read nothing: the block is empty."""
        return {}

    def read_response(self, data, seed, form, name) -> str | None:
        """Return the written text (at most 10,000 characters)."""
        return typed_text(form, name)

    def form_values(self, data: dict, seed: int, response: Any) -> dict:
        """Return the text to put back in the text area."""
        return {"text": response if isinstance(response, str) else ""}

    def response_html(self, data: dict, response: Any) -> str:
        """Show the text with its line breaks."""
        return plain_html(response) if isinstance(response, str) else ""

    def describe_response(self, data: dict, response: Any) -> str:
        """Return the start of the text on one line."""
        return " ".join(response.split())[:80] if isinstance(response, str) else ""

    def to_gift(self, data: dict) -> str:
        """Write ``{}`` (with general feedback inside, if any)."""
        return answer_block(data, [], inline=True)
