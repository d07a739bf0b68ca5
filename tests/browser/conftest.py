"""Serve the app on a local port and drive it from headless Chromium, on a phone or a desktop.

``phone`` is a 360-pixel-wide page in English. ``screen`` is parametrized: a phone
reading Chinese, then a 1280-pixel desktop reading English, so a test that takes it
checks both widths and both languages in two runs; a module that defines a
``javascript`` fixture returning False runs it with JavaScript off.
"""

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from ..helpers import ARTIFACTS, PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# Cells whose content sticks out of them (a table squeezed below its content's width),
# leaving out the column headings a phone hides, which are one pixel wide on purpose.
SQUEEZED_CELLS = """() => [...document.querySelectorAll('td, th')]
  .filter(cell => cell.getClientRects().length && !(cell.closest('thead')?.offsetWidth <= 1))
  .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
  .map(cell => cell.textContent.trim().slice(0, 40))"""
# Without these Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_server(app):
    """Serve ``app`` from a thread on a free local port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium once per run (``make test`` installs it when missing)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass(frozen=True)
class Screen:
    """A screen a test looks through: its width and the language its reader asks for."""

    name: str  # "phone" or "desktop", for test ids and screenshot names
    viewport: dict
    language: str  # the UI locale the browser's Accept-Language picks

    @property
    def mobile(self) -> bool:
        """Tell whether this is a phone (a touch screen at twice the pixels)."""
        return self.viewport["width"] < 800


PHONE_ENGLISH = Screen("phone", PHONE, "en")
SCREENS = [Screen("phone", PHONE, "zh_Hans"), Screen("desktop", DESKTOP, "en")]
ACCEPT_LANGUAGE = {"en": "en-GB", "zh_Hans": "zh-CN"}


def open_page(browser, base_url: str, screen: Screen = PHONE_ENGLISH, **options):
    """Open a page on ``screen`` in a new browser context; record every request it makes.

    The page carries ``base_url`` and ``language``; ``options`` go to
    ``browser.new_context`` (``java_script_enabled=False``, for one). Close it with
    ``page.context.close()``.
    """
    scale = {"device_scale_factor": 2, "is_mobile": True} if screen.mobile else {}
    context = browser.new_context(
        viewport=screen.viewport, locale=ACCEPT_LANGUAGE[screen.language], **scale, **options
    )
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.base_url = base_url
    page.language = screen.language
    return page


@pytest.fixture
def phone(browser, live_server):
    """Open a page on a 360-pixel-wide phone screen, in English."""
    page = open_page(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture
def javascript() -> bool:
    """Run ``screen`` pages with JavaScript on; a module overrides this to turn it off."""
    return True


@pytest.fixture(params=SCREENS, ids=lambda screen: f"{screen.name}-{screen.language}")
def screen(request, browser, live_server, javascript, backend):
    """Open a page on a phone in Chinese, then (second run) on a desktop in English."""
    page = open_page(browser, live_server, request.param, java_script_enabled=javascript)
    # Screenshot names tell the runs apart: screen, language and database.
    page.screen = f"{request.param.name}-{request.param.language}-{backend}"
    yield page
    page.context.close()


def log_in(page, user, password: str = PASSWORD) -> None:
    """Log ``user`` in through the login form, and wait until it has left the form."""
    page.goto(f"{page.base_url}/login")
    page.fill("#login", user.email)
    page.fill("#password", password)
    page.click("form.card button[type=submit]")
    page.wait_for_url(lambda url: not url.endswith("/login"))


def words(page, english: str, chinese: str) -> str:
    """Return what the page's reader sees: ``english``, or ``chinese`` on a Chinese page."""
    return chinese if page.language == "zh_Hans" else english


def no_horizontal_scroll(page) -> bool:
    """Tell whether the page fits the screen's width, once the page a click opened has loaded.

    Without the wait, a check right after a click can run while the next document
    is still empty (seen on a loaded CI machine).
    """
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def screenshot(page, name: str) -> None:
    """Keep a full-page picture under test-artifacts/ for people to look at.

    A ``screen`` page's name gets its screen and language, so both runs are kept.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    if getattr(page, "screen", None):
        name = f"{name}-{page.screen}"
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
