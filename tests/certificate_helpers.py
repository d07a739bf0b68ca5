"""Helpers for certificate tests: finish a course, read a PDF the way a person would."""

import pypdfium2
import zxingcpp

from lms.extensions import db
from lms.learn.services import active_modules, complete_module, enrol
from lms.models import Certificate

from .conftest import ISSUER


def finish_course(user, course):
    """Enrol ``user`` and complete every module of ``course``; return the certificate."""
    enrol(user, course)
    for module in active_modules(course):
        complete_module(user, module, ISSUER)
    db.session.commit()
    return db.session.scalar(db.select(Certificate).where(Certificate.user_id == user.id))


def certificate_count() -> int:
    """Return how many certificates exist."""
    return db.session.scalar(db.select(db.func.count()).select_from(Certificate))


def pdf_text(data: bytes) -> str:
    """Return the text a PDF reader extracts from every page of ``data``."""
    document = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def pdf_image(data: bytes, scale: float = 2):
    """Render the first page of ``data`` to a PIL image, as a viewer would show it."""
    return pypdfium2.PdfDocument(data)[0].render(scale=scale).to_pil()


def qr_codes(image) -> list[str]:
    """Return the texts of the QR codes found in ``image``."""
    return [result.text for result in zxingcpp.read_barcodes(image)]
