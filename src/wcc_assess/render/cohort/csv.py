"""CSV: one row per file of the cohort, for spreadsheets and statistics packages.

Graded organisations come first, in league-table order, with their overall grade, each
domain's level and score, each governance area's rating (when the cohort rated governance)
and (with a baseline) their change; files that were not graded follow with ``status``
``invalid`` (or ``invalid-baseline``) and their problems in ``notes`` (where graded rows
keep their warnings), so nothing is lost. Every text cell is cleaned, and text that starts
like a spreadsheet formula is defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from wcc_assess.models.cohort import CohortResult, Improvement
from wcc_assess.render._safety import spreadsheet_cell
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def _value(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(value)


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort as CSV (RFC 4180: comma-separated, CRLF line ends, a header row)."""
    domain_ids = [domain.id for domain in cohort.domains]
    header = [
        "status",
        "rank",
        "organisation",
        "code",
        "period",
        "source",
        "score",
        "percent",
        "band",
        "domains_assessed",
        "domains_met",
        "domains_below",
        "capped",
        "gate",
    ]
    for domain_id in domain_ids:
        header += [f"{domain_id}_level", f"{domain_id}_score"]
    area_ids = [area.id for area in cohort.governance.areas] if cohort.governance else []
    header += [f"governance_{area_id}" for area_id in area_ids]
    with_baseline = cohort.baseline is not None
    if with_baseline:
        header += ["baseline_period", "baseline_score", "change", "improvement_rank"]
    header += ["notes"]

    improvements: dict[tuple[str, str], Improvement] = {}
    if cohort.baseline is not None:
        improvements = {(row.code, row.period): row for row in cohort.baseline.ranking}

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for entry in cohort.league:
        domains = {domain.id: domain for domain in entry.domains}
        row = [
            "graded",
            _value(entry.rank),
            spreadsheet_cell(entry.organisation),
            spreadsheet_cell(entry.code),
            spreadsheet_cell(entry.period),
            spreadsheet_cell(entry.source),
            _value(entry.score),
            _value(entry.percent),
            spreadsheet_cell(entry.band or ""),
            _value(entry.domains_assessed),
            _value(entry.domains_met),
            _value(entry.domains_below),
            _value(entry.capped),
            entry.gate.value,
        ]
        for domain_id in domain_ids:
            domain = domains.get(domain_id)
            row += [
                _value(domain.level if domain else None),
                _value(domain.score if domain else None),
            ]
        ratings = entry.governance or {}
        row += [
            rating.value if (rating := ratings.get(area_id)) is not None else ""
            for area_id in area_ids
        ]
        if with_baseline:
            change = improvements.get((entry.code, entry.period))
            row += (
                [
                    spreadsheet_cell(change.baseline_period),
                    _value(change.baseline_score),
                    _value(change.change),
                    _value(change.rank),
                ]
                if change
                else ["", "", "", ""]
            )
        row.append(spreadsheet_cell(" | ".join(entry.warnings)))
        writer.writerow(row)
    blank_tail = [""] * (len(header) - 7)
    for item in cohort.invalid:
        status = "invalid-baseline" if item.baseline else "invalid"
        writer.writerow(
            [
                status,
                "",
                "",
                "",
                "",
                spreadsheet_cell(item.file),
                *blank_tail,
                spreadsheet_cell(" | ".join(problem.format() for problem in item.errors)),
            ]
        )
    return buffer.getvalue()
