"""The trainer's guide page: for those who run the course, in their language, ready to print."""

import pytest

from lms.extensions import db
from lms.models import CourseGuide

from ..helpers import ROLES, STAFF_PAGE_STATUS, counted_statements, login

GUIDE = "/manage/courses/spo-principles/guide"


def as_role(client, people, role):
    """Log in as ``role`` (nobody for anonymous)."""
    if role != "anonymous":
        login(client, people[role])


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_run_the_course_see_its_guide(client, people, role):
    """Show the guide to the course's trainers and to admins; refuse everyone else."""
    as_role(client, people, role)
    response = client.get(GUIDE)
    assert response.status_code == STAFF_PAGE_STATUS[role]
    if role == "anonymous":
        assert response.location.startswith("/login")
    if response.status_code == 200:
        assert ">Trainer's guide: SPO principles and the Fairtrade standard</h1>" in response.text
        assert "Exercise 1: the Premium budget" in response.text and "<table " in response.text
        assert "learners cannot see it" in response.text
    else:
        assert "Zhejiang" not in response.text


def test_the_course_page_links_its_guide(client, people):
    """Offer the guide on the course's manage page."""
    login(client, people["runner"])
    assert f'href="{GUIDE}"' in client.get("/manage/courses/spo-principles").text


def test_a_chinese_trainer_reads_the_chinese_guide(client, people):
    """Serve the guide in the reader's language, with the glossary link translated."""
    login(client, people["runner"])
    client.post("/language", data={"locale": "zh_Hans", "csrf_token": token(client)})
    page = client.get(GUIDE).text
    assert ">培训师手册：小农组织原则与公平贸易标准</h1>" in page
    assert "本课程术语表" in page and "not yet available" not in page


def test_a_missing_translation_falls_back_with_a_notice(client, people, imported_course):
    """Show the default language's guide, marked as such, when the reader's is missing."""
    db.session.execute(db.delete(CourseGuide).where(CourseGuide.language == "zh"))
    db.session.commit()
    login(client, people["runner"])
    client.post("/language", data={"locale": "zh_Hans", "csrf_token": token(client)})
    page = client.get(GUIDE).text
    assert '<article class="prose trainer-guide" lang="en">' in page
    assert "本手册暂时还没有您所用语言的版本" in page


def test_a_course_without_a_guide_has_no_page_and_no_link(client, people, imported_course):
    """Answer 404 and offer no link when the course folder had no guide."""
    db.session.execute(db.delete(CourseGuide))
    db.session.commit()
    login(client, people["admin"])
    assert client.get(GUIDE).status_code == 404
    assert f'href="{GUIDE}"' not in client.get("/manage/courses/spo-principles").text


def test_the_guide_page_reads_in_few_statements(client, people):
    """Load the user, the course and its texts, its trainers (who runs it) and the guide."""
    login(client, people["runner"])
    with counted_statements() as statements:
        assert client.get(GUIDE).status_code == 200
    assert len(statements) <= 5, "\n".join(s[:90] for s in statements)


def test_the_guide_is_sanitized_once_at_import(imported_course):
    """Store the guide's HTML as the one Markdown path renders it: no script survives."""
    from lms.curriculum.guides import sync_guides

    sync_guides(imported_course, {"en": "# Plan\n\n<script>alert(1)</script>\n\n**Bold**"})
    db.session.commit()
    row = db.session.get(CourseGuide, (imported_course.id, "en"))
    assert "<script>" not in row.body_html and "<strong>Bold</strong>" in row.body_html
    assert db.session.get(CourseGuide, (imported_course.id, "zh")) is None


def token(client) -> str:
    """Return the CSRF token of the page's language switch."""
    import re

    page = client.get("/manage/").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
