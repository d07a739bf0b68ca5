"""Reset passwords: staff give a person a one-time password; a person with e-mail asks a link."""

from smtplib import SMTPException

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale

from ..capabilities import RESET_PASSWORDS, can_reset_password
from ..extensions import db, limiter
from ..forms import ask_first, safe_next
from ..i18n import gettext as _
from ..locale import chosen_locale
from ..models import User
from ..permissions import landing_url, lms_user, require
from ..settings import mail_configured, mail_connection_settings, mail_sender
from . import resets
from .blueprint import bp
from .forms import ForgotPasswordForm, NewPasswordForm
from .identifiers import normalize_email
from .mail import send_mail


def _ip_limit() -> str:
    return current_app.config["LMS_LOGIN_IP_RATE_LIMIT"]


def _per_address_limit() -> str:
    return current_app.config["LMS_LOGIN_RATE_LIMIT"]


def _asked_address() -> str:
    """Key the per-address limit by the address asked for, however its case is written."""
    return "forgot:" + normalize_email(request.form.get("email", ""))


def load_resettable_person(user_id: int) -> User:
    """Return the account ``user_id`` if the current user may reset its password, else 404."""
    person = db.session.get(User, user_id)
    if person is None or not can_reset_password(lms_user(), person):
        abort(404)
    return person


@bp.post("/people/<int:user_id>/password-reset")
@require(RESET_PASSWORDS)
def reset_password(user_id: int):
    """Give a member a new one-time password, shown once; ask first."""
    person = load_resettable_person(user_id)
    back = safe_next(request.form.get("back"), landing_url(lms_user()))
    asked = ask_first(
        back,
        title=_("Give %(name)s a new password?", name=person.name),
        consequence=[
            _(
                "Their current password stops working at once, and they are logged out "
                "on every phone and computer."
            ),
            _(
                "You will see a one-time password once: give it to them. They must "
                "choose their own when they next log in."
            ),
        ],
        button=_("Make a new password"),
        fields={"back": back},
    )
    if asked:
        return asked
    password = resets.reset_password(lms_user(), person)
    db.session.commit()
    response = current_app.make_response(
        render_template("lms/auth/password_given.html", person=person, password=password, back=back)
    )
    response.headers["Cache-Control"] = "no-store"  # a password is on this page
    return response


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_ip_limit, methods=["POST"], scope="lms-password-forgot")
@limiter.limit(_per_address_limit, key_func=_asked_address, methods=["POST"])
def forgot_password():
    """Send a reset link to an account's e-mail; answer the same whether it exists or not."""
    form = ForgotPasswordForm() if mail_configured() else None
    if form is not None and form.validate_on_submit():
        person = resets.account_for_reset(form.email.data)
        if person is not None:
            token = resets.reset_token(person, current_app.secret_key)
            link = url_for(".reset_with_link", token=token, _external=True)
            try:
                _mail_reset_link(person, link, person.locale or chosen_locale() or "en")
            except (OSError, SMTPException):
                # The answer must not differ for a known address: the failure is logged.
                current_app.logger.exception("could not send a password-reset link")
        return render_template("lms/auth/reset_sent.html")
    return render_template("lms/auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_with_link(token: str):
    """Let the owner of a reset link choose a new password, once, within the hour."""
    try:
        person = resets.user_for_reset_token(token, current_app.secret_key)
    except resets.ResetLinkError as error:
        return render_template("lms/auth/reset_failed.html", message=str(error)), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        resets.reset_by_link(person, form.password.data)
        db.session.commit()
        flash(_("Your new password is set. Log in with it."), "success")
        return redirect(url_for(".login"))
    return render_template("lms/auth/reset_with_link.html", form=form, person=person)


def _mail_reset_link(person: User, link: str, language: str) -> None:
    """Mail ``person`` the link, written in their language."""
    with force_locale(language):
        subject = _("Choose a new password for Producer Academy")
        body = render_template("lms/auth/reset_mail.txt", user=person, link=link)
    send_mail(mail_connection_settings(), mail_sender(), person.email, subject, body)
