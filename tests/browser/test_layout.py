"""The main pages fit a 360 px phone and use a 1280 px desktop, in English and Chinese.

Each role opens its own pages; on each, nothing is wider than the screen and no table
cell is narrower than what it holds. The pictures are kept under test-artifacts/.
"""

import pytest

from lms.extensions import db
from lms.learn.services import complete_module, enrol

from ..helpers import ARTIFACTS, ISSUER, PASSWORD
from .conftest import DESKTOP, PHONE, SQUEEZED_CELLS, no_horizontal_scroll

SCREENS = {"phone": PHONE, "desktop": DESKTOP}
LANGUAGES = {"en": "en", "zh": "zh_Hans"}

# docs/screenshots/ holds these two, copied from test-artifacts/readme-*.png.
README_PICTURES = {"catalogue-en-phone", "module-en-desktop"}
# The rows the header takes: the distinct tops of its parts.
HEADER_ROWS = """() => new Set([...document.querySelector('.site-header').children]
  .map(part => Math.round(part.getBoundingClientRect().top))).size"""


@pytest.fixture
def walk(browser, live_server, people, imported_course, make_org):
    """Return a function that logs a role in at a screen size and language, and opens pages."""
    learner = people["learner"]
    enrol(learner, imported_course)
    complete_module(learner, imported_course.modules[0], ISSUER)
    db.session.commit()
    contexts = []

    def open_as(role: str, screen: str, language: str):
        context = browser.new_context(viewport=SCREENS[screen], is_mobile=screen == "phone")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server}/login")
        page.fill("#login", people[role].email)
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("load")
        if language == "zh":
            page.click("button[name=locale][value=zh_Hans]")
            page.wait_for_load_state("load")
            assert page.get_attribute("html", "lang") == "zh-Hans"
        return page

    yield open_as
    for context in contexts:
        context.close()


def check(page, url: str, name: str) -> None:
    """Open ``url``: it fits the screen, its tables fit their content; keep its picture."""
    response = page.goto(url)
    assert response.status == 200, url
    assert no_horizontal_scroll(page), f"{name} is wider than the screen"
    assert page.evaluate(SQUEEZED_CELLS) == [], f"{name} has cells narrower than their content"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"layout-{name}.png"), full_page=True)
    if name in README_PICTURES:  # the first screenful, small enough for the README
        page.screenshot(path=str(ARTIFACTS / f"readme-{name}.png"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_main_pages_fit_the_screen(walk, live_server, imported_course, screen, language):
    """Walk each role's main pages at 360 and 1280 px, in English and in Chinese."""
    course = f"{live_server}/courses/{imported_course.slug}"
    module = f"{course}/modules/{imported_course.modules[1].slug}"
    pages = {
        "learner": {
            "catalogue": f"{live_server}/",
            "course": course,
            "module": module,
            "dashboard": f"{live_server}/dashboard",
        },
        "coordinator": {"certificates": f"{live_server}/reports/certificates"},
        "runner": {"learners": f"{course.replace('/courses/', '/manage/courses/')}/learners"},
        "admin": {"report": f"{live_server}/reports/", "users": f"{live_server}/admin/users"},
    }
    for role, named in pages.items():
        page = walk(role, screen, language)
        if screen == "phone":
            assert page.evaluate(HEADER_ROWS) <= 2, f"the {role}'s header takes 3 rows or more"
        for name, url in named.items():
            check(page, url, f"{name}-{language}-{screen}")


def test_the_module_page_puts_the_outline_beside_the_text_on_a_desktop(walk, imported_course):
    """Use a desktop's width: the course outline to the left of the module's text."""
    page = walk("learner", "desktop", "en")
    page.goto(
        f"{page.url.split('/dashboard')[0]}/courses/{imported_course.slug}/modules/"
        f"{imported_course.modules[1].slug}"
    )
    outline = page.locator(".module-outline").bounding_box()
    text = page.locator(".module").bounding_box()
    assert outline["x"] + outline["width"] <= text["x"]
    assert (
        page.locator(".module-outline [aria-current=page]")
        .inner_text()
        .strip()
        .endswith(imported_course.modules[1].text("en").title)
    )
    page.set_viewport_size(PHONE)
    below = page.locator(".module-outline").bounding_box()
    assert below["y"] > page.locator(".module").bounding_box()["y"]


def test_an_admin_header_fits_two_rows_on_a_phone_in_both_languages(walk):
    """Keep an admin's six menu entries, name, log-out and language switch in two rows."""
    for language in LANGUAGES:
        page = walk("admin", "phone", language)
        assert page.evaluate(HEADER_ROWS) == 2
        assert page.locator(".site-nav a").count() == 6  # with Search
