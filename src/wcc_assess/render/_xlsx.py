"""What every workbook ``wcc`` writes shares: safe text cells, styles, reproducible bytes.

- Text is always stored as text, never as a formula (a narrative starting with ``=`` stays
  a narrative), with the quote prefix that keeps a spreadsheet from turning it into one
  when the cell is edited; characters XML cannot carry are written with the format's own
  ``_xHHHH_`` escape, so that nothing is lost (the reader undoes it).
- The bytes are reproducible: the zip entries' times and the document's created and
  modified times are fixed (``SOURCE_DATE_EPOCH`` when set), so the same inputs give the
  same file.

openpyxl is imported here, and this module only when a workbook is written.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, date, datetime
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "CENTRED",
    "INPUT_FILL",
    "LOCKED_FILL",
    "MAX_CELL_TEXT",
    "put",
    "reproducible_bytes",
    "style_frame",
    "text_value",
]

MAX_CELL_TEXT = 32_767
"""The most characters a spreadsheet cell holds."""

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
LOCKED_FILL = PatternFill("solid", fgColor="FFE7E6E6")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="FF1F4E79")
_THIN = Side(style="thin", color="FFBFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="top")
_DEFAULT_TIME = datetime(2000, 1, 1, tzinfo=UTC)


def text_value(text: str) -> str:
    """Escape what a cell's XML cannot carry (control characters, carriage returns)."""
    return _XML_ILLEGAL.sub(lambda match: f"_x{ord(match[0]):04X}_", text)


def put(sheet: Worksheet, row: int, column: int, value: Any, *, locked: bool = True) -> Cell:
    """Write ``value`` to a cell: text as text (never a formula), numbers and dates as such."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell), "a merged cell takes no value"
    if isinstance(value, str):
        cell.value = text_value(value)
        cell.data_type = "s"
        if value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True
    elif isinstance(value, date) and not isinstance(value, datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, float) and not isinstance(value, bool):
        cell.value = value
        if value == value and float(f"{value:.16g}") != value:  # needs its 17th digit
            exact: dict[str, str] = sheet.__dict__.setdefault("_wcc_exact", {})
            exact[cell.coordinate] = repr(value)
    elif value is not None:
        cell.value = value
    cell.protection = Protection(locked=locked)
    cell.alignment = WRAP
    cell.border = BORDER
    cell.fill = LOCKED_FILL if locked else INPUT_FILL
    return cell


def style_frame(sheet: Worksheet, title: str, note: str, last_column: int) -> None:
    """Write a sheet's title (row 1) and note (row 2, across the sheet)."""
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    note_cell = sheet.cell(row=2, column=1, value=note)
    note_cell.alignment = WRAP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(last_column, 4))
    sheet.row_dimensions[2].height = 15 * max(2, len(note) // (12 * max(last_column, 4)) + 1)


def header(sheet: Worksheet, row: int, column: int, label: str) -> None:
    """Write a column's label: bold white on dark blue, wrapped."""
    cell = sheet.cell(row=row, column=column, value=label)
    cell.font = Font(bold=True, color="FFFFFFFF")
    cell.fill = HEADER_FILL
    cell.alignment = WRAP
    cell.border = BORDER


def key(sheet: Worksheet, row: int, column: int, name: str) -> None:
    """Write a column's key (the field it holds): small and grey."""
    cell = sheet.cell(row=row, column=column, value=name)
    cell.font = Font(size=8, italic=True, color="FF595959")
    cell.fill = LOCKED_FILL


def print_setup(sheet: Worksheet, title_rows: str = "3:4") -> None:
    """A4 landscape, one page wide, the labels repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = title_rows
    sheet.print_options.gridLines = False


def protect(sheet: Worksheet) -> None:
    """Lock the cells written by ``wcc``: protection without a password."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _moment() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else _DEFAULT_TIME
    except (ValueError, OverflowError, OSError):
        moment = _DEFAULT_TIME
    return max(moment, datetime(1980, 1, 1, tzinfo=UTC))


_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)
"""A cell: an empty one closes itself (``<c r="G5" s="3"/>``) and must not swallow the next."""
_VALUE = re.compile(rb"<v>[^<]*</v>")


def _exact_numbers(xml: bytes, exact: dict[str, str]) -> bytes:
    """Write every digit of the numbers that need 17 (openpyxl writes 16)."""

    def cell(match: re.Match[bytes]) -> bytes:
        found = exact.get(match[1].decode())
        if found is None:
            return match[0]
        return _VALUE.sub(b"<v>" + found.encode() + b"</v>", match[0], count=1)

    return _CELL.sub(cell, xml)


def reproducible_bytes(book: Workbook) -> bytes:
    """Return the workbook's bytes with fixed times, so that the same content is the same file.

    The document's created and modified times and every zip entry's time are
    ``SOURCE_DATE_EPOCH`` when it is set, else 2000-01-01.
    """
    moment = _moment()
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    exact = {
        f"xl/worksheets/sheet{index}.xml": sheet.__dict__.get("_wcc_exact", {})
        for index, sheet in enumerate(book.worksheets, start=1)
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<3>", data)
            if exact.get(info.filename):
                data = _exact_numbers(data, exact[info.filename])
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()
