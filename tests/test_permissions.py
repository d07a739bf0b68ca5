"""Who may open which page: every admin and report route for every role, and the role table."""

import pytest

from lms import capabilities
from lms.capabilities import can
from lms.extensions import db
from lms.models import AuditEvent, Role, User

from .helpers import PASSWORD, login, post

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Role]

ADMIN_ROUTES = [
    ("GET", "/admin/organizations"),
    ("GET", "/admin/organizations/new"),
    ("POST", "/admin/organizations/new"),
    ("GET", "/admin/organizations/{spo}"),
    ("POST", "/admin/organizations/{spo}"),
    ("POST", "/admin/organizations/{spo}/code"),
    ("GET", "/admin/users"),
    ("GET", "/admin/users/new"),
    ("POST", "/admin/users/new"),
    ("GET", "/admin/users/{member}"),
    ("POST", "/admin/users/{member}"),
]
REPORT_ROUTES = [
    ("GET", "/reports/"),
    ("GET", "/reports/organizations/{spo}"),
]


def expected_status(method: str, url: str, role: str) -> int:
    """Return the status a ``role`` must get for a route (the SPO in the URL is their own)."""
    if role == ANONYMOUS:
        return 302
    if url.startswith("/admin/"):
        if role != Role.ADMIN:
            return 403
        # An empty "new" form re-renders with errors; an edit keeps the stored values;
        # a new enrolment code is asked for first.
        asks = url.endswith("/new") or url.endswith("/code")
        return 302 if method == "POST" and not asks else 200
    if role in (Role.LEARNER, Role.TRAINER):
        return 403
    return 302 if (role, url) == (Role.COORDINATOR, "/reports/") else 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES + REPORT_ROUTES)
def test_route_answers_each_role(client, make_org, make_user, method, url, role):
    """Send visitors to log in and refuse roles without the capability, changing nothing."""
    spo = make_org()
    member = make_user(organization=spo, name="Target Member")
    if role != ANONYMOUS:
        login(client, make_user(role, spo))
    path = url.format(spo=spo.id, member=member.id)
    code_before = spo.enrolment_code
    # A POST carries a valid CSRF token, so that a refusal comes from the permission check
    # (the login page has a form for anyone; a visitor's catalogue has none).
    response = post(client, path, page="/login") if method == "POST" else client.get(path)
    status = expected_status(method, url, role)
    assert response.status_code == status
    if role == ANONYMOUS:
        assert response.location.startswith("/login?next=")
    if status == 403:
        assert "You do not have permission to see this page." in response.text
    if role != Role.ADMIN:
        db.session.refresh(spo)
        assert spo.enrolment_code == code_before
        assert db.session.scalar(db.select(AuditEvent)) is None
        assert db.session.get(User, member.id).name == "Target Member"


def test_anonymous_visitor_comes_back_after_login(client, make_user):
    """Bring an admin who had to log in back to the page they asked for."""
    admin = make_user(Role.ADMIN)
    response = client.get("/admin/users?organization=1")
    assert response.status_code == 302
    response = post(
        client,
        response.location,
        {"login": admin.email, "password": PASSWORD},
        page="/login",
    )
    assert response.location == "/admin/users?organization=1"


EXPECTED_CAPABILITIES = {
    Role.LEARNER: {capabilities.LEARN},
    Role.TRAINER: {
        capabilities.LEARN,
        capabilities.RUN_COURSES,
        capabilities.CREATE_COHORTS,
        capabilities.RESET_PASSWORDS,
    },
    Role.COORDINATOR: {
        capabilities.LEARN,
        capabilities.VIEW_ORG_PROGRESS,
        capabilities.RESET_PASSWORDS,
    },
    Role.ADMIN: {
        capabilities.LEARN,
        capabilities.VIEW_ORG_PROGRESS,
        capabilities.VIEW_ALL_PROGRESS,
        capabilities.MANAGE_ORGANIZATIONS,
        capabilities.MANAGE_USERS,
        capabilities.RUN_COURSES,
        capabilities.RUN_ALL_COURSES,
        capabilities.REVOKE_CERTIFICATES,
        capabilities.MANAGE_COHORTS,
        capabilities.CREATE_COHORTS,
        capabilities.RESET_PASSWORDS,
        capabilities.VIEW_AUDIT_LOG,
    },
}
ALL_CAPABILITIES = sorted(set().union(*EXPECTED_CAPABILITIES.values()))


def test_capability_table_covers_every_role_and_nothing_else():
    """Give every role a row in the table, and no capability the matrix does not know."""
    assert set(capabilities.CAPABILITIES) == set(Role)
    assert set().union(*capabilities.CAPABILITIES.values()) == set(ALL_CAPABILITIES)


@pytest.mark.parametrize("capability", ALL_CAPABILITIES)
@pytest.mark.parametrize("role", list(Role))
def test_can_follows_the_role_table(role, capability):
    """Grant a capability exactly to the roles design.md §1 gives it to."""
    user = User(email="someone@example.org", name="Someone", role=role)
    assert can(user, capability) is (capability in EXPECTED_CAPABILITIES[role])


@pytest.mark.parametrize("capability", ALL_CAPABILITIES + ["no_such_capability"])
def test_can_refuses_nobody_and_unknown_roles(capability):
    """Refuse everything to an anonymous visitor and to a role the table does not know."""
    assert can(None, capability) is False
    stranger = User(email="x@example.org", name="X", role="superuser")
    assert can(stranger, capability) is False
