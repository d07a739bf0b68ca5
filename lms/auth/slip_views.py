"""Answer with login slips as a PDF download, and print one for a single reset."""

from flask import current_app, flash, redirect, request, url_for

from ..capabilities import RESET_PASSWORDS
from ..certificates.fonts import find_cjk_font
from ..forms import action_confirmed, safe_next
from ..i18n import gettext as _
from ..permissions import require
from ..settings import certificate_font
from .blueprint import bp
from .reset_views import load_resettable_person
from .resets import slip_of
from .services import holds_starter_password
from .slips import Slip, slips_pdf


def slips_response(slips: list[Slip], filename: str):
    """Return the slips as one PDF to download, never cached (passwords are on it).

    Raises :class:`~lms.certificates.fonts.FontMissing` when no CJK font is installed.
    """
    response = current_app.make_response(slips_pdf(slips, find_cjk_font(certificate_font())))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/people/<int:user_id>/password-slip")
@require(RESET_PASSWORDS)
def password_slip(user_id: int):
    """Print the one-time password just given to a person as a slip.

    The password comes back from the page that showed it; it is printed only if it is
    still that person's starter password, so nothing else can be put on a slip.
    """
    person = load_resettable_person(user_id)
    password = request.form.get("password", "")
    back = safe_next(request.form.get("back"), url_for("lms.learn.catalog"))
    if not action_confirmed():
        return redirect(back)
    if not holds_starter_password(person, password):
        flash(_("This one-time password is no longer valid: make a new one."), "error")
        return redirect(back)
    slip = slip_of(person, password, url_for("lms.auth.login", _external=True))
    return slips_response([slip], f"login-slip-{person.id}.pdf")
