"""Draw login slips: one PDF, eight slips to an A4 page, cut apart along dashed lines.

Pure: it takes plain :class:`Slip` data and a font file, and knows no Flask and no
database, so a bulk upload and a single password reset print the same slip. Each slip
has the person's name as written, their SPO, the login they type, a one-time starter
password, the academy's login address and its QR code, and, in English and Chinese,
that the password must be changed at the first login. The CJK font is cut down once
to the characters the slips use and embedded, so Chinese names print everywhere.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import segno
from fpdf import FPDF

from ..certificates.fonts import INSTALL_HINT, FontMissing, needs_cjk, subset_font

PAGE_WIDTH, PAGE_HEIGHT = 210, 297
COLUMNS, ROWS = 2, 4
SLIP_WIDTH, SLIP_HEIGHT = PAGE_WIDTH / COLUMNS, PAGE_HEIGHT / ROWS
PAD = 7
QR_SIZE = 25
TEXT_WIDTH = SLIP_WIDTH - 2 * PAD - QR_SIZE - 3
GREEN, GREY, BLACK = (0, 94, 72), (90, 90, 90), (0, 0, 0)
CHANGE_IT = ("Change this password when you first log in.", "首次登录时请修改此密码。")
LABELS = {
    "login": ("Login", "登录名"),
    "password": ("One-time password", "一次性密码"),
    "url": ("Log in at", "登录网址"),
}


@dataclass(frozen=True)
class Slip:
    """What one person's slip says."""

    name: str
    spo: str
    login: str
    password: str
    login_url: str


def slips_pdf(
    slips: Sequence[Slip],
    font: Path | None,
    *,
    academy: str = "Producer Academy",
    academy_zh: str = "生产者学院",
    created: datetime | None = None,
) -> bytes:
    """Return one PDF of ``slips``, eight to an A4 page, with dashed lines to cut along.

    With ``font`` (a CJK TrueType file) every label is in English and Chinese; without
    one, labels are English and a slip with Chinese text raises :class:`FontMissing`.
    """
    bilingual = font is not None
    texts = [_fixed_text(academy, academy_zh, bilingual)]
    texts += [text for slip in slips for text in (slip.name, slip.spo, slip.login, slip.login_url)]
    texts += [slip.password for slip in slips]
    if font is None:
        if any(needs_cjk(text) for text in texts):
            raise FontMissing(
                "These slips have Chinese (or other non-Latin) text, and the server has "
                "no CJK font to draw it. " + INSTALL_HINT
            )
        return _draw(slips, None, academy, academy_zh, created)
    with subset_font(font, texts) as small:
        return _draw(slips, small, academy, academy_zh, created)


def _fixed_text(academy: str, academy_zh: str, bilingual: bool) -> str:
    """Return every word a slip prints besides the person's own, for the font subset."""
    words = [academy, CHANGE_IT[0], *(pair[0] for pair in LABELS.values()), "·:0123456789"]
    if bilingual:
        words += [academy_zh, CHANGE_IT[1], *(pair[1] for pair in LABELS.values())]
    return " ".join(words)


def _draw(slips, font, academy, academy_zh, created) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    family = "helvetica"
    if font is not None:
        pdf.add_font("slip", fname=str(font))
        family = "slip"
    pdf.set_creation_date((created or datetime.now(UTC)).astimezone(UTC))
    pdf.set_title(f"{academy}: login slips")
    pdf.set_author(academy)
    pdf.set_auto_page_break(False)
    per_page = COLUMNS * ROWS
    for start in range(0, len(slips), per_page):
        pdf.add_page()
        _cut_lines(pdf)
        for place, slip in enumerate(slips[start : start + per_page]):
            x = (place % COLUMNS) * SLIP_WIDTH
            y = (place // COLUMNS) * SLIP_HEIGHT
            _slip(pdf, family, font is not None, slip, x, y, academy, academy_zh)
    return bytes(pdf.output())


def _cut_lines(pdf: FPDF) -> None:
    """Draw the dashed lines between the slips of a page."""
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=2, gap=1.5)
        for column in range(1, COLUMNS):
            pdf.line(column * SLIP_WIDTH, 0, column * SLIP_WIDTH, PAGE_HEIGHT)
        for row in range(1, ROWS):
            pdf.line(0, row * SLIP_HEIGHT, PAGE_WIDTH, row * SLIP_HEIGHT)


def _slip(pdf, family, bilingual, slip: Slip, x, y, academy, academy_zh) -> None:
    """Draw one slip with its top left corner at (x, y)."""

    def label(key: str) -> str:
        english, chinese = LABELS[key]
        return f"{english} · {chinese}" if bilingual else english

    left, width = x + PAD, SLIP_WIDTH - 2 * PAD
    title = f"{academy} · {academy_zh}" if bilingual else academy
    _write(pdf, family, title, 8, left, y + 6, width, GREEN)
    _write(pdf, family, slip.name, 15, left, y + 12, TEXT_WIDTH, BLACK)
    _write(pdf, family, slip.spo, 8, left, y + 20, TEXT_WIDTH, GREY)
    _write(pdf, family, label("login"), 7, left, y + 27, TEXT_WIDTH, GREY)
    _write(pdf, family, slip.login, 12, left, y + 31, TEXT_WIDTH, BLACK)
    _write(pdf, family, label("password"), 7, left, y + 39, TEXT_WIDTH, GREY)
    _write(pdf, family, slip.password, 14, left, y + 43, TEXT_WIDTH, BLACK)
    _write(pdf, family, label("url"), 7, left, y + 52, width, GREY)
    _write(pdf, family, slip.login_url, 9, left, y + 56, width, BLACK)
    change = " · ".join(CHANGE_IT) if bilingual else CHANGE_IT[0]
    _write(pdf, family, change, 8, left, y + SLIP_HEIGHT - PAD - 4, width, GREEN)
    _qr_code(pdf, slip.login_url, x + SLIP_WIDTH - PAD - QR_SIZE, y + 12)


def _write(pdf: FPDF, family: str, text: str, size: float, x, y, width, color) -> None:
    """Write one line, shrinking its type until it fits ``width``."""
    pdf.set_font(family, size=size)
    while size > 5 and pdf.get_string_width(text) > width:
        size -= 0.5
        pdf.set_font(family, size=size)
    pdf.set_text_color(*color)
    pdf.set_xy(x, y)
    pdf.cell(w=width, h=size * 0.45, text=text, align="L")


def _qr_code(pdf: FPDF, url: str, x: float, y: float) -> None:
    """Draw the QR code of ``url`` as a sharp picture, ``QR_SIZE`` millimetres wide."""
    picture = io.BytesIO()
    segno.make(url, error="m").save(picture, kind="png", scale=8, border=2)
    picture.seek(0)
    pdf.image(picture, x=x, y=y, w=QR_SIZE, h=QR_SIZE)
