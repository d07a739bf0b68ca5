"""Forgotten passwords: a coordinator, a trainer or an admin gives a new one-time password."""

import re

import pytest

from lms.extensions import db
from lms.models import AuditEvent, Role, User

from ..conftest import PASSWORD, login, post
from ..helpers import asks_first

SECRET = re.compile(r'<code class="secret">([^<]+)</code>')


def reset(client, person, page="/"):
    """Press "New password" for ``person`` and confirm; return the page with the password."""
    url = f"/people/{person.id}/password-reset"
    _, confirmed = asks_first(
        client,
        url,
        {"back": page},
        page=page,
        state=lambda: db.session.get(User, person.id).password_hash,
    )
    return confirmed


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("coordinator", 200),  # the learner is a member of the coordinator's SPO
        ("runner", 200),  # the learner is in a cohort the runner trains
        ("admin", 200),
        ("trainer", 404),  # trains no cohort the learner is in
        ("learner", 403),
    ],
)
def test_who_may_reset_a_learners_password(client, people, cohort, actor, expected):
    """The learner's coordinator, their cohort's trainer and admins; nobody else."""
    login(client, people[actor])
    response = post(client, f"/people/{people['learner'].id}/password-reset", {"back": "/"})
    assert response.status_code == expected


def test_a_coordinator_cannot_reset_another_spos_member(client, people, make_org, make_user):
    """Changing the id in the URL does not reach a member of another SPO."""
    other = make_user(Role.LEARNER, organization=make_org("other-coop"))
    login(client, people["coordinator"])
    response = post(client, f"/people/{other.id}/password-reset", {"back": "/"})
    assert response.status_code == 404
    assert db.session.get(User, other.id).must_change_password is False


def test_a_coordinator_cannot_reset_staff(client, people):
    """A coordinator resets learners only, not a fellow coordinator or an admin."""
    login(client, people["coordinator"])
    for person in (people["admin"], people["runner"]):
        assert post(client, f"/people/{person.id}/password-reset", {"back": "/"}).status_code == 404


def test_a_reset_gives_a_one_time_password_that_must_be_changed(app, client, people, cohort):
    """Shown once, audited, ends the old password and every session; the next login must
    choose a new one, and the one-time password stops working after that."""
    learner = people["learner"]
    their_phone = app.test_client()
    login(their_phone, learner)
    login(client, people["runner"])
    response = reset(client, learner, page=f"/cohorts/{cohort.id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = SECRET.search(response.text).group(1)
    # The learner's old session has ended; the old password no longer works.
    assert their_phone.get("/dashboard").status_code == 302
    fresh = app.test_client()
    wrong = post(fresh, "/login", {"login": learner.email, "password": PASSWORD}, page="/login")
    assert wrong.status_code == 200
    event_row = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "user.password_reset")
    )
    assert (event_row.actor_id, event_row.target_id) == (people["runner"].id, learner.id)
    assert password not in str(event_row.detail)
    # Logging in with the one-time password leads to choosing one's own, whatever is asked.
    response = post(fresh, "/login", {"login": learner.email, "password": password}, page="/login")
    assert response.location.startswith("/account/new-password")
    assert fresh.get("/courses/spo-principles").location.startswith("/account/new-password")
    form = {"password": "my own tea garden", "confirm": "my own tea garden"}
    response = post(fresh, "/account/new-password", form, page="/account/new-password")
    assert response.status_code == 302
    assert fresh.get("/courses/spo-principles").status_code == 200
    again = post(
        app.test_client(), "/login", {"login": learner.email, "password": password}, page="/login"
    )
    assert again.status_code == 200


def test_the_password_is_not_kept_in_clear(client, people, cohort):
    """Only a hash is stored; the page is the one place the password appears."""
    login(client, people["admin"])
    password = SECRET.search(reset(client, people["learner"]).text).group(1)
    row = db.session.get(User, people["learner"].id)
    assert password not in row.password_hash and row.password_hash.startswith("$argon2id$")


def test_the_reset_button_is_on_the_pages_of_those_who_may_use_it(client, people, cohort):
    """On the cohort page for its trainer, on the SPO page for its coordinator."""
    learner = people["learner"]
    button = f'action="/people/{learner.id}/password-reset"'
    login(client, people["runner"])
    assert button in client.get(f"/cohorts/{cohort.id}").text
    login(client, people["coordinator"])
    assert button in client.get(f"/reports/organizations/{learner.organization_id}").text


def test_the_new_password_can_be_printed_as_a_slip_while_it_is_unused(app, client, people, cohort):
    """The page's slip button prints the person's name, login and one-time password; once
    the person has chosen their own, or for any other text, nothing is printed."""
    import pypdfium2

    learner = people["learner"]
    login(client, people["coordinator"])
    password = SECRET.search(reset(client, learner).text).group(1)
    url = f"/people/{learner.id}/password-slip"
    response = post(client, url, {"password": password, "back": "/"}, page="/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = pypdfium2.PdfDocument(response.data)[0].get_textpage().get_text_range()
    assert learner.name in text and learner.email in text and password in text
    forged = post(client, url, {"password": "not-the-one", "back": "/"}, page="/")
    assert forged.status_code == 302
    fresh = app.test_client()
    post(fresh, "/login", {"login": learner.email, "password": password}, page="/login")
    form = {"password": "my own tea garden", "confirm": "my own tea garden"}
    post(fresh, "/account/new-password", form, page="/account/new-password")
    used = post(client, url, {"password": password, "back": "/"}, page="/")
    assert used.status_code == 302 and used.headers["Content-Type"] != "application/pdf"


@pytest.mark.parametrize("back", ["https://evil.example/phish", "//evil.example", "/\\evil"])
def test_the_way_back_never_leaves_the_academy(client, people, cohort, back):
    """A forged "back" field cannot send staff, or the Done and Cancel links, to another site."""
    login(client, people["admin"])
    url = f"/people/{people['learner'].id}/password-reset"
    first = post(client, url, {"back": back}, page="/")
    assert "evil" not in first.text
    confirmed = post(client, url, {"back": back, "confirmed": "1"}, page="/")
    assert confirmed.status_code == 200 and "evil" not in confirmed.text
    slip = post(client, f"/people/{people['learner'].id}/password-slip", {"back": back}, page="/")
    assert slip.status_code == 302 and "evil" not in slip.location
