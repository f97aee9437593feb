"""Wording shared by the cohort renderers (formatting only, no sums).

The figures are worded by :mod:`wcc_assess.render._words`; this module says what a cohort
report says about them.
"""

from __future__ import annotations

from collections.abc import Callable

from wcc_assess.models.cohort import (
    CohortResult,
    DomainDistribution,
    Improvement,
    InvalidSubmission,
    LeagueEntry,
)
from wcc_assess.models.result import GateStatus
from wcc_assess.render._words import DASH, fixed, gate_text, plural
from wcc_assess.render._words import signed as signed_figure

__all__ = [
    "DASH",
    "comings_and_goings",
    "domain_cells",
    "domain_titles",
    "facts",
    "gate_text",
    "improvement_cells",
    "governance_text",
    "invalid_lines",
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
    bands = ", ".join(f"{band.label} {band.count}" for band in overall.bands)
    gates = cohort.gates
    rows = [
        ("Framework", f"{framework.title} ({framework.id} {framework.version})"),
        ("Period" if len(cohort.periods) == 1 else "Periods", ", ".join(cohort.periods) or DASH),
        ("Files", files),
        ("Targets", targets),
        (
            "Overall score",
            f"mean {number(overall.mean_score)}, median "
            f"{number(overall.median_score)} (mean "
            f"{number(overall.mean_percent, 1)}%)",
        ),
        ("Bands", bands),
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
    ]


def improvement_cells(row: Improvement, text: Callable[[str], str] = str) -> list[str]:
    """Return an improvement row: rank, organisation, scores before and now, change, bands."""
    band = text(row.band) if row.band else DASH
    if row.baseline_band != row.band:
        band = f"{text(row.baseline_band) if row.baseline_band else DASH} → {band}"
    return [
        str(row.rank) if row.rank is not None else DASH,
        text(row.organisation),
        text(row.code),
        number(row.baseline_score),
        number(row.score),
        signed(row.change),
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
