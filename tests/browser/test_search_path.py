"""A learner searches the catalogue in Chinese on a phone and finds the module."""

from urllib.parse import quote

from playwright.sync_api import expect

from ..helpers import PASSWORD
from .conftest import no_horizontal_scroll, screenshot


def test_a_learner_finds_a_module_by_a_chinese_word_on_a_phone(
    phone, imported_course, make_user, backend
):
    """Type "合作" in the catalogue's box at 360 px: the module that says "合作社" is found."""
    base = phone.base_url
    learner = make_user()
    first = imported_course.modules[0]
    phone.goto(f"{base}/login")
    phone.fill("#login", learner.email)
    phone.fill("#password", PASSWORD)
    phone.click("form.card button[type=submit]")
    phone.click("button[name=locale][value=zh_Hans]")

    phone.goto(f"{base}/")
    phone.fill("#q", "合作")
    phone.press("#q", "Enter")
    assert phone.url == f"{base}/search?q={quote('合作')}"
    result = phone.locator(".search-results h2 a", has_text=first.text("zh").title)
    expect(result).to_be_visible()
    expect(phone.locator(".search-results mark").first).to_have_text("合作")
    assert "合作" in phone.input_value("#q")
    assert no_horizontal_scroll(phone)
    screenshot(phone, f"search-zh-phone-{backend}")

    result.click()
    assert phone.url == f"{base}/courses/spo-principles"  # not enrolled yet: the course first
    outside = [url for url in phone.requests if not url.startswith(base)]
    assert outside == [], f"requests to outside hosts: {outside}"
