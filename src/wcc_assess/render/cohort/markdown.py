"""GitHub-flavoured Markdown cohort report: fit for a wiki, an issue or a step summary."""

from __future__ import annotations

from collections.abc import Sequence

from wcc_assess.models.cohort import CohortResult
from wcc_assess.render._safety import escape_markdown as md
from wcc_assess.render.cohort import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def _table(header: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    """Return a GFM table; ``align`` has one letter per column: l(eft) or r(ight)."""
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _league(cohort: CohortResult) -> list[str]:
    columns = common.league_columns(cohort)
    rows = [[md(column.cell(entry)) for column in columns] for entry in cohort.league]
    return _table([c.header for c in columns], "".join(c.align for c in columns), rows)


def _domains(cohort: CohortResult) -> list[str]:
    scale = cohort.framework.scale
    header = [
        "Id",
        "Domain",
        *[f"Level {step.level}" for step in scale],
        "n/a",
        "Mean level",
        "Median level",
        "Mean score",
        "Median score",
        "Met",
        "Below",
        "Not evidenced",
    ]
    align = "ll" + "r" * (len(scale) + 8)
    rows = [common.domain_cells(cohort, domain, md) for domain in cohort.domains]
    return [
        f"Organisations at each level ({md(common.level_legend(cohort))}); n/a = not assessed.",
        "",
        *_table(header, align, rows),
    ]


def _improvement(cohort: CohortResult) -> list[str]:
    base = cohort.baseline
    if base is None:
        return []
    out = [
        "",
        f"## Improvement since {md(', '.join(base.periods) or 'the baseline')}",
        "",
        "Organisations matched by code, largest rise in overall score first.",
        "",
    ]
    rows = [common.improvement_cells(row, md) for row in base.ranking]
    out += _table(
        [
            "Rank",
            "Organisation",
            "Code",
            "Before",
            "Now",
            "Change",
            "Band",
            "Domains up",
            "Domains down",
        ],
        "rllrrrlrr",
        rows,
    )
    for sentence in common.comings_and_goings(cohort, md):
        out += ["", sentence + "."]
    return out


def _governance(cohort: CohortResult) -> list[str]:
    gov = cohort.governance
    if gov is None:
        return []
    rows = [
        [md(area.title), str(area.green), str(area.amber), str(area.red), str(area.not_assessed)]
        for area in gov.areas
    ]
    return [
        "",
        "## Governance across the cohort",
        "",
        f"{md(common.governance_text(cohort))}. Organisations per rating in each area:",
        "",
        *_table(["Area", "🟢 Green", "🟠 Amber", "🔴 Red", "Not assessed"], "lrrrr", rows),
    ]


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort report as GitHub-flavoured Markdown."""
    out = [f"# Cohort report: {md(cohort.framework.title)}", ""]
    out += [f"- **{label}:** {md(text)}" for label, text in common.facts(cohort)]
    out += [
        "",
        "## League table",
        "",
        md(common.league_order(cohort))
        + " Met and below count the domains at or below their targets (a dash: no target in "
        "force); a domain with a target that was not assessed is not evidenced, never met.",
        "",
    ]
    out += _league(cohort)
    out += ["", "## Domains across the cohort", ""]
    out += _domains(cohort)
    out += _governance(cohort)
    out += _improvement(cohort)
    if cohort.invalid:
        out += ["", f"## Not graded ({len(cohort.invalid)})", ""]
        for item in cohort.invalid:
            what = "baseline file" if item.baseline else "file"
            out.append(f"- {md(item.file)} ({what})")
            out += [f"  - {md(line)}" for line in common.invalid_lines(item)]
    warnings = cohort.warnings + common.organisation_warnings(cohort)
    if warnings:
        out += ["", "## Warnings", ""]
        out += [f"- {md(warning)}" for warning in warnings]
    return "\n".join(out) + "\n"
