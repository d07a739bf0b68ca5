"""Progress reports: a coordinator follows their own SPO, NAPP staff follow every SPO."""

import re

import pytest

from lms.extensions import db
from lms.learn.services import complete_module, enrol, record_view
from lms.models import Role

from ..helpers import ISSUER, login


def member_percents(page: str) -> dict[str, list[int]]:
    """Return each member shown on an SPO report with the percentages of their courses."""
    sections = page.split('<section class="card member">')[1:]
    return {
        re.search(r"<h2>(.*?) <span", section).group(1): [
            int(n) for n in re.findall(r'<span class="num">(\d+)%</span>', section)
        ]
        for section in sections
    }


# A cell of the one table pattern (lms/_macros.html): labelled for phones, its value in a box.
CELL = r'<td data-label="[^"]*"><span class="cell">'
NUMBER = r'<td data-label="[^"]*" class="num"><span class="cell">'
END = r"</span></td>"


def overview_rows(page: str) -> dict[str, tuple[int, int, int, int]]:
    """Return the overview's rows: SPO name → members, enrolments, completed, rate."""
    rows = re.findall(
        rf"{CELL}<a [^>]*>([^<]+)</a>{END}\s*"
        rf"{NUMBER}(\d+){END}\s*{NUMBER}(\d+){END}\s*"
        rf"{NUMBER}(\d+){END}\s*{NUMBER}(\d+)%{END}",
        page,
    )
    return {name: tuple(int(n) for n in numbers) for name, *numbers in rows}


def take(learner, course, modules_done: int) -> None:
    """Enrol ``learner``, complete the first ``modules_done`` modules, and open the next one."""
    enrol(learner, course)
    for module in course.modules[:modules_done]:
        complete_module(learner, module, ISSUER)
    for module in course.modules[modules_done : modules_done + 1]:
        record_view(learner, module.id)  # opened but not done: must not count
    db.session.commit()


@pytest.fixture
def two_spos(imported_course, make_org, make_user):
    """Set up two SPOs with a coordinator each and learners at known points of a course."""
    tea = make_org("menghai-tea", name="Menghai Tea")
    coffee = make_org("jinggu-coffee", name="Jinggu Coffee")
    people = {
        "tea_coordinator": make_user(Role.COORDINATOR, tea, name="Tea Coordinator"),
        "coffee_coordinator": make_user(Role.COORDINATOR, coffee, name="Coffee Coordinator"),
        "alice": make_user(organization=tea, name="Alice Zhang"),
        "bob": make_user(organization=tea, name="Bob Li"),
        "carol": make_user(organization=tea, name="Carol Wu"),
        "zed": make_user(organization=coffee, name="Zed Outsider", email="zed@jinggu.example.org"),
    }
    take(people["alice"], imported_course, 1)
    take(people["bob"], imported_course, 4)
    take(people["zed"], imported_course, 2)
    return tea, coffee, people


def test_coordinator_sees_own_spo_with_percentages(client, two_spos):
    """Send a coordinator to their SPO's report with each member's share of the course done."""
    tea, _coffee, people = two_spos
    login(client, people["tea_coordinator"])
    response = client.get("/reports/")
    assert response.location == f"/reports/organizations/{tea.id}"
    page = client.get(response.location).text
    assert "Progress of Menghai Tea" in page
    assert "4 members" in page
    assert member_percents(page) == {
        "Alice Zhang": [25],
        "Bob Li": [100],
        "Carol Wu": [],
        "Tea Coordinator": [],
    }
    assert page.count('<span class="meta">completed ') == 1
    assert "Not enrolled in any course yet." in page


def test_coordinator_never_sees_another_spos_members(client, two_spos):
    """Keep another SPO's members off every report page a coordinator can open."""
    tea, coffee, people = two_spos
    login(client, people["tea_coordinator"])
    own = client.get(f"/reports/organizations/{tea.id}").text
    other = client.get(f"/reports/organizations/{coffee.id}")
    assert other.status_code == 403
    assert "You do not have permission to see this page." in other.text
    for page in (own, other.text):
        assert "Zed Outsider" not in page
        assert "zed@jinggu.example.org" not in page
        assert "Coffee Coordinator" not in page


def test_coordinator_without_an_spo_is_refused(client, make_user):
    """Refuse the reports to a coordinator who belongs to no SPO, instead of showing all."""
    login(client, make_user(Role.COORDINATOR))
    assert client.get("/reports/").status_code == 403


def test_admin_overview_lists_every_spo_with_numbers(client, two_spos, make_org, make_user):
    """List each SPO, even an empty one, with members, enrolments, completions and rate."""
    make_org("empty-honey", name="Empty Honey")
    login(client, make_user(Role.ADMIN))
    page = client.get("/reports/").text
    assert "Progress of all SPOs" in page
    assert overview_rows(page) == {
        "Empty Honey": (0, 0, 0, 0),
        "Jinggu Coffee": (2, 1, 0, 0),
        "Menghai Tea": (4, 2, 1, 50),
    }


def test_admin_opens_any_spo_report(client, two_spos, make_user):
    """Show NAPP staff the members of any SPO."""
    _tea, coffee, _people = two_spos
    login(client, make_user(Role.ADMIN))
    page = client.get(f"/reports/organizations/{coffee.id}").text
    assert member_percents(page) == {"Coffee Coordinator": [], "Zed Outsider": [50]}
    assert "zed@jinggu.example.org" in page


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR])
def test_unknown_spo_is_404(client, make_org, make_user, role):
    """Answer 404 with the friendly page for an SPO id that does not exist."""
    spo = make_org()
    login(client, make_user(role, spo))
    response = client.get(f"/reports/organizations/{spo.id + 1000}")
    assert response.status_code == 404
    assert "This page does not exist." in response.text


def test_coordinator_sees_the_code_to_invite_members(client, two_spos):
    """Show the coordinator their own SPO's enrolment code, and not another SPO's."""
    tea, coffee, people = two_spos
    login(client, people["tea_coordinator"])
    page = client.get(f"/reports/organizations/{tea.id}").get_data(as_text=True)
    assert tea.enrolment_code in page
    assert coffee.enrolment_code not in page
