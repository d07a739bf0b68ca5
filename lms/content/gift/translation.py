"""Check that a translated GIFT file (``x.zh.gift``) matches its original (``x.gift``).

A translation changes only texts: the questions, their order, types, number
of answers, weights and numbers must be the same.
"""

from __future__ import annotations

from lms.content.errors import ContentError
from lms.content.gift.model import Question


def _count(shape) -> int | None:
    """Count answers (or pairs) in a type's shape, if it is a list."""
    return len(shape) if isinstance(shape, list) else None


def _differences(original: Question, other: Question) -> list[str]:
    """Describe how ``other`` differs in structure from ``original``."""
    ident = other.ident
    if original.qtype != other.qtype:
        return [f'question "{ident}" is {other.qtype} here but {original.qtype} in the original']
    kind = original.question_type
    mine, theirs = kind.shape(other.data), kind.shape(original.data)
    problems = []
    if original.data["blank"] != other.data["blank"]:
        problems.append(f'question "{ident}" must have its answer block in the same place')
    if _count(mine) != _count(theirs):
        what = "pairs" if original.qtype == "matching" else "answers"
        counts = f"{_count(mine)} {what} here but {_count(theirs)}"
        problems.append(f'question "{ident}" has {counts} in the original')
    elif mine != theirs:
        problems.append(f'question "{ident}" has other weights or values than the original')
    return problems


def check_translation(
    default: list[Question], other: list[Question], path: str
) -> list[ContentError]:
    """Return the problems of ``other`` (read from ``path``) as a translation of ``default``."""
    errors: list[ContentError] = []
    originals = {question.ident: question for question in default}
    present = {question.ident for question in other}
    # The questions both files share must come in the original's order.
    expected = iter([question.ident for question in default if question.ident in present])
    for question in other:
        if question.ident not in originals:
            message = f'question "{question.ident}" is not in the original'
            errors.append(ContentError(path, question.line, message))
            continue
        wanted = next(expected)
        if wanted != question.ident:
            message = f'question "{question.ident}" is out of order (expected "{wanted}")'
            errors.append(ContentError(path, question.line, message))
        for problem in _differences(originals[question.ident], question):
            errors.append(ContentError(path, question.line, problem))
    for question in default:
        if question.ident not in present:
            errors.append(ContentError(path, None, f'question "{question.ident}" is missing'))
    return errors
