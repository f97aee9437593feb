"""Helpers for the workbook tests: write a submission's workbook, change it as people do."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import EXAMPLES
from wcc_assess.io.reading import read_document
from wcc_assess.render.workbook import submission_workbook
from wcc_assess.usecases.frameworks import resolve_framework

EXAMPLE = EXAMPLES / "westmarsh-2026-27.yaml"
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"


def workbook_of(source: Path) -> bytes:
    """The workbook of a YAML submission (what ``wcc convert`` writes)."""
    data = read_document(source).data
    return submission_workbook(resolve_framework(data["framework"]), data)


def edited(raw: bytes, change: Callable[[openpyxl.Workbook], Any]) -> bytes:
    """Open a workbook with openpyxl, change it, save it: as a person would in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(raw))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def patched(
    raw: bytes, part: str, change: Callable[[str], str] | None = None, *, add: bytes | None = None
) -> bytes:
    """Rewrite one part of the workbook's zip (its XML text), or add a part."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part and change is not None:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
        if add is not None:
            target.writestr(part, add)
    return out.getvalue()


def sheet_part(raw: bytes, title: str) -> str:
    """The zip part of a sheet, by its title."""
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    index = book.sheetnames.index(title) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def row_of(raw: bytes, sheet: str, column: str, value: str) -> int:
    """The row whose ``column`` holds ``value`` (an indicator's id, say)."""
    book = openpyxl.load_workbook(io.BytesIO(raw))
    for cell in book[sheet][column]:
        if cell.value == value:
            return int(cell.row)
    raise LookupError(value)


def with_formula(raw: bytes, sheet: str, ref: str, formula: str, cached: str | None) -> bytes:
    """Put a formula in a cell, with a cached value as a spreadsheet saves it, or none."""
    value = f"<v>{cached}</v>" if cached is not None else ""

    def change(xml: str) -> str:
        pattern = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', re.S)
        cell = f'<c r="{ref}"><f>{formula}</f>{value}</c>'
        assert pattern.search(xml), ref
        return pattern.sub(cell, xml, count=1)

    return patched(raw, sheet_part(raw, sheet), change)
