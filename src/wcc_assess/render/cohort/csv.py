"""CSV: one row per file of the cohort, for spreadsheets and statistics packages.

Graded organisations come first, in league-table order, with their overall grade, each
domain's level and score, each governance area's rating (when the cohort rated governance)
and (with a baseline) their change; files that were not graded follow with ``status``
``invalid`` (or ``invalid-baseline``) and their problems in ``notes`` (where graded rows
keep their warnings), so nothing is lost. Text that starts like a spreadsheet formula is
defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from wcc_assess.models.cohort import CohortResult, Improvement
from wcc_assess.render.interface import RenderOptions

__all__ = ["csv_text", "render"]


def csv_text(text: str) -> str:
    """Defuse spreadsheet formulas in a text cell.

    Text starting with = + - @ (or a tab or return) gets a leading apostrophe, so a
    spreadsheet shows it instead of running it.
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


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
            csv_text(entry.organisation),
            csv_text(entry.code),
            csv_text(entry.period),
            csv_text(entry.source),
            _value(entry.score),
            _value(entry.percent),
            csv_text(entry.band or ""),
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
                    csv_text(change.baseline_period),
                    _value(change.baseline_score),
                    _value(change.change),
                    _value(change.rank),
                ]
                if change
                else ["", "", "", ""]
            )
        row.append(csv_text(" | ".join(entry.warnings)))
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
                csv_text(item.file),
                *blank_tail,
                csv_text(" | ".join(problem.format() for problem in item.errors)),
            ]
        )
    return buffer.getvalue()
