"""What the assessment templates are given: the result, in reading order, and its words.

These only look things up in a :class:`Result` and put them in order (capped indicators,
not-assessed items, next steps by domain, what holds a domain down); none computes a level
or a score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wcc_assess.models.framework import Band
from wcc_assess.models.paper import Paper, default_title
from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    IndicatorResult,
    KeyDocumentStatus,
    NextStep,
    Result,
)
from wcc_assess.render import _words

__all__ = [
    "KEY_DOCUMENT_ICON",
    "NotAssessedItem",
    "about",
    "board_context",
    "board_paper_default",
    "capped_indicators",
    "current_band",
    "domain_summary",
    "framework_context",
    "holding_down",
    "not_assessed_items",
    "steps_by_domain",
    "template_context",
]


@dataclass(frozen=True, slots=True)
class NotAssessedItem:
    """A domain or indicator left out of the arithmetic, and why."""

    id: str
    title: str
    reason: str
    is_domain: bool


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
    text = f"Level {_words.level_text(result.framework.scale, domain.level)}"
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


def current_band(result: Result) -> Band | None:
    """Return the framework's band the result is in (with its rule), if it has bands."""
    return next((b for b in result.framework.bands if b.label == result.overall.band), None)


def board_context(result: Result) -> dict[str, Any]:
    """Return what the front sheet and the summary need: the paper, the words, the peers."""
    terms = result.framework.terms
    peers = {p.id: p for p in result.peers.domains} if result.peers is not None else {}
    phases = [d.phase for d in result.domains]
    return {
        "paper": result.paper or board_paper_default(result),
        "paper_status": _words.PAPER_STATUS_TEXT,
        "term": terms.domain,
        "terms": terms.domains,
        "Term": _words.capital(terms.domain),
        "Terms": _words.capital(terms.domains),
        "counted_term": lambda count: _words.term(terms, count),
        "plural": _words.plural,
        "glossary": _words.glossary(result),
        "peers": peers,
        "peer_text": _words.peer_text,
        "weighted": any(d.weight != 1 for d in result.domains),
        "weight_text": _words.weight_text,
        "decimal": _words.decimal,
        "phased": any(phases),
        "not_assessed_domains": [d for d in result.domains if not d.assessed],
        "about": about(result),
        "note_text": _words.note_text,
        "paper_given": result.paper is not None and result.paper != board_paper_default(result),
        "groups": _groups(result),
    }


def board_paper_default(result: Result) -> Paper:
    """Return the front sheet of a result read back from before schema 1.5 (no paper)."""
    return Paper.model_construct(title=default_title(result.framework.title, result.period))


def _groups(result: Result) -> list[tuple[str | None, list[DomainResult]]]:
    """Return the domains in framework order, in runs of the same phase."""
    groups: list[tuple[str | None, list[DomainResult]]] = []
    for domain in result.domains:
        if groups and groups[-1][0] == domain.phase:
            groups[-1][1].append(domain)
        else:
            groups.append((domain.phase, [domain]))
    return groups


def about(result: Result) -> str:
    """Return the line under a report's title that says what the framework is.

    That is the framework's own one-line ``summary``; a framework without one (or a result
    read back from before schema 1.7) gets a line naming the framework, its version and
    its publisher.
    """
    fw = result.framework
    if fw.summary:
        return fw.summary
    return f"{fw.title} ({fw.id} {fw.version}). {_words.sentence(fw.publisher)}"


def template_context(result: Result) -> dict[str, Any]:
    """Return what every report template is given.

    That is the result, its framework and scale, the capped and not-assessed items, the
    headline (profile, band, draft) and the words of every figure.
    """
    scale = result.framework.scale
    terms = _words.terms_of(result)
    return {
        "draft": _words.draft_text(result),
        "profile": _words.profile_text(result.overall, terms),
        "profile_short": _words.profile_short(result.overall.profile, result.overall.not_assessed),
        "band": current_band(result),
        "band_rule": lambda rule: _words.band_rule_text(rule, scale, terms),
        "score_text": _words.score_text(result.overall, scale),
        "percent_text": lambda percent: _words.percent_text(percent, scale),
        "target_summary": _words.target_summary(result),
        "capitalised": _words.capitalised,
        "result": result,
        "fw": result.framework,
        "levels": [step.level for step in scale],
        "capped": capped_indicators(result),
        "not_assessed": not_assessed_items(result),
        "level_text": lambda level: _words.level_text(scale, level),
        "score": _words.fixed,
        "date": _words.format_date,
        "timestamp": _words.format_timestamp,
        "holding_down": holding_down,
        "rule_text": _words.evidence_rule_text,
        "method_text": _words.method_text,
        "target_source": _words.target_source_text,
        "baseline": result.baseline,
        "change_text": _words.change_text,
        **framework_context(result),
    }


KEY_DOCUMENT_ICON: dict[KeyDocumentStatus, str] = {
    KeyDocumentStatus.CITED: "✅",
    KeyDocumentStatus.HINTED: "🟠",
    KeyDocumentStatus.MISSING: "⚠️",
}
"""An icon beside each key document's status words, never instead of them."""


def framework_context(result: Result) -> dict[str, Any]:
    """Return what the framework's own sections need: groups and key documents."""
    rules = result.framework.groups
    return {
        "group_term": rules.term if rules else "group",
        "group_rule": (
            _words.group_rule_text(rules, result.framework.terms.domains) if rules else ""
        ),
        "group_of": {group.id: group for group in result.groups},
        "key_documents_cited": sum(
            k.status is KeyDocumentStatus.CITED for k in result.key_documents
        ),
        "key_document_text": _words.KEY_DOCUMENT_TEXT,
        "key_document_icon": KEY_DOCUMENT_ICON,
        "not_rated_text": _words.not_rated_text,
        "kinds_text": _words.kinds_text,
        "crosswalk_title": crosswalk_title(result),
    }


def crosswalk_title(result: Result) -> Callable[[str], str]:
    """Return how a crosswalk row names what it maps: ``C1 Locally lead the NHS``."""
    titles = {d.id: f"{d.id} {d.title}" for d in result.domains}
    areas = result.governance.areas if result.governance else []
    titles |= {a.id: f"Governance: {a.title}" for a in areas}

    def title(row_id: str) -> str:
        if row_id == "outcomes":
            return "Health outcomes"
        return titles.get(row_id, f"Governance: {row_id.capitalize()}")

    return title
