"""``wcc explain SUBMISSION C4.2``: how an indicator's effective level was reached."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.models.result import DomainResult, IndicatorResult, Result
from wcc_assess.render._words import plural, rule_needs, sentence
from wcc_assess.render.explain._text import (
    evidence_items,
    header,
    left_out,
    level_of,
    lift_indicator,
    since,
    wrap,
)

__all__ = ["explain_indicator"]


def _owner(result: Result, indicator_id: str) -> tuple[DomainResult, IndicatorResult]:
    for domain in result.domains:
        for indicator in domain.indicators:
            if indicator.id == indicator_id:
                return domain, indicator
    raise KeyError(indicator_id)


def _levels(result: Result, indicator: IndicatorResult) -> list[str]:
    assessed = indicator.assessed_level or 0
    supported = indicator.supported_level or 0
    out = [
        "Levels",
        f"  Claimed by the organisation: {level_of(result, indicator.claimed_level or 0)}",
    ]
    if indicator.panel_level is not None:
        note = f': "{indicator.panel_note}"' if indicator.panel_note else ""
        out += wrap(f"Panel level: {level_of(result, indicator.panel_level)}{note}", "  ", "    ")
        out.append(f"  Assessed: {assessed}, the panel's level, which counts over the claim")
    else:
        out.append(f"  Assessed: {assessed}, the claim (no panel level was given)")
    out.append(f"  Supported by the evidence: {supported}")
    if indicator.panel_level is not None:
        out.append(
            f"  Effective: {level_of(result, indicator.effective_level or 0)}, the panel's "
            "level, whatever the evidence supports"
        )
    else:
        out.append(
            f"  Effective: {level_of(result, indicator.effective_level or 0)}, the lower of "
            f"assessed {assessed} and supported {supported}"
        )
    return out


def _evidence(result: Result, indicator: IndicatorResult) -> list[str]:
    months = result.framework.recent_months
    out = ["", "Evidence"]
    out += wrap(
        f"Recent means dated from {since(result)} to {result.assessed_on.isoformat()}, "
        f"within {months} months before the assessment.",
        "  ",
    )
    kinds_matter = any(rule.kinds for rule in result.framework.evidence_rules)
    out += evidence_items(indicator.evidence, kinds_matter)
    out.append(
        f"  Counted: {plural(indicator.evidence_counted, 'item')}, "
        f"{indicator.evidence_recent} recent."
    )
    out += ["", "Evidence rules"]
    rules = result.framework.evidence_rules
    if not rules:
        out.append("  None: every claim counts as made.")
    for rule, check in zip(rules, indicator.rule_checks, strict=True):
        status = "met" if check.met else "not met"
        out += wrap(
            f"Level {rule.level} and above needs {rule_needs(rule)}: {status}", "  ", "    "
        )
    return out


def explain_indicator(result: Result, framework: Framework, indicator_id: str) -> list[str]:
    """Explain an indicator: its levels, each evidence item, the rules, any cap, the next step."""
    domain, indicator = _owner(result, indicator_id)
    out = [f"{indicator.id} {indicator.title}", f"in {domain.id} {domain.title}"]
    out += header(result)
    out.append("")
    if not indicator.assessed:
        coverage = f"{domain.coverage.assessed} of {domain.coverage.total}"
        reason, owner = indicator.not_assessed_reason, f"{domain.id}'s arithmetic"
        return out + left_out("Not assessed", reason, owner, coverage, "assessed")
    out += _levels(result, indicator)
    out += _evidence(result, indicator)
    out.append("")
    if indicator.cap is not None:
        out += wrap(sentence(f"Capped: {indicator.cap.message}"), "", "  ")
    elif indicator.panel_over_rule is not None:
        out += wrap(
            sentence(
                f"Not capped, but flagged: {indicator.panel_over_rule.message}. A panel's level "
                "is a judgement: the evidence rules inform it but never overrule it"
            ),
            "",
            "  ",
        )
    else:
        out.append("Not capped: the evidence supports the assessed level.")
    out.append("")
    effective = indicator.effective_level or 0
    if indicator.next_level_evidence is None:
        out.append(f"At {level_of(result, effective)}, the top of the scale.")
    else:
        out.append(f"To reach level {level_of(result, effective + 1)}")
        out += lift_indicator(result, framework, indicator, "  ")
    return out
