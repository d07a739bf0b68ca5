"""Error pages say what happened in words and offer a way on; the code is small print."""

from .helpers import login


def test_page_not_found_has_a_human_heading(client):
    """A missing page is headed "Page not found", links home and shows the code small."""
    page = client.get("/courses/no-such-course")
    assert page.status_code == 404
    assert "<h1>Page not found</h1>" in page.text and "<h1>404</h1>" not in page.text
    assert 'class="meta">Error code 404' in page.text
    assert "Back to the courses" in page.text


def test_a_refused_page_says_so_and_offers_nothing_it_cannot_do(client, people):
    """A logged-in learner refused a staff page reads "You can't open this page"."""
    login(client, people["learner"])
    page = client.get("/reports/")
    assert page.status_code == 403
    assert "<h1>You can't open this page</h1>" in page.text
    assert "Back to the courses" in page.text and "Error code 403" in page.text


def test_error_pages_speak_chinese(client):
    """A Chinese reader gets the heading in Chinese."""
    page = client.get("/courses/no-such-course", headers={"Accept-Language": "zh-CN"})
    assert "<h1>找不到页面</h1>" in page.text
