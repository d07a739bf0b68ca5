"""Hold form pieces shared by several areas."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange

from .i18n import gettext as _
from .i18n import lazy_gettext as _l


class ActionForm(FlaskForm):
    """A form with no fields: a button that changes something, protected by CSRF."""


def action_confirmed() -> bool:
    """Check the CSRF token of a button's form; say so when it failed.

    A page left open for long, or opened before logging in again, posts a token
    that is no longer valid; the learner must learn why nothing happened.
    """
    if ActionForm().validate_on_submit():
        return True
    flash(_("This page had expired, so nothing was changed. Please try again."), "error")
    return False


def confirmed() -> bool:
    """Tell whether a destructive button's post comes from its confirmation page.

    The first press of such a button shows :func:`confirmation_page`, which posts the
    same form again with ``confirmed=1``; only that second post may change anything.
    """
    return request.form.get("confirmed") == "1"


def confirmation_page(
    *,
    title: str,
    consequence: str | list[str],
    button: str,
    cancel_url: str,
    fields: dict[str, str] | None = None,
    template: str = "lms/confirm.html",
    **context,
):
    """Return the page that asks before a destructive action, saying what will happen.

    ``consequence`` is one paragraph, or a list of them. The Confirm button posts
    ``fields`` back to the current URL with ``confirmed=1`` and a CSRF token; Cancel
    is a link to ``cancel_url``. A page with more to show
    extends ``lms/confirm.html`` and passes its own ``template`` and ``context``.
    """
    return render_template(
        template,
        title=title,
        consequence=consequence,
        button=button,
        cancel_url=cancel_url,
        action=request.path,
        fields=fields or {},
        **context,
    )


def ask_first(cancel_url: str, **page):
    """Return what a destructive button's post answers before acting, or None to act.

    A post with a stale CSRF token goes back to ``cancel_url`` (saying so); the first
    press gets the confirmation page (``page`` as for :func:`confirmation_page`); only
    the confirmed post returns None, and the view then does what it said.
    """
    if not action_confirmed():
        return redirect(cancel_url)
    if not confirmed():
        return confirmation_page(cancel_url=cancel_url, **page)
    return None


def safe_next(target: str | None, default: str) -> str:
    """Return ``target`` if it is a path on this site, else ``default`` (no open redirect)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


def email_rules() -> list:
    """Return the validators of an e-mail field that creates an account."""
    return [
        DataRequired(),
        Length(max=254),
        Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
    ]


class PasteOrUploadForm(FlaskForm):
    """A form that takes one text, pasted into ``text`` or uploaded as ``file``, not both.

    Subclasses declare the two fields and the messages below.
    """

    both_message = _l("Paste the text or upload a file, not both.")
    neither_message = _l("Paste the text here, or choose a file below.")

    def validate(self, extra_validators=None) -> bool:
        """Accept exactly one of the pasted text and the file."""
        if not super().validate(extra_validators):
            return False
        has_text = bool((self.text.data or "").strip())
        if has_text and self.file.data:
            self.file.errors.append(self.both_message)
            return False
        if not has_text and not self.file.data:
            self.text.errors.append(self.neither_message)
            return False
        return True


def percent_field(label, message) -> IntegerField:
    """Return a required whole-percent field (0 to 100) that says ``message`` when wrong."""
    return IntegerField(label, validators=[InputRequired(message), NumberRange(0, 100, message)])
