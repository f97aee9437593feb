"""Plain-text explanations of how a result's levels were reached (``wcc explain``).

Everything comes from the :class:`~wcc_assess.models.result.Result`: the levels, the
evidence the scorer counted, the rules in force, caps, scores and targets. The framework
is consulted only for text the result does not carry (level descriptors, statements).
The arithmetic shown is the scorer's, written out with its numbers; nothing is re-scored.

Pure: no I/O, no printing, no colour.
"""

from __future__ import annotations

import difflib
import textwrap
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from wcc_assess.core.numbers import months_before, round_half_up
from wcc_assess.errors import UsageError
from wcc_assess.models.assurance import Better, Rag
from wcc_assess.models.framework import DomainMethod, EvidenceRule, Framework
from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    EvidenceResult,
    GateStatus,
    GovernanceAreaResult,
    GovernanceItemResult,
    GovernanceResult,
    IndicatorResult,
    OutcomeMeasureResult,
    OutcomesResult,
    OutcomeStatus,
    OutcomeYear,
    Result,
    TargetSource,
)
from wcc_assess.render._safety import clean

__all__ = ["WIDTH", "explain", "resolve_subject"]

WIDTH = 88
"""Lines are wrapped to this many characters."""

_TARGET_SOURCES = {
    TargetSource.COMMAND_LINE: "from --target on the command line",
    TargetSource.SUBMISSION_DOMAIN: "the submission's target for this domain",
    TargetSource.SUBMISSION_DEFAULT: "the submission's default target",
    TargetSource.FRAMEWORK_DEFAULT: "the framework's default target",
}


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=hanging if hanging is not None else indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _num(value: float | Fraction) -> str:
    """Format a weight or a product without trailing zeros (1, 1.5, 2.25)."""
    return f"{float(value):.6g}"


def _two(value: float | Fraction) -> str:
    return f"{float(value):.2f}"


@dataclass(frozen=True, slots=True)
class _Window:
    since: date
    until: date
    months: int


def _window(result: Result) -> _Window:
    months = result.framework.recent_months
    return _Window(months_before(result.assessed_on, months), result.assessed_on, months)


def _header(result: Result) -> list[str]:
    info = result.framework
    return _wrap(
        f"{result.organisation} ({result.organisation_code}), {result.period}, assessed on "
        f"{result.assessed_on.isoformat()} against {info.title} ({info.id}@{info.version})"
    )


def _level_name(result: Result, level: int) -> str:
    for step in result.framework.scale:
        if step.level == level:
            return f"{level} ({step.label})"
    return str(level)


_KINDS = {
    "domain": "domain",
    "indicator": "indicator",
    "governance-area": "governance area",
    "governance-item": "governance sub-indicator",
    "outcome": "outcome measure",
}


def _subject_ids(result: Result) -> list[tuple[str, list[str]]]:
    """Return every explainable id, by kind, in order of precedence."""
    kinds: list[tuple[str, list[str]]] = [
        ("domain", [domain.id for domain in result.domains]),
        ("indicator", [i.id for domain in result.domains for i in domain.indicators]),
    ]
    if result.governance is not None:
        areas = result.governance.areas
        kinds.append(("governance-area", [area.id for area in areas]))
        kinds.append(("governance-item", [i.id for area in areas for i in area.sub_indicators]))
    if result.outcomes is not None:
        kinds.append(("outcome", [measure.id for measure in result.outcomes.measures]))
    return kinds


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def resolve_subject(result: Result, subject: str) -> tuple[str, str]:
    """Return ``(kind, id)`` for ``subject``, ignoring case.

    ``kind`` is ``domain``, ``indicator``, ``governance-area``, ``governance-item`` or
    ``outcome``; governance and outcome ids are known only when the result has those
    sections. Raises :class:`UsageError` naming the nearest id of any kind when nothing has
    this id.
    """
    kinds = _subject_ids(result)
    for kind, ids in kinds:
        for known in ids:
            if known == subject:
                return kind, known
    for kind, ids in kinds:
        for known in ids:
            if known.casefold() == subject.casefold():
                return kind, known
    every = [known for _, ids in kinds for known in ids]
    close = difflib.get_close_matches(subject, every, n=1, cutoff=0.5)
    if close:
        hint = f"did you mean {close[0]}?"
    else:
        hints = [f"the domains are {', '.join(kinds[0][1])}"]
        for kind, ids in kinds[2:]:
            if kind == "governance-area":
                hints.append(f"the governance areas are {', '.join(ids)}")
            elif kind == "outcome" and ids:
                hints.append(f"the outcome measures are {', '.join(ids)}")
        hint = "; ".join(hints)
    nouns = _or_list([_KINDS[kind] for kind, _ in kinds])
    if len(kinds) == 2:
        nouns = "domain or indicator"
    owner = result.framework.id if result.outcomes is None else f"{result.source}"
    raise UsageError(f"{owner} has no {nouns} {subject!r} ({hint})")


# Evidence rules -----------------------------------------------------------------------


def _rule_needs(rule: EvidenceRule) -> str:
    text = _plural(rule.min_items, "item")
    if rule.min_recent:
        text += f", at least {rule.min_recent} recent"
    return text


def _rules_up_to(result: Result, level: int) -> tuple[int, int]:
    """Return the items and recent items a claim of ``level`` needs (all rules up to it)."""
    rules = [rule for rule in result.framework.evidence_rules if rule.level <= level]
    return (
        max((rule.min_items for rule in rules), default=0),
        max((rule.min_recent for rule in rules), default=0),
    )


def _evidence_gap(result: Result, indicator: IndicatorResult, level: int) -> str:
    window = _window(result)
    items, recent = _rules_up_to(result, level)
    counted, counted_recent = indicator.evidence_counted, indicator.evidence_recent
    if not items and not recent:
        return f"Evidence: level {level} needs none."
    needs = f"level {level} needs {_plural(items, 'item')}"
    if recent:
        needs += f", at least {recent} dated on or after {window.since.isoformat()}"
    has = f"it has {counted} counted" + (f", {counted_recent} recent" if recent else "")
    short_recent = max(0, recent - counted_recent)
    short_items = max(0, items - counted, short_recent)
    if not short_items:
        return f"Evidence: {needs}; {has}, which is enough."
    add = f"add {_plural(short_items, 'item')}"
    if short_recent:
        add += f" ({short_recent} of them dated on or after {window.since.isoformat()})"
    return f"Evidence: {needs}; {has}: {add}."


def _evidence_items(evidence: list[EvidenceResult]) -> list[str]:
    """List evidence items with whether each counted and is recent."""
    if not evidence:
        return ["  None cited."]
    out: list[str] = []
    for number, item in enumerate(evidence, start=1):
        if item.counted:
            status = "counted, recent" if item.recent else "counted, not recent"
        else:
            note = item.note or ""
            status = note if "not counted" in note else f"not counted: {note}".rstrip(": ")
        out += _wrap(
            f"{number}. {item.title} [{item.ref}], {item.date.isoformat()}: {status}",
            "  ",
            "     ",
        )
    return out


# Indicator ------------------------------------------------------------------------------


def _owner(result: Result, indicator_id: str) -> tuple[DomainResult, IndicatorResult]:
    for domain in result.domains:
        for indicator in domain.indicators:
            if indicator.id == indicator_id:
                return domain, indicator
    raise KeyError(indicator_id)


def _descriptor(framework: Framework, indicator_id: str, level: int) -> str | None:
    for domain in framework.domains:
        for indicator in domain.indicators:
            if indicator.id == indicator_id:
                return indicator.descriptors.get(level)
    return None


def _lift_indicator(
    result: Result, framework: Framework, indicator: IndicatorResult, indent: str
) -> list[str]:
    """Describe what would lift an assessed indicator one level, or why nothing can."""
    current = indicator.effective_level or 0
    if current >= result.framework.scale[-1].level:
        return _wrap(f"{indicator.id} is at the top of the scale.", indent)
    target = current + 1
    out: list[str] = []
    descriptor = _descriptor(framework, indicator.id, target)
    if descriptor:
        out += _wrap(f"What a panel would expect to see: {descriptor}", indent, indent + "  ")
    assessed = indicator.assessed_level or 0
    if assessed >= target:
        who = "the panel's level" if indicator.panel_level is not None else "the claim"
        out += _wrap(f"Already {who} ({assessed}); only the evidence is short.", indent)
    elif indicator.panel_level is not None:
        out += _wrap(
            f"The panel rated it {indicator.panel_level}: the panel must agree that practice "
            f"now matches level {target}.",
            indent,
        )
    else:
        out += _wrap(f"Rate it {target} once practice matches this description.", indent)
    out += _wrap(_evidence_gap(result, indicator, target), indent, indent + "  ")
    return out


def _explain_indicator(result: Result, framework: Framework, indicator_id: str) -> list[str]:
    domain, indicator = _owner(result, indicator_id)
    out = [f"{indicator.id} {indicator.title}", f"in {domain.id} {domain.title}"]
    out += _header(result)
    out.append("")
    if not indicator.assessed:
        reason = indicator.not_assessed_reason or "no reason given"
        out += _wrap(_sentence(f"Not assessed: {reason}"), "")
        out += _wrap(
            f"It is left out of {domain.id}'s arithmetic and shown in its coverage "
            f"({domain.coverage.assessed} of {domain.coverage.total} assessed).",
            "",
        )
        return out

    claimed = indicator.claimed_level or 0
    assessed = indicator.assessed_level or 0
    supported = indicator.supported_level or 0
    effective = indicator.effective_level or 0
    out.append("Levels")
    out.append(f"  Claimed by the organisation: {_level_name(result, claimed)}")
    if indicator.panel_level is not None:
        note = f': "{indicator.panel_note}"' if indicator.panel_note else ""
        out += _wrap(
            f"Panel level: {_level_name(result, indicator.panel_level)}{note}", "  ", "    "
        )
        out.append(f"  Assessed: {assessed}, the panel's level, which counts over the claim")
    else:
        out.append(f"  Assessed: {assessed}, the claim (no panel level was given)")
    out.append(f"  Supported by the evidence: {supported}")
    out.append(
        f"  Effective: {_level_name(result, effective)}, the lower of assessed {assessed} "
        f"and supported {supported}"
    )

    window = _window(result)
    out += ["", "Evidence"]
    out += _wrap(
        f"Recent means dated from {window.since.isoformat()} to {window.until.isoformat()}, "
        f"within {window.months} months before the assessment.",
        "  ",
    )
    out += _evidence_items(indicator.evidence)
    out.append(
        f"  Counted: {_plural(indicator.evidence_counted, 'item')}, "
        f"{indicator.evidence_recent} recent."
    )

    rules = result.framework.evidence_rules
    out += ["", "Evidence rules"]
    if not rules:
        out.append("  None: every claim counts as made.")
    for rule in rules:
        met = (
            indicator.evidence_counted >= rule.min_items
            and indicator.evidence_recent >= rule.min_recent
        )
        status = "met" if met else "not met"
        out.append(f"  Level {rule.level} and above needs {_rule_needs(rule)}: {status}")

    out.append("")
    if indicator.cap is not None:
        out += _wrap(_sentence(f"Capped: {indicator.cap.message}"), "", "  ")
    else:
        out.append("Not capped: the evidence supports the assessed level.")

    out.append("")
    if effective >= result.framework.scale[-1].level:
        out.append(f"At {_level_name(result, effective)}, the top of the scale.")
    else:
        out.append(f"To reach level {_level_name(result, effective + 1)}")
        out += _lift_indicator(result, framework, indicator, "  ")
    return out


# Domain -----------------------------------------------------------------------------------


def _method_text(method: DomainMethod) -> str:
    if method is DomainMethod.ALL_MET:
        return (
            "all-met: the domain's level is the highest level that every assessed indicator "
            "reaches, which is the lowest effective level."
        )
    return "mean: the domain's level is the weighted mean of the effective levels, rounded down."


def _weighted(rated: list[IndicatorResult]) -> tuple[str, Fraction, Fraction]:
    """Return ("(1×2 + 3×3)", total of weight × level, total weight), exactly."""
    terms = " + ".join(f"{_num(r.weight)}×{r.effective_level}" for r in rated)
    total = sum((Fraction(r.weight) * (r.effective_level or 0) for r in rated), Fraction(0))
    weight = sum((Fraction(r.weight) for r in rated), Fraction(0))
    return terms, total, weight


def _percent_line(result: Result, score: float, percent: float) -> str:
    low, high = result.framework.scale[0].level, result.framework.scale[-1].level
    text = f"({_two(score)} − {low}) / ({high} − {low}) × 100 = {percent:.1f}%"
    shown = round_half_up((Fraction(str(score)) - low) / (high - low) * 100, 1)
    if shown != percent:
        text += " (from the unrounded score)"
    return text


def _domain_lift(
    result: Result, framework: Framework, domain: DomainResult, rated: list[IndicatorResult]
) -> list[str]:
    level = domain.level or 0
    target = level + 1
    out = [f"To reach level {_level_name(result, target)}"]
    by_id = {r.id: r for r in rated}
    if result.framework.method is DomainMethod.ALL_MET:
        out += _wrap(f"Every indicator below {target} must reach it:", "  ")
        for indicator_id in domain.limited_by:
            indicator = by_id[indicator_id]
            out += _wrap(
                f"{indicator.id} {indicator.title}: {indicator.effective_level} → {target}",
                "  - ",
                "    ",
            )
            out += _lift_indicator(result, framework, indicator, "    ")
        return out

    _, total, weight = _weighted(rated)
    needed = target * weight - total
    out += _wrap(
        f"The weighted mean must reach {target}.00 (now {_two(total / weight)}): the weighted "
        f"levels must total {_num(target * weight)} ({target} × total weight "
        f"{_num(weight)}), now {_num(total)}, so {_num(needed)} more. Lifting an indicator "
        "one level adds its weight.",
        "  ",
    )
    top = result.framework.scale[-1].level
    plan: dict[str, int] = {}
    gained = Fraction(0)
    while gained < needed:
        open_ = [r for r in rated if (r.effective_level or 0) + plan.get(r.id, 0) < top]
        if not open_:
            break
        pick = min(
            open_,
            key=lambda r: ((r.effective_level or 0) + plan.get(r.id, 0), -r.weight, r.id),
        )
        plan[pick.id] = plan.get(pick.id, 0) + 1
        gained += Fraction(pick.weight)
    if gained < needed:
        out += _wrap("Even every indicator at the top of the scale would not get there.", "  ")
        return out
    steps = [
        f"{r.id} {r.effective_level} → {(r.effective_level or 0) + plan[r.id]} "
        f"(weight {_num(r.weight)})"
        for r in rated
        if r.id in plan
    ]
    out += _wrap("For example, lowest first: " + "; ".join(steps) + ".", "  ", "    ")
    for indicator in rated:
        if indicator.id in plan:
            out += _wrap(f"{indicator.id} {indicator.title}", "  - ", "    ")
            out += _lift_indicator(result, framework, indicator, "    ")
    return out


def _explain_domain(result: Result, framework: Framework, domain_id: str) -> list[str]:
    domain = result.domain(domain_id)
    phases = _phases(framework)
    phase = f" (phase: {phases[domain.id]})" if phases.get(domain.id) else ""
    out = [f"{domain.id} {domain.title}{phase}"]
    statement = next((d.statement for d in framework.domains if d.id == domain.id), None)
    if statement:
        out += _wrap(statement)
    out += _header(result)
    out.append("")
    out += _wrap("Method: " + _method_text(result.framework.method), "", "  ")
    out += ["", "Indicators (effective level, weight)"]
    width = max(len(f"{i.id} {i.title}") for i in domain.indicators)
    width = min(width, 52)
    held = set(domain.limited_by)
    for indicator in domain.indicators:
        name = f"{indicator.id} {indicator.title}"
        if len(name) > width:
            name = name[: width - 1] + "…"
        if not indicator.assessed:
            reason = indicator.not_assessed_reason or "no reason given"
            out += _wrap(f"{name.ljust(width)}  not assessed: {reason}", "  ", "    ")
            continue
        line = f"{name.ljust(width)}  {indicator.effective_level}  ×{_num(indicator.weight)}"
        notes = []
        if indicator.capped:
            notes.append(f"capped from {indicator.assessed_level}")
        if indicator.id in held:
            notes.append("holds the level down")
        if notes:
            line += "  " + "; ".join(notes)
        out.append("  " + line)
    out.append("")
    coverage = domain.coverage
    out.append(f"Coverage: {coverage.assessed} of {coverage.total} indicators assessed.")
    if not domain.assessed:
        reason = domain.not_assessed_reason or "no reason given"
        out += _wrap(
            _sentence(f"Not assessed: {reason}") + " It is left out of the overall score.", ""
        )
        return out

    rated = [i for i in domain.indicators if i.effective_level is not None]
    levels = ", ".join(str(i.effective_level) for i in rated)
    level = domain.level or 0
    score = domain.score if domain.score is not None else 0.0
    if result.framework.method is DomainMethod.ALL_MET:
        out.append(f"Level: {_level_name(result, level)} = min({levels})")
    else:
        out.append(f"Level: {_level_name(result, level)} = ⌊{_two(score)}⌋, rounded down")
    terms, total, weight = _weighted(rated)
    out += _wrap(
        f"Score: weighted mean of the effective levels = ({terms})/{_num(weight)} = "
        f"{_num(total)}/{_num(weight)} = {_two(score)}",
        "",
        "  ",
    )
    out.append("Percent: " + _percent_line(result, score, domain.percent or 0.0))
    if domain.target is None:
        out.append("Target: none set.")
    else:
        source = _TARGET_SOURCES.get(domain.target_source, "") if domain.target_source else ""
        status = "met" if domain.status is DomainStatus.MET else "below"
        relation = "≥" if domain.status is DomainStatus.MET else "<"
        out += _wrap(
            f"Target: {domain.target} ({source}); status: {status}, as level {level} "
            f"{relation} {domain.target}.",
            "",
            "  ",
        )
    out.append("")
    if level >= result.framework.scale[-1].level:
        out.append(f"At {_level_name(result, level)}, the top of the scale.")
    else:
        out += _domain_lift(result, framework, domain, rated)
    return out


# Overall ------------------------------------------------------------------------------


def _status(domain: DomainResult) -> str:
    return "" if domain.status is DomainStatus.NO_TARGET else domain.status.value


def _phases(framework: Framework) -> dict[str, str | None]:
    return {domain.id: domain.phase for domain in framework.domains}


def _explain_overall(result: Result, framework: Framework) -> list[str]:
    info = result.framework
    out = _header(result)
    rules = "; ".join(
        f"level {rule.level}+ needs {_rule_needs(rule)}" for rule in info.evidence_rules
    )
    out += _wrap(f"Domain method: {info.method.value}. Evidence rules: {rules or 'none'}.")
    out += ["", "Domains (level, score, weight, target, status)"]
    width = min(max(len(f"{d.id} {d.title}") for d in result.domains), 46)
    weight_width = max(len(_num(d.weight)) for d in result.domains)
    status_width = max((len(_status(d)) for d in result.domains if d.assessed), default=0)
    phases = _phases(framework)
    current_phase: str | None = None
    for domain in result.domains:
        phase = phases.get(domain.id)
        if phase and phase != current_phase:
            out.append(f"  {phase}:")
            current_phase = phase
        indent = "    " if phase else "  "
        name = f"{domain.id} {domain.title}"
        if len(name) > width:
            name = name[: width - 1] + "…"
        if not domain.assessed:
            reason = domain.not_assessed_reason or "no reason given"
            out += _wrap(f"{name.ljust(width)}  not assessed: {reason}", indent, indent + "  ")
            continue
        target = f"target {domain.target}" if domain.target is not None else "no target"
        line = (
            f"{name.ljust(width)}  {domain.level}  {_two(domain.score or 0)}  "
            f"×{_num(domain.weight).ljust(weight_width)}  {target.ljust(9)}  "
            f"{_status(domain).ljust(status_width)}"
        ).rstrip()
        if domain.limited_by:
            line += f"  held down by {', '.join(domain.limited_by)}"
        out.append(indent + line)

    overall = result.overall
    out.append("")
    scored = [d for d in result.domains if d.assessed and d.score is not None]
    if overall.score is None or not scored:
        out.append("Overall: no domain was assessed, so there is no overall score.")
    else:
        terms = " + ".join(f"{_num(d.weight)}×{_two(d.score or 0)}" for d in scored)
        total = sum((Fraction(str(d.weight)) * Fraction(str(d.score)) for d in scored), Fraction(0))
        weight = sum((Fraction(str(d.weight)) for d in scored), Fraction(0))
        line = (
            f"Overall score: weighted mean of the domain scores = ({terms})/{_num(weight)} "
            f"= {_two(total)}/{_num(weight)} = {_two(overall.score)}"
        )
        if round_half_up(total / weight, 2) != overall.score:
            line += " (computed from the unrounded domain scores)"
        out += _wrap(line, "", "  ")
        out.append("Percent: " + _percent_line(result, overall.score, overall.percent or 0.0))
        bands = info.bands
        current = next((b for b in bands if b.label == overall.band), None)
        band = f"Band: {overall.band}"
        if current is not None:
            band += f" (from {current.min_percent:g}%)"
            higher = [b for b in bands if b.min_percent > current.min_percent]
            if higher:
                band += f"; the next band, {higher[0].label}, starts at {higher[0].min_percent:g}%"
        if overall.band_meaning:
            band += f". {overall.band_meaning}"
        out += _wrap(_sentence(band), "", "  ")
    out.append(
        f"Coverage: {overall.coverage.assessed} of {overall.coverage.total} domains, "
        f"{overall.indicator_coverage.assessed} of {overall.indicator_coverage.total} "
        f"indicators assessed; {_plural(overall.capped_count, 'indicator')} capped."
    )
    gate = result.gate
    if gate.status is GateStatus.NONE:
        out.append("Gate: none (no targets were set).")
    elif gate.status is GateStatus.PASSED:
        out.append("Gate: passed (every domain with a target meets it).")
    else:
        out.append("Gate: failed")
        for failure in gate.failures:
            out += _wrap(failure.message, "  - ", "    ")
    if result.warnings:
        out += ["", "Warnings"]
        for warning in result.warnings:
            out += _wrap(warning, "  - ", "    ")
    assurance = _assurance_summary(result)
    if assurance:
        out += ["", *assurance]
    first = result.domains[0]
    example_indicator = first.indicators[0].id if first.indicators else first.id
    out += [""]
    out += _wrap(
        f"Explain a domain or an indicator with: wcc explain {result.source} {first.id}, or "
        f"wcc explain {result.source} {example_indicator}"
    )
    if result.governance is not None or result.outcomes is not None:
        out += _wrap(
            "A governance area, governance sub-indicator or outcome measure id works the same way."
        )
    return out


# Governance ---------------------------------------------------------------------------

_RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN]

_AREA_RULE = (
    "an area is red if any rated sub-indicator is red, green if all are green, and amber "
    "otherwise; a sub-indicator's rating is the panel's when given, else the "
    "organisation's own, and sub-indicators not rated are left out."
)


def _governance(result: Result) -> GovernanceResult:
    if result.governance is None:
        raise KeyError("governance")
    return result.governance


def _points_scale(governance: GovernanceResult) -> str:
    scale = governance.points_scale
    return f"red {scale.red}, amber {scale.amber}, green {scale.green}"


def _next_rag(rating: Rag) -> Rag | None:
    index = _RAG_ORDER.index(rating)
    return _RAG_ORDER[index + 1] if index + 1 < len(_RAG_ORDER) else None


def _rag_descriptor(framework: Framework, item_id: str, rating: Rag) -> str | None:
    for area in framework.governance.areas if framework.governance else []:
        for item in area.sub_indicators:
            if item.id == item_id:
                return item.descriptors.of(rating)
    return None


def _item_owner(
    governance: GovernanceResult, item_id: str
) -> tuple[GovernanceAreaResult, GovernanceItemResult]:
    for area in governance.areas:
        for item in area.sub_indicators:
            if item.id == item_id:
                return area, item
    raise KeyError(item_id)


def _rating_source(item: GovernanceItemResult) -> str:
    """Say whose rating counts, e.g. ``the panel's; self was Green``."""
    if item.panel_rating is None or item.self_rating is None:
        return "self-assessed"
    if item.panel_rating is item.self_rating:
        return "self and panel agree"
    return f"the panel's; self was {item.self_rating.label}"


def _listed(ids: list[str], verb: str) -> str:
    if len(ids) == 1:
        return f"{ids[0]} {verb}"
    plural = {"is": "are", "has": "have"}.get(verb, verb)
    return f"{', '.join(ids[:-1])} and {ids[-1]} {plural}"


def _area_reason(area: GovernanceAreaResult) -> str:
    rated = [item for item in area.sub_indicators if item.rating is not None]
    label = (area.rating or Rag.RED).label
    if area.rating is Rag.RED:
        return f"{label}, because {_listed(area.red_sub_indicators, 'is')} rated red."
    if area.rating is Rag.GREEN:
        every = "the only rated one is" if len(rated) == 1 else f"all {len(rated)} rated are"
        return f"{label}, because {every} green."
    amber = [item.id for item in rated if item.rating is Rag.AMBER]
    return f"{label}, because none is red but {_listed(amber, 'is')} rated amber."


def _area_lift(
    result: Result, framework: Framework, area: GovernanceAreaResult, indent: str
) -> list[str]:
    """Say which sub-indicators must move for the area to reach the next rating."""
    rating = area.rating or Rag.GREEN
    goal = _next_rag(rating)
    if goal is None:
        return [f"{area.id} is green, the top rating."]
    out = [f"To reach {goal.value}"]
    if rating is Rag.RED:
        holding = [item for item in area.sub_indicators if item.rating is Rag.RED]
        out += _wrap(
            "Every red sub-indicator must reach at least amber (green for the area to be green):",
            indent,
        )
    else:
        holding = [item for item in area.sub_indicators if item.rating is Rag.AMBER]
        out += _wrap("Every amber sub-indicator must reach green:", indent)
    for item in holding:
        current = item.rating or Rag.RED
        out += _wrap(f"{item.id} {item.title}: {current.value} → {goal.value}", "  - ", "    ")
        for wanted in _RAG_ORDER[_RAG_ORDER.index(goal) :]:
            descriptor = _rag_descriptor(framework, item.id, wanted)
            if descriptor:
                out += _wrap(f"{wanted.label}: {descriptor}", "    ", "      ")
    return out


def _explain_governance_area(result: Result, framework: Framework, area_id: str) -> list[str]:
    governance = _governance(result)
    area = next(area for area in governance.areas if area.id == area_id)
    out = [f"{area.id} {area.title} (governance)"]
    out += _wrap(area.statement)
    out += _header(result)
    out.append("")
    out += _wrap("Rule: " + _AREA_RULE, "", "  ")
    out.append(f"Points: {_points_scale(governance)}.")
    out += ["", "Sub-indicators (rating that counts; whose rating)"]
    width = min(max(len(f"{i.id} {i.title}") for i in area.sub_indicators), 52)
    for item in area.sub_indicators:
        name = f"{item.id} {item.title}"
        if len(name) > width:
            name = name[: width - 1] + "…"
        if item.rating is None:
            reason = item.not_assessed_reason or "no reason given"
            out += _wrap(f"{name.ljust(width)}  not rated: {reason}", "  ", "    ")
            continue
        out += _wrap(
            f"{name.ljust(width)}  {item.rating.label.ljust(5)}  {_rating_source(item)}",
            "  ",
            "    ",
        )
    out.append("")
    counts = area.counts
    out.append(
        f"Coverage: {area.coverage.assessed} of {area.coverage.total} sub-indicators rated "
        f"({counts.red} red, {counts.amber} amber, {counts.green} green)."
    )
    if area.rating is None:
        reason = area.not_assessed_reason or "no reason given"
        out += _wrap(_sentence(f"Not assessed: {reason}") + " It earns no points.", "")
        return out
    out += _wrap("Rating: " + _area_reason(area), "", "  ")
    out += _wrap(
        f"Points: {area.points} for {area.rating.value}; its sub-indicators total "
        f"{area.sub_indicator_points} of {area.sub_indicator_points_max}.",
        "",
        "  ",
    )
    out.append("")
    out += _area_lift(result, framework, area, "  ")
    return out


def _explain_governance_item(result: Result, framework: Framework, item_id: str) -> list[str]:
    governance = _governance(result)
    area, item = _item_owner(governance, item_id)
    out = [f"{item.id} {item.title}", f"in {area.id} {area.title} (governance)"]
    out += _header(result)
    out.append("")
    if item.rating is None:
        reason = item.not_assessed_reason or "no reason given"
        out += _wrap(_sentence(f"Not rated: {reason}"), "")
        out += _wrap(
            f"It is left out of {area.id}'s rating and shown in its coverage "
            f"({area.coverage.assessed} of {area.coverage.total} rated).",
            "",
        )
        if item.narrative:
            out += ["", "Narrative"]
            out += _wrap(item.narrative, "  ")
        return out
    out.append("Rating")
    out.append(f"  Rated by the organisation: {(item.self_rating or item.rating).label}")
    if item.panel_rating is not None:
        note = f': "{item.panel_note}"' if item.panel_note else ""
        out += _wrap(f"Panel rating: {item.panel_rating.label}{note}", "  ", "    ")
        out.append(
            f"  Counts: {item.rating.label}, the panel's rating, which counts over the "
            "organisation's"
        )
    else:
        out.append(f"  Counts: {item.rating.label}, the organisation's own (no panel rating)")
    out.append(f"  Points: {item.points} ({_points_scale(governance)})")
    if item.descriptor:
        out += _wrap(f"{item.rating.label} means: {item.descriptor}", "  ", "    ")
    if item.narrative:
        out += ["", "Narrative"]
        out += _wrap(item.narrative, "  ")
    out += ["", "Evidence"]
    out += _evidence_items(item.evidence)
    out.append("")
    if item.rating is Rag.RED:
        out += _wrap(f"{area.id} is red while this or any other sub-indicator is red.", "")
        out.append("")
    goal = _next_rag(item.rating)
    if goal is None:
        out.append("Green, the top rating.")
        return out
    out.append(f"To reach {goal.value}")
    descriptor = _rag_descriptor(framework, item.id, goal)
    if descriptor:
        out += _wrap(f"{goal.label} means: {descriptor}", "  ", "    ")
    return out


# Outcomes -----------------------------------------------------------------------------


def _figure(value: float) -> str:
    """Format a figure as written: 80.3, 1420 (not 1420.0)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _signed(value: float) -> str:
    text = _figure(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def _outcome_year(measure: OutcomeMeasureResult, year: OutcomeYear) -> str:
    head = f"{year.period}: aspiration {_figure(year.aspiration)}"
    if year.actual is None or year.status is OutcomeStatus.NO_ACTUAL:
        return f"{head}, no actual yet"
    on = year.status is OutcomeStatus.ON_TRACK
    if measure.better is Better.HIGHER:
        relation = "≥" if on else "<"
    else:
        relation = "≤" if on else ">"
    status = "on track" if on else "off track"
    difference = f", difference {_signed(year.difference)}" if year.difference is not None else ""
    return (
        f"{head}, actual {_figure(year.actual)}: {status} "
        f"({_figure(year.actual)} {relation} {_figure(year.aspiration)}{difference})"
    )


def _explain_outcome(result: Result, measure_id: str) -> list[str]:
    outcomes: OutcomesResult | None = result.outcomes
    if outcomes is None:
        raise KeyError(measure_id)
    measure = next(m for m in outcomes.measures if m.id == measure_id)
    out = _wrap(f"{measure.id} {measure.name} (outcome measure)")
    out += _header(result)
    out.append("")
    better = "higher is better" if measure.better is Better.HIGHER else "lower is better"
    required = "; required by the framework" if measure.required else ""
    out.append(f"Unit: {measure.unit}; {better}{required}.")
    if measure.source:
        out += _wrap(_sentence(f"Source: {measure.source}"), "", "  ")
    out.append(f"Baseline: {_figure(measure.baseline_value)} in {measure.baseline_period}.")
    rule = "at least" if measure.better is Better.HIGHER else "at most"
    out += _wrap(
        f"A year is on track when its actual is {rule} the aspiration ({better}).", "", "  "
    )
    out += ["", "Years"]
    for year in measure.years:
        out += _wrap(_outcome_year(measure, year), "  ", "    ")
    out.append("")
    if measure.latest_period is None:
        out.append("Status: no actual yet.")
    else:
        status = "on track" if measure.status is OutcomeStatus.ON_TRACK else "off track"
        out.append(
            f"Status: {status}, as in {measure.latest_period}, the latest year with an actual."
        )
    later = [y for y in measure.years if y.actual is None]
    if later and measure.latest_period is not None:
        nxt = later[0]
        out += _wrap(
            f"Next: {nxt.period} aspires to {_figure(nxt.aspiration)} ({better}).", "", "  "
        )
    return out


def _assurance_summary(result: Result) -> list[str]:
    """One line each for governance and outcomes, when the result has them."""
    out: list[str] = []
    if result.governance is not None:
        governance = result.governance
        areas = ", ".join(
            f"{area.id} {area.rating.value}" if area.rating else f"{area.id} not rated"
            for area in governance.areas
        )
        out += _wrap(
            f"Governance: {areas} ({governance.points} of {governance.points_max} points).",
            "",
            "  ",
        )
    if result.outcomes is not None:
        outcomes = result.outcomes
        total = len(outcomes.measures)
        line = f"Outcomes: {outcomes.on_track} of {_plural(total, 'measure')} on track"
        if outcomes.off_track:
            line += f", {outcomes.off_track} off track"
        if outcomes.no_actual:
            line += f", {outcomes.no_actual} with no actual yet"
        out += _wrap(line + ".", "", "  ")
    return out


def explain(result: Result, framework: Framework, subject: str | None = None) -> str:
    """Return, as plain text, how the level of ``subject`` (or the overall grade) was reached.

    ``subject`` is the id (any case) of a domain, an indicator, a governance area or
    sub-indicator, or an outcome measure; None for the overall grade. ``framework`` must be
    the one the result was scored against; it supplies descriptors and statements.
    Raises :class:`UsageError` for an unknown id.
    """
    if subject is None:
        lines = _explain_overall(result, framework)
    else:
        kind, found = resolve_subject(result, subject)
        if kind == "domain":
            lines = _explain_domain(result, framework, found)
        elif kind == "indicator":
            lines = _explain_indicator(result, framework, found)
        elif kind == "governance-area":
            lines = _explain_governance_area(result, framework, found)
        elif kind == "governance-item":
            lines = _explain_governance_item(result, framework, found)
        else:
            lines = _explain_outcome(result, found)
    return clean("\n".join(line.rstrip() for line in lines)) + "\n"
