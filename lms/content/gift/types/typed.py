"""What the question types a learner types into (short answer, numerical) share.

The first answer that the typed text matches decides the score and the
feedback; the types differ only in what "matches" means.
"""

from __future__ import annotations

from typing import Any

from lms.content.gift.formats import plain_html
from lms.content.gift.types.base import QuestionType, typed_text


class TypedAnswerType(QuestionType):
    """Show a text field and grade by the first answer the typed text matches."""

    widget = "text"

    def matching_answer(self, data: dict, response: Any) -> dict | None:
        """Return the first answer ``response`` matches; each typed type says how."""
        raise NotImplementedError

    def read_response(self, data, seed, form, name) -> str | None:
        """Return the typed text (at most 10,000 characters)."""
        return typed_text(form, name)

    def form_values(self, data: dict, seed: int, response: Any) -> dict:
        """Return the text to put back in the field."""
        return {"text": response if isinstance(response, str) else ""}

    def grade(self, data: dict, response: Any) -> float:
        """Score the matching answer's weight, clamped to 0..1; no match scores 0."""
        answer = self.matching_answer(data, response)
        return min(1.0, max(0.0, answer["fraction"])) if answer else 0.0

    def response_html(self, data: dict, response: Any) -> str:
        """Show the typed text."""
        return plain_html(response) if isinstance(response, str) else ""
