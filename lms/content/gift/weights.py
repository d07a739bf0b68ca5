"""Check answer weights against the grades Moodle offers.

Moodle stores an answer's weight as a fraction from a fixed list
(``question_bank::fraction_options_full()``) and refuses, on import, any
weight that is not within 0.00001 of one of them, so ``%33.333%`` passes and
``%33.33%`` does not.
"""

from __future__ import annotations

import re

# The positive fractions Moodle offers, to seven decimals as Moodle keeps them.
_POSITIVE = (
    *(1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333),
    *(0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05),
)
FRACTIONS: tuple[float, ...] = (*_POSITIVE, 0.0, *(-f for f in reversed(_POSITIVE)))

# Moodle's own tolerance when it matches an imported grade to the list.
_TOLERANCE = 0.00001
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
WEIGHT = re.compile(r"%([^%\n]{0,20})%")


def match_fraction(percent: float) -> float | None:
    """Return Moodle's fraction for a weight given in percent, or None if it has none."""
    for fraction in FRACTIONS:
        if abs(percent / 100 - fraction) < _TOLERANCE:
            return fraction
    return None


def format_percent(fraction: float) -> str:
    """Write a fraction as the percentage GIFT expects, e.g. ``33.33333`` or ``-50``."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def nearest_weights(percent: float) -> str:
    """Name the two accepted weights closest to ``percent``, for an error message."""
    ranked = sorted(FRACTIONS, key=lambda fraction: abs(fraction * 100 - percent))
    return ", ".join(format_percent(fraction) for fraction in ranked[:2])


def parse_weight(text: str) -> tuple[float | None, str, str | None]:
    """Split a leading ``%weight%`` off ``text``.

    Return ``(fraction or None when there is no weight, rest of the text,
    error message or None)``.
    """
    found = WEIGHT.match(text)
    if found is None:
        return None, text, None
    raw = found.group(1).strip()
    rest = text[found.end() :]
    if not _NUMBER.fullmatch(raw):
        return None, rest, f'weight "%{found.group(1)}%" is not a number'
    percent = float(raw)
    fraction = match_fraction(percent)
    if fraction is None:
        shown = format_percent(percent / 100)
        message = f"weight {shown}% is not one Moodle accepts (use {nearest_weights(percent)}, ...)"
        return None, rest, message
    return fraction, rest, None
