"""Producers sign in with what they have: an e-mail, a mobile number in any form, a username."""

import pytest

from lms.auth.identifiers import (
    IdentifierError,
    Login,
    parse_mobile,
    read_login,
    region_for_country,
)
from lms.extensions import db
from lms.models import Role, User

from ..conftest import PASSWORD, post
from ..helpers import field_errors, register_form

SAME_NUMBER = [
    "138 0013 8000",
    "13800138000",
    "+86 138-0013-8000",
    "008613800138000",
    "１３８００１３８０００",
]


@pytest.mark.parametrize("typed", SAME_NUMBER)
def test_every_way_of_writing_a_number_is_the_same_mobile(typed):
    """Spaces, dashes, +86, 0086 and full-width digits all give one E.164 number."""
    assert parse_mobile(typed, "CN") == "+8613800138000"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("138 0013 800", "This mobile number is not valid: check its digits (138 0013 800)."),
        ("010 6552 9988", "This is a landline number, not a mobile number: 010 6552 9988"),
        ("+999 1234 5678", "This is not a mobile number: +999 1234 5678"),
    ],
)
def test_a_malformed_number_says_what_is_wrong(typed, message):
    """A number too short, a landline or no country at all is refused with its reason."""
    with pytest.raises(IdentifierError) as error:
        parse_mobile(typed, "CN")
    assert str(error.value) == message


def test_logins_are_read_by_their_shape():
    """An @ makes an e-mail; digits and separators a mobile number; the rest a username."""
    assert read_login(" Li.Wei@Example.ORG ", "CN") == Login("email", "li.wei@example.org")
    assert read_login("139 0013 9000", "CN") == Login("mobile", "+8613900139000")
    assert read_login("Zhang.San", "CN") == Login("username", "zhang.san")


def test_an_spo_country_names_the_region_numbers_are_read_in():
    """An SPO's country may be a name or a code; an unknown one falls back to the default."""
    assert region_for_country("India", "CN") == "IN"
    assert region_for_country("VN", "CN") == "VN"
    assert region_for_country("中国", "CN") == "CN"
    assert region_for_country("", "LK") == "LK"


def log_in_as(client, typed, password=PASSWORD):
    return post(client, "/login", {"login": typed, "password": password}, page="/login")


@pytest.mark.parametrize("typed", SAME_NUMBER)
def test_log_in_with_each_form_of_the_same_number(client, make_org, make_user, typed):
    """The account is found however its number is typed on the login page."""
    spo = make_org(country="China")
    make_user(organization=spo, mobile="+8613800138000", name="王芳")
    response = log_in_as(client, typed)
    assert response.status_code == 302
    assert "王芳" in client.get("/dashboard").text


def test_a_national_number_is_read_in_the_countries_of_the_spos(client, make_org, make_user):
    """An Indian member types their number without +91: the Indian SPO's country reads it."""
    spo = make_org("darjeeling-tea", country="India")
    make_user(organization=spo, mobile="+919812345678", name="Asha")
    assert log_in_as(client, "98123 45678").status_code == 302


def test_log_in_with_a_username(client, make_org, make_user):
    """An account with only a username logs in with it, in any letter case."""
    make_user(organization=make_org(), username="zhang.san")
    assert log_in_as(client, "Zhang.San").status_code == 302


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_a_malformed_number_at_login_says_so_in_the_readers_language(client, language):
    """The error is next to the login field, in English or in Chinese."""
    client.get(f"/language/{language}")
    response = log_in_as(client, "138 0013 800")
    expected = {
        "en": "This mobile number is not valid: check its digits (138 0013 800).",
        "zh_Hans": "这个手机号无效，请核对数字（138 0013 800）。",
    }[language]
    assert response.status_code == 200
    assert field_errors(response.text, "login") == [expected]


def test_sign_up_with_a_mobile_number_read_in_the_spos_country(app, client, make_org):
    """A producer with no e-mail signs up with their number and logs in with it later."""
    make_org(enrolment_code="K7QM-4TXA", country="China")
    response = post(client, "/register", register_form(login="139-0013-9000"), page="/register")
    assert response.status_code == 302
    user = db.session.scalar(db.select(User))
    assert (user.email, user.mobile) == (None, "+8613900139000")
    other_phone = app.test_client()
    assert log_in_as(other_phone, "+86 139 0013 9000", "green tea harvest").status_code == 302


def test_sign_up_refuses_a_number_someone_has(client, make_org, make_user):
    """Each mobile number names one account."""
    spo = make_org(enrolment_code="K7QM-4TXA", country="China")
    make_user(organization=spo, mobile="+8613900139000")
    response = post(client, "/register", register_form(login="13900139000"), page="/register")
    assert field_errors(response.text, "login") == [
        "An account with this e-mail or number exists. Please log in."
    ]
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_an_admin_gives_a_person_only_a_username(client, make_org, people):
    """An account with neither e-mail nor mobile: the admin names it with a username."""
    from ..conftest import login

    login(client, people["admin"])
    spo = people["learner"].organization
    form = {
        "name": "Zhang San",
        "username": "zhang.san",
        "role": Role.LEARNER.value,
        "organization_id": str(spo.id),
        "password": "a long enough one",
    }
    response = post(client, "/admin/users/new", form, page="/admin/users/new")
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.username == "zhang.san"))
    assert (user.email, user.mobile, user.name) == (None, None, "Zhang San")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, "email", "Give an e-mail, a mobile number or a username."),
        (
            {"mobile": "12345"},
            "mobile",
            "This mobile number is not valid: check its digits (12345).",
        ),
        ({"username": "13800138000"}, "username", "A username cannot look like a phone number."),
    ],
)
def test_an_admin_account_needs_a_valid_identifier(client, people, changes, field, message):
    """No identifier, a bad number or a username that looks like one: refused, nothing made."""
    from ..conftest import login

    login(client, people["admin"])
    form = {"name": "Nobody", "role": "trainer", "organization_id": "0", "password": "long enough"}
    before = db.session.scalar(db.select(db.func.count(User.id)))
    response = post(client, "/admin/users/new", {**form, **changes}, page="/admin/users/new")
    assert field_errors(response.text, field) == [message]
    assert db.session.scalar(db.select(db.func.count(User.id))) == before


def test_the_database_refuses_an_account_without_any_identifier(app):
    """The rule holds below the application too (a check constraint)."""
    from sqlalchemy.exc import IntegrityError

    db.session.add(User(name="Nobody", password_hash="x", role="learner"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
