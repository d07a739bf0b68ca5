"""Show admins the audit log: who changed content, published, or changed roles, and when.

The filters are a GET form, so any view of the log is a link to bookmark or send. The
page reads its events in one statement (``audit_log.audit_page``) and says what each
did with ``audit_sentences.describe``.
"""

from zoneinfo import ZoneInfo

from flask import render_template, request
from flask_babel import get_timezone
from wtforms import SelectChoice

from ..capabilities import VIEW_AUDIT_LOG
from ..i18n import gettext as _
from ..locale import content_language
from ..permissions import require
from . import audit_log
from .audit_sentences import TARGET_KINDS, describe
from .blueprint import bp
from .forms import AuditFilterForm

# What the page keeps from the query string when it links to another page of the log.
FILTER_NAMES = ("person", "course", "kind", "date_from", "date_to")


@bp.get("/audit")
@require(VIEW_AUDIT_LOG)
def audit():
    """List audit events, newest first, a page at a time; bad filters answer 422."""
    language = content_language()
    form = AuditFilterForm(request.args)
    form.course.choices = [SelectChoice("", _("All courses"))] + [
        SelectChoice(str(course_id), title)
        for course_id, title in audit_log.course_choices(language)
    ]
    kept = {name: request.args[name] for name in FILTER_NAMES if request.args.get(name)}
    if not form.validate():
        return render_template("lms/admin/audit.html", form=form, page=None, kept=kept), 422
    page = audit_log.audit_page(
        form.filters(),
        language,
        ZoneInfo(str(get_timezone())),  # Flask-Babel's is a pytz zone
        before=request.args.get("before", type=int),
        after=request.args.get("after", type=int),
    )
    return render_template(
        "lms/admin/audit.html",
        form=form,
        page=page,
        kept=kept,
        describe=describe,
        target_kinds=TARGET_KINDS,
    )
