"""HTML: one self-contained, printable, accessible report for a board paper.

Rendered from ``templates/report.html.j2`` with autoescape on. Inline CSS and inline SVG
only: no script, no external request (a Content-Security-Policy says so too), readable
with JavaScript off, and printable on A4. The charts come from :mod:`wcc_assess.render.svg`.
"""

from __future__ import annotations

from typing import Any

from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    GateStatus,
    OutcomeMeasureResult,
    OutcomeStatus,
    Result,
)
from wcc_assess.render import _words
from wcc_assess.render._jinja import Markup, environment
from wcc_assess.render._safety import collapse
from wcc_assess.render.assess import _actions, _assurance, _view
from wcc_assess.render.interface import RenderOptions
from wcc_assess.render.svg import (
    Bar,
    RadarAxis,
    TrajectoryPoint,
    bar_chart,
    radar_chart,
    trajectory_chart,
)

__all__ = ["STATUS", "render"]

STATUS: dict[DomainStatus, tuple[str, str]] = {
    DomainStatus.MET: ("✓", _words.STATUS_TEXT[DomainStatus.MET]),
    DomainStatus.BELOW: ("✗", _words.STATUS_TEXT[DomainStatus.BELOW]),
    DomainStatus.NO_TARGET: ("–", _words.STATUS_TEXT[DomainStatus.NO_TARGET]),
    DomainStatus.NOT_ASSESSED: ("○", _words.STATUS_TEXT[DomainStatus.NOT_ASSESSED]),
    DomainStatus.NOT_EVIDENCED: ("✗", _words.STATUS_TEXT[DomainStatus.NOT_EVIDENCED]),
}
"""Icon and words for each status: the words are always shown, the icon is decoration."""


def _said(result: Result, domain: DomainResult) -> tuple[str, str]:
    """Say what the radar and the bar chart show of one domain, for their descriptions."""
    target = f", target {domain.target}" if domain.target is not None else ", no target"
    before = ""
    if result.baseline is not None and domain.change is not None:
        before = (
            f", {result.baseline.period} {_words.figure(domain.change.previous_level)}"
            if domain.change.previous_level is not None
            else f", not assessed in {result.baseline.period}"
        )
    name = collapse(f"{domain.id} {domain.title}")
    if domain.level is None:
        return f"{name}: not assessed{target}{before}.", f"{domain.id}: not assessed{target}."
    score = f"{domain.id}: level {domain.level}{target}, score {_words.fixed(domain.score)}."
    return f"{name}: level {domain.level}{target}{before}.", score


def _radar(result: Result, levels: list[int], described: list[str]) -> str:
    baseline = result.baseline
    terms = result.framework.terms
    has_targets = any(domain.target is not None for domain in result.domains)
    gaps = any(domain.level is None for domain in result.domains)
    desc = (
        f"Radar chart of each {terms.domain}'s level on the {levels[0]} to {levels[-1]} "
        f"scale, one spoke per {terms.domain}, the outer ring being the top level"
        + (", with the targets as a dashed outline" if has_targets else "")
        + (f" and the levels of {baseline.period} as a grey dotted outline" if baseline else "")
        + (
            f"; a {terms.domain} not assessed is a dotted spoke marked n/a, left out of the shape"
            if gaps
            else ""
        )
        + ". "
        + " ".join(described)
        + " The same figures are in the table."
    )
    axes = [
        RadarAxis(d.id, d.level, d.target, d.change.previous_level if d.change else None)
        for d in result.domains
    ]
    title = f"{_words.capital(terms.domain)} levels against targets"
    return radar_chart(axes, levels, title=title, desc=desc)


def _bars(result: Result, levels: list[int], described: list[str]) -> str:
    terms = result.framework.terms
    has_targets = any(domain.target is not None for domain in result.domains)
    desc = (
        f"Bar chart of each {terms.domain}'s level on the {levels[0]} to {levels[-1]} scale"
        + (", with each target as a dashed line" if has_targets else "")
        + f"; the score (the weighted mean of the {terms.indicators}' effective levels) is a "
        "hollow circle on the same scale. "
        + " ".join(described)
        + " The same figures are in the table."
    )
    bars = [
        Bar(
            d.id,
            d.level,
            d.target,
            d.score,
            f"level {d.level} · {_words.fixed(d.score)}" if d.level is not None else "not assessed",
        )
        for d in result.domains
    ]
    title = f"{_words.capital(terms.domain)} levels and scores"
    return bar_chart(bars, levels, title=title, desc=desc)


def _charts(result: Result) -> tuple[Markup, Markup]:
    levels = [step.level for step in result.framework.scale]
    said = [_said(result, domain) for domain in result.domains]
    radar = _radar(result, levels, [radar for radar, _ in said])
    bars = _bars(result, levels, [bar for _, bar in said])
    return Markup(radar), Markup(bars)


def _trajectories(result: Result) -> list[tuple[OutcomeMeasureResult, Markup]]:
    """Return each outcome measure with its line chart of aspirations against actuals."""
    if result.outcomes is None:
        return []
    charts = []
    for index, measure in enumerate(result.outcomes.measures, start=1):
        number = _assurance.typeset_number
        years = [
            f"{y.period}: aspiration {number(y.aspiration)}"
            + (
                f", actual {number(y.actual)}, {_words.OUTCOME_TEXT[y.status].lower()}."
                if y.actual is not None
                else ", no actual yet."
            )
            for y in measure.years
        ]
        points = [TrajectoryPoint(measure.baseline_period, None, measure.baseline_value)]
        points += [
            TrajectoryPoint(
                y.period,
                y.aspiration,
                y.actual,
                None
                if y.actual is None or y.aspiration is None
                else y.status is OutcomeStatus.ON_TRACK,
            )
            for y in measure.years
        ]
        chart = trajectory_chart(
            points,
            title=collapse(f"{measure.name} ({measure.unit}): aspiration and actual by year"),
            desc=collapse(
                f"Line chart of {measure.name} in {measure.unit}, where "
                f"{measure.better.value} is better: the aspiration for each year as a dashed "
                "line with diamonds, the actual values as a solid line, hollow squares where "
                f"an actual missed its aspiration. Baseline {measure.baseline_period}: "
                f"{number(measure.baseline_value)}. "
                + " ".join(years)
                + " The same figures are in the table beside the chart."
            ),
            id_prefix=f"outcome-{index}",
        )
        charts.append((measure, Markup(chart)))
    return charts


def context(result: Result) -> dict[str, Any]:
    """Return the template's inputs: the result, the charts and the presentation helpers."""
    radar, bars = _charts(result)
    targeted = [d for d in result.domains if d.target is not None]
    return {
        **_view.template_context(result),
        **_assurance.assurance_context(result),
        **_actions.plan_context(result),
        "trajectories": _trajectories(result),
        "radar": radar,
        "bars": bars,
        "status": STATUS,
        "gate": result.gate.status,
        "gate_passed": GateStatus.PASSED,
        "gate_failed": GateStatus.FAILED,
        "below": [d for d in targeted if d.status is DomainStatus.BELOW],
        "met": [d for d in targeted if d.status is DomainStatus.MET],
        "missing": [d for d in targeted if d.status is DomainStatus.NOT_EVIDENCED],
        "regressions": [f for f in result.gate.failures if f.kind == "regression"],
        "targeted": targeted,
        "has_targets": any(d.target is not None for d in result.domains),
        "steps": _view.steps_by_domain(result),
        **_view.board_context(result),
    }


def render(result: Result, options: RenderOptions) -> str:
    """Return the assessment as one self-contained HTML document."""
    return environment("html").get_template("report.html.j2").render(context(result))
