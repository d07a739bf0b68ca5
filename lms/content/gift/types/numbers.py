"""Read and write the numbers of numerical questions and of learners' answers."""

from __future__ import annotations

import math
import re
import unicodedata

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# "10,000" and "1,250.5": commas between groups of three digits separate thousands.
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def to_number(text: str) -> float | None:
    """Read a number written like PHP's ``is_numeric`` accepts; None if it is not one."""
    text = text.strip()
    value = float(text) if _NUMBER.fullmatch(text) else None
    return value if value is not None and math.isfinite(value) else None


def read_typed_number(text: str) -> float | None:
    """Read a learner's number: full-width digits, thousands separators, a decimal comma.

    Producers in China and most of Asia write 10,000 for ten thousand, so a comma
    before exactly three digits separates thousands; any other lone comma ("3,14")
    is a decimal comma. One trailing percent sign is read as the unit the question
    asks in, so "15%", "15 %" and "１５％" are 15, never 0.15: a question answered
    in percent stores its answer in percent.
    """
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    text = text.removesuffix("%")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif "," in text and "." not in text:
        text = text.replace(",", ".")
    return to_number(text)


def show_number(value: float) -> str:
    """Write a number so it reads back as the same float."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def margin_of(answer: dict) -> float:
    """Widen the interval by a hair, as Moodle does, so 3.14 ± 0.01 takes 3.15."""
    return 1e-12 * max(1.0, abs(answer["min"]), abs(answer["max"]))


def read_interval(raw: str) -> tuple[dict, list[str]]:
    """Read ``value``, ``value:tolerance`` or ``min..max``; return (numbers, problems)."""
    if raw.find("..") > 0:
        parts = raw.split("..", 1)
        low, high = (to_number(part) for part in parts)
        problems = [
            f'numerical answer "{part.strip()}" is not a number'
            for part, number in zip(parts, (low, high), strict=True)
            if number is None
        ]
        if low is not None and high is not None and low > high:
            problems.append(f"range {raw} has its minimum above its maximum")
        low, high = low or 0.0, high or 0.0
        value = (low + high) / 2
        numbers = {"value": value, "tolerance": high - value, "min": low, "max": high}
        return {**numbers, "range": True}, problems
    value_text, _, tolerance_text = raw.partition(":") if raw.find(":") > 0 else (raw, "", "0")
    value, tolerance = to_number(value_text), to_number(tolerance_text)
    problems = []
    if not raw:
        problems.append("empty answer")
    elif value is None:
        problems.append(f'numerical answer "{value_text.strip()}" is not a number')
    if tolerance is None:
        problems.append(f'tolerance "{tolerance_text.strip()}" is not a number')
    elif tolerance < 0:
        problems.append(f"tolerance {tolerance_text.strip()} must not be negative")
    value, tolerance = value or 0.0, abs(tolerance or 0.0)
    numbers = {"value": value, "tolerance": tolerance, "min": value - tolerance}
    return {**numbers, "max": value + tolerance, "range": False}, problems
