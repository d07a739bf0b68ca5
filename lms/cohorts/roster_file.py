"""Read an uploaded list of participants: a CSV or XLSX file, into rows with line numbers.

Pure: no Flask, no database. It decodes the text (UTF-8 with or without a byte-order
mark, GB18030 as Excel writes CSV in China, UTF-16 as Excel's "Unicode text"), finds
the columns by their English or Chinese headings in any order, and keeps each cell as
the text it holds: an XLSX formula is read as its text, never evaluated. What a cell
must hold is :mod:`lms.cohorts.roster`'s business. Messages are English with the
``N_`` marker, translated by the caller.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50  # more than any list of participants; bounds what an XLSX can make us read

NAME, SPO, EMAIL, MOBILE, LANGUAGE = "name", "spo", "email", "mobile", "language"
# Headings as people write them, compared without case, spaces, dashes or underscores.
HEADINGS = {
    NAME: ("name", "fullname", "participant", "姓名", "名字", "学员姓名"),
    SPO: (
        "spo",
        "organization",
        "organisation",
        "cooperative",
        "coop",
        "小农组织",
        "合作社",
        "小农组织/合作社",
        "小农组织合作社",
        "组织",
        "所属组织",
        "组织名称",
        "合作社名称",
        "小农组织名称",
        "sponame",
        "单位",
    ),
    EMAIL: ("email", "mail", "emailaddress", "邮箱", "电子邮箱", "电子邮件", "邮件"),
    MOBILE: (
        "mobile",
        "phone",
        "mobilenumber",
        "mobilephone",
        "phonenumber",
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "联系电话",
    ),
    LANGUAGE: ("language", "lang", "语言"),
}
_HEADING_OF = {alias: column for column, aliases in HEADINGS.items() for alias in aliases}
_MAGIC_NOT_TABLES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!")
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; the caller translates it."""
    return message


class RosterFileError(ValueError):
    """The file cannot be read as a list of participants; says where, when it can."""

    def __init__(self, message: str, line: int | None = None, **params) -> None:
        """Keep the untranslated message, its line (if any) and its parameters."""
        if line is not None:
            params = {"line": line, **params}
        super().__init__(message % params if params else message)
        self.message, self.line, self.params = message, line, params


@dataclass(frozen=True)
class Row:
    """One participant's row: its line in the file and its cells by column."""

    line: int
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Roster:
    """The rows of a file, and the heading each column has in it (to name it in messages)."""

    rows: list[Row]
    headings: dict[str, str]


def read_roster(data: bytes, filename: str = "") -> Roster:
    """Return the participants in an uploaded CSV or XLSX file.

    Raises :class:`RosterFileError` for a file too large, too long, of another kind,
    in an unknown encoding, or without the columns a participant needs.
    """
    if len(data) > MAX_BYTES:
        raise RosterFileError(N_("The file is larger than 2 MB. Split it into smaller files."))
    if not data.strip():
        raise RosterFileError(N_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        table = _xlsx_rows(data)
    elif data.startswith(_OLD_EXCEL):
        raise RosterFileError(
            N_("This is an old Excel file (.xls). Save it as .xlsx or as CSV and upload that.")
        )
    elif data.startswith(_MAGIC_NOT_TABLES) or (b"\x00" in data and not _utf16(data)):
        raise RosterFileError(N_("This file is neither a CSV nor an XLSX file."))
    else:
        table = _csv_rows(decode_text(data))
    return _roster(table)


def decode_text(data: bytes) -> str:
    """Return the text of a CSV file: UTF-8 (with or without BOM), UTF-16 or GB18030."""
    if _utf16(data):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        line = data.count(b"\n", 0, first_bad) + 1
        raise RosterFileError(
            N_(
                "Line %(line)s is neither UTF-8 nor GB18030 text. "
                "In Excel, save the file as “CSV UTF-8” and upload it again."
            ),
            line=line,
        ) from None


class _Table(list):
    """Rows read so far, counting those with something in them."""

    filled = 0


def _utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """Return each record of a CSV text with the line it starts on."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows = _Table()
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise RosterFileError(
                N_("Line %(line)s cannot be read: check its quotation marks."),
                line=start,
            ) from None
        rows.append((start, record[:MAX_COLUMNS]))
        _check_length(rows)
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    """Return each row of an XLSX file's first sheet with its row number, as text."""
    from openpyxl import load_workbook  # loaded only when a spreadsheet comes

    try:
        # data_only=False: a formula is read as the text it is, never as its result.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise RosterFileError(N_("This file is neither a CSV nor an XLSX file.")) from None
    try:
        sheet = book.worksheets[0]
        rows = _Table()
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            rows.append((number, [_cell_text(value) for value in values]))
            _check_length(rows)
    finally:
        book.close()
    return rows


def _cell_text(value) -> str:
    """Return a spreadsheet cell as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a mobile number typed into a number cell
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _check_length(rows: _Table) -> None:
    """Stop reading past the heading and ``MAX_ROWS`` participants (blank rows bounded too)."""
    if len(rows) > 20 * MAX_ROWS:
        raise RosterFileError(
            N_("The file has more than %(limit)s rows. Split it into smaller files."),
            limit=20 * MAX_ROWS,
        )
    if any(rows[-1][1]):
        rows.filled += 1
    if rows.filled > MAX_ROWS + 1:
        raise RosterFileError(
            N_("The file has more than %(limit)s participants. Split it into smaller files."),
            limit=MAX_ROWS,
        )


def heading_key(text: str) -> str | None:
    """Return the column a heading names (``name``, ``spo``, ...), or None."""
    key = "".join(ch for ch in text.strip().casefold() if ch not in " _-\u3000\ufeff")
    return _HEADING_OF.get(key)


def _roster(table: list[tuple[int, list[str]]]) -> Roster:
    """Find the heading row (the first non-empty one) and read the rows under it."""
    table = [(line, [cell.strip() for cell in cells]) for line, cells in table]
    table = [(line, cells) for line, cells in table if any(cells)]
    if not table:
        raise RosterFileError(N_("The file is empty."))
    heading_line, heading_cells = table[0]
    columns: dict[int, str] = {}
    headings: dict[str, str] = {}
    for index, text in enumerate(heading_cells):
        column = heading_key(text)
        if column is None:
            continue  # a column of its own (a number, a note) is left out
        if column in headings:
            raise RosterFileError(
                N_("Line %(line)s: two columns are headed “%(first)s” and “%(second)s”."),
                line=heading_line,
                first=headings[column],
                second=text,
            )
        columns[index], headings[column] = column, text
    _check_headings(headings, heading_line)
    rows = [
        Row(line, {column: cells[i] if i < len(cells) else "" for i, column in columns.items()})
        for line, cells in table[1:]
    ]
    if not rows:
        raise RosterFileError(N_("The file has headings but no participants."))
    if len(rows) > MAX_ROWS:
        raise RosterFileError(
            N_("The file has more than %(limit)s participants. Split it into smaller files."),
            limit=MAX_ROWS,
        )
    return Roster(rows, headings)


def _check_headings(headings: dict[str, str], line: int) -> None:
    """Refuse a heading row without a name, an SPO, or an e-mail or mobile column."""
    if NAME not in headings or SPO not in headings:
        raise RosterFileError(
            N_(
                "Line %(line)s must head the columns: name (姓名), SPO (小农组织), "
                "e-mail (邮箱) and/or mobile (手机), and language (语言)."
            ),
            line=line,
        )
    if EMAIL not in headings and MOBILE not in headings:
        raise RosterFileError(
            N_("Line %(line)s: add a column for the e-mail (邮箱) or the mobile number (手机)."),
            line=line,
        )
