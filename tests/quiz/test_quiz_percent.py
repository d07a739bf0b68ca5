"""A learner who types a percentage with its sign, on the page, gets the mark."""

import re

import pytest

from lms.extensions import db
from lms.learn.services import enrol
from lms.models import QuizAnswer, QuizAttempt

from ..helpers import QUIZZES, login, post

MODULE = "/courses/spo-principles/modules/what-is-an-spo"
QUIZ = MODULE + "/quiz"
PERCENT_QUESTION = "spo6-women-share"


def shipped_question(name: str, ident: str) -> str:
    """Return one question of a shipped quiz file, from its id comment to the next one."""
    text = (QUIZZES / name).read_text(encoding="utf-8")
    block = re.search(rf"// \[id:{ident}\]\n.*?(?=\n// \[id:|\Z)", text, re.S)
    return block.group(0)


@pytest.fixture
def learner(make_user, make_org, imported_course):
    """Return an enrolled learner."""
    user = make_user(organization=make_org())
    enrol(user, imported_course)
    db.session.commit()
    return user


@pytest.mark.parametrize(("language", "typed"), [("en", "24 %"), ("zh", "２４％")])
def test_a_percent_sign_in_the_answer_box_scores_the_shipped_percentage_question(
    client, imported_course, make_quiz, learner, language, typed
):
    """Submit the shipped "what percentage of members are women" question with the sign."""
    make_quiz(
        imported_course.modules[0],
        gift=shipped_question("spo-principles-06.gift", PERCENT_QUESTION),
        gift_zh=shipped_question("spo-principles-06.zh.gift", PERCENT_QUESTION),
        layout="all",
    )
    login(client, learner)
    if language == "zh":
        post(client, "/language", {"locale": "zh_Hans"}, page="/")
    start = post(client, QUIZ + "/start", page=QUIZ)
    take = start.headers["Location"]
    page = client.get(take).get_data(as_text=True)
    # A text box, so the browser lets the sign through; a decimal keypad on phones.
    assert re.search(r'<input type="text" inputmode="decimal" name="q0"', page)
    post(client, take, {"page": "1", "go": "summary", "q0": typed}, page=take)
    post(client, take + "/submit", page=take + "/summary")
    attempt = db.session.scalars(db.select(QuizAttempt)).one()
    assert attempt.language == language
    assert db.session.scalar(db.select(QuizAnswer.response)) == typed
    assert db.session.scalar(db.select(QuizAnswer.score)) == 1.0
    assert attempt.score == 1.0 and attempt.passed
