"""A submission's workbook (``.xlsx``) read into the data its YAML form would give.

The sheets are laid out as :mod:`wcc_assess.models.workbook` says. The result is a
:class:`~wcc_assess.io.yamlsafe.Document` like the YAML reader's: the same plain data (so
the same models and checks validate it), with the sheet, row and column of every value, so
that every problem is reported at its cell (``westmarsh.xlsx:Ratings!H14``). What reading
itself finds is in the document's ``notes``: problems (a formula never calculated, a date
typed as text, merged input cells, an indicator's row twice) and warnings (a sheet that is
not part of a submission, hidden rows, a level typed as a word).

Cells are read generously where the meaning is unambiguous: ``"3 "``, ``3.0`` and ``"three"``
are level 3 (the last with a warning); an ISO date typed as text is a date; a number typed
into a text column (an organisation code) is text.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from wcc_assess.errors import Diagnostic, InputError, Loc, Severity, cell_name, dotted, suggest
from wcc_assess.io.reading import WORKBOOK_SUFFIXES, display_name, is_workbook, read_bytes
from wcc_assess.io.values import Converted, convert, is_not_assessed
from wcc_assess.io.xlsx import RawSheet, read_xlsx
from wcc_assess.io.yamlsafe import Document
from wcc_assess.models.workbook import (
    ACTIONS,
    COVER,
    EVIDENCE,
    FIRST_ROW,
    GOVERNANCE,
    KEY_ROW,
    LISTS_SHEET,
    OUTCOMES,
    PANEL,
    PAPER,
    RATINGS,
    SHEETS,
    TRAJECTORY,
    CellKind,
    Column,
    FormSheet,
    Hierarchy,
    SheetTable,
    Table,
)

__all__ = ["WORKBOOK_SUFFIXES", "is_workbook", "parse_workbook", "read_workbook"]

_REQUIRED = (COVER.name, RATINGS.name, EVIDENCE.name)
MAX_NOTES = 500
"""Problems and warnings kept per workbook; the rest are counted (a sheet of junk is not
worth a hundred thousand lines)."""


class _Reader:
    """Builds the data, the positions and the notes of one workbook."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.sheets: dict[Loc, str] = {}
        self.notes: list[Diagnostic] = []
        self.more = 0
        """Problems found past :data:`MAX_NOTES`, counted but not kept."""
        self.pending: dict[Loc, list[Loc]] = {}

    def put(self, loc: Loc, sheet: str, row: int, column: int) -> None:
        self.positions[loc] = (row, column)
        self.sheets[loc] = sheet
        if len(loc) > 1 and str(loc[0]).startswith("@"):  # to be moved to its field path
            self.pending.setdefault(loc[:2], []).append(loc)

    def note(self, diagnostic: Diagnostic) -> None:
        """Keep a problem or warning; past :data:`MAX_NOTES`, only count it."""
        if len(self.notes) < MAX_NOTES:
            self.notes.append(diagnostic)
        else:
            self.more += 1

    def problem(self, loc: Loc, message: str, hint: str | None = None) -> None:
        self.note(Diagnostic.at(loc, message, hint))

    def warning(self, loc: Loc, message: str, hint: str | None = None) -> None:
        self.note(Diagnostic.at(loc, message, hint, severity="warning"))

    def sheet_problem(
        self,
        sheet: str,
        row: int,
        column: int,
        message: str,
        hint: str | None = None,
        *,
        warn: bool = False,
    ) -> None:
        """Note a problem of a cell that has no field path (a merged range, a stray row)."""
        loc: Loc = ("@", sheet, row, column)
        self.put(loc, sheet, row, column)
        severity: Severity = "warning" if warn else "error"
        self.note(Diagnostic("", message, hint=hint, severity=severity, loc=loc))

    def move(self, old: Loc, new: Loc) -> None:
        """Give what was read at ``old`` (and below) the field path ``new`` (and below)."""
        size = len(old)
        for loc in [loc for loc in self.pending.get(old[:2], []) if loc[:size] == old]:
            moved = (*new, *loc[size:])
            self.positions[moved] = self.positions[loc]
            self.sheets[moved] = self.sheets[loc]
        for index, note in enumerate(self.notes):
            if note.loc[:size] == old:
                moved = (*new, *note.loc[size:])
                self.notes[index] = replace(note, loc=moved, path=dotted(moved))

    def finished_notes(self) -> list[Diagnostic]:
        """Return the notes; those at a sheet's cell without a field path show none."""
        notes = [
            replace(note, path="") if note.loc and str(note.loc[0]).startswith("@") else note
            for note in self.notes
        ]
        if self.more:
            notes.append(
                Diagnostic(
                    "",
                    f"{self.more:,} more problems were found and not listed",
                    hint="fix those above first; is this the right file?",
                    loc=("@more",),
                )
            )
        return notes

    def value(self, sheet: RawSheet, row: int, column: int, kind: CellKind, loc: Loc) -> Any:
        """Read one cell as ``kind``, placed at ``loc``; None when it is empty.

        An empty cell is not placed: what the models say of a missing field is said of the
        record (its row) holding it.
        """
        cell = sheet.cells.get((row, column))
        if cell is None or cell.value == "":
            return None
        self.put(loc, sheet.name, row, column)
        converted = convert(cell, kind)
        self._report(converted, loc)
        return converted.value

    def _report(self, converted: Converted, loc: Loc) -> None:
        if converted.problem is not None:
            self.problem(loc, *converted.problem)
        if converted.warning is not None:
            self.warning(loc, *converted.warning)


def _keys(sheet: RawSheet) -> dict[str, int]:
    """Return the key row: each key and its column."""
    return _key_row(sheet, KEY_ROW, 1)


def _key_row(sheet: RawSheet, key_row: int, first: int) -> dict[str, int]:
    cells = sheet.cells
    found = {}
    for row, column in cells:
        if row == key_row and column >= first:
            value = cells[row, column].value
            if isinstance(value, str) and value.strip():
                found[value.strip()] = column
    return found


def _rows(sheet: RawSheet) -> list[int]:
    return sorted({row for row, _ in sheet.cells if row >= FIRST_ROW})


def _check_columns(
    reader: _Reader, sheet: RawSheet, keys: dict[str, int], needed: list[str]
) -> bool:
    missing = [key for key in needed if key not in keys]
    if missing:
        reader.sheet_problem(
            sheet.name,
            KEY_ROW,
            1,
            f"the key row (row {KEY_ROW}) lacks the column{'s' if len(missing) > 1 else ''} "
            + ", ".join(missing),
            "the keys name the field each column holds: restore them from a workbook "
            "written by `wcc init --format xlsx`",
        )
    return not missing


def _check_frame(reader: _Reader, sheet: RawSheet, inputs: set[int]) -> None:
    """Find merged cells over input columns, and hidden rows or columns in the data."""
    for top, left, bottom, right in sheet.merged:
        if bottom < FIRST_ROW or not any(left <= column <= right for column in inputs):
            continue
        span = f"{cell_name(top, left)}:{cell_name(bottom, right)}"
        reader.sheet_problem(
            sheet.name,
            max(top, FIRST_ROW),
            left,
            f"cells {span} are merged over columns that take values",
            "unmerge them: each row needs its own cell",
        )
    used = {row for row, column in sheet.cells if row >= FIRST_ROW}
    hidden = sorted(used & sheet.hidden_rows)
    if hidden:
        rows = ", ".join(str(row) for row in hidden[:10]) + (" ..." if len(hidden) > 10 else "")
        many = len(hidden) > 1
        reader.sheet_problem(
            sheet.name,
            hidden[0],
            1,
            f"row{'s' if many else ''} {rows} {'are' if many else 'is'} hidden; "
            f"{'they were' if many else 'it was'} read as part of the submission",
            f"unhide {'them' if many else 'it'} to check what {'they say' if many else 'it says'}",
            warn=True,
        )
    hidden_inputs = sorted(inputs & sheet.hidden_columns)
    if hidden_inputs:
        reader.sheet_problem(
            sheet.name,
            KEY_ROW,
            hidden_inputs[0],
            "a column that takes values is hidden; its values were read",
            "unhide it to check what it says",
            warn=True,
        )


# --- form sheets (Cover, Panel) ---------------------------------------------------------


def _form_path(form: FormSheet, key: str) -> tuple[tuple[str, ...], CellKind] | None:
    parts = tuple(key.split(".", 1)) if key.startswith("targets.") else tuple(key.split("."))
    for path, kind in zip(form.fields, form.kinds, strict=True):
        if path == parts or (
            path[-1] == "*" and parts[:-1] == path[:-1] and len(parts) == len(path)
        ):
            return parts, kind
    return None


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _table_rows_of(sheet: RawSheet, form: FormSheet) -> list[tuple[int, Table]]:
    """Return the key row of each table ending a form sheet (its key in column A), in order."""
    wanted = {table.key: table for table in form.tables}
    found: dict[str, int] = {}
    for row, column in sorted(sheet.cells):
        value = str(sheet.cells[row, column].value).strip()
        if column == 1 and row >= FIRST_ROW and value in wanted:
            found.setdefault(value, row)
    return sorted((row, wanted[key]) for key, row in found.items())


def _read_form(reader: _Reader, sheet: RawSheet, form: FormSheet, data: dict[str, Any]) -> None:
    keys = [".".join(path) for path in form.fields]
    tables = _table_rows_of(sheet, form)
    table_row = tables[0][0] if tables else None
    for row in _rows(sheet):
        if table_row is not None and row >= table_row - 1:  # the table's labels, then keys
            break
        cell = sheet.cells.get((row, 1))
        key = str(cell.value).strip() if cell is not None else ""
        if not key:
            if (row, 3) in sheet.cells:
                reader.sheet_problem(
                    sheet.name, row, 3, "a value without a field", "type values beside a field"
                )
            continue
        found = _form_path(form, key)
        if found is None:
            reader.sheet_problem(sheet.name, row, 1, f"unknown field {key!r}", suggest(key, keys))
            continue
        path, kind = found
        value = reader.value(sheet, row, 3, kind, path)
        for end in range(1, len(path)):
            reader.positions.setdefault(path[:end], (row, 3))
            reader.sheets.setdefault(path[:end], sheet.name)
        if value is not None:
            _set(data, path, value)
    widest = max((len(table.columns) for _, table in tables), default=0)
    _check_frame(reader, sheet, {3} | (set(range(2, 2 + max(widest, 4))) if tables else set()))
    for index, (key_row, table) in enumerate(tables):
        last = tables[index + 1][0] - 2 if index + 1 < len(tables) else None
        _read_form_table(reader, sheet, table, (key_row, last), data)


def _read_form_table(
    reader: _Reader,
    sheet: RawSheet,
    table: Table,
    rows: tuple[int, int | None],
    data: dict[str, Any],
) -> None:
    """Read a table of a form sheet from below its key row to ``rows[1]`` (None: the end)."""
    key_row, last = rows
    keys = _key_row(sheet, key_row, 2)
    path = (f"@{'.'.join(table.path)}",) if table.keyed else table.path
    records = _records(reader, sheet, table.columns, keys, path, key_row + 1, last)
    if records and table.keyed:
        _set(data, table.path, _keyed(reader, sheet, table, records, path[0]))
    elif records:
        _set(data, table.path, records)
    if records:
        reader.positions.setdefault(table.path, (key_row + 1, 2))
        reader.sheets.setdefault(table.path, sheet.name)


def _keyed(
    reader: _Reader, sheet: RawSheet, table: Table, records: list[dict[str, Any]], at: str
) -> dict[str, Any]:
    """Return a keyed table's records as a mapping of its first column, moving their cells."""
    key = table.columns[0].key
    found: dict[str, Any] = {}
    rows_of: dict[str, int] = {}
    for index, record in enumerate(records):
        row, column = reader.positions[(at, index)]
        name = record.pop(key, None)
        if name is None or str(name) in found:
            message = (
                f"the {key} is empty"
                if name is None
                else f"{key} {name} has a second row (its first is row {rows_of[str(name)]})"
            )
            reader.sheet_problem(sheet.name, row, column, message, f"name each {key} once")
            continue
        found[str(name)] = record
        rows_of[str(name)] = row
        reader.move((at, index), (*table.path, str(name)))
        reader.positions[(*table.path, str(name))] = (row, column)
        reader.sheets[(*table.path, str(name))] = sheet.name
    return found


# --- table sheets (Evidence, Outcomes, Trajectory) --------------------------------------


class _Record(NamedTuple):
    row: int
    values: dict[str, Any]


_Wanted = list[tuple[int, CellKind, tuple[str, ...]]]
"""The columns of a table to read: each one's place, kind and field (a dotted key split)."""


def _wanted(columns: tuple[Column, ...], keys: dict[str, int]) -> _Wanted:
    return [(keys[c.key], c.kind, tuple(c.key.split("."))) for c in columns if c.key in keys]


def _table_rows(
    sheet: RawSheet, wanted: _Wanted, first: int = FIRST_ROW, last: int | None = None
) -> list[int]:
    """Return the rows from ``first`` to ``last`` holding anything in the table's columns."""
    places = {place for place, _, _ in wanted}
    return sorted(
        {
            row
            for row, column in sheet.cells
            if row >= first and (last is None or row <= last) and column in places
        }
    )


def _record(
    reader: _Reader, sheet: RawSheet, row: int, wanted: _Wanted, loc: Loc, anchor: int = 0
) -> dict[str, Any]:
    """Read one row of a table as a record placed at ``loc`` (its ``anchor`` column)."""
    reader.put(loc, sheet.name, row, anchor or (wanted[0][0] if wanted else 1))
    record: dict[str, Any] = {}
    for place, kind, field in wanted:
        value = reader.value(sheet, row, place, kind, (*loc, *field))
        if value is not None:
            _set(record, field, value)
    return record


def _records(
    reader: _Reader,
    sheet: RawSheet,
    columns: tuple[Column, ...],
    keys: dict[str, int],
    path: Loc,
    first: int = FIRST_ROW,
    last: int | None = None,
) -> list[dict[str, Any]]:
    """Read one record a row (rows with nothing in the table's columns are skipped)."""
    wanted = _wanted(columns, keys)
    rows = _table_rows(sheet, wanted, first, last)
    return [_record(reader, sheet, row, wanted, (*path, index)) for index, row in enumerate(rows)]


def _table_keys(reader: _Reader, sheet: RawSheet, table: SheetTable) -> dict[str, int] | None:
    keys = _keys(sheet)
    if not _check_columns(reader, sheet, keys, [column.key for column in table.table.columns]):
        return None
    known = {column.key for column in table.table.columns}
    for key, column in keys.items():
        if key not in known:
            reader.sheet_problem(
                sheet.name,
                KEY_ROW,
                column,
                f"the column {key!r} is not part of a submission; it was not read",
                warn=True,
            )
    _check_frame(reader, sheet, {keys[k] for k in known})
    return keys


# --- hierarchy sheets (Ratings, Governance) ---------------------------------------------


class _Group(NamedTuple):
    id: str
    row: int
    entry: dict[str, Any]


def _member_entry(
    reader: _Reader, sheet: RawSheet, layout: Hierarchy, keys: dict[str, int], row: int, loc: Loc
) -> dict[str, Any]:
    """Read a member's row as the YAML form writes it (Not assessed becomes its reason)."""
    entry: dict[str, Any] = {}
    reader.put(loc, sheet.name, row, keys[layout.rating.key])
    for column in layout.inputs:
        value = reader.value(sheet, row, keys[column.key], column.kind, (*loc, column.key))
        if value is not None:
            entry[column.key] = value
    if is_not_assessed(entry.get(layout.rating.key)):  # its reason's cell, even empty
        reader.put((*loc, "not_assessed"), sheet.name, row, keys["not_assessed"])
    _not_assessed(reader, layout, entry, loc)
    return entry


def _not_assessed(reader: _Reader, layout: Hierarchy, entry: dict[str, Any], loc: Loc) -> None:
    """Turn "Not assessed" in the rating column into ``not_assessed: <reason>``."""
    for column in layout.inputs:
        if column.key == "not_assessed" or not is_not_assessed(entry.get(column.key)):
            continue
        del entry[column.key]
        if column.key != layout.rating.key:
            reader.problem(
                (*loc, column.key),
                "the panel cannot choose Not assessed",
                "leave the panel's cell empty, or choose a level",
            )
        elif "not_assessed" not in entry:
            reader.problem(
                (*loc, "not_assessed"),
                "Not assessed needs a reason",
                "say why in the reason column beside it",
            )
            entry["not_assessed"] = ""  # keeps the model from asking for a level too


def _group_entry(
    reader: _Reader, sheet: RawSheet, layout: Hierarchy, keys: dict[str, int], row: int, loc: Loc
) -> dict[str, Any]:
    entry = _member_entry(reader, sheet, layout, keys, row, loc)
    reader.put(loc, sheet.name, row, 1)
    for key in list(entry):
        if key not in layout.group_inputs:
            value = entry.pop(key)
            what = "rated" if key == layout.rating.key else "given a value here"
            group = layout.group.replace("_", " ")
            reader.problem(
                (*loc, key),
                f"a {group} is not {what}: {value!r} has no place on its row",
                "rate its members on their own rows, or choose Not assessed (with a reason) "
                "to skip the whole group",
            )
    return entry


def _read_hierarchy(
    reader: _Reader, sheet: RawSheet, layout: Hierarchy, owners: dict[str, tuple[str, ...]]
) -> tuple[dict[str, Any], bool]:
    """Return the section's data, and whether any input of it was filled in."""
    keys = _keys(sheet)
    needed = [layout.group, layout.member, *(column.key for column in layout.inputs)]
    section: dict[str, Any] = {}
    if not _check_columns(reader, sheet, keys, needed):
        return section, True
    inputs = {keys[column.key] for column in layout.inputs}
    _check_frame(reader, sheet, inputs)
    filled = any(column in inputs for row, column in sheet.cells if row >= FIRST_ROW)
    reader.put((layout.section,), sheet.name, 3, 1)
    group: _Group | None = None
    rows_of: dict[tuple[str, ...], int] = {}
    for row in _rows(sheet):
        group_id = _id(sheet, row, keys[layout.group])
        member_id = _id(sheet, row, keys[layout.member])
        if group_id and not member_id:
            loc = (layout.section, group_id)
            if _duplicate(reader, sheet, rows_of, (group_id,), row, layout.group):
                continue
            group = _Group(group_id, row, _group_entry(reader, sheet, layout, keys, row, loc))
            section[group_id] = group.entry
        elif member_id:
            if group is None:
                reader.sheet_problem(
                    sheet.name,
                    row,
                    keys[layout.member],
                    f"{member_id} stands above every {layout.group} row",
                    "keep each row under its group's row",
                )
                continue
            if _duplicate(reader, sheet, rows_of, (group.id, member_id), row, layout.member):
                continue
            member_loc = (layout.section, group.id, member_id)
            owners[member_id] = member_loc
            entry = _member_entry(reader, sheet, layout, keys, row, member_loc)
            if entry or "not_assessed" not in group.entry:  # a skipped group's rows are empty
                group.entry[member_id] = entry
        elif any(c in inputs for r, c in sheet.cells if r == row):
            reader.sheet_problem(
                sheet.name,
                row,
                1,
                "values on a row without an id",
                f"type values only on the rows of a {layout.group} or "
                + layout.member.replace("_", " "),
            )
    return section, filled


def _id(sheet: RawSheet, row: int, column: int) -> str:
    cell = sheet.cells.get((row, column))
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _duplicate(
    reader: _Reader,
    sheet: RawSheet,
    rows_of: dict[tuple[str, ...], int],
    key: tuple[str, ...],
    row: int,
    what: str,
) -> bool:
    if key not in rows_of:
        rows_of[key] = row
        return False
    reader.sheet_problem(
        sheet.name,
        row,
        1 if len(key) == 1 else 2,
        f"{what.replace('_', ' ')} {key[-1]} has a second row (its first is row {rows_of[key]})",
        "delete the extra row: each id has one row",
    )
    return True


# --- evidence and outcomes ---------------------------------------------------------------


def _place_evidence(
    reader: _Reader, sheet: RawSheet, data: dict[str, Any], owners: dict[str, tuple[str, ...]]
) -> None:
    """Read the evidence, each item into the entry of the indicator its row names."""
    keys = _table_keys(reader, sheet, EVIDENCE)
    if keys is None:
        return
    column = keys["indicator"]
    wanted = [entry for entry in _wanted(EVIDENCE.table.columns, keys) if entry[0] != column]
    lists: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in _table_rows(sheet, [(column, CellKind.ID, ()), *wanted]):
        cell = sheet.cells.get((row, column))
        owner_id = convert(cell, CellKind.ID).value if cell is not None else None
        owner = owners.get(str(owner_id)) if owner_id else None
        if owner is None:
            _unknown_owner(reader, sheet, keys, row, owner_id, owners)
            continue
        found = lists.setdefault(owner, [])
        loc: Loc = (*owner, "evidence", len(found))
        found.append(_record(reader, sheet, row, wanted, loc, anchor=column))
    for owner, found in lists.items():
        entry = _entry_at(data, owner)
        first = reader.positions[(*owner, "evidence", 0)]
        reader.put((*owner, "evidence"), sheet.name, *first)
        entry["evidence"] = found


def _unknown_owner(
    reader: _Reader,
    sheet: RawSheet,
    keys: dict[str, int],
    row: int,
    owner_id: Any,
    owners: dict[str, tuple[str, ...]],
) -> None:
    column = keys["indicator"]
    if owner_id is None:
        reader.sheet_problem(
            sheet.name,
            row,
            column,
            "whose evidence is this? The indicator is empty",
            "choose the indicator from the drop-down",
        )
        return
    close = difflib.get_close_matches(str(owner_id), list(owners), n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}?" if close else "choose the indicator from the drop-down"
    reader.sheet_problem(sheet.name, row, column, f"unknown indicator {owner_id!r}", hint)


def _entry_at(data: dict[str, Any], owner: tuple[str, ...]) -> dict[str, Any]:
    section = data.setdefault(owner[0], {})
    return section.setdefault(owner[1], {}).setdefault(owner[2], {})  # type: ignore[no-any-return]


def _read_actions(reader: _Reader, book: dict[str, RawSheet], data: dict[str, Any]) -> None:
    """Read the development plan, an action a row; an empty sheet means no plan."""
    sheet = book.get(ACTIONS.name)
    if sheet is None or (keys := _table_keys(reader, sheet, ACTIONS)) is None:
        return
    actions = _records(reader, sheet, ACTIONS.table.columns, keys, ("actions",))
    if actions:
        data["actions"] = actions
        reader.positions.setdefault(("actions",), reader.positions[("actions", 0)])
        reader.sheets.setdefault(("actions",), ACTIONS.name)


def _read_outcomes(reader: _Reader, book: dict[str, RawSheet], data: dict[str, Any]) -> None:
    measures: list[dict[str, Any]] = []
    sheet = book.get(OUTCOMES.name)
    if sheet is not None and (keys := _table_keys(reader, sheet, OUTCOMES)) is not None:
        measures = _records(reader, sheet, OUTCOMES.table.columns, keys, ("outcomes",))
    years = book.get(TRAJECTORY.name)
    if years is not None and (keys := _table_keys(reader, years, TRAJECTORY)) is not None:
        rows = _records(reader, years, TRAJECTORY.table.columns, keys, ("@trajectory",))
        _place_years(reader, years, keys, measures, rows)
    if measures:
        data["outcomes"] = measures
        reader.positions.setdefault(("outcomes",), reader.positions[("outcomes", 0)])
        reader.sheets.setdefault(("outcomes",), OUTCOMES.name)


def _place_years(
    reader: _Reader,
    sheet: RawSheet,
    keys: dict[str, int],
    measures: list[dict[str, Any]],
    rows: list[dict[str, Any]],
) -> None:
    index_of = {str(m.get("id")): i for i, m in enumerate(measures)}
    for index, found in enumerate(rows):
        row = reader.positions[("@trajectory", index)][0]
        measure = index_of.get(str(found.get("measure")))
        if measure is None:
            hint = (
                suggest(str(found.get("measure")), list(index_of))
                if index_of
                else "list the measure on the Outcomes sheet first"
            )
            reader.sheet_problem(
                sheet.name, row, keys["measure"], f"unknown measure {found.get('measure')!r}", hint
            )
            continue
        year = found.get("year")
        if year is None:
            reader.sheet_problem(
                sheet.name,
                row,
                keys["year"],
                "the year is empty",
                "write the financial year, e.g. 2026/27",
            )
            continue
        for column, field in (("aspiration", "trajectory"), ("actual", "actuals")):
            if column in found:
                where = ("@trajectory", index, column)
                _place_year(
                    reader, measures[measure], (measure, field, str(year)), where, found[column]
                )


def _place_year(
    reader: _Reader, measure: dict[str, Any], to: tuple[int, str, str], where: Loc, value: Any
) -> None:
    """Put one year's aspiration or actual in its measure, moving what was said of it."""
    index, field, year = to
    years = measure.setdefault(field, {})
    loc: Loc = ("outcomes", index, field, year)
    if year in years:
        reader.problem(
            where,
            f"{year} has a second row for measure {measure.get('id')}",
            "each measure has one row a year",
        )
        return
    years[year] = value
    reader.move(where, loc)
    reader.positions.setdefault(loc[:-1], reader.positions[loc])
    reader.sheets.setdefault(loc[:-1], reader.sheets[loc])


# --- the workbook ------------------------------------------------------------------------


def _sheets(reader: _Reader, sheets: list[RawSheet]) -> dict[str, RawSheet]:
    """Return the sheets of a submission by name; warn about the others, left out."""
    known = [sheet.name for sheet in SHEETS]
    book = {sheet.name: sheet for sheet in sheets if sheet.name in known}
    missing = [name for name in _REQUIRED if name not in book]
    for sheet in sheets:
        if sheet.name in known and sheet.hidden:
            message = f"the sheet {sheet.name!r} is hidden; it was read as part of the submission"
            reader.sheet_problem(sheet.name, 1, 1, message, "unhide it to check it", warn=True)
        if sheet.name in known or sheet.name == LISTS_SHEET:
            continue
        close = difflib.get_close_matches(sheet.name.strip().title(), missing, n=1, cutoff=0.6)
        if close:
            reader.sheet_problem(
                sheet.name,
                1,
                1,
                f"the sheet {sheet.name!r} should be named {close[0]!r}",
                f"rename it {close[0]}",
            )
            missing.remove(close[0])
        else:
            reader.sheet_problem(
                sheet.name,
                1,
                1,
                f"the sheet {sheet.name!r} is not part of a submission; it was not read",
                warn=True,
            )
    for name in missing:
        reader.problem(
            ("@sheet", name),
            f"the workbook has no sheet named {name!r}",
            "a submission's workbook has the sheets "
            + ", ".join(_REQUIRED)
            + "; start from `wcc init --format xlsx`",
        )
    return book


def _optional_form(
    reader: _Reader, book: dict[str, RawSheet], form: FormSheet, data: dict[str, Any]
) -> None:
    """Read a form sheet of an optional section; an empty one leaves the section out."""
    sheet = book.get(form.name)
    if sheet is None:
        return
    found: dict[str, Any] = {}
    _read_form(reader, sheet, form, found)
    data.update(found)


def parse_workbook(raw: bytes, name: str) -> Document:
    """Read a workbook's bytes into a submission's data with every value's cell.

    Raises :class:`InputError` when the file cannot be read as a workbook at all; every
    other problem is in the document's ``notes``.
    """
    reader = _Reader(name)
    book = _sheets(reader, read_xlsx(raw, name, frozenset({LISTS_SHEET})).sheets)
    data: dict[str, Any] = {}
    reader.put((), COVER.name, 1, 1)
    owners: dict[str, tuple[str, ...]] = {}
    if COVER.name in book:
        _read_form(reader, book[COVER.name], COVER, data)
    if RATINGS.name in book:
        data["domains"], _ = _read_hierarchy(reader, book[RATINGS.name], RATINGS, owners)
    if GOVERNANCE.name in book:
        governance, filled = _read_hierarchy(reader, book[GOVERNANCE.name], GOVERNANCE, owners)
        if filled:
            data["governance"] = governance
    if EVIDENCE.name in book:
        _place_evidence(reader, book[EVIDENCE.name], data, owners)
    _read_outcomes(reader, book, data)
    _read_actions(reader, book, data)
    _optional_form(reader, book, PANEL, data)
    _optional_form(reader, book, PAPER, data)
    document = Document(data, reader.positions, sheets=reader.sheets)
    document.notes = reader.finished_notes()
    return document


def read_workbook(source: Path | str) -> Document:
    """Read a workbook file (see :func:`parse_workbook`); ``.xlsm`` is refused, saying why."""
    name = display_name(source)
    if str(source).lower().endswith(".xlsm"):
        raise InputError.one(
            name,
            "a macro-enabled workbook (.xlsm) is refused: macros can run code when it is opened",
            "save it as an Excel Workbook (.xlsx)",
        )
    return parse_workbook(read_bytes(source), name)
