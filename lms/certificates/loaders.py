"""Load the certificate a URL names: 404 when it does not exist or is not the user's to see.

A certificate someone may not download answers 404, not 403, so serials cannot be
probed by signing in.
"""

from flask import abort

from ..extensions import db
from ..models import Certificate
from ..permissions import lms_user
from . import services
from .serials import normalize_serial


def load_readable(serial: str) -> Certificate:
    """Return the certificate at ``serial`` if the current user may download it."""
    certificate = services.certificate_by_serial(normalize_serial(serial))
    if certificate is None or not services.may_download(lms_user(), certificate):
        abort(404)
    return certificate


def load_own(serial: str) -> Certificate:
    """Return the current user's own certificate at ``serial``."""
    certificate = services.certificate_by_serial(normalize_serial(serial))
    if certificate is None or certificate.user_id != lms_user().id:
        abort(404)
    return certificate


def load_certificate(certificate_id: int) -> Certificate:
    """Return the certificate with ``certificate_id`` (for admins, who see every one)."""
    return db.get_or_404(Certificate, certificate_id)
