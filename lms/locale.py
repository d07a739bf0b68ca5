"""Choose each request's language, remember a browser's choice, and hand templates helpers.

The language follows the learner's saved choice, then this browser's choice (kept in
the long-lived ``lms_locale`` cookie, not in the session, so that a visitor who only
reads never gets a session), then the browser's ``Accept-Language``.
"""

from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from .i18n import (
    LANGUAGE_NAMES,
    LOCALE_NAMES,
    LOCALE_TAGS,
    UI_LOCALES,
    domain,
    locale_from_header,
    translators,
)

LOCALE_COOKIE = "lms_locale"
LOCALE_COOKIE_SECONDS = 400 * 24 * 3600  # the longest lifetime browsers keep


def select_locale() -> str:
    """Pick the language: the user's saved choice, the browser's cookie, then its header."""
    if not has_request_context():  # command line: messages stay in English
        return "en"
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in UI_LOCALES:
        return user_locale
    return chosen_locale() or locale_from_header(request.accept_languages) or "en"


def chosen_locale() -> str | None:
    """Return the language this browser chose (its ``lms_locale`` cookie), or None."""
    choice = request.cookies.get(LOCALE_COOKIE)
    return choice if choice in UI_LOCALES else None


def remember_locale(response, locale: str):
    """Keep ``locale`` in this browser's ``lms_locale`` cookie on ``response``, and return it."""
    app = current_app
    sessions = app.session_interface
    response.set_cookie(
        LOCALE_COOKIE,
        locale,
        max_age=LOCALE_COOKIE_SECONDS,
        path=sessions.get_cookie_path(app),
        domain=sessions.get_cookie_domain(app),
        secure=sessions.get_cookie_secure(app),
        httponly=True,
        samesite="Lax",
    )
    return response


def content_language() -> str:
    """Return the course-content language code (``en`` or ``zh``) for this request."""
    return "zh" if str(get_locale()).startswith("zh") else "en"


def template_helpers() -> dict:
    """Return the translation callables LMS templates use, bound to this page's catalogue."""
    gettext, ngettext = translators(domain.get_translations())
    return {
        "gettext": gettext,
        "ngettext": ngettext,
        "_": gettext,
        "ui_locales": UI_LOCALES,
        "locale_names": LOCALE_NAMES,
        "locale_tags": LOCALE_TAGS,
        "language_names": LANGUAGE_NAMES,
        "current_locale": str(get_locale()),
        "content_language": content_language(),
    }
