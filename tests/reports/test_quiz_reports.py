"""Quiz reports: attempts, pass rates and the wrong answers that confuse learners."""

import html
import re

import pytest
from werkzeug.datastructures import MultiDict

from lms.content.gift import QUESTION_TYPES
from lms.extensions import db
from lms.models import CourseTrainer, Role
from lms.quiz.forms import field_name
from lms.quiz.services import (
    attempt_revisions,
    mark_answer,
    start_attempt,
    submit_attempt,
)
from lms.reports.quizzes import quiz_report, quiz_summaries

from ..helpers import ISSUER, SAMPLE_GIFT_ZH, counted_statements, login
from ..quiz_helpers import save_form

ESSAY_GIFT = """\
// [id:plan]
::Plan::Describe your SPO's Premium plan. {}

// [id:vote]
::Vote::Members vote on the Premium plan. {T}
"""

SAFETY_NET = "A safety net when market prices fall"
RIGHT = {"premium": "general assembly", "democracy": "True", "minimum-price": SAFETY_NET}
RIGHT_ZH = {"premium": "社员大会", "democracy": "True", "minimum-price": "市场价格下跌时的安全网"}


def take_quiz(user, quiz, choices, language="en", submit=True):
    """Answer ``quiz`` as ``user`` would: the option whose text holds each choice, by ident."""
    default = quiz.module.course.default_language
    attempt = start_attempt(user, quiz, language, ISSUER)
    revisions = attempt_revisions(attempt)
    form = MultiDict()
    for index, revision in enumerate(revisions):
        choice = choices.get(revision.question.ident)
        if choice is None:
            continue  # left unanswered
        data = revision.text(language, default)
        view = QUESTION_TYPES[revision.qtype].public_view(data, attempt.seed, quiz.shuffle_answers)
        if "options" in view:
            keys = [option["key"] for option in view["options"] if choice in option["html"]]
            assert len(keys) == 1, (choice, view["options"])
            form.add(field_name(index), keys[0])
        else:
            form.add(field_name(index), choice)
    save_form(attempt, list(range(len(revisions))), form)
    if submit:
        assert submit_attempt(attempt, ISSUER)
    db.session.commit()
    return attempt


@pytest.fixture
def taken_quiz(imported_course, make_quiz, make_user):
    """Give the first module a bilingual quiz and five submitted attempts by four learners.

    premium: right once; the buyer chosen three times (twice in English, once in
    Chinese), the auditor once. democracy: right four times out of five.
    minimum-price (short answer): right three times, "A bonus" (half marks) once,
    unanswered once. An open attempt, all right, must not count.
    """
    quiz = make_quiz(imported_course.modules[0], gift_zh=SAMPLE_GIFT_ZH)
    names = ["Alice", "Bob", "Chen", "Dan", "Erin"]
    alice, bob, chen, dan, erin = (make_user(name=name) for name in names)
    take_quiz(alice, quiz, {**RIGHT, "premium": "buyer"})
    take_quiz(alice, quiz, RIGHT)
    take_quiz(bob, quiz, {"premium": "buyer", "democracy": "False", "minimum-price": "A bonus"})
    take_quiz(chen, quiz, {**RIGHT_ZH, "premium": "买家"}, language="zh")
    take_quiz(dan, quiz, {"premium": "auditor", "democracy": "True"})
    take_quiz(erin, quiz, RIGHT, submit=False)
    return quiz


def make_trainer(make_user, course=None, **fields):
    """Create a trainer, running ``course`` when one is given."""
    trainer = make_user(Role.TRAINER, **fields)
    if course is not None:
        db.session.add(CourseTrainer(course_id=course.id, user_id=trainer.id))
        db.session.commit()
    return trainer


def figure(page: str, name: str) -> str:
    """Return a headline number of the quiz page by its cell id."""
    return re.search(rf'<td class="num" id="{name}">([^<]*)</td>', page).group(1)


def question_row(page: str, ident: str) -> list[str]:
    """Return the cells of one question's row on the quiz page."""
    row = re.search(rf'<tr id="question-{ident}">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r'<td[^>]*>(?:<span class="cell">)?(.*?)(?:</span>)?</td>', row, re.S)
    return [html.unescape(cell).strip() for cell in cells]


def test_service_counts_submitted_attempts_only(taken_quiz):
    """Count five submitted attempts by four learners; the open one stays out."""
    summary = quiz_report(taken_quiz, "en").summary
    assert (summary.attempts, summary.learners, summary.graded, summary.passed) == (5, 4, 5, 1)
    assert summary.pass_rate == pytest.approx(0.2)
    assert summary.learner_pass_rate == pytest.approx(0.25)
    assert summary.average == pytest.approx(17 / 30)  # (2/3 + 1 + 1/6 + 2/3 + 1/3) / 5
    assert summary.awaiting_marking == 0
    assert summary.questions == 3


def test_service_reports_each_question_by_ident(taken_quiz):
    """Count answers by stable ident, so the Chinese attempt adds to the English ones."""
    report = quiz_report(taken_quiz, "en")
    rows = {row.question.ident: row for row in report.questions}
    assert list(rows) == ["premium", "democracy", "minimum-price"]
    premium, democracy, price = rows.values()
    assert premium.title == "Premium"
    assert (premium.answered, premium.unanswered, premium.graded, premium.right) == (5, 0, 5, 1)
    assert premium.right_rate == pytest.approx(0.2)
    assert premium.average == pytest.approx(0.2)
    assert (premium.wrong_response, premium.wrong_count) == ("The buyer", 3)
    assert (democracy.right, democracy.graded) == (4, 5)
    assert (democracy.wrong_response, democracy.wrong_count) == ("False", 1)
    assert (price.answered, price.unanswered, price.right, price.graded) == (4, 1, 3, 5)
    assert price.average == pytest.approx(0.7)
    assert price.title == "What is the Fairtrade Minimum Price for?"
    # Unanswered is counted apart, never as a wrong answer; half marks are wrong; typed
    # answers tally as the question type normalizes them.
    assert (price.wrong_response, price.wrong_count) == ("a bonus", 1)


def test_service_describes_options_in_the_viewers_language(taken_quiz):
    """Name the buyer in Chinese for a Chinese reader, still counting all three choices."""
    rows = {row.question.ident: row for row in quiz_report(taken_quiz, "zh").questions}
    assert rows["premium"].title == "溢价"
    assert (rows["premium"].wrong_response, rows["premium"].wrong_count) == ("买家", 3)


def test_quiz_page_shows_the_numbers(client, taken_quiz, make_user):
    """Show a trainer of the course the headline numbers and one row per question."""
    trainer = make_trainer(make_user, taken_quiz.module.course)
    login(client, trainer)
    page = client.get(f"/reports/quizzes/{taken_quiz.id}").text
    assert [figure(page, name) for name in ("attempts", "learners", "pass-rate")] == [
        "5",
        "4",
        "20%",
    ]
    assert figure(page, "learner-pass-rate") == "25%"
    assert figure(page, "average") == "57%"
    assert figure(page, "awaiting") == "0"
    # question, type, answers, unanswered, right, average, wrong answer, chosen by
    assert question_row(page, "premium") == [
        "1. Premium",
        "Multiple choice",
        "5",
        "0",
        "20%",
        "20%",
        "The buyer",
        "3",
    ]
    assert question_row(page, "democracy")[1:] == [
        "True/false",
        "5",
        "0",
        "80%",
        "80%",
        "False",
        "1",
    ]
    assert question_row(page, "minimum-price")[1:] == [
        "Short answer",
        "4",
        "1",
        "60%",
        "70%",
        "a bonus",
        "1",
    ]
    # Phones: every table scrolls inside its own box rather than widening the page.
    region = '<div class="table-wrap" role="region" tabindex="0" aria-label="'
    assert page.count("<table") == page.count(region) == 2


def test_quiz_page_in_chinese(client, taken_quiz, make_user):
    """Title questions and name wrong options in Chinese for a trainer who reads Chinese."""
    trainer = make_trainer(make_user, taken_quiz.module.course, locale="zh_Hans")
    login(client, trainer)
    page = client.get(f"/reports/quizzes/{taken_quiz.id}").text
    assert question_row(page, "premium")[0] == "1. 溢价"
    assert question_row(page, "premium")[-2:] == ["买家", "3"]
    assert question_row(page, "democracy")[-2:] == ["错", "1"]  # "False" in the interface


def test_quiz_list(client, taken_quiz, make_user):
    """List the quiz with its questions, attempts, pass rate and average score."""
    login(client, make_trainer(make_user, taken_quiz.module.course))
    page = client.get("/reports/quizzes").text
    link = f'<a href="/reports/quizzes/{taken_quiz.id}">'
    assert link in page
    row = page[page.index(link) :].split("</tr>")[0]
    numbers = re.findall(r'<td data-label="[^"]*" class="num"><span class="cell">([^<]*)<', row)
    assert numbers == ["3", "5", "20%", "57%"]
    (summary,) = quiz_summaries([taken_quiz.module.course_id])
    assert (summary.questions, summary.attempts, summary.pass_rate) == (3, 5, 0.2)


def test_quiz_list_shows_only_courses_the_trainer_runs(client, taken_quiz, make_user):
    """Leave out quizzes of courses a trainer does not run; an admin sees them all."""
    login(client, make_trainer(make_user))
    page = client.get("/reports/quizzes").text
    assert f"/reports/quizzes/{taken_quiz.id}" not in page
    assert "No quiz in the courses you run." in page
    assert quiz_summaries([]) == []
    assert taken_quiz in [summary.quiz for summary in quiz_summaries(None)]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("learner", 403),
        ("coordinator", 403),
        ("other trainer", 403),
        ("trainer", 200),
        ("admin", 200),
    ],
)
def test_quiz_page_permissions(client, taken_quiz, make_user, make_org, who, status):
    """Let only trainers of the course and admins see a quiz's report."""
    course = taken_quiz.module.course
    users = {
        "learner": lambda: make_user(),
        "coordinator": lambda: make_user(Role.COORDINATOR, make_org()),
        "other trainer": lambda: make_trainer(make_user),
        "trainer": lambda: make_trainer(make_user, course),
        "admin": lambda: make_user(Role.ADMIN),
    }
    if who != "anonymous":
        login(client, users[who]())
    response = client.get(f"/reports/quizzes/{taken_quiz.id}")
    assert response.status_code == status
    if who == "anonymous":
        assert response.location.startswith("/login?next=")
    listing = client.get("/reports/quizzes")
    expected = {"anonymous": 302, "learner": 403, "coordinator": 403}.get(who, 200)
    assert listing.status_code == expected


def test_missing_quiz_is_404(client, make_user):
    """Answer 404 for a quiz that does not exist."""
    login(client, make_user(Role.ADMIN))
    assert client.get("/reports/quizzes/999999").status_code == 404


def test_admin_finds_quiz_results_from_the_overview(client, make_user):
    """Link the quiz list from the progress overview."""
    login(client, make_user(Role.ADMIN))
    assert 'href="/reports/quizzes"' in client.get("/reports/").text


def test_essays_wait_for_marking(client, imported_course, make_quiz, make_user):
    """Count an attempt with an unmarked essay as waiting, outside the pass rate."""
    quiz = make_quiz(imported_course.modules[1], gift=ESSAY_GIFT)
    attempt = take_quiz(make_user(), quiz, {"plan": "Build a school.", "vote": "True"})
    summary = quiz_report(quiz, "en").summary
    assert (summary.attempts, summary.graded, summary.awaiting_marking) == (1, 0, 1)
    assert summary.pass_rate is None
    admin = make_user(Role.ADMIN)
    login(client, admin)
    page = client.get(f"/reports/quizzes/{quiz.id}").text
    assert (figure(page, "awaiting"), figure(page, "pass-rate")) == ("1", "–")
    essay = next(answer for answer in attempt.answers if answer.question.ident == "plan")
    assert mark_answer(essay, 0.5, "Say who decides.", admin, ISSUER)
    db.session.commit()
    (summary,) = [row for row in quiz_summaries(None) if row.quiz == quiz]
    assert (summary.graded, summary.passed, summary.average) == (1, 0, 0.75)
    plan = quiz_report(quiz, "en").questions[0]
    # A marked essay is not an option to tally.
    assert (plan.right, plan.graded, plan.wrong_response) == (0, 1, None)


def test_a_marked_essay_shows_its_average_mark_not_a_right_share(
    client, imported_course, make_quiz, make_user
):
    """Show an essay marked 80 % as "Average mark 80%", never as "Right 0%"."""
    quiz = make_quiz(imported_course.modules[1], gift=ESSAY_GIFT)
    attempt = take_quiz(make_user(), quiz, {"plan": "Build a school.", "vote": "True"})
    admin = make_user(Role.ADMIN)
    essay = next(answer for answer in attempt.answers if answer.question.ident == "plan")
    assert mark_answer(essay, 0.8, "Good plan.", admin, ISSUER)
    db.session.commit()
    login(client, admin)
    page = client.get(f"/reports/quizzes/{quiz.id}").text
    # Question, type, answers, unanswered, right, average, wrong answer, chosen by.
    plan, vote = question_row(page, "plan"), question_row(page, "vote")
    assert plan[4] == "Average mark 80%" and plan[5] == "80%"
    assert vote[4] == "100%"
    assert "An essay, marked by a trainer, shows its average mark instead." in page
    admin.locale = "zh_Hans"
    db.session.commit()
    chinese = client.get(f"/reports/quizzes/{quiz.id}").text
    assert question_row(chinese, "plan")[4] == "平均得分 80%"


def test_query_count_does_not_grow_with_attempts(taken_quiz, make_user):
    """Run the same number of queries for five attempts as for fifteen."""
    with counted_statements() as before:
        quiz_report(taken_quiz, "en")
    for number in range(10):
        take_quiz(make_user(), taken_quiz, {"premium": "auditor"} if number % 2 else RIGHT)
    with counted_statements() as after:
        quiz_report(taken_quiz, "en")
    assert len(after) == len(before)
    rows = {row.question.ident: row for row in quiz_report(taken_quiz, "en").questions}
    assert (rows["premium"].wrong_response, rows["premium"].wrong_count) == ("The auditor", 6)


def test_a_trainer_finds_the_statistics_from_the_courses_they_run(client, taken_quiz, make_user):
    """Link each quiz of "Courses I run" to its statistics, and the section to the list."""
    login(client, make_trainer(make_user, taken_quiz.module.course))
    page = client.get("/manage/").text
    assert f'href="/reports/quizzes/{taken_quiz.id}"' in page
    assert 'href="/reports/quizzes"' in page
