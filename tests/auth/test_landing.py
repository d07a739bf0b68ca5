"""Each role lands on its own work after logging in, not on an empty "My learning"."""

import pytest

from ..helpers import PASSWORD, post


def _log_in(client, user, next_page: str | None = None) -> str:
    """Log ``user`` in through the form; return where the login sent them."""
    url = "/login" + (f"?next={next_page}" if next_page else "")
    response = post(client, url, {"login": user.email, "password": PASSWORD}, page=url)
    assert response.status_code == 302
    return response.headers["Location"]


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("learner", "/dashboard"),
        ("runner", "/manage/"),
        ("trainer", "/manage/"),
        ("admin", "/reports/"),
    ],
)
def test_each_role_lands_on_its_own_work(client, people, role, landing):
    """Send a learner to My learning, a trainer to their courses, NAPP staff to the network."""
    assert _log_in(client, people[role]) == landing


def test_a_coordinator_lands_on_their_spo(client, people):
    """Send a coordinator straight to their SPO's progress."""
    coordinator = people["coordinator"]
    assert _log_in(client, coordinator) == f"/reports/organizations/{coordinator.organization_id}"


def test_the_page_asked_for_wins_over_the_landing_page(client, people):
    """Return to the page that asked for a login, whatever the role."""
    assert _log_in(client, people["admin"], "/certificates") == "/certificates"
