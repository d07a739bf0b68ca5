"""A learner takes a quiz with every question type on a phone, leaves, comes back, submits."""

from pathlib import Path

from playwright.sync_api import expect

from lms.extensions import db
from lms.learn.services import enrol
from lms.models import QuizAttempt

from .conftest import PHONE, log_in, no_horizontal_scroll, screenshot

DATA = Path(__file__).resolve().parents[1] / "data"


def _answer(page) -> None:
    """Answer the question on screen, whatever its type, as a learner would."""
    question = page.locator("fieldset.question")
    if question.locator("input[type=radio]").count():
        question.locator("label.option").first.click()
    elif question.locator("input[type=checkbox]").count():
        question.locator("label.option").nth(0).click()
        question.locator("label.option").nth(1).click()
    elif question.locator("select").count():
        for select in question.locator("select").all():
            select.select_option(index=1)
    elif question.locator("textarea").count():
        question.locator("textarea").fill("我们想建一个新的晾茶棚。")
    elif question.locator("input[inputmode=decimal]").count():
        question.locator("input").fill("１")  # a Chinese keyboard's full-width digit
    elif question.locator("input[type=text]").count():
        question.locator("input[type=text]").fill("大会")


def test_a_learner_takes_every_question_type_leaves_and_resumes(
    browser, live_server, imported_course, make_quiz, make_user, make_org, backend
):
    """Answer half, close the phone's tab, log in again, resume where it was, submit."""
    learner = make_user(organization=make_org(), name="王小明")
    enrol(learner, imported_course)
    quiz = make_quiz(
        imported_course.modules[0],
        gift=(DATA / "every-type.gift").read_text(encoding="utf-8"),
        gift_zh=(DATA / "every-type.zh.gift").read_text(encoding="utf-8"),
    )
    count = len(quiz.active_questions)
    module = f"{live_server}/courses/spo-principles/modules/what-is-an-spo"

    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    log_in(page, learner)
    page.goto(module)
    page.click(".quiz-card a.button")
    page.click("form[action$='/quiz/start'] button")
    for number in range(1, 5):
        assert page.locator(f"#question-{number}").count() == 1
        assert no_horizontal_scroll(page), f"question {number} is wider than the phone"
        _answer(page)
        if number == 2:
            screenshot(page, f"quiz-question-zh-phone-{backend}")
        page.click(".quiz-nav button[value=next]")
    context.close()  # the tab is gone: the four answers must be on the server

    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.base_url = live_server
    log_in(page, learner)
    page.goto(module)
    page.click(".quiz-card a.button")
    page.click("form[action$='/quiz/start'] button")  # "continue", not a new attempt
    assert page.locator("input:checked").count() == 1  # question 1 still answered
    for number in range(1, count + 1):
        if number > 4:
            _answer(page)
        assert no_horizontal_scroll(page)
        page.click(".quiz-nav button[value=next]")
    assert no_horizontal_scroll(page)
    screenshot(page, f"quiz-summary-zh-phone-{backend}")
    page.click("form[action$='/submit'] button")
    text = page.inner_text("main")
    assert "%" in text and "理事会" in text  # the score and the Chinese review
    assert no_horizontal_scroll(page)
    screenshot(page, f"quiz-result-zh-phone-{backend}")
    context.close()

    attempts = db.session.scalars(db.select(QuizAttempt)).all()
    assert len(attempts) == 1 and attempts[0].submitted_at is not None
    assert attempts[0].language == "zh"
    outside = [url for url in requests if not url.startswith(live_server)]
    assert outside == [], f"requests to outside hosts: {outside}"


def _open_quiz(browser, live_server, learner):
    """Log in on a fresh phone and start or continue the first module's quiz."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server
    log_in(page, learner)
    page.goto(f"{live_server}/courses/spo-principles/modules/what-is-an-spo")
    page.click(".quiz-card a.button")
    page.click("form[action$='/quiz/start'] button")
    return context, page


def test_answers_are_saved_as_they_are_given_without_pressing_save(
    browser, live_server, imported_course, make_quiz, make_user, make_org
):
    """Let the page's script keep each answer; a tab closed without saving loses nothing."""
    learner = make_user(organization=make_org())
    enrol(learner, imported_course)
    make_quiz(
        imported_course.modules[0],
        gift=(DATA / "every-type.gift").read_text(encoding="utf-8"),
        layout="all",
    )
    context, page = _open_quiz(browser, live_server, learner)
    page.locator("#question-1 label.option").nth(1).click()
    page.locator("#question-8 textarea").fill("A shared drying shed for the whole village.")
    # The essay is saved after a pause in typing; the status says when it is done.
    page.wait_for_timeout(1600)
    expect(page.locator(".autosave-status")).to_have_text("Your answers are saved.")
    context.close()  # no button was pressed

    context, page = _open_quiz(browser, live_server, learner)
    assert page.locator("#question-1 input:checked").count() == 1
    assert page.input_value("#question-8 textarea") == "A shared drying shed for the whole village."
    context.close()


def test_enter_saves_and_goes_forward_while_go_back_is_read_first(
    browser, live_server, imported_course, make_quiz, make_user, make_org
):
    """Press Enter in a typed answer: the next page opens; "Save and go back" comes first."""
    learner = make_user(organization=make_org())
    enrol(learner, imported_course)
    make_quiz(
        imported_course.modules[0], gift=(DATA / "every-type.gift").read_text(encoding="utf-8")
    )
    context, page = _open_quiz(browser, live_server, learner)
    page.click(".quiz-nav button[value=next]")
    expect(page.locator("#question-2")).to_be_visible()
    page.locator(".quiz-nav button[value=next]").click()
    page.locator(".quiz-nav button[value=next]").click()
    page.locator(".quiz-nav button[value=next]").click()
    field = page.locator("#question-5 input[type=text]")
    field.fill("1")
    field.press("Enter")
    expect(page.locator("#question-6")).to_be_visible()
    page.goto(page.url.replace("page=6", "page=5"))
    assert page.input_value("#question-5 input[type=text]") == "1"
    # The first button a person meets, reading or tabbing, is "Save and go back".
    visible = page.locator(".quiz-nav button")
    assert visible.first.inner_text() == "Save and go back"
    back, forward = visible.nth(0).bounding_box(), visible.nth(1).bounding_box()
    assert (back["y"], back["x"]) < (forward["y"], forward["x"])
    page.focus("#question-5 input[type=text]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Save and go back"
    context.close()


LONG_MATCHING = """\
// [id:reasons]
::Reasons to go digital::Match each reason to go digital with its example. {
=Market access -> a honey cooperative sells jars to families in Shanghai through an online platform
=Transparency -> each tea farmer gets a message with the weight, grade and price of every delivery
=Lower costs -> deliveries recorded once at the scale instead of three times on paper
=Traceability -> a coffee buyer asks which members grew a shipment and gets the answer the same day
}
"""


def test_long_matching_answers_can_be_read_in_full_on_a_phone(
    browser, live_server, imported_course, make_quiz, make_user, make_org
):
    """Stack each prompt above a full-width drop-down; list the long answers in full, lettered."""
    learner = make_user(organization=make_org())
    enrol(learner, imported_course)
    make_quiz(imported_course.modules[0], gift=LONG_MATCHING)
    context, page = _open_quiz(browser, live_server, learner)
    width = page.evaluate("window.innerWidth")
    assert width == PHONE["width"] and no_horizontal_scroll(page)
    selects = page.locator(".match-item select").all()
    assert len(selects) == 4
    for select in selects:
        box = select.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        prompt = select.locator("xpath=preceding-sibling::span").bounding_box()
        assert prompt["y"] + prompt["height"] <= box["y"]  # the prompt sits above its select
        assert box["width"] >= prompt["width"]  # and the select is as wide as the question
    # Every answer is shown whole, inside the screen, by the letter its options carry.
    answers = page.locator(".match-choices li").all()
    assert len(answers) == 4
    options = selects[0].locator("option").all_inner_texts()[1:]
    for letter, answer, option in zip("ABCD", answers, options, strict=True):
        box = answer.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        text = answer.inner_text()
        assert option == f"{letter}. {text}"
        assert answer.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert any(len(option) > 60 for option in options)  # too long for one line at 360 px
    selects[0].select_option(index=2)
    assert selects[0].evaluate("s => s.options[s.selectedIndex].text").startswith("B. ")
    screenshot(page, "quiz-matching-phone")
    context.close()
