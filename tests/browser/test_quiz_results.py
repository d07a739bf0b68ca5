"""What a quiz's result page offers next: the course's certificate, the next module, or a retry."""

from playwright.sync_api import expect

from lms.extensions import db
from lms.learn.services import complete_module, enrol

from ..helpers import ISSUER
from .conftest import log_in, no_horizontal_scroll, screenshot, words

ONE_QUESTION = "// [id:democracy]\n::Democracy::An SPO is run democratically by its members. {T}\n"
ONE_QUESTION_ZH = "// [id:democracy]\n::民主::小农组织由社员民主管理。 {T}\n"
COURSE_TITLE = ("SPO principles and the Fairtrade standard", "小农组织原则与公平贸易标准")


def _title(page, item) -> str:
    """Return a course's or module's title in the page's language."""
    return item.text(words(page, "en", "zh")).title


def _take_quiz(page, module, answer: str) -> None:
    """Open ``module``'s quiz from its page, answer True or False, and submit."""
    page.goto(f"{page.base_url}/courses/{module.course.slug}/modules/{module.slug}")
    page.click(".quiz-card a.button")
    page.click("form[action$='/quiz/start'] button")
    page.locator(f'label.option:has(input[value="{answer}"])').click()
    page.click(".quiz-nav button[value=next]")
    page.click("form[action$='/submit'] button")
    page.wait_for_url("**/quiz/attempts/*/result")


def test_passing_the_final_quiz_congratulates_and_links_to_the_certificate(
    screen, imported_course, make_quiz, make_user, make_org
):
    """Pass the last module's quiz: the course is complete, and My certificates lists it."""
    learner = make_user(organization=make_org(), name="王小明")
    *reading, final = imported_course.modules
    make_quiz(final, gift=ONE_QUESTION, gift_zh=ONE_QUESTION_ZH)
    enrol(learner, imported_course)
    for module in reading:
        complete_module(learner, module, ISSUER)
    db.session.commit()
    log_in(screen, learner)

    _take_quiz(screen, final, "true")
    course = words(screen, *COURSE_TITLE)
    complete = screen.locator(".course-complete")
    expect(complete).to_contain_text(
        words(
            screen, f"Congratulations! You have completed {course}.", f"恭喜！您已完成 {course}。"
        )
    )
    expect(screen.locator(".actions")).not_to_contain_text(words(screen, "Next module", "下一单元"))
    assert no_horizontal_scroll(screen), "the result page is wider than the screen"
    screenshot(screen, "quiz-result-course-complete")

    complete.get_by_role("link", name=words(screen, "My certificates", "我的证书")).click()
    expect(screen).to_have_url(f"{screen.base_url}/certificates")
    expect(screen.locator("h1")).to_have_text(words(screen, "My certificates", "我的证书"))
    listed = screen.locator("article.certificate")
    expect(listed).to_have_count(1)
    expect(listed.locator("h2")).to_have_text(course)
    assert no_horizontal_scroll(screen), "My certificates is wider than the screen"
    screenshot(screen, "quiz-result-my-certificates")


def test_a_failed_quiz_offers_a_retry_and_a_passed_one_the_next_module(
    screen, imported_course, make_quiz, make_user, make_org
):
    """Fail module 1's quiz: "Try again", no next module; pass it: "Next module" opens module 2."""
    learner = make_user(organization=make_org())
    first, second = imported_course.modules[:2]
    make_quiz(first, gift=ONE_QUESTION, gift_zh=ONE_QUESTION_ZH)
    enrol(learner, imported_course)
    db.session.commit()
    log_in(screen, learner)
    next_module = words(screen, "Next module", "下一单元")

    _take_quiz(screen, first, "false")
    result = screen.locator(".card.result")
    expect(result.locator(".flash-error")).to_have_text(
        words(screen, "Not passed yet: the pass mark is 80%.", "尚未通过：及格线为 80%。")
    )
    expect(result).not_to_contain_text(next_module)
    expect(result.get_by_role("link", name=next_module)).to_have_count(0)
    assert no_horizontal_scroll(screen), "the failed result is wider than the screen"
    screenshot(screen, "quiz-result-failed")
    result.get_by_role("link", name=words(screen, "Try again", "再试一次")).click()
    expect(screen).to_have_url(
        f"{screen.base_url}/courses/spo-principles/modules/{first.slug}/quiz"
    )

    _take_quiz(screen, first, "true")
    result = screen.locator(".card.result")
    expect(result.locator(".flash-success")).to_have_text(
        words(
            screen,
            "You passed (pass mark 80%). This module is complete.",
            "您已通过（及格线 80%）。本单元已完成。",
        )
    )
    expect(result).not_to_contain_text(words(screen, "Try again", "再试一次"))
    assert no_horizontal_scroll(screen), "the passed result is wider than the screen"
    screenshot(screen, "quiz-result-passed")
    result.get_by_role(
        "link", name=f"{next_module}{words(screen, ': ', '：')}{_title(screen, second)}"
    ).click()
    expect(screen).to_have_url(f"{screen.base_url}/courses/spo-principles/modules/{second.slug}")
    expect(screen.locator("article.module h1")).to_have_text(_title(screen, second))
