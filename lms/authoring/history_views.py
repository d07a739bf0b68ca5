"""A module's history for its trainers: every revision, the difference between two, restore.

Comparing is a GET form (two revision numbers in the URL), so a difference can be
bookmarked and sent; restoring posts, and asks first when it would replace a draft.
"""

from flask import abort, flash, redirect, render_template, request, url_for

from ..capabilities import RUN_COURSES
from ..extensions import db
from ..forms import ActionForm, action_confirmed, ask_first
from ..i18n import gettext as _
from ..locale import content_language
from ..permissions import lms_user, require
from . import history
from .blueprint import bp
from .course_setup import working_titles
from .drafts import DraftConflict, ModuleGone, draft_of, working_copy
from .loaders import load_course_module
from .services import AuthoringError


def _load(slug: str, module_id: int):
    """Return the course the trainer runs and its module, with the module's coming title."""
    course, module = load_course_module(slug, module_id)
    if module is None:
        abort(404)
    title = working_titles([module], content_language(), course.default_language)[module.id]
    return course, module, title


def _number(name: str, default: int) -> int | None:
    """Return the revision number in query argument ``name``; None when it is not one."""
    value = request.args.get(name, "")
    if not value:
        return default
    return int(value) if value.isdigit() else None


@bp.get("/courses/<slug>/modules/<int:module_id>/history")
@require(RUN_COURSES)
def module_history(slug: str, module_id: int):
    """List the module's revisions with who published them, when and why."""
    course, module, title = _load(slug, module_id)
    revisions = history.revisions(module)
    copy = working_copy(module, draft_of(module))
    return render_template(
        "lms/authoring/history.html",
        course=course,
        module=module,
        module_title=title,
        revisions=revisions,
        version=copy.version,
        action_form=ActionForm(),
    )


@bp.get("/courses/<slug>/modules/<int:module_id>/compare")
@require(RUN_COURSES)
def compare_revisions(slug: str, module_id: int):
    """Show, word by word and per language, how two revisions of the module differ."""
    course, module, title = _load(slug, module_id)
    revisions = history.revisions(module)
    if not revisions:
        abort(404)
    newest = revisions[0].number
    numbers = (_number("from", max(newest - 1, 1)), _number("to", newest))
    try:
        if None in numbers:
            raise AuthoringError("revision", _("Choose two revisions by their numbers."))
        older, newer = (history.find_revision(revisions, n) for n in sorted(numbers))
    except AuthoringError as error:
        flash(str(error), "error")
        return redirect(url_for(".module_history", slug=slug, module_id=module_id))
    return render_template(
        "lms/authoring/compare.html",
        course=course,
        module=module,
        module_title=title,
        revisions=revisions,
        older=older,
        newer=newer,
        diffs=history.compare(older, newer, course.language_list),
    )


@bp.post("/courses/<slug>/modules/<int:module_id>/revisions/<int:number>/restore")
@require(RUN_COURSES)
def restore_revision(slug: str, module_id: int, number: int):
    """Make an old revision the module's draft, replacing any draft after asking."""
    course, module, _title = _load(slug, module_id)
    back = url_for(".module_history", slug=slug, module_id=module_id)
    revisions = history.revisions(module)
    try:
        revision = history.find_revision(revisions, number)
    except AuthoringError:
        abort(404)
    version = request.form.get("version", "")
    if draft_of(module) is not None:
        asked = ask_first(
            back,
            title=_("Restore revision %(number)s?", number=number),
            consequence=_(
                "The draft not yet published is replaced by the text of revision "
                "%(number)s. Learners see it once you publish the course.",
                number=number,
            ),
            button=_("Replace the draft"),
            fields={"version": version},
        )
        if asked:
            return asked
    elif not action_confirmed():
        return redirect(back)
    editor = url_for(".edit_module", slug=slug, module_id=module_id)
    try:
        saved = history.restore(
            module,
            revision,
            lms_user(),
            int(version) if version.isdigit() else -1,
            course.language_list,
        )
    except (DraftConflict, ModuleGone):
        db.session.rollback()
        flash(_("The module changed while you were looking at its history. Look again."), "error")
        return redirect(back)
    if saved is None:
        flash(_("Revision %(number)s is what learners read now.", number=number))
        return redirect(back)
    db.session.commit()
    flash(
        _(
            "Revision %(number)s is now the draft. Check it, then publish the course.",
            number=number,
        ),
        "success",
    )
    return redirect(editor)
