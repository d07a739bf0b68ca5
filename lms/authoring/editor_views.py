"""The module editor: one form per module with both languages, a preview and drafts.

It is a plain form: typing, previewing and saving all work without JavaScript and on a
phone. With JavaScript (``module-editor.js``) the preview follows the typing, rendered
here by the same function that renders what learners read.
"""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for

from ..capabilities import RUN_COURSES
from ..content.markdown import render_markdown
from ..content.word_diff import word_diff
from ..extensions import db
from ..forms import ActionForm, ask_first
from ..i18n import LANGUAGE_NAMES
from ..i18n import gettext as _
from ..models import User
from ..permissions import lms_user, require
from . import drafts, images
from .blueprint import bp
from .course_forms import ModuleForm
from .loaders import load_course_module
from .services import AuthoringError


def _editor(course, module, form, status=200, previews=None, conflict=None, gone=False):
    """Render the editor for ``module`` (None when it is gone) with ``form`` as typed."""
    copy = drafts.working_copy(module, drafts.draft_of(module)) if module is not None else None
    states = drafts.language_states(course.language_list, copy) if copy else []
    differences = {}
    if conflict is not None:
        for code, (_title, theirs) in conflict.current.texts.items():
            mine = form[f"body_{code}"].data if f"body_{code}" in form._fields else ""
            differences[code] = word_diff(theirs, (mine or "").replace("\r\n", "\n"))
    form.image_language.choices = [
        (code, LANGUAGE_NAMES.get(code, code)) for code in course.language_list
    ]
    editor = None
    if copy is not None and copy.updated_by_id:
        editor = db.session.get(User, copy.updated_by_id)
    return (
        render_template(
            "lms/authoring/editor.html",
            course=course,
            module=module,
            form=form,
            languages=course.language_list,
            states={state.language: state for state in states},
            copy=copy,
            editor=editor,
            previews=previews or {},
            conflict=conflict,
            differences=differences,
            gone=gone,
            action_form=ActionForm(),
        ),
        status,
    )


@bp.route("/courses/<slug>/modules/<int:module_id>/edit", methods=["GET", "POST"])
@require(RUN_COURSES)
def edit_module(slug: str, module_id: int):
    """Show the module's draft (or published text) in the editor; save or preview it."""
    course, module = load_course_module(slug, module_id)
    if request.method == "GET":
        if module is None:
            abort(404)
        form = ModuleForm(formdata=None)
        form.fill(drafts.working_copy(module, drafts.draft_of(module)))
        return _editor(course, module, form)
    form = ModuleForm()
    valid = form.validate_on_submit()
    if form.csrf_token.errors:
        return _editor(course, module, form, status=422)
    if module is None or not drafts.is_editable(module):
        return _editor(course, module, form, status=409, gone=True)
    if request.form.get("action") == "upload":
        return _insert_picture(course, module, form)
    if not valid:
        return _editor(course, module, form, status=422)
    data = form.module_input(course.language_list)
    if request.form.get("action") == "preview":
        previews = {code: render_markdown(body) for code, (_title, body) in data.texts.items()}
        return _editor(course, module, form, previews=previews)
    try:
        drafts.save_draft(module, lms_user(), data)
    except drafts.DraftConflict as conflict:
        db.session.rollback()
        # Saving again means choosing this text over theirs, knowingly.
        form.version.data = str(conflict.current.version)
        return _editor(course, module, form, status=409, conflict=conflict)
    except drafts.ModuleGone:
        db.session.rollback()
        return _editor(course, module, form, status=409, gone=True)
    except AuthoringError as error:
        db.session.rollback()
        target = form[error.field] if error.field in form._fields else form.minutes
        target.errors = [*target.errors, str(error)]
        return _editor(course, module, form, status=422)
    db.session.commit()
    flash(_("Draft saved. Learners see it once you publish the course."), "success")
    return redirect(url_for(".edit_module", slug=slug, module_id=module.id))


def _insert_picture(course, module, form):
    """Store the picture the form carries and add its Markdown to the chosen text.

    Like the preview, this keeps everything the trainer typed and saves no draft: the
    picture is at the end of the text, shown in the preview, until they save.
    """
    language = form.image_language.data
    if language not in course.language_list:
        language = course.default_language
    upload = form.image.data
    try:
        alt = images.check_alt(form.image_alt.data or "")
        data = _read(upload)
        image = images.store_image(course, lms_user(), data)
    except AuthoringError as error:
        db.session.rollback()
        form[error.field].errors = [*form[error.field].errors, str(error)]
        return _editor(course, module, form, status=422)
    db.session.commit()
    body = form[f"body_{language}"]
    body.data = f"{(body.data or '').rstrip()}\n\n{images.image_markdown(alt, image.name)}\n"
    form.image_alt.data = ""
    flash(
        _(
            "The picture is at the end of the %(language)s text. Move its line to where it "
            "belongs, then save the draft.",
            language=LANGUAGE_NAMES.get(language, language),
        ),
        "success",
    )
    return _editor(course, module, form, previews={language: render_markdown(body.data)})


def _read(upload) -> bytes:
    """Return at most one byte more than a picture may have, and let the upload go."""
    if not upload:
        return b""
    try:
        return upload.read(images.MAX_IMAGE_BYTES + 1)
    finally:
        upload.close()


@bp.post("/courses/<slug>/modules/<int:module_id>/preview")
@require(RUN_COURSES)
def preview_module(slug: str, module_id: int):
    """Return the HTML learners would see for the Markdown posted, for the live preview."""
    course, module = load_course_module(slug, module_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    body = request.form.get("body", "")
    if len(body.encode("utf-8")) > drafts.MAX_BODY_BYTES:
        return jsonify(error=_("The text is over 200 KB. Split it into two modules.")), 413
    return jsonify(html=render_markdown(body))


@bp.post("/courses/<slug>/modules/<int:module_id>/discard")
@require(RUN_COURSES)
def discard_draft(slug: str, module_id: int):
    """Throw away a module's draft, back to its published text; ask first."""
    course, module = load_course_module(slug, module_id)
    if module is None:
        abort(404)
    back = url_for(".edit_module", slug=slug, module_id=module_id)
    asked = ask_first(
        back,
        title=_("Throw away this draft?"),
        consequence=_(
            "The changes not yet published are lost; the module goes back to what learners read."
        ),
        button=_("Throw the draft away"),
    )
    if asked:
        return asked
    if module.pending == "add":
        flash(_("A new module has only its draft: take it out of the course instead."), "error")
        return redirect(back)
    drafts.discard_draft(module, lms_user())
    db.session.commit()
    flash(_("The draft is gone; the module is as learners read it."), "success")
    return redirect(back)
