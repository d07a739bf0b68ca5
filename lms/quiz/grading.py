"""Score answers and decide a pass: pure rules, given the questions and the responses.

A question's score is 0..1; the attempt's score is the mean over the graded
questions (descriptions carry no score, essays wait for a trainer's mark). This
module reads no database and completes nothing: :mod:`lms.quiz.services` gives
it the attempt's revisions, in the order they were shown, and acts on the result.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from ..content.gift import QUESTION_TYPES


def score_response(qtype: str, data: dict[str, Any], response: Any) -> float | None:
    """Return the 0..1 score of ``response`` to a question; None when a trainer marks it."""
    return QUESTION_TYPES[qtype].grade(data, response)


def is_graded(qtype: str) -> bool:
    """Tell whether answers to a question of ``qtype`` count towards the attempt's score."""
    return QUESTION_TYPES[qtype].graded


def attempt_score(qtypes: Iterable[tuple[int, str]], scores: Mapping[int, float | None]):
    """Return the attempt's 0..1 score, or None while a graded answer has no score yet.

    ``qtypes`` pairs each question id with its type, ``scores`` maps question ids
    to their answers' scores. An attempt with nothing to grade scores 1.
    """
    graded = [scores.get(question_id) for question_id, qtype in qtypes if is_graded(qtype)]
    if any(score is None for score in graded):
        return None
    return sum(graded) / len(graded) if graded else 1.0


def passes(score: float, pass_mark: int) -> bool:
    """Tell whether a 0..1 ``score`` reaches ``pass_mark`` per cent.

    Compared in whole hundredths, so 79.999...% is not a fail at a pass mark of 80.
    """
    return round(score * 100, 2) >= pass_mark
