"""Let trainers set a module's quiz rules, read its answer key and replace its questions.

Replacing questions that learners may already answer asks first: the confirmation
page lists what the new GIFT adds, revises and retires, and which translations
stop matching. The result is then shown at the top of the quiz page.
"""

import re

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from wtforms import SelectChoice

from ..capabilities import RUN_COURSES
from ..content.errors import ContentInvalid
from ..content.gift import dump_gift
from ..content.quiz_files import TRANSLATIONS
from ..extensions import db
from ..forms import confirmation_page, confirmed
from ..i18n import LANGUAGE_NAMES
from ..i18n import gettext as _
from ..locale import content_language
from ..permissions import lms_user, require
from ..quiz.questions import SETTING_NAMES, quiz_to_source
from . import gift_upload, services
from .answer_key import answer_key
from .blueprint import bp
from .course_setup import working_title
from .forms import QuestionsForm, QuizSettingsForm
from .loaders import load_module, load_quiz

# A form built with no form data shows the stored values, not the other form's post.
_UNPOSTED = {"formdata": None}


def _language_choices(default_language: str) -> list[SelectChoice]:
    languages = [default_language] + [code for code in TRANSLATIONS if code != default_language]
    choices = []
    for code in languages:
        name = LANGUAGE_NAMES.get(code, code)
        label = _("%(language)s (default)", language=name) if code == default_language else name
        choices.append(SelectChoice(code, label))
    return choices


def _quiz_page(module, settings_form, questions_form, gift_errors=(), status=200):
    quiz = module.quiz
    default_language = module.course.default_language
    key_language = request.args.get("language", default_language)
    languages = services.quiz_languages(quiz, default_language) if quiz else [default_language]
    if key_language not in languages:
        key_language = default_language
    return (
        render_template(
            "lms/authoring/quiz.html",
            module=module,
            module_title=working_title(module, content_language()),
            course=module.course,
            quiz=quiz,
            settings_form=settings_form,
            questions_form=questions_form,
            gift_errors=list(gift_errors),
            languages=languages,
            key_language=key_language,
            key=answer_key(quiz, key_language, default_language) if quiz else [],
        ),
        status,
    )


@bp.route("/modules/<int:module_id>/quiz", methods=["GET", "POST"])
@require(RUN_COURSES)
def quiz(module_id: int):
    """Show a module's quiz: its settings, its answer key and the form to replace questions."""
    module = load_module(module_id)
    part = request.form.get("part") if request.method == "POST" else None
    settings_form = QuizSettingsForm(obj=module.quiz, **({} if part == "settings" else _UNPOSTED))
    questions_form = QuestionsForm(**({} if part == "questions" else _UNPOSTED))
    questions_form.language.choices = _language_choices(module.course.default_language)
    if request.method == "GET":
        questions_form.language.data = module.course.default_language
    if part not in (None, "settings", "questions") or (part == "settings" and not module.quiz):
        abort(400)
    if part == "settings" and settings_form.validate_on_submit():
        return _save_settings(module, settings_form)
    if part == "questions" and questions_form.validate_on_submit():
        try:
            return _save_questions(module, questions_form)
        except ContentInvalid as invalid:
            db.session.rollback()
            return _quiz_page(module, settings_form, questions_form, map(str, invalid.errors))
    return _quiz_page(module, settings_form, questions_form)


def _save_settings(module, form: QuizSettingsForm):
    values = {name: form[name].data for name in SETTING_NAMES}
    changed = services.update_quiz_settings(module.quiz, lms_user(), **values)
    db.session.commit()
    flash(_("Quiz settings saved.") if changed else _("Nothing changed."), "success")
    return redirect(url_for(".quiz", module_id=module.id))


def _gift_text(form: QuestionsForm, language: str, default_language: str) -> tuple[str, str]:
    """Return the GIFT text the trainer sent, and the name to show in its error messages."""
    upload = form.file.data
    if upload:
        path = (upload.filename or "upload.gift").replace("\\", "/").rsplit("/", 1)[-1][:120]
        return gift_upload.decode_gift(upload.read(), path), path
    suffix = ".gift" if language == default_language else f".{language}.gift"
    return form.text.data, f"pasted{suffix}"


def _save_questions(module, form: QuestionsForm):
    """Replace the questions (or one translation) with the GIFT sent; raise ContentInvalid."""
    user = lms_user()
    default_language = module.course.default_language
    language = form.language.data
    text, path = _gift_text(form, language, default_language)
    if language == default_language:
        plan = gift_upload.plan_questions(module, text, path)
        if module.quiz is not None and module.quiz.active_questions and not confirmed():
            return _confirm_questions(module, plan, text, language)
        result = gift_upload.replace_questions(module, plan, user)
        db.session.commit()
        changes = result.changes
        flash(_summary(changes), "success")
        if result.dropped:
            dropped = ", ".join(
                f"{ident} ({LANGUAGE_NAMES.get(code, code)})" for ident, code in result.dropped
            )
            message = _(
                "These translations no longer matched and were dropped: %(list)s. "
                "Upload the translation again.",
                list=dropped,
            )
            flash(message, "info")
    else:
        quiz = module.quiz
        if quiz is None or not quiz.active_questions:
            form.language.errors.append(_("Add the questions in the default language first."))
            return _quiz_page(module, QuizSettingsForm(obj=quiz, formdata=None), form)
        changes = gift_upload.replace_translation(quiz, language, text, path, user)
        db.session.commit()
        flash(
            _("Translation saved: %(count)s questions changed.", count=len(changes.revised)),
            "success",
        )
    # The form posted to #questions, which a redirect without a fragment would keep,
    # leaving the result out of sight above; the messages are at the top of #content.
    return redirect(url_for(".quiz", module_id=module.id, _anchor="content"))


def _confirm_questions(module, plan, text: str, language: str):
    """Ask before replacing the questions, listing what the new GIFT would change."""
    language_name = LANGUAGE_NAMES.get(language, language)
    return confirmation_page(
        template="lms/authoring/confirm_questions.html",
        title=_("Replace the questions of this quiz?"),
        consequence=_(
            "The questions in %(language)s become those of the GIFT you sent. Attempts "
            "already made keep the version of each question they saw.",
            language=language_name,
        ),
        button=_("Replace the questions"),
        cancel_url=url_for(".quiz", module_id=module.id, _anchor="questions"),
        fields={"part": "questions", "language": language, "text": text},
        plan=plan,
        module=module,
        module_title=working_title(module, content_language()),
        default_language_name=language_name,
    )


def _summary(changes) -> str:
    return _(
        "%(added)s added, %(revised)s revised, %(retired)s retired.",
        added=len(changes.added),
        revised=len(changes.revised),
        retired=len(changes.retired),
    )


@bp.get("/quizzes/<int:quiz_id>/export.gift")
@require(RUN_COURSES)
def export(quiz_id: int):
    """Download the quiz as a GIFT file, in the default language or a translation."""
    quiz = load_quiz(quiz_id)
    default_language = quiz.module.course.default_language
    language = request.args.get("language", default_language)
    source = quiz_to_source(quiz, default_language)
    if language == default_language:
        questions, filename = source.questions, f"{quiz.source_name}.gift"
    elif language in source.translations:
        questions, filename = source.translations[language], f"{quiz.source_name}.{language}.gift"
    else:
        abort(404)
    # Source names are file stems, but a header is no place to trust that.
    filename = re.sub(r"[^A-Za-z0-9._-]", "-", filename)
    response = make_response(dump_gift(questions))
    response.headers["Content-Type"] = "text/plain; charset=utf-8"
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response
