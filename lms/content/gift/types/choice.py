"""Share parsing, display and review between single and multiple answer choices.

Moodle reads ``{=right ~wrong ~%50%partly}``: ``~`` marks an answer, ``=``
a right one (100%), ``~%weight%`` partial or negative credit. Without any
``=`` the question allows several answers (checkboxes).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from lms.content.gift.formats import html_to_text, write_text
from lms.content.gift.types.base import (
    Block,
    QuestionType,
    answer_block,
    form_values_of,
    option_key,
    write_feedback,
)
from lms.content.gift.weights import format_percent


class ChoiceType(QuestionType):
    """Read and show a list of answers with weights; subclasses choose and grade."""

    order = 40

    def parse(self, block: Block) -> dict:
        """Read ``~answer#feedback`` and ``=answer`` items with their weights."""
        head, pieces = block.answers.split_before("~=")
        block.no_leading_text(head, "~")
        answers = []
        for piece in pieces:
            body = piece[1:].strip()
            if piece.text[0] == "=":
                # After "=" Moodle takes the rest as text, even "%50%".
                fraction, rest = 1.0, body
            else:
                fraction, rest = block.weight(body, 0.0)
            text, feedback = block.answer_and_feedback(rest)
            part = block.text(text)
            if part is not None and not part["source"]:
                block.error(piece, "empty answer")
            answers.append({**(part or {}), "fraction": fraction, "feedback": feedback})
        if len(answers) < 2:
            block.error(block.answers, "multiple choice needs at least two answers")
        return {"answers": answers}

    def public_view(self, data: dict, seed: int, shuffle: bool) -> dict:
        """Show the answers under opaque keys, shuffled per attempt when asked."""
        options = [
            {"key": option_key(seed, data["ident"], index), "html": answer["html"]}
            for index, answer in enumerate(data["answers"])
        ]
        if shuffle:
            random.Random(f"{seed}:{data['ident']}").shuffle(options)
        return {**super().public_view(data, seed, shuffle), "options": options}

    def chosen(self, data: dict, seed: int, form: Mapping, name: str) -> list[int]:
        """Return the original indexes of the chosen options, in submission order."""
        keys = {option_key(seed, data["ident"], i): i for i in range(len(data["answers"]))}
        indexes: list[int] = []
        for value in form_values_of(form, name):
            if value in keys and keys[value] not in indexes:
                indexes.append(keys[value])
        return indexes

    def selected(self, data: dict, response: Any) -> list[int]:
        """Return the valid answer indexes in a stored response."""
        values = response if isinstance(response, list) else [response]
        count = len(data["answers"])
        return [
            v for v in values if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < count
        ]

    def form_values(self, data: dict, seed: int, response: Any) -> dict:
        """Return the keys to show as checked."""
        return {
            "checked": {option_key(seed, data["ident"], i) for i in self.selected(data, response)}
        }

    def response_html(self, data: dict, response: Any) -> str:
        """Show the chosen answers."""
        return "".join(data["answers"][i]["html"] for i in self.selected(data, response))

    def chosen_feedback_html(self, data: dict, response: Any) -> list[str]:
        """List the feedback of every chosen answer that has one."""
        chosen = [data["answers"][i]["feedback"] for i in self.selected(data, response)]
        return [feedback["html"] for feedback in chosen if feedback]

    def describe_response(self, data: dict, response: Any) -> str:
        """Name the chosen answers in plain text."""
        labels = [html_to_text(data["answers"][i]["html"]) for i in self.selected(data, response)]
        return "; ".join(labels)

    def marker(self, answer: dict) -> str:
        """Return how an answer starts in GIFT: ``=``, ``~`` or ``~%weight%``."""
        if answer["fraction"] == 0 and not answer["source"].startswith("%"):
            return "~"
        return f"~%{format_percent(answer['fraction'])}%"

    def markers(self, answers: list[dict]) -> list[str]:
        """Return the marker of every answer."""
        return [self.marker(answer) for answer in answers]

    def to_gift(self, data: dict) -> str:
        """Write one answer per line with weight and feedback."""
        fmt = data["text"]["format"]
        lines = []
        for answer, marker in zip(data["answers"], self.markers(data["answers"]), strict=True):
            line = marker + write_text(answer["format"], answer["source"], fmt)
            lines.append(line + write_feedback(answer["feedback"], fmt))
        return answer_block(data, lines)

    def shape(self, data: dict) -> Any:
        """Keep the number of answers and their weights."""
        return [answer["fraction"] for answer in data["answers"]]
