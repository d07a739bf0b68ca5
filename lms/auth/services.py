"""Hash passwords, check credentials and sign learners up; never commits."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from ..extensions import db
from ..models import Organization, Role, User, utcnow

# argon2id with RFC 9106's second recommended profile: 64 MiB, 3 passes, 4 lanes.
_hasher = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
# Verified when the e-mail is unknown so a missing account takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password``."""
    return _hasher.hash(password)


def normalize_email(email: str) -> str:
    """Return ``email`` trimmed and lower-cased, as accounts are stored."""
    return email.strip().lower()


def normalize_code(code: str) -> str:
    """Return an enrolment code as stored: upper case, ``XXXX-XXXX``."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, rehashing an outdated hash."""
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def change_password(user: User, current: str, new: str) -> bool:
    """Set a new password if ``current`` is right; end the user's other sessions."""
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        return False
    user.password_hash = hash_password(new)
    user.end_sessions()
    return True


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
    email: str,
    name: str,
    password: str,
    role: str = Role.LEARNER,
    organization: Organization | None = None,
    locale: str | None = None,
) -> User:
    """Add a user; the caller has checked that the e-mail is free."""
    user = User(
        email=normalize_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role=Role(role),
        organization=organization,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    return user
