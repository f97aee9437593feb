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
    """One row of the bar chart: a domain id, its level, target and score.

    The bar is the level (None: not assessed, drawn as a gap); the score, when there is
    one, is a secondary mark on the same scale, written out in the column on the right.
    """

    label: str
    level: int | None
    target: int | None
    score: float | None
    text: str
    """The right-hand column: ``level 2 · 2.50``, or ``not assessed``."""


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


@dataclass(frozen=True, slots=True)
class _Radar:
    """Where things stand on a radar of ``count`` spokes and ``steps`` rings."""

    count: int
    lowest: int
    steps: int
    centre: float = 220.0
    radius: float = 160.0

    def angle(self, index: int) -> float:
        return -math.pi / 2 + 2 * math.pi * index / self.count

    def point(self, index: int, level: float | None) -> tuple[float, float]:
        distance = 0.0 if level is None else self.radius * (level - self.lowest + 1) / self.steps
        angle = self.angle(index)
        return self.centre + distance * math.cos(angle), self.centre + distance * math.sin(angle)

    def polygon(self, values: Sequence[float | None]) -> str:
        """Return the points of a shape through every spoke with a value (gaps skipped)."""
        points = (self.point(i, v) for i, v in enumerate(values) if v is not None)
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)

    def ring_label(self, level: float) -> tuple[float, float]:
        """Return where a ring's number stands: half-way between the first two spokes."""
        angle = -math.pi / 2 + math.pi / self.count
        distance = self.radius * (level - self.lowest + 1) / self.steps
        return self.centre + distance * math.cos(angle), self.centre + distance * math.sin(angle)


def _radar_grid(radar: _Radar, levels: Sequence[int]) -> list[str]:
    """Draw a ring per level, a spoke per axis, and the levels up the first spoke."""
    centre = _n(radar.centre)
    parts = [f'<g fill="none" stroke="{GRID}" stroke-width="1">']
    parts += [f'<polygon points="{radar.polygon([level] * radar.count)}"/>' for level in levels]
    for index in range(radar.count):
        x, y = radar.point(index, levels[-1])
        parts.append(f'<line x1="{centre}" y1="{centre}" x2="{_n(x)}" y2="{_n(y)}"/>')
    parts += ["</g>", f'<g font-size="11" fill="{MUTED}" text-anchor="middle">']
    for level in levels:
        x, y = radar.ring_label(level)
        parts.append(
            f'<text class="ring" x="{_n(x)}" y="{_n(y + 4)}" stroke="#FFFFFF" '
            f'stroke-width="3" paint-order="stroke">{level}</text>'
        )
    return [*parts, "</g>"]


def _radar_shapes(radar: _Radar, axes: Sequence[RadarAxis]) -> list[str]:
    """Last year's shape (dotted), the targets' (dashed) and the levels' (filled)."""
    parts: list[str] = []
    previous = [axis.previous for axis in axes]
    if radar.count >= 3 and any(level is not None for level in previous):
        parts.append(
            f'<polygon class="previous" points="{radar.polygon(previous)}" fill="none" '
            f'stroke="{PREVIOUS}" stroke-width="2" stroke-dasharray="2 3" '
            'stroke-linejoin="round"/>'
        )
    targets = [axis.target for axis in axes]
    if radar.count >= 3 and all(target is not None for target in targets):
        parts.append(
            f'<polygon class="target" points="{radar.polygon(targets)}" fill="none" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts.append(
        f'<polygon class="level" points="{radar.polygon([axis.level for axis in axes])}" '
        f'fill="{BLUE}" fill-opacity="0.18" stroke="{BLUE}" stroke-width="2.5" '
        'stroke-linejoin="round"/>'
    )
    centre = _n(radar.centre)
    for index, axis in enumerate(axes):
        if axis.level is None:
            x, y = radar.point(index, radar.lowest + radar.steps - 1)
            parts.append(
                f'<line class="gap" x1="{centre}" y1="{centre}" x2="{_n(x)}" y2="{_n(y)}" '
                f'stroke="{PREVIOUS}" stroke-width="2" stroke-dasharray="1 4" '
                'stroke-linecap="round"/>'
            )
    return parts


def _diamond(x: float, y: float) -> str:
    """Draw a target's marker: a white diamond outlined in the target colour."""
    return (
        f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" '
        f'fill="#FFFFFF" stroke="{TARGET}" stroke-width="1.5" '
        f'transform="rotate(45 {_n(x)} {_n(y)})"/>'
    )


def _radar_marks(radar: _Radar, axes: Sequence[RadarAxis]) -> list[str]:
    """Draw a diamond at each target and a dot at each level; then the spokes' labels."""
    parts: list[str] = []
    for index, axis in enumerate(axes):
        if axis.target is not None:
            parts.append(_diamond(*radar.point(index, axis.target)))
        if axis.level is not None:
            x, y = radar.point(index, axis.level)
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{BLUE}"/>')
    parts.append(f'<g font-size="13" font-weight="bold" fill="{INK}">')
    for index, axis in enumerate(axes):
        angle, reach = radar.angle(index), radar.radius + 18
        x = radar.centre + reach * math.cos(angle)
        y = radar.centre + reach * math.sin(angle) + 4.5
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        label = _t(axis.label) + (" n/a" if axis.level is None else "")
        parts.append(f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}">{label}</text>')
    return [*parts, "</g>"]


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
    level sits on the first ring, not at the centre. A domain not assessed is a gap, not a
    zero: the shape skips its spoke, which is drawn dotted and labelled "n/a". The rings'
    numbers stand half-way between the first two spokes, clear of every spoke and label.
    """
    radar = _Radar(len(axes), levels[0], len(levels))
    parts = _open(440, 440, id_prefix, title, desc)
    parts += _radar_grid(radar, levels)
    parts += _radar_shapes(radar, axes)
    parts += _radar_marks(radar, axes)
    return "\n".join([*parts, "</svg>"])


@dataclass(frozen=True, slots=True)
class _Rows:
    """The layout of the bar chart: a row per bar, the scale across from zero."""

    lowest: int
    highest: int
    count: int
    row: int = 28
    left: int = 50
    plot: int = 260
    top: int = 12

    @property
    def bottom(self) -> int:
        return self.top + self.row * self.count

    @property
    def origin(self) -> int:
        """Where the bars start: one step below the lowest level, so level 1 has length."""
        return self.lowest - 1

    def x_of(self, value: float) -> float:
        return self.left + self.plot * (value - self.origin) / (self.highest - self.origin)


def _bar_axis(rows: _Rows, levels: Sequence[int]) -> list[str]:
    parts = [f'<g stroke="{GRID}" stroke-width="1">']
    for level in [rows.origin, *levels]:
        x = _n(rows.x_of(level))
        parts.append(f'<line x1="{x}" y1="{rows.top}" x2="{x}" y2="{rows.bottom}"/>')
    parts += ["</g>", f'<g font-size="11" fill="{MUTED}" text-anchor="middle">']
    for level in levels:
        parts.append(
            f'<text class="tick" x="{_n(rows.x_of(level))}" y="{rows.bottom + 15}">{level}</text>'
        )
    parts.append(
        f'<text class="axis" x="{_n(rows.left + rows.plot / 2)}" y="{rows.bottom + 30}">'
        "level</text>"
    )
    return [*parts, "</g>"]


def _bar_marks(rows: _Rows, y: float, bar: Bar) -> list[str]:
    """Draw the level's bar (or the gap of a domain not assessed) and the score's mark."""
    left, middle = rows.left, y + rows.row / 2
    if bar.level is None:
        return [
            f'<rect class="gap" x="{left}" y="{_n(y + 5)}" width="{rows.plot}" '
            f'height="{rows.row - 10}" fill="none" stroke="{PREVIOUS}" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>',
            f'<text class="gap-label" x="{left + 8}" y="{_n(middle + 4)}" font-size="11" '
            f'font-style="italic" fill="{MUTED}">not assessed</text>',
        ]
    end = rows.x_of(bar.level)
    parts = [
        f'<rect class="level" x="{left}" y="{_n(y + 5)}" width="{_n(end - left)}" '
        f'height="{rows.row - 10}" fill="{BLUE}"/>'
    ]
    if bar.score is not None:
        parts.append(
            f'<circle class="score" cx="{_n(rows.x_of(bar.score))}" cy="{_n(middle)}" r="4" '
            f'fill="#FFFFFF" stroke="{INK}" stroke-width="2"/>'
        )
    return parts


def _bar(rows: _Rows, index: int, bar: Bar) -> list[str]:
    """Draw one row: its label, the bar or gap, the target's tick, the figures on the right."""
    left, y = rows.left, rows.top + rows.row * index
    middle = y + rows.row / 2
    parts = [
        f'<text class="label" x="{left - 8}" y="{_n(middle + 4.5)}" text-anchor="end" '
        f'font-size="13" font-weight="bold" fill="{INK}">{_t(bar.label)}</text>',
        *_bar_marks(rows, y, bar),
    ]
    if bar.target is not None:
        x = _n(rows.x_of(bar.target))
        y1, y2 = _n(y + 1), _n(y + rows.row - 1)
        parts.append(
            f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="#FFFFFF" stroke-width="5.5"/>'
        )
        parts.append(
            f'<line class="target" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" '
            f'stroke="{TARGET}" stroke-width="2.5" stroke-dasharray="3 2"/>'
        )
    parts.append(
        f'<text class="value" x="{left + rows.plot + 12}" y="{_n(middle + 4)}" font-size="12" '
        f'fill="{INK}">{_t(bar.text)}</text>'
    )
    return parts


def bar_chart(
    bars: Sequence[Bar],
    levels: Sequence[int],
    *,
    title: str,
    desc: str,
    id_prefix: str = "bars",
) -> str:
    """Return a horizontal bar chart of levels against targets, with the scores marked.

    Each bar runs from zero to the domain's level; its target is a dashed tick across the
    row and its score a hollow circle on the same scale (a secondary mark, never the bar).
    A domain not assessed is a dashed empty frame labelled "not assessed", not a bar of
    zero. Every row's figures are written in a column to the right, clear of the plot.
    """
    rows = _Rows(levels[0], levels[-1], len(bars))
    width, height = rows.left + rows.plot + 118, rows.bottom + 36
    parts = _open(width, height, id_prefix, title, desc) + _bar_axis(rows, levels)
    for index, bar in enumerate(bars):
        parts += _bar(rows, index, bar)
    return "\n".join([*parts, "</svg>"])


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


@dataclass(frozen=True, slots=True)
class _Plot:
    """The layout of a trajectory chart: a column per year, the values' ticks up the side."""

    columns: int
    low: float
    high: float
    width: int = 480
    height: int = 220
    left: int = 56
    right: int = 30
    top: int = 30
    bottom: int = 40

    def x_of(self, index: int) -> float:
        plot_w = self.width - self.left - self.right
        if self.columns == 1:
            return self.left + plot_w / 2
        return self.left + plot_w * index / (self.columns - 1)

    def y_of(self, value: float) -> float:
        plot_h = self.height - self.top - self.bottom
        return self.top + plot_h * (self.high - value) / (self.high - self.low)

    def path(self, pairs: list[tuple[int, float]]) -> str:
        return " ".join(f"{_n(self.x_of(i))},{_n(self.y_of(v))}" for i, v in pairs)


def _ticks(points: Sequence[TrajectoryPoint]) -> list[float]:
    """Return round ticks spanning every aspiration and actual."""
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
    return ticks


def _trajectory_axes(
    plot: _Plot, ticks: list[float], points: Sequence[TrajectoryPoint]
) -> list[str]:
    parts = [f'<g stroke="{GRID}" stroke-width="1">']
    for tick in ticks:
        level = _n(plot.y_of(tick))
        parts.append(
            f'<line x1="{plot.left}" y1="{level}" x2="{plot.width - plot.right}" y2="{level}"/>'
        )
    parts += ["</g>", f'<g font-size="11" fill="{MUTED}">']
    for tick in ticks:
        y = _n(plot.y_of(tick) + 4)
        parts.append(f'<text x="{plot.left - 6}" y="{y}" text-anchor="end">{_tick(tick)}</text>')
    for index, point in enumerate(points):
        parts.append(
            f'<text x="{_n(plot.x_of(index))}" y="{plot.height - plot.bottom + 16}" '
            f'text-anchor="middle">{_t(point.label)}</text>'
        )
    return [*parts, "</g>"]


def _trajectory_lines(plot: _Plot, points: Sequence[TrajectoryPoint]) -> list[str]:
    """Draw the aspirations (dashed, diamonds) and actuals (solid; square where missed)."""
    aspirations = [(i, p.aspiration) for i, p in enumerate(points) if p.aspiration is not None]
    actuals = [(i, p.actual) for i, p in enumerate(points) if p.actual is not None]
    parts: list[str] = []
    if len(aspirations) > 1:
        parts.append(
            f'<polyline class="aspiration" points="{plot.path(aspirations)}" fill="none" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts += [_diamond(plot.x_of(index), plot.y_of(value)) for index, value in aspirations]
    if len(actuals) > 1:
        parts.append(
            f'<polyline class="actual" points="{plot.path(actuals)}" fill="none" '
            f'stroke="{BLUE}" stroke-width="2.5" stroke-linejoin="round"/>'
        )
    for index, value in actuals:
        x, y = plot.x_of(index), plot.y_of(value)
        if points[index].on_track is False:
            parts.append(
                f'<rect class="missed" x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9" '
                f'fill="#FFFFFF" stroke="{BLUE}" stroke-width="2.5"/>'
            )
        else:
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{BLUE}"/>')
    return parts


def _trajectory_legend(left: int) -> list[str]:
    legend_y = 16
    return [
        f'<g font-size="11" fill="{INK}">',
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 24}" y2="{legend_y - 4}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>',
        f'<text x="{left + 30}" y="{legend_y}">Aspiration</text>',
        f'<line x1="{left + 110}" y1="{legend_y - 4}" x2="{left + 134}" y2="{legend_y - 4}" '
        f'stroke="{BLUE}" stroke-width="2.5"/>',
        f'<text x="{left + 140}" y="{legend_y}">Actual (square: missed)</text>',
        "</g>",
    ]


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
    ticks = _ticks(points)
    plot = _Plot(len(points), ticks[0], ticks[-1])
    parts = _open(plot.width, plot.height, id_prefix, title, desc)
    parts += _trajectory_axes(plot, ticks, points)
    parts += _trajectory_lines(plot, points)
    parts += _trajectory_legend(plot.left)
    return "\n".join([*parts, "</svg>"])
