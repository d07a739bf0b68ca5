"""Log in and out, sign up, and switch the interface language."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import login_user, logout_user

from ..extensions import db, limiter
from ..forms import ActionForm, safe_next
from ..i18n import SESSION_KEY, UI_LOCALES
from ..i18n import gettext as _
from ..permissions import lms_user
from .forms import LoginForm, RegisterForm
from .services import authenticate, create_account, normalize_email

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LMS_LOGIN_RATE_LIMIT"]


def _submitted_email() -> str:
    return "login:" + normalize_email(request.form.get("email", ""))


def _failed(response) -> bool:
    # A failed login re-renders the form (200); a success redirects.
    return response.status_code == 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_submitted_email, methods=["POST"], deduct_when=_failed)
@limiter.limit(
    lambda: "30 per 15 minutes",
    methods=["POST"],
    deduct_when=_failed,
    scope="lms-login-ip",
)
def login():
    """Show the login form; log the user in when the credentials are right."""
    form = LoginForm()
    target = safe_next(request.args.get("next"), url_for("lms.learn.dashboard"))
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            user.locale = user.locale or session.get(SESSION_KEY)
            login_user(user)
            db.session.commit()
            return redirect(target)
        form.password.errors.append(_("The e-mail or the password is wrong."))
    return render_template("lms/auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """End the session on this device and invalidate copies of its cookie."""
    form = ActionForm()
    user = lms_user()
    if form.validate_on_submit() and user is not None:
        user.end_sessions()
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("You have logged out."), "info")
    return redirect(url_for("lms.learn.catalog"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Let a producer representative open an account with their SPO's code."""
    if lms_user() is not None:
        return redirect(url_for("lms.learn.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        user = create_account(
            email=form.email.data,
            name=form.name.data,
            password=form.password.data,
            organization=form.organization,
            locale=session.get(SESSION_KEY),
        )
        db.session.commit()
        login_user(user)
        flash(_("Welcome to Producer Academy, %(name)s!", name=user.name), "success")
        return redirect(url_for("lms.learn.catalog"))
    return render_template("lms/auth/register.html", form=form)


@bp.post("/language")
def set_language():
    """Remember the chosen interface language for this browser and this account."""
    form = ActionForm()
    locale = request.form.get("locale")
    if form.validate_on_submit() and locale in UI_LOCALES:
        session[SESSION_KEY] = locale
        user = lms_user()
        if user is not None:
            user.locale = locale
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("lms.learn.catalog")))
