"""CSV: one row per file of the cohort, for spreadsheets and statistics packages.

Graded organisations come first, in league-table order, with their overall grade, each
domain's level and score, each governance area's rating (when the cohort rated governance),
the overdue actions and the gaps without an action (when any organisation lists a
development plan) and (with a baseline) their change; files that were not graded follow
with ``status`` ``invalid`` (or ``invalid-baseline``) and their problems in ``notes``
(where graded rows keep their warnings), so nothing is lost. Every text cell is cleaned,
and text that starts like a spreadsheet formula is defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from wcc_assess.models.cohort import CohortResult, Improvement, LeagueEntry
from wcc_assess.render._safety import spreadsheet_cell
from wcc_assess.render._words import profile_short
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def _value(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(value)


_SUMMARY = [
    "status",
    "rank",
    "organisation",
    "code",
    "period",
    "source",
    "score",
    "percent",
    "band",
    "profile",
    "domains_assessed",
    "domains_met",
    "domains_below",
    "domains_not_evidenced",
    "capped",
    "gate",
    "basis",
    "draft",
    "competency_total",
    "score_rank",
]
"""The first columns: each organisation's line of the league table."""

_BASELINE = ["baseline_period", "baseline_score", "change", "improvement_rank"]

_PLANS = ["actions_overdue", "gaps_without_action"]
"""With development plans in the cohort: overdue actions (empty: no plan) and gaps."""


def _header(cohort: CohortResult) -> list[str]:
    header = list(_SUMMARY)
    for domain in cohort.domains:
        header += [f"{domain.id}_level", f"{domain.id}_score"]
    if cohort.governance is not None:
        header += ["governance_points", "governance_rank"]
    header += [f"governance_{area_id}" for area_id in _area_ids(cohort)]
    header += _PLANS if cohort.actions is not None else []
    return header + (_BASELINE if cohort.baseline is not None else []) + ["notes"]


def _area_ids(cohort: CohortResult) -> list[str]:
    return [area.id for area in cohort.governance.areas] if cohort.governance else []


def _summary(entry: LeagueEntry) -> list[str]:
    return [
        "graded",
        _value(entry.rank),
        spreadsheet_cell(entry.organisation),
        spreadsheet_cell(entry.code),
        spreadsheet_cell(entry.period),
        spreadsheet_cell(entry.source),
        _value(entry.score),
        _value(entry.percent),
        spreadsheet_cell(entry.band or ""),
        spreadsheet_cell(profile_short(entry.profile) if entry.profile else ""),
        _value(entry.domains_assessed),
        _value(entry.domains_met),
        _value(entry.domains_below),
        _value(entry.domains_not_evidenced),
        _value(entry.capped),
        entry.gate.value,
        entry.basis.value if entry.basis else "",
        "" if entry.draft is None else str(entry.draft).lower(),
        _value(entry.competency_total),
        _value(entry.score_rank),
    ]


def _improvement(change: Improvement | None) -> list[str]:
    if change is None:
        return ["", "", "", ""]
    return [
        spreadsheet_cell(change.baseline_period),
        _value(change.baseline_score),
        _value(change.change),
        _value(change.rank),
    ]


def _graded_row(
    cohort: CohortResult, entry: LeagueEntry, improvements: dict[tuple[str, str], Improvement]
) -> list[str]:
    """Return an organisation's row: summary, each domain, each governance area, change."""
    row = _summary(entry)
    domains = {domain.id: domain for domain in entry.domains}
    for described in cohort.domains:
        domain = domains.get(described.id)
        row += [
            _value(domain.level if domain else None),
            _value(domain.score if domain else None),
        ]
    ratings = entry.governance or {}
    if cohort.governance is not None:
        row += [_value(entry.governance_points), _value(entry.governance_rank)]
    row += [
        rating.value if (rating := ratings.get(area_id)) is not None else ""
        for area_id in _area_ids(cohort)
    ]
    if cohort.actions is not None:
        row += [_value(entry.actions_overdue), _value(entry.gaps_without_action)]
    if cohort.baseline is not None:
        row += _improvement(improvements.get((entry.code, entry.period)))
    return [*row, spreadsheet_cell(" | ".join(entry.warnings))]


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort as CSV (RFC 4180: comma-separated, CRLF line ends, a header row)."""
    header = _header(cohort)
    improvements: dict[tuple[str, str], Improvement] = {}
    if cohort.baseline is not None:
        improvements = {(row.code, row.period): row for row in cohort.baseline.ranking}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for entry in cohort.league:
        writer.writerow(_graded_row(cohort, entry, improvements))
    blank_tail = [""] * (len(header) - 7)
    for item in cohort.invalid:
        status = "invalid-baseline" if item.baseline else "invalid"
        problems = spreadsheet_cell(" | ".join(problem.format() for problem in item.errors))
        writer.writerow(
            [status, "", "", "", "", spreadsheet_cell(item.file), *blank_tail, problems]
        )
    return buffer.getvalue()
