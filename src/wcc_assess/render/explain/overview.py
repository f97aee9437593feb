"""``wcc explain SUBMISSION``: the overall grade, a line per domain, assurance in brief."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.models.result import DomainResult, DomainStatus, GateStatus, Result
from wcc_assess.render._words import (
    BASIS_TEXT,
    area_rating_text,
    band_rule_text,
    decimal,
    domain_rating_text,
    draft_text,
    fixed,
    gate_phrase,
    percent_text,
    plan_summary,
    plural,
    profile_text,
    rule_needs,
    sentence,
    terms_of,
)
from wcc_assess.render.explain._text import (
    header,
    name_column,
    percent_line,
    weighted_terms,
    wrap,
)

__all__ = ["explain_overview"]


def _status(domain: DomainResult) -> str:
    return "" if domain.status is DomainStatus.NO_TARGET else domain.status.value


def _domain_lines(result: Result, framework: Framework) -> list[str]:
    """One line per domain (level, score, weight, target, status), grouped by phase."""
    width, names = name_column([f"{d.id} {d.title}" for d in result.domains], 46)
    weight_width = max(len(decimal(d.weight)) for d in result.domains)
    status_width = max((len(_status(d)) for d in result.domains if d.assessed), default=0)
    phases = {domain.id: domain.phase for domain in framework.domains}
    out: list[str] = []
    current_phase: str | None = None
    for domain, name in zip(result.domains, names, strict=True):
        phase = phases.get(domain.id)
        if phase and phase != current_phase:
            out.append(f"  {phase}:")
            current_phase = phase
        indent = "    " if phase else "  "
        if not domain.assessed:
            reason = domain.not_assessed_reason or "no reason given"
            out += wrap(f"{name.ljust(width)}  not assessed: {reason}", indent, indent + "  ")
            continue
        target = f"target {domain.target}" if domain.target is not None else "no target"
        line = (
            f"{name.ljust(width)}  {domain.level}  {fixed(domain.score or 0)}  "
            f"×{decimal(domain.weight).ljust(weight_width)}  {target.ljust(9)}  "
            f"{_status(domain).ljust(status_width)}"
        ).rstrip()
        if domain.panel_rating is not None:
            line += f"  {domain_rating_text(domain)}"
        elif domain.limited_by:
            line += f"  held down by {', '.join(domain.limited_by)}"
        out.append(indent + line)
    return out


def _headline(result: Result) -> list[str]:
    """Say the profile of levels, and the band with the rule that gives it (if any)."""
    overall, info = result.overall, result.framework
    terms = terms_of(result)
    out = wrap(sentence(f"Profile: {profile_text(overall, terms)}"), "", "  ")
    if not info.bands:
        return out + wrap(
            f"No composite band: {info.id} keeps each {terms.domain} on its own level; the "
            "mean score below is a secondary figure.",
            "",
            "  ",
        )
    index = next((i for i, b in enumerate(info.bands) if b.label == overall.band), None)
    if index is None:
        return out + ["Band: none (nothing was assessed)."]
    band = info.bands[index]
    text = f"Band: {band.label}, {band_rule_text(band.when, info.scale, terms)}"
    if index + 1 < len(info.bands):
        higher = info.bands[index + 1]
        text += (
            f"; the next band, {higher.label}, needs "
            f"{band_rule_text(higher.when, info.scale, terms)}"
        )
    if band.meaning:
        text += f". {band.meaning}"
    return out + wrap(sentence(text), "", "  ")


def _overall_lines(result: Result) -> list[str]:
    """Write out the overall score's arithmetic, its percent and band, coverage, the gate."""
    overall = result.overall
    scored = [d for d in result.domains if d.assessed and d.score is not None]
    out: list[str] = _headline(result)
    if overall.score is None or not scored:
        out.append("Mean score: nothing was assessed, so there is none.")
    else:
        terms = weighted_terms([(d.weight, fixed(d.score)) for d in scored])
        weight = decimal(overall.total_weight or 0.0)
        line = (
            f"Mean score (secondary): weighted mean of the domain scores = ({terms})/{weight} "
            f"= {fixed(overall.weighted_scores)}/{weight} = {fixed(overall.score)}"
        )
        if overall.score_from_unrounded:
            line += " (computed from the unrounded domain scores)"
        out += wrap(line, "", "  ")
        percent = percent_line(
            result, overall.score, overall.percent or 0.0, overall.percent_from_unrounded
        )
        out.append("Percent: " + percent)
        out += wrap(f"That is {percent_text(overall.percent, result.framework.scale)}.", "", "  ")
    out.append(
        f"Coverage: {overall.coverage.assessed} of {overall.coverage.total} domains, "
        f"{overall.indicator_coverage.assessed} of {overall.indicator_coverage.total} "
        f"indicators assessed; {plural(overall.capped_count, 'indicator')} capped."
    )
    return out + _gate_lines(result)


def _gate_lines(result: Result) -> list[str]:
    gate = result.gate
    if gate.status is GateStatus.NONE:
        return ["Gate: none (no targets were set)."]
    if gate.status is GateStatus.PASSED:
        return wrap(f"Gate: passed ({gate_phrase(result)}).", "", "  ")
    out = wrap(f"Gate: failed ({gate_phrase(result)})", "", "  ")
    for failure in gate.failures:
        out += wrap(failure.message, "  - ", "    ")
    return out


def _assurance_summary(result: Result) -> list[str]:
    """One line each for governance, outcomes and the plan, when the result has them."""
    out: list[str] = []
    if result.governance is not None:
        governance = result.governance
        areas = ", ".join(
            f"{area.id} {area.rating.value}" if area.rating else f"{area.id} not rated"
            for area in governance.areas
        )
        points = f"{governance.points} of {governance.points_max} points"
        out += wrap(f"Governance: {areas} ({points}).", "", "  ")
        for area in governance.areas:
            if area.panel_rating is not None:
                out += wrap(
                    f"{area.id}: {area.panel_rating.value}, "
                    f"{area_rating_text(area.rule_rating, area.panel_rating)}.",
                    "  ",
                    "    ",
                )
    if result.outcomes is not None:
        outcomes = result.outcomes
        total = len(outcomes.measures)
        line = f"Outcomes: {outcomes.on_track} of {plural(total, 'measure')} on track"
        if outcomes.within_tolerance:
            line += f", {outcomes.within_tolerance} within tolerance"
        if outcomes.off_track:
            line += f", {outcomes.off_track} off track"
        if outcomes.no_actual:
            line += f", {outcomes.no_actual} with no actual yet"
        if outcomes.no_aspiration:
            line += f", {outcomes.no_aspiration} with no aspiration set"
        out += wrap(line + ".", "", "  ")
    return out + _plan_summary(result)


def _plan_summary(result: Result) -> list[str]:
    """One line for the development plan, when the result has one: counts and gaps."""
    plan = result.actions
    if plan is None:
        return []
    line = "Development plan: " + (plan_summary(plan.counts) if plan.declared else "none")
    if plan.unplanned:
        gaps = ", ".join(gap.domain for gap in plan.unplanned)
        line += f"; no open or in-progress action for {gaps}"
    return wrap(line + ".", "", "  ")


def _more(result: Result) -> list[str]:
    """Say how to explain one domain or indicator."""
    first = result.domains[0]
    example = first.indicators[0].id if first.indicators else first.id
    out = wrap(
        f"Explain a domain or an indicator with: wcc explain {result.source} {first.id}, or "
        f"wcc explain {result.source} {example}"
    )
    if result.governance is not None or result.outcomes is not None:
        out += wrap(
            "A governance area, governance sub-indicator or outcome measure id works the same way."
        )
    return out


def explain_overview(result: Result, framework: Framework) -> list[str]:
    """Explain the overall grade: each domain's line, the arithmetic, band, coverage, gate."""
    info = result.framework
    rules = "; ".join(
        f"level {rule.level}+ needs {rule_needs(rule)}" for rule in info.evidence_rules
    )
    out = header(result)
    out += wrap(f"Domain method: {info.method.value}. Evidence rules: {rules or 'none'}.")
    out += ["", "Domains (level, score, weight, target, status)", *_domain_lines(result, framework)]
    out += ["", *_overall_lines(result)]
    if result.warnings:
        out += ["", "Warnings"]
        for warning in result.warnings:
            out += wrap(warning, "  - ", "    ")
    assurance = _assurance_summary(result) + _panel_summary(result)
    if assurance:
        out += ["", *assurance]
    return out + ["", *_more(result)]


def _panel_summary(result: Result) -> list[str]:
    """Say what the panel did, whether the assessment is a draft, and what it rests on."""
    out = wrap(sentence(draft_text(result)), "", "  ")
    if result.basis is not None:
        out += wrap(f"Basis: {BASIS_TEXT[result.basis]}.", "", "  ")
    panel = result.panel
    if panel is None:
        return out
    terms = terms_of(result)
    text = (
        f"Panel: rated {panel.domains_rated} "
        f"{terms.domain if panel.domains_rated == 1 else terms.domains} whole and "
        f"{plural(panel.indicators_rated, 'indicator')}; "
        f"{plural(len(panel.over_rule), 'level')} above the evidence rules (flagged); "
        f"evidence checked: {panel.evidence_checked} of {panel.evidence_counted} counted; "
        f"{plural(len(panel.enquiries), 'line')} of enquiry; "
        f"{plural(len(panel.interests), 'declared interest')} found in the evidence."
    )
    return out + wrap(text, "", "  ")
