"""Translate the academy's strings and choose each request's language.

The academy's strings live in their own gettext domain (``lms``) so that a host
application's catalogues and locale rules are never disturbed.
"""

from pathlib import Path

from flask import has_request_context, request, session
from flask_babel import Domain, get_locale
from flask_login import current_user

TRANSLATIONS = Path(__file__).parent / "translations"
UI_LOCALES = ("en", "zh_Hans")
LOCALE_NAMES = {"en": "English", "zh_Hans": "中文"}
SESSION_KEY = "lms_locale"

domain = Domain(translation_directories=str(TRANSLATIONS), domain="lms")
gettext = domain.gettext
ngettext = domain.ngettext
lazy_gettext = domain.lazy_gettext
_ = gettext


def locale_from_header(header_values) -> str | None:
    """Map an ``Accept-Language`` list to a UI locale, as phones send it.

    ``zh-CN``, ``zh-Hans-CN``, ``zh`` and (until a Traditional catalogue exists)
    ``zh-TW`` give Simplified Chinese; ``en-*`` gives English.
    """
    for tag, _quality in header_values:
        primary = tag.lower().replace("_", "-").split("-")[0]
        if primary == "zh":
            return "zh_Hans"
        if primary == "en":
            return "en"
    return None


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
        "current_locale": str(get_locale()),
        "content_language": content_language(),
    }
