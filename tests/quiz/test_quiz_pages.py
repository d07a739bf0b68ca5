"""The learner's quiz pages: start, answer page by page, resume, submit once, see results."""

import re
from pathlib import Path

import pytest

from lms.certificates.serials import format_serial
from lms.extensions import db
from lms.learn.services import complete_module, enrol
from lms.models import Certificate, ModuleProgress, QuizAnswer, QuizAttempt
from lms.static_files import StaticFiles

from ..helpers import ISSUER, counted_statements, login, post
from ..quiz_helpers import answer_form, take_quiz

DATA = Path(__file__).parent.parent / "data"
EVERY_TYPE = (DATA / "every-type.gift").read_text(encoding="utf-8")
EVERY_TYPE_ZH = (DATA / "every-type.zh.gift").read_text(encoding="utf-8")
MODULE = "/courses/spo-principles/modules/what-is-an-spo"
QUIZ = MODULE + "/quiz"
AUTOSAVE_URL = "/static/" + StaticFiles.scan().fingerprinted["quiz-autosave.js"]


@pytest.fixture
def learner(make_user, make_org, imported_course):
    """Return an enrolled learner."""
    user = make_user(organization=make_org(), name="王小明")
    enrol(user, imported_course)
    db.session.commit()
    return user


def _start(client) -> str:
    """Start (or resume) the attempt through the overview's button; return its URL."""
    response = post(client, QUIZ + "/start", page=QUIZ)
    assert response.status_code == 302
    return response.headers["Location"]


def _attempt() -> QuizAttempt:
    return db.session.scalars(db.select(QuizAttempt)).one()


def test_a_module_with_a_quiz_is_completed_by_the_quiz_not_by_a_button(
    client, imported_course, make_quiz, learner
):
    """Replace "Mark as done" with the quiz, and refuse a hand-made completion."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    outline = client.get("/courses/spo-principles").get_data(as_text=True)
    assert outline.count("with a quiz") == 1
    page = client.get(MODULE).get_data(as_text=True)
    assert "Go to the quiz" in page and "Mark as done" not in page
    response = post(client, MODULE + "/complete", page=QUIZ, follow_redirects=True)
    assert "Pass the quiz to complete this module." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(ModuleProgress.completed_at)) is None


def test_the_quiz_needs_a_login_and_an_enrolment(client, imported_course, make_quiz, make_user):
    """Send visitors to log in, and learners who are not enrolled to the course page."""
    make_quiz(imported_course.modules[0])
    assert "/login" in client.get(QUIZ).headers["Location"]
    login(client, make_user())
    assert client.get(QUIZ).headers["Location"].endswith("/courses/spo-principles")


def test_no_answer_or_feedback_reaches_the_page_before_submitting(
    client, imported_course, make_quiz, learner
):
    """Inspect the HTML of every question type: no feedback, no weights, no plain indexes."""
    make_quiz(imported_course.modules[0], gift=EVERY_TYPE, layout="all", shuffle_answers=False)
    login(client, learner)
    page = client.get(_start(client)).get_data(as_text=True)
    assert page.count('class="question"') == 9
    assert "SECRET" not in page
    assert "fraction" not in page and "%50%" not in page and "-&gt;" not in page
    keys = re.findall(r'<input type="(?:radio|checkbox)" name="q\d+" value="([^"]*)"', page)
    keys += re.findall(r'<option value="([^"]+)"', page)
    assert len(keys) >= 12
    assert all(len(key) >= 8 for key in keys if key not in ("true", "false"))
    # No hidden field carries an answer (``next`` is the language switch's return path).
    hidden = re.findall(r'type="hidden" name="([^"]+)"', page)
    assert set(hidden) <= {"csrf_token", "page", "next"}


def test_answers_are_kept_on_the_server_and_the_attempt_resumes(
    app, client, imported_course, make_quiz, learner
):
    """Save each page as the learner moves; a new session resumes with the answers."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    take = _start(client)
    page = client.get(take).get_data(as_text=True)
    assert "Question 1 of 3" in page
    order = re.findall(r'type="radio" name="q0" value="([^"]+)"', page)
    key = order[0]
    response = post(client, take, {"page": "1", "go": "next", "q0": key}, page=take)
    assert response.headers["Location"].endswith("page=2")

    # The phone dies; the learner logs in again on another one.
    other = app.test_client()
    login(other, learner)
    assert _start(other) == take
    page = other.get(take + "?page=1").get_data(as_text=True)
    assert re.search(rf'value="{key}" checked', page)
    # The options come back in the order the learner saw (the shuffle is seeded per attempt).
    assert re.findall(r'type="radio" name="q0" value="([^"]+)"', page) == order
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 1


def test_submit_shows_the_score_and_a_resubmit_changes_nothing(
    client, imported_course, make_quiz, learner
):
    """Grade once; the result says whether it passed and how many attempts remain."""
    make_quiz(imported_course.modules[0], max_attempts=3)
    login(client, learner)
    take = _start(client)
    page = client.get(take).get_data(as_text=True)
    key = re.search(r'name="q0" value="([^"]+)"', page).group(1)
    post(client, take, {"page": "1", "go": "summary", "q0": key}, page=take)
    summary = client.get(take + "/summary").get_data(as_text=True)
    assert summary.count("Not answered") == 2
    response = post(client, take + "/submit", page=take + "/summary")
    result = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your score:" in result and "2 attempts left" in result
    attempt = _attempt()
    score = attempt.score
    # The old tab sends its form again, and then tries to change an answer.
    again = post(client, take + "/submit", page=take + "/result", follow_redirects=True)
    assert "already closed" in again.get_data(as_text=True)
    post(client, take, {"page": "2", "go": "next"}, page=take + "/result")
    db.session.expire_all()
    assert _attempt().score == score
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 1


def test_another_learners_attempt_is_not_found(
    app, client, imported_course, make_quiz, learner, make_user, make_org
):
    """Answer 404 to anyone but the owner, for every attempt page."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    take = _start(client)
    intruder = app.test_client()
    login(intruder, make_user(organization=make_org("qinling-honey")))
    for suffix in ("", "/summary", "/result"):
        assert intruder.get(take + suffix).status_code == 404
    token_page = "/account"
    assert post(intruder, take, {"page": "1"}, page=token_page).status_code == 404
    assert post(intruder, take + "/submit", page=token_page).status_code == 404
    assert _attempt().submitted_at is None


@pytest.mark.parametrize(
    ("review", "shows_verdict", "shows_feedback"),
    [("score", False, False), ("correctness", True, False), ("answers", True, True)],
)
def test_the_result_shows_what_the_trainer_allowed(
    client, imported_course, make_quiz, learner, review, shows_verdict, shows_feedback
):
    """Show score only, or also right/wrong, or also right answers and feedback."""
    make_quiz(imported_course.modules[0], review=review, layout="all")
    login(client, learner)
    take = _start(client)
    right = answer_form(_attempt(), best=True).to_dict()
    post(client, take, {"page": "1", "go": "summary", **right}, page=take)
    response = post(client, take + "/submit", page=take + "/summary", follow_redirects=True)
    result = response.get_data(as_text=True)
    assert "Your score:" in result
    assert ('class="badge' in result) is shows_verdict
    assert ("Right: members vote on the plan." in result) is shows_feedback


def test_an_essay_waits_for_a_trainer_before_the_module_completes(
    client, imported_course, make_quiz, learner
):
    """Keep an attempt with an essay unscored until it is marked by hand."""
    make_quiz(imported_course.modules[0], gift="// [id:e]\nTell us about your SPO. {}\n")
    login(client, learner)
    take = _start(client)
    post(client, take, {"page": "1", "go": "summary", "q0": "We grow tea."}, page=take)
    response = post(client, take + "/submit", page=take + "/summary", follow_redirects=True)
    assert "A trainer will mark your written answers" in response.get_data(as_text=True)
    attempt = _attempt()
    assert attempt.submitted_at is not None and attempt.score is None
    assert db.session.scalar(db.select(QuizAnswer.response)) == "We grow tea."
    assert db.session.scalar(db.select(ModuleProgress.completed_at)) is None


def test_a_chinese_reader_gets_the_chinese_questions(client, imported_course, make_quiz, learner):
    """Show the .zh.gift text to a learner reading Chinese; grade the same question ids."""
    make_quiz(imported_course.modules[0], gift=EVERY_TYPE, gift_zh=EVERY_TYPE_ZH, layout="all")
    login(client, learner)
    post(client, "/language", {"locale": "zh_Hans"}, page="/")
    page = client.get(_start(client)).get_data(as_text=True)
    assert "谁决定公平贸易溢价的用途" in page and "Who decides" not in page
    assert _attempt().language == "zh"


def test_the_quiz_and_progress_macros_speak_the_readers_language(
    client, imported_course, make_quiz, learner
):
    """Translate the strings that live in imported macros, not only those in the pages."""
    make_quiz(imported_course.modules[0], gift=EVERY_TYPE, gift_zh=EVERY_TYPE_ZH, layout="all")
    login(client, learner)
    post(client, "/language", {"locale": "zh_Hans"}, page="/")
    assert "已完成 0%" in client.get(MODULE).get_data(as_text=True)  # progress_bar
    page = client.get(_start(client)).get_data(as_text=True)
    assert "第 1 题" in page and "Question 1" not in page
    assert "Choose…" not in page and "Your answer" not in page


def test_parallel_requests_start_one_attempt_and_grade_it_once(
    app, imported_course, make_quiz, learner
):
    """Let four tabs press Start, then Submit, at the same moment: one attempt, one grade."""
    from concurrent.futures import ThreadPoolExecutor

    from ..helpers import csrf_token

    make_quiz(imported_course.modules[0], max_attempts=1)
    clients = [app.test_client() for _ in range(4)]
    for client in clients:
        login(client, learner)
    tokens = [csrf_token(client, QUIZ) for client in clients]

    def press(path_of):
        def request(index):
            response = clients[index].post(path_of(index), data={"csrf_token": tokens[index]})
            return response.status_code, response.headers.get("Location", "")

        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(request, range(4)))

    started = press(lambda index: QUIZ + "/start")
    assert {location for _, location in started} == {started[0][1]}
    take = started[0][1]
    submitted = press(lambda index: take + "/submit")
    assert all(status == 302 for status, _ in submitted)
    attempt = _attempt()
    assert attempt.submitted_at is not None and attempt.number == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 1
    # The limit of one attempt now holds for every tab.
    assert (
        "no attempts left"
        in post(clients[1], QUIZ + "/start", page=QUIZ, follow_redirects=True).text
    )


HOSTILE_GIFT = """\
// [id:xss]
[html]<script>alert(1)</script><img src=x onerror=alert(2)>Pick one {
=[html]<a href\\="javascript\\:alert(3)">right</a>#[html]<svg onload\\=alert(4)>fb
~[html]<iframe src\\="https\\://evil.example"></iframe>wrong
####[html]<style>body\\{display\\:none\\}</style>general
}
"""


def test_hostile_quiz_html_cannot_run_on_any_quiz_page(
    client, app, imported_course, make_quiz, learner, people
):
    """Pass every page that shows quiz text through one check for script and outside requests."""
    make_quiz(imported_course.modules[0], gift=HOSTILE_GIFT)
    login(client, learner)
    take = _start(client)
    pages = [client.get(take).text]
    post(client, take, {"page": "1", "go": "summary"}, page=take)
    response = post(client, take + "/submit", page=take + "/summary", follow_redirects=True)
    pages.append(response.text)
    trainer = app.test_client()
    login(trainer, people["runner"])
    quiz = db.session.scalars(db.select(QuizAttempt)).one().quiz
    pages.append(trainer.get(f"/manage/modules/{quiz.module_id}/quiz").text)
    pages.append(trainer.get(f"/manage/attempts/{_attempt().id}").text)
    own_script = f'<script src="{AUTOSAVE_URL}" defer></script>'
    for page in pages:
        # The layout's own drawings (its icon sprite and the icons that use it) are not quiz text.
        own = re.sub(r'<svg class="(sprite|icon|brand-mark)"', "", page.replace(own_script, ""))
        lowered = own.lower()
        for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "<style"):
            assert bad not in lowered, bad
    assert "Pick one" in pages[0] and "general" in pages[1]


def test_the_page_script_saves_in_the_background(client, imported_course, make_quiz, learner):
    """Answer a background save with a status only: 204 saved, 409 closed, 400 expired."""
    make_quiz(imported_course.modules[0], layout="all")
    login(client, learner)
    take = _start(client)
    page = client.get(take).text
    assert f'src="{AUTOSAVE_URL}"' in page
    key = re.search(r'name="q0" value="([^"]+)"', page).group(1)
    saved = post(client, take, {"page": "1", "go": "stay", "q0": key}, page=take)
    assert saved.status_code == 204 and not saved.data
    # One question of the page was answered; the others' rows stay empty (in any row order).
    saved_rows = db.select(QuizAnswer).where(QuizAnswer.response.is_not(None))
    assert len(db.session.scalars(saved_rows).all()) == 1
    expired = client.post(take, data={"page": "1", "go": "stay", "csrf_token": "old"})
    assert expired.status_code == 400
    assert "had expired" not in client.get(take).text  # no message left for the next page
    post(client, take + "/submit", page=take + "/summary")
    closed = post(client, take, {"page": "1", "go": "stay", "q0": key}, page="/account")
    assert closed.status_code == 409


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "trainer", "runner", "admin"])
def test_only_the_learner_opens_their_attempt_pages(
    app, client, imported_course, make_quiz, learner, people, role
):
    """Send visitors to log in; staff read attempts under /manage, never through these pages."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    take = _start(client)
    other = app.test_client()
    if role != "anonymous":
        login(other, people[role])
    for suffix in ("", "/summary", "/result"):
        response = other.get(take + suffix)
        if role == "anonymous":
            assert "/login" in response.headers["Location"]
        else:
            assert response.status_code == 404


def test_a_question_page_reads_in_three_statements(client, imported_course, make_quiz, learner):
    """Load the learner, the attempt with its quiz, and the page's questions with answers."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    take = _start(client)
    key = re.findall(r'type="radio" name="q0" value="([^"]+)"', client.get(take).text)[0]
    post(client, take, {"page": "1", "go": "next", "q0": key}, page=take)
    with counted_statements() as statements:
        page = client.get(take + "?page=1").text
    assert "Question 1 of 3" in page and re.search(rf'value="{key}" checked', page)
    assert f"Quiz: {imported_course.modules[0].text('en').title}" in page
    assert len(statements) <= 3, "\n".join(s[:120] for s in statements)


def test_passing_a_quiz_offers_the_next_module_and_no_more_attempts(
    client, imported_course, make_quiz, learner
):
    """Point a learner who passed to the next module, not to the attempts left."""
    make_quiz(imported_course.modules[0], max_attempts=3)
    attempt = take_quiz(learner, imported_course.modules[0].quiz, best=True)
    login(client, learner)
    result = client.get(f"/quiz/attempts/{attempt.id}/result").text
    following = imported_course.modules[1]
    assert f"Next module: {following.text('en').title}" in result
    assert f'href="/courses/spo-principles/modules/{following.slug}"' in result
    assert "attempts left" not in result and "Try again" not in result
    assert "Congratulations" not in result


def test_failing_a_quiz_offers_another_attempt_and_the_module(
    client, imported_course, make_quiz, learner
):
    """Offer Try again with the attempts left, and the module to read again."""
    make_quiz(imported_course.modules[0], max_attempts=3)
    attempt = take_quiz(learner, imported_course.modules[0].quiz, best=False)
    login(client, learner)
    result = client.get(f"/quiz/attempts/{attempt.id}/result").text
    assert "Try again" in result and "2 attempts left" in result
    assert "Read the module again" in result and "Next module" not in result


def test_passing_the_final_quiz_congratulates_and_links_the_certificate(
    client, imported_course, make_quiz, learner
):
    """Finish the course through its last module's quiz: say so and offer the certificate."""
    *reading, last = imported_course.modules
    for module in reading:
        complete_module(learner, module, ISSUER)
    make_quiz(last)
    attempt = take_quiz(learner, last.quiz, best=True)
    login(client, learner)
    result = client.get(f"/quiz/attempts/{attempt.id}/result").text
    title = imported_course.text("en").title
    assert f"Congratulations! You have completed {title}." in result
    serial = db.session.scalar(db.select(Certificate.serial))
    assert f"/certificates/{format_serial(serial)}/certificate.pdf" in result
    assert "Next module" not in result and "attempts left" not in result


def test_a_question_page_is_headed_by_its_quiz_and_leads_back_to_the_module(
    client, imported_course, make_quiz, learner
):
    """Head the page with the quiz's title and link the breadcrumb to the module page."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    page = client.get(_start(client)).get_data(as_text=True)
    title = imported_course.modules[0].text("en").title
    assert re.search(rf"<h1>Quiz: {re.escape(title)}</h1>", page)
    crumbs = re.search(r'<p class="crumbs">(.*?)</p>', page, re.S).group(1)
    assert f'<a href="{MODULE}">{title}</a>' in crumbs


def test_go_back_comes_first_but_enter_still_goes_forward(
    client, imported_course, make_quiz, learner
):
    """Put "Save and go back" first among the visible buttons; the form's first submit is "next"."""
    make_quiz(imported_course.modules[0])
    login(client, learner)
    take = _start(client)
    page = client.get(take + "?page=2").get_data(as_text=True)
    buttons = re.findall(r'<button type="submit" name="go" value="(\w+)" class="([^"]+)"', page)
    assert buttons[0] == ("next", "sr-only")  # the one Enter presses, unseen and untabbable
    assert '<button type="submit" name="go" value="next" class="sr-only" tabindex="-1"' in page
    assert [value for value, _class in buttons[1:]] == ["previous", "next", "summary"]
    assert page.index("Save and go back") < page.rindex("Save and next")
    first = client.get(take + "?page=1").get_data(as_text=True)
    assert "Save and go back" not in first
