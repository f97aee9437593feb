"""A submission as a workbook a governance officer can fill in.

What ``wcc init --format xlsx`` and ``wcc convert`` to ``.xlsx`` write.

The sheets are laid out as :mod:`wcc_assess.models.workbook` says (the reader,
:mod:`wcc_assess.io.workbook`, reads them back); the words on them come from
:mod:`wcc_assess.render._words`. Drop-downs offer the scale's levels (and Not assessed),
red, amber and green, the indicators' ids; date cells take dates only. The columns ``wcc``
writes (ids, titles, descriptors) are locked on the protected sheets (no password).

The writer takes the submission's plain data (what its YAML gives): every value is written
as it is, so a draft with levels still to rate converts as faithfully as a finished one.
What the data holds must fit the layout (:func:`wcc_assess.core.placement.unplaced`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from wcc_assess.models.assurance import Rag
from wcc_assess.models.framework import Framework
from wcc_assess.models.workbook import (
    ACTIONS,
    CHOICE_NOT_ASSESSED,
    COVER,
    EVIDENCE,
    FIRST_ROW,
    GOVERNANCE,
    HEADER_ROW,
    LISTS_SHEET,
    OUTCOMES,
    PANEL,
    PAPER,
    RATINGS,
    TRAJECTORY,
    CellKind,
    Column,
    FormSheet,
    Hierarchy,
    SheetTable,
    Table,
)
from wcc_assess.render import _xlsx
from wcc_assess.render._words import (
    COLUMN_LABELS,
    SHEET_NOTES,
    SHEET_TITLES,
    TABLE_LABELS,
    column_label,
    descriptor_label,
    field_label,
    level_choices_error,
    rag_descriptor_label,
)

__all__ = ["submission_workbook"]

SPARE_ROWS = 500
"""Rows below a table's records that have its drop-downs and checks, for new records."""
_LAST_DATE = 73_050  # 2099-12-31 as a serial number


class _Book:
    """The workbook being written, and the drop-down lists it shares."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.book = Workbook()
        self.book.remove(self.book.active)  # type: ignore[arg-type]
        self.lists: Worksheet | None = None
        self.list_count = 0

    def sheet(self, name: str, last_column: int) -> Worksheet:
        sheet: Worksheet = self.book.create_sheet(name)
        _xlsx.style_frame(sheet, SHEET_TITLES[name], SHEET_NOTES[name], last_column)
        return sheet

    def id_list(self, ids: list[str]) -> str:
        """Return a range of the hidden list sheet holding ``ids``, for a drop-down."""
        if self.lists is None:
            self.lists = self.book.create_sheet(LISTS_SHEET)
            self.lists.sheet_state = "hidden"
        self.list_count += 1
        column = self.list_count  # one column a list
        for row, value in enumerate(ids, start=1):
            _xlsx.put(self.lists, row, column, value)
        letter = get_column_letter(column)
        return f"{LISTS_SHEET}!${letter}$1:${letter}${max(len(ids), 1)}"


def _validation(kind: CellKind, framework: Framework, column: Column) -> DataValidation | None:
    """Return the drop-down or check of a column, by what it holds."""
    if kind is CellKind.LEVEL:
        offered = ",".join([*map(str, framework.levels), CHOICE_NOT_ASSESSED])
        check = DataValidation(type="list", formula1=f'"{offered}"', allow_blank=True)
        check.error = level_choices_error(framework.levels)
    elif kind is CellKind.RAG:
        offered = ",".join([*(rating.value for rating in Rag), CHOICE_NOT_ASSESSED])
        check = DataValidation(type="list", formula1=f'"{offered}"', allow_blank=True)
        check.error = "Choose red, amber or green, or Not assessed."
    elif kind is CellKind.CHOICE:
        check = DataValidation(
            type="list", formula1=f'"{",".join(column.choices)}"', allow_blank=True
        )
        check.error = "Choose one of: " + ", ".join(column.choices) + "."
    elif kind is CellKind.DATE:
        check = DataValidation(
            type="date",
            operator="between",
            formula1="1",
            formula2=str(_LAST_DATE),
            allow_blank=True,
        )
        check.error = "Type a date, e.g. 2026-10-14."
    else:
        return None
    check.showErrorMessage = True
    check.errorTitle = "Not a valid entry"
    return check


def _validate(
    sheet: Worksheet, framework: Framework, column: Column, index: int, rows: range
) -> None:
    check = _validation(column.kind, framework, column)
    if check is not None and len(rows):
        letter = get_column_letter(index)
        check.add(f"{letter}{rows.start}:{letter}{rows.stop - 1}")
        sheet.add_data_validation(check)


def _frame_columns(
    sheet: Worksheet, columns: list[tuple[str, str, int]], row: int = HEADER_ROW
) -> None:
    """Write each column's label and key, and set its width."""
    for index, (key, label, width) in enumerate(columns, start=1):
        _xlsx.header(sheet, row, index, label)
        _xlsx.key(sheet, row + 1, index, key)
        sheet.column_dimensions[get_column_letter(index)].width = width


_TEXT_KINDS = (CellKind.TEXT, CellKind.ID, CellKind.PERIOD, CellKind.IDS, CellKind.ITEMS)
_COLUMN_FORMATS = {
    CellKind.TEXT: "@",
    CellKind.ID: "@",
    CellKind.IDS: "@",
    CellKind.ITEMS: "@",
    CellKind.PERIOD: "@",
    CellKind.DATE: "yyyy-mm-dd",
}


def _height(texts: list[tuple[str, int]]) -> float | None:
    """Return a row's height showing its wrapped texts whole (points); None for one line."""
    lines = max(
        (math.ceil(len(text) / max(width * 1.05, 8)) for text, width in texts if text), default=1
    )
    return None if lines <= 1 else min(409.0, 15.0 * lines)


def _text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- Cover and Panel ---------------------------------------------------------------------


def _form_rows(form: FormSheet, framework: Framework) -> Iterator[tuple[tuple[str, ...], CellKind]]:
    for path, kind in zip(form.fields, form.kinds, strict=True):
        if path[-1] == "*":
            for domain in framework.domains:
                yield (*path[:-1], domain.id), kind
        else:
            yield path, kind


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _write_form(book: _Book, form: FormSheet, data: dict[str, Any]) -> None:
    sheet = book.sheet(form.name, 4)
    _frame_columns(
        sheet,
        [
            ("field", COLUMN_LABELS["field"], 20),
            ("label", "", 32),
            ("value", COLUMN_LABELS["value"], 40),
            ("help", COLUMN_LABELS["help"], 56),
        ],
    )
    titles = {domain.id: domain.title for domain in book.framework.domains}
    row = FIRST_ROW
    for path, kind in _form_rows(form, book.framework):
        label, guide = field_label(path, titles)
        _xlsx.put(sheet, row, 1, ".".join(path))
        _xlsx.put(sheet, row, 2, label).font = Font(bold=True)
        cell = _xlsx.put(sheet, row, 3, _get(data, path), locked=path == ("framework",))
        if kind in (CellKind.TEXT, CellKind.PERIOD):
            cell.number_format = "@"
        _xlsx.put(sheet, row, 4, guide)
        _validate(sheet, book.framework, Column(".".join(path), kind), 3, range(row, row + 1))
        row += 1
    for table in form.tables:
        row = _write_records(
            book,
            sheet,
            table.columns,
            _table_records(table, _get(data, table.path)),
            row + 1,
            label=TABLE_LABELS[table.key],
            marker=table.key,
            ids=_ids_of(book.framework, table),
        )
    _xlsx.protect(sheet)
    _xlsx.print_setup(sheet)
    sheet.freeze_panes = f"A{FIRST_ROW}"


def _table_records(table: Table, value: Any) -> list[dict[str, Any]]:
    """Return a form's table as records: a keyed one's mapping with its key as a column."""
    if not table.keyed:
        return value if isinstance(value, list) else []
    key = table.columns[0].key
    return [
        {key: name, **(record if isinstance(record, dict) else {})}
        for name, record in (value.items() if isinstance(value, dict) else [])
    ]


def _ids_of(framework: Framework, table: Table) -> tuple[str, ...]:
    """Return the ids a form table's id column offers: domains, governance areas, or both."""
    domains = tuple(domain.id for domain in framework.domains)
    areas = tuple(a.id for a in (framework.governance.areas if framework.governance else []))
    first = table.columns[0]
    if first.kind is not CellKind.ID:
        return ()
    if table.key == "enquiries":
        return domains + areas
    return areas if first.key == "area" else domains


def _write_records(
    book: _Book,
    sheet: Worksheet,
    columns: tuple[Column, ...],
    records: list[dict[str, Any]],
    first: int,
    *,
    label: str | None = None,
    marker: str | None = None,
    spare: int = 12,
    checked: int = 0,
    ids: tuple[str, ...] = (),
) -> int:
    """Write a table's records from ``first`` (with its own label and key rows in a form).

    ``spare`` empty rows are formatted for new records (on a protected sheet, to unlock
    them); the drop-downs and checks reach ``checked`` rows further, and every column
    takes the number format of what it holds (text stays text as it is typed). ``ids``:
    the drop-down of an id column. Returns the row below the table.
    """
    offset = 0
    if marker is not None:  # a table ending a form sheet: its key row names it in column A
        _xlsx.header(sheet, first, 1, label or "")
        _xlsx.key(sheet, first + 1, 1, marker)
        for index, column in enumerate(columns, start=2):
            text = COLUMN_LABELS.get(f"{marker}.{column.key}") or COLUMN_LABELS[column.key]
            _xlsx.header(sheet, first, index, text)
            _xlsx.key(sheet, first + 1, index, column.key)
        first, offset = first + 2, 1
    for number, record in enumerate([*records, *([{}] * spare)]):
        row = first + number
        texts = []
        for index, column in enumerate(columns, start=1 + offset):
            value = _get(record, tuple(column.key.split(".")))
            if column.kind is CellKind.IDS and isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            elif column.kind is CellKind.ITEMS and isinstance(value, list):
                value = "; ".join(str(item) for item in value)
            cell = _xlsx.put(sheet, row, index, value, locked=False)
            if column.kind in _TEXT_KINDS and not isinstance(value, (int, float)):
                cell.number_format = "@"
            texts.append((_text_of(value), column.width))
        sheet.row_dimensions[row].height = _height(texts)
    rows = range(first, first + len(records) + max(spare, checked))
    for index, column in enumerate(columns, start=1 + offset):
        offered = ",".join(ids)
        if column.kind is CellKind.ID and ids and len(offered) <= 250:  # a list's limit
            column = column._replace(kind=CellKind.CHOICE, choices=ids)
        _validate(sheet, book.framework, column, index, rows)
        if checked:
            fmt = _COLUMN_FORMATS.get(column.kind)
            sheet.column_dimensions[get_column_letter(index)].number_format = fmt or "General"
    return first + len(records) + spare


# --- Ratings and Governance --------------------------------------------------------------


class _Group(NamedTuple):
    id: str
    title: str
    statement: str
    members: list[tuple[str, str, list[str]]]
    """Each member's id, title and descriptors (in the descriptor columns' order)."""


def _groups(layout: Hierarchy, framework: Framework) -> tuple[list[tuple[str, str]], list[_Group]]:
    """Return the descriptor columns (key, label) and every group of the sheet."""
    if layout is RATINGS:
        columns = [
            (f"descriptor.{level}", descriptor_label(level, framework.label(level)))
            for level in framework.levels
        ]
        groups = [
            _Group(
                d.id,
                d.title,
                d.statement,
                [
                    (i.id, i.title, [i.descriptors[level] for level in framework.levels])
                    for i in d.indicators
                ],
            )
            for d in framework.domains
        ]
        return columns, groups
    assert framework.governance is not None
    ratings = (Rag.GREEN, Rag.AMBER, Rag.RED)
    columns = [(f"descriptor.{r.value}", rag_descriptor_label(r)) for r in ratings]
    groups = [
        _Group(
            a.id,
            a.title,
            a.statement,
            [(s.id, s.title, [s.descriptors.of(r) for r in ratings]) for s in a.sub_indicators],
        )
        for a in framework.governance.areas
    ]
    return columns, groups


def _offered(groups: list[_Group], framework: Framework, entries: dict[Any, Any]) -> list[_Group]:
    """Leave out the rows of what this framework version does not rate.

    That is WCC's C11 in its first year, left out as the YAML form leaves it out, unless
    the submission rates it all the same (accepted with a warning).
    """
    unrated = {entry.id for entry in framework.scoring.not_rated}
    kept = []
    for group in groups:
        if group.id in unrated and group.id not in entries:
            continue
        given = entries.get(group.id)
        given = given if isinstance(given, dict) else {}
        members = [m for m in group.members if m[0] not in unrated or m[0] in given]
        kept.append(group._replace(members=members))
    return kept


def _entry_cells(entry: Any, layout: Hierarchy) -> dict[str, Any]:
    """Return a member's (or group's) values by column; Not assessed in the rating's."""
    if not isinstance(entry, dict):
        return {}
    cells = {key: value for key, value in entry.items() if key != "evidence"}
    if "not_assessed" in entry:
        cells[layout.rating.key] = CHOICE_NOT_ASSESSED
    return cells


def _write_hierarchy(book: _Book, layout: Hierarchy, section: Any) -> None:
    framework = book.framework
    descriptors, groups = _groups(layout, framework)
    columns = [
        (layout.group, COLUMN_LABELS[layout.group], 9),
        (layout.member, COLUMN_LABELS[layout.member], 11),
        ("title", COLUMN_LABELS["title"], 26),
    ]
    columns += [(key, label, 30) for key, label in descriptors]
    first_input = len(columns) + 1
    columns += [(column.key, COLUMN_LABELS[column.key], column.width) for column in layout.inputs]
    sheet = book.sheet(layout.name, len(columns))
    _frame_columns(sheet, columns)
    entries = section if isinstance(section, dict) else {}
    row = FIRST_ROW
    for group in _offered(groups, framework, entries):
        group_entry = entries.get(group.id)
        _group_row(
            sheet,
            layout,
            group,
            _entry_cells(
                group_entry
                if isinstance(group_entry, dict) and "not_assessed" in group_entry
                else {},
                layout,
            ),
            row,
            first_input,
            len(descriptors),
        )
        row += 1
        for member_id, title, texts in group.members:
            member = group_entry.get(member_id) if isinstance(group_entry, dict) else None
            _member_row(
                sheet,
                layout,
                (member_id, title, texts),
                _entry_cells(member, layout),
                row,
                first_input,
            )
            row += 1
    for offset, column in enumerate(layout.inputs):
        _validate(sheet, framework, column, first_input + offset, range(FIRST_ROW, row))
    _xlsx.protect(sheet)
    _xlsx.print_setup(sheet)
    sheet.freeze_panes = f"D{FIRST_ROW}"


def _group_row(
    sheet: Worksheet,
    layout: Hierarchy,
    group: _Group,
    cells: dict[str, Any],
    row: int,
    first_input: int,
    span: int,
) -> None:
    _xlsx.put(sheet, row, 1, group.id).font = Font(bold=True)
    _xlsx.put(sheet, row, 2, None)
    _xlsx.put(sheet, row, 3, group.title).font = Font(bold=True)
    _xlsx.put(sheet, row, 4, group.statement).font = Font(italic=True)
    for column in range(5, 4 + span):
        _xlsx.put(sheet, row, column, None)
    sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=3 + span)
    for offset, entry in enumerate(layout.inputs):
        takes = entry.key in layout.group_inputs
        _xlsx.put(
            sheet,
            row,
            first_input + offset,
            cells.get(entry.key) if takes else None,
            locked=not takes,
        )
    sheet.row_dimensions[row].height = _height([(group.statement, 30 * span)])


def _member_row(
    sheet: Worksheet,
    layout: Hierarchy,
    member: tuple[str, str, list[str]],
    cells: dict[str, Any],
    row: int,
    first_input: int,
) -> None:
    member_id, title, texts = member
    _xlsx.put(sheet, row, 1, None)
    _xlsx.put(sheet, row, 2, member_id)
    _xlsx.put(sheet, row, 3, title)
    for offset, text in enumerate(texts):
        _xlsx.put(sheet, row, 4 + offset, text)
    heights = [(text, 30) for text in texts]
    for offset, column in enumerate(layout.inputs):
        value = cells.get(column.key)
        cell = _xlsx.put(sheet, row, first_input + offset, value, locked=False)
        if column.kind in (CellKind.LEVEL, CellKind.RAG):
            cell.alignment = _xlsx.CENTRED
        if column.kind is CellKind.TEXT:
            cell.number_format = "@"
            heights.append((_text_of(value), column.width))
    sheet.row_dimensions[row].height = _height(heights)


# --- Evidence, Outcomes, Trajectory -----------------------------------------------------


def _evidence_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every evidence item with the id of whose it is, in the order of the submission."""
    rows = []
    for section in ("domains", "governance"):
        groups = data.get(section)
        for group in (groups or {}).values() if isinstance(groups, dict) else []:
            for member_id, entry in group.items() if isinstance(group, dict) else []:
                items = entry.get("evidence") if isinstance(entry, dict) else None
                for item in items if isinstance(items, list) else []:
                    rows.append(
                        {"indicator": member_id, **(item if isinstance(item, dict) else {})}
                    )
    return rows


def _member_ids(framework: Framework) -> list[str]:
    ids = [indicator.id for domain in framework.domains for indicator in domain.indicators]
    if framework.governance is not None:
        ids += [item.id for area in framework.governance.areas for item in area.sub_indicators]
    return ids


def _write_table(book: _Book, layout: SheetTable, records: list[dict[str, Any]]) -> Worksheet:
    columns = layout.table.columns
    sheet = book.sheet(layout.name, len(columns))
    _frame_columns(sheet, [(c.key, column_label(layout.name, c.key), c.width) for c in columns])
    _write_records(book, sheet, columns, records, FIRST_ROW, spare=0, checked=SPARE_ROWS)
    _xlsx.print_setup(sheet)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    return sheet


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _trajectory_rows(outcomes: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for measure in outcomes if isinstance(outcomes, list) else []:
        if not isinstance(measure, dict):
            continue
        aims = _mapping(measure.get("trajectory"))
        actuals = _mapping(measure.get("actuals"))
        for year in [*aims, *(y for y in actuals if y not in aims)]:
            row = {"measure": measure.get("id"), "year": year}
            row |= {"aspiration": aims[year]} if year in aims else {}
            row |= {"actual": actuals[year]} if year in actuals else {}
            rows.append(row)
    return rows


def _tolerance(measure: dict[str, Any]) -> dict[str, Any]:
    """Return a measure with a bare-number tolerance as the amount it means (its columns)."""
    value = measure.get("tolerance")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {**measure, "tolerance": {"absolute": value}}
    return measure


def submission_workbook(framework: Framework, data: dict[str, Any]) -> bytes:
    """Return a submission's workbook: ``data`` (a submission's plain data) on its sheets.

    Every domain and indicator of ``framework`` has its row, rated or not; the governance
    sheet is there when the framework has governance, the outcome sheets when it has
    outcome rules or ``data`` lists outcomes.
    """
    book = _Book(framework)
    _write_form(book, COVER, data)
    _write_hierarchy(book, RATINGS, data.get("domains"))
    evidence = _write_table(book, EVIDENCE, _evidence_rows(data))
    if framework.governance is not None:
        _write_hierarchy(book, GOVERNANCE, data.get("governance"))
    if framework.outcomes is not None or data.get("outcomes"):
        found = data.get("outcomes")
        outcomes: list[Any] = found if isinstance(found, list) else []
        _write_table(book, OUTCOMES, [_tolerance(m) for m in outcomes if isinstance(m, dict)])
        _write_table(book, TRAJECTORY, _trajectory_rows(outcomes))
    plan = data.get("actions")
    _write_table(
        book, ACTIONS, [a for a in plan if isinstance(a, dict)] if isinstance(plan, list) else []
    )
    _write_form(book, PANEL, data)
    _write_form(book, PAPER, data)
    _indicator_drop_down(book, evidence, framework)
    _key_document_drop_down(book, evidence, framework)
    book.book.active = 0
    return _xlsx.reproducible_bytes(book.book)


def _indicator_drop_down(book: _Book, sheet: Worksheet, framework: Framework) -> None:
    check = DataValidation(
        type="list", formula1=book.id_list(_member_ids(framework)), allow_blank=True
    )
    check.error = "Choose the indicator (or governance sub-indicator) from the list."
    check.errorTitle = "Not a valid entry"
    check.showErrorMessage = True
    check.add(f"A{FIRST_ROW}:A{sheet.max_row + SPARE_ROWS}")
    sheet.add_data_validation(check)


def _key_document_drop_down(book: _Book, sheet: Worksheet, framework: Framework) -> None:
    """Offer the framework's key documents' ids in the key document column, if it has any."""
    ids = [document.id for domain in framework.domains for document in domain.key_documents]
    if not ids:
        return
    check = DataValidation(type="list", formula1=book.id_list(ids), allow_blank=True)
    check.error = "Choose the key document's id from the list, or leave the cell empty."
    check.errorTitle = "Not a valid entry"
    check.showErrorMessage = True
    letter = get_column_letter(
        [column.key for column in EVIDENCE.table.columns].index("key_document") + 1
    )
    check.add(f"{letter}{FIRST_ROW}:{letter}{sheet.max_row + SPARE_ROWS}")
    sheet.add_data_validation(check)
