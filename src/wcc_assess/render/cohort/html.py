"""A self-contained HTML cohort report: inline CSS and SVG charts, no script, A4 print.

The page works offline and without JavaScript, is accessible (tables with header cells,
every chart a titled image with a text description and the same numbers in a table beside
it, statuses in words as well as colour) and prints on A4. Everything that came from a
submission is escaped by the template engine (autoescape on, undefined names fail).
This module lays out the charts (positions and sizes); it computes no statistic.
"""

from __future__ import annotations

from dataclasses import dataclass

from wcc_assess.models.cohort import CohortResult, Improvement, LeagueEntry
from wcc_assess.models.result import GateStatus
from wcc_assess.render._jinja import environment
from wcc_assess.render._words import band_rule_text
from wcc_assess.render.cohort import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]

TEMPLATE = "cohort_report.html.j2"

LIGHTEST = (0x5B, 0x8F, 0xCC)
DARKEST = (0x00, 0x30, 0x87)
"""Level fills run from LIGHTEST (the lowest level) to DARKEST (the highest). Every fill
stands at least 3:1 against the white page (the lightest 3.4:1), the text in a segment
is dark or white, whichever reads at 4.5:1 or more on it, and levels are labelled in
words (``tests/unit/test_cohort_html.py`` computes the ratios)."""
INK = "#10243f"
WHITE = "#ffffff"
NOT_ASSESSED_FILL = WHITE
"""Not assessed is a gap, not a level: an empty segment with a dashed grey outline."""
GAP_OUTLINE = "#4c6272"

CHART_WIDTH = 720
LABEL_WIDTH = 64
BAR_WIDTH = 560
ROW_HEIGHT = 24
BAR_HEIGHT = 18
BAND_LABEL_WIDTH = 124
"""Band names are longer than domain ids."""
MIN_LABEL_WIDTH = 34
"""Segments narrower than this carry no text (their numbers are in the table and title)."""


def _luminance(fill: str) -> float:
    """Return the WCAG relative luminance of ``#rrggbb``."""
    channels = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_on(fill: str) -> str | None:
    """Return the text colour that reads on ``fill`` at 4.5:1, dark ink or white, or None.

    A segment whose fill neither reads on carries no text (its figures are in its title,
    the chart's description and the table).
    """
    ink = INK if contrast(INK, fill) >= contrast(WHITE, fill) else WHITE
    return ink if contrast(ink, fill) >= 4.5 else None


def ramp(index: int, count: int) -> str:
    """Return the fill of step ``index`` of ``count``, evenly spaced from light to dark."""
    share = index / (count - 1) if count > 1 else 1.0
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(LIGHTEST, DARKEST, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


@dataclass(frozen=True, slots=True)
class Segment:
    """One coloured part of a stacked bar."""

    x: float
    width: float
    fill: str
    ink: str
    text: str
    """Shown inside the segment when it is wide enough."""
    title: str
    """The segment's tooltip and accessible name."""
    stroke: str = WHITE
    """The outline: white between the segments of a bar, grey and dashed round a gap."""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled row of a chart."""

    label: str
    y: float
    segments: list[Segment]
    note: str = ""
    """Text after the bar (e.g. the value of a single bar)."""
    note_x: float = 0.0


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart: its bars, legend, size, title and text description."""

    id: str
    title: str
    description: str
    height: float
    bars: list[Bar]
    legend: list[tuple[str, str]]
    """(fill, label) pairs."""
    axis: list[tuple[float, str]]
    """(x, label) ticks under the bars."""
    label_width: float = LABEL_WIDTH
    """Room left of the bars for their labels."""
    outline: float = 0.0
    """Width of a frame drawn round each bar (0: none), so light segments stand out."""


def _levels_chart(cohort: CohortResult) -> Chart:
    scale = cohort.framework.scale
    bars: list[Bar] = []
    descriptions: list[str] = []
    for row, domain in enumerate(cohort.domains):
        total = domain.assessed + domain.not_assessed
        x = float(LABEL_WIDTH)
        segments: list[Segment] = []
        parts = [
            (
                count.count,
                f"level {count.level} {count.label}",
                ramp(index, len(domain.counts)),
                ink_on(ramp(index, len(domain.counts))),
                str(count.level),
            )
            for index, count in enumerate(domain.counts)
        ]
        parts.append((domain.not_assessed, "not assessed", NOT_ASSESSED_FILL, INK, "n/a"))
        for count, name, fill, ink, short in parts:
            if not count or not total:
                continue
            width = BAR_WIDTH * count / total
            readable = ink is not None and width >= MIN_LABEL_WIDTH
            segments.append(
                Segment(
                    x=round(x, 2),
                    width=round(width, 2),
                    fill=fill,
                    ink=ink or INK,
                    text=f"{short}: {count}" if readable else "",
                    title=f"{domain.id} {domain.title}: {count} at {name}",
                    stroke=GAP_OUTLINE if fill == NOT_ASSESSED_FILL else WHITE,
                    dashed=fill == NOT_ASSESSED_FILL,
                )
            )
            x += width
        bars.append(Bar(label=domain.id, y=10 + row * ROW_HEIGHT, segments=segments))
        spread = ", ".join(f"level {c.level}: {c.count}" for c in domain.counts)
        if domain.not_assessed:
            spread += f", not assessed: {domain.not_assessed}"
        descriptions.append(f"{domain.id} {domain.title}: {spread}.")
    legend = [
        (ramp(i, len(scale)), f"Level {step.level} {step.label}") for i, step in enumerate(scale)
    ]
    legend.append((NOT_ASSESSED_FILL, "Not assessed"))
    axis = [(LABEL_WIDTH + BAR_WIDTH * share / 4, f"{share * 25}%") for share in range(5)]
    return Chart(
        id="chart-levels",
        title="Organisations at each level, by domain",
        description="Stacked bars, one per domain, dividing the organisations of the cohort "
        "by the level their domain reached. " + " ".join(descriptions),
        height=20 + len(bars) * ROW_HEIGHT + 24,
        bars=bars,
        legend=legend,
        axis=axis,
        outline=BAR_WIDTH,
    )


def _bands_chart(cohort: CohortResult) -> Chart | None:
    """Bars of the organisations in each band; None when the framework has no bands (WCC)."""
    bands = cohort.overall.bands
    if not bands:
        return None
    info = cohort.framework
    largest = max((band.count for band in bands), default=0) or 1
    bars = []
    for row, band in enumerate(bands):
        width = (BAR_WIDTH - 60) * band.count / largest
        y = 10 + row * ROW_HEIGHT
        segments = (
            [
                Segment(
                    x=BAND_LABEL_WIDTH,
                    width=round(width, 2),
                    fill=ramp(row, len(bands)),
                    ink=ink_on(ramp(row, len(bands))) or INK,
                    text="",
                    title=f"{band.label}: {band.count}",
                )
            ]
            if band.count
            else []
        )
        bars.append(
            Bar(
                label=band.label,
                y=y,
                segments=segments,
                note=str(band.count),
                note_x=round(BAND_LABEL_WIDTH + width + 6, 2),
            )
        )
    description = (
        "Bars, one per band, of the number of organisations in it: "
        + "; ".join(
            f"{band.label} ({band_rule_text(band.when, info.scale, info.terms)}): {band.count}"
            for band in bands
        )
        + "."
    )
    return Chart(
        id="chart-bands",
        title="Organisations by band (from their domain levels)",
        description=description,
        height=20 + len(bars) * ROW_HEIGHT,
        bars=bars,
        legend=[],
        axis=[],
        label_width=BAND_LABEL_WIDTH,
    )


def _means_chart(cohort: CohortResult) -> Chart:
    scale = cohort.framework.scale
    lowest, highest = scale[0].level, scale[-1].level
    span = (highest - lowest) or 1
    bars = []
    descriptions = []
    for row, domain in enumerate(cohort.domains):
        y = 10 + row * ROW_HEIGHT
        marks = common.marks(cohort, domain)
        note = common.number(domain.mean_score) + marks
        if domain.mean_score is None:
            bars.append(
                Bar(label=domain.id, y=y, segments=[], note="not assessed", note_x=LABEL_WIDTH + 6)
            )
            descriptions.append(f"{domain.id}: not assessed.")
            continue
        width = max(2.0, BAR_WIDTH * (domain.mean_score - lowest) / span)
        fill = (
            "#b5522b" if "weakest" in marks else "#2f7a4d" if "strongest" in marks else ("#4f86c6")
        )
        bars.append(
            Bar(
                label=domain.id,
                y=y,
                note=note,
                note_x=round(LABEL_WIDTH + width + 6, 2),
                segments=[
                    Segment(
                        x=LABEL_WIDTH,
                        width=round(width, 2),
                        fill=fill,
                        ink="#ffffff",
                        text="",
                        title=f"{domain.id} {domain.title}: mean score {note}",
                    )
                ],
            )
        )
        descriptions.append(f"{domain.id} {domain.title}: {note}.")
    axis = [
        (LABEL_WIDTH + BAR_WIDTH * (level - lowest) / span, str(level))
        for level in range(lowest, highest + 1)
    ]
    return Chart(
        id="chart-means",
        title="Mean score by domain",
        description=f"Bars of each domain's mean score across the cohort, on the "
        f"scale {lowest} to {highest}. " + " ".join(descriptions),
        height=20 + len(bars) * ROW_HEIGHT + 24,
        bars=bars,
        legend=[],
        axis=axis,
    )


_GATE_MARK = {GateStatus.PASSED: "✓", GateStatus.FAILED: "✗", GateStatus.NONE: "–"}


def _league_row(entry: LeagueEntry, columns: list[common.LeagueColumn]) -> dict[str, object]:
    return {
        "cells": [(column, column.cell(entry)) for column in columns],
        "gate_class": entry.gate.value,
        "gate_mark": _GATE_MARK[entry.gate],
    }


def _improvement_row(row: Improvement) -> dict[str, object]:
    change = row.change or 0
    return {
        "rank": str(row.rank) if row.rank is not None else "–",
        "organisation": row.organisation,
        "code": row.code,
        "before": common.number(row.baseline_score),
        "now": common.number(row.score),
        "change": common.signed(row.change),
        "direction": "up" if change > 0 else "down" if change < 0 else "same",
        "band": row.band or "–",
        "baseline_band": row.baseline_band or "–",
        "up": row.domains_up,
        "down": row.domains_down,
    }


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort report as one self-contained HTML page."""
    ranking = cohort.baseline.ranking if cohort.baseline is not None else []
    columns = common.league_columns(cohort)
    return (
        environment("html")
        .get_template(TEMPLATE)
        .render(
            cohort=cohort,
            facts=common.facts(cohort),
            governance_text=common.governance_text(cohort),
            league=[_league_row(entry, columns) for entry in cohort.league],
            league_columns=columns,
            league_order=common.league_order(cohort),
            show_period=common.multi_period(cohort),
            level_legend=common.level_legend(cohort),
            number=common.number,
            improvement=[_improvement_row(row) for row in ranking],
            invalid=[(item, common.invalid_lines(item)) for item in cohort.invalid],
            warnings=cohort.warnings + common.organisation_warnings(cohort),
            charts={
                "levels": _levels_chart(cohort),
                "bands": _bands_chart(cohort),
                "means": _means_chart(cohort),
            },
            chart_width=CHART_WIDTH,
            bar_height=BAR_HEIGHT,
        )
    )
