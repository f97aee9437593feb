"""What the assessment templates are given for the panel, governance and outcomes.

Like :mod:`._view`, these only look things up in a :class:`Result` and put them in order;
every rating, gap, status and count comes from the scorer, every word from
:mod:`wcc_assess.render._words`.
"""

from __future__ import annotations

from typing import Any

from wcc_assess.models.result import DomainResult, IndicatorResult, Result
from wcc_assess.render import _words

__all__ = [
    "assurance_context",
    "checked_share",
    "has_scorecard",
    "moderated_indicators",
    "outcome_periods",
    "panel_rated_domains",
    "typeset_number",
    "typeset_signed",
]


def outcome_periods(result: Result) -> list[str]:
    """Every year any outcome measure has an aspiration for, earliest first."""
    if result.outcomes is None:
        return []
    return sorted({year.period for m in result.outcomes.measures for year in m.years})


def moderated_indicators(result: Result) -> list[tuple[DomainResult, IndicatorResult]]:
    """Every indicator the panel rated, with its domain, in framework order."""
    return [
        (domain, indicator)
        for domain in result.domains
        for indicator in domain.indicators
        if indicator.panel_level is not None
    ]


def has_scorecard(result: Result) -> bool:
    """Whether the report opens with the scorecard of outcomes, competencies and governance.

    It does when the framework has those elements (WCC), reported or not, or when the
    submission reports either.
    """
    info = result.framework
    return (
        info.has_governance
        or info.has_outcomes
        or result.governance is not None
        or result.outcomes is not None
    )


def typeset_signed(value: float | None, places: int = 2) -> str:
    """Return a gap as a typeset report writes it: ``+0.44``, ``−0.25``, ``0.00``, ``–``."""
    return _words.signed(value, places, minus=_words.MINUS, none=_words.NO_VALUE)


def typeset_number(value: float | None) -> str:
    """Return a measured value as written, in a typeset report: ``80.35``, ``1402``, ``–``."""
    return _words.figure(value, _words.NO_VALUE)


def checked_share(checked: int, counted: int) -> str:
    """Say how much of the counted evidence was checked: ``8 of the 80 items counted (10%)``."""
    if not counted:
        return "no evidence counted"
    return f"{checked} of the {counted} items counted ({round(100 * checked / counted)}%)"


def panel_rated_domains(result: Result) -> list[DomainResult]:
    """Return the domains the panel rated whole, in framework order."""
    return [domain for domain in result.domains if domain.panel_rating is not None]


def assurance_context(result: Result) -> dict[str, Any]:
    """Return what the report templates need for the panel, governance and outcomes."""
    panel = result.panel
    enquiries = panel.enquiries if panel else []
    interests = panel.interests if panel else []
    return {
        "scorecard": has_scorecard(result),
        "rated_domains": panel_rated_domains(result),
        "enquiries_for": lambda group_id: [e for e in enquiries if e.domain == group_id],
        "interests_for": lambda group_id: [f for f in interests if f.domain == group_id],
        "enquiry_text": _words.enquiry_text,
        "interest_text": _words.interest_text,
        "checked_share": checked_share,
        "rating_text": _words.domain_rating_text,
        "area_rating_text": _words.area_rating_text,
        "tolerance_status": _words.tolerance_status_text,
        "basis_text": _words.BASIS_TEXT,
        "moderated": moderated_indicators(result),
        "panel_rated": panel is not None and panel.indicators_rated > 0,
        "rag_text": _words.RAG_TEXT,
        "outcome_text": _words.OUTCOME_TEXT,
        "signed": typeset_signed,
        "number": typeset_number,
        "calibration_text": _words.calibration_text,
        "measure_summary": _words.measure_summary,
        "outcome_periods": outcome_periods(result),
        "gate_title": _words.gate_title(result),
    }
