"""Helpers for test modules: request helpers from conftest, and reading forms in pages."""

import html
import re
from contextlib import contextmanager

from sqlalchemy import event

from lms.extensions import db

from .conftest import (
    ARTIFACTS,
    COURSES,
    ISSUER,
    PASSWORD,
    QUIZZES,
    ROLES,
    SAMPLE_GIFT,
    SAMPLE_GIFT_ZH,
    STAFF_PAGE_STATUS,
    csrf_token,
    login,
    post,
)

__all__ = [
    "ARTIFACTS",
    "COURSES",
    "ISSUER",
    "PASSWORD",
    "QUIZZES",
    "ROLES",
    "SAMPLE_GIFT",
    "SAMPLE_GIFT_ZH",
    "STAFF_PAGE_STATUS",
    "counted_statements",
    "csrf_token",
    "field_errors",
    "field_value",
    "login",
    "post",
    "register_form",
]


def field_errors(page: str, field: str) -> list[str]:
    """Return the error messages shown next to the form field ``field``."""
    found = re.findall(rf'<p class="error" id="{field}-error">(.*?)</p>', page)
    return [html.unescape(message) for message in found]


def field_value(page: str, field: str) -> str | None:
    """Return the value the input ``field`` shows, or None when it shows none."""
    tag = re.search(rf'<input [^>]*\bid="{field}"[^>]*>', page)
    assert tag, f"no input {field}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group())
    return html.unescape(value.group(1)) if value else None


def register_form(code="K7QM-4TXA", **fields) -> dict:
    """Return a complete sign-up form with ``fields`` changed."""
    form = {
        "enrolment_code": code,
        "name": "Li Wei",
        "email": "li.wei@example.org",
        "password": "green tea harvest",
        "confirm": "green tea harvest",
    }
    form.update(fields)
    return form


@contextmanager
def counted_statements():
    """Collect the SQL statements run inside the ``with`` block, in a list it yields.

    The session is emptied first, so nothing is counted as free because an earlier
    request left it in the identity map.
    """
    db.session.expire_all()
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
