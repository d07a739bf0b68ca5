"""Turn certificates into the files people download: PDF, signed credential, ZIP."""

import io
import zipfile
from collections.abc import Iterable, Iterator

from flask import current_app, url_for

from ..models import Certificate
from .credential import Links, build_credential, sign_credential
from .fonts import find_cjk_font
from .keys import signing_key
from .pdf import file_name, lay_out, render_pages
from .serials import format_serial


def links() -> Links:
    """Return the public addresses credentials point at, on this academy's host."""
    return Links(
        issuer=url_for("lms.certificates.issuer", _external=True),
        home=url_for("lms.learn.catalog", _external=True),
        verify=verify_url,
        achievement=lambda slug: url_for("lms.learn.course", slug=slug, _external=True),
    )


def verify_url(serial: str) -> str:
    """Return the public verification page of the certificate with ``serial``."""
    return url_for("lms.certificates.verify_serial", serial=format_serial(serial), _external=True)


def rendered(certificates: Iterable[Certificate]) -> Iterator[tuple[Certificate, bytes]]:
    """Yield each certificate with its PDF; raise ``FontMissing`` if they cannot be drawn."""
    font = find_cjk_font(current_app.config.get("LMS_CERTIFICATE_FONT"))
    pages = [lay_out(cert, verify_url(cert.serial), font is not None) for cert in certificates]
    for page, data in render_pages(pages, font):
        yield page.certificate, data


def certificate_pdf(certificate: Certificate) -> bytes:
    """Return one certificate's PDF (see :func:`rendered`)."""
    return next(rendered([certificate]))[1]


def signed_credential(certificate: Certificate) -> str:
    """Return the certificate as an Open Badges 3.0 VC-JWT signed by the academy."""
    return sign_credential(build_credential(certificate, links()), signing_key())


def certificates_zip(certificates: Iterable[Certificate]) -> bytes:
    """Return one ZIP of the certificates' PDFs, in a folder per course."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate, data in rendered(certificates):
            archive.writestr(f"{certificate.course_slug}/{file_name(certificate)}", data)
    return buffer.getvalue()
