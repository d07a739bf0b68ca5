"""Let a learner take a module's quiz: overview, pages of questions, submit, result.

Every answer is saved on the server as the learner moves between pages, so a
dropped connection or a closed tab loses nothing: the attempt resumes where it
was. Attempts are shown only to the learner who owns them (404 for anyone else).
"""

from flask import flash, redirect, render_template, request, url_for

from ..capabilities import LEARN
from ..extensions import db
from ..forms import ActionForm, action_confirmed
from ..i18n import gettext as _
from ..learn import services as learn
from ..learn.loaders import load_course_outline
from ..locale import content_language
from ..models import QuizAttempt, utcnow
from ..permissions import lms_user, require
from ..settings import issuer_name
from . import services as service
from .blueprint import bp
from .forms import read_responses
from .loaders import load_own_attempt, load_quiz
from .pages import page_count, page_indexes, question_pages, result_pages


def _minutes_left(attempt: QuizAttempt) -> int | None:
    if attempt.deadline is None:
        return None
    return max(int((attempt.deadline - utcnow()).total_seconds() // 60), 0)


@bp.get("/courses/<slug>/modules/<module_slug>/quiz")
@require(LEARN)
def overview(slug: str, module_slug: str):
    """Show the quiz's rules, the learner's attempts so far, and start or resume."""
    course, module, quiz = load_quiz(slug, module_slug)
    user = lms_user()
    if learn.enrolment_for(user, course) is None:
        flash(_("Enrol in the course to read its modules."), "info")
        return redirect(url_for("lms.learn.course", slug=slug))
    attempts = service.attempts_of(user, quiz)
    if any(service.close_if_overdue(attempt, issuer_name()) for attempt in attempts):
        db.session.commit()
    return render_template(
        "lms/quiz/overview.html",
        course=course,
        module=module,
        quiz=quiz,
        attempts=attempts,
        open_attempt=next((a for a in attempts if a.is_open), None),
        left=service.attempts_left(quiz, attempts),
        passed=any(attempt.passed for attempt in attempts),
        form=ActionForm(),
    )


@bp.post("/courses/<slug>/modules/<module_slug>/quiz/start")
@require(LEARN)
def start(slug: str, module_slug: str):
    """Start the next attempt, or resume the open one (two clicks give one attempt)."""
    course, _module, quiz = load_quiz(slug, module_slug)
    user = lms_user()
    if learn.enrolment_for(user, course) is None or not action_confirmed():
        return redirect(url_for(".overview", slug=slug, module_slug=module_slug))
    try:
        attempt = service.start_attempt(user, quiz, content_language(), issuer_name())
    except service.QuizClosed:
        db.session.rollback()
        flash(_("You have no attempts left at this quiz."), "error")
        return redirect(url_for(".overview", slug=slug, module_slug=module_slug))
    db.session.commit()
    return redirect(url_for(".take", attempt_id=attempt.id))


def _page_arg(attempt: QuizAttempt, value) -> int:
    try:
        page = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(page, 1), page_count(attempt))


def _closed_redirect(attempt: QuizAttempt):
    """Send a learner whose attempt has closed to its result."""
    flash(_("This attempt is already closed; your answers were not changed."), "info")
    return redirect(url_for(".result", attempt_id=attempt.id))


@bp.get("/quiz/attempts/<int:attempt_id>")
@require(LEARN)
def take(attempt_id: int):
    """Show one page of an open attempt with the answers saved so far."""
    attempt, module_title = load_own_attempt(attempt_id)
    if service.close_if_overdue(attempt, issuer_name()):
        db.session.commit()
        flash(_("Time is up: your saved answers were submitted."), "info")
    if not attempt.is_open:
        return redirect(url_for(".result", attempt_id=attempt.id))
    page = _page_arg(attempt, request.args.get("page"))
    return render_template(
        "lms/quiz/take.html",
        attempt=attempt,
        quiz=attempt.quiz,
        module=attempt.quiz.module,
        module_title=module_title,
        questions=question_pages(attempt, page_indexes(attempt, page)),
        page=page,
        pages=page_count(attempt),
        minutes_left=_minutes_left(attempt),
        form=ActionForm(),
    )


@bp.post("/quiz/attempts/<int:attempt_id>")
@require(LEARN)
def save(attempt_id: int):
    """Save the answers on one page, then go where the learner asked (or stay, for a script)."""
    attempt, _title = load_own_attempt(attempt_id)
    page = _page_arg(attempt, request.form.get("page"))
    target = request.form.get("go", "next")
    # "stay" is the page's script saving in the background: it wants a status, not a page.
    background = target == "stay"
    if background and not ActionForm().validate_on_submit():
        return "", 400
    if not background and not action_confirmed():
        return redirect(url_for(".take", attempt_id=attempt.id, page=page))
    revisions = service.attempt_revisions(attempt)
    responses = read_responses(attempt, revisions, page_indexes(attempt, page), request.form)
    try:
        service.save_answers(attempt, responses)
    except service.QuizClosed:
        db.session.rollback()
        if service.close_if_overdue(attempt, issuer_name()):
            db.session.commit()
        return ("", 409) if background else _closed_redirect(attempt)
    db.session.commit()
    if background:
        return "", 204
    if target == "summary" or (target == "next" and page >= page_count(attempt)):
        return redirect(url_for(".summary", attempt_id=attempt.id))
    if target == "previous":
        page -= 1
    elif target == "next":
        page += 1
    return redirect(url_for(".take", attempt_id=attempt.id, page=_page_arg(attempt, page)))


@bp.get("/quiz/attempts/<int:attempt_id>/summary")
@require(LEARN)
def summary(attempt_id: int):
    """List which questions are answered and offer to submit."""
    attempt, module_title = load_own_attempt(attempt_id)
    if service.close_if_overdue(attempt, issuer_name()):
        db.session.commit()
    if not attempt.is_open:
        return redirect(url_for(".result", attempt_id=attempt.id))
    return render_template(
        "lms/quiz/summary.html",
        attempt=attempt,
        quiz=attempt.quiz,
        module=attempt.quiz.module,
        module_title=module_title,
        questions=question_pages(attempt),
        minutes_left=_minutes_left(attempt),
        form=ActionForm(),
    )


@bp.post("/quiz/attempts/<int:attempt_id>/submit")
@require(LEARN)
def submit(attempt_id: int):
    """Submit the attempt once; a second click or an old tab changes nothing."""
    attempt, _title = load_own_attempt(attempt_id)
    if not action_confirmed():
        return redirect(url_for(".summary", attempt_id=attempt.id))
    if not service.submit_attempt(attempt, issuer_name()):
        db.session.rollback()
        return _closed_redirect(attempt)
    db.session.commit()
    return redirect(url_for(".result", attempt_id=attempt.id))


@bp.get("/quiz/attempts/<int:attempt_id>/result")
@require(LEARN)
def result(attempt_id: int):
    """Show the score, whether it passed, attempts left and the allowed feedback."""
    attempt, module_title = load_own_attempt(attempt_id)
    if attempt.is_open:
        return redirect(url_for(".take", attempt_id=attempt.id))
    quiz = attempt.quiz
    user = lms_user()
    attempts = service.attempts_of(user, quiz)
    outline = load_course_outline(quiz.module.course.slug, user)
    return render_template(
        "lms/quiz/result.html",
        attempt=attempt,
        quiz=quiz,
        module=quiz.module,
        module_title=module_title,
        course=quiz.module.course,
        questions=result_pages(attempt),
        waiting=service.awaiting_marking(attempt),
        left=service.attempts_left(quiz, attempts),
        passed_before=any(a.passed for a in attempts if a.id != attempt.id),
        outline=outline,
        following=outline.after(quiz.module.slug),
        form=ActionForm(),
    )
