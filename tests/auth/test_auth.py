"""Accounts: logging in and out, throttling, signing up with a code, choosing a language."""

import re

import pytest

from lms.extensions import db
from lms.models import Role, User

from ..helpers import PASSWORD, field_errors, field_value, login, post, register_form


def html_lang(page: str) -> str:
    """Return the language a page declares on its ``<html>`` element."""
    return re.search(r'<html lang="([^"]+)"', page).group(1)


def try_login(client, email, password=PASSWORD, **kwargs):
    """Submit the login form once and return the response."""
    return post(client, "/login", {"login": email, "password": password}, page="/login", **kwargs)


@pytest.mark.parametrize(
    ("next_url", "target"),
    [
        (None, "/dashboard"),
        ("/courses/spo-principles", "/courses/spo-principles"),
        ("https://evil.example/", "/dashboard"),
        ("//evil.example", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("javascript:alert(1)", "/dashboard"),
    ],
)
def test_login_goes_to_dashboard_or_a_safe_next(client, make_user, next_url, target):
    """Send a user who logs in to the dashboard, or to ``next`` only when it is on this site."""
    user = make_user()
    query = {} if next_url is None else {"next": next_url}
    response = try_login(client, user.email.upper(), query_string=query)
    assert response.status_code == 302
    assert response.location == target
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize("who", ["wrong password", "unknown e-mail", "inactive user"])
def test_failed_login_shows_one_message_and_keeps_the_email(client, make_user, who):
    """Re-render the form with the same message next to the password, whatever was wrong."""
    user = make_user(active=who != "inactive user")
    email = "nobody@example.org" if who == "unknown e-mail" else user.email
    password = "not the password" if who == "wrong password" else PASSWORD
    response = try_login(client, email, password)
    page = response.text
    assert response.status_code == 200
    assert field_errors(page, "password") == ["The login or the password is wrong."]
    assert field_value(page, "login") == email
    assert not field_value(page, "password")
    assert client.get("/dashboard").status_code == 302


def test_failed_logins_are_throttled_per_email(app, client, make_user):
    """Refuse a sixth attempt after five failures, even with the right password."""
    victim, other = make_user(), make_user()
    for attempt in range(5):
        email = victim.email.upper() if attempt % 2 else victim.email
        assert try_login(client, email, f"guess number {attempt}").status_code == 200
    response = try_login(client, victim.email)
    page = response.text
    assert response.status_code == 429
    assert "Too many attempts. Please wait a few minutes and try again." in page
    assert "<h1>Please wait a moment</h1>" in page and "Error code 429" in page
    assert client.get("/dashboard").status_code == 302
    assert try_login(app.test_client(), other.email).status_code == 302


def test_the_limiter_runs_only_where_a_limit_guards(client, make_user, monkeypatch):
    """Leave pages without a limit alone; still count failed logins on the login form."""
    from lms.extensions import limiter

    asked = []
    identify = limiter.identify_request
    monkeypatch.setattr(limiter, "identify_request", lambda: asked.append(1) or identify())
    user = make_user()
    assert client.get("/").status_code == 200
    assert client.get("/verify").status_code == 200
    assert asked == []
    assert try_login(client, user.email, "a wrong guess").status_code == 200
    assert asked


def test_logout_needs_a_post_with_csrf(client, make_user):
    """Keep the user logged in on a GET or a forged POST; log out on the real button."""
    login(client, make_user())
    assert client.get("/logout").status_code == 405
    client.post("/logout", data={})
    assert client.get("/dashboard").status_code == 200
    response = post(client, "/logout", page="/dashboard")
    assert response.status_code == 302
    assert "You have logged out." in client.get("/").text
    assert client.get("/dashboard").status_code == 302


def test_logout_invalidates_copies_of_the_session_cookie(app, client, make_user):
    """Refuse a session cookie saved before logout, as one stolen from the device would be."""
    login(client, make_user())
    saved = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", saved)
    assert thief.get("/dashboard").status_code == 200
    post(client, "/logout", page="/dashboard")
    response = thief.get("/dashboard")
    assert response.status_code == 302
    assert response.location.startswith("/login")


@pytest.mark.parametrize("typed", ["K7QM-4TXA", "k7qm-4txa", " k7qm 4txa ", "K7QM4TXA"])
def test_register_with_enrolment_code(client, make_org, typed):
    """Create a learner in the code's SPO and log them in, however the code is typed."""
    spo = make_org(enrolment_code="K7QM-4TXA")
    form = register_form(typed, login="Li.Wei@Example.org")
    response = post(client, "/register", form, page="/register")
    assert response.status_code == 302
    user = db.session.scalar(db.select(User))
    assert (user.email, user.name, user.role) == ("li.wei@example.org", "Li Wei", Role.LEARNER)
    assert user.organization_id == spo.id
    page = client.get("/dashboard").text
    assert "Welcome to Producer Academy, Li Wei!" in page
    assert 'class="who" href="/account" title="My account">Li Wei</a>' in page


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        (
            "enrolment_code",
            {"code": "ZZZZ-9999"},
            "No SPO has this enrolment code. Check it and try again.",
        ),
        (
            "login",
            {"login": "TAKEN@example.org"},
            "An account with this e-mail or number exists. Please log in.",
        ),
        ("login", {"login": "li.wei-at@example"}, "Enter a valid e-mail address."),
        ("login", {"login": "li.wei"}, "Enter an e-mail address or a mobile number."),
        (
            "login",
            {"login": "138 0013 800"},
            "This mobile number is not valid: check its digits (138 0013 800).",
        ),
        ("confirm", {"confirm": "green tea harvesT"}, "The passwords differ."),
        (
            "password",
            {"password": "short", "confirm": "short"},
            "The password must have between 8 and 128 characters.",
        ),
    ],
)
def test_register_refuses_bad_input(client, make_org, make_user, field, changes, message):
    """Show each error next to its field, keep what was typed, and create no account."""
    make_org(enrolment_code="K7QM-4TXA")
    make_user(email="taken@example.org")
    form = register_form(**changes)
    response = post(client, "/register", form, page="/register")
    page = response.text
    assert response.status_code == 200
    assert field_errors(page, field) == [message]
    for kept in ("enrolment_code", "name", "login"):
        assert field_value(page, kept) == form[kept]
    assert not field_value(page, "password")
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_password_is_stored_as_argon2id(client, make_org):
    """Store a new account's password as an argon2id hash with 64 MiB and 3 passes."""
    make_org(enrolment_code="K7QM-4TXA")
    post(client, "/register", register_form(), page="/register")
    stored = db.session.scalar(db.select(User.password_hash))
    assert stored.startswith("$argon2id$")
    assert "m=65536,t=3" in stored
    assert "green tea harvest" not in stored


def language_link(page: str, locale: str) -> str:
    """Return the URL of a visitor's language link in the header of ``page``."""
    found = re.search(rf'<a href="([^"]+)"[^>]*hreflang="{locale}"', page)
    assert found, f"no {locale} language link"
    return found.group(1).replace("&amp;", "&")


def test_language_choice_switches_pages_to_chinese(client):
    """Show the next page in Chinese after the visitor picks 中文."""
    login_page = client.get("/login").text
    assert html_lang(login_page) == "en"
    response = client.get(language_link(login_page, "zh-Hans"))
    assert response.location == "/login"
    page = client.get("/login").text
    assert html_lang(page) == "zh-Hans"
    assert "<h1>登录</h1>" in page


def test_a_visitor_who_reads_gets_no_cookie_and_no_session(client, imported_course):
    """Answer a visitor's catalogue and course page with no Set-Cookie, session or not."""
    for path in ("/", "/courses/spo-principles", "/", "/courses/spo-principles"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, path
        assert 'name="csrf_token"' not in response.text
    assert client.get_cookie("session") is None


def test_a_visitors_chinese_choice_lives_in_a_cookie_not_the_session(client, imported_course):
    """Keep a visitor's 中文 in the ``lms_locale`` cookie, and show the catalogue in Chinese."""
    catalogue = client.get("/").text
    response = client.get(language_link(catalogue, "zh-Hans"))
    assert response.status_code == 302 and response.location == "/"
    assert client.get_cookie("lms_locale").value == "zh_Hans"
    assert client.get_cookie("session") is None
    page = client.get("/", headers={"Accept-Language": "en-US"}).text
    assert html_lang(page) == "zh-Hans"
    assert "小农组织原则与公平贸易标准" in page
    assert '<span aria-current="true" lang="zh-Hans">中文</span>' in page
    back = client.get(language_link(page, "en"))
    assert html_lang(client.get(back.location).text) == "en"


@pytest.mark.parametrize(
    ("next_url", "target"),
    [
        ("/courses/spo-principles", "/courses/spo-principles"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        (None, "/"),
    ],
)
def test_language_link_goes_back_only_to_this_site(client, next_url, target):
    """Follow ``next`` after the language link only when it is a page of this site."""
    query = {} if next_url is None else {"next": next_url}
    response = client.get("/language/zh_Hans", query_string=query)
    assert response.status_code == 302 and response.location == target


@pytest.mark.parametrize("locale", ["fr", "zh", "../../etc/passwd"])
def test_language_link_ignores_an_unknown_language(client, locale):
    """Set no cookie for a language the academy does not offer."""
    response = client.get(f"/language/{locale}", query_string={"next": "/login"})
    assert response.status_code in (302, 404)
    assert client.get_cookie("lms_locale") is None


def test_language_choice_is_kept_on_the_account(app, client, make_user):
    """Store the choice on the user, so the next login on another device is in Chinese."""
    user = make_user()
    login(client, user)
    dashboard = client.get("/dashboard").text
    assert 'name="locale" value="zh_Hans"' in dashboard  # a form with a CSRF token, not a link
    assert "/language/zh_Hans" not in dashboard
    post(client, "/language", {"locale": "zh_Hans"}, page="/dashboard")
    db.session.refresh(user)
    assert user.locale == "zh_Hans"
    phone = app.test_client()
    login(phone, user)
    assert html_lang(phone.get("/dashboard").text) == "zh-Hans"


@pytest.mark.parametrize("locale", ["fr", "zh", "", "../../etc/passwd"])
def test_unknown_language_changes_nothing(client, make_user, locale):
    """Ignore a language the academy does not offer, for the page and for the account."""
    user = make_user()
    login(client, user)
    response = post(client, "/language", {"locale": locale}, page="/dashboard")
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.locale is None
    assert html_lang(client.get("/dashboard").text) == "en"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("zh-CN", "zh-Hans"),
        ("zh-Hans-CN", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-TW", "zh-Hans"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
        ("en-US", "en"),
        ("en-US,en;q=0.9,zh-CN;q=0.5", "en"),
        (None, "en"),
    ],
)
def test_browser_language_picks_the_interface_language(client, header, lang):
    """Follow the phone's Accept-Language when the visitor has not chosen a language."""
    headers = {"Accept-Language": header} if header else {}
    page = client.get("/login", headers=headers).text
    assert html_lang(page) == lang


def test_form_fields_carry_no_empty_attributes(client):
    """Write no aria or autocomplete attribute whose value is the word None."""
    for path in ("/login", "/register"):
        assert '="None"' not in client.get(path).get_data(as_text=True)
