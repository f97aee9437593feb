"""Wording shared by the trend renderers (the figures worded by :mod:`.._words`)."""

from __future__ import annotations

from wcc_assess.models.trend import DomainTrend, Trend, TrendPeriod, TrendPoint
from wcc_assess.render._words import change_text, figure, fixed

__all__ = [
    "footer_rows",
    "latest_change",
    "notes",
    "overall_text",
    "plan_rows",
    "point_text",
    "subtitle",
]


def point_text(point: TrendPoint) -> str:
    """Return a domain's value in one period: ``2 (2.25)``, or ``not assessed``, or ``-``."""
    if point.level is None:
        return "not assessed" if point.compared_with else "-"
    text = figure(point.level)
    return text + (f" ({fixed(point.score)})" if point.score is not None else "")


def notes(trend: Trend) -> list[str]:
    """Return the notes of every point: ``C9, 2025/26: renamed from C8``, ``…: not assessed``."""
    return [
        f"{domain.id}, {point.period}: {point.note}"
        for domain in trend.domains
        for point in domain.points
        if point.note
    ]


def subtitle(trend: Trend) -> str:
    """Return the line under the title: framework, periods and versions."""
    versions = list(dict.fromkeys(p.framework_version for p in trend.periods))
    text = (
        f"{trend.framework_title} ({trend.framework_id} "
        f"{', '.join(versions)}) · {len(trend.periods)} period"
        f"{'s' if len(trend.periods) != 1 else ''}: "
        f"{trend.periods[0].period} to {trend.periods[-1].period}"
    )
    if len(versions) > 1:
        text += f" · shown with the ids of version {trend.framework_version}"
    return text


def overall_text(period: TrendPeriod) -> str:
    """Return a period's overall grade: ``2.65 (55.1%)``, or ``-``."""
    if period.overall_score is None or period.overall_percent is None:
        return "-"
    return f"{fixed(period.overall_score)} ({fixed(period.overall_percent, 1)}%)"


def footer_rows(trend: Trend) -> list[tuple[str, list[str], bool]]:
    """Return the rows under the domains, each (label, a cell per period).

    The mean score, the band (when the framework has bands), what each year was graded on,
    and whether it was signed off. The flag says whether the cells come from an input
    (band names come from the framework file) and need escaping.
    """
    rows = [("Mean score (percent)", [overall_text(p) for p in trend.periods], False)]
    if any(p.band for p in trend.periods):
        rows.append(("Band", [p.band or "-" for p in trend.periods], True))
    rows.append(("Graded on", [p.basis.words if p.basis else "-" for p in trend.periods], False))
    rows.append(
        (
            "Status",
            [
                "-" if p.draft is None else ("draft" if p.draft else "signed off")
                for p in trend.periods
            ],
            False,
        )
    )
    return rows


_PLAN_ROWS = (
    ("Actions raised", "raised"),
    ("Done", "done"),
    ("Overdue", "overdue"),
    ("Open or in progress", None),
    ("Dropped", "dropped"),
)


def plan_rows(trend: Trend) -> list[tuple[str, list[str]]]:
    """Return the development plan's counts by period, as (label, a cell per period) rows.

    Empty when no period has a plan; a period without one shows ``-``.
    """
    if all(period.actions is None for period in trend.periods):
        return []
    rows = []
    for label, field in _PLAN_ROWS:
        cells = []
        for period in trend.periods:
            counts = period.actions
            if counts is None:
                cells.append("-")
            elif field is None:
                cells.append(str(counts.open + counts.in_progress))
            else:
                cells.append(str(getattr(counts, field)))
        rows.append((label, cells))
    return rows


def latest_change(domain: DomainTrend) -> str:
    """Return the change of the latest period: ``↑ improved 2→3 (score +0.75)``, or ``""``."""
    if domain.change is None:
        return ""
    level = domain.points[-1].level
    return change_text(domain.change, int(level) if level is not None else None)
