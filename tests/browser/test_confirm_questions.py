"""A trainer replaces a quiz's questions on a phone without JavaScript: plan, confirm, result."""

from playwright.sync_api import expect

from lms.extensions import db
from lms.models import Question

from ..authoring.test_gift_plan import NEW_GIFT
from ..conftest import PASSWORD, SAMPLE_GIFT, SAMPLE_GIFT_ZH
from .conftest import PHONE, no_horizontal_scroll, screenshot


def test_replacing_questions_shows_the_plan_then_the_result_in_view(
    browser, live_server, people, imported_course, make_quiz
):
    """The pasted GIFT survives the confirmation page, and the counts are on screen after it."""
    quiz = make_quiz(imported_course.modules[0], gift=SAMPLE_GIFT, gift_zh=SAMPLE_GIFT_ZH)
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("#login", people["runner"].email)
    page.fill("#password", PASSWORD)
    page.click("form.card button[type=submit]")
    page.goto(f"{live_server}/manage/modules/{quiz.module.id}/quiz")
    page.fill("#text", NEW_GIFT)
    page.click("#questions button[type=submit]")
    expect(page.locator("h1")).to_have_text("Replace the questions of this quiz?")
    expect(page.locator(".plan-dropped")).to_contain_text("The Chinese version stops matching")
    assert no_horizontal_scroll(page)
    screenshot(page, "confirm-questions")
    page.click("form.confirm button[type=submit]")
    assert page.url.endswith("#content")
    result = page.get_by_text("1 added, 1 revised, 1 retired.")
    expect(result).to_be_in_viewport()
    screenshot(page, "questions-replaced")
    context.close()
    db.session.expire_all()
    active = db.session.scalars(
        db.select(Question.ident).where(Question.quiz_id == quiz.id, Question.active.is_(True))
    )
    assert sorted(active) == ["democracy", "new", "premium"]
