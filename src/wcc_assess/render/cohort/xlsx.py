"""A workbook for analysts: the cohort's league table, distributions, governance, improvement.

One sheet each.

Figures are stored as numbers (with number formats: two places for scores and means, one
for percents), so they sort, filter and chart as numbers; a missing figure is an empty
cell. Text is stored as text, never as a formula: an organisation named ``=HYPERLINK(...)``
or ``+44 ...`` stays what it says (and control characters are replaced, as everywhere). The
bytes are reproducible (``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from wcc_assess.models.cohort import CohortResult, LeagueEntry
from wcc_assess.render import _xlsx
from wcc_assess.render._safety import clean
from wcc_assess.render.cohort import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]

_SCORE = "0.00"
_PERCENT = "0.0"
_Column = tuple[str, int, str | None]
"""A column's label, width and number format."""


def _cell(sheet: Worksheet, row: int, column: int, value: Any, fmt: str | None) -> None:
    if isinstance(value, str):
        _xlsx.put(sheet, row, column, clean(value))
    else:
        cell = _xlsx.put(sheet, row, column, value)
        if fmt is not None and value is not None:
            cell.number_format = fmt
    sheet.cell(row=row, column=column).fill = _xlsx.INPUT_FILL


def _sheet(book: Workbook, title: str, columns: Sequence[_Column], rows: list[list[Any]]) -> None:
    """One table a sheet: labels on row 1 (frozen, repeated in print), then one row each."""
    sheet = book.create_sheet(title)
    for index, (label, width, _) in enumerate(columns, start=1):
        _xlsx.header(sheet, 1, index, label)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            _cell(sheet, number, index, value, columns[index - 1][2])
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    _xlsx.print_setup(sheet, "1:1")


def _league_columns(cohort: CohortResult) -> list[_Column]:
    columns: list[_Column] = [
        ("Rank", 7, "0"),
        ("Organisation", 36, None),
        ("Code", 9, None),
        ("Period", 9, None),
        ("Score", 8, _SCORE),
        ("Percent", 9, _PERCENT),
        ("Band", 14, None),
        ("Domains assessed", 10, "0"),
        ("Domains met", 9, "0"),
        ("Domains below", 9, "0"),
        ("Capped claims", 9, "0"),
        ("Gate", 12, None),
    ]
    for domain in cohort.domains:
        columns += [(f"{domain.id} level", 8, "0"), (f"{domain.id} score", 8, _SCORE)]
    areas = [area.id for area in cohort.governance.areas] if cohort.governance else []
    columns += [(f"Governance: {area}", 12, None) for area in areas]
    if cohort.actions is not None:
        columns += [("Actions overdue", 10, "0"), ("Gaps without an action", 10, "0")]
    return [*columns, ("Source", 30, None), ("Warnings", 50, None)]


def _league_row(cohort: CohortResult, entry: LeagueEntry) -> list[Any]:
    row: list[Any] = [
        entry.rank,
        entry.organisation,
        entry.code,
        entry.period,
        entry.score,
        entry.percent,
        entry.band,
        entry.domains_assessed,
        entry.domains_met,
        entry.domains_below,
        entry.capped,
        common.gate_text(entry.gate),
    ]
    domains = {domain.id: domain for domain in entry.domains}
    for described in cohort.domains:
        domain = domains.get(described.id)
        row += [domain.level if domain else None, domain.score if domain else None]
    ratings = entry.governance or {}
    for area in cohort.governance.areas if cohort.governance else []:
        rating = ratings.get(area.id)
        row.append(rating.label if rating is not None else "Not assessed")
    if cohort.actions is not None:
        row += [entry.actions_overdue, entry.gaps_without_action]
    return [*row, entry.source, " | ".join(entry.warnings)]


def _distributions(book: Workbook, cohort: CohortResult) -> None:
    columns: list[_Column] = [("Domain", 8, None), ("Title", 36, None)]
    columns += [(f"Level {step.level}: {step.label}", 11, "0") for step in cohort.framework.scale]
    columns += [
        ("Not assessed", 10, "0"),
        ("Mean level", 9, _SCORE),
        ("Median level", 9, _SCORE),
        ("Mean score", 9, _SCORE),
        ("Median score", 9, _SCORE),
        ("Met target", 9, "0"),
        ("Below target", 9, "0"),
    ]
    rows = [
        [
            domain.id,
            domain.title + common.marks(cohort, domain),
            *(count.count for count in domain.counts),
            domain.not_assessed,
            domain.mean_level,
            domain.median_level,
            domain.mean_score,
            domain.median_score,
            domain.met,
            domain.below,
        ]
        for domain in cohort.domains
    ]
    _sheet(book, "Distributions", columns, rows)


def _governance(book: Workbook, cohort: CohortResult) -> None:
    governance = cohort.governance
    if governance is None:
        return
    columns: list[_Column] = [
        ("Area", 12, None),
        ("Title", 30, None),
        ("Green", 8, "0"),
        ("Amber", 8, "0"),
        ("Red", 8, "0"),
        ("Not assessed", 10, "0"),
    ]
    rows: list[list[Any]] = [
        [a.id, a.title, a.green, a.amber, a.red, a.not_assessed] for a in governance.areas
    ]
    rows += [
        ["All areas", "Green in every area", governance.all_green, None, None, None],
        ["All areas", "Red in every area", None, None, governance.all_red, None],
    ]
    _sheet(book, "Governance", columns, rows)


def _improvement(book: Workbook, cohort: CohortResult) -> None:
    base = cohort.baseline
    if base is None:
        return
    columns: list[_Column] = [
        ("Rank", 7, "0"),
        ("Organisation", 36, None),
        ("Code", 9, None),
        ("Baseline period", 10, None),
        ("Baseline score", 9, _SCORE),
        ("Score", 9, _SCORE),
        ("Change", 9, "+0.00;-0.00;0.00"),
        ("Baseline band", 14, None),
        ("Band", 14, None),
        ("Domains up", 9, "0"),
        ("Domains down", 9, "0"),
    ]
    rows: list[list[Any]] = [
        [r.rank, r.organisation, r.code, r.baseline_period, r.baseline_score, r.score]
        + [r.change, r.baseline_band, r.band, r.domains_up, r.domains_down]
        for r in base.ranking
    ]
    rows += [[None, line] for line in common.comings_and_goings(cohort)]
    _sheet(book, "Improvement", columns, rows)


def render(cohort: CohortResult, options: RenderOptions) -> bytes:
    """Return the cohort as a workbook (``.xlsx`` bytes)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    facts = [list(fact) for fact in common.facts(cohort)]
    _sheet(book, "Summary", [("About this cohort", 22, None), ("", 100, None)], facts)
    league = [_league_row(cohort, entry) for entry in cohort.league]
    _sheet(book, "League table", _league_columns(cohort), league)
    _distributions(book, cohort)
    _governance(book, cohort)
    _improvement(book, cohort)
    if cohort.invalid:
        rows = [[item.file, "\n".join(common.invalid_lines(item))] for item in cohort.invalid]
        _sheet(book, "Not graded", [("File", 40, None), ("Problems", 120, None)], rows)
    return _xlsx.reproducible_bytes(book)
