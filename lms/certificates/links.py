"""Build, from the current application, what certificate documents need: links and key."""

from flask import url_for

from .. import settings
from .credential import Links
from .documents import Issuing
from .serials import format_serial


def verify_url(serial: str) -> str:
    """Return the public verification page of the certificate with ``serial``."""
    return url_for("lms.certificates.verify_serial", serial=format_serial(serial), _external=True)


def links() -> Links:
    """Return the public addresses credentials point at, on this academy's host."""
    return Links(
        issuer=url_for("lms.certificates.issuer", _external=True),
        home=url_for("lms.learn.catalog", _external=True),
        verify=verify_url,
        achievement=lambda slug: url_for("lms.learn.course", slug=slug, _external=True),
    )


def issuing() -> Issuing:
    """Return this academy's links, issuer names, certificate font and signing key file."""
    return Issuing(
        links=links(),
        issuer=settings.issuer_name(),
        issuer_zh=settings.issuer_name_zh(),
        font_setting=settings.certificate_font(),
        key_path=settings.signing_key_path(),
    )
