"""Hash passwords, check credentials and sign learners up; never commits."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select

from ..extensions import db
from ..models import Organization, Role, User, utcnow
from .identifiers import (
    EMAIL,
    MOBILE,
    USERNAME,
    IdentifierError,
    Login,
    normalize_email,
    read_login,
    region_for_country,
)

# The column that holds each kind of identifier.
_COLUMNS = {EMAIL: User.email, MOBILE: User.mobile, USERNAME: User.username}
# Starter passwords are read off paper and typed on phones: no 0/O, 1/l/I.
_STARTER_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

# argon2id with RFC 9106's second recommended profile: 64 MiB, 3 passes, 4 lanes.
_hasher = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
# Starter passwords are random (12 letters of 31: about 59 bits), so they need less
# stretching than a password a person chose: OWASP's argon2id minimum (19 MiB, 2 passes)
# lets a trainer print slips for a whole training event in one request. They last until
# the first login, where the person's own password gets the full profile.
_starter_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verified when the e-mail is unknown so a missing account takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")
# Not an argon2 hash, so no password verifies against it.
_NO_PASSWORD = "!no-password-yet"


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password``."""
    return _hasher.hash(password)


def normalize_code(code: str) -> str:
    """Return an enrolment code as stored: upper case, ``XXXX-XXXX``."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def login_regions(default_region: str) -> list[str]:
    """Return the regions a national mobile number may be read in: the default one first,
    then the countries of the academy's SPOs."""
    countries = db.session.scalars(select(Organization.country).distinct())
    regions = [default_region]
    for country in countries:
        region = region_for_country(country, default_region)
        if region not in regions:
            regions.append(region)
    return regions


def read_logins(text: str, regions: list[str]) -> list[Login]:
    """Read what was typed to log in; a national mobile number in each of ``regions``.

    Raises :class:`IdentifierError` (from the first region) when it is a mobile number
    in none of them.
    """
    logins: list[Login] = []
    first_error = None
    for region in regions:
        try:
            login = read_login(text, region)
        except IdentifierError as error:
            first_error = first_error or error
            continue
        if login not in logins:
            logins.append(login)
        if login.kind != MOBILE or text.strip().startswith(("+", "00", "\uff0b")):
            break  # only a national number reads differently in another region
    if not logins:
        raise first_error
    return logins


def accounts_named(logins: list[Login]) -> list[User]:
    """Return the accounts any of ``logins`` names."""
    values: dict[str, set[str]] = {}
    for login in logins:
        values.setdefault(login.kind, set()).add(login.value)
    if not values:
        return []
    # One IN list per kind of identifier: a flat statement however many logins are asked.
    conditions = [_COLUMNS[kind].in_(sorted(named)) for kind, named in values.items()]
    return list(db.session.scalars(select(User).where(or_(*conditions)).order_by(User.id)))


def account_for(text: str, region: str) -> User | None:
    """Return the account named by an e-mail, mobile number or username, if any.

    Raises :class:`IdentifierError` for a malformed mobile number.
    """
    accounts = accounts_named([read_login(text, region)])
    return accounts[0] if accounts else None


def authenticate(text: str, password: str, regions: list[str]) -> User | None:
    """Return the active user with these credentials, rehashing an outdated hash.

    ``text`` is an e-mail, a mobile number in any form, or a username. Raises
    :class:`IdentifierError` when it is written like a phone number but is not one.
    """
    candidates = accounts_named(read_logins(text, regions))
    user = None
    for candidate in candidates or [None]:
        try:
            _hasher.verify(candidate.password_hash if candidate else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            continue
        user = candidate
        break
    if user is None or not user.active:
        return None
    if not user.must_change_password and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def new_starter_password() -> str:
    """Return a one-time password easy to copy from a slip: ``kp7d-3mwx-q9ta``."""
    raw = "".join(secrets.choice(_STARTER_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def give_starter_password(user: User) -> str:
    """Replace ``user``'s password by a new starter one, to be changed at the next login.

    The old password stops working and every session of the user ends; the new one is
    returned once, for a slip or the screen, and only its hash is kept.
    """
    password = new_starter_password()
    user.password_hash = _starter_hasher.hash(password)
    user.must_change_password = True
    user.end_sessions()
    return password


def holds_starter_password(user: User, password: str) -> bool:
    """Tell whether ``password`` is ``user``'s current starter password (not yet replaced)."""
    if not user.must_change_password:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def set_new_password(user: User, new: str) -> None:
    """Replace a starter password by the user's own; end the user's other sessions."""
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.end_sessions()


def change_password(user: User, current: str, new: str) -> bool:
    """Set a new password if ``current`` is right; end the user's other sessions."""
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        return False
    set_new_password(user, new)
    return True


def identifier_taken(login: Login, except_user: User | None = None) -> bool:
    """Tell whether another account already uses this e-mail, mobile number or username."""
    query = select(User.id).where(_COLUMNS[login.kind] == login.value)
    if except_user is not None:
        query = query.where(User.id != except_user.id)
    return db.session.scalar(query) is not None


def email_taken(email: str) -> bool:
    """Tell whether an account already uses ``email``."""
    return (
        db.session.scalar(select(User.id).where(User.email == normalize_email(email))) is not None
    )


def organization_for_code(code: str) -> Organization | None:
    """Return the SPO whose enrolment code is ``code``, if any."""
    return db.session.scalar(
        select(Organization).where(Organization.enrolment_code == normalize_code(code))
    )


def create_account(
    *,
    name: str,
    password: str | None,
    role: str = Role.LEARNER,
    organization: Organization | None = None,
    locale: str | None = None,
    email: str | None = None,
    mobile: str | None = None,
    username: str | None = None,
    must_change_password: bool = False,
) -> User:
    """Add a user named by at least one identifier; the caller has checked they are free.

    ``mobile`` is in E.164 already (:func:`lms.auth.identifiers.parse_mobile`). With
    ``password`` None no password works until :func:`give_starter_password` gives one
    (accounts made in bulk, whose slips are printed later); nothing is hashed for it.
    """
    if not (email or mobile or username):
        raise ValueError("an account needs an e-mail, a mobile number or a username")
    user = User(
        email=normalize_email(email) if email else None,
        mobile=mobile or None,
        username=username.strip().lower() if username else None,
        must_change_password=must_change_password,
        name=name.strip(),
        password_hash=hash_password(password) if password is not None else _NO_PASSWORD,
        role=Role(role),
        organization=organization,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    return user
