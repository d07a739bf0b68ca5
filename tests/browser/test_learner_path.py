"""A producer representative signs up and finishes a course on a phone, in Chinese."""

import re

from lms.extensions import db
from lms.models import Enrolment

from .conftest import no_horizontal_scroll, screenshot


def test_learner_signs_up_and_finishes_the_course_on_a_phone(
    phone, imported_course, make_org, backend
):
    """Walk sign-up, language choice, enrolment, every module and the dashboard at 360 px."""
    make_org("menghai-tea", name="Menghai Tea", enrolment_code="TEAS-DEMQ")
    base = phone.base_url

    phone.goto(f"{base}/register")
    phone.fill("#enrolment_code", "teas demq")
    phone.fill("#name", "王小明")
    phone.fill("#login", "xiaoming@example.org")
    phone.fill("#password", "secret-tea-2026")
    phone.fill("#confirm", "secret-tea-2026")
    phone.click("form.card button[type=submit]")
    assert phone.url == f"{base}/"

    phone.click("button[name=locale][value=zh_Hans]")
    assert phone.get_attribute("html", "lang") == "zh-Hans"
    assert "小农组织原则与公平贸易标准" in phone.inner_text("main")
    assert "我的学习" in phone.inner_text("header")  # the interface, not only the content
    assert no_horizontal_scroll(phone)

    phone.click("text=小农组织原则与公平贸易标准")
    phone.click("form[action$='/enrol'] button")
    modules = len(imported_course.modules)
    for index in range(modules):
        assert phone.get_attribute("progress", "value") == str(100 * index // modules)
        assert re.search(r"\d+", phone.inner_text(".module .meta"))  # estimated minutes
        assert no_horizontal_scroll(phone), f"module {index + 1} is wider than the phone"
        if index == 1:
            phone.click("a[rel=prev]")
            assert phone.get_attribute("progress", "value") == str(100 * index // modules)
            phone.click("a[rel=next]")
            screenshot(phone, f"module-zh-phone-{backend}")
        phone.click("form[action$='/complete'] button")

    phone.goto(f"{base}/dashboard")
    assert phone.get_attribute("progress", "value") == "100"
    screenshot(phone, f"dashboard-zh-phone-{backend}")
    assert db.session.scalar(db.select(Enrolment)).completed_at is not None

    outside = [url for url in phone.requests if not url.startswith(base)]
    assert outside == [], f"requests to outside hosts: {outside}"


def test_a_visitor_reads_the_catalogue_in_chinese_without_a_session(phone, imported_course):
    """Switch a visitor's phone to 中文 with the header's link: a cookie, no session, no script."""
    phone.goto(f"{phone.base_url}/courses/spo-principles")
    phone.click("header a[hreflang=zh-Hans]")
    assert phone.url == f"{phone.base_url}/courses/spo-principles"
    assert phone.get_attribute("html", "lang") == "zh-Hans"
    phone.goto(f"{phone.base_url}/")
    assert "小农组织原则与公平贸易标准" in phone.inner_text("main")
    assert "登录" in phone.inner_text("header")
    assert no_horizontal_scroll(phone)
    cookies = {cookie["name"]: cookie["value"] for cookie in phone.context.cookies()}
    assert cookies == {"lms_locale": "zh_Hans"}
