"""How a submission is laid out in a workbook (``.xlsx``): its sheets, rows and columns.

The reader (:mod:`wcc_assess.io.workbook`) and the writer (:mod:`wcc_assess.render.workbook`)
share this layout; what a column or field is called on the sheet is wording
(:mod:`wcc_assess.render._words`). Every field of the submission model has a home here
(:data:`HOMES`); ``tests/unit/test_workbook.py`` walks the model and fails on a field
without one, so a new field cannot be silently dropped by a workbook.

Every sheet has the same frame: a title (row 1), a note (row 2), the labels (row 3) and the
**keys** (row 4): the field each column holds, as the YAML form names it. The data starts on
row 5. The reader finds columns by their key, never by their label or position.

- A **form** sheet (Cover, Panel) has one field a row: its key in column A, its label in B,
  its value in C and guidance in D. It may end with **tables**, one below the other (the
  assessors on the Cover; the members, the panel's ratings of domains and of governance
  areas, and its lines of enquiry on the Panel sheet): each a label row, a key row whose
  column A holds the table's key, then one record a row from column B.
- A **table** sheet (Evidence, Outcomes, Trajectory) has one record a row.
- A **hierarchy** sheet (Ratings, Governance) has a row per group (a domain, a governance
  area: its id in column A) followed by a row per member (an indicator, a sub-indicator:
  its id in column B), with the framework's descriptors beside the inputs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from wcc_assess.models.assurance import EvidenceKind

__all__ = [
    "ACTIONS",
    "CHOICE_NOT_ASSESSED",
    "COVER",
    "EVIDENCE",
    "FIRST_ROW",
    "GOVERNANCE",
    "HEADER_ROW",
    "HOMES",
    "KEY_ROW",
    "LISTS_SHEET",
    "NOTE_ROW",
    "OUTCOMES",
    "PANEL",
    "PAPER",
    "RATINGS",
    "SHEETS",
    "TITLE_ROW",
    "TRAJECTORY",
    "CellKind",
    "Column",
    "FormSheet",
    "Hierarchy",
    "Table",
]

TITLE_ROW, NOTE_ROW, HEADER_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3, 4, 5
"""The frame of every sheet: title, note, labels, keys, then the data."""

CHOICE_NOT_ASSESSED = "Not assessed"
"""What the level (or rating) drop-downs offer besides the scale: skip it, with a reason."""

LISTS_SHEET = "Lists"
"""A hidden sheet holding the longer drop-down lists (ids); never read as data."""


class CellKind(StrEnum):
    """What a cell holds, which decides how it is written, checked and read."""

    TEXT = "text"
    """Text; a number typed into it is read as text (``123`` as ``"123"``)."""
    ID = "id"
    """An id written by ``wcc`` (locked on hierarchy sheets); read as text."""
    WHOLE = "whole"
    """A whole number (a target level)."""
    LEVEL = "level"
    """A level of the scale, or Not assessed (the drop-down offers both)."""
    RAG = "rag"
    """Red, amber or green, or Not assessed."""
    NUMBER = "number"
    """A measured value: a whole or decimal number."""
    DATE = "date"
    """A date: a date cell, or text written YYYY-MM-DD."""
    PERIOD = "period"
    """A financial year written as text, e.g. 2026/27."""
    CHOICE = "choice"
    """One of a fixed list of words (the column's ``choices``)."""
    IDS = "ids"
    """Ids separated by commas (``C11.2, C11.4``): a list in the YAML form."""
    ITEMS = "items"
    """Names separated by semicolons (``NHS Fenreach ICB; Fenreach Council``): a list of
    text in the YAML form (a name may hold a comma, never a semicolon)."""


class Column(NamedTuple):
    """One column of a table or hierarchy sheet."""

    key: str
    """The field, as the YAML form names it; dotted for a nested one (``baseline.value``)."""
    kind: CellKind = CellKind.TEXT
    input: bool = True
    """Filled in by the user (unlocked); else written by ``wcc`` (locked where protected)."""
    width: int = 18
    choices: tuple[str, ...] = ()


class Table(NamedTuple):
    """A list of records: one row each."""

    key: str
    """In a form sheet, what column A of the table's key row holds."""
    path: tuple[str, ...]
    """Where the list goes in the submission (``("panel", "members")``)."""
    columns: tuple[Column, ...]
    keyed: bool = False
    """The records make a mapping keyed by the first column (``panel.ratings``: a domain
    id, then its rating), not a list."""


class FormSheet(NamedTuple):
    """A sheet of single fields, one a row, optionally ending with a table."""

    name: str
    fields: tuple[tuple[str, ...], ...]
    """The fields' paths in the submission, in row order; ``*`` stands for every domain id
    (``("targets", "*")``: a row per domain)."""
    tables: tuple[Table, ...] = ()
    """The tables ending the sheet, one below the other (each with its label and key rows)."""
    section: str | None = None
    """The optional section of the submission the sheet holds (``panel``), left out of the
    data when every cell of the sheet is empty; None: part of every submission."""
    kinds: tuple[CellKind, ...] = ()
    """Each field's kind, in the order of ``fields``."""


class Hierarchy(NamedTuple):
    """A sheet of groups and their members: domains and indicators, areas and sub-indicators."""

    name: str
    section: str
    """The submission's key: ``domains`` or ``governance``."""
    group: str
    """The key of column A (the group's id)."""
    member: str
    """The key of column B (the member's id)."""
    rating: Column
    """The level or rating column; its drop-down also offers Not assessed."""
    inputs: tuple[Column, ...]
    """Every input column of a member's row, the rating first."""
    group_inputs: tuple[str, ...]
    """The inputs a group's row takes (Not assessed and its reason)."""
    optional: bool
    """Left out of the data when no input is filled in (governance), or always present."""


class SheetTable(NamedTuple):
    """A sheet holding one table (a record a row, from the first data row)."""

    name: str
    table: Table
    section: str | None = None
    """Left out of the data when empty (``outcomes``); None: always present (evidence)."""


_NOT_ASSESSED = Column("not_assessed", width=30)
_NARRATIVE = Column("narrative", width=60)
_NOTE = Column("panel_note", width=40)

COVER = FormSheet(
    "Cover",
    fields=(
        ("framework",),
        ("organisation", "name"),
        ("organisation", "code"),
        ("period",),
        ("assessed_on",),
        ("targets", "default"),
        ("targets", "*"),
        ("board_approved_on",),
    ),
    kinds=(
        CellKind.TEXT,
        CellKind.TEXT,
        CellKind.TEXT,
        CellKind.PERIOD,
        CellKind.DATE,
        CellKind.WHOLE,
        CellKind.WHOLE,
        CellKind.DATE,
    ),
    tables=(
        Table("assessors", ("assessors",), (Column("name", width=30), Column("role", width=40))),
    ),
)


def _hierarchy(name: str, section: str, ids: tuple[str, str], rating: Column) -> Hierarchy:
    """Return a sheet of groups and members rated, skipped or moderated by the panel."""
    panel = Column(f"panel_{rating.key}", rating.kind, width=rating.width)
    return Hierarchy(
        name,
        section=section,
        group=ids[0],
        member=ids[1],
        rating=rating,
        inputs=(rating, _NOT_ASSESSED, _NARRATIVE, panel, _NOTE),
        group_inputs=(rating.key, "not_assessed"),
        optional=section != "domains",
    )


RATINGS = _hierarchy(
    "Ratings", "domains", ("domain", "indicator"), Column("level", CellKind.LEVEL, width=12)
)
GOVERNANCE = _hierarchy(
    "Governance", "governance", ("area", "sub_indicator"), Column("rating", CellKind.RAG, width=12)
)

EVIDENCE = SheetTable(
    "Evidence",
    Table(
        "evidence",
        ("evidence",),
        (
            Column("indicator", CellKind.ID, width=14),
            Column("title", width=40),
            Column("ref", width=40),
            Column("date", CellKind.DATE, width=13),
            Column("checked.by", width=26),
            Column("checked.on", CellKind.DATE, width=13),
            Column(
                "kind",
                CellKind.CHOICE,
                width=14,
                choices=tuple(kind.value for kind in EvidenceKind),
            ),
            Column("key_document", CellKind.ID, width=24),
        ),
    ),
)
"""Evidence of indicators and governance sub-indicators, a row an item, in order: the
``indicator`` column names whose evidence it is; ``kind`` what the item shows (a drop-down
of the evidence kinds) and ``key_document`` the framework's key document it is, if any (a
drop-down of their ids, when the framework has any)."""

OUTCOMES = SheetTable(
    "Outcomes",
    Table(
        "outcomes",
        ("outcomes",),
        (
            Column("id", CellKind.ID, width=22),
            Column("name", width=34),
            Column("unit", width=14),
            Column("better", CellKind.CHOICE, width=10, choices=("higher", "lower")),
            Column("baseline.period", CellKind.PERIOD, width=12),
            Column("baseline.value", CellKind.NUMBER, width=12),
            Column("source", width=40),
            Column("tolerance.absolute", CellKind.NUMBER, width=12),
            Column("tolerance.percent", CellKind.NUMBER, width=12),
            Column(
                "data_period.kind",
                CellKind.CHOICE,
                width=16,
                choices=("financial-year", "calendar-year"),
            ),
            Column("data_period.years", CellKind.WHOLE, width=10),
        ),
    ),
    section="outcomes",
)

TRAJECTORY = SheetTable(
    "Trajectory",
    Table(
        "trajectory",
        ("outcomes",),
        (
            Column("measure", CellKind.ID, width=22),
            Column("year", CellKind.PERIOD, width=10),
            Column("aspiration", CellKind.NUMBER, width=12),
            Column("actual", CellKind.NUMBER, width=12),
        ),
    ),
    section="outcomes",
)
"""Each outcome measure's aspiration (``trajectory``) and actual value by financial year."""

ACTIONS = SheetTable(
    "Actions",
    Table(
        "actions",
        ("actions",),
        (
            Column("id", CellKind.ID, width=8),
            Column("for", CellKind.IDS, width=16),
            Column("action", width=48),
            Column("owner", width=26),
            Column("due", CellKind.DATE, width=12),
            Column(
                "status",
                CellKind.CHOICE,
                width=12,
                choices=("open", "in-progress", "done", "dropped"),
            ),
            Column("reason", width=30),
            Column("note", width=36),
            Column("raised", CellKind.PERIOD, width=10),
        ),
    ),
    section="actions",
)
"""The development plan: an action a row (``for``: the indicator or domain ids it
addresses, separated by commas)."""

PANEL = FormSheet(
    "Panel",
    fields=(("panel", "date"), ("panel", "sign_off", "by"), ("panel", "sign_off", "on")),
    kinds=(CellKind.DATE, CellKind.TEXT, CellKind.DATE),
    tables=(
        Table(
            "members",
            ("panel", "members"),
            (
                Column("name", width=30),
                Column("role", width=40),
                Column("interests", CellKind.ITEMS, width=40),
            ),
        ),
        Table(
            "ratings",
            ("panel", "ratings"),
            (
                Column("domain", CellKind.ID, width=30),
                Column("level", CellKind.LEVEL, width=40),
                Column("rationale", width=40),
            ),
            keyed=True,
        ),
        Table(
            "governance",
            ("panel", "governance"),
            (
                Column("area", CellKind.ID, width=30),
                Column("rating", CellKind.RAG, width=40),
                Column("rationale", width=40),
            ),
            keyed=True,
        ),
        Table(
            "enquiries",
            ("panel", "enquiries"),
            (
                Column("domain", CellKind.ID, width=30),
                Column("question", width=40),
                Column("response", width=40),
                Column("by", width=30),
            ),
        ),
    ),
    section="panel",
)
"""The panel day, its sign-off, its members with their declared interests, then its
ratings of whole domains and governance areas (each with its rationale) and its lines of
enquiry, each a table below the last."""

_PAPER_FIELDS = (
    "title",
    "meeting",
    "meeting_date",
    "status",
    "author",
    "executive_lead",
    "purpose",
    "recommendation",
    "marking",
)

PAPER = FormSheet(
    "Board paper",
    fields=tuple(("report", field) for field in _PAPER_FIELDS),
    kinds=tuple(
        CellKind.DATE if field == "meeting_date" else CellKind.TEXT for field in _PAPER_FIELDS
    ),
    section="report",
)
"""The ``report:`` block: how the board paper made from the submission is headed."""

SHEETS: tuple[FormSheet | Hierarchy | SheetTable, ...] = (
    COVER,
    RATINGS,
    EVIDENCE,
    GOVERNANCE,
    OUTCOMES,
    TRAJECTORY,
    ACTIONS,
    PANEL,
    PAPER,
)
"""Every sheet a submission's workbook may have, in order."""

HOMES: dict[str, str] = {
    "framework": "Cover",
    "organisation.name": "Cover",
    "organisation.code": "Cover",
    "period": "Cover",
    "assessed_on": "Cover",
    "assessors[].name": "Cover",
    "assessors[].role": "Cover",
    "targets.*": "Cover",
    "board_approved_on": "Cover",
    "domains.*.not_assessed": "Ratings",
    "domains.*.indicators.*.level": "Ratings",
    "domains.*.indicators.*.not_assessed": "Ratings",
    "domains.*.indicators.*.narrative": "Ratings",
    "domains.*.indicators.*.panel_level": "Ratings",
    "domains.*.indicators.*.panel_note": "Ratings",
    "domains.*.indicators.*.evidence[].title": "Evidence",
    "domains.*.indicators.*.evidence[].ref": "Evidence",
    "domains.*.indicators.*.evidence[].date": "Evidence",
    "domains.*.indicators.*.evidence[].checked.by": "Evidence",
    "domains.*.indicators.*.evidence[].checked.on": "Evidence",
    "domains.*.indicators.*.evidence[].kind": "Evidence",
    "domains.*.indicators.*.evidence[].key_document": "Evidence",
    "panel.date": "Panel",
    "report.title": "Board paper",
    "report.meeting": "Board paper",
    "report.meeting_date": "Board paper",
    "report.status": "Board paper",
    "report.author": "Board paper",
    "report.executive_lead": "Board paper",
    "report.purpose": "Board paper",
    "report.recommendation": "Board paper",
    "report.marking": "Board paper",
    "panel.members[].name": "Panel",
    "panel.members[].role": "Panel",
    "panel.members[].interests[]": "Panel",
    "panel.sign_off.by": "Panel",
    "panel.sign_off.on": "Panel",
    "panel.ratings.*.level": "Panel",
    "panel.ratings.*.rationale": "Panel",
    "panel.governance.*.rating": "Panel",
    "panel.governance.*.rationale": "Panel",
    "panel.enquiries[].domain": "Panel",
    "panel.enquiries[].question": "Panel",
    "panel.enquiries[].response": "Panel",
    "panel.enquiries[].by": "Panel",
    "governance.*.not_assessed": "Governance",
    "governance.*.sub_indicators.*.rating": "Governance",
    "governance.*.sub_indicators.*.not_assessed": "Governance",
    "governance.*.sub_indicators.*.narrative": "Governance",
    "governance.*.sub_indicators.*.panel_rating": "Governance",
    "governance.*.sub_indicators.*.panel_note": "Governance",
    "governance.*.sub_indicators.*.evidence[].title": "Evidence",
    "governance.*.sub_indicators.*.evidence[].ref": "Evidence",
    "governance.*.sub_indicators.*.evidence[].date": "Evidence",
    "governance.*.sub_indicators.*.evidence[].checked.by": "Evidence",
    "governance.*.sub_indicators.*.evidence[].checked.on": "Evidence",
    "governance.*.sub_indicators.*.evidence[].kind": "Evidence",
    "governance.*.sub_indicators.*.evidence[].key_document": "Evidence",
    "outcomes[].id": "Outcomes",
    "outcomes[].name": "Outcomes",
    "outcomes[].unit": "Outcomes",
    "outcomes[].better": "Outcomes",
    "outcomes[].baseline.period": "Outcomes",
    "outcomes[].baseline.value": "Outcomes",
    "outcomes[].source": "Outcomes",
    "outcomes[].tolerance.absolute": "Outcomes",
    "outcomes[].tolerance.percent": "Outcomes",
    "outcomes[].data_period.kind": "Outcomes",
    "outcomes[].data_period.years": "Outcomes",
    "outcomes[].trajectory.*": "Trajectory",
    "outcomes[].actuals.*": "Trajectory",
    "actions[].id": "Actions",
    "actions[].for_[]": "Actions",
    "actions[].action": "Actions",
    "actions[].owner": "Actions",
    "actions[].due": "Actions",
    "actions[].status": "Actions",
    "actions[].reason": "Actions",
    "actions[].note": "Actions",
    "actions[].raised": "Actions",
}
"""Every field of the submission model (``*`` any key, ``[]`` any item) and its sheet."""
