"""``wcc explain SUBMISSION C4``: how a domain's level and score were reached."""

from __future__ import annotations

from wcc_assess.models.framework import DomainMethod, Framework
from wcc_assess.models.result import DomainResult, DomainStatus, IndicatorResult, Result
from wcc_assess.render._words import (
    BASIS_TEXT,
    decimal,
    enquiry_text,
    fixed,
    interest_text,
    method_rule,
    plural,
    sentence,
    signed,
    target_source_text,
    terms_of,
)
from wcc_assess.render.explain._text import (
    header,
    level_of,
    lift_indicator,
    name_column,
    percent_line,
    weighted_terms,
    wrap,
)

__all__ = ["explain_domain"]


def _all_met_lift(
    result: Result, framework: Framework, domain: DomainResult, rated: list[IndicatorResult]
) -> list[str]:
    target = (domain.level or 0) + 1
    by_id = {r.id: r for r in rated}
    out = wrap(f"Every indicator below {target} must reach it:", "  ")
    for indicator_id in domain.limited_by:
        indicator = by_id[indicator_id]
        out += wrap(
            f"{indicator.id} {indicator.title}: {indicator.effective_level} → {target}",
            "  - ",
            "    ",
        )
        out += lift_indicator(result, framework, indicator, "    ")
    return out


def _mean_lift(
    result: Result, framework: Framework, domain: DomainResult, rated: list[IndicatorResult]
) -> list[str]:
    lift, weight = domain.lift, domain.total_weight or 0.0
    assert lift is not None
    out = wrap(
        f"The weighted mean must reach {lift.level}.00 (now {fixed(domain.score)}): the "
        f"weighted levels must total {decimal(lift.level * weight)} ({lift.level} × total "
        f"weight {decimal(weight)}), now {decimal(domain.weighted_levels or 0.0)}, so "
        f"{decimal(lift.needed)} more. Lifting an indicator one level adds its weight.",
        "  ",
    )
    if not lift.reachable:
        return out + wrap("Even every indicator at the top of the scale would not get there.", "  ")
    steps = [
        f"{step.indicator} {step.from_level} → {step.to_level} (weight {decimal(step.weight)})"
        for step in lift.steps
    ]
    out += wrap("For example, lowest first: " + "; ".join(steps) + ".", "  ", "    ")
    lifted = {step.indicator for step in lift.steps}
    for indicator in rated:
        if indicator.id in lifted:
            out += wrap(f"{indicator.id} {indicator.title}", "  - ", "    ")
            out += lift_indicator(result, framework, indicator, "    ")
    return out


def _indicator_lines(domain: DomainResult) -> list[str]:
    """One line per indicator: effective level and weight, or why it was not assessed."""
    width, names = name_column([f"{i.id} {i.title}" for i in domain.indicators], 52)
    held = set(domain.limited_by)
    out: list[str] = []
    for indicator, name in zip(domain.indicators, names, strict=True):
        if not indicator.assessed:
            reason = indicator.not_assessed_reason or "no reason given"
            out += wrap(f"{name.ljust(width)}  not assessed: {reason}", "  ", "    ")
            continue
        line = f"{name.ljust(width)}  {indicator.effective_level}  ×{decimal(indicator.weight)}"
        notes = []
        if indicator.capped:
            notes.append(f"capped from {indicator.assessed_level}")
        if indicator.id in held:
            notes.append("holds the level down")
        out.append("  " + line + ("  " + "; ".join(notes) if notes else ""))
    return out


def _level_lines(result: Result, domain: DomainResult, rated: list[IndicatorResult]) -> list[str]:
    """Write out how the level was reached: the method's, or the panel's rating beside it."""
    calculated = domain.calculated_level if domain.calculated_level is not None else 0
    score = domain.score if domain.score is not None else 0.0
    if result.framework.method is DomainMethod.ALL_MET:
        levels = ", ".join(str(i.effective_level) for i in rated)
        arithmetic = f"{level_of(result, calculated)} = min({levels})"
    else:
        arithmetic = f"{level_of(result, calculated)} = ⌊{fixed(score)}⌋, rounded down"
    rating = domain.panel_rating
    if rating is None:
        return [f"Level: {arithmetic}"]
    out = wrap(
        f"Level: {level_of(result, rating.level)}, the panel's rating of the whole "
        f"{terms_of(result).domain}, which counts over the calculated level.",
        "",
        "  ",
    )
    out += wrap(f"The panel's reasons: {rating.rationale}", "  ", "    ")
    out.append(f"Calculated level: {arithmetic}")
    return out + [f"Difference: {signed(rating.difference)} (panel minus calculated)."]


def _arithmetic(result: Result, domain: DomainResult, rated: list[IndicatorResult]) -> list[str]:
    """Write out the level, score, percent and target, with their numbers."""
    level = domain.level or 0
    score = domain.score if domain.score is not None else 0.0
    out = _level_lines(result, domain, rated)
    terms = weighted_terms([(i.weight, str(i.effective_level)) for i in rated])
    total, weight = decimal(domain.weighted_levels or 0.0), decimal(domain.total_weight or 0.0)
    out += wrap(
        f"Score: weighted mean of the effective levels = ({terms})/{weight} = "
        f"{total}/{weight} = {fixed(score)}",
        "",
        "  ",
    )
    percent = domain.percent or 0.0
    out.append("Percent: " + percent_line(result, score, percent, domain.percent_from_unrounded))
    if domain.target is None:
        return out + ["Target: none set."]
    if domain.status is DomainStatus.NOT_EVIDENCED:
        return out
    met = domain.status is DomainStatus.MET
    status, relation = ("met", "≥") if met else ("below", "<")
    source = target_source_text(domain.target_source)
    return out + wrap(
        f"Target: {domain.target} ({source}); status: {status}, as level {level} "
        f"{relation} {domain.target}.",
        "",
        "  ",
    )


def _challenge(result: Result, domain: DomainResult) -> list[str]:
    """Return the panel's challenge of a domain: evidence checked, enquiries, interests."""
    panel = result.panel
    if panel is None:
        return []
    out: list[str] = []
    if domain.evidence_counted:
        out.append(
            f"Evidence checked: {domain.evidence_checked} of the "
            f"{plural(domain.evidence_counted, 'item')} counted."
        )
    for enquiry in (e for e in panel.enquiries if e.domain == domain.id):
        out += wrap(
            "Line of enquiry: " + enquiry_text(enquiry.question, enquiry.response, enquiry.by),
            "",
            "  ",
        )
    for flag in (f for f in panel.interests if f.domain == domain.id):
        out += wrap(
            "Declared interest: "
            + interest_text(
                flag.member, flag.interest, flag.indicator, flag.evidence, flag.matched
            ),
            "",
            "  ",
        )
    return out


def explain_domain(result: Result, framework: Framework, domain_id: str) -> list[str]:
    """Explain a domain: method, indicators, score arithmetic, target, what would lift it."""
    domain = result.domain(domain_id)
    described = framework.domain(domain_id)
    phase = f" (phase: {described.phase})" if described.phase else ""
    out = [f"{domain.id} {domain.title}{phase}", *wrap(described.statement)]
    out += header(result)
    out.append("")
    out += wrap("Method: " + method_rule(result.framework.method), "", "  ")
    out += ["", "Indicators (effective level, weight)", *_indicator_lines(domain), ""]
    coverage = domain.coverage
    out.append(f"Coverage: {coverage.assessed} of {coverage.total} indicators assessed.")
    if domain.not_rated:
        reason = sentence(
            f"Not rated by {result.framework.id} {result.framework.version}: "
            f"{domain.not_assessed_reason or 'no reason given'}"
        )
        return out + wrap(
            reason + " It is left out of every figure, of the coverage counts and of the gates.",
            "",
        )
    if not domain.assessed:
        reason = sentence(f"Not assessed: {domain.not_assessed_reason or 'no reason given'}")
        out += wrap(reason + " It is left out of the mean score.", "")
        if domain.status is DomainStatus.NOT_EVIDENCED:
            out += wrap(
                f"Not evidenced: it has a target of {domain.target} "
                f"({target_source_text(domain.target_source)}) but nothing was assessed, so it "
                "is a gap, never counted as met; it fails the gate unless allowed "
                "(--allow-not-evidenced, or the framework's allow_not_evidenced).",
                "",
                "  ",
            )
        return out + _challenge(result, domain)
    rated = [i for i in domain.indicators if i.effective_level is not None]
    out += _arithmetic(result, domain, rated)
    if domain.basis is not None:
        out.append(f"Basis: {BASIS_TEXT[domain.basis]}.")
    out += _challenge(result, domain)
    out.append("")
    level = domain.level or 0
    if level >= result.framework.scale[-1].level:
        return out + [f"At {level_of(result, level)}, the top of the scale."]
    out.append(f"To reach level {level_of(result, level + 1)}")
    if domain.panel_rating is not None:
        out += wrap(
            f"The panel rated the whole {terms_of(result).domain}: it must judge it at level "
            f"{level + 1}. By the calculation from the indicators:",
            "  ",
            "    ",
        )
    if result.framework.method is DomainMethod.ALL_MET:
        return out + _all_met_lift(result, framework, domain, rated)
    return out + _mean_lift(result, framework, domain, rated)
