"""A user's own account page: name, language and password."""

from lms.extensions import db
from lms.models import User

from ..helpers import PASSWORD, field_errors, login, post


def test_account_needs_login(client):
    """Send a visitor to the login page."""
    response = client.get("/account")
    assert response.status_code == 302 and "/login" in response.location


def test_change_name_and_language(client, make_user, make_org):
    """Save the new name and language; the next page is in that language."""
    user = make_user(organization=make_org())
    login(client, user)
    response = post(client, "/account", {"name": "李娜", "locale": "zh_Hans"}, page="/account")
    assert response.status_code == 302
    page = client.get("/account").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page and "李娜" in page
    db.session.refresh(user)
    assert (user.name, user.locale) == ("李娜", "zh_Hans")


def test_unknown_language_is_refused(client, make_user, make_org):
    """Keep the stored language when the form sends one that does not exist."""
    user = make_user(organization=make_org(), locale="en")
    login(client, user)
    page = post(client, "/account", {"name": "X", "locale": "fr"}, page="/account").text
    assert field_errors(page, "locale")
    db.session.refresh(user)
    assert (user.name, user.locale) == (user.name, "en") and user.name != "X"


def test_change_password_logs_out_other_devices_only(app, client, make_user, make_org):
    """Keep this device logged in, log the other one out, and accept only the new password."""
    user = make_user(organization=make_org())
    login(client, user)
    other_device = app.test_client()
    login(other_device, user)
    form = {"current": PASSWORD, "password": "a brand new secret", "confirm": "a brand new secret"}
    response = post(client, "/account/password", form, page="/account")
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert "/login" in other_device.get("/dashboard").location
    fresh = app.test_client()
    login(fresh, user, password="a brand new secret")


def test_wrong_current_password_changes_nothing(client, make_user, make_org):
    """Show the error next to the current password and keep the old hash."""
    user = make_user(organization=make_org())
    before = user.password_hash
    login(client, user)
    form = {"current": "not my password", "password": "a brand new secret"}
    form["confirm"] = form["password"]
    page = post(client, "/account/password", form, page="/account").text
    assert field_errors(page, "current") == ["This is not your current password."]
    assert db.session.scalar(db.select(User.password_hash).where(User.id == user.id)) == before


def test_new_password_rules(client, make_user, make_org):
    """Refuse a short or unconfirmed new password, with the error next to the field."""
    login(client, make_user(organization=make_org()))
    form = {"current": PASSWORD, "password": "short", "confirm": "other"}
    page = post(client, "/account/password", form, page="/account").text
    assert field_errors(page, "password") and field_errors(page, "confirm")


def test_logout_keeps_the_chosen_language(client, make_user, make_org):
    """Stay in Chinese after logging out, even when the phone's browser asks for English."""
    login(client, make_user(organization=make_org(), locale="zh_Hans"))
    post(client, "/logout", page="/dashboard")
    page = client.get("/", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page
    assert client.get("/dashboard").status_code == 302  # logged out all the same
