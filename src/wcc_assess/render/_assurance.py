"""Presentation helpers for the rest of assurance: panel, governance and outcomes.

Shared by the Markdown and HTML renderers. Like :mod:`wcc_assess.render._view`, these only
look things up in a :class:`Result` and put them into words; every rating, gap, status and
count comes from the scorer.
"""

from __future__ import annotations

from typing import Any

from wcc_assess.models.assurance import Rag
from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    GateStatus,
    IndicatorResult,
    OutcomeMeasureResult,
    OutcomeStatus,
    Result,
)

__all__ = [
    "OUTCOME_TEXT",
    "RAG_TEXT",
    "assurance_context",
    "calibration_text",
    "gate_title",
    "has_scorecard",
    "measure_summary",
    "moderated_indicators",
    "number",
    "outcome_periods",
    "signed",
]

RAG_TEXT: dict[Rag, tuple[str, str]] = {
    Rag.GREEN: ("●", "Green"),
    Rag.AMBER: ("▲", "Amber"),
    Rag.RED: ("■", "Red"),
}
"""A shape and a word for each rating: the word is always shown, the shape and colour are
decoration."""

OUTCOME_TEXT: dict[OutcomeStatus, str] = {
    OutcomeStatus.ON_TRACK: "On track",
    OutcomeStatus.OFF_TRACK: "Off track",
    OutcomeStatus.NO_ACTUAL: "No actual yet",
}
"""The words for each outcome status."""


def signed(value: float | None, places: int = 2) -> str:
    """Return a gap as ``+0.44``, ``−0.25`` or ``0.00`` (``+2`` with no places), or ``–``."""
    if value is None:
        return "–"
    if not value:
        return f"{0:.{places}f}"
    return f"+{value:.{places}f}" if value > 0 else f"−{-value:.{places}f}"


def number(value: float | None) -> str:
    """Return a measured value as it was written (``80.35``, ``1402``), or an en dash."""
    if value is None:
        return "–"
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def outcome_periods(result: Result) -> list[str]:
    """Every year any outcome measure has an aspiration for, earliest first."""
    if result.outcomes is None:
        return []
    return sorted({year.period for m in result.outcomes.measures for year in m.years})


def calibration_text(value: float | None) -> str:
    """Say which way a calibration gap points."""
    if value is None:
        return "the panel rated no indicator"
    if value > 0:
        return "the organisation rated itself higher than the panel did"
    if value < 0:
        return "the panel rated higher than the organisation did"
    return "the organisation and the panel agreed on average"


def moderated_indicators(result: Result) -> list[tuple[DomainResult, IndicatorResult]]:
    """Every indicator the panel rated, with its domain, in framework order."""
    return [
        (domain, indicator)
        for domain in result.domains
        for indicator in domain.indicators
        if indicator.panel_level is not None
    ]


def measure_summary(measure: OutcomeMeasureResult) -> str:
    """One sentence on a measure: its latest year against its aspiration."""
    better = f"{measure.better.value} is better"
    if measure.latest_period is None:
        return f"No actual yet; {better}."
    latest = next(year for year in measure.years if year.period == measure.latest_period)
    return (
        f"{OUTCOME_TEXT[measure.status]} in {latest.period}: {number(latest.actual)} against "
        f"an aspiration of {number(latest.aspiration)} {measure.unit}; {better}."
    )


def _red_areas(count: int) -> str:
    return f"{count} governance area{'s are' if count != 1 else ' is'} red"


def gate_title(result: Result) -> str:
    """Say how the gate came out: domains below target, domains that fell, red areas.

    For a gate that passed, say which gates in force were passed; empty when no gate was in
    force.
    """
    targeted = [d for d in result.domains if d.status in (DomainStatus.MET, DomainStatus.BELOW)]
    below = [d for d in targeted if d.status is DomainStatus.BELOW]
    gate, since = result.gate, result.baseline.period if result.baseline else None
    parts: list[str] = []
    if gate.status is GateStatus.FAILED:
        fell = [f for f in gate.failures if f.kind == "regression"]
        red = [f for f in gate.failures if f.kind == "governance-red"]
        if below or not (fell or red):
            verb = "is" if len(below) == 1 else "are"
            parts.append(f"{len(below)} of {len(targeted)} domains with a target {verb} below it")
        if fell and since:
            parts.append(f"{len(fell)} domain{'s' if len(fell) != 1 else ''} fell since {since}")
        if red:
            parts.append(_red_areas(len(red)))
    elif gate.status is GateStatus.PASSED:
        others = {"regression", "governance-red"} & set(gate.checks)
        if "below-target" in gate.checks or not others:
            parts.append(
                f"every domain with a target meets it ({len(targeted)} of {len(targeted)})"
            )
        if "regression" in gate.checks and since:
            parts.append(f"no domain fell since {since}")
        if "governance-red" in gate.checks:
            parts.append("no governance area is red")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def has_scorecard(result: Result) -> bool:
    """Whether the result reports more than the competencies (governance or outcomes)."""
    return result.governance is not None or result.outcomes is not None


def assurance_context(result: Result) -> dict[str, Any]:
    """Return what the report templates need for the panel, governance and outcomes."""
    panel = result.panel
    return {
        "scorecard": has_scorecard(result),
        "moderated": moderated_indicators(result),
        "panel_rated": panel is not None and panel.indicators_rated > 0,
        "rag_text": RAG_TEXT,
        "outcome_text": OUTCOME_TEXT,
        "signed": signed,
        "number": number,
        "calibration_text": calibration_text,
        "measure_summary": measure_summary,
        "outcome_periods": outcome_periods(result),
        "gate_title": gate_title(result),
    }
