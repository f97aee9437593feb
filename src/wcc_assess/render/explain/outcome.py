"""``wcc explain SUBMISSION life-expectancy``: an outcome measure, year by year."""

from __future__ import annotations

from wcc_assess.models.assurance import Better
from wcc_assess.models.result import (
    OutcomeMeasureResult,
    OutcomesResult,
    OutcomeStatus,
    OutcomeYear,
    Result,
)
from wcc_assess.render._words import figure, sentence, signed, tolerance_status_text
from wcc_assess.render.explain._text import header, wrap

__all__ = ["explain_outcome"]


_STATUS = {
    OutcomeStatus.ON_TRACK: "on track",
    OutcomeStatus.WITHIN_TOLERANCE: "within tolerance",
    OutcomeStatus.OFF_TRACK: "off track",
    OutcomeStatus.NO_ACTUAL: "no actual yet",
    OutcomeStatus.NO_ASPIRATION: "no aspiration set",
}


def _outcome_year(measure: OutcomeMeasureResult, year: OutcomeYear) -> str:
    covers = (
        f" ({year.data_period})" if year.data_period and year.data_period != year.period else ""
    )
    if year.aspiration is None:
        return f"{year.period}{covers}: actual {figure(year.actual)}, no aspiration set"
    head = f"{year.period}{covers}: aspiration {figure(year.aspiration)}"
    if year.actual is None or year.status is OutcomeStatus.NO_ACTUAL:
        return f"{head}, no actual yet"
    on = year.status is OutcomeStatus.ON_TRACK
    if measure.better is Better.HIGHER:
        relation = "≥" if on else "<"
    else:
        relation = "≤" if on else ">"
    difference = f", difference {signed(year.difference)}" if year.difference is not None else ""
    text = (
        f"{head}, actual {figure(year.actual)}: {_STATUS[year.status]} "
        f"({figure(year.actual)} {relation} {figure(year.aspiration)}{difference})"
    )
    if not on:
        text += f"; {tolerance_status_text(year, measure.unit)}"
    return text


def _judging(measure: OutcomeMeasureResult, better: str) -> list[str]:
    """Say how a measure's years are judged: on track, and within its tolerance."""
    if all(year.aspiration is None for year in measure.years):
        return wrap(
            "No trajectory was set (the framework asks for none), so each actual is shown "
            "against the baseline only.",
            "",
            "  ",
        )
    rule = "at least" if measure.better is Better.HIGHER else "at most"
    out = wrap(f"A year is on track when its actual is {rule} the aspiration ({better}).", "", "  ")
    if measure.tolerance is None:
        return out + wrap("Tolerance: none, so any shortfall is off track.", "", "  ")
    source = {
        "submission": "the submission's",
        "framework": "the framework's for this measure",
        "framework-default": "the framework's default",
    }.get(measure.tolerance_source or "", "")
    return out + wrap(
        f"Tolerance: {measure.tolerance} ({source}); a year that falls short by no more "
        "than that is within tolerance, not off track.",
        "",
        "  ",
    )


def explain_outcome(result: Result, measure_id: str) -> list[str]:
    """Explain a measure: baseline, each year's aspiration against its actual, its status."""
    outcomes: OutcomesResult | None = result.outcomes
    if outcomes is None:
        raise KeyError(measure_id)
    measure = next(m for m in outcomes.measures if m.id == measure_id)
    out = wrap(f"{measure.id} {measure.name} (outcome measure)")
    out += header(result)
    out.append("")
    better = "higher is better" if measure.better is Better.HIGHER else "lower is better"
    required = "; required by the framework" if measure.required else ""
    out.append(f"Unit: {measure.unit}; {better}{required}.")
    if measure.source:
        out += wrap(sentence(f"Source: {measure.source}"), "", "  ")
    covers = measure.baseline_data_period
    covers = f" ({covers})" if covers and covers != measure.baseline_period else ""
    out.append(f"Baseline: {figure(measure.baseline_value)} in {measure.baseline_period}{covers}.")
    out += _judging(measure, better)
    out += ["", "Years"]
    for year in measure.years:
        out += wrap(_outcome_year(measure, year), "  ", "    ")
    out.append("")
    if measure.latest_period is None:
        out.append("Status: no actual yet.")
    elif measure.status is OutcomeStatus.NO_ASPIRATION:
        out += wrap(
            "Status: no aspiration was set (the framework asks for no trajectory), so the "
            "actuals are shown against the baseline only.",
            "",
            "  ",
        )
    else:
        out.append(
            f"Status: {_STATUS[measure.status]}, as in {measure.latest_period}, the latest year "
            "with an actual."
        )
    later = [y for y in measure.years if y.actual is None]
    if later and measure.latest_period is not None:
        nxt = later[0]
        out += wrap(f"Next: {nxt.period} aspires to {figure(nxt.aspiration)} ({better}).", "", "  ")
    return out
