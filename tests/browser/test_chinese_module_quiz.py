"""A learner reads the real first module in Chinese on a phone and passes its real quiz."""

import re

from playwright.sync_api import expect

from lms.content.curriculum import load_curriculum
from lms.content.gift import QUESTION_TYPES
from lms.content.gift.types.numbers import show_number
from lms.curriculum.services import import_curriculum
from lms.extensions import db
from lms.models import Course, QuizAttempt
from lms.quiz.forms import field_name
from lms.quiz.services import attempt_revisions

from ..helpers import COURSES, PASSWORD, QUIZZES
from ..quiz_helpers import answer_form
from .conftest import no_horizontal_scroll, screenshot


def _import_course_with_quizzes():
    """Import spo-principles with its quizzes, as `flask lms import courses/ quizzes/` does."""
    curriculum = load_curriculum([COURSES / "spo-principles", QUIZZES])
    import_curriculum(curriculum)
    db.session.commit()
    course = db.session.scalar(db.select(Course).where(Course.slug == "spo-principles"))
    return course, curriculum.courses[0]


def _right_typed_answer(kind, data) -> str:
    """Return what a learner who knows the answer types (short answer, numerical)."""
    right = [answer for answer in data["answers"] if answer["fraction"] == 1.0]
    if kind.name == "numerical":
        answer = right[0]
        typed = show_number(answer["min"] if answer["range"] else answer["value"])
    else:
        typed = next(answer["source"] for answer in right if "*" not in answer["source"])
    assert kind.grade(data, typed) == 1.0, (data["ident"], typed)
    return typed


def _answer_key(attempt):
    """Return the form fields a learner who knows every answer fills in, by field name."""
    form = answer_form(attempt)  # choices, multiple answers and matching
    for index, revision in enumerate(attempt_revisions(attempt)):
        kind = QUESTION_TYPES[revision.qtype]
        if kind.widget in ("text", "number"):
            data = attempt.question_text(revision)
            form[field_name(index)] = _right_typed_answer(kind, data)
    return form


def _fill(page, key) -> list[str]:
    """Fill in this page's questions from the answer key; return the fields filled."""
    filled = []
    for name, values in key.lists():
        field = page.locator(f'[name="{name}"]')
        if not field.count():
            continue  # on another page
        tag = field.first.evaluate("element => element.tagName.toLowerCase()")
        kind = field.first.get_attribute("type")
        if tag == "select":
            field.select_option(values[0])
        elif kind in ("radio", "checkbox"):
            for value in values:
                page.locator(f'label.option:has(input[name="{name}"][value="{value}"])').click()
        else:
            field.fill(values[0])
        filled.append(name)
    return filled


def test_a_learner_reads_module_one_in_chinese_and_passes_its_quiz(
    phone, make_user, make_org, backend
):
    """Switch to 中文, enrol, read module 1, answer every question right, see it passed."""
    course, source = _import_course_with_quizzes()
    module = course.modules[0]
    quiz = module.quiz
    assert quiz is not None and quiz.active and len(quiz.active_questions) > 0
    zh = source.modules[0].texts["zh"]  # 01-what-is-an-spo.zh.md
    learner = make_user(organization=make_org(name_zh="勐海茶叶合作社"), name="王小明")
    db.session.rollback()  # hold no read transaction while the server writes
    base = phone.base_url

    phone.goto(f"{base}/login")
    phone.fill("#login", learner.email)
    phone.fill("#password", PASSWORD)
    phone.click("form.card button[type=submit]")
    phone.click("header button[name=locale][value=zh_Hans]")
    assert phone.get_attribute("html", "lang") == "zh-Hans"
    expect(phone.locator("header")).to_contain_text("我的学习")

    phone.goto(f"{base}/courses/spo-principles")
    expect(phone.locator("h1")).to_have_text("小农组织原则与公平贸易标准")
    enrol = phone.locator("form[action$='/enrol'] button")
    expect(enrol).to_have_text("报名并开始学习")
    enrol.click()

    # Module 1, in Chinese: the title and headings of 01-what-is-an-spo.zh.md.
    assert phone.url == f"{base}/courses/spo-principles/modules/{module.slug}"
    article = phone.locator("article.module")
    expect(article.locator("h1")).to_have_text(zh.title)
    assert zh.title == "什么是小农组织？"
    for heading in re.findall(r"^## (.+)$", zh.body_markdown, re.MULTILINE)[:3]:
        expect(article.locator("h2", has_text=heading.strip())).to_have_count(1)
    assert article.get_attribute("lang") is None  # no "not in your language" fallback
    expect(phone.locator(".flash-info")).to_have_count(0)
    assert no_horizontal_scroll(phone), "module 1 is wider than the phone"
    screenshot(phone, f"module-one-zh-phone-{backend}")

    phone.click(".quiz-card a.button")
    start = phone.locator("form[action$='/quiz/start'] button")
    expect(start).to_have_text("开始测验")
    start.click()
    match = re.fullmatch(rf"{re.escape(base)}/quiz/attempts/(\d+)", phone.url)
    assert match, phone.url
    attempt = db.session.get(QuizAttempt, int(match.group(1)))
    assert attempt.language == "zh"
    key = _answer_key(attempt)
    questions = len(attempt.question_order)
    db.session.rollback()

    filled = []
    for number in range(1, questions + 1):
        expect(phone.locator(f"#question-{number}")).to_have_count(1)
        filled += _fill(phone, key)
        assert no_horizontal_scroll(phone), f"question {number} is wider than the phone"
        if number == 1:
            screenshot(phone, f"quiz-real-question-zh-phone-{backend}")
        phone.click(".quiz-nav button[value=next]")
    assert sorted(filled) == sorted(key.keys()), "some answers were never filled in"

    assert phone.url.endswith("/summary")
    summary = phone.locator("ol.answer-summary")
    expect(summary.locator("li")).to_have_count(questions)
    expect(summary).not_to_contain_text("未作答")  # "Not answered"
    phone.click("form[action$='/submit'] button")

    result = phone.locator(".card.result")
    expect(result.locator(".score")).to_have_text("您的得分：100%")
    expect(result.locator(".flash-success")).to_have_text(
        f"您已通过（及格线 {quiz.pass_mark}%）。本单元已完成。"
    )
    expect(phone.locator(".badge-ok")).to_have_count(questions)  # "正确" on every question
    expect(phone.locator(".badge-wrong, .badge-part")).to_have_count(0)
    assert no_horizontal_scroll(phone), "the result page is wider than the phone"
    screenshot(phone, f"quiz-real-result-zh-phone-{backend}")

    result.get_by_role("link", name="返回课程").click()
    first = phone.locator("ol.outline li").first
    expect(first).to_have_class("done")
    expect(first).to_contain_text(zh.title)
    expect(first).to_contain_text("已完成")
    expect(phone.locator("ol.outline li.done")).to_have_count(1)
    modules = len(course.modules)
    expect(phone.locator("progress")).to_have_attribute("value", str(100 // modules))
    assert no_horizontal_scroll(phone)

    attempt = db.session.get(QuizAttempt, attempt.id)
    db.session.refresh(attempt)
    assert attempt.passed and attempt.score == 1.0
    outside = [url for url in phone.requests if not url.startswith(base)]
    assert outside == [], f"requests to outside hosts: {outside}"
