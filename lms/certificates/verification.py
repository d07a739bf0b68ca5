"""Check a pasted Open Badges credential against this academy's key and records."""

from dataclasses import dataclass, field

from ..i18n import lazy_gettext as _l
from ..models import Certificate
from .credential import build_credential, check_signature, matches_record
from .documents import Issuing
from .serials import normalize_serial
from .services import certificate_by_serial

PROBLEMS = {
    "malformed": _l("This is not a signed credential (a VC-JWT). Paste the whole file."),
    "other_key": _l("This credential was not signed with this academy's key."),
    "signature": _l("The signature does not match: the credential was changed after signing."),
    "not_yet_valid": _l("The credential is not valid yet: its start date is in the future."),
    "context": _l("The credential lacks the W3C credentials or Open Badges 3.0 context."),
    "type": _l("The credential is not an OpenBadgeCredential."),
    "issuer": _l("The credential's issuer does not match who signed it."),
    "id": _l("The credential's id does not match its token id."),
    "achievement": _l("The credential names no achievement with criteria."),
    "unknown": _l("This academy has no record of this credential."),
    "record": _l("The credential does not match the academy's record of the certificate."),
}


@dataclass
class Verdict:
    """The answer to "is this credential genuine?": valid, revoked or invalid, and why."""

    status: str
    certificate: Certificate | None = None
    problems: list = field(default_factory=list)


def verify_credential(token: str, issuing: Issuing) -> Verdict:
    """Check ``token``'s signature, fields and record, and whether it was revoked."""
    check = check_signature(token, issuing.key, PROBLEMS)
    if check.claims is None or check.problems:
        return Verdict("invalid", problems=check.problems)
    serial = normalize_serial(str(check.claims.get("id", "")).rstrip("/").rsplit("/", 1)[-1])
    certificate = certificate_by_serial(serial)
    if certificate is None:
        return Verdict("invalid", problems=[PROBLEMS["unknown"]])
    if not matches_record(check.claims, build_credential(certificate, issuing.links)):
        return Verdict("invalid", problems=[PROBLEMS["record"]])
    return Verdict("revoked" if certificate.revoked else "valid", certificate)
