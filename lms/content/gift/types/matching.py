"""Matching: ``{=Canada -> Ottawa =Italy -> Rome = -> Paris}``.

At least two pairs are needed; a pair with nothing before ``->`` only adds a
wrong choice. The right-hand answers are plain text, and identical answers
form one choice, as in Moodle.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from lms.content.gift.formats import html_to_text, plain_html, write_text
from lms.content.gift.source import escape
from lms.content.gift.types.base import (
    Block,
    QuestionType,
    answer_block,
    form_values_of,
    option_key,
)
from lms.content.gift.types.registry import register


def choices_of(data: dict) -> list[str]:
    """Return the distinct answers in order of first appearance."""
    return list(dict.fromkeys(pair["answer"] for pair in data["pairs"]))


def items_of(data: dict) -> list[int]:
    """Return the indexes of pairs that are questions (not lone wrong choices)."""
    return [index for index, pair in enumerate(data["pairs"]) if pair["source"]]


@register
class MatchingType(QuestionType):
    """Show one select per item; the score is the share of items matched right."""

    name = "matching"
    order = 50
    widget = "matching"

    def detects(self, answers: str | None) -> bool:
        """Take blocks with ``=`` and ``->`` (and no ``~``, which came first)."""
        return answers is not None and "=" in answers and "->" in answers

    def parse(self, block: Block) -> dict:
        """Read ``=item -> answer`` pairs."""
        head, pieces = block.answers.split_before("=")
        block.no_leading_text(head, "=")
        pairs = []
        for piece in pieces:
            body = piece[1:].strip()
            arrow = body.text.find("->")
            if arrow < 0:
                block.error(piece, f'matching pair "{body.decoded()}" needs "->"')
                continue
            item = block.text(body[:arrow]) or {}
            answer = body[arrow + 2 :].strip().decoded()
            if not answer:
                block.error(piece, "empty answer")
            pairs.append({**item, "answer": answer})
        if len([pair for pair in pairs if pair.get("source")]) < 2:
            block.error(block.answers, "matching needs at least two pairs")
        return {"pairs": pairs}

    def keys(self, data: dict, seed: int) -> tuple[dict[str, int], dict[str, int]]:
        """Return {item key: pair index} and {choice key: choice index}."""
        ident = data["ident"]
        items = {option_key(seed, ident, f"item:{i}"): i for i in items_of(data)}
        choices = {option_key(seed, ident, f"choice:{j}"): j for j in range(len(choices_of(data)))}
        return items, choices

    def public_view(self, data: dict, seed: int, shuffle: bool) -> dict:
        """Show items (shuffled when asked) and choices (always shuffled, as Moodle does)."""
        item_keys, choice_keys = self.keys(data, seed)
        answers = choices_of(data)
        items = [{"key": k, "html": data["pairs"][i]["html"]} for k, i in item_keys.items()]
        choices = [{"key": k, "html": plain_html(answers[j])} for k, j in choice_keys.items()]
        shuffler = random.Random(f"{seed}:{data['ident']}")
        if shuffle:
            shuffler.shuffle(items)
        shuffler.shuffle(choices)
        view = super().public_view(data, seed, shuffle)
        return {**view, "items": items, "choices": choices}

    def read_response(self, data, seed, form: Mapping, name) -> dict | None:
        """Return {pair index as text: choice index} for every answered item."""
        item_keys, choice_keys = self.keys(data, seed)
        response = {}
        for item_key, index in item_keys.items():
            chosen = [v for v in form_values_of(form, f"{name}-{item_key}") if v in choice_keys]
            if chosen:
                response[str(index)] = choice_keys[chosen[0]]
        return response or None

    def pairs_chosen(self, data: dict, response: Any) -> list[tuple[int, str]]:
        """Return (pair index, chosen answer) for the valid entries of ``response``."""
        if not isinstance(response, dict):
            return []
        answers, items = choices_of(data), set(items_of(data))
        chosen = []
        for key, choice in response.items():
            index = int(key) if isinstance(key, str) and key.isdigit() else None
            valid_choice = isinstance(choice, int) and 0 <= choice < len(answers)
            if index in items and valid_choice:
                chosen.append((index, answers[choice]))
        return sorted(chosen)

    def form_values(self, data: dict, seed: int, response: Any) -> dict:
        """Return {item key: choice key} of the saved answers."""
        ident, answers = data["ident"], choices_of(data)
        return {
            "selected": {
                option_key(seed, ident, f"item:{i}"): option_key(
                    seed, ident, f"choice:{answers.index(answer)}"
                )
                for i, answer in self.pairs_chosen(data, response)
            }
        }

    def grade(self, data: dict, response: Any) -> float:
        """Score the share of items matched to their own answer."""
        right = sum(data["pairs"][i]["answer"] == a for i, a in self.pairs_chosen(data, response))
        return right / len(items_of(data))

    def line(self, data: dict, index: int, answer: str) -> str:
        """Write ``item → answer`` in plain text."""
        return f"{html_to_text(data['pairs'][index]['html'])} → {answer}"

    def response_html(self, data: dict, response: Any) -> str:
        """Show each matched item with the chosen answer."""
        lines = [self.line(data, i, a) for i, a in self.pairs_chosen(data, response)]
        return "<br>".join(plain_html(line) for line in lines)

    def right_answers_html(self, data: dict) -> list[str]:
        """Show each item with its answer."""
        return [plain_html(self.line(data, i, data["pairs"][i]["answer"])) for i in items_of(data)]

    def describe_response(self, data: dict, response: Any) -> str:
        """Label the response as ``a → b; c → d``."""
        return "; ".join(self.line(data, i, a) for i, a in self.pairs_chosen(data, response))

    def to_gift(self, data: dict) -> str:
        """Write one ``=item -> answer`` per line."""
        fmt = data["text"]["format"]
        lines = [
            "=" + write_text(pair["format"], pair["source"], fmt) + " -> " + escape(pair["answer"])
            for pair in data["pairs"]
        ]
        return answer_block(data, lines)

    def shape(self, data: dict) -> Any:
        """Keep the pairs, which are lone choices, and which items share an answer."""
        answers = choices_of(data)
        return [(bool(pair["source"]), answers.index(pair["answer"])) for pair in data["pairs"]]
