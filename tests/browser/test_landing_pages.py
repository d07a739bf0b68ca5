"""Each role logs in through the form and lands on the page its own work starts from."""

import pytest
from playwright.sync_api import expect

from lms.extensions import db
from lms.models import Role

from .conftest import log_in, no_horizontal_scroll, screenshot, words

# Where each role lands, and the heading it reads there (English, Chinese).
LANDINGS = {
    Role.LEARNER: ("/dashboard", ("My learning", "我的学习")),
    Role.TRAINER: ("/manage/", ("Courses I run", "我负责的课程")),
    Role.COORDINATOR: (
        "/reports/organizations/{spo}",
        ("Progress of Pu'er Tea Cooperative", "普洱茶合作社 的学习进度"),
    ),
    Role.ADMIN: ("/reports/", ("Progress of all SPOs", "各小农组织的学习进度")),
}


@pytest.mark.parametrize("role", list(LANDINGS), ids=str)
def test_each_role_lands_on_its_own_page_after_logging_in(screen, make_org, make_user, role):
    """Log in on the form; the address and the heading are the role's own page."""
    spo = make_org("pu-er-coop", name="Pu'er Tea Cooperative", name_zh="普洱茶合作社")
    user = make_user(role, organization=spo if role in (Role.LEARNER, Role.COORDINATOR) else None)
    path, heading = LANDINGS[role]
    path = path.format(spo=spo.id)
    db.session.rollback()  # hold no read transaction while the server writes
    log_in(screen, user)
    expect(screen).to_have_url(f"{screen.base_url}{path}")
    expect(screen.locator("h1")).to_have_text(words(screen, *heading))
    assert no_horizontal_scroll(screen), f"the {role} landing page is wider than the screen"
    screenshot(screen, f"landing-{role}")
