"""Turn certificates into the files people download: PDF, signed credential, ZIP.

Nothing here reads the request or the application: an :class:`Issuing` carries the
public links, the font setting and the key file, and the web side builds it
(:func:`lms.certificates.links.issuing`).
"""

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import Certificate
from .credential import Links, build_credential, sign_credential
from .fonts import find_cjk_font
from .keys import SigningKey, signing_key
from .pdf import file_name, lay_out, render_pages


@dataclass(frozen=True)
class Issuing:
    """What drawing, signing and checking certificates needs from this academy."""

    links: Links
    issuer: str
    font_setting: str | None
    key_path: Path
    issuer_zh: str = ""

    @property
    def key(self) -> SigningKey:
        """Return the academy's signing key, made on first use."""
        return signing_key(self.key_path)

    def issuer_of(self, certificate: Certificate, language: str) -> str:
        """Return ``certificate``'s issuer for a reader of ``language``.

        A certificate issued under this academy's current name is shown under its
        Chinese name to Chinese readers; one issued under an earlier name keeps it.
        """
        if language.startswith("zh") and self.issuer_zh and certificate.issuer_name == self.issuer:
            return self.issuer_zh
        return certificate.issuer_name


def rendered(
    issuing: Issuing, certificates: Iterable[Certificate]
) -> Iterator[tuple[Certificate, bytes]]:
    """Yield each certificate with its PDF; raise ``FontMissing`` if they cannot be drawn."""
    font = find_cjk_font(issuing.font_setting)
    verify = issuing.links.verify
    pages = [
        lay_out(cert, verify(cert.serial), font is not None, issuing.issuer_of(cert, "zh"))
        for cert in certificates
    ]
    for page, data in render_pages(pages, font):
        yield page.certificate, data


def certificate_pdf(issuing: Issuing, certificate: Certificate) -> bytes:
    """Return one certificate's PDF (see :func:`rendered`)."""
    return next(rendered(issuing, [certificate]))[1]


def signed_credential(issuing: Issuing, certificate: Certificate) -> str:
    """Return the certificate as an Open Badges 3.0 VC-JWT signed by the academy."""
    return sign_credential(build_credential(certificate, issuing.links), issuing.key)


def certificates_zip(issuing: Issuing, certificates: Iterable[Certificate]) -> bytes:
    """Return one ZIP of the certificates' PDFs, in a folder per course."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate, data in rendered(issuing, certificates):
            archive.writestr(f"{certificate.course_slug}/{file_name(certificate)}", data)
    return buffer.getvalue()
