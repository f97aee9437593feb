"""Presentation helpers shared by the Markdown, HTML and JUnit renderers.

These only look things up in a :class:`Result` and put them into words: labels, dates,
the order of sections, the rules in force. None of them computes a level or a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from wcc_assess.models.framework import DomainMethod, EvidenceRule
from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    IndicatorResult,
    NextStep,
    Result,
    TargetSource,
)
from wcc_assess.render.change import change_text

__all__ = [
    "STATUS_TEXT",
    "NotAssessedItem",
    "capped_indicators",
    "domain_summary",
    "evidence_rule_text",
    "format_date",
    "format_score",
    "format_timestamp",
    "holding_down",
    "level_text",
    "method_text",
    "not_assessed_items",
    "steps_by_domain",
    "target_source_text",
    "template_context",
]

STATUS_TEXT: dict[DomainStatus, str] = {
    DomainStatus.MET: "Met",
    DomainStatus.BELOW: "Below target",
    DomainStatus.NO_TARGET: "No target",
    DomainStatus.NOT_ASSESSED: "Not assessed",
}
"""The words for each status; every format shows these, never a colour alone."""

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

_TARGET_SOURCES: dict[TargetSource, str] = {
    TargetSource.COMMAND_LINE: "set on the command line",
    TargetSource.SUBMISSION_DOMAIN: "the submission's target for this domain",
    TargetSource.SUBMISSION_DEFAULT: "the submission's default target",
    TargetSource.FRAMEWORK_DEFAULT: "the framework's default target",
}


@dataclass(frozen=True, slots=True)
class NotAssessedItem:
    """A domain or indicator left out of the arithmetic, and why."""

    id: str
    title: str
    reason: str
    is_domain: bool


def format_date(day: date) -> str:
    """Return a date the British way, independent of the locale: ``20 November 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_timestamp(stamp: str) -> str:
    """Return the result's ISO 8601 UTC timestamp as ``21 September 2026, 14:13 UTC``."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return f"{format_date(moment.date())}, {moment:%H:%M} UTC"


def format_score(value: float | None, places: int = 2) -> str:
    """Return a stored score or percent with a fixed number of places, or an en dash."""
    return "–" if value is None else f"{value:.{places}f}"


def level_text(result: Result, level: int | None) -> str:
    """Return ``2 Developing`` for a level on the result's scale, or an en dash."""
    if level is None:
        return "–"
    for step in result.framework.scale:
        if step.level == level:
            return f"{level} {step.label}"
    return str(level)


def target_source_text(source: TargetSource | None) -> str:
    """Say where a domain's target came from."""
    return "" if source is None else _TARGET_SOURCES[source]


def method_text(method: DomainMethod) -> str:
    """Explain how a domain's level follows from its indicators' effective levels."""
    if method is DomainMethod.ALL_MET:
        return (
            "A domain's level is the highest level that every one of its assessed "
            "indicators reaches (all-met): one weak indicator holds the whole domain down."
        )
    return (
        "A domain's level is the whole-number part of the weighted mean of its assessed "
        "indicators' effective levels (mean)."
    )


def evidence_rule_text(rule: EvidenceRule, recent_months: int) -> str:
    """Put one evidence rule into words."""
    items = f"{rule.min_items} evidence item" + ("" if rule.min_items == 1 else "s")
    text = f"A claim of level {rule.level} or above needs at least {items}"
    if rule.min_recent:
        text += (
            f", {rule.min_recent} of them dated within the {recent_months} months "
            "before the assessment"
        )
    return text + "."


def _indicator(domain: DomainResult, indicator_id: str) -> IndicatorResult | None:
    for indicator in domain.indicators:
        if indicator.id == indicator_id:
            return indicator
    return None


def holding_down(domain: DomainResult) -> list[str]:
    """Describe each indicator that holds ``domain`` at its level.

    For example ``C1.3 at 2 (capped from 3 by the evidence rules)``.
    """
    phrases: list[str] = []
    for indicator_id in domain.limited_by:
        indicator = _indicator(domain, indicator_id)
        if indicator is None or indicator.effective_level is None:
            phrases.append(indicator_id)
            continue
        phrase = f"{indicator.id} at {indicator.effective_level}"
        if indicator.capped and indicator.assessed_level is not None:
            phrase += f" (capped from {indicator.assessed_level} by the evidence rules)"
        elif (
            indicator.panel_level is not None
            and indicator.claimed_level is not None
            and indicator.panel_level < indicator.claimed_level
        ):
            phrase += f" (the panel's level; {indicator.claimed_level} was claimed)"
        phrases.append(phrase)
    return phrases


def domain_summary(result: Result, domain: DomainResult) -> str:
    """One sentence on a domain's standing: level, target and what holds it down."""
    if not domain.assessed:
        return f"Not assessed: {domain.not_assessed_reason or 'no reason given'}."
    text = f"Level {level_text(result, domain.level)}"
    if domain.target is not None:
        text += f", target {domain.target}"
    held = holding_down(domain)
    if held and domain.status is DomainStatus.BELOW:
        text += "; held down by " + ", ".join(held)
    return text + "."


def capped_indicators(result: Result) -> list[tuple[DomainResult, IndicatorResult]]:
    """Every capped indicator with its domain, in framework order."""
    return [
        (domain, indicator)
        for domain in result.domains
        for indicator in domain.indicators
        if indicator.capped
    ]


def not_assessed_items(result: Result) -> list[NotAssessedItem]:
    """Every not-assessed domain and indicator with its reason, in framework order.

    A wholly not-assessed domain is listed once; its indicators are listed as well only
    where their own reason differs from the domain's.
    """
    items: list[NotAssessedItem] = []
    for domain in result.domains:
        domain_reason = domain.not_assessed_reason or ""
        if not domain.assessed:
            items.append(NotAssessedItem(domain.id, domain.title, domain_reason, True))
        for indicator in domain.indicators:
            reason = indicator.not_assessed_reason or ""
            if not indicator.assessed and (domain.assessed or reason != domain_reason):
                items.append(NotAssessedItem(indicator.id, indicator.title, reason, False))
    return items


def steps_by_domain(result: Result) -> list[tuple[DomainResult, list[NextStep]]]:
    """Domains with next steps: those below target first, then the rest, framework order."""
    with_steps = [domain for domain in result.domains if domain.next_steps]
    below = [d for d in with_steps if d.status is DomainStatus.BELOW]
    rest = [d for d in with_steps if d.status is not DomainStatus.BELOW]
    return [(domain, list(domain.next_steps)) for domain in below + rest]


def template_context(result: Result) -> dict[str, Any]:
    """Return what every report template is given.

    That is the result, its framework and scale, the capped and not-assessed items, and
    the helpers that put values into words.
    """
    return {
        "result": result,
        "fw": result.framework,
        "levels": [step.level for step in result.framework.scale],
        "capped": capped_indicators(result),
        "not_assessed": not_assessed_items(result),
        "level_text": lambda level: level_text(result, level),
        "score": format_score,
        "date": format_date,
        "timestamp": format_timestamp,
        "holding_down": holding_down,
        "rule_text": evidence_rule_text,
        "method_text": method_text,
        "target_source": target_source_text,
        "baseline": result.baseline,
        "change_text": change_text,
    }
