"""Issue, find and revoke certificates.

:func:`issue_certificate` is called by ``learn.services.update_course_completion``
at the moment a course becomes complete, whoever completed the last module: the
learner, a quiz, or a trainer. One ``INSERT ... ON CONFLICT DO NOTHING`` on the
unique (learner, course) key makes it exactly once, even from two tabs at once.
Functions flush but never commit.
"""

import hashlib
import secrets

from sqlalchemy import select

from ..audit import record
from ..capabilities import can_run_course, can_view_organization
from ..database import insert_if_absent
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Certificate, Course, Organization, User, utcnow
from ..rules import RuleError
from .serials import new_serial

REASON_LIMIT = 500


class CertificateError(RuleError):
    """A certificate action that the rules refuse, naming the form field at fault."""


def certificate_for(user: User, course: Course) -> Certificate | None:
    """Return ``user``'s certificate for ``course``, if one was issued."""
    query = select(Certificate).where(
        Certificate.user_id == user.id, Certificate.course_id == course.id
    )
    return db.session.scalar(query)


def certificate_by_serial(serial: str | None) -> Certificate | None:
    """Return the certificate with the canonical ``serial``; None for anything else."""
    return db.session.scalar(select(Certificate).where(Certificate.serial == (serial or "")))


def earns_certificate(user: User, course: Course) -> bool:
    """Tell whether completing ``course`` earns ``user`` a certificate.

    Courses can turn certificates off, and staff who run a course only teach it.
    """
    return course.certificate and not can_run_course(user, course)


def issue_certificate(user: User, course: Course, issuer: str) -> Certificate | None:
    """Issue ``user``'s certificate for the completed ``course`` once, under ``issuer``.

    Returns the existing certificate when there is one, and None when the course
    earns none (see :func:`earns_certificate`).
    """
    if not earns_certificate(user, course):
        return None
    existing = certificate_for(user, course)
    if existing is not None:
        return existing
    values = _snapshot(user, course, issuer)
    insert_if_absent(Certificate, **values)
    certificate = certificate_for(user, course)
    if certificate is not None and certificate.serial == values["serial"]:
        record(user, "certificate.issue", certificate, serial=certificate.serial)
    return certificate


def _snapshot(user: User, course: Course, issuer: str) -> dict:
    """Return the certificate row's values: what it says is fixed at this moment."""
    organization = user.organization
    salt = secrets.token_hex(16)
    identity_type, identifier = identity_of(user)
    trainers = sorted(row.user.name for row in course.trainers if row.user.active)
    return {
        "serial": new_serial(),
        "user_id": user.id,
        "course_id": course.id,
        "organization_id": organization.id if organization else None,
        "issued_at": utcnow(),
        "learner_name": user.name,
        "organization_name": organization.name if organization else "",
        "organization_name_zh": organization.name_zh if organization else "",
        "course_slug": course.slug,
        "course_version": course.version,
        "course_titles": {text.language: text.title for text in course.texts},
        "trainer_names": ", ".join(trainers)[:400],
        "issuer_name": issuer,
        "identity_type": identity_type,
        "identity_hash": identity_hash(identifier, salt),
        "identity_salt": salt,
    }


# Open Badges 3.0 identifier types: an e-mail address; a mobile number, for which the
# standard has no word (an extension, as its IdentifierTypeEnum allows); this academy's
# own account id, for a person known only by a username.
EMAIL_IDENTITY = "emailAddress"
MOBILE_IDENTITY = "ext:phoneNumber"
ACCOUNT_IDENTITY = "systemId"
IDENTITY_TYPES = (EMAIL_IDENTITY, MOBILE_IDENTITY, ACCOUNT_IDENTITY)


def identity_of(user: User) -> tuple[str, str]:
    """Return how a credential names ``user``: its identifier type and the value hashed."""
    if user.email:
        return EMAIL_IDENTITY, user.email.strip().lower()
    if user.mobile:
        return MOBILE_IDENTITY, user.mobile
    return ACCOUNT_IDENTITY, f"user:{user.id}"


def identity_hash(identifier: str, salt: str) -> str:
    """Return the Open Badges identity hash of an identifier: ``sha256$`` + hex.

    An e-mail address is lower-cased first, as Open Badges verifiers do.
    """
    value = identifier.strip().lower() if "@" in identifier else identifier.strip()
    return "sha256$" + hashlib.sha256((value + salt).encode()).hexdigest()


def may_download(user: User, certificate: Certificate) -> bool:
    """Tell whether ``user`` may download ``certificate``: its learner, or staff of its SPO.

    The SPO is the one it was issued under, as in the staff list, even if the learner
    moved since.
    """
    if certificate.user_id == user.id:
        return True
    if not certificate.organization_id:
        return False
    organization = db.session.get(Organization, certificate.organization_id)
    return organization is not None and can_view_organization(user, organization)


def certificates_of(user: User) -> list[Certificate]:
    """Return ``user``'s certificates, newest first."""
    query = (
        select(Certificate)
        .where(Certificate.user_id == user.id)
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    )
    return list(db.session.scalars(query))


def revoke(certificate: Certificate, reason: str, admin: User) -> None:
    """Revoke ``certificate`` for ``reason``; refuse an empty reason or a second revocation."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError("reason", _l("Say why the certificate is revoked."))
    if len(reason) > REASON_LIMIT:
        raise CertificateError(
            "reason", _l("Keep the reason under %(limit)d characters.", limit=REASON_LIMIT)
        )
    if certificate.revoked:
        raise CertificateError("reason", _l("This certificate is already revoked."))
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = reason
    certificate.revoked_by_id = admin.id
    record(admin, "certificate.revoke", certificate, serial=certificate.serial, reason=reason)
