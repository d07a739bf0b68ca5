"""Draw a spec of kind ``sheet`` as an XLSX workbook (see templates/README.md)."""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from spec import AUTHOR, FIXED_DATE, SpecError, say

FONTS = {"en": "Calibri", "zh": "Microsoft YaHei"}
FORMATS = {
    "date": "yyyy-mm-dd",
    "money": "#,##0.00;[Red]-#,##0.00",
    "number": "#,##0.##",
    "percent": "0.0%",
}
# What the drop-downs and checks say when a value does not fit.
MESSAGES = {
    "en": {
        "date": "Enter a date, for example 2026-01-15.",
        "number": "Enter a number of 0 or more.",
        "percent": "Enter a percentage from 0 % to 100 %.",
        "choice": "Choose one of the values in the list.",
        "title": "Check this value",
    },
    "zh": {
        "date": "请输入日期，例如 2026-01-15。",
        "number": "请输入大于或等于 0 的数字。",
        "percent": "请输入 0% 到 100% 之间的百分比。",
        "choice": "请从下拉列表中选择。",
        "title": "请检查输入",
    },
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_THIN = Side(style="thin", color="A6A6A6")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")


def display_width(text: str) -> int:
    """Count the columns ``text`` takes: CJK characters are twice as wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _rows(spec: dict) -> list[dict]:
    """Return every row of the table as a mapping: examples, blank rows, the totals row."""
    rows = []
    for row in spec.get("rows") or []:
        rows.append(row if isinstance(row, dict) else {"cells": row})
    rows += [{"cells": []} for _ in range(spec.get("blank_rows", 0))]
    return rows


def _formula(text: str, names: dict[str, int], row: int, column: int) -> str:
    """Fill a formula's placeholders for the cell at ``row`` and ``column``."""
    values = {
        **{key: str(value) for key, value in names.items()},
        "row": str(row),
        "prev": str(row - 1),
        "col": get_column_letter(column),
        "prevcol": get_column_letter(max(1, column - 1)),
    }

    def replace(match: re.Match) -> str:
        if match.group(1) not in values:
            raise SpecError(f"unknown name {{{match.group(1)}}} in formula {text!r}")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(replace, text)


def _validate(sheet, columns: list[dict], language: str, first: int, last: int) -> None:
    """Add a drop-down or a check to each column whose type asks for one."""
    words = MESSAGES[language]
    for index, column in enumerate(columns, start=1):
        kind = column.get("type", "text")
        if kind == "choice":
            choices = [say(choice, language) for choice in column["choices"][language]]
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"')
            message = words["choice"]
        elif kind == "date":
            rule = DataValidation(
                type="date", operator="between", formula1="36526", formula2="73051"
            )
            message = words["date"]
        elif kind in ("number", "money"):
            rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            message = words["number"]
        elif kind == "percent":
            rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="1")
            message = words["percent"]
        else:
            continue
        if column.get("formula"):
            continue  # a worked-out column: nothing to type in
        rule.error, rule.errorTitle, rule.showErrorMessage = message, words["title"], True
        letter = get_column_letter(index)
        rule.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(rule)


def build_sheet(spec: dict, language: str) -> bytes:
    """Return the workbook ``spec`` describes, in ``language``."""
    book = Workbook()
    sheet = book.active
    sheet.title = say(spec.get("sheet", spec["title"]), language)[:31]
    font = FONTS[language]
    columns = spec["columns"]
    count = len(columns)
    title = say(spec["title"], language)
    sheet["A1"] = title
    sheet["A1"].font = Font(name=font, size=14, bold=True)
    sheet["A2"] = say(spec["intro"], language)
    sheet["A2"].font = Font(name=font, italic=True)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=count)
    fields = spec.get("fields") or []
    header_row = 4 + len(fields)
    for offset, field in enumerate(fields, start=3):
        label = sheet.cell(offset, 1, say(field, language))
        label.font = Font(name=font, bold=True)
        end_column = max(2, min(count, 4))
        for column in range(2, end_column + 1):
            sheet.cell(offset, column).border = Border(bottom=_THIN)
        sheet.merge_cells(start_row=offset, start_column=2, end_row=offset, end_column=end_column)
    widths = []
    for index, column in enumerate(columns, start=1):
        header = say(column["header"], language)
        cell = sheet.cell(header_row, index, header)
        cell.font = Font(name=font, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = Border(bottom=_THIN, top=_THIN, left=_THIN, right=_THIN)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        width = max(column.get("width", 12), min(display_width(header) + 2, 30))
        sheet.column_dimensions[get_column_letter(index)].width = width
        widths.append(width)
    total_width = sum(widths)
    intro_lines = display_width(sheet["A2"].value) // max(1, int(total_width * 1.1)) + 1
    sheet.row_dimensions[2].height = 15 * intro_lines + 4
    rows = _rows(spec)
    first = header_row + 1
    last = first + len(rows) - 1
    names = {"first": first, "last": last}
    names.update({row["id"]: first + i for i, row in enumerate(rows) if "id" in row})
    for offset, row in enumerate(rows):
        _write_row(sheet, row, first + offset, columns, names, language, font)
    end = last
    totals = spec.get("totals")
    if totals:
        end = last + 1
        row = {"style": "total", "cells": [totals["label"]]}
        _write_row(sheet, row, end, columns, names, language, font)
        for number in totals["sum"]:
            letter = get_column_letter(number)
            sheet.cell(end, number, f"=SUM({letter}{first}:{letter}{last})")
    for offset, note in enumerate(spec.get("notes") or [], start=2):
        cell = sheet.cell(end + offset, 1, say(note, language))
        cell.font = Font(name=font, italic=True, color="595959")
    _validate(sheet, columns, language, first, last)
    sheet.freeze_panes = sheet.cell(header_row + 1, spec.get("freeze_columns", 0) + 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(count)}{end}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    properties = book.properties
    properties.title, properties.creator, properties.lastModifiedBy = title, AUTHOR, AUTHOR
    properties.language = "zh-CN" if language == "zh" else "en"
    properties.created = properties.modified = FIXED_DATE
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _write_row(sheet, row: dict, number: int, columns, names, language: str, font: str) -> None:
    """Write one table row: its cells, then the formulas for the cells it leaves empty."""
    style = row.get("style")
    cells = row.get("cells") or []
    for index, column in enumerate(columns, start=1):
        value = cells[index - 1] if index <= len(cells) else None
        if value is None and style != "section":
            # The label column is never filled; a row's own formula comes before the column's.
            value = (index > 1 and row.get("fill")) or column.get("formula")
        if isinstance(value, dict):
            value = say(value, language)
        if isinstance(value, str) and value.startswith("="):
            value = _formula(value, names, number, index)
        cell = sheet.cell(number, index, value)
        kind = column.get("type", "text")
        if kind in FORMATS:
            cell.number_format = FORMATS[kind]
        cell.font = Font(name=font, bold=style in ("total", "section"))
        cell.border = Border(left=_THIN, right=_THIN, bottom=_THIN, top=_THIN)
        cell.alignment = Alignment(wrap_text=kind in ("text", "choice"), vertical="top")
        if style == "section":
            cell.fill = _SECTION_FILL
        if style == "total":
            cell.border = Border(left=_THIN, right=_THIN, bottom=_THIN, top=Side(style="medium"))
