"""Reading an Excel workbook's cells safely, with the standard library only.

A workbook (``.xlsx``) is a zip of XML parts. This module refuses what cannot be a
submission before parsing anything (a file that is not a workbook, an encrypted one, a
macro-enabled one, one that links to other files, a zip bomb: see :data:`MAX_UNZIPPED` and
:data:`MAX_CELLS`) and returns each sheet's cells with what the reader needs to judge them:
their values (dates as dates, using the cells' number formats), whether they hold a formula
and its cached value, the merged ranges, and the hidden rows and columns.

openpyxl, which writes ``wcc``'s workbooks, is not used to read them: it costs several times
a whole YAML assessment to import and load (see README, "Spreadsheets"), and a reader of
untrusted files should check sizes before it parses.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from xml.etree import ElementTree

from wcc_assess.errors import InputError

__all__ = [
    "MAX_CELLS",
    "MAX_UNZIPPED",
    "Cell",
    "FormulaWithoutValue",
    "RawSheet",
    "RawWorkbook",
    "read_xlsx",
]

MAX_UNZIPPED = 32 * 1024 * 1024
"""The parts of a workbook may unpack to at most this (32 MB); a submission's is well under
1 MB, so more is refused before anything is unpacked (a zip bomb)."""
MAX_CELLS = 50_000
"""Cells (formatted or holding a value) across all sheets at most, counted before a sheet
is parsed; a full WCC submission has about 2,000, and reading this many takes about a second."""
MAX_PARTS = 2_000
"""Parts (files) in the zip at most."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DATE_BUILTINS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_DATE_CODE = re.compile(r"[dmyhs]")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class FormulaWithoutValue(NamedTuple):
    """A cell holding a formula that was never calculated (no cached value to read)."""

    formula: str


class Cell(NamedTuple):
    """One cell that holds something."""

    value: Any
    """Text, a number (int when whole and not a date), True/False, a date or datetime, an
    error text such as ``#REF!``, or :class:`FormulaWithoutValue`."""
    formula: bool = False
    """Whether the value is a formula's cached result."""
    error: bool = False
    """Whether the value is a spreadsheet error (``#DIV/0!``)."""


class RawSheet(NamedTuple):
    """A sheet's cells by (row, column), both 1-based."""

    name: str
    cells: dict[tuple[int, int], Cell]
    merged: list[tuple[int, int, int, int]]
    """Merged ranges: (first row, first column, last row, last column)."""
    hidden_rows: frozenset[int]
    hidden_columns: frozenset[int]
    hidden: bool
    """Whether the sheet itself is hidden."""


class RawWorkbook(NamedTuple):
    """Every sheet of a workbook, in the workbook's order."""

    sheets: list[RawSheet]


def _refuse(name: str, message: str, hint: str | None = None) -> InputError:
    return InputError.one(name, message, hint)


def _ole_problem(raw: bytes, name: str) -> InputError:
    if "EncryptedPackage".encode("utf-16-le") in raw:
        return _refuse(
            name,
            "the workbook is encrypted (it has a password to open it)",
            "remove the password (File > Info > Protect Workbook) and save it again",
        )
    return _refuse(
        name,
        "this is an Excel 97-2003 workbook (.xls), not an .xlsx workbook",
        "save it as an Excel Workbook (.xlsx)",
    )


def _open_zip(raw: bytes, name: str) -> zipfile.ZipFile:
    if raw.startswith(_OLE_MAGIC):
        raise _ole_problem(raw, name)
    if not raw.startswith(b"PK\x03\x04"):
        raise _refuse(
            name, "is not a workbook (.xlsx)", "save it from Excel or LibreOffice as .xlsx"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _refuse(name, "the workbook is damaged: it is not a readable zip file") from None
    _check_parts(archive, name)
    return archive


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs, macros and external links before unpacking anything."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise _refuse(name, f"the workbook holds more than {MAX_PARTS:,} parts")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED:
        raise _refuse(
            name,
            f"the workbook unpacks to {total // (1024 * 1024):,} MB, over the "
            f"{MAX_UNZIPPED // (1024 * 1024)} MB limit",
            "a submission's workbook unpacks to well under 1 MB; is this the right file?",
        )
    names = [info.filename.lower() for info in infos]
    if any(part.endswith("vbaproject.bin") for part in names):
        raise _refuse(
            name,
            "the workbook contains macros, which could run code when it is opened",
            "save it as an Excel Workbook (.xlsx) without macros",
        )
    if any(part.startswith("xl/externallinks/") for part in names):
        raise _refuse(
            name,
            "the workbook links to other workbooks (external links)",
            "a submission must stand alone: break the links (Data > Edit Links > Break "
            "Link) so that the values are typed in, and save it again",
        )


def _xml(
    archive: zipfile.ZipFile, part: str, name: str, cells: list[int] | None = None
) -> ElementTree.Element | None:
    """Parse one part of the workbook (None if it has none by that name).

    ``cells`` is what is left of the cell budget: a sheet holding more cells is refused
    before it is parsed.
    """
    try:
        data = archive.read(part)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise _refuse(name, f"the workbook is damaged: cannot unpack {part}") from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _refuse(name, f"the workbook's {part} declares XML entities, which no workbook needs")
    if cells is not None:  # counted in the text (quickly), so parsing never runs long
        cells[0] -= data.count(b"<c ") + data.count(b":c ")
        if cells[0] < 0:
            raise _refuse(
                name,
                f"the workbook holds more than {MAX_CELLS:,} cells",
                "a submission needs far fewer; is this the right file?",
            )
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise _refuse(name, f"the workbook is damaged: {part} is not well-formed XML") from None


def _ns(root: ElementTree.Element) -> str:
    return root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""


def _unescape(text: str) -> str:
    """Undo Excel's ``_xHHHH_`` escapes (characters XML cannot carry)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    root = _xml(archive, "xl/sharedStrings.xml", name)
    if root is None:
        return []
    ns = _ns(root)
    found = []
    for item in root.iter(f"{ns}si"):
        text = item.find(f"{ns}t")
        if text is not None:
            found.append(_unescape(text.text or ""))
        else:  # rich text: runs of text, phonetic hints left out
            found.append(_unescape("".join(t.text or "" for t in item.iter(f"{ns}t"))))
    return found


def _is_date_format(code: str) -> bool:
    return bool(_DATE_CODE.search(_QUOTED.sub("", code).lower()))


def _date_styles(archive: zipfile.ZipFile, name: str) -> frozenset[int]:
    """Return the indexes of the cell styles that show a number as a date."""
    root = _xml(archive, "xl/styles.xml", name)
    if root is None:
        return frozenset()
    ns = _ns(root)
    custom = {
        int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "") for fmt in root.iter(f"{ns}numFmt")
    }
    xfs = root.find(f"{ns}cellXfs")
    found = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in _DATE_BUILTINS or (fmt in custom and _is_date_format(custom[fmt])):
            found.add(index)
    return frozenset(found)


class _Context(NamedTuple):
    name: str
    strings: list[str]
    date_styles: frozenset[int]
    epoch: datetime
    tags: tuple[str, str, str, str] = ("v", "f", "is", "t")
    """The names of ``<v>``, ``<f>``, ``<is>`` and ``<t>`` in the sheets' namespace."""


def _number(text: str, style: int, context: _Context) -> Any:
    number = float(text)
    if style in context.date_styles:
        if number.is_integer():
            return (context.epoch + timedelta(days=int(number))).date()
        return context.epoch + timedelta(days=number)
    if number.is_integer() and "." not in text and "e" not in text.lower():
        return int(text)
    return number


# Long: one branch per cell type of the file format (shared or inline string, number,
# boolean, error, ISO date), each a line or two; read once per cell of every sheet.
def _cell(cell: ElementTree.Element, context: _Context) -> Cell | None:
    kind = cell.get("t", "n")
    formula: str | None = None
    text: str | None = None
    inline = ""
    value_tag, formula_tag, inline_tag, text_tag = context.tags
    for child in cell:  # one pass: <v>, <f>, <is>
        tag = child.tag
        if tag == value_tag:
            text = child.text
        elif tag == formula_tag:
            formula = child.text or ""
        elif tag == inline_tag:
            first = child[0] if len(child) == 1 else None
            if first is not None and first.tag == text_tag:  # plain text, no runs
                inline = first.text or ""
            else:
                inline = "".join(t.text or "" for t in child.iter(text_tag))
    has_formula = formula is not None
    if kind == "inlineStr":
        return Cell(_unescape(inline), has_formula)
    if text is None:
        return Cell(FormulaWithoutValue(formula)) if formula is not None else None
    if kind == "s":
        index = int(text)
        strings = context.strings
        return Cell(strings[index] if 0 <= index < len(strings) else "", has_formula)
    if kind == "str":
        return Cell(_unescape(text), has_formula)
    if kind == "b":
        return Cell(text.strip() == "1", has_formula)
    if kind == "e":
        return Cell(text, has_formula, error=True)
    if kind == "d":
        return Cell(_iso_moment(text), has_formula)
    try:
        return Cell(_number(text, int(cell.get("s", "0")), context), has_formula)
    except (ValueError, OverflowError):
        return Cell(text, has_formula)


def _iso_moment(text: str) -> date | datetime | str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.date() if moment.time() == datetime.min.time() else moment


@functools.lru_cache(maxsize=65_536)
def _where(ref: str) -> tuple[int, int]:
    """``E14`` → (14, 5)."""
    column = 0
    index = 0
    for index, char in enumerate(ref):  # noqa: B007 - the index is wanted after the loop
        if char.isdigit():
            break
        column = column * 26 + (ord(char.upper()) - 64)
    return int(ref[index:]), column


def _range(ref: str) -> tuple[int, int, int, int]:
    first, _, last = ref.partition(":")
    top, left = _where(first)
    bottom, right = _where(last or first)
    return top, left, bottom, right


def _hidden_columns(root: ElementTree.Element, ns: str) -> frozenset[int]:
    found: set[int] = set()
    for col in root.iter(f"{ns}col"):
        if col.get("hidden") in ("1", "true"):
            low, high = int(col.get("min", "1")), int(col.get("max", "1"))
            found.update(range(low, min(high, low + 200) + 1))
    return frozenset(found)


def _sheet(root: ElementTree.Element, title: str, hidden: bool, context: _Context) -> RawSheet:
    ns = _ns(root)
    context = context._replace(tags=(f"{ns}v", f"{ns}f", f"{ns}is", f"{ns}t"))
    cells: dict[tuple[int, int], Cell] = {}
    hidden_rows: set[int] = set()
    inline_tag, text_tag = context.tags[2], context.tags[3]
    for row in root.iter(f"{ns}row"):
        number = int(row.get("r", "0"))
        if row.get("hidden") in ("1", "true"):
            hidden_rows.add(number)
        for node in row:
            if not len(node):  # an empty cell: formatting only
                continue
            text = _plain_text(node, inline_tag, text_tag)
            cell = _cell(node, context) if text is None else Cell(text)
            if cell is not None and cell.value != "":
                ref = node.get("r")
                cells[_where(ref) if ref else (number, len(cells) + 1)] = cell
    merged = [_range(m.get("ref", "A1")) for m in root.iter(f"{ns}mergeCell")]
    return RawSheet(title, cells, merged, frozenset(hidden_rows), _hidden_columns(root, ns), hidden)


def _plain_text(node: ElementTree.Element, inline_tag: str, text_tag: str) -> str | None:
    """Return the text of the commonest cell, ``<is><t>text</t></is>``, quickly; else None."""
    holder = node[0]  # the caller has seen a child
    if holder.tag != inline_tag or len(node) != 1 or len(holder) != 1:
        return None
    inner = holder[0]
    if inner.tag != text_tag or node.get("t") != "inlineStr":
        return None
    text = inner.text or ""
    return _unescape(text) if "_x" in text else text


def _sheet_parts(archive: zipfile.ZipFile, name: str) -> list[tuple[str, str, bool]]:
    """Each sheet's (title, part, hidden), in the workbook's order."""
    book = _xml(archive, "xl/workbook.xml", name)
    rels = _xml(archive, "xl/_rels/workbook.xml.rels", name)
    if book is None or rels is None:
        raise _refuse(name, "is not an Excel workbook: it has no xl/workbook.xml part")
    ns = _ns(book)
    if book.find(f"{ns}externalReferences") is not None:
        raise _refuse(name, "the workbook links to other workbooks (external links)")
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{{{_PKG_REL}}}Relationship")
    }
    found = []
    for sheet in book.iter(f"{ns}sheet"):
        rel_id = sheet.get(f"{{{_REL}}}id") or sheet.get(
            "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
        )
        target = targets.get(rel_id, "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        hidden = sheet.get("state", "visible") != "visible"
        found.append((sheet.get("name", ""), part, hidden))
    return found


def _epoch(archive: zipfile.ZipFile, name: str) -> datetime:
    book = _xml(archive, "xl/workbook.xml", name)
    pr = book.find(f"{_ns(book)}workbookPr") if book is not None else None
    if pr is not None and pr.get("date1904") in ("1", "true"):
        return datetime(1904, 1, 1)
    return datetime(1899, 12, 30)


def read_xlsx(raw: bytes, name: str, skip: frozenset[str] = frozenset()) -> RawWorkbook:
    """Return every sheet of the workbook ``raw`` (named ``name`` in messages).

    The sheets named in ``skip`` are listed without their cells (not parsed).

    Raises :class:`InputError` for a file that is not a workbook, an encrypted one, one
    with macros or external links, and one that unpacks to more than :data:`MAX_UNZIPPED`
    bytes or holds more than :data:`MAX_CELLS` cells.
    """
    with _open_zip(raw, name) as archive:
        context = _Context(
            name, _shared_strings(archive, name), _date_styles(archive, name), _epoch(archive, name)
        )
        budget = [MAX_CELLS]
        sheets = []
        for title, part, hidden in _sheet_parts(archive, name):
            if title in skip:
                sheets.append(RawSheet(title, {}, [], frozenset(), frozenset(), hidden))
                continue
            root = _xml(archive, part, name, budget)
            if root is None:
                raise _refuse(name, f"the workbook is damaged: its sheet {title!r} is missing")
            sheets.append(_sheet(root, title, hidden, context))
    return RawWorkbook(sheets)
