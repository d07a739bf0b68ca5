"""Pieces the benchmarks share: the temporary database and reading a form's CSRF token."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(page: str) -> str:
    """Return the CSRF token of the first form on ``page`` (the HTML of an academy page)."""
    found = _CSRF_FIELD.search(page)
    if found is None:
        raise ValueError("the page has no form with a CSRF token")
    return found.group(1)


def temporary_sqlite_url(folder: str) -> str:
    """Return the URL of a new SQLite file in ``folder``."""
    return f"sqlite:///{Path(folder) / 'bench.sqlite'}"
