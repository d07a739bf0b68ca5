"""What the template builders share: the languages, the fixed date, and reading texts."""

from __future__ import annotations

import datetime

LANGUAGES = ("en", "zh")
AUTHOR = "Producer Academy"
# Every file says it was made at this moment, so building twice gives the same bytes.
FIXED_DATE = datetime.datetime(2026, 1, 1)


class SpecError(Exception):
    """A spec that cannot be built, and what is wrong with it."""


def say(value, language: str) -> str:
    """Return ``value`` in ``language``: a mapping's entry, or the one text for both."""
    if isinstance(value, dict):
        if language not in value:
            raise SpecError(f"no {language!r} text in {value!r}")
        return str(value[language])
    return "" if value is None else str(value)
