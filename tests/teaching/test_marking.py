"""Trainers follow attempts at their quizzes and mark essays; marking can pass a module."""

import pytest
from werkzeug.datastructures import MultiDict

from lms.content.gift import QUESTION_TYPES
from lms.extensions import db
from lms.models import (
    AuditEvent,
    Course,
    CourseText,
    CourseTrainer,
    Module,
    ModuleProgress,
    ModuleText,
    QuizAnswer,
)
from lms.quiz.forms import field_name
from lms.quiz.services import (
    attempt_revisions,
    start_attempt,
    submit_attempt,
)

from ..helpers import ISSUER, ROLES, STAFF_PAGE_STATUS, field_errors, login, post
from ..quiz_helpers import save_form

ESSAY_GIFT = """\
// [id:plan]
::Plan::Describe how your SPO decides on its Premium plan. {}

// [id:premium]
::Premium::Who decides how the Fairtrade Premium is spent? {
=The general assembly of members
~The buyer
}
"""
ESSAY = "Our assembly votes in March.\n<script>alert(1)</script>\nThen the board reports."


@pytest.fixture
def quiz(imported_course, make_quiz):
    """Give the course's first module a quiz with an essay and a multiple choice question."""
    return make_quiz(imported_course.modules[0], gift=ESSAY_GIFT, pass_mark=60)


def take_quiz(learner, quiz, essay=ESSAY, right=True):
    """Answer and submit an attempt at ``quiz`` the way the quiz pages do."""
    attempt = start_attempt(learner, quiz, "en", ISSUER)
    form = MultiDict()
    revisions = attempt_revisions(attempt)
    for index, revision in enumerate(revisions):
        if revision.qtype == "essay":
            form.add(field_name(index), essay)
            continue
        view = QUESTION_TYPES[revision.qtype].public_view(
            revision.data["en"], attempt.seed, quiz.shuffle_answers
        )
        wanted = "The general assembly" if right else "The buyer"
        form.add(field_name(index), next(o["key"] for o in view["options"] if wanted in o["html"]))
    save_form(attempt, list(range(len(revisions))), form)
    submit_attempt(attempt, ISSUER)
    db.session.commit()
    return attempt


def essay_answer(attempt) -> QuizAnswer:
    """Return the essay answer of ``attempt``."""
    return next(a for a in attempt.answers if a.revision.qtype == "essay")


def choice_answer(attempt) -> QuizAnswer:
    """Return the multiple choice answer of ``attempt``."""
    return next(a for a in attempt.answers if a.revision.qtype != "essay")


def as_role(client, people, role):
    """Log in as ``role`` (nobody for anonymous)."""
    if role != "anonymous":
        login(client, people[role])


def mark(client, answer, score="80", comment="Good plan.", page="/manage/marking"):
    """Post a mark for ``answer`` from the marking queue."""
    data = {"score": score, "comment": comment}
    return post(client, f"/manage/answers/{answer.id}/mark", data, page=page)


def other_course(make_quiz):
    """Create a second course with a one-module essay quiz and return that quiz."""
    course = Course(slug="lca-basics", status="published", default_language="en", languages="en")
    course.texts.append(CourseText(language="en", title="Life Cycle Assessment basics"))
    module = Module(course=course, slug="intro", stem="01-intro", position=1)
    module.texts.append(
        ModuleText(language="en", title="Intro", body_markdown="Hi", body_html="<p>Hi</p>")
    )
    db.session.add(course)
    db.session.commit()
    return make_quiz(module, gift=ESSAY_GIFT)


@pytest.mark.parametrize("role", ROLES)
def test_attempt_pages_by_role(client, people, quiz, role):
    """Show a quiz's attempts and one attempt only to trainers running the course and admins."""
    attempt = take_quiz(people["learner"], quiz)
    as_role(client, people, role)
    for path in (f"/manage/quizzes/{quiz.id}/attempts", f"/manage/attempts/{attempt.id}"):
        response = client.get(path)
        assert response.status_code == STAFF_PAGE_STATUS[role], path
        if STAFF_PAGE_STATUS[role] != 200:
            assert "Our assembly votes" not in response.text


def test_attempts_list_shows_learner_spo_and_waiting(client, people, quiz):
    """List each attempt with learner, SPO, number, score and whether it awaits marking."""
    take_quiz(people["learner"], quiz)
    login(client, people["runner"])
    page = client.get(f"/manage/quizzes/{quiz.id}/attempts").text
    assert "Li Wei" in page and "Pu&#39;er Tea Cooperative" in page
    assert "awaiting marking" in page
    assert "1 attempt" in page


def test_attempt_detail_shows_every_answer_escaped(client, people, quiz):
    """Show each question with the learner's response; the essay's markup stays text."""
    attempt = take_quiz(people["learner"], quiz)
    login(client, people["admin"])
    page = client.get(f"/manage/attempts/{attempt.id}").text
    assert "Describe how your SPO decides" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "The general assembly of members" in page
    assert "Score: 100%" in page
    assert f'id="a{essay_answer(attempt).id}-score"' in page  # mark it from here too


def test_queue_lists_only_essays_of_courses_the_user_runs(client, people, quiz, make_quiz):
    """Show each trainer the essays of their own courses; admins see all of them."""
    lca_quiz = other_course(make_quiz)
    lca_runner = people["trainer"]
    lca_quiz.module.course.trainers.append(CourseTrainer(user=lca_runner))
    db.session.commit()
    take_quiz(people["learner"], quiz, essay="Essay about the Premium")
    take_quiz(people["learner"], lca_quiz, essay="Essay about life cycles")
    login(client, people["runner"])
    page = client.get("/manage/marking").text
    assert "Essay about the Premium" in page and "Essay about life cycles" not in page
    assert "1 essay waits for a mark" in client.get("/manage/").text
    client2 = client.application.test_client()
    login(client2, lca_runner)
    page = client2.get("/manage/marking").text
    assert "Essay about life cycles" in page and "Essay about the Premium" not in page
    client3 = client.application.test_client()
    login(client3, people["admin"])
    page = client3.get("/manage/marking").text
    assert "Essay about life cycles" in page and "Essay about the Premium" in page


def test_queue_escapes_essays_and_keeps_line_breaks(client, people, quiz):
    """Show the essay as text in a block that keeps its line breaks."""
    take_quiz(people["learner"], quiz)
    login(client, people["runner"])
    page = client.get("/manage/marking").text
    assert '<div class="essay-text">Our assembly votes in March.\n&lt;script&gt;' in page


def test_marking_the_last_essay_passes_and_completes_the_module(client, people, quiz):
    """Give the attempt its score when the essay is marked, and complete the module."""
    learner = people["learner"]
    attempt = take_quiz(learner, quiz)
    assert attempt.score is None and attempt.graded_at is None
    answer = essay_answer(attempt)
    login(client, people["runner"])
    response = mark(client, answer, "80", "Clear and complete.")
    assert response.location == "/manage/marking"
    db.session.expire_all()
    assert answer.score == pytest.approx(0.8) and answer.comment == "Clear and complete."
    assert answer.marked_by_id == people["runner"].id
    assert attempt.score == pytest.approx(0.9) and attempt.passed is True
    assert attempt.graded_at is not None
    progress = db.session.scalar(
        db.select(ModuleProgress).where(
            ModuleProgress.user_id == learner.id, ModuleProgress.module_id == quiz.module_id
        )
    )
    assert progress is not None and progress.completed_at is not None
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "quiz.mark"))
    assert (event.actor_id, event.target_id) == (people["runner"].id, answer.id)
    assert event.detail["score"] == 80
    page = client.get("/manage/marking").text
    assert "The attempt is now fully graded." in page
    assert "No essay waits for a mark." in page


def test_marking_below_the_pass_mark_does_not_complete(client, people, quiz):
    """Finish the attempt as not passed when the total stays under the pass mark."""
    learner = people["learner"]
    attempt = take_quiz(learner, quiz, right=False)
    login(client, people["admin"])
    mark(client, essay_answer(attempt), "100")
    db.session.expire_all()
    assert attempt.score == pytest.approx(0.5) and attempt.passed is False
    progress = db.session.scalar(
        db.select(ModuleProgress).where(ModuleProgress.user_id == learner.id)
    )
    assert progress is None or progress.completed_at is None


def test_marking_twice_is_refused(client, people, quiz):
    """Refuse a second mark for the same essay and keep the first one."""
    attempt = take_quiz(people["learner"], quiz)
    answer = essay_answer(attempt)
    login(client, people["runner"])
    mark(client, answer, "80")
    response = mark(client, answer, "10", "Changed my mind.", page=f"/manage/attempts/{attempt.id}")
    assert response.status_code == 302
    db.session.expire_all()
    assert answer.score == pytest.approx(0.8) and answer.comment == "Good plan."
    assert "not an essay waiting for a mark" in client.get("/manage/marking").text
    actions = db.session.scalars(db.select(AuditEvent.action))
    assert list(actions).count("quiz.mark") == 1


def test_marking_a_graded_question_is_refused(client, people, quiz):
    """Refuse to hand-mark a multiple choice answer."""
    attempt = take_quiz(people["learner"], quiz)
    answer = choice_answer(attempt)
    login(client, people["runner"])
    mark(client, answer, "0")
    db.session.expire_all()
    assert answer.score == 1.0 and answer.marked_by_id is None


def test_marks_are_validated(client, people, quiz):
    """Say which field is wrong and change nothing for a score out of range."""
    attempt = take_quiz(people["learner"], quiz)
    answer = essay_answer(attempt)
    login(client, people["runner"])
    for score in ("150", "-1", "", "lots"):
        response = mark(client, answer, score)
        assert response.status_code == 200
        assert field_errors(response.text, f"a{answer.id}-score"), score
    db.session.expire_all()
    assert answer.score is None and answer.marked_at is None


@pytest.mark.parametrize("role", ("anonymous", "learner", "coordinator", "trainer"))
def test_only_runners_may_mark(client, people, quiz, role):
    """Refuse marks from anyone who does not run the course, with nothing changed."""
    attempt = take_quiz(people["learner"], quiz)
    answer = essay_answer(attempt)
    as_role(client, people, role)
    response = mark(client, answer, page="/login")
    assert response.status_code == (302 if role == "anonymous" else 403)
    if role == "anonymous":
        assert response.location.startswith("/login")
    db.session.expire_all()
    assert answer.score is None
