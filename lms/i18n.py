"""Translate the academy's strings, in a gettext domain of its own.

The academy's strings live in their own domain (``lms``) so that a host
application's catalogues are never disturbed. This module knows nothing of the
request: choosing each request's language is :mod:`lms.locale`'s work.
"""

from pathlib import Path

from flask_babel import Domain

TRANSLATIONS = Path(__file__).parent / "translations"
UI_LOCALES = ("en", "zh_Hans")
LOCALE_NAMES = {"en": "English", "zh_Hans": "中文"}
# The BCP 47 tag of each UI locale, for HTML ``lang`` attributes.
LOCALE_TAGS = {"en": "en", "zh_Hans": "zh-Hans"}

domain = Domain(translation_directories=str(TRANSLATIONS), domain="lms")
gettext = domain.gettext
ngettext = domain.ngettext
lazy_gettext = domain.lazy_gettext
_ = gettext
# The names of the languages course content comes in, in the reader's language.
LANGUAGE_NAMES = {"en": lazy_gettext("English"), "zh": lazy_gettext("Chinese")}


def translators(translations) -> tuple:
    """Return ``gettext`` and ``ngettext`` bound to one catalogue, as the domain's behave.

    A page calls ``_()`` a few dozen times; the domain looks the request's catalogue up
    on every call, so templates get these, bound once per page to the catalogue
    ``domain.get_translations()`` returned for it.
    """

    def bound_gettext(string, **variables):
        text = translations.ugettext(string)
        return text % variables if variables else text

    def bound_ngettext(singular, plural, num, **variables):
        variables.setdefault("num", num)
        return translations.ungettext(singular, plural, num) % variables

    return bound_gettext, bound_ngettext


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
