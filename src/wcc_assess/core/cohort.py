r"""Cohort statistics: many graded organisations in, one :class:`CohortResult` out.

Pure functions: no I/O, no clock, no printing. The caller grades each submission with
:func:`wcc_assess.core.scoring.score` (see :mod:`wcc_assess.batch`) and passes the results, or
their :func:`summarise`\\ d form, here. Domain levels and scores are taken from the results as
the scorer computed them; nothing is re-scored.

Rules, in the order they apply:

1. Two or more submissions for the same organisation code (compared without case or
   surrounding spaces) and period are all excluded and listed as invalid, each naming the
   others: the tool cannot know which one is right.
2. Every organisation must have been graded against the cohort's framework
   (``id@version``); others are listed as invalid.
3. The league table is sorted by mean score (highest first), then organisation name,
   then code. Equal scores share a rank and the next rank is skipped (1, 2, 2, 4).
   Organisations without an overall score (no domain assessed) come last, unranked.
   ``governance-first`` sorts it as the Health Service Journal ranked WCC: governance
   points first, then the competency total (the sum of the domain levels), then name;
   organisations that did not rate governance come after those that did. Both ranks are
   kept on every row, whichever order is chosen.
4. Means and medians are exact and rounded half-up to two decimals when stored. Domain
   statistics count only organisations whose domain was assessed.
5. The weakest and strongest domains are those with the lowest and highest mean score as
   reported (all of them when tied).
6. Files that could not be graded are listed by file name, the cohort's before the
   baseline's.
7. With a baseline, each organisation is matched by code to its latest baseline entry of
   another period; the improvement ranking orders them by change in overall score. Where
   the two years were graded on different bases (self-assessed against panel-moderated),
   a warning says so: part of the change is the change of basis.
8. Governance (when the framework has it and some submission rated it) counts, per area,
   the organisations rated green, amber, red or not assessed, and those green (or red) in
   every area, as the Health Service Journal counted them; organisations whose submission
   did not rate governance are counted apart.
9. Development plans (when some submission lists one): each organisation's overdue
   actions and gaps without an open or in-progress action, as its result judged them;
   the cohort counts the organisations with a plan, the overdue actions in all and the
   organisations with any overdue (or any gap without an action).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from wcc_assess import __version__
from wcc_assess.core.numbers import round_half_up
from wcc_assess.core.panel import basis_of
from wcc_assess.core.scoring import framework_info
from wcc_assess.errors import Diagnostic
from wcc_assess.models.assurance import Rag
from wcc_assess.models.cohort import (
    BandCount,
    BaselineComparison,
    CohortResult,
    DomainDistribution,
    DomainSummary,
    GateCounts,
    GovernanceAreaCount,
    GovernanceDistribution,
    Improvement,
    InvalidSubmission,
    LeagueEntry,
    LevelCount,
    OrganisationRef,
    OrganisationSummary,
    OverallDistribution,
    PlanCounts,
    RankBy,
)
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Basis, DomainStatus, GateStatus, Result

__all__ = [
    "CohortOptions",
    "Outcome",
    "build_cohort",
    "competition_ranks",
    "mean",
    "median",
    "summarise",
]

Outcome = Result | OrganisationSummary | InvalidSubmission
"""What grading one file gives: a result (or its summary), or the file's problems."""


@dataclass(frozen=True, slots=True)
class CohortOptions:
    """Inputs to the cohort that do not come from the submissions."""

    generated_at: str
    """The report's timestamp (the caller honours SOURCE_DATE_EPOCH)."""
    target: int | None = None
    """The ``--target`` every submission was graded with, recorded in the report."""
    rank_by: RankBy = RankBy.SCORE
    """The order of the league table (``--rank``)."""
    framework_choice: str | None = None
    """Why the cohort has its framework when no ``--framework`` was given, e.g. "the
    framework of 10 of its 13 graded files"; said to each file of another framework."""


def summarise(result: Result, source: str | None = None) -> OrganisationSummary:
    """Reduce a result to the organisation's line in a cohort (keeps no indicators).

    ``source`` names the file it came from, when not the one the result records.
    """
    plan = result.actions
    domains = [
        DomainSummary(id=d.id, level=d.level, score=d.score, status=d.status)
        for d in result.domains
    ]
    levels = [d.level for d in result.domains if d.level is not None]
    return OrganisationSummary(
        source=source or result.source,
        organisation=result.organisation,
        code=result.organisation_code,
        period=result.period,
        assessed_on=result.assessed_on,
        framework=f"{result.framework.id}@{result.framework.version}",
        score=result.overall.score,
        percent=result.overall.percent,
        band=result.overall.band,
        domains=domains,
        domains_assessed=sum(d.level is not None for d in result.domains),
        domains_met=sum(d.status is DomainStatus.MET for d in result.domains),
        domains_below=sum(d.status is DomainStatus.BELOW for d in result.domains),
        capped=result.overall.capped_count,
        gate=result.gate.status,
        warnings=list(result.warnings),
        governance={area.id: area.rating for area in result.governance.areas}
        if result.governance is not None
        else None,
        profile=list(result.overall.profile),
        domains_not_evidenced=sum(d.status is DomainStatus.NOT_EVIDENCED for d in result.domains),
        basis=basis_of(result),
        governance_points=result.governance.points if result.governance is not None else None,
        competency_total=sum(levels) if levels else None,
        draft=result.draft,
        actions_overdue=plan.counts.overdue if plan is not None and plan.declared else None,
        gaps_without_action=len(plan.unplanned) if plan is not None else 0,
    )


def _hundredths(value: float | int) -> int:
    """Return the value in exact hundredths (2.35 is 235, not 2.35's nearest binary float).

    Levels are whole, scores have two decimals and percents one, so this is exact.
    """
    return value * 100 if isinstance(value, int) else round(value * 100)


def mean(values: Sequence[float | int]) -> float | None:
    """Return the mean rounded half-up to two decimals, or None for no values."""
    if not values:
        return None
    return round_half_up(
        Fraction(sum(_hundredths(value) for value in values), 100 * len(values)), 2
    )


def median(values: Sequence[float | int]) -> float | None:
    """Return the median (mean of the two middle values for an even count), two decimals."""
    if not values:
        return None
    ordered = sorted(_hundredths(value) for value in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return round_half_up(Fraction(ordered[middle], 100), 2)
    return round_half_up(Fraction(ordered[middle - 1] + ordered[middle], 200), 2)


def competition_ranks(keys: Sequence[object]) -> list[int]:
    """Return standard competition ranks (1, 2, 2, 4) for keys already in ranking order."""
    ranks: list[int] = []
    for index, key in enumerate(keys):
        ranks.append(ranks[-1] if index and key == keys[index - 1] else index + 1)
    return ranks


def _code_key(code: str) -> str:
    return code.strip().upper()


def _problem(file: str, message: str, hint: str | None = None) -> InvalidSubmission:
    return InvalidSubmission.one(Diagnostic(file, message, hint=hint))


def _other_framework(
    summary: OrganisationSummary, framework_ref: str, baseline: bool, why: str | None
) -> InvalidSubmission:
    """Refuse a file graded against another framework than the cohort's: say why, what to do."""
    what = "baseline" if baseline else "cohort"
    reason = f" ({why})" if why else ""
    if summary.framework.partition("@")[0] == framework_ref.partition("@")[0]:
        hint = f"pass --framework {framework_ref} to grade every file against it"
    else:
        hint = f"grade the {summary.framework} files as a cohort of their own"
    return _problem(
        summary.source,
        f"graded against {summary.framework}, but the {what} is graded against "
        f"{framework_ref}{reason}",
        hint,
    ).model_copy(update={"baseline": baseline})


def _split(
    outcomes: Iterable[Outcome], framework_ref: str, *, baseline: bool, why: str | None = None
) -> tuple[list[OrganisationSummary], list[InvalidSubmission]]:
    """Separate graded summaries from invalid files; apply the duplicate and framework rules."""
    graded: list[OrganisationSummary] = []
    invalid: list[InvalidSubmission] = []
    for outcome in outcomes:
        if isinstance(outcome, InvalidSubmission):
            invalid.append(outcome.model_copy(update={"baseline": baseline}))
        elif isinstance(outcome, Result):
            graded.append(summarise(outcome))
        else:
            graded.append(outcome)

    kept: list[OrganisationSummary] = []
    framework_id = framework_ref.partition("@")[0]
    for summary in graded:
        same_id = summary.framework.partition("@")[0] == framework_id
        if summary.framework == framework_ref or (baseline and same_id):
            kept.append(summary)
            continue
        invalid.append(_other_framework(summary, framework_ref, baseline, why))

    groups: dict[tuple[str, str], list[OrganisationSummary]] = defaultdict(list)
    for summary in kept:
        groups[(_code_key(summary.code), summary.period)].append(summary)
    unique: list[OrganisationSummary] = []
    for summary in kept:
        group = groups[(_code_key(summary.code), summary.period)]
        if len(group) == 1:
            unique.append(summary)
            continue
        others = ", ".join(other.source for other in group if other is not summary)
        invalid.append(
            InvalidSubmission(
                file=summary.source,
                baseline=baseline,
                errors=[
                    Diagnostic(
                        file=summary.source,
                        path="organisation.code",
                        message=f"organisation {summary.code} ({summary.organisation}) has more "
                        f"than one submission for {summary.period}: also in {others}",
                        hint="keep one submission per organisation and period; none of them "
                        "was graded",
                    ),
                ],
            )
        )
    return unique, invalid


def _name(s: OrganisationSummary) -> tuple[str, str, str]:
    return s.organisation.casefold(), s.code, s.source


def _by_score(
    summaries: list[OrganisationSummary],
) -> tuple[list[OrganisationSummary], list[int | None]]:
    """Order by mean score, highest first; those without one last, unranked."""
    scored = sorted(
        (s for s in summaries if s.score is not None), key=lambda s: (-(s.score or 0.0), *_name(s))
    )
    unscored = sorted((s for s in summaries if s.score is None), key=_name)
    ranks: list[int | None] = list(competition_ranks([s.score for s in scored]))
    return scored + unscored, ranks + [None] * len(unscored)


def _hsj_key(s: OrganisationSummary) -> tuple[int, int, int]:
    """Governance rated first, then more governance points, then a higher competency total."""
    rated = s.governance_points is not None
    return (0 if rated else 1, -(s.governance_points or 0), -(s.competency_total or 0))


def _by_governance(
    summaries: list[OrganisationSummary],
) -> tuple[list[OrganisationSummary], list[int | None]]:
    """Order governance first (HSJ): points, then competency total; none assessed last."""
    graded = sorted(
        (s for s in summaries if s.competency_total is not None),
        key=lambda s: (*_hsj_key(s), *_name(s)),
    )
    ungraded = sorted((s for s in summaries if s.competency_total is None), key=_name)
    ranks: list[int | None] = list(competition_ranks([_hsj_key(s) for s in graded]))
    return graded + ungraded, ranks + [None] * len(ungraded)


def _league(summaries: list[OrganisationSummary], rank_by: RankBy) -> list[LeagueEntry]:
    """Return the league table in the chosen order, each row with both ranks."""
    by_score, score_ranks = _by_score(summaries)
    by_governance, governance_ranks = _by_governance(summaries)
    score_rank = {id(s): rank for s, rank in zip(by_score, score_ranks, strict=True)}
    governance_rank = {id(s): rank for s, rank in zip(by_governance, governance_ranks, strict=True)}
    chosen = by_governance if rank_by is RankBy.GOVERNANCE_FIRST else by_score
    ranks = governance_rank if rank_by is RankBy.GOVERNANCE_FIRST else score_rank
    return [
        LeagueEntry(
            **summary.model_dump(),
            rank=ranks[id(summary)],
            score_rank=score_rank[id(summary)],
            governance_rank=governance_rank[id(summary)],
        )
        for summary in chosen
    ]


def _domains(
    framework: Framework, summaries: list[OrganisationSummary]
) -> list[DomainDistribution]:
    levels: dict[str, list[int]] = defaultdict(list)
    scores: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, list[DomainStatus]] = defaultdict(list)
    for summary in summaries:
        for graded in summary.domains:
            statuses[graded.id].append(graded.status)
            if graded.level is not None:
                levels[graded.id].append(graded.level)
            if graded.score is not None:
                scores[graded.id].append(graded.score)
    distributions = []
    for domain in framework.domains:
        at = levels[domain.id]
        counts = [
            LevelCount(level=step.level, label=step.label, count=at.count(step.level))
            for step in framework.scale
        ]
        distributions.append(
            DomainDistribution(
                id=domain.id,
                title=domain.title,
                counts=counts,
                assessed=len(at),
                not_assessed=len(summaries) - len(at),
                mean_level=mean(at),
                median_level=median(at),
                mean_score=mean(scores[domain.id]),
                median_score=median(scores[domain.id]),
                met=statuses[domain.id].count(DomainStatus.MET),
                below=statuses[domain.id].count(DomainStatus.BELOW),
                not_evidenced=statuses[domain.id].count(DomainStatus.NOT_EVIDENCED),
            )
        )
    return distributions


def _overall(framework: Framework, league: list[LeagueEntry]) -> OverallDistribution:
    scores = [entry.score for entry in league if entry.score is not None]
    percents = [entry.percent for entry in league if entry.percent is not None]
    bands = [entry.band for entry in league if entry.band is not None]
    return OverallDistribution(
        graded=len(scores),
        mean_score=mean(scores),
        median_score=median(scores),
        mean_percent=mean(percents),
        bands=[
            BandCount(label=band.label, when=band.when, count=bands.count(band.label))
            for band in framework.scoring.bands
        ],
    )


def _extremes(domains: list[DomainDistribution]) -> tuple[list[str], list[str]]:
    means = [(d.mean_score, d.id) for d in domains if d.mean_score is not None]
    if not means:
        return [], []
    low = min(value for value, _ in means)
    high = max(value for value, _ in means)
    return ([i for value, i in means if value == low], [i for value, i in means if value == high])


def _ref(summary: OrganisationSummary) -> OrganisationRef:
    return OrganisationRef(
        organisation=summary.organisation,
        code=summary.code,
        period=summary.period,
        source=summary.source,
    )


def _improvement(entry: LeagueEntry, before: OrganisationSummary) -> Improvement:
    """Return how one organisation moved since its baseline entry (unranked)."""
    change = None
    if entry.score is not None and before.score is not None:
        change = round_half_up(
            Fraction(_hundredths(entry.score) - _hundredths(before.score), 100), 2
        )
    old_levels = {d.id: d.level for d in before.domains}
    pairs = [
        (old, d.level)
        for d in entry.domains
        if (old := old_levels.get(d.id)) is not None and d.level is not None
    ]
    return Improvement(
        rank=None,
        organisation=entry.organisation,
        code=entry.code,
        period=entry.period,
        baseline_period=before.period,
        score=entry.score,
        baseline_score=before.score,
        change=change,
        band=entry.band,
        baseline_band=before.band,
        domains_up=sum(new > old for old, new in pairs),
        domains_down=sum(new < old for old, new in pairs),
        basis=entry.basis,
        baseline_basis=before.basis,
    )


def _ranked(rows: list[Improvement]) -> list[Improvement]:
    """Rank by the change in overall score, largest rise first; those without one last."""
    ranked = sorted(
        (r for r in rows if r.change is not None),
        key=lambda r: (-(r.change or 0.0), r.organisation.casefold(), r.code),
    )
    ranks = competition_ranks([r.change for r in ranked])
    ranking = [r.model_copy(update={"rank": rank}) for r, rank in zip(ranked, ranks, strict=True)]
    return ranking + sorted(
        (r for r in rows if r.change is None), key=lambda r: (r.organisation.casefold(), r.code)
    )


def _compare(league: list[LeagueEntry], baseline: list[OrganisationSummary]) -> BaselineComparison:
    by_code: dict[str, list[OrganisationSummary]] = defaultdict(list)
    for summary in baseline:
        by_code[_code_key(summary.code)].append(summary)
    rows: list[Improvement] = []
    new: list[OrganisationRef] = []
    matched_codes: set[str] = set()
    for entry in league:
        candidates = [b for b in by_code.get(_code_key(entry.code), []) if b.period != entry.period]
        if not candidates:
            new.append(_ref(entry))
            continue
        matched_codes.add(_code_key(entry.code))
        rows.append(_improvement(entry, max(candidates, key=lambda b: (b.period, b.source))))
    missing = sorted(
        (_ref(s) for s in baseline if _code_key(s.code) not in matched_codes),
        key=lambda ref: (ref.organisation.casefold(), ref.code, ref.period),
    )
    return BaselineComparison(
        periods=sorted({s.period for s in baseline}),
        matched=len(rows),
        ranking=_ranked(rows),
        new=new,
        missing=missing,
    )


def _governance(framework: Framework, league: list[LeagueEntry]) -> GovernanceDistribution | None:
    """Count each area's ratings, and the organisations green (or red) in every area."""
    rated = [entry.governance for entry in league if entry.governance is not None]
    if framework.governance is None or not rated:
        return None
    areas = framework.governance.areas
    counts = [
        GovernanceAreaCount(
            id=area.id,
            title=area.title,
            green=sum(ratings.get(area.id) is Rag.GREEN for ratings in rated),
            amber=sum(ratings.get(area.id) is Rag.AMBER for ratings in rated),
            red=sum(ratings.get(area.id) is Rag.RED for ratings in rated),
            not_assessed=sum(ratings.get(area.id) is None for ratings in rated),
        )
        for area in areas
    ]
    return GovernanceDistribution(
        organisations=len(rated),
        without=len(league) - len(rated),
        areas=counts,
        all_green=sum(all(r.get(a.id) is Rag.GREEN for a in areas) for r in rated),
        all_red=sum(all(r.get(a.id) is Rag.RED for a in areas) for r in rated),
    )


def _basis_warnings(comparison: BaselineComparison) -> list[str]:
    """Warn of each organisation whose two years were graded on different bases."""
    return [
        f"{row.organisation} ({row.code}): {row.baseline_period} was "
        f"{row.baseline_basis.words}, {row.period} {row.basis.words}; part of its change is "
        "the change of basis"
        for row in comparison.ranking
        if row.basis and row.baseline_basis and row.basis != row.baseline_basis
    ]


def _mixed_bases(league: list[LeagueEntry]) -> list[str]:
    """Warn when the cohort's organisations were graded on different bases."""
    counts = {basis: sum(e.basis is basis for e in league) for basis in Basis}
    present = {basis: count for basis, count in counts.items() if count}
    if len(present) < 2:
        return []
    listed = ", ".join(f"{count} {basis.words}" for basis, count in present.items())
    return [
        f"the cohort mixes bases ({listed}): its league and statistics compare unlike with unlike"
    ]


def _cohort_warnings(
    framework: Framework,
    periods: list[str],
    league: list[LeagueEntry],
    comparison: BaselineComparison | None,
    base: list[OrganisationSummary] | None,
) -> list[str]:
    """Warn of what mixes unlike with unlike: periods, framework versions, bases."""
    warnings: list[str] = []
    if len(periods) > 1:
        warnings.append(
            f"the cohort spans {len(periods)} periods ({', '.join(periods)}); "
            "its statistics mix them"
        )
    if comparison is not None and base is not None:
        versions = sorted({s.framework for s in base} - {framework.ref})
        if versions:
            warnings.append(
                f"the baseline was graded against {', '.join(versions)}; the cohort "
                f"against {framework.ref}"
            )
        warnings += _basis_warnings(comparison)
    return warnings + _mixed_bases(league)


def _gates(league: list[LeagueEntry]) -> GateCounts:
    """Count the organisations that passed, failed or had no gate."""
    gates = [entry.gate for entry in league]
    return GateCounts(
        passed=gates.count(GateStatus.PASSED),
        failed=gates.count(GateStatus.FAILED),
        none=gates.count(GateStatus.NONE),
    )


def _plans(league: list[LeagueEntry]) -> PlanCounts | None:
    """Count the development plans across the cohort; None when no organisation has one."""
    overdue = [entry.actions_overdue for entry in league if entry.actions_overdue is not None]
    if not overdue:
        return None
    return PlanCounts(
        organisations=len(overdue),
        without=len(league) - len(overdue),
        overdue=sum(overdue),
        with_overdue=sum(count > 0 for count in overdue),
        with_unplanned_gaps=sum(entry.gaps_without_action > 0 for entry in league),
    )


def build_cohort(
    outcomes: Iterable[Outcome],
    framework: Framework,
    options: CohortOptions,
    baseline: Iterable[Outcome] | None = None,
) -> CohortResult:
    """Build the cohort report's data from every file's outcome, in the files' order.

    ``outcomes`` are results (or their summaries) graded against ``framework`` and the
    problems of files that could not be graded; ``baseline`` likewise for last year's
    cohort. See the module docstring for the rules.
    """
    why = options.framework_choice
    summaries, invalid = _split(outcomes, framework.ref, baseline=False, why=why)
    invalid.sort(key=lambda item: item.file)
    files = len(summaries) + len(invalid)
    league = _league(summaries, options.rank_by)
    domains = _domains(framework, summaries)
    weakest, strongest = _extremes(domains)
    periods = sorted({s.period for s in summaries})
    comparison, base = None, None
    if baseline is not None:
        base, base_invalid = _split(baseline, framework.ref, baseline=True)
        invalid += sorted(base_invalid, key=lambda item: item.file)
        comparison = _compare(league, base)
    warnings = _cohort_warnings(framework, periods, league, comparison, base)
    return CohortResult(
        tool=f"wcc-assess {__version__}",
        generated_at=options.generated_at,
        framework=framework_info(framework),
        periods=periods,
        target=options.target,
        rank_by=options.rank_by,
        files=files,
        graded=len(league),
        league=league,
        overall=_overall(framework, league),
        domains=domains,
        weakest_domains=weakest,
        strongest_domains=strongest,
        gates=_gates(league),
        governance=_governance(framework, league),
        actions=_plans(league),
        invalid=invalid,
        baseline=comparison,
        warnings=warnings,
    )
