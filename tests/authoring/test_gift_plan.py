"""Replacing a quiz's questions asks first, listing what the new GIFT adds, revises and retires."""

import io

import pytest

from lms.extensions import db
from lms.models import AuditEvent, Question

from ..helpers import SAMPLE_GIFT, SAMPLE_GIFT_ZH, asks_first, login, post

# premium unchanged; democracy gets another right answer, so its Chinese no longer fits;
# minimum-price is gone; "new" is added.
NEW_GIFT = (
    SAMPLE_GIFT.replace("{T#It is", "{F#It is").split("// [id:minimum-price]")[0]
    + "// [id:new]\n::Premium plan::Say how your SPO plans its Premium. {}\n"
)


@pytest.fixture
def quiz_with_chinese(imported_course, make_quiz):
    """Give the course's first module the sample quiz in English and Chinese."""
    return make_quiz(imported_course.modules[0], gift=SAMPLE_GIFT, gift_zh=SAMPLE_GIFT_ZH)


def quiz_page(module) -> str:
    """Return the path of a module's quiz page."""
    return f"/manage/modules/{module.id}/quiz"


def _questions(quiz) -> list[tuple[str, bool, bool]]:
    """Return (ident, active, has Chinese) of each of the quiz's questions."""
    rows = db.session.scalars(db.select(Question).where(Question.quiz_id == quiz.id))
    return sorted((q.ident, q.active, "zh" in q.data) for q in rows)


def _form(text="", upload=None) -> dict:
    data = {"part": "questions", "language": "en", "text": text}
    if upload is not None:
        data["file"] = (io.BytesIO(upload), "premium-quiz.gift")
    return data


def test_the_plan_lists_retired_questions_and_translations_that_stop_matching(
    client, people, quiz_with_chinese
):
    """The confirmation page counts and names each change; confirming saves and reports it."""
    quiz = quiz_with_chinese
    module = quiz.module
    login(client, people["runner"])
    page, response = asks_first(
        client,
        quiz_page(module),
        _form(upload=NEW_GIFT.encode()),
        page=quiz_page(module),
        state=lambda: _questions(quiz),
    )
    assert "Replace the questions of this quiz?" in page
    for line in ("1 question added", "1 question revised", "1 question retired"):
        assert line in page
    retired = page.split("<h3>Retired</h3>")[1].split("</ul>")[0]
    assert "minimum-price" in retired and "democracy" not in retired
    assert "The Chinese version stops matching" in page
    dropped = page.split("The Chinese version stops matching")[1].split("</section>")[0]
    assert "Democracy" in dropped and "premium" not in dropped
    assert "see them in English until you upload the translation again" in dropped
    assert response.location == quiz_page(module) + "#content"
    shown = client.get(response.location).text
    assert "1 added, 1 revised, 1 retired." in shown
    assert shown.index("1 added, 1 revised, 1 retired.") < shown.index("<h2>")  # at the top
    assert _questions(quiz) == [
        ("democracy", True, False),
        ("minimum-price", False, True),
        ("new", True, False),
        ("premium", True, True),
    ]


def test_cancel_changes_nothing(client, people, quiz_with_chinese):
    """Pressing Cancel after the plan leaves every question and translation as it was."""
    quiz = quiz_with_chinese
    login(client, people["runner"])
    before = _questions(quiz)
    page = post(client, quiz_page(quiz.module), _form(NEW_GIFT), page=quiz_page(quiz.module)).text
    assert 'class="confirm"' in page
    assert f'<a class="cancel" href="{quiz_page(quiz.module)}#questions">' in page
    back = client.get(quiz_page(quiz.module)).text
    assert "retired." not in back
    assert _questions(quiz) == before
    assert (
        db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "quiz.questions"))
        is None
    )


def test_the_plan_reads_in_chinese(client, people, quiz_with_chinese):
    """A trainer reading Chinese gets the plan in Chinese."""
    quiz = quiz_with_chinese
    login(client, people["runner"])
    post(client, "/language", {"locale": "zh_Hans"}, page="/")
    page = post(client, quiz_page(quiz.module), _form(NEW_GIFT), page=quiz_page(quiz.module)).text
    assert "要替换本测验的题目吗？" in page and "取消" in page
    assert "中文版本不再匹配" in page


def test_a_new_quiz_is_saved_without_asking(client, people, imported_course):
    """Nothing is replaced when a module has no questions yet, so the first press saves."""
    module = imported_course.modules[1]
    login(client, people["runner"])
    response = post(client, quiz_page(module), _form(SAMPLE_GIFT), page=quiz_page(module))
    assert response.location == quiz_page(module) + "#content"
    assert "3 added, 0 revised, 0 retired." in client.get(response.location).text
