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


def gate_title(result: Result) -> str:
    """Say why a failed gate failed: domains below target and red governance areas."""
    targeted = [d for d in result.domains if d.status in (DomainStatus.MET, DomainStatus.BELOW)]
    below = [d for d in targeted if d.status is DomainStatus.BELOW]
    red = [f for f in result.gate.failures if f.kind == "governance-red"]
    parts = []
    if below or not red:
        verb = "is" if len(below) == 1 else "are"
        parts.append(f"{len(below)} of {len(targeted)} domains with a target {verb} below it")
    if red:
        areas = "area is" if len(red) == 1 else "areas are"
        parts.append(f"{len(red)} governance {areas} red")
    return "; ".join(parts)


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
