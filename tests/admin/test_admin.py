"""Administration by NAPP staff: SPOs, enrolment codes, accounts and roles, with an audit trail."""

import re

import pytest

from lms.extensions import db
from lms.models import AuditEvent, Organization, Role, User

from ..helpers import (
    PASSWORD,
    asks_first,
    field_errors,
    field_value,
    login,
    post,
    register_form,
)

ORGANIZATION_FORM = {
    "slug": "pu-erh-growers",
    "name": "Pu-erh Growers Cooperative",
    "name_zh": "普洱茶农合作社",
    "country": "China",
    "region": "Yunnan",
    "products": "tea",
    "fairtrade_id": "FLO-4321",
    "certified_since": "2012",
}


def audit_trail() -> list[tuple]:
    """Return every audit event as (actor id, action, target type, target id), oldest first."""
    events = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))
    return [(e.actor_id, e.action, e.target_type, e.target_id) for e in events]


def count(model) -> int:
    """Return how many rows of ``model`` the database holds."""
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def selected_option(page: str, field: str) -> str | None:
    """Return the value of the option selected in the select ``field``."""
    select = re.search(rf'<select [^>]*\bid="{field}"[^>]*>(.*?)</select>', page, re.S)
    option = re.search(r'<option selected value="([^"]*)"', select.group(1))
    return option.group(1) if option else None


@pytest.fixture
def admin(client, make_user):
    """Log an admin in on ``client`` and return them."""
    user = make_user(role=Role.ADMIN)
    login(client, user)
    return user


def test_admin_creates_an_spo_with_a_generated_code(client, admin):
    """Create an SPO from the form and show its new enrolment code in the list."""
    response = post(client, "/admin/organizations/new", ORGANIZATION_FORM, page="/admin/users")
    assert response.location == "/admin/organizations"
    spo = db.session.scalar(db.select(Organization))
    assert (spo.slug, spo.name_zh, spo.certified_since) == (
        "pu-erh-growers",
        "普洱茶农合作社",
        2012,
    )
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", spo.enrolment_code)
    page = client.get("/admin/organizations").text
    assert "SPO created." in page
    assert f"<code>{spo.enrolment_code}</code>" in page
    assert audit_trail() == [(admin.id, "organization.create", "Organization", spo.id)]


def test_admin_edits_an_spo(client, admin, make_org):
    """Save changed details, keep the short name, and record which fields changed."""
    spo = make_org("menghai-tea")
    form = {
        **ORGANIZATION_FORM,
        "slug": "renamed",
        "name": "Menghai Tea Farmers",
        "region": "Xishuangbanna",
    }
    response = post(client, f"/admin/organizations/{spo.id}", form, page="/admin/users")
    assert response.location == "/admin/organizations"
    db.session.refresh(spo)
    assert (spo.slug, spo.name, spo.region) == (
        "menghai-tea",
        "Menghai Tea Farmers",
        "Xishuangbanna",
    )
    assert "Menghai Tea Farmers" in client.get("/admin/organizations").text
    assert audit_trail() == [(admin.id, "organization.update", "Organization", spo.id)]
    assert "name" in db.session.scalar(db.select(AuditEvent.detail))["fields"]


def test_renewed_code_replaces_the_old_one(app, client, admin, make_org):
    """Give an SPO a new code; signing up with the old one fails, with the new one works."""
    spo = make_org(enrolment_code="K7QM-4TXA")
    asked, response = asks_first(
        client,
        f"/admin/organizations/{spo.id}/code",
        page="/admin/organizations",
        state=lambda: db.session.get(Organization, spo.id).enrolment_code,
    )
    assert "The old code K7QM-4TXA stops working at once" in asked
    assert "cannot sign up with it any more" in asked
    assert response.location == "/admin/organizations"
    db.session.refresh(spo)
    assert spo.enrolment_code != "K7QM-4TXA"
    assert f"New enrolment code: {spo.enrolment_code}" in client.get("/admin/organizations").text
    assert audit_trail() == [(admin.id, "organization.renew_code", "Organization", spo.id)]
    newcomer = app.test_client()
    refused = post(newcomer, "/register", register_form("K7QM-4TXA"), page="/register")
    assert field_errors(refused.text, "enrolment_code") == [
        "No SPO has this enrolment code. Check it and try again."
    ]
    accepted = post(newcomer, "/register", register_form(spo.enrolment_code), page="/register")
    assert accepted.status_code == 302
    newcomer_account = db.session.scalar(db.select(User).where(User.role == Role.LEARNER))
    assert newcomer_account.organization_id == spo.id


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("slug", {"slug": "menghai-tea"}, "An SPO with this short name exists already."),
        (
            "slug",
            {"slug": "Pu Erh Growers!"},
            "Use lower-case letters, digits and dashes, e.g. puer-tea-coop.",
        ),
        ("name", {"name": ""}, "This field is required."),
        ("certified_since", {"certified_since": "1900"}, "Number must be between 1988 and 2100."),
    ],
)
def test_bad_spo_form_changes_nothing(client, admin, make_org, field, changes, message):
    """Show the error next to its field, keep the typed values, and add no SPO."""
    make_org("menghai-tea")
    form = {**ORGANIZATION_FORM, **changes}
    response = post(client, "/admin/organizations/new", form, page="/admin/users")
    page = response.text
    assert response.status_code == 200
    assert field_errors(page, field) == [message]
    for kept in ("slug", "name", "name_zh", "region"):
        assert field_value(page, kept) == form[kept]
    assert count(Organization) == 1
    assert audit_trail() == []


def user_form(**fields) -> dict:
    """Return a complete new-account form with ``fields`` changed."""
    return {
        "email": "new@example.org",
        "name": "Chen Jing",
        "role": "learner",
        "organization_id": "0",
        "password": "a long password",
        **fields,
    }


@pytest.mark.parametrize("role", list(Role))
def test_admin_creates_accounts_of_each_role(app, client, admin, make_org, role):
    """Create an account with the role and SPO chosen; its owner can then log in."""
    spo = make_org()
    form = user_form(role=role.value, organization_id=str(spo.id))
    response = post(client, "/admin/users/new", form, page="/admin/users")
    assert response.location == "/admin/users"
    user = db.session.scalar(db.select(User).where(User.email == "new@example.org"))
    assert (user.role, user.organization_id, user.active) == (role, spo.id, True)
    assert "Chen Jing" in client.get("/admin/users").text
    assert audit_trail() == [(admin.id, "user.create", "User", user.id)]
    assert "a long password" not in str(db.session.scalar(db.select(AuditEvent.detail)))
    landing = {
        "learner": "/dashboard",
        "trainer": "/manage/",
        "coordinator": f"/reports/organizations/{spo.id}",
        "admin": "/reports/",
    }
    assert login(app.test_client(), user, "a long password").location == landing[role.value]


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        (
            "email",
            {"email": "TAKEN@example.org", "role": "trainer"},
            "An account with this e-mail exists already.",
        ),
        ("email", {"email": "chen.jing-at-example"}, "Enter a valid e-mail address."),
        ("organization_id", {}, "Learners and coordinators must belong to an SPO."),
        (
            "organization_id",
            {"role": "coordinator"},
            "Learners and coordinators must belong to an SPO.",
        ),
        ("organization_id", {"role": "trainer", "organization_id": "99999"}, "Not a valid choice."),
        ("role", {"role": "superuser"}, "Not a valid choice."),
        ("password", {"role": "trainer", "password": ""}, "A new account needs a password."),
    ],
)
def test_bad_account_form_changes_nothing(client, admin, make_user, field, changes, message):
    """Show the error next to its field, keep the typed values, and add no account."""
    make_user(email="taken@example.org")
    form = user_form(**changes)
    response = post(client, "/admin/users/new", form, page="/admin/users")
    page = response.text
    assert response.status_code == 200
    assert field_errors(page, field) == [message]
    assert field_value(page, "email") == form["email"]
    assert field_value(page, "name") == form["name"]
    if field != "role":
        assert selected_option(page, "role") == form["role"]
    assert count(User) == 2
    assert audit_trail() == []


def test_admin_changes_role_spo_and_status(app, client, admin, make_org, make_user):
    """Save a new role and SPO, then deactivate the account so that it cannot log in."""
    first, second = make_org("menghai-tea"), make_org("jinggu-coffee")
    member = make_user(organization=first, name="Wang Fang")
    form = {
        "name": "Wang Fang",
        "role": "coordinator",
        "organization_id": str(second.id),
        "active": "y",
    }
    assert post(client, f"/admin/users/{member.id}", form, page="/admin/users").status_code == 302
    db.session.refresh(member)
    assert (member.role, member.organization_id, member.active) == ("coordinator", second.id, True)
    del form["active"]
    post(client, f"/admin/users/{member.id}", form, page="/admin/users")
    db.session.refresh(member)
    assert member.active is False
    assert "(inactive)" in client.get("/admin/users").text
    assert audit_trail() == [(admin.id, "user.update", "User", member.id)] * 2
    details = db.session.scalars(db.select(AuditEvent.detail).order_by(AuditEvent.id)).all()
    assert details == [
        {"fields": ["organization_id", "role"], "role": "coordinator"},
        {"fields": ["active"]},
    ]
    refused = post(
        app.test_client(),
        "/login",
        {"login": member.email, "password": PASSWORD},
        page="/login",
    )
    assert refused.status_code == 200


def test_bad_account_edit_changes_nothing(client, admin, make_org, make_user):
    """Refuse a coordinator without an SPO next to the SPO field and keep the account as it was."""
    member = make_user(organization=make_org(), name="Wang Fang")
    form = {"name": "Renamed", "role": "coordinator", "organization_id": "0", "active": "y"}
    page = post(client, f"/admin/users/{member.id}", form, page="/admin/users").text
    assert field_errors(page, "organization_id") == [
        "Learners and coordinators must belong to an SPO."
    ]
    assert field_value(page, "name") == "Renamed"
    db.session.refresh(member)
    assert (member.name, member.role) == ("Wang Fang", Role.LEARNER)
    assert audit_trail() == []


@pytest.mark.parametrize(
    "changes", [{"role": "trainer", "active": "y"}, {"role": "admin"}], ids=["demote", "deactivate"]
)
def test_admin_cannot_demote_or_deactivate_themselves(client, admin, changes):
    """Refuse to remove one's own admin role or account, so that NAPP is never locked out."""
    form = {"name": admin.name, "organization_id": "0", **changes}
    page = post(client, f"/admin/users/{admin.id}", form, page="/admin/users").text
    field = "role" if changes["role"] != "admin" else "active"
    assert field_errors(page, field) == [
        "You cannot remove your own admin role or deactivate yourself."
    ]
    db.session.refresh(admin)
    assert (admin.role, admin.active) == (Role.ADMIN, True)
    assert audit_trail() == []
    assert client.get("/admin/users").status_code == 200


def test_changing_a_role_ends_that_users_sessions(app, client, admin, make_org, make_user):
    """Log a user out everywhere when their role changes, but not when only their name does."""
    spo = make_org()
    member = make_user(organization=spo)
    phone = app.test_client()
    login(phone, member)
    form = {"name": "New Name", "role": "learner", "organization_id": str(spo.id), "active": "y"}
    post(client, f"/admin/users/{member.id}", form, page="/admin/users")
    assert phone.get("/dashboard").status_code == 200
    form["role"] = "trainer"
    post(client, f"/admin/users/{member.id}", form, page="/admin/users")
    response = phone.get("/dashboard")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_user_list_is_searchable_and_paginated(client, admin, make_org, make_user):
    """Find people by part of their name or e-mail, 50 to a page."""
    spo = make_org()
    for number in range(55):
        make_user(organization=spo, name=f"Member {number:02d}", email=f"m{number}@coop.example")
    make_user(organization=spo, name="王小明", email="wang@tea.example")
    first = client.get("/admin/users").get_data(as_text=True)
    assert "Page 1 of 2" in first and first.count("/admin/users/") >= 50
    second = client.get("/admin/users?page=2").get_data(as_text=True)
    assert "Member 54" in second and "Member 54" not in first
    found = client.get("/admin/users?q=小明").get_data(as_text=True)
    assert "wang@tea.example" in found and "m1@coop.example" not in found
    by_mail = client.get("/admin/users?q=TEA.EXAMPLE").get_data(as_text=True)
    assert "王小明" in by_mail and "Member 01" not in by_mail
    nothing = client.get("/admin/users?q=%25").get_data(as_text=True)
    assert "No user yet." in nothing  # a literal %, not a wildcard
