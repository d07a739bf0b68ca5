"""Draw a spec of kind ``document`` as a DOCX document (see templates/README.md)."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from spec import AUTHOR, FIXED_DATE, say

# Body and heading fonts: Latin, then East Asian. The Chinese files name CJK fonts that
# come with Windows and WPS, so every character prints in a font that has it.
FONTS = {
    "en": {"body": ("Calibri", "Calibri"), "heading": ("Calibri", "Calibri")},
    "zh": {"body": ("Calibri", "SimSun"), "heading": ("Calibri", "Microsoft YaHei")},
}
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
ROW_HEIGHT = Cm(0.9)  # room to write by hand
EXAMPLE_GREY = RGBColor(0x59, 0x59, 0x59)


def _set_font(style, fonts: tuple[str, str], size: Pt | None = None) -> None:
    """Give ``style`` a Latin and an East Asian font, dropping the theme's own."""
    latin, east_asian = fonts
    style.font.name = latin
    if size is not None:
        style.font.size = size
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _styles(document, language: str) -> None:
    fonts = FONTS[language]
    _set_font(document.styles["Normal"], fonts["body"], Pt(11))
    for name, size in (("Title", Pt(20)), ("Heading 1", Pt(14)), ("Heading 2", Pt(12))):
        _set_font(document.styles[name], fonts["heading"], size)
    if language == "zh":
        # Line breaking and proofing follow the language the text is in.
        rpr = document.styles["Normal"].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)


def _ruled(paragraph) -> None:
    """Draw a line under ``paragraph``: a line to write on."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", "A6A6A6")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.append(border)
    paragraph.paragraph_format.space_before = Pt(14)


def _repeat_header(row) -> None:
    """Repeat a table's header row on every page it runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document, columns: list[str], widths: list[float]):
    table = document.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = int(TEXT_WIDTH * width / total)
    return table


def _fill_row(table, values: list[str], widths: list[float], *, bold=False, example=False):
    row = table.add_row()
    row.height = ROW_HEIGHT
    total = sum(widths)
    for cell, value, width in zip(row.cells, values, widths, strict=False):
        cell.width = int(TEXT_WIDTH * width / total)
        run = cell.paragraphs[0].add_run(value)
        run.bold = bold
        if example:
            run.italic = True
            run.font.color.rgb = EXAMPLE_GREY
    return row


def _fields(document, fields: list, language: str) -> None:
    """Write "label | space" rows to fill in."""
    widths = [2, 3]
    table = _table(document, ["", ""], widths)
    for field in fields:
        row = _fill_row(table, [say(field, language), ""], widths, bold=True)
        _shade(row.cells[0], "F2F2F2")
    document.add_paragraph()


def _grid(document, spec: dict, language: str) -> None:
    """Write a table to fill in: its header, the example rows in grey, then blank rows."""
    columns = [say(column, language) for column in spec["columns"]]
    widths = spec.get("widths") or [1] * len(columns)
    table = _table(document, columns, widths)
    header = _fill_row(table, columns, widths, bold=True)
    _repeat_header(header)
    for cell in header.cells:
        _shade(cell, "DDEBF7")
    for example in spec.get("rows") or []:
        _fill_row(table, [say(value, language) for value in example], widths, example=True)
    for _ in range(spec.get("blank_rows", 0)):
        _fill_row(table, [""] * len(columns), widths)
    document.add_paragraph()


def build_document(spec: dict, language: str) -> bytes:
    """Return the document ``spec`` describes, in ``language``."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    _styles(document, language)
    title = say(spec["title"], language)
    document.add_paragraph(title, style="Title")
    document.add_paragraph(say(spec["intro"], language))
    for part in spec.get("sections") or []:
        document.add_heading(say(part["heading"], language), level=1)
        for paragraph in say(part.get("text"), language).split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
        if part.get("table"):
            _grid(document, part["table"], language)
        if part.get("fields"):
            _fields(document, part["fields"], language)
        for _ in range(part.get("lines", 0)):
            _ruled(document.add_paragraph())
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, AUTHOR, AUTHOR
    properties.language = "zh-CN" if language == "zh" else "en"
    properties.created = properties.modified = FIXED_DATE
    properties.revision = 1
    out = BytesIO()
    document.save(out)
    return out.getvalue()
