"""Walk every page each role can reach, on a phone and a desktop, in English and Chinese.

Each role logs in (a visitor does not), and the walk follows every link inside the
academy from where the role lands, once per kind of page (``/courses/<slug>`` and
``/quiz/attempts/<id>`` are one kind each, whatever slug or id). Every page must fit the
screen without scrolling sideways, with no table cell narrower than what it holds, at
360 px and 1280 px in both languages; axe-core must find no serious or critical
problem; and nothing may load from another host.
"""

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from lms.demo import DEMO_PASSWORD, DEMO_USERS

from ..conftest import COURSES, QUIZZES
from .conftest import DESKTOP, PHONE, SQUEEZED_CELLS, screenshot

ROLES = {role.value: email for email, _name, role, _spo in DEMO_USERS[:4]} | {"visitor": None}
# Links that leave the page for something that is not one: files, logging out, languages.
NOT_PAGES = re.compile(
    r"/logout|/language/|\.(pdf|zip|csv|xlsx|jwt|json|gift|txt|svg|png)$|/download|/export"
    r"|/badge|/credential|/static/"
)
MAX_PAGES = 60
SERIOUS = {"serious", "critical"}

LAYOUT = f"""() => ({{
  wide: document.documentElement.scrollWidth > window.innerWidth,
  squeezed: ({SQUEEZED_CELLS})(),
}})"""


def kind_of(url: str) -> str:
    """Return the kind of page ``url`` is: its path with slugs and ids replaced."""
    path = urlsplit(url).path
    path = re.sub(r"/(courses|modules|organizations|cohorts|users|certificates|verify)/[^/]+",
                  r"/\1/*", path)  # fmt: skip
    return re.sub(r"\d+", "#", path)


def walk(page, base: str) -> list[str]:
    """Follow every academy link from the current page; return one URL of each kind."""
    queue, seen, found = [page.url], set(), []
    while queue and len(found) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0]
        if not url.startswith(base) or NOT_PAGES.search(urlsplit(url).path):
            continue
        if kind_of(url) in seen:
            continue
        seen.add(kind_of(url))
        response = page.goto(url)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        assert response.status < 400, f"{url} answered {response.status}"
        found.append(page.url)
        queue += page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    return found


def check_layout(page, urls: list[str], label: str) -> list[str]:
    """Open each of ``urls``; return what does not fit, as ``label url: problem`` lines."""
    problems = []
    for url in urls:
        page.goto(url)
        layout = page.evaluate(LAYOUT)
        if layout["wide"]:
            problems.append(f"{label} {url}: wider than the screen")
        if squeezed := layout["squeezed"]:
            problems.append(f"{label} {url}: cells narrower than their content: {squeezed}")
    return problems


def check_access(page, urls: list[str], label: str) -> list[str]:
    """Run axe-core on each of ``urls``; return its serious and critical findings."""
    axe, problems = Axe(), []
    for url in urls:
        page.goto(url)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{label} {url}: {violation['id']} {targets}")
    return problems


def log_in(page, base: str, email: str | None) -> None:
    """Log ``email`` in with the demo password, or stay a visitor."""
    page.goto(f"{base}/login" if email else f"{base}/")
    if email:
        page.fill("#login", email)
        page.fill("#password", DEMO_PASSWORD)
        page.click("form.card button[type=submit]")


def switch_language(page, code: str) -> None:
    """Choose the interface language with the header's switch (a form or a link)."""
    switch = page.locator(
        f"header button[name=locale][value={code}]:not([disabled]), "
        f"header a[hreflang={code.replace('_', '-')}]"
    )
    if switch.count():
        switch.first.click()
        page.wait_for_load_state("load")


@pytest.fixture
def academy(app, runner):
    """Import the shipped curriculum and quizzes and the demo accounts, as ``make run`` does."""
    for command in (["import", str(COURSES), str(QUIZZES)], ["demo"]):
        result = runner.invoke(args=["lms", *command])
        assert result.exit_code == 0, result.output
    return app


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_phones_and_desktops_and_passes_axe(browser, live_server, academy, role):
    """Each role's pages: no sideways scrolling, no cramped cells, no serious axe finding."""
    phone_context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    desktop_context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    problems: list[str] = []
    try:
        phone, desktop = phone_context.new_page(), desktop_context.new_page()
        for page in (phone, desktop):
            page.on("request", lambda request: requests.append(request.url))
            log_in(page, live_server, ROLES[role])
        screenshot(phone, f"landing-{role}-phone")
        screenshot(desktop, f"landing-{role}-desktop")
        switch_language(phone, "en")
        urls = walk(phone, live_server)
        assert len(urls) >= 3, f"the {role} reached only {urls}"
        problems += check_layout(phone, urls, "360 px en")
        problems += check_access(phone, urls, "360 px en")
        switch_language(phone, "zh_Hans")
        problems += check_layout(phone, urls, "360 px zh")
        switch_language(desktop, "zh_Hans")
        problems += check_layout(desktop, urls, "1280 px zh")
        problems += check_access(desktop, urls, "1280 px zh")
        switch_language(desktop, "en")
        problems += check_layout(desktop, urls, "1280 px en")
    finally:
        phone_context.close()
        desktop_context.close()
    assert problems == [], "\n".join(problems)
    outside = sorted({url for url in requests if not url.startswith(live_server)})
    assert outside == [], f"requests to outside hosts: {outside}"
