"""Let trainers follow their courses: attempts, essays to mark, learners and completion.

Everything here is for someone who runs the course (or an admin): the loaders
answer 403 to anyone else.
"""

from flask import abort, flash, redirect, render_template, request, url_for

from ..authoring.course_setup import working_title
from ..capabilities import RUN_COURSES
from ..certificates.services import earns_certificate
from ..extensions import db
from ..forms import ActionForm, action_confirmed, confirmation_page, confirmed, safe_next
from ..i18n import gettext as _
from ..i18n import ngettext
from ..learn.services import active_modules, course_progress, progress_by_module
from ..locale import content_language
from ..permissions import lms_user, require
from ..quiz.services import awaiting_marking
from ..settings import issuer_name
from . import completion, marking
from .blueprint import bp
from .forms import MarkForm
from .loaders import load_answer, load_attempt, load_course, load_enrolled_learner, load_quiz

PER_PAGE = 50


def mark_form(answer, formdata: bool = False) -> MarkForm:
    """Return the marking form of one essay, its element ids unique among many on a page."""
    form = MarkForm() if formdata else MarkForm(formdata=None)
    for field in (form.score, form.comment):
        field.id = f"a{answer.id}-{field.name}"
        field.label.field_id = field.id
    return form


@bp.get("/quizzes/<int:quiz_id>/attempts")
@require(RUN_COURSES)
def attempts(quiz_id: int):
    """List the attempts at a quiz, newest first, 50 to a page."""
    quiz = load_quiz(quiz_id)
    page = db.paginate(marking.quiz_attempts(quiz), per_page=PER_PAGE, error_out=False)
    return render_template(
        "lms/teaching/attempts.html",
        quiz=quiz,
        module=quiz.module,
        module_title=working_title(quiz.module, content_language()),
        course=quiz.module.course,
        page=page,
        awaiting_marking=awaiting_marking,
    )


@bp.get("/attempts/<int:attempt_id>")
@require(RUN_COURSES)
def attempt(attempt_id: int):
    """Show one attempt: every question, the learner's response and its score."""
    attempt = load_attempt(attempt_id)
    questions = marking.review_attempt(attempt)
    forms = {
        item.answer.id: mark_form(item.answer)
        for item in questions
        if item.answer is not None and marking.awaits_mark(item.answer)
    }
    return render_template(
        "lms/teaching/attempt.html",
        attempt=attempt,
        quiz=attempt.quiz,
        module=attempt.quiz.module,
        course=attempt.quiz.module.course,
        questions=questions,
        forms=forms,
        awaiting=awaiting_marking(attempt),
    )


def _queue_page(failed=None):
    user = lms_user()
    page = db.paginate(marking.marking_queue(user), per_page=PER_PAGE, error_out=False)
    answers = list(page.items)
    forms = {answer.id: mark_form(answer) for answer in answers}
    if failed is not None:
        answer, form = failed
        if answer.id not in forms:
            answers.insert(0, answer)
        forms[answer.id] = form
    return render_template(
        "lms/teaching/marking.html",
        page=page,
        answers=answers,
        forms=forms,
        essay_data=marking.essay_data,
        essay_text=marking.essay_text,
    )


@bp.get("/marking")
@require(RUN_COURSES)
def marking_queue():
    """List the essays waiting for a mark in the courses the trainer runs, oldest first."""
    return _queue_page()


@bp.post("/answers/<int:answer_id>/mark")
@require(RUN_COURSES)
def mark(answer_id: int):
    """Record a trainer's score and comment for one essay."""
    answer = load_answer(answer_id)
    back = safe_next(request.form.get("next"), url_for(".marking_queue"))
    if not marking.awaits_mark(answer):
        flash(_("This answer is not an essay waiting for a mark, so nothing was changed."), "error")
        return redirect(back)
    form = mark_form(answer, formdata=True)
    if not form.validate_on_submit():
        return _queue_page(failed=(answer, form))
    try:
        finished = marking.mark_essay(
            answer, form.score.data, form.comment.data or "", lms_user(), issuer_name()
        )
    except marking.MarkingRefused:
        db.session.rollback()
        flash(_("Someone marked this essay already, so nothing was changed."), "error")
        return redirect(back)
    db.session.commit()
    if finished:
        flash(_("Essay marked. The attempt is now fully graded."), "success")
    else:
        flash(_("Essay marked."), "success")
    return redirect(back)


@bp.get("/courses/<slug>/learners")
@require(RUN_COURSES)
def learners(slug: str):
    """List the course's learners: modules done, completion date and certificate."""
    course = load_course(slug)
    required = sum(1 for module in active_modules(course) if module.required)
    return render_template(
        "lms/teaching/learners.html",
        course=course,
        rows=completion.course_learners(course),
        required=required,
    )


@bp.get("/courses/<slug>/learners/<int:user_id>")
@require(RUN_COURSES)
def learner(slug: str, user_id: int):
    """Show one learner's modules, with buttons to record them as completed."""
    course = load_course(slug)
    user = load_enrolled_learner(course, user_id)
    return render_template(
        "lms/teaching/learner.html",
        course=course,
        learner=user,
        modules=active_modules(course),
        rows=progress_by_module(user, course),
        progress=course_progress(user, course),
        action_form=ActionForm(),
    )


@bp.post("/courses/<slug>/learners/<int:user_id>/complete")
@require(RUN_COURSES)
def complete_for_learner(slug: str, user_id: int):
    """Record one module (``module=<id>``) or every module left (``module=all``) as done.

    Whatever completes the course (the whole course, or its last module left) issues the
    certificate, so that asks first.
    """
    course = load_course(slug)
    user = load_enrolled_learner(course, user_id)
    back_url = url_for(".learner", slug=slug, user_id=user_id)
    back = redirect(back_url)
    if not action_confirmed():
        return back
    left = completion.modules_left(user, course)
    choice = request.form.get("module", "")
    if choice == "all":
        if not left:
            return back
        if not confirmed():
            return _confirm_whole_course(course, user, left, back_url)
        modules = left
    else:
        modules = [module for module in left if str(module.id) == choice]
        if not modules:
            abort(400)
        if modules == left and not confirmed():
            return _confirm_whole_course(course, user, left, back_url, choice)
    completion.complete_for(user, modules, lms_user(), issuer_name())
    db.session.commit()
    message = ngettext(
        "Recorded as completed for %(name)s: %(num)s module.",
        "Recorded as completed for %(name)s: %(num)s modules.",
        len(modules),
        name=user.name,
    )
    flash(message, "success")
    return back


def _confirm_whole_course(course, user, left, back_url, choice="all"):
    """Ask before recording the modules left, which completes the course and certifies.

    ``choice`` is what the button posted: ``all``, or the id of the last module left.
    """
    steps = ngettext(
        "%(num)s module left is recorded as completed on your word, and the course is then "
        "complete.",
        "%(num)s modules left are recorded as completed on your word, and the course is then "
        "complete.",
        len(left),
    )
    if earns_certificate(user, course):
        certificate = _(
            "%(name)s is issued the course certificate at once. Only an admin can revoke "
            "a certificate.",
            name=user.name,
        )
        button = _("Record as completed and issue the certificate")
    else:
        certificate = _("This course issues no certificate.")
        button = _("Record as completed")
    if choice == "all":
        title = _("Record the whole course as completed for %(name)s?", name=user.name)
    else:
        title = _("Record the last module left as completed for %(name)s?", name=user.name)
    return confirmation_page(
        title=title,
        consequence=[steps, certificate],
        button=button,
        cancel_url=back_url,
        fields={"module": choice},
    )
