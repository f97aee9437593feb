"""HTML trend: one self-contained page with line charts of every domain over time.

Inline CSS and SVG only: no network, no JavaScript (the shared hardened head says so),
printable on A4. Every chart is an ``<svg role="img">`` with a title and a text
description, and the page repeats the values in a data table, so nothing is told by the
drawing alone. The chart geometry is computed here (layout, not scoring); the page is the
``trend.html.j2`` template of the shared HTML environment (autoescape, cleaning).
"""

from __future__ import annotations

from dataclasses import dataclass

from wcc_assess.models.trend import Trend
from wcc_assess.render._jinja import environment
from wcc_assess.render._words import figure
from wcc_assess.render.interface import RenderOptions
from wcc_assess.render.trend import _common as common

__all__ = ["Chart", "line_chart", "render"]

WIDTH, HEIGHT = 260, 150
LEFT, RIGHT, TOP, BOTTOM = 34, 30, 12, 30


@dataclass(frozen=True, slots=True)
class Chart:
    """One small line chart, laid out in SVG user units."""

    key: str
    title: str
    description: str
    gridlines: list[tuple[float, str]]
    """(y, label) of each level of the scale."""
    ticks: list[tuple[float, str]]
    """(x, label) of each period."""
    segments: list[str]
    """Polyline ``points`` attributes: runs of consecutive periods with a value."""
    markers: list[tuple[float, float, str]]
    """(x, y, tooltip) of each value."""


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return round(LEFT + (span / 2 if count == 1 else span * index / (count - 1)), 1)


def _y(value: float, lowest: int, highest: int) -> float:
    span = HEIGHT - TOP - BOTTOM
    return round(TOP + span * (highest - value) / (highest - lowest), 1)


def line_chart(
    key: str,
    title: str,
    periods: list[str],
    values: list[float | None],
    lowest: int,
    highest: int,
    what: str,
) -> Chart:
    """Lay out one chart of ``values`` (None: no value) over ``periods``.

    ``what`` names the value in the text description (``level`` or ``overall score``).
    """
    count = len(periods)
    segments: list[str] = []
    run: list[str] = []
    markers = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                segments.append(" ".join(run))
            run = []
            continue
        x, y = _x(index, count), _y(value, lowest, highest)
        run.append(f"{x},{y}")
        markers.append((x, y, f"{periods[index]}: {what} {figure(value)}"))
    if run:
        segments.append(" ".join(run))
    said = [
        f"{figure(v)} in {p}" if v is not None else f"no value in {p}"
        for p, v in zip(periods, values, strict=True)
    ]
    return Chart(
        key=key,
        title=title,
        description=f"{title}: {what} " + ", ".join(said) + ".",
        gridlines=[
            (_y(level, lowest, highest), str(level)) for level in range(lowest, highest + 1)
        ],
        ticks=[(_x(i, count), period) for i, period in enumerate(periods)],
        segments=[s for s in segments if " " in s],
        markers=markers,
    )


def render(trend: Trend, options: RenderOptions) -> str:
    """Return the trend as one self-contained HTML page."""
    lowest, highest = trend.scale[0].level, trend.scale[-1].level
    periods = [p.period for p in trend.periods]
    charts = [
        line_chart(
            f"d-{domain.id}",
            f"{domain.id} {domain.title}",
            periods,
            [point.level for point in domain.points],
            lowest,
            highest,
            "level",
        )
        for domain in trend.domains
    ]
    overall = line_chart(
        "overall",
        "Mean score",
        periods,
        [p.overall_score for p in trend.periods],
        lowest,
        highest,
        "overall score",
    )
    rows = []
    for domain in trend.domains:
        rows.append(
            (
                domain.id,
                domain.title,
                [common.point_text(p) for p in domain.points],
                common.latest_change(domain),
            )
        )
    return (
        environment("html")
        .get_template("trend.html.j2")
        .render(
            trend=trend,
            subtitle=common.subtitle(trend),
            charts=charts,
            overall=overall,
            rows=rows,
            notes=common.notes(trend),
            width=WIDTH,
            height=HEIGHT,
            left=LEFT,
            right=WIDTH - RIGHT,
            bottom=HEIGHT - BOTTOM,
            latest=len(trend.periods) > 1,
            previous=periods[-2] if len(periods) > 1 else "",
            footer_rows=common.footer_rows(trend),
            plan_rows=common.plan_rows(trend),
        )
    )
