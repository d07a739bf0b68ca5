"""Draw certificates as A4 landscape PDFs, in English and Chinese on the same page.

A page is first laid out as :class:`Line` items, then drawn. Laying out first
lets a batch (a ZIP) cut the CJK font down once to the characters it uses. The
font is embedded, so every viewer shows the same page. With no CJK font, a
certificate whose own text is Latin is drawn without its Chinese lines; one that
needs Chinese characters raises :class:`FontMissing` instead of printing boxes.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import segno
from babel.dates import format_date
from fpdf import FPDF

from ..models import Certificate
from .fonts import INSTALL_HINT, FontMissing, needs_cjk, subset_font
from .serials import format_serial

PAGE_WIDTH, PAGE_HEIGHT = 297, 210
MARGIN = 12
TEXT_LEFT, TEXT_WIDTH = MARGIN + 8, PAGE_WIDTH - 2 * MARGIN - 16
FOOT_LEFT, FOOT_WIDTH = MARGIN + 10, 200
GREEN = (0, 94, 72)
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
QR_SIZE = 34


@dataclass(frozen=True)
class Line:
    """One line of text on the page: what, how big, where, and in which colour."""

    text: str
    size: float
    y: float
    color: tuple = BLACK
    x: float = TEXT_LEFT
    width: float = TEXT_WIDTH
    align: str = "C"


@dataclass(frozen=True)
class Page:
    """A laid-out certificate: its lines and the address its QR code holds."""

    certificate: Certificate
    lines: tuple[Line, ...]
    verify_url: str


def lay_out(
    certificate: Certificate, verify_url: str, bilingual: bool, issuer_zh: str = ""
) -> Page:
    """Return the lines of ``certificate``'s page; Chinese ones only when ``bilingual``.

    ``issuer_zh`` is the issuer's Chinese name, printed beside the English one.
    """

    def pair(english: str, chinese: str) -> str:
        return f"{english} · {chinese}" if bilingual else english

    cert = certificate
    day = cert.issued_at
    completed = "Completed on " + format_date(day, "d MMMM y", locale="en")
    completed_zh = "完成日期：" + format_date(day, "long", locale="zh_Hans")
    organization = [cert.organization_name]
    if bilingual and cert.organization_name_zh:
        organization.append(cert.organization_name_zh)
    title, title_zh = cert.course_title("en"), cert.course_title("zh")
    issuer = cert.issuer_name
    if bilingual and issuer_zh and issuer_zh != issuer:
        issuer = pair(issuer, issuer_zh)
    lines = [
        Line(issuer, 11, 22, GREY),
        Line(pair("Certificate of Completion", "结业证书"), 24, 34, GREEN),
        Line(pair("This certifies that", "兹证明"), 12, 52, GREY),
        Line(cert.learner_name, 30, 64),
        Line(" · ".join(name for name in organization if name), 13, 80, GREY),
        Line(pair("has completed the course", "已完成课程"), 12, 94, GREY),
        Line(title, 20, 106, GREEN),
    ]
    if bilingual and title_zh and title_zh != title:
        lines.append(Line(title_zh, 16, 118, GREEN))
    lines.append(Line(pair(completed, completed_zh), 12, 134))
    footer = []
    if cert.trainer_names:
        footer.append(pair("Trainer", "培训师") + ": " + cert.trainer_names)
    footer += [
        pair("Issued by", "颁发机构") + ": " + issuer,
        pair("Serial", "证书编号") + ": " + format_serial(cert.serial),
        pair("Verify", "验证") + ": " + verify_url,
    ]
    top = 184 - 8 * (len(footer) - 1)
    for number, text in enumerate(footer):
        lines.append(Line(text, 10, top + 8 * number, GREY, FOOT_LEFT, FOOT_WIDTH, "L"))
    return Page(certificate, tuple(line for line in lines if line.text), verify_url)


def render_pages(pages: Iterable[Page], font: Path | None) -> Iterator[tuple[Page, bytes]]:
    """Draw each page as its own PDF; with a font, cut it down once for all of them."""
    pages = list(pages)
    if font is None:
        for page in pages:
            if any(needs_cjk(line.text) for line in page.lines):
                raise FontMissing(
                    "This certificate has Chinese (or other non-Latin) text, and the server "
                    "has no CJK font to draw it. " + INSTALL_HINT
                )
            yield page, _draw(page, None)
        return
    with subset_font(font, (line.text for page in pages for line in page.lines)) as small:
        for page in pages:
            yield page, _draw(page, small)


def _draw(page: Page, font: Path | None) -> bytes:
    cert = page.certificate
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    family = "helvetica"
    if font is not None:
        pdf.add_font("certificate", fname=str(font))
        family = "certificate"
    pdf.set_creation_date(cert.issued_at.replace(tzinfo=UTC))
    pdf.set_title(f"{cert.course_title('en')}: {cert.learner_name}")
    pdf.set_author(cert.issuer_name)
    pdf.set_lang("en")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _frame(pdf)
    for line in page.lines:
        _write(pdf, family, line)
    _qr_code(pdf, page.verify_url)
    return bytes(pdf.output())


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.2)
    pdf.rect(MARGIN - 4, MARGIN - 4, PAGE_WIDTH - 2 * MARGIN + 8, PAGE_HEIGHT - 2 * MARGIN + 8)
    pdf.set_line_width(0.3)
    pdf.rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN)


def _write(pdf: FPDF, family: str, line: Line) -> None:
    """Write one line, shrinking its type until it fits its width."""
    size = line.size
    pdf.set_font(family, size=size)
    while size > 6 and pdf.get_string_width(line.text) > line.width:
        size -= 0.5
        pdf.set_font(family, size=size)
    pdf.set_text_color(*line.color)
    pdf.set_xy(line.x, line.y)
    pdf.cell(w=line.width, h=size * 0.45, text=line.text, align=line.align)


def _qr_code(pdf: FPDF, url: str) -> None:
    """Draw the QR code of ``url`` in the bottom right corner, as vector rectangles."""
    x = PAGE_WIDTH - MARGIN - 10 - QR_SIZE
    y = PAGE_HEIGHT - MARGIN - 8 - QR_SIZE
    matrix = segno.make(url, error="m").matrix
    module = QR_SIZE / len(matrix)
    pdf.set_fill_color(*BLACK)
    for row_number, row in enumerate(matrix):
        # One rectangle per run of dark modules: fewer shapes, no hairline gaps.
        for start, length in _dark_runs(row):
            pdf.rect(x + start * module, y + row_number * module, length * module, module, "F")


def _dark_runs(row) -> list[tuple[int, int]]:
    """Return (start, length) of each run of dark modules in one QR code row."""
    runs, start = [], None
    for column, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    return runs


def file_name(certificate: Certificate) -> str:
    """Return a download file name: course slug and serial (names stay out of URLs)."""
    return f"certificate-{certificate.course_slug}-{format_serial(certificate.serial)}.pdf"
