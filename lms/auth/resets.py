"""Give a person a new password: a one-time one from staff, or a signed link by e-mail.

Never commits. A reset by staff returns a starter password that must be changed at the
next login (:func:`lms.auth.services.give_starter_password`); only its hash is kept.
A reset link carries the account id and a fingerprint of its current password hash,
signed with the application's secret: it stops working once used (the hash changes),
after an hour, or when the password changes any other way.
"""

import hashlib

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from ..audit import record
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import User
from ..rules import RuleError
from .identifiers import normalize_email, show_login
from .services import give_starter_password, set_new_password
from .slips import Slip

LINK_LIFETIME_SECONDS = 3600
_SALT = "lms-password-reset"


class ResetLinkError(RuleError):
    """Raised when a reset link cannot be used; the message says why, for the reader."""


def reset_password(actor: User, person: User) -> str:
    """Give ``person`` a new starter password and end their sessions; return it once.

    The caller has checked :func:`lms.capabilities.can_reset_password`.
    """
    password = give_starter_password(person)
    record(actor, "user.password_reset", person)
    return password


def slip_of(person: User, password: str, login_url: str) -> Slip:
    """Return the login slip of ``person`` with ``password``, the SPO in their language."""
    language = person.locale or "en"
    spo = person.organization.display_name(language) if person.organization else ""
    login = show_login(person.email, person.mobile, person.username)
    return Slip(person.name, spo, login, password, login_url)


def account_for_reset(email: str) -> User | None:
    """Return the active account whose e-mail is ``email``, which may get a reset link."""
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    return user if user is not None and user.active else None


def reset_token(user: User, secret_key: str) -> str:
    """Return the signed token of a reset link for ``user``."""
    return _serializer(secret_key).dumps({"u": user.id, "p": _fingerprint(user)})


def user_for_reset_token(token: str, secret_key: str) -> User:
    """Return the account a reset link is for, if it can still be used.

    Raises :class:`ResetLinkError` for an expired link, and for one that was used,
    tampered with or made before the password last changed.
    """
    try:
        data = _serializer(secret_key).loads(token, max_age=LINK_LIFETIME_SECONDS)
    except SignatureExpired:
        raise ResetLinkError(
            "token", _l("This link has expired: links work for one hour. Ask for a new one.")
        ) from None
    except BadSignature:
        data = None
    user = db.session.get(User, data["u"]) if isinstance(data, dict) and "u" in data else None
    if user is None or not user.active or data.get("p") != _fingerprint(user):
        raise ResetLinkError(
            "token", _l("This link has been used already or is not valid. Ask for a new one.")
        )
    return user


def reset_by_link(user: User, password: str) -> None:
    """Set the password chosen through a reset link; the link and every session end."""
    set_new_password(user, password)
    record(user, "user.password_reset_by_mail", user)


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def _fingerprint(user: User) -> str:
    # Changes with every new password, so a link works once.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]
