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
    "asks_first",
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


CONFIRM_FORM = re.compile(
    r'<form method="post" action="([^"]*)" class="confirm">(.*?)</form>', re.S
)
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
CANCEL_LINK = re.compile(r'<a class="cancel" href="([^"]*)">')


def asks_first(client, url, data=None, page="/", state=None):
    """Press a destructive button at ``url``; check that it asks first, then confirm.

    The first POST must answer with a confirmation page (a Confirm form with
    ``confirmed=1`` and a CSRF token, and a Cancel link to a page that opens), and
    leave ``state()`` (what the action changes, read afresh) as it was. The page's
    own form is then sent, as a browser would, and must change ``state()``. Returns
    the confirmation page's text and the confirmed response.
    """
    before = _read(state)
    first = post(client, url, data, page=page)
    assert first.status_code == 200, first.status_code
    form = CONFIRM_FORM.search(first.text)
    assert form, "no confirmation form on the page"
    fields = {html.unescape(k): html.unescape(v) for k, v in HIDDEN_INPUT.findall(form.group(2))}
    assert fields.get("confirmed") == "1" and fields.get("csrf_token")
    cancel = CANCEL_LINK.search(first.text)
    assert cancel and client.get(html.unescape(cancel.group(1))).status_code == 200
    assert _read(state) == before, "the first press changed something"
    confirmed = client.post(html.unescape(form.group(1)), data=fields)
    if state is not None:
        assert _read(state) != before, "confirming changed nothing"
    return first.text, confirmed


def _read(state):
    db.session.expire_all()
    return state() if state is not None else None


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
        "login": "li.wei@example.org",
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
