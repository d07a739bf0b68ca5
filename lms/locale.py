"""Choose each request's language, and hand templates the translation helpers.

The language follows the learner's saved choice, then this browser's choice
(kept in the session), then the browser's ``Accept-Language``.
"""

from flask import has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

from .i18n import LANGUAGE_NAMES, LOCALE_NAMES, UI_LOCALES, gettext, locale_from_header, ngettext

SESSION_KEY = "lms_locale"


def select_locale() -> str:
    """Pick the language: the user's saved choice, the session's, then the browser's."""
    if not has_request_context():  # command line: messages stay in English
        return "en"
    user_locale = getattr(current_user, "locale", None) if current_user else None
    for choice in (user_locale, session.get(SESSION_KEY)):
        if choice in UI_LOCALES:
            return choice
    return locale_from_header(request.accept_languages) or "en"


def content_language() -> str:
    """Return the course-content language code (``en`` or ``zh``) for this request."""
    return "zh" if str(get_locale()).startswith("zh") else "en"


def template_helpers() -> dict:
    """Return the translation callables LMS templates use, bound to the ``lms`` domain."""
    return {
        "gettext": gettext,
        "ngettext": ngettext,
        "_": gettext,
        "ui_locales": UI_LOCALES,
        "locale_names": LOCALE_NAMES,
        "language_names": LANGUAGE_NAMES,
        "current_locale": str(get_locale()),
        "content_language": content_language(),
    }
