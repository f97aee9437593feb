"""Wording shared by the cohort renderers (formatting only, no sums).

The figures are worded by :mod:`wcc_assess.render._words`; this module says what a cohort
report says about them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

from wcc_assess.models.cohort import (
    CohortResult,
    DomainDistribution,
    Improvement,
    InvalidSubmission,
    LeagueEntry,
    RankBy,
)
from wcc_assess.models.result import Basis, GateStatus
from wcc_assess.render._words import (
    DASH,
    band_rule_text,
    capitalised,
    fixed,
    gate_text,
    plural,
    profile_short,
)
from wcc_assess.render._words import signed as signed_figure

__all__ = [
    "DASH",
    "LeagueColumn",
    "comings_and_goings",
    "domain_cells",
    "domain_titles",
    "facts",
    "gate_text",
    "improvement_cells",
    "governance_text",
    "invalid_lines",
    "league_columns",
    "league_order",
    "level_legend",
    "marks",
    "met_below",
    "multi_period",
    "number",
    "organisation_warnings",
    "overdue_cell",
    "plans_text",
    "signed",
]


def number(value: float | None, places: int = 2) -> str:
    """Format a score, mean or percent with fixed decimals; a dash for None."""
    return fixed(value, places, DASH)


def signed(value: float | None) -> str:
    """Format a change with its sign: +0.25, -0.10, 0.00; a dash for None."""
    return signed_figure(value, 2)


def met_below(entry: LeagueEntry) -> tuple[str, str]:
    """Domains met and below target, or dashes when no target was in force."""
    if entry.gate is GateStatus.NONE:
        return DASH, DASH
    return str(entry.domains_met), str(entry.domains_below)


class LeagueColumn(NamedTuple):
    """A column of the league table: its header, alignment, key and how a row fills it."""

    header: str
    align: Literal["l", "r"]
    key: str
    """What the column is (``rank``, ``organisation``, ``gate`` …): HTML marks some up."""
    cell: Callable[[LeagueEntry], str]


def _rank(value: int | None) -> str:
    return str(value) if value is not None else DASH


_BASIS_SHORT = {
    Basis.SELF_ASSESSED: "self",
    Basis.PANEL_INDICATORS: "panel (indicators)",
    Basis.PANEL_DOMAINS: "panel (domains)",
}


def _optional_columns(cohort: CohortResult) -> tuple[list[LeagueColumn], list[LeagueColumn]]:
    """Columns shown only when they say something: governance, not evidenced, basis."""
    governed: list[LeagueColumn] = []
    if cohort.governance is not None:
        total = f"{capitalised(cohort.framework.terms.domain)} total"
        governed = [
            LeagueColumn(
                "Governance points", "r", "governance", lambda e: _rank(e.governance_points)
            ),
            LeagueColumn(total, "r", "total", lambda e: _rank(e.competency_total)),
        ]
    later: list[LeagueColumn] = []
    if any(entry.domains_not_evidenced for entry in cohort.league):
        later.append(
            LeagueColumn("Not evidenced", "r", "missing", lambda e: str(e.domains_not_evidenced))
        )
    if any(entry.basis not in (None, Basis.SELF_ASSESSED) for entry in cohort.league):
        later.append(
            LeagueColumn(
                "Basis", "l", "basis", lambda e: _BASIS_SHORT[e.basis] if e.basis else DASH
            )
        )
    return governed, later


def league_columns(cohort: CohortResult) -> list[LeagueColumn]:
    """Return the league table's columns, in order, for every cohort report but CSV.

    The rank of the chosen order comes first; with governance rated, the governance points
    and competency total follow the organisation, and the other order's rank comes last.
    The band (or, without bands, the profile of levels) is shown, never a composite the
    framework does not have.
    """
    hsj = cohort.rank_by is RankBy.GOVERNANCE_FIRST
    governed, later = _optional_columns(cohort)
    columns = [
        LeagueColumn("HSJ rank" if hsj else "Rank", "r", "rank", lambda e: _rank(e.rank)),
        LeagueColumn("Organisation", "l", "organisation", lambda e: e.organisation),
        LeagueColumn("Code", "l", "code", lambda e: e.code),
    ]
    if multi_period(cohort):
        columns.append(LeagueColumn("Period", "l", "period", lambda e: e.period))
    if cohort.framework.bands:
        columns.append(LeagueColumn("Band", "l", "band", lambda e: e.band or DASH))
    else:
        columns.append(LeagueColumn("Levels", "l", "profile", _profile))
    columns += governed
    columns += [
        LeagueColumn("Mean score", "r", "score", lambda e: number(e.score)),
        LeagueColumn("%", "r", "percent", lambda e: number(e.percent, 1)),
        LeagueColumn("Met", "r", "met", lambda e: met_below(e)[0]),
        LeagueColumn("Below", "r", "below", lambda e: met_below(e)[1]),
        *later,
        LeagueColumn("Capped", "r", "capped", lambda e: str(e.capped)),
        LeagueColumn("Gate", "l", "gate", lambda e: gate_text(e.gate)),
    ]
    if cohort.actions is not None:
        columns.append(LeagueColumn("Overdue actions", "r", "overdue", overdue_cell))
    if cohort.governance is not None:
        other = (
            ("Score rank", lambda e: _rank(e.score_rank))
            if hsj
            else ("HSJ rank", lambda e: _rank(e.governance_rank))
        )
        columns.append(LeagueColumn(other[0], "r", "other-rank", other[1]))
    return columns


def _profile(entry: LeagueEntry) -> str:
    return profile_short(entry.profile, len(entry.domains) - entry.domains_assessed)


def league_order(cohort: CohortResult) -> str:
    """Say how the league table is ordered (and which other ranking it shows)."""
    if cohort.rank_by is RankBy.GOVERNANCE_FIRST:
        return (
            "Governance first, as the Health Service Journal ranked WCC: the most governance "
            f"points, then the highest {cohort.framework.terms.domain} total (the sum of the "
            "levels); organisations that did not rate governance come after those that did. "
            "Equal places share a rank; the score rank is shown beside."
        )
    text = "Highest mean score first; equal scores share a rank."
    if cohort.governance is not None:
        text += " The HSJ rank (governance first, then the competency total) is shown beside."
    return text


def multi_period(cohort: CohortResult) -> bool:
    """Whether the cohort spans more than one period (then tables show the period)."""
    return len(cohort.periods) > 1


def domain_titles(cohort: CohortResult) -> dict[str, str]:
    """Domain id → title."""
    return {domain.id: domain.title for domain in cohort.domains}


def level_legend(cohort: CohortResult) -> str:
    """``1 Foundations, 2 Developing, ...``: what the level columns mean."""
    return ", ".join(f"{step.level} {step.label}" for step in cohort.framework.scale)


def _extreme_text(cohort: CohortResult, ids: list[str]) -> str:
    if not ids:
        return DASH
    by_id = {domain.id: domain for domain in cohort.domains}
    return "; ".join(
        f"{i} {by_id[i].title} (mean score {number(by_id[i].mean_score)})" for i in ids
    )


def facts(cohort: CohortResult) -> list[tuple[str, str]]:
    """Return the report's summary as (label, text) pairs, in reading order."""
    framework = cohort.framework
    own_invalid = sum(not item.baseline for item in cohort.invalid)
    files = (
        f"{cohort.files} submission file{'s' if cohort.files != 1 else ''}: "
        f"{cohort.graded} graded, {own_invalid} not graded"
    )
    if cohort.target is not None:
        targets = f"level {cohort.target} for every domain (--target)"
    else:
        targets = "as each submission (or else the framework) sets them"
    overall = cohort.overall
    bands = "; ".join(
        f"{band.label} {band.count} ({band_rule_text(band.when, framework.scale, framework.terms)})"
        for band in overall.bands
    )
    gates = cohort.gates
    rows = [
        ("Framework", f"{framework.title} ({framework.id} {framework.version})"),
        ("Period" if len(cohort.periods) == 1 else "Periods", ", ".join(cohort.periods) or DASH),
        ("Files", files),
        ("Targets", targets),
        (
            "Mean score",
            f"mean {number(overall.mean_score)}, median "
            f"{number(overall.median_score)} (mean "
            f"{number(overall.mean_percent, 1)}%); a secondary figure",
        ),
        *([("Bands", bands)] if overall.bands else []),
        (
            "Weakest domain" if len(cohort.weakest_domains) < 2 else "Weakest domains",
            _extreme_text(cohort, cohort.weakest_domains),
        ),
        (
            "Strongest domain" if len(cohort.strongest_domains) < 2 else "Strongest domains",
            _extreme_text(cohort, cohort.strongest_domains),
        ),
        ("Gates", f"{gates.passed} passed, {gates.failed} failed, {gates.none} without a target"),
    ]
    if cohort.governance is not None:
        rows.append(("Governance", governance_text(cohort)))
    if cohort.actions is not None:
        rows.append(("Development plans", plans_text(cohort)))
    if cohort.baseline is not None:
        base = cohort.baseline
        rows.append(
            (
                "Baseline",
                f"{', '.join(base.periods) or DASH}: {base.matched} matched by "
                f"code, {len(base.new)} new, {len(base.missing)} no longer "
                "present",
            )
        )
    rows.append(("Generated", f"{cohort.generated_at} by {cohort.tool}"))
    return rows


def overdue_cell(entry: LeagueEntry) -> str:
    """Return an organisation's overdue actions, or a dash when it lists no plan."""
    return DASH if entry.actions_overdue is None else str(entry.actions_overdue)


def plans_text(cohort: CohortResult) -> str:
    """Say in one sentence how the development plans stand across the cohort."""
    plans = cohort.actions
    if plans is None:
        return DASH
    some = plans.organisations
    text = (
        f"{plural(some, 'organisation')} list{'s' if some == 1 else ''} a plan; "
        f"{plural(plans.overdue, 'action')} overdue in all, at "
        f"{plural(plans.with_overdue, 'organisation')}"
    )
    if plans.with_unplanned_gaps:
        text += f"; {plans.with_unplanned_gaps} with a gap that no action covers"
    if plans.without:
        text += f"; {plans.without} list{'s' if plans.without == 1 else ''} no plan"
    return text


def governance_text(cohort: CohortResult) -> str:
    """One sentence on governance across the cohort: how many green (red) in every area."""
    gov = cohort.governance
    if gov is None:
        return DASH
    every = {1: "the one area", 2: "both areas", 3: "all three areas"}.get(
        len(gov.areas), f"all {len(gov.areas)} areas"
    )
    text = (
        f"{gov.organisations} organisation{'s' if gov.organisations != 1 else ''} rated "
        f"governance; {gov.all_green} green on {every}, {gov.all_red} red on {every}"
    )
    if gov.without:
        text += f"; {gov.without} did not rate governance"
    return text


def marks(cohort: CohortResult, domain: DomainDistribution) -> str:
    """Return `` (weakest)``, `` (strongest)``, both, or nothing, after a domain's name."""
    found = [
        word
        for word, ids in (
            ("weakest", cohort.weakest_domains),
            ("strongest", cohort.strongest_domains),
        )
        if domain.id in ids
    ]
    return f" ({', '.join(found)})" if found else ""


def domain_cells(
    cohort: CohortResult, domain: DomainDistribution, text: Callable[[str], str] = str
) -> list[str]:
    """Return a domain's row: id, title, organisations per level, means and medians, targets.

    ``text`` escapes what came from the framework (Markdown needs it).
    """
    return [
        text(domain.id),
        text(domain.title) + marks(cohort, domain),
        *[str(count.count) for count in domain.counts],
        str(domain.not_assessed),
        number(domain.mean_level),
        number(domain.median_level),
        number(domain.mean_score),
        number(domain.median_score),
        str(domain.met),
        str(domain.below),
        str(domain.not_evidenced),
    ]


def improvement_cells(row: Improvement, text: Callable[[str], str] = str) -> list[str]:
    """Return an improvement row: rank, organisation, scores before and now, change, bands.

    Where the two years were graded on different bases, the change says so.
    """
    band = text(row.band) if row.band else DASH
    if row.baseline_band != row.band:
        band = f"{text(row.baseline_band) if row.baseline_band else DASH} → {band}"
    change = signed(row.change)
    if row.basis and row.baseline_basis and row.basis != row.baseline_basis:
        change += (
            f" (basis changed: {_BASIS_SHORT[row.baseline_basis]} → {_BASIS_SHORT[row.basis]})"
        )
    return [
        str(row.rank) if row.rank is not None else DASH,
        text(row.organisation),
        text(row.code),
        number(row.baseline_score),
        number(row.score),
        change,
        band,
        str(row.domains_up),
        str(row.domains_down),
    ]


def comings_and_goings(cohort: CohortResult, text: Callable[[str], str] = str) -> list[str]:
    """Name the organisations new since the baseline, and those no longer in the cohort."""
    base = cohort.baseline
    if base is None:
        return []
    said = []
    for opening, refs in (
        ("Not in the baseline: ", base.new),
        ("In the baseline but not in this cohort: ", base.missing),
    ):
        if refs:
            said.append(
                opening + ", ".join(f"{text(r.organisation)} ({text(r.code)})" for r in refs)
            )
    return said


def invalid_lines(item: InvalidSubmission) -> list[str]:
    """One line per problem of a file that was not graded."""
    return [problem.format() for problem in item.errors]


def organisation_warnings(cohort: CohortResult) -> list[str]:
    """Warnings of graded organisations, each prefixed with its file."""
    return [f"{entry.source}: {warning}" for entry in cohort.league for warning in entry.warnings]
