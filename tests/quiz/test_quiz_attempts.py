"""Attempt rules: numbering, limits, seeded shuffles, deadlines, submit-once, completion."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from lms.extensions import db
from lms.models import ModuleProgress, QuizAnswer, QuizAttempt
from lms.quiz.forms import field_name
from lms.quiz.services import (
    QuizClosed,
    attempt_revisions,
    attempts_of,
    close_if_overdue,
    save_answers,
    start_attempt,
    submit_attempt,
)
from lms.rules import RuleError

from ..helpers import ISSUER
from ..quiz_helpers import answer_form, save_form, take_quiz


@pytest.fixture
def quiz(imported_course, make_quiz):
    """Give the course's first module the sample quiz (three questions)."""
    return make_quiz(imported_course.modules[0])


@pytest.fixture
def learner(make_user, make_org, imported_course):
    """Return a learner enrolled in the course."""
    from lms.learn.services import enrol

    user = make_user(organization=make_org())
    enrol(user, imported_course)
    db.session.commit()
    return user


def test_an_attempt_shows_every_question_and_resuming_returns_the_same_one(quiz, learner):
    """Start numbering at 1; a second start while open gives back the same attempt."""
    first = start_attempt(learner, quiz, "en", ISSUER)
    again = start_attempt(learner, quiz, "en", ISSUER)
    assert first.id == again.id and first.number == 1
    assert len(first.question_order) == 3


def test_shuffled_questions_keep_their_order_when_resumed(imported_course, make_quiz, learner):
    """Seed the shuffle per attempt: a resumed attempt shows the same order."""
    quiz = make_quiz(imported_course.modules[0], shuffle_questions=True)
    orders = set()
    for _ in range(8):
        attempt = start_attempt(learner, quiz, "en", ISSUER)
        assert start_attempt(learner, quiz, "en", ISSUER).question_order == attempt.question_order
        orders.add(tuple(attempt.question_order))
        submit_attempt(attempt, ISSUER)
        db.session.commit()
    assert len(orders) > 1, "eight attempts in the same order: not shuffled"


def test_passing_completes_the_module_and_failing_does_not(quiz, learner):
    """Grade on the server; a pass completes the module through the usual path."""
    failed = take_quiz(learner, quiz, best=False)
    assert failed.passed is False and failed.score == 0
    assert db.session.scalar(db.select(ModuleProgress.completed_at)) is None
    passed = take_quiz(learner, quiz, best=True)
    assert passed.passed is True and passed.score == 1
    assert passed.number == 2
    assert db.session.scalar(db.select(ModuleProgress.completed_at)) is not None


def test_partial_credit_is_averaged_over_the_questions(quiz, learner):
    """Score a half-right answer 0.5 and the attempt by the mean of its questions."""
    attempt = start_attempt(learner, quiz, "en", ISSUER)
    form = answer_form(attempt, best=True)
    # Everything right, except "minimum-price", typed as its 50% answer.
    for index, revision in enumerate(attempt_revisions(attempt)):
        if revision.data["en"]["ident"] == "minimum-price":
            form[field_name(index)] = "A BONUS "
    save_form(attempt, [0, 1, 2], form)
    submit_attempt(attempt, ISSUER)
    assert attempt.score == pytest.approx((1 + 1 + 0.5) / 3)
    assert attempt.passed is True  # 83% against the default pass mark of 80%


def test_the_attempt_limit_holds(imported_course, make_quiz, learner):
    """Refuse a new attempt once the learner has used them all."""
    quiz = make_quiz(imported_course.modules[0], max_attempts=2)
    take_quiz(learner, quiz, best=False)
    take_quiz(learner, quiz, best=False)
    with pytest.raises(QuizClosed):
        start_attempt(learner, quiz, "en", ISSUER)
    assert len(attempts_of(learner, quiz)) == 2


def test_a_second_submit_changes_nothing(quiz, learner):
    """Accept a submission once: a double click or an old tab keeps the first grade."""
    attempt = take_quiz(learner, quiz, best=True)
    graded_at, score = attempt.graded_at, attempt.score
    assert submit_attempt(attempt, ISSUER) is False
    with pytest.raises(QuizClosed):
        save_form(attempt, [0, 1, 2], answer_form(attempt, best=False))
    db.session.rollback()
    db.session.refresh(attempt)
    assert (attempt.graded_at, attempt.score) == (graded_at, score)
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 1


def test_a_response_to_a_question_outside_the_attempt_is_refused_and_nothing_is_saved(
    quiz, learner
):
    """Refuse responses naming a revision the attempt does not show, before saving any."""
    attempt = start_attempt(learner, quiz, "en", ISSUER)
    shown = attempt.question_order[0]
    with pytest.raises(RuleError, match="not in this attempt"):
        save_answers(attempt, {shown: "a", max(attempt.question_order) + 1000: "b"})
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAnswer)) == 0


def test_answers_after_the_deadline_are_refused_and_the_attempt_closes(
    imported_course, make_quiz, learner
):
    """Keep the answers saved in time and submit them when the time is up."""
    quiz = make_quiz(imported_course.modules[0], time_limit_minutes=5)
    attempt = start_attempt(learner, quiz, "en", ISSUER)
    save_form(attempt, [0], answer_form(attempt, [0], best=True))
    db.session.commit()
    attempt.deadline -= timedelta(minutes=10)
    db.session.commit()
    with pytest.raises(QuizClosed):
        save_form(attempt, [1, 2], answer_form(attempt, [1, 2], best=True))
    db.session.rollback()
    assert close_if_overdue(attempt, ISSUER) is True
    db.session.commit()
    assert attempt.submitted_at is not None
    assert attempt.score == pytest.approx(1 / 3)
    answered = db.session.scalars(db.select(QuizAnswer).where(QuizAnswer.response.is_not(None)))
    assert len(answered.all()) == 1


def test_parallel_starts_make_one_attempt_within_the_limit(
    app, imported_course, make_quiz, learner
):
    """Let concurrent starts race: the (quiz, learner, number) key leaves one attempt."""
    quiz = make_quiz(imported_course.modules[0], max_attempts=1)
    quiz_id, user_id = quiz.id, learner.id

    def start(_):
        with app.app_context():
            from lms.models import Quiz, User

            attempt = start_attempt(
                db.session.get(User, user_id), db.session.get(Quiz, quiz_id), "en", ISSUER
            )
            db.session.commit()
            return attempt.id

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = set(pool.map(start, range(6)))
    assert len(ids) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 1


def test_parallel_submits_grade_once(app, quiz, learner):
    """Let two tabs submit at once: one grades, the other changes nothing."""
    attempt = take_quiz(learner, quiz, best=True, submit=False)
    attempt_id = attempt.id

    def submit(_):
        with app.app_context():
            row = db.session.get(QuizAttempt, attempt_id)
            accepted = submit_attempt(row, ISSUER)
            db.session.commit()
            return accepted

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(submit, range(4)))
    assert results.count(True) == 1
    db.session.expire_all()
    assert db.session.get(QuizAttempt, attempt_id).score == 1


def test_parallel_saves_after_the_deadline_are_all_refused(
    app, imported_course, make_quiz, learner
):
    """Let several late requests race the closing one: none of them changes an answer."""
    quiz = make_quiz(imported_course.modules[0], time_limit_minutes=1)
    attempt = start_attempt(learner, quiz, "en", ISSUER)
    attempt.deadline -= timedelta(minutes=5)
    db.session.commit()
    attempt_id = attempt.id

    def late(index):
        with app.app_context():
            row = db.session.get(QuizAttempt, attempt_id)
            if index == 0:
                closed = close_if_overdue(row, ISSUER)
                db.session.commit()
                return "closed" if closed else "not closed"
            try:
                save_form(row, [0, 1, 2], answer_form(row, best=True))
            except QuizClosed:
                return "refused"
            db.session.commit()
            return "saved"

    with ThreadPoolExecutor(max_workers=5) as pool:
        results = list(pool.map(late, range(5)))
    assert results == ["closed"] + ["refused"] * 4
    db.session.expire_all()
    closed = db.session.get(QuizAttempt, attempt_id)
    assert closed.submitted_at is not None and closed.score == 0
