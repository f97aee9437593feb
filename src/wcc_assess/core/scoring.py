"""The scorer: a pure function from (framework, submission, options) to a :class:`Result`.

No I/O, no printing, no clock: the caller passes the timestamp. Arithmetic is exact
(fractions) and rounded half-up only when stored, so hand-computed expectations hold.
The rules are those of the product contract, section 2, each a setting of the framework.

The result is assembled once, in one pass: with the submission's source lines
(:attr:`ScoreOptions.lines`) and, when a baseline is given, the change of every domain and
indicator since then and the regression gate (:class:`Baseline`, :mod:`.compare`).

The core builds result models with ``model_construct``: it is their one producer and
builds them from a checked framework and submission, so validating them again would only
cost the start-up of every command a validator per model. The pydantic mypy plugin still
checks every field's name and type; a result read back from JSON is validated.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from wcc_assess import __version__
from wcc_assess.core.actions import ActionIndex, index_actions, judge_plan, overdue_failures
from wcc_assess.core.bands import band_for, profile
from wcc_assess.core.documents import key_documents
from wcc_assess.core.evidence import Window, judge, next_level_need, rule_checks, score_evidence
from wcc_assess.core.governance import red_area_failures, score_governance
from wcc_assess.core.groups import group_results
from wcc_assess.core.lift import mean_lift, weighted_sums
from wcc_assess.core.numbers import (
    exact,
    half_up,
    months_before,
    round_half_up,
    round_signed,
    weighted_mean,
)
from wcc_assess.core.outcomes import score_outcomes
from wcc_assess.core.panel import (
    BASIS_ORDER,
    calibration,
    domain_rating,
    interest_flags,
    panel_summary,
)
from wcc_assess.core.paper import board_paper
from wcc_assess.errors import Loc, UsageError
from wcc_assess.models.actions import ActionPlan
from wcc_assess.models.framework import Domain, DomainMethod, Framework, Indicator
from wcc_assess.models.paper import ReportDetails
from wcc_assess.models.result import (
    Basis,
    Change,
    Coverage,
    DomainResult,
    DomainStatus,
    FrameworkInfo,
    GateFailure,
    GateOutcome,
    GateStatus,
    GovernanceResult,
    GroupResult,
    IndicatorResult,
    KeyDocumentResult,
    Lift,
    NextStep,
    OutcomesResult,
    Overall,
    PanelDomainRating,
    PanelSummary,
    Result,
    TargetSource,
)
from wcc_assess.models.submission import DomainEntry, IndicatorEntry, Submission

if TYPE_CHECKING:
    from wcc_assess.core.compare import Comparison

__all__ = ["Baseline", "LineOf", "ScoreOptions", "check_target", "framework_info", "score"]

LineOf = Callable[[Loc], int | None]
"""Where a path of the submission (``("domains", "C4")``) stands in its file."""


class Baseline(NamedTuple):
    """An earlier result of the same organisation, compared with in the same pass."""

    result: Result
    source: str | None = None
    """How the baseline is named (its file); by default the source it records."""
    fail_on_regression: bool = False
    """Fail the gate when a domain's level fell since the baseline."""


class ScoreOptions(NamedTuple):
    """Inputs to scoring that do not come from the framework or the submission."""

    generated_at: str
    """The result's timestamp (the caller honours SOURCE_DATE_EPOCH)."""
    source: str = "<submission>"
    """How the submission is named in the result."""
    target: int | None = None
    """A target for every domain from the command line; overrides all others."""
    fail_on_red: bool = False
    """Fail the gate when a governance area is rated red (``--fail-on-red``)."""
    baseline: Baseline | None = None
    """Last year's result: record the change since then (``--baseline``)."""
    lines: LineOf | None = None
    """The submission's source lines, for reports that point at them."""
    fail_on_overdue: bool = False
    """Fail the gate when an action of the plan is overdue (``--fail-on-overdue``)."""
    allow_not_evidenced: bool = False
    """Let a domain with a target that was not assessed pass the gate
    (``--allow-not-evidenced``); it is still never counted as met."""
    paper: ReportDetails | None = None
    """The front sheet's fields from the command line; they override the ``report:`` block."""


def check_target(framework: Framework, target: int | None) -> None:
    """Raise :class:`UsageError` unless ``target`` (``--target``) is on the framework's scale."""
    levels = framework.levels
    if target is not None and target not in levels:
        raise UsageError(
            f"--target {target} is not on the {framework.id} scale ({levels[0]}..{levels[-1]})"
        )


def framework_info(framework: Framework) -> FrameworkInfo:
    """Return the framework's identity and rules as results record them."""
    settings = framework.scoring.evidence
    return FrameworkInfo.model_construct(
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
        summary=framework.summary,
        not_rated=framework.scoring.not_rated,
        groups=framework.groups,
        crosswalk=framework.crosswalk,
        terms=framework.terms,
        allow_not_evidenced=framework.scoring.allow_not_evidenced,
        has_governance=framework.governance is not None,
        has_outcomes=framework.outcomes is not None,
    )


class _Pass:
    """One grading: what every step needs besides the framework and the submission.

    (Here and in the rest of the scorer, small records are named tuples or plain classes:
    a dataclass costs the start-up of every command about half a millisecond.)
    """

    __slots__ = (
        "actions",
        "comparison",
        "framework",
        "not_rated",
        "options",
        "submission",
        "warnings",
        "window",
    )

    def __init__(
        self,
        framework: Framework,
        submission: Submission,
        options: ScoreOptions,
        window: Window,
        comparison: Comparison | None,
    ) -> None:
        self.framework, self.submission, self.options = framework, submission, options
        self.window, self.comparison = window, comparison
        self.warnings: list[str] = []
        self.not_rated = {entry.id: entry.reason for entry in framework.scoring.not_rated}
        """Ids the framework version does not rate, with the reason."""
        self.actions: ActionIndex = index_actions(framework, submission.actions)

    def line(self, *path: str) -> int | None:
        return self.options.lines(path) if self.options.lines else None

    def change(
        self,
        kind: str,
        item_id: str,
        level: int | None,
        score: float | None = None,
        basis: Basis | None = None,
    ) -> Change | None:
        """Return the change of a domain or indicator since the baseline (None without one)."""
        if self.comparison is None:
            return None
        return self.comparison.change(kind, item_id, level, score, basis)


def _indicator(
    run: _Pass, domain: Domain, indicator: Indicator, entry: DomainEntry
) -> IndicatorResult:
    rating = entry.indicators.get(indicator.id) if entry.not_assessed is None else None
    line = run.line("domains", domain.id, indicator.id)
    unrated = run.not_rated.get(indicator.id, run.not_rated.get(domain.id))
    rated = rating is not None and rating.level is not None and rating.not_assessed is None
    if rated and unrated is None:
        assert rating is not None
        return _rated_indicator(run, indicator, rating, line)
    if rated and domain.id not in run.not_rated:
        run.warnings.append(_unrated_warning(run.framework, indicator.id, unrated or ""))
    reason = rating.not_assessed if rating else entry.not_assessed or "not rated"
    return IndicatorResult.model_construct(
        id=indicator.id,
        title=indicator.title,
        weight=indicator.weight,
        narrative=rating.narrative if rating else "",
        assessed=False,
        not_assessed_reason=reason if unrated is None else unrated,
        line=line,
        change=run.change("indicator", indicator.id, None),
        not_rated=unrated is not None,
    )


def _unrated_warning(framework: Framework, item_id: str, reason: str) -> str:
    """Say that a rating of something the framework version does not rate was left out."""
    return (
        f"{item_id}: {framework.id} {framework.version} does not rate {item_id} ({reason}); "
        "the submission's rating of it was left out"
    )


def _claim_warnings(run: _Pass, indicator: Indicator, rating: IndicatorEntry) -> None:
    """Warn of claims at a level the framework's history makes doubtful."""
    for caution in run.framework.scoring.claim_warnings:
        for who, level in (("claimed", rating.level), ("panel", rating.panel_level)):
            if level == caution.level:
                run.warnings.append(f"{indicator.id}: {who} level {level}; {caution.note}")


def _rated_indicator(
    run: _Pass, indicator: Indicator, rating: IndicatorEntry, line: int | None
) -> IndicatorResult:
    judged = judge(run.framework, indicator.id, rating, run.window, run.warnings)
    _claim_warnings(run, indicator, rating)
    claimed, panel = rating.level or 0, rating.panel_level
    return IndicatorResult.model_construct(
        id=indicator.id,
        title=indicator.title,
        weight=indicator.weight,
        narrative=rating.narrative,
        assessed=True,
        claimed_level=claimed,
        panel_level=panel,
        panel_note=rating.panel_note,
        assessed_level=judged.assessed,
        supported_level=judged.supported,
        effective_level=judged.effective,
        evidence_counted=judged.evidence.counted,
        evidence_recent=judged.evidence.recent,
        evidence=judged.evidence.items,
        capped=judged.cap is not None,
        cap=judged.cap,
        line=line,
        change=run.change("indicator", indicator.id, judged.effective),
        panel_gap=None if panel is None else claimed - panel,
        panel_flag=panel is not None and abs(claimed - panel) >= 2,
        rule_checks=rule_checks(run.framework, judged),
        next_level_evidence=next_level_need(
            run.framework, judged.evidence, judged.effective, run.window
        ),
        panel_over_rule=judged.over_rule,
    )


def _target(run: _Pass, domain_id: str) -> tuple[int | None, TargetSource | None]:
    targets, default = run.submission.targets, run.framework.scoring.default_target
    if domain_id in run.not_rated:
        if domain_id in targets:
            run.warnings.append(
                f"targets: {domain_id} is not rated by {run.framework.id} "
                f"{run.framework.version}, so its target of {targets[domain_id]} is not applied"
            )
        return None, None
    if run.options.target is not None:
        return run.options.target, TargetSource.COMMAND_LINE
    if domain_id in targets:
        return targets[domain_id], TargetSource.SUBMISSION_DOMAIN
    if "default" in targets:
        return targets["default"], TargetSource.SUBMISSION_DEFAULT
    if default is not None:
        return default, TargetSource.FRAMEWORK_DEFAULT
    return None, None


def _percent(framework: Framework, score: Fraction) -> Fraction:
    """Return where a score lies on the scale, in percent (in whole numbers: it is quicker)."""
    top, bottom = score.numerator, score.denominator
    span = framework.highest - framework.lowest
    return Fraction(100 * (top - framework.lowest * bottom), bottom * span)


class _Level(NamedTuple):
    """A domain's level, exact score and what holds it down (None: nothing assessed)."""

    level: int
    exact: Fraction
    limited_by: list[str]
    sums: tuple[Fraction, Fraction]
    """The weighted levels and the total weight: ``exact`` is their quotient."""


def _domain_level(framework: Framework, rated: list[IndicatorResult]) -> _Level | None:
    if not rated:
        return None
    effective = {r.id: r.effective_level or 0 for r in rated}
    sums = weighted_sums(rated)
    exact = sums[0] / sums[1]
    if framework.scoring.method is DomainMethod.ALL_MET:
        level = min(effective.values())
    else:
        level = math.floor(exact)
    limited_by = [r.id for r in rated if effective[r.id] <= level]
    return _Level(level, exact, limited_by if level < framework.highest else [], sums)


def _status(level: int | None, target: int | None) -> DomainStatus:
    """Met, below, no target; not assessed, or not evidenced when it has a target (rule 7)."""
    if level is None:
        return DomainStatus.NOT_ASSESSED if target is None else DomainStatus.NOT_EVIDENCED
    if target is None:
        return DomainStatus.NO_TARGET
    return DomainStatus.MET if level >= target else DomainStatus.BELOW


class _Score(NamedTuple):
    """A weighted mean as stored (two decimals) and the figures that show how it was got."""

    score: float
    percent: float
    percent_from_unrounded: bool


def _scored(framework: Framework, exact: Fraction) -> _Score:
    """Round a score and its percent; say whether the rounded score gives another percent."""
    hundredths = half_up(exact, 100)  # the score as stored
    percent = round_half_up(_percent(framework, exact), 1)
    from_rounded = round_half_up(_percent(framework, Fraction(hundredths, 100)), 1)
    return _Score(hundredths / 100, percent, from_rounded != percent)


class _DomainFigures(TypedDict, total=False):
    """The figures of an assessed domain (a not-assessed one has the models' defaults)."""

    level: int
    score: float
    percent: float
    percent_from_unrounded: bool
    limited_by: list[str]
    weighted_levels: float
    total_weight: float
    lift: Lift | None


def _domain_figures(run: _Pass, rated: list[IndicatorResult], level: _Level) -> _DomainFigures:
    """Return an assessed domain's figures: score, percent, weighted sums, what would lift it."""
    scored = _scored(run.framework, level.exact)
    total, weight = level.sums
    lift = None
    if run.framework.scoring.method is DomainMethod.MEAN and level.level < run.framework.highest:
        lift = mean_lift(rated, level.sums, level.level, run.framework.highest)
    return {
        "level": level.level,
        "score": scored.score,
        "percent": scored.percent,
        "percent_from_unrounded": scored.percent_from_unrounded,
        "limited_by": level.limited_by,
        "weighted_levels": float(total),
        "total_weight": float(weight),
        "lift": lift,
    }


class _Judged(NamedTuple):
    """A domain's level as it stands: the panel's rating where it gave one, and the basis."""

    level: int | None
    rating: PanelDomainRating | None
    basis: Basis | None


def _judged(run: _Pass, domain: Domain, level: _Level | None, panel_rated: int) -> _Judged:
    if level is None:
        return _Judged(None, None, None)
    line = run.line("panel", "ratings", domain.id)
    rating = domain_rating(run.submission.panel, domain.id, level.level, line)
    if rating is not None:
        return _Judged(rating.level, rating, Basis.PANEL_DOMAINS)
    basis = Basis.PANEL_INDICATORS if panel_rated else Basis.SELF_ASSESSED
    return _Judged(level.level, None, basis)


def _score_domain(run: _Pass, domain: Domain) -> tuple[DomainResult, Fraction | None]:
    entry = run.submission.domains.get(domain.id, DomainEntry())
    unrated = run.not_rated.get(domain.id)
    if unrated is not None and any(i.level is not None for i in entry.indicators.values()):
        run.warnings.append(_unrated_warning(run.framework, domain.id, unrated))
    indicators = [_indicator(run, domain, indicator, entry) for indicator in domain.indicators]
    rated = [result for result in indicators if result.effective_level is not None]
    target, target_source = _target(run, domain.id)
    panel_rated, gap = calibration(indicators)
    level = _domain_level(run.framework, rated)
    figures = _domain_figures(run, rated, level) if level else _DomainFigures()
    judged = _judged(run, domain, level, panel_rated)
    if judged.level is not None:
        figures["level"] = judged.level
    counted = [e for i in indicators for e in i.evidence if e.counted]
    panel = run.submission.panel
    reason = unrated or entry.not_assessed or "none of its indicators was assessed"
    countable = sum(not result.not_rated for result in indicators)
    return DomainResult.model_construct(
        id=domain.id,
        title=domain.title,
        weight=domain.weight,
        phase=domain.phase,
        assessed=level is not None,
        not_assessed_reason=None if level else reason,
        coverage=Coverage.model_construct(assessed=len(rated), total=countable),
        target=target,
        target_source=target_source,
        status=_status(judged.level, target),
        capped_count=sum(result.capped for result in indicators),
        next_steps=[
            _next_step(domain, r, run.actions) for r in rated if level and r.id in level.limited_by
        ],
        indicators=indicators,
        line=run.line("domains", domain.id),
        change=run.change("domain", domain.id, judged.level, figures.get("score"), judged.basis),
        panel_rated=panel_rated,
        calibration_gap=None if gap is None else round_signed(gap, 2),
        actions=run.actions.by_domain.get(domain.id, []),
        not_rated=unrated is not None,
        calculated_level=level.level if level else None,
        panel_rating=judged.rating,
        basis=judged.basis,
        evidence_counted=len(counted),
        evidence_checked=sum(e.checked_by is not None for e in counted),
        interests=interest_flags(panel.members, domain.id, indicators) if panel else [],
        **figures,
    ), level.exact if level else None


def _next_step(domain: Domain, result: IndicatorResult, actions: ActionIndex) -> NextStep:
    """Describe what would lift a limiting indicator one level, and the actions planned."""
    current = result.effective_level or 0
    gap = None
    if result.cap is not None and (result.assessed_level or 0) > current:
        gap = result.cap.message
    descriptor = next(i for i in domain.indicators if i.id == result.id).descriptors[current + 1]
    return NextStep.model_construct(
        domain=domain.id,
        indicator=result.id,
        title=result.title,
        current_level=current,
        next_level=current + 1,
        descriptor=descriptor,
        evidence_gap=gap,
        actions=actions.live_for_indicator(result.id),
    )


class _OverallFigures(TypedDict, total=False):
    """The overall grade and the sums that show how it was got (only a score when none)."""

    score: float | None
    percent: float | None
    band: str | None
    band_meaning: str | None
    percent_from_unrounded: bool
    weighted_scores: float
    total_weight: float
    score_from_unrounded: bool


def _overall_figures(
    run: _Pass, domains: list[DomainResult], scored: list[tuple[float, Fraction]]
) -> _OverallFigures:
    """Return the overall score, percent and band, and the sums that show how they were got."""
    if not scored:
        return {"score": None, "percent": None, "band": None}
    figures = _scored(run.framework, weighted_mean(scored))
    band = band_for(run.framework.scoring.bands, [d.level for d in domains])
    counted = [(d.weight, d.score) for d in domains if d.assessed and d.score is not None]
    total = sum((exact(weight) * exact(score) for weight, score in counted), Fraction(0))
    weight = sum((exact(weight) for weight, _ in counted), Fraction(0))
    return {
        "score": figures.score,
        "percent": figures.percent,
        "band": band.label if band else None,
        "band_meaning": band.meaning if band else None,
        "percent_from_unrounded": figures.percent_from_unrounded,
        "weighted_scores": float(total),
        "total_weight": float(weight),
        "score_from_unrounded": bool(weight) and round_half_up(total / weight, 2) != figures.score,
    }


def _overall(
    run: _Pass, domains: list[DomainResult], scored: list[tuple[float, Fraction]]
) -> Overall:
    figures = _overall_figures(run, domains, scored)
    levels = [d.level for d in domains if not d.not_rated]  # an unrated one is no gap
    rated = len(levels)
    return Overall.model_construct(
        profile=profile(run.framework.scale, levels),
        not_assessed=levels.count(None),
        coverage=Coverage.model_construct(assessed=len(scored), total=rated),
        indicator_coverage=Coverage.model_construct(
            assessed=sum(d.coverage.assessed for d in domains) if scored else 0,
            total=sum(d.coverage.total for d in domains),
        ),
        capped_count=sum(d.capped_count for d in domains) if scored else 0,
        change=run.comparison.overall(figures.get("score")) if run.comparison else None,
        **figures,
    )


def _below_message(domain: DomainResult) -> str:
    """Say why a domain fails its target: its level (whose), and what holds it down."""
    if domain.panel_rating is not None:
        return (
            f"{domain.id} {domain.title} is at level {domain.level}, the panel's rating "
            f"(calculated {domain.calculated_level}), below its target of {domain.target}"
        )
    held = f"; held down by {', '.join(domain.limited_by)}" if domain.limited_by else ""
    return (
        f"{domain.id} {domain.title} is at level {domain.level}, below its target of "
        f"{domain.target}{held}"
    )


def _missing_message(domain: DomainResult) -> str:
    reason = domain.not_assessed_reason or "no reason given"
    return (
        f"{domain.id} {domain.title} has a target of {domain.target} but was not assessed "
        f"({reason}): not evidenced"
    )


def _failure(kind: str, domain: DomainResult, message: str) -> GateFailure:
    return GateFailure.model_construct(kind=kind, domain=domain.id, message=message)


def _target_failures(
    run: _Pass, domains: list[DomainResult]
) -> tuple[list[GateFailure], str | None]:
    """Return the target gate's failures, and who let not-evidenced domains pass (if any)."""
    allowed_by = None
    if run.options.allow_not_evidenced:
        allowed_by = "--allow-not-evidenced"
    elif run.framework.scoring.allow_not_evidenced:
        allowed_by = "framework"
    failures: list[GateFailure] = []
    for domain in domains:
        if domain.status is DomainStatus.BELOW:
            failures.append(_failure("below-target", domain, _below_message(domain)))
        elif domain.status is DomainStatus.NOT_EVIDENCED and allowed_by is None:
            failures.append(_failure("not-evidenced", domain, _missing_message(domain)))
        elif domain.status is DomainStatus.NOT_EVIDENCED:
            who = "the framework" if allowed_by == "framework" else allowed_by
            run.warnings.append(f"{_missing_message(domain)}; allowed by {who}, not counted as met")
    missing = any(d.status is DomainStatus.NOT_EVIDENCED for d in domains)
    return failures, allowed_by if missing else None


def _gate(
    run: _Pass,
    domains: list[DomainResult],
    governance: GovernanceResult | None,
    plan: ActionPlan | None = None,
) -> GateOutcome:
    """Return the gates in force: targets, regression, red governance, overdue actions."""
    checks = ["below-target"] if any(d.target is not None for d in domains) else []
    failures, allowed_by = _target_failures(run, domains)
    if run.options.fail_on_red and governance is not None and governance.coverage.assessed:
        failures += red_area_failures(governance)
        checks.append("governance-red")
    if run.comparison is not None and run.comparison.fail_on_regression:
        failures += run.comparison.failures(domains)
        checks.append("regression")
    if run.options.fail_on_overdue:
        failures += overdue_failures(plan)
        checks.append("overdue-action")
    if not checks:
        return GateOutcome.model_construct(status=GateStatus.NONE)
    status = GateStatus.FAILED if failures else GateStatus.PASSED
    return GateOutcome.model_construct(
        status=status, failures=failures, checks=checks, not_evidenced_allowed_by=allowed_by
    )


def _assurance(run: _Pass) -> tuple[GovernanceResult | None, OutcomesResult | None]:
    """Score the governance and outcome elements of assurance, when the submission has them."""
    submission, framework = run.submission, run.framework
    governance: GovernanceResult | None = None
    if submission.governance is not None and framework.governance is not None:
        governance = score_governance(
            framework.governance,
            submission.governance,
            lambda item_id, entry: score_evidence(item_id, entry, run.window, run.warnings).items,
            lambda area_id: run.line("governance", area_id),
            submission.panel.governance if submission.panel else {},
        )
    elif run.options.fail_on_red:
        run.warnings.append(
            "--fail-on-red has nothing to check: the submission has no governance section"
        )
    outcomes: OutcomesResult | None = None
    if submission.outcomes is not None:
        outcomes = score_outcomes(framework.outcomes, submission.outcomes, run.warnings)
    return governance, outcomes


def _start(framework: Framework, submission: Submission, options: ScoreOptions) -> _Pass:
    """Check the options against the framework and the baseline, and begin the pass."""
    check_target(framework, options.target)
    since = months_before(submission.assessed_on, framework.scoring.evidence.recent_months)
    comparison = None
    baseline = options.baseline
    if baseline is not None:
        from wcc_assess.core.compare import Comparison, Layout  # only with a baseline

        layout = Layout(
            framework_info(framework),
            tuple((d.id, tuple(i.id for i in d.indicators)) for d in framework.domains),
        )
        comparison = Comparison.start(
            baseline.result,
            baseline.source or baseline.result.source,
            layout,
            organisation=submission.organisation.name,
            code=submission.organisation.code,
            period=submission.period,
            fail_on_regression=baseline.fail_on_regression,
        )
    panel_day = submission.panel.date if submission.panel else None
    window = Window(since, submission.assessed_on, panel_day)
    return _Pass(framework, submission, options, window, comparison)


def score(framework: Framework, submission: Submission, options: ScoreOptions) -> Result:
    """Grade ``submission`` against ``framework`` and return the complete result.

    The submission must have been checked against this framework by the loader (every
    domain and indicator known, every level on the scale). Raises :class:`UsageError` for a
    target off the scale or a baseline that cannot be compared.
    """
    run = _start(framework, submission, options)
    _period_warning(run)
    domains: list[DomainResult] = []
    scored: list[tuple[float, Fraction]] = []
    exacts: dict[str, Fraction] = {}
    for domain in framework.domains:
        result, exact = _score_domain(run, domain)
        domains.append(result)
        if exact is not None:
            scored.append((domain.weight, exact))
            exacts[domain.id] = exact
    overall = _overall(run, domains, scored)
    governance, outcomes = _assurance(run)
    panel = panel_summary(submission, domains, governance, run.warnings)
    parts = _Parts(
        panel,
        governance,
        outcomes,
        group_results(framework, domains, exacts),
        key_documents(framework, submission),
    )
    return _result(run, domains, overall, parts)


def _period_warning(run: _Pass) -> None:
    """Warn when the period assessed is outside the years the framework version is for."""
    periods, period = run.framework.periods, run.submission.period
    if periods is None or periods.covers(period):
        return
    years = periods.first + (f" to {periods.last}" if periods.last else " onwards")
    years = periods.first if periods.last == periods.first else years
    run.warnings.append(
        f"period: {period} is outside the years {run.framework.ref} is for ({years}); "
        f"`wcc init --period {period}` names the version for that year"
    )


class _Parts(NamedTuple):
    """The parts of a result beside its domains and overall grade."""

    panel: PanelSummary | None
    governance: GovernanceResult | None
    outcomes: OutcomesResult | None
    groups: list[GroupResult]
    key_documents: list[KeyDocumentResult]


def _result(run: _Pass, domains: list[DomainResult], overall: Overall, parts: _Parts) -> Result:
    submission, comparison = run.submission, run.comparison
    warnings = run.warnings
    bases = [d.basis for d in domains if d.basis is not None]
    info = None
    plan = judge_plan(
        submission,
        domains,
        run.actions,
        baseline=comparison.baseline if comparison is not None else None,
        line_of=run.options.lines,
        warnings=warnings,
    )
    if run.options.fail_on_overdue and (plan is None or not plan.actions):
        warnings.append("--fail-on-overdue has nothing to check: the submission has no actions")
    if comparison is not None:
        warnings += comparison.warnings(submission.period, domains)
        info = comparison.info()
    return Result.model_construct(
        tool=f"wcc-assess {__version__}",
        generated_at=run.options.generated_at,
        source=run.options.source,
        framework=framework_info(run.framework),
        organisation=submission.organisation.name,
        organisation_code=submission.organisation.code,
        period=submission.period,
        assessed_on=submission.assessed_on,
        assessors=[a.name + (f" ({a.role})" if a.role else "") for a in submission.assessors],
        domains=domains,
        overall=overall,
        gate=_gate(run, domains, parts.governance, plan),
        warnings=warnings,
        recent_since=run.window.since,
        baseline=info,
        panel=parts.panel,
        governance=parts.governance,
        outcomes=parts.outcomes,
        basis=max(bases, key=BASIS_ORDER.index) if bases else None,
        draft=parts.panel is None or parts.panel.sign_off is None,
        board_approved_on=submission.board_approved_on,
        actions=plan,
        groups=parts.groups,
        key_documents=parts.key_documents,
        paper=board_paper(run.framework, submission, run.options.paper),
    )
