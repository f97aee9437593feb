"""Charts as inline SVG, computed in Python: radar, bars, and outcome trajectories.

The radar shows levels against targets, the bar chart scores, and the trajectory chart an
outcome measure's aspirations against its actuals.

Pure functions from plain values to SVG text; no templates, no I/O. Every chart carries
``role="img"`` with a ``<title>`` and ``<desc>`` (its text alternative), and every label is
escaped. Coordinates are rounded to one decimal so the output is byte-stable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from wcc_assess.render._safety import clean

__all__ = ["Bar", "RadarAxis", "TrajectoryPoint", "bar_chart", "radar_chart", "trajectory_chart"]

BLUE = "#005EB8"
"""NHS Blue: the organisation's levels and scores."""
TARGET = "#330072"
"""NHS Purple: targets, always drawn dashed so colour is not the only cue."""
PREVIOUS = "#768692"
"""NHS Mid Grey: last year's levels, always drawn dotted so colour is not the only cue."""
GRID = "#AEB7BD"
INK = "#212B32"
MUTED = "#4C6272"


@dataclass(frozen=True, slots=True)
class RadarAxis:
    """One spoke of the radar: a domain id, its level and its target (None if absent)."""

    label: str
    level: int | None
    target: int | None
    previous: float | None = None
    """Last year's level (fractional for a merged domain), when a baseline was given."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of the bar chart: a domain id, its score and target, and the score's text."""

    label: str
    value: float | None
    target: int | None
    text: str


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _t(text: str) -> str:
    return escape(clean(text), quote=True)


def _open(width: int, height: int, id_prefix: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{_t(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_t(desc)}</desc>',
    ]


def radar_chart(
    axes: Sequence[RadarAxis],
    levels: Sequence[int],
    *,
    title: str,
    desc: str,
    id_prefix: str = "radar",
) -> str:
    """Return a radar chart of levels against targets.

    One spoke per axis and a ring per scale level; the levels are a filled polygon, the
    targets a dashed polygon (only markers when some domain has no target), and with
    ``previous`` levels (a baseline) last year's shape is a grey dotted polygon. The lowest
    level sits on the first ring, not at the centre, so that a domain not assessed (drawn
    at the centre, its label marked "n/a") stands apart from one at the bottom of the scale.
    """
    size, centre, radius = 440, 220.0, 160.0
    lowest, steps = levels[0], len(levels)
    count = len(axes)

    def point(index: int, level: float | None) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = 0.0 if level is None else radius * (level - lowest + 1) / steps
        return centre + distance * math.cos(angle), centre + distance * math.sin(angle)

    def polygon(values: Sequence[float | None]) -> str:
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, v) for i, v in enumerate(values)))

    parts = _open(size, size, id_prefix, title, desc)
    parts.append(f'<g fill="none" stroke="{GRID}" stroke-width="1">')
    for level in levels:
        parts.append(f'<polygon points="{polygon([level] * count)}"/>')
    for index in range(count):
        x, y = point(index, levels[-1])
        parts.append(f'<line x1="{_n(centre)}" y1="{_n(centre)}" x2="{_n(x)}" y2="{_n(y)}"/>')
    parts.append("</g>")
    parts.append(f'<g font-size="11" fill="{MUTED}" text-anchor="start">')
    for level in levels:
        x, y = point(0, level)
        parts.append(f'<text x="{_n(x + 4)}" y="{_n(y - 3)}">{level}</text>')
    parts.append("</g>")

    previous = [axis.previous for axis in axes]
    if count >= 3 and any(level is not None for level in previous):
        parts.append(
            f'<polygon class="previous" points="{polygon(previous)}" fill="none" '
            f'stroke="{PREVIOUS}" stroke-width="2" stroke-dasharray="2 3" '
            'stroke-linejoin="round"/>'
        )
    targets = [axis.target for axis in axes]
    if count >= 3 and all(target is not None for target in targets):
        parts.append(
            f'<polygon class="target" points="{polygon(targets)}" fill="none" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts.append(
        f'<polygon class="level" points="{polygon([axis.level for axis in axes])}" '
        f'fill="{BLUE}" fill-opacity="0.18" stroke="{BLUE}" stroke-width="2.5" '
        'stroke-linejoin="round"/>'
    )
    for index, axis in enumerate(axes):
        if axis.target is not None:
            x, y = point(index, axis.target)
            parts.append(
                f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" '
                f'fill="#FFFFFF" stroke="{TARGET}" stroke-width="1.5" '
                f'transform="rotate(45 {_n(x)} {_n(y)})"/>'
            )
        if axis.level is not None:
            x, y = point(index, axis.level)
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{BLUE}"/>')

    parts.append(f'<g font-size="13" font-weight="bold" fill="{INK}">')
    for index, axis in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = centre + (radius + 18) * math.cos(angle)
        y = centre + (radius + 18) * math.sin(angle) + 4.5
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        label = _t(axis.label) + (" n/a" if axis.level is None else "")
        parts.append(f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}">{label}</text>')
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(
    bars: Sequence[Bar],
    levels: Sequence[int],
    *,
    title: str,
    desc: str,
    id_prefix: str = "bars",
) -> str:
    """Return a horizontal bar chart of scores on the scale.

    Each target is a dashed tick across its bar, and each score is written in a column to
    the right (or "not assessed" in the row).
    """
    lowest, highest = levels[0], levels[-1]
    row, left, plot, top = 26, 46, 300, 12
    width = left + plot + 70
    height = top + row * len(bars) + 34

    def x_of(value: float) -> float:
        return left + plot * (value - lowest) / (highest - lowest)

    parts = _open(width, height, id_prefix, title, desc)
    bottom = top + row * len(bars)
    parts.append(f'<g stroke="{GRID}" stroke-width="1">')
    for level in levels:
        x = _n(x_of(level))
        parts.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>')
    parts.append("</g>")
    parts.append(f'<g font-size="11" fill="{MUTED}" text-anchor="middle">')
    for level in levels:
        parts.append(f'<text x="{_n(x_of(level))}" y="{bottom + 15}">{level}</text>')
    parts.append(f'<text x="{_n(left + plot / 2)}" y="{bottom + 30}">score</text>')
    parts.append("</g>")
    for index, bar in enumerate(bars):
        y = top + row * index
        middle = y + row / 2
        parts.append(
            f'<text x="{left - 8}" y="{_n(middle + 4.5)}" text-anchor="end" font-size="13" '
            f'font-weight="bold" fill="{INK}">{_t(bar.label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{left + 6}" y="{_n(middle + 4)}" font-size="11" font-style="italic" '
                f'fill="{MUTED}">{_t(bar.text)}</text>'
            )
        else:
            end = max(x_of(bar.value), left + 2.0)
            parts.append(
                f'<rect x="{left}" y="{_n(y + 5)}" width="{_n(end - left)}" '
                f'height="{row - 10}" fill="{BLUE}"/>'
            )
            parts.append(
                f'<text x="{left + plot + 12}" y="{_n(middle + 4)}" font-size="12" '
                f'fill="{INK}">{_t(bar.text)}</text>'
            )
        if bar.target is not None:
            x = _n(x_of(bar.target))
            y1, y2 = _n(y + 1), _n(y + row - 1)
            parts.append(
                f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="#FFFFFF" stroke-width="5.5"/>'
            )
            parts.append(
                f'<line class="target" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" '
                f'stroke="{TARGET}" stroke-width="2.5" stroke-dasharray="3 2"/>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class TrajectoryPoint:
    """One year of an outcome measure: its aspiration and its actual (None if absent)."""

    label: str
    aspiration: float | None
    actual: float | None
    on_track: bool | None = None
    """Whether the actual met the aspiration; None when there is nothing to compare."""


def _nice_step(span: float) -> float:
    """Return a round tick step (1, 2, 2.5 or 5 times a power of ten) giving about 4 ticks."""
    raw = span / 4 if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


def _tick(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def trajectory_chart(
    points: Sequence[TrajectoryPoint],
    *,
    title: str,
    desc: str,
    id_prefix: str = "trajectory",
) -> str:
    """Return a line chart of a measure's aspirations (dashed) against its actuals (solid).

    One column per year, earliest first (the baseline year has only an actual). Actuals
    that missed their aspiration are drawn as hollow squares rather than filled circles,
    so the chart does not rely on colour; the legend says which line is which.
    """
    width, height = 480, 220
    left, right, top, bottom = 56, 30, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for p in points for v in (p.aspiration, p.actual) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    step = _nice_step(high - low)
    low_tick = math.floor(low / step) * step
    high_tick = math.ceil(high / step) * step
    if high_tick == low_tick:
        high_tick = low_tick + step
    ticks = []
    tick = low_tick
    while tick <= high_tick + step / 1000:
        ticks.append(tick)
        tick = round(tick + step, 9)

    def x_of(index: int) -> float:
        if len(points) == 1:
            return left + plot_w / 2
        return left + plot_w * index / (len(points) - 1)

    def y_of(value: float) -> float:
        return top + plot_h * (high_tick - value) / (high_tick - low_tick)

    parts = _open(width, height, id_prefix, title, desc)
    parts.append(f'<g stroke="{GRID}" stroke-width="1">')
    for tick in ticks:
        level = _n(y_of(tick))
        parts.append(f'<line x1="{left}" y1="{level}" x2="{width - right}" y2="{level}"/>')
    parts.append("</g>")
    parts.append(f'<g font-size="11" fill="{MUTED}">')
    for tick in ticks:
        parts.append(
            f'<text x="{left - 6}" y="{_n(y_of(tick) + 4)}" text-anchor="end">{_tick(tick)}</text>'
        )
    for index, point in enumerate(points):
        parts.append(
            f'<text x="{_n(x_of(index))}" y="{height - bottom + 16}" '
            f'text-anchor="middle">{_t(point.label)}</text>'
        )
    parts.append("</g>")

    def path(pairs: list[tuple[int, float]]) -> str:
        return " ".join(f"{_n(x_of(i))},{_n(y_of(v))}" for i, v in pairs)

    aspirations = [(i, p.aspiration) for i, p in enumerate(points) if p.aspiration is not None]
    actuals = [(i, p.actual) for i, p in enumerate(points) if p.actual is not None]
    if len(aspirations) > 1:
        parts.append(
            f'<polyline class="aspiration" points="{path(aspirations)}" fill="none" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    for index, value in aspirations:
        x, y = x_of(index), y_of(value)
        parts.append(
            f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="#FFFFFF" '
            f'stroke="{TARGET}" stroke-width="1.5" transform="rotate(45 {_n(x)} {_n(y)})"/>'
        )
    if len(actuals) > 1:
        parts.append(
            f'<polyline class="actual" points="{path(actuals)}" fill="none" stroke="{BLUE}" '
            'stroke-width="2.5" stroke-linejoin="round"/>'
        )
    for index, value in actuals:
        x, y = x_of(index), y_of(value)
        if points[index].on_track is False:
            parts.append(
                f'<rect class="missed" x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9" '
                f'fill="#FFFFFF" stroke="{BLUE}" stroke-width="2.5"/>'
            )
        else:
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{BLUE}"/>')
    legend_y = 16
    parts.append(f'<g font-size="11" fill="{INK}">')
    parts.append(
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 24}" y2="{legend_y - 4}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    parts.append(f'<text x="{left + 30}" y="{legend_y}">Aspiration</text>')
    parts.append(
        f'<line x1="{left + 110}" y1="{legend_y - 4}" x2="{left + 134}" y2="{legend_y - 4}" '
        f'stroke="{BLUE}" stroke-width="2.5"/>'
    )
    parts.append(f'<text x="{left + 140}" y="{legend_y}">Actual (square: missed)</text>')
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)
