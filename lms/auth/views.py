"""Log in and out, sign up, and switch the interface language."""

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import login_user, logout_user

from ..capabilities import LEARN
from ..extensions import db, limiter
from ..forms import action_confirmed, safe_next
from ..i18n import UI_LOCALES
from ..i18n import gettext as _
from ..locale import chosen_locale, remember_locale
from ..permissions import landing_url, lms_user, require
from ..settings import default_region
from .blueprint import bp
from .forms import LoginForm, NewPasswordForm, PasswordChangeForm, ProfileForm, RegisterForm
from .identifiers import IdentifierError, read_login
from .services import (
    authenticate,
    change_password,
    create_account,
    login_regions,
    set_new_password,
)


def _login_limit() -> str:
    return current_app.config["LMS_LOGIN_RATE_LIMIT"]


def _submitted_login() -> str:
    """Key the per-account limit by the account typed, whichever way its number was written."""
    text = request.form.get("login", "")
    try:
        return "login:" + read_login(text, default_region()).value
    except IdentifierError:
        return "login:" + text.strip().lower()


def _failed(response) -> bool:
    # A failed login re-renders the form (200); a success redirects.
    return response.status_code == 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_submitted_login, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    lambda: current_app.config["LMS_LOGIN_IP_RATE_LIMIT"],
    methods=["POST"],
    deduct_when=_failed,
    scope="lms-login-ip",
)
def login():
    """Show the login form; log the user in when the credentials are right."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(
                form.login.data, form.password.data, login_regions(default_region())
            )
        except IdentifierError as error:
            form.login.errors.append(str(error))
            return render_template("lms/auth/login.html", form=form)
        if user is not None:
            user.locale = user.locale or chosen_locale()
            login_user(user)
            target = safe_next(request.args.get("next"), landing_url(user))
            db.session.commit()
            if user.must_change_password:
                return redirect(url_for(".new_password", next=target))
            return redirect(target)
        form.password.errors.append(_("The login or the password is wrong."))
    return render_template("lms/auth/login.html", form=form)


@bp.route("/account/new-password", methods=["GET", "POST"])
@require(LEARN)
def new_password():
    """Make a person who logged in with a starter password choose their own first."""
    user = lms_user()
    target = safe_next(request.args.get("next"), landing_url(user))
    if not user.must_change_password:
        return redirect(target)
    form = NewPasswordForm()
    if form.validate_on_submit():
        set_new_password(user, form.password.data)
        db.session.commit()
        login_user(user)  # the session id changed with the token
        flash(_("Your password is set. Use it from now on."), "success")
        return redirect(target)
    return render_template("lms/auth/new_password.html", form=form)


@bp.post("/logout")
def logout():
    """End the session on this device and invalidate copies of its cookie."""
    user = lms_user()
    response = redirect(url_for("lms.learn.catalog"))
    if user is not None and action_confirmed():
        language = user.locale or chosen_locale()
        user.end_sessions()
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("You have logged out."), "info")
        if language:  # the next visitor on this phone still reads the language chosen
            remember_locale(response, language)
    return response


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Let a producer representative open an account with their SPO's code."""
    if lms_user() is not None:
        return redirect(url_for("lms.learn.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        user = create_account(
            **{form.identifier.kind: form.identifier.value},
            name=form.name.data,
            password=form.password.data,
            organization=form.organization,
            locale=chosen_locale(),
        )
        db.session.commit()
        login_user(user)
        flash(_("Welcome to Producer Academy, %(name)s!", name=user.name), "success")
        return redirect(url_for("lms.learn.catalog"))
    return render_template("lms/auth/register.html", form=form)


def _back(target: str | None):
    """Redirect to ``target`` when it is a page of this site, else to the catalogue."""
    return redirect(safe_next(target, url_for("lms.learn.catalog")))


@bp.get("/language/<locale>")
def choose_language(locale: str):
    """Remember a visitor's language in this browser's cookie: a plain link, no session.

    It changes no account, so it needs no CSRF token; a logged-in user's header posts
    to :func:`set_language` instead, which also saves the choice on the account.
    """
    response = _back(request.args.get("next"))
    return remember_locale(response, locale) if locale in UI_LOCALES else response


@bp.post("/language")
def set_language():
    """Remember the chosen interface language for this browser and this account."""
    locale = request.form.get("locale")
    response = _back(request.form.get("next"))
    if locale in UI_LOCALES and action_confirmed():
        remember_locale(response, locale)
        user = lms_user()
        if user is not None:
            user.locale = locale
            db.session.commit()
    return response


@bp.route("/account", methods=["GET", "POST"])
@require(LEARN)
def account():
    """Let users change their name and language."""
    user = lms_user()
    profile = ProfileForm(obj=user, locale=user.locale or chosen_locale() or "en")
    if profile.validate_on_submit():
        user.name = profile.name.data.strip()
        user.locale = profile.locale.data
        db.session.commit()
        flash(_("Your account is saved."), "success")
        return remember_locale(redirect(url_for(".account")), user.locale)
    return render_template(
        "lms/auth/account.html", profile=profile, password_form=PasswordChangeForm()
    )


@bp.post("/account/password")
@require(LEARN)
def change_own_password():
    """Change the password; other devices are logged out, this one stays in."""
    user = lms_user()
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if change_password(user, form.current.data, form.password.data):
            db.session.commit()
            login_user(user)  # the session id changed with the token
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(url_for(".account"))
        form.current.errors.append(_("This is not your current password."))
    profile = ProfileForm(obj=user)
    return render_template("lms/auth/account.html", profile=profile, password_form=form)
