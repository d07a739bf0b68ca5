"""Tell what a person typed to name their account: an e-mail, a mobile number or a username.

Pure rules, no database: mobile numbers are parsed and validated with ``phonenumbers``
and kept in E.164 (``+8613800138000``), so ``138 0013 8000``, ``+86 138-0013-8000`` and
``008613800138000`` name the same account; the region that reads a national number is
the SPO's country, else the academy's ``LMS_DEFAULT_REGION``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
import pycountry
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from ..i18n import lazy_gettext as _l

EMAIL = "email"
MOBILE = "mobile"
USERNAME = "username"

# What a typed phone number may hold besides digits: +, spaces, dashes, dots, brackets.
_PHONE_LIKE = re.compile(r"^[+\d\s\-().\uff08\uff09\u3000]+$")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
# Mobile and "could be either" lines: China and many countries do not tell them apart.
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class IdentifierError(ValueError):
    """Raised with a message for the reader when a login cannot be an account's identifier."""


@dataclass(frozen=True)
class Login:
    """What a person typed, read: which kind of identifier and its stored form."""

    kind: str
    value: str


def normalize_email(email: str) -> str:
    """Return ``email`` trimmed and lower-cased, as accounts are stored."""
    return email.strip().lower()


def normalize_username(username: str) -> str:
    """Return a username as stored: trimmed and lower-cased."""
    return username.strip().lower()


def looks_like_phone(text: str) -> bool:
    """Tell whether ``text`` is written like a phone number (digits and separators)."""
    text = text.strip()
    return bool(text) and bool(_PHONE_LIKE.match(text)) and sum(c.isdigit() for c in text) >= 5


def parse_mobile(text: str, region: str) -> str:
    """Return the mobile number ``text`` in E.164, reading a national number in ``region``.

    ``00`` before a country code is read as ``+`` (as dialled from China and Europe).
    Raises :class:`IdentifierError` for what is not a valid mobile number.
    """
    raw = _half_width(text).strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        raise IdentifierError(_l("This is not a mobile number: %(text)s", text=text)) from None
    if not phonenumbers.is_valid_number(number):
        raise IdentifierError(
            _l("This mobile number is not valid: check its digits (%(text)s).", text=text)
        )
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise IdentifierError(
            _l("This is a landline number, not a mobile number: %(text)s", text=text)
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def read_login(text: str, region: str) -> Login:
    """Read a login: an e-mail if it holds ``@``, a mobile if written like one, else a username.

    Raises :class:`IdentifierError` for a phone-like text that is not a valid mobile number.
    """
    text = text.strip()
    if "@" in text:
        return Login(EMAIL, normalize_email(text))
    if looks_like_phone(_half_width(text)):
        return Login(MOBILE, parse_mobile(text, region))
    return Login(USERNAME, normalize_username(text))


def username_problem(username: str) -> str | None:
    """Return why ``username`` cannot be a username, or None if it can."""
    if not _USERNAME.match(normalize_username(username)):
        return _l(
            "A username has 3–40 letters, digits, dots, dashes or underscores, "
            "and starts with a letter or digit."
        )
    if looks_like_phone(username):
        return _l("A username cannot look like a phone number.")
    return None


def show_mobile(e164: str) -> str:
    """Return a stored number as people write it: ``+86 138 0013 8000``."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def show_login(email: str | None, mobile: str | None, username: str | None) -> str:
    """Return what a person types to log in, as they would write it."""
    if email:
        return email
    if mobile:
        return show_mobile(mobile)
    return username or ""


def region_for_country(country: str, default: str) -> str:
    """Return the two-letter region of an SPO's country (a code or an English name)."""
    country = (country or "").strip()
    if not country:
        return default
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        return default


def _half_width(text: str) -> str:
    """Turn full-width digits and signs (as Chinese keyboards type them) into ASCII."""
    return "".join(
        chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else (" " if ch == "\u3000" else ch)
        for ch in text
    )
