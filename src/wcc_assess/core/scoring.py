"""The scorer: a pure function from (framework, submission, options) to a :class:`Result`.

No I/O, no printing, no clock: the caller passes the timestamp. Arithmetic is exact
(fractions) and rounded half-up only when stored, so hand-computed expectations hold.
The rules are those of the product contract, section 2, each a setting of the framework.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from wcc_assess import __version__
from wcc_assess.core.governance import red_area_failures, score_governance
from wcc_assess.core.outcomes import score_outcomes
from wcc_assess.models.framework import Domain, DomainMethod, EvidenceRule, Framework, Indicator
from wcc_assess.models.result import (
    Cap,
    Coverage,
    DomainResult,
    DomainStatus,
    EvidenceResult,
    FrameworkInfo,
    GateFailure,
    GateOutcome,
    GateStatus,
    GovernanceResult,
    IndicatorResult,
    NextStep,
    OutcomesResult,
    Overall,
    PanelMemberInfo,
    PanelSummary,
    Result,
    TargetSource,
)
from wcc_assess.models.submission import (
    DomainEntry,
    GovernanceEntry,
    IndicatorEntry,
    Submission,
)

__all__ = ["ScoreOptions", "months_before", "round_half_up", "round_signed", "score"]


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """Inputs to scoring that do not come from the framework or the submission."""

    generated_at: str
    """The result's timestamp (the caller honours SOURCE_DATE_EPOCH)."""
    source: str = "<submission>"
    """How the submission is named in the result."""
    target: int | None = None
    """A target for every domain from the command line; overrides all others."""
    fail_on_red: bool = False
    """Fail the gate when a governance area is rated red (``--fail-on-red``)."""


def round_half_up(value: Fraction, places: int) -> float:
    """Round an exact value half away from zero (for the non-negative values used here)."""
    scale = 10**places
    return float(math.floor(value * scale + Fraction(1, 2)) / scale)


def round_signed(value: Fraction, places: int) -> float:
    """Round an exact value of either sign half away from zero (-0.125 -> -0.13)."""
    rounded = round_half_up(abs(value), places)
    return -rounded if value < 0 and rounded else rounded


def months_before(day: date, months: int) -> date:
    """Return the same day ``months`` calendar months earlier (clamped to month end)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _rule_text(rule: EvidenceRule, since: date) -> str:
    text = f"level {rule.level} needs {rule.min_items} evidence item"
    text += "" if rule.min_items == 1 else "s"
    if rule.min_recent:
        text += f", at least {rule.min_recent} dated on or after {since.isoformat()}"
    return text


def _score_evidence(
    indicator_id: str,
    entry: IndicatorEntry | GovernanceEntry,
    assessed_on: date,
    since: date,
    warnings: list[str],
) -> tuple[list[EvidenceResult], int, int]:
    results: list[EvidenceResult] = []
    seen: set[str] = set()
    counted = recent = 0
    for item in entry.evidence:
        is_recent = since <= item.date <= assessed_on
        note: str | None = None
        key = item.ref.strip()
        if item.date > assessed_on:
            note = f"dated after the assessment ({assessed_on.isoformat()}); not counted"
            warnings.append(
                f"{indicator_id}: evidence {item.title!r} is dated "
                f"{item.date.isoformat()}, after the assessment date "
                f"{assessed_on.isoformat()}; it was not counted"
            )
        elif key in seen:
            note = "same ref as an earlier item; counted once"
        else:
            seen.add(key)
            counted += 1
            recent += is_recent
        results.append(
            EvidenceResult(
                title=item.title,
                ref=item.ref,
                date=item.date,
                counted=note is None,
                recent=is_recent,
                note=note,
            )
        )
    return results, counted, recent


def _supported_level(
    framework: Framework, counted: int, recent: int
) -> tuple[int, EvidenceRule | None]:
    """Return the highest level the evidence supports, and the first rule it fails."""
    supported = framework.lowest
    rules = framework.scoring.evidence.rules
    for level in framework.levels[1:]:
        for rule in rules:
            if rule.level == level and (counted < rule.min_items or recent < rule.min_recent):
                return supported, rule
        supported = level
    return supported, None


def _score_indicator(
    framework: Framework,
    indicator: Indicator,
    entry: IndicatorEntry,
    assessed_on: date,
    since: date,
    warnings: list[str],
) -> IndicatorResult:
    if entry.not_assessed is not None or entry.level is None:
        return IndicatorResult(
            id=indicator.id,
            title=indicator.title,
            weight=indicator.weight,
            narrative=entry.narrative,
            assessed=False,
            not_assessed_reason=entry.not_assessed,
        )
    evidence, counted, recent = _score_evidence(indicator.id, entry, assessed_on, since, warnings)
    assessed_level = entry.panel_level if entry.panel_level is not None else entry.level
    supported, failed_rule = _supported_level(framework, counted, recent)
    effective = min(assessed_level, supported)
    cap: Cap | None = None
    if effective < assessed_level and failed_rule is not None:
        who = "the panel's" if entry.panel_level is not None else "the claimed"
        message = (
            f"{who} level {assessed_level} is capped at {effective}: "
            f"{_rule_text(failed_rule, since)}; {counted} counted"
            + (f", {recent} recent" if failed_rule.min_recent else "")
        )
        cap = Cap(
            rule_level=failed_rule.level,
            min_items=failed_rule.min_items,
            min_recent=failed_rule.min_recent,
            counted=counted,
            recent=recent,
            message=message,
        )
    return IndicatorResult(
        id=indicator.id,
        title=indicator.title,
        weight=indicator.weight,
        narrative=entry.narrative,
        assessed=True,
        claimed_level=entry.level,
        panel_level=entry.panel_level,
        panel_note=entry.panel_note,
        assessed_level=assessed_level,
        supported_level=supported,
        effective_level=effective,
        evidence_counted=counted,
        evidence_recent=recent,
        evidence=evidence,
        capped=cap is not None,
        cap=cap,
        panel_gap=None if entry.panel_level is None else entry.level - entry.panel_level,
        panel_flag=entry.panel_level is not None and abs(entry.level - entry.panel_level) >= 2,
    )


def _calibration(indicators: list[IndicatorResult]) -> tuple[int, Fraction | None]:
    """Return how many indicators the panel rated, and mean claimed minus mean panel level."""
    pairs = [
        (i.claimed_level, i.panel_level)
        for i in indicators
        if i.claimed_level is not None and i.panel_level is not None
    ]
    if not pairs:
        return 0, None
    return len(pairs), Fraction(sum(own - panel for own, panel in pairs), len(pairs))


def _target(
    framework: Framework, submission: Submission, domain_id: str, options: ScoreOptions
) -> tuple[int | None, TargetSource | None]:
    if options.target is not None:
        return options.target, TargetSource.COMMAND_LINE
    if domain_id in submission.targets:
        return submission.targets[domain_id], TargetSource.SUBMISSION_DOMAIN
    if "default" in submission.targets:
        return submission.targets["default"], TargetSource.SUBMISSION_DEFAULT
    if framework.scoring.default_target is not None:
        return framework.scoring.default_target, TargetSource.FRAMEWORK_DEFAULT
    return None, None


def _percent(framework: Framework, score: Fraction) -> Fraction:
    return (score - framework.lowest) / (framework.highest - framework.lowest) * 100


def _weighted_mean(pairs: list[tuple[float, Fraction]]) -> Fraction:
    total_weight = sum((Fraction(weight) for weight, _ in pairs), Fraction(0))
    return sum((Fraction(weight) * value for weight, value in pairs), Fraction(0)) / total_weight


def _score_domain(
    framework: Framework,
    submission: Submission,
    domain: Domain,
    options: ScoreOptions,
    since: date,
    warnings: list[str],
) -> tuple[DomainResult, Fraction | None]:
    entry = submission.domains.get(domain.id, DomainEntry())
    indicators = [
        _score_indicator(
            framework,
            indicator,
            entry.indicators[indicator.id],
            submission.assessed_on,
            since,
            warnings,
        )
        if entry.not_assessed is None and indicator.id in entry.indicators
        else IndicatorResult(
            id=indicator.id,
            title=indicator.title,
            weight=indicator.weight,
            assessed=False,
            not_assessed_reason=entry.not_assessed or "not rated",
        )
        for indicator in domain.indicators
    ]
    rated = [result for result in indicators if result.effective_level is not None]
    target, target_source = _target(framework, submission, domain.id, options)
    panel_rated, calibration = _calibration(indicators)
    exact: Fraction | None = None
    level: int | None = None
    status = DomainStatus.NOT_ASSESSED
    limited_by: list[str] = []
    next_steps: list[NextStep] = []
    if rated:
        effective = {r.id: r.effective_level or 0 for r in rated}
        exact = _weighted_mean([(r.weight, Fraction(effective[r.id])) for r in rated])
        if framework.scoring.method is DomainMethod.ALL_MET:
            level = min(effective.values())
        else:
            level = math.floor(exact)
        if level < framework.highest:
            limited_by = [r.id for r in rated if effective[r.id] <= level]
        if target is None:
            status = DomainStatus.NO_TARGET
        else:
            status = DomainStatus.MET if level >= target else DomainStatus.BELOW
        next_steps = [_next_step(domain, r) for r in rated if r.id in limited_by]
    return DomainResult(
        id=domain.id,
        title=domain.title,
        weight=domain.weight,
        assessed=bool(rated),
        not_assessed_reason=None
        if rated
        else entry.not_assessed or "none of its indicators was assessed",
        level=level,
        score=round_half_up(exact, 2) if exact is not None else None,
        percent=round_half_up(_percent(framework, exact), 1) if exact is not None else None,
        coverage=Coverage(assessed=len(rated), total=len(indicators)),
        target=target,
        target_source=target_source,
        status=status,
        limited_by=limited_by,
        capped_count=sum(result.capped for result in indicators),
        next_steps=next_steps,
        indicators=indicators,
        panel_rated=panel_rated,
        calibration_gap=None if calibration is None else round_signed(calibration, 2),
    ), exact


def _next_step(domain: Domain, result: IndicatorResult) -> NextStep:
    """Describe what would lift a limiting indicator one level."""
    current = result.effective_level or 0
    gap = None
    if result.cap is not None and (result.assessed_level or 0) > current:
        gap = result.cap.message
    descriptor = next(i for i in domain.indicators if i.id == result.id).descriptors[current + 1]
    return NextStep(
        domain=domain.id,
        indicator=result.id,
        title=result.title,
        current_level=current,
        next_level=current + 1,
        descriptor=descriptor,
        evidence_gap=gap,
    )


def _band(framework: Framework, percent: float) -> tuple[str, str]:
    chosen = framework.scoring.bands[0]
    for band in framework.scoring.bands:
        if percent >= band.min_percent:
            chosen = band
    return chosen.label, chosen.meaning


def _gate(domains: list[DomainResult]) -> GateOutcome:
    targeted = [d for d in domains if d.status in (DomainStatus.MET, DomainStatus.BELOW)]
    if not targeted:
        return GateOutcome(status=GateStatus.NONE)
    failures = [
        GateFailure(
            kind="below-target",
            domain=d.id,
            message=f"{d.id} {d.title} is at level {d.level}, below its target of {d.target}"
            + (f"; held down by {', '.join(d.limited_by)}" if d.limited_by else ""),
        )
        for d in targeted
        if d.status is DomainStatus.BELOW
    ]
    return GateOutcome(
        status=GateStatus.FAILED if failures else GateStatus.PASSED,
        failures=failures,
        checks=["below-target"],
    )


def _panel(
    submission: Submission, domains: list[DomainResult], warnings: list[str]
) -> PanelSummary | None:
    """Summarise the panel's moderation; None when no panel met and none rated anything."""
    indicators = [i for d in domains for i in d.indicators]
    rated, calibration = _calibration(indicators)
    panel = submission.panel
    if panel is None and not rated:
        return None
    if panel is not None and panel.date < submission.assessed_on:
        warnings.append(
            f"panel: the panel met on {panel.date.isoformat()}, before the "
            f"self-assessment date {submission.assessed_on.isoformat()}"
        )
    return PanelSummary(
        date=panel.date if panel else None,
        members=[PanelMemberInfo(name=m.name, role=m.role) for m in panel.members] if panel else [],
        indicators_rated=rated,
        indicators_changed=sum(bool(i.panel_gap) for i in indicators),
        flagged=[i.id for i in indicators if i.panel_flag],
        calibration_gap=None if calibration is None else round_signed(calibration, 2),
    )


def _assurance(
    framework: Framework,
    submission: Submission,
    options: ScoreOptions,
    since: date,
    warnings: list[str],
) -> tuple[GovernanceResult | None, OutcomesResult | None]:
    """Score the governance and outcome elements of assurance, when the submission has them."""
    governance: GovernanceResult | None = None
    if submission.governance is not None and framework.governance is not None:
        governance = score_governance(
            framework.governance,
            submission.governance,
            lambda item_id, entry: _score_evidence(
                item_id, entry, submission.assessed_on, since, warnings
            )[0],
        )
    elif options.fail_on_red:
        warnings.append(
            "--fail-on-red has nothing to check: the submission has no governance section"
        )
    outcomes: OutcomesResult | None = None
    if submission.outcomes is not None:
        outcomes = score_outcomes(framework.outcomes, submission.outcomes, warnings)
    return governance, outcomes


def _governance_gate(gate: GateOutcome, governance: GovernanceResult | None) -> GateOutcome:
    """Add the ``--fail-on-red`` gate: every red governance area is a failure."""
    if governance is None or not governance.coverage.assessed:
        return gate
    failures = [*gate.failures, *red_area_failures(governance)]
    return GateOutcome(
        status=GateStatus.FAILED if failures else GateStatus.PASSED,
        failures=failures,
        checks=[*gate.checks, "governance-red"],
    )


def score(framework: Framework, submission: Submission, options: ScoreOptions) -> Result:
    """Grade ``submission`` against ``framework`` and return the complete result.

    The submission must have been checked against this framework by the loader (every
    domain and indicator known, every level on the scale).
    """
    if options.target is not None and options.target not in framework.levels:
        raise ValueError(f"target {options.target} is not on the scale")
    settings = framework.scoring.evidence
    since = months_before(submission.assessed_on, settings.recent_months)
    warnings: list[str] = []
    domains: list[DomainResult] = []
    scored: list[tuple[float, Fraction]] = []
    for domain in framework.domains:
        result, exact = _score_domain(framework, submission, domain, options, since, warnings)
        domains.append(result)
        if exact is not None:
            scored.append((domain.weight, exact))

    indicator_total = sum(d.coverage.total for d in domains)
    indicator_assessed = sum(d.coverage.assessed for d in domains)
    if scored:
        overall_exact = _weighted_mean(scored)
        percent = round_half_up(_percent(framework, overall_exact), 1)
        band, meaning = _band(framework, percent)
        overall = Overall(
            score=round_half_up(overall_exact, 2),
            percent=percent,
            band=band,
            band_meaning=meaning,
            coverage=Coverage(assessed=len(scored), total=len(domains)),
            indicator_coverage=Coverage(assessed=indicator_assessed, total=indicator_total),
            capped_count=sum(d.capped_count for d in domains),
        )
    else:
        overall = Overall(
            score=None,
            percent=None,
            band=None,
            coverage=Coverage(assessed=0, total=len(domains)),
            indicator_coverage=Coverage(assessed=0, total=indicator_total),
            capped_count=0,
        )

    panel = _panel(submission, domains, warnings)
    governance, outcomes = _assurance(framework, submission, options, since, warnings)
    gate = _gate(domains)
    if options.fail_on_red:
        gate = _governance_gate(gate, governance)

    return Result(
        tool=f"wcc-assess {__version__}",
        generated_at=options.generated_at,
        source=options.source,
        framework=FrameworkInfo(
            id=framework.id,
            version=framework.version,
            title=framework.title,
            publisher=framework.publisher,
            scale=framework.scale,
            method=framework.scoring.method,
            recent_months=settings.recent_months,
            evidence_rules=settings.rules,
            bands=framework.scoring.bands,
            replaces=framework.replaces,
        ),
        organisation=submission.organisation.name,
        organisation_code=submission.organisation.code,
        period=submission.period,
        assessed_on=submission.assessed_on,
        assessors=[a.name + (f" ({a.role})" if a.role else "") for a in submission.assessors],
        domains=domains,
        overall=overall,
        gate=gate,
        warnings=warnings,
        panel=panel,
        governance=governance,
        outcomes=outcomes,
    )
