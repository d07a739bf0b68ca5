"""A person with an e-mail resets their own password by a link, sent through a real SMTP server."""

import email
import re
import socket
import time

import pytest
from aiosmtpd.controller import Controller

from lms.auth import resets
from lms.extensions import db
from lms.models import AuditEvent, User

from ..conftest import PASSWORD, post

LINK = re.compile(r"http://localhost(/password/reset/\S+)")


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"


@pytest.fixture
def inbox(app):
    """Start an SMTP server on localhost and point the academy's mail at it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {
        key: app.config[key] for key in ("LMS_MAIL_SERVER", "LMS_MAIL_PORT", "LMS_MAIL_USE_TLS")
    }
    app.config.update(LMS_MAIL_SERVER="127.0.0.1", LMS_MAIL_PORT=port, LMS_MAIL_USE_TLS=False)
    yield handler
    app.config.update(saved)
    controller.stop()


def ask_for_link(client, address):
    return post(client, "/password/forgot", {"email": address}, page="/password/forgot")


def body_of(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def test_the_link_arrives_and_sets_a_new_password_once(app, client, inbox, make_user):
    """The mail holds a link; it sets the password, ends other sessions, and works once."""
    user = make_user(email="wang@example.org", locale="zh_Hans")
    their_laptop = app.test_client()
    post(their_laptop, "/login", {"login": user.email, "password": PASSWORD}, page="/login")
    response = ask_for_link(client, "WANG@example.org")
    assert response.status_code == 200
    (message,) = inbox.messages
    assert message["To"] == "wang@example.org"
    assert "生产者学院" in str(
        email.header.make_header(email.header.decode_header(message["Subject"]))
    )
    path = LINK.search(body_of(message)).group(1)
    form = {"password": "a new harvest", "confirm": "a new harvest"}
    assert post(client, path, form, page=path).status_code == 302
    assert their_laptop.get("/dashboard").status_code == 302  # logged out there
    login = post(
        client, "/login", {"login": user.email, "password": "a new harvest"}, page="/login"
    )
    assert login.status_code == 302
    assert db.session.scalar(
        db.select(AuditEvent.action).where(AuditEvent.target_id == user.id)
    ) == ("user.password_reset_by_mail")
    # The same link again: refused, and the password stays.
    reused = app.test_client().get(path)
    assert reused.status_code == 400
    assert "This link has been used already or is not valid." in reused.text


def test_an_expired_link_is_refused(app, client, make_user, monkeypatch):
    """A link older than an hour does not open the form, and changes nothing."""
    user = make_user(email="old@example.org")
    an_hour_ago = time.time() - resets.LINK_LIFETIME_SECONDS - 60
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: an_hour_ago)
        token = resets.reset_token(user, app.secret_key)
    before = db.session.get(User, user.id).password_hash
    response = client.get(f"/password/reset/{token}")
    assert response.status_code == 400
    assert "This link has expired" in response.text
    form = {"password": "a new harvest", "confirm": "a new harvest"}
    assert post(client, f"/password/reset/{token}", form, page="/login").status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == before


def test_a_tampered_link_is_refused(client, make_user):
    """A token changed by hand is not a link of this academy."""
    make_user(email="x@example.org")
    response = client.get("/password/reset/eyJ1IjoxfQ.forged.signature")
    assert response.status_code == 400


def test_the_answer_is_the_same_for_an_unknown_address(client, inbox, make_user):
    """Nobody learns from the page whether an address has an account; only the owner gets mail."""
    make_user(email="known@example.org")
    known = ask_for_link(client, "known@example.org").text
    unknown = ask_for_link(client, "nobody@example.org").text
    strip = re.compile(r'name="csrf_token"[^>]*>')
    assert strip.sub("", known) == strip.sub("", unknown)
    assert len(inbox.messages) == 1


def test_without_mail_the_page_sends_people_to_their_coordinator(client):
    """No outgoing server: no form, and the page says who can help."""
    page = client.get("/password/forgot").text
    assert 'name="email"' not in page
    assert "coordinator or the trainer of your course" in page


def test_one_address_cannot_be_flooded_with_reset_mail(app, inbox, make_user):
    """Past the per-address limit (the login's), asking again for the same address is
    refused from any browser, and no more mail goes out."""
    make_user(email="busy@example.org")
    limit = int(app.config["LMS_LOGIN_RATE_LIMIT"].split()[0])
    for attempt in range(limit):
        browser = app.test_client()
        address = "BUSY@example.org" if attempt % 2 else "busy@example.org"
        assert ask_for_link(browser, address).status_code == 200
    assert ask_for_link(app.test_client(), "busy@example.org").status_code == 429
    assert len(inbox.messages) == limit
