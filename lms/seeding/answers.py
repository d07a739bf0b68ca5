"""Give seeded attempts answers that the app's own grading scores, question by question.

For each question revision and language, a handful of responses a learner could give
(the right one, wrong ones, a partly right one, no answer) are scored once through
``lms.quiz.grading.score_response``, the function that grades a real submission. An
attempt then only picks among them, so millions of answers cost one lookup each, and
every stored score is what the app would have given that response.
"""

import json
from dataclasses import dataclass
from typing import Any

from ..content.gift.types.matching import choices_of, items_of
from ..content.gift.types.numbers import show_number
from ..quiz.grading import attempt_score, is_graded, passes, score_response

MARKED = {"essay"}  # scored by a trainer; the seed marks them as one would


@dataclass(frozen=True)
class Choice:
    """One response as stored (JSON text, or None for no answer) and the score it earns."""

    response: str | None
    score: float | None


@dataclass(frozen=True)
class QuestionOptions:
    """The responses a learner may give to one question revision in one language."""

    question_id: int
    revision_id: int
    qtype: str
    graded: bool
    right: tuple[Choice, ...]
    wrong: tuple[Choice, ...]


def raw_responses(qtype: str, data: dict) -> list[Any]:
    """Return responses a learner could submit to a question, right and wrong ones."""
    if qtype in ("multichoice", "multiresponse"):
        count = len(data["answers"])
        singles = list(range(count))
        if qtype == "multichoice":
            return singles
        best = sorted(i for i, a in enumerate(data["answers"]) if a["fraction"] > 0)
        return [best, *([i] for i in singles), list(range(count))]
    if qtype == "truefalse":
        return [True, False]
    if qtype == "matching":
        answers, items = choices_of(data), items_of(data)
        right = {str(i): answers.index(data["pairs"][i]["answer"]) for i in items}
        shifted = {key: (choice + 1) % len(answers) for key, choice in right.items()}
        return [right, shifted, dict(list(right.items())[:1])]
    if qtype == "shortanswer":
        return [answer["source"] for answer in data["answers"]] + ["?"]
    if qtype == "numerical":
        return [_number_inside(answer) for answer in data["answers"]] + ["-987654"]
    if qtype == "essay":
        return ["We discussed this at our members' meeting and agreed on a plan."]
    return []


def _number_inside(answer: dict) -> str:
    """Return a typed number that falls in a numerical answer's interval."""
    if answer.get("range"):
        return show_number((answer["min"] + answer["max"]) / 2)
    return show_number(answer["value"])


def question_options(question_id: int, revision_id: int, qtype: str, data: dict):
    """Score the possible responses to one question in one language, as the app grades them."""
    right, wrong = [], []
    for response in [*raw_responses(qtype, data), None]:
        if qtype in MARKED:
            score = 1.0 if response else 0.0
        else:
            score = score_response(qtype, data, response)
        choice = Choice(None if response is None else json.dumps(response), score)
        (right if score is not None and score >= 1.0 else wrong).append(choice)
    graded = is_graded(qtype)
    if not graded or not right:  # nothing to get right: any response will do
        right = right or wrong
    return QuestionOptions(question_id, revision_id, qtype, graded, tuple(right), tuple(wrong))


def answer_attempt(rng, options: list[QuestionOptions], pass_mark: int, passed: bool):
    """Choose answers for an attempt meant to pass (or fail); return them, its score, its pass.

    A few draws are tried; if none lands on the side wanted, the last one stands, and
    the returned ``passed`` says what it really is under the app's pass rule.
    """
    skill = 0.92 if passed else 0.45
    for _ in range(6):
        chosen = [
            (option, rng.choice(option.right if rng.random() < skill or not option.wrong
                                else option.wrong))
            for option in options
        ]  # fmt: skip
        scores = {option.question_id: choice.score for option, choice in chosen}
        score = attempt_score(((o.question_id, o.qtype) for o in options), scores)
        if passes(score, pass_mark) == passed:
            break
    return chosen, score, passes(score, pass_mark)
