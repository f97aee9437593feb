"""GitHub-flavoured Markdown cohort report: fit for a wiki, an issue or a step summary."""

from __future__ import annotations

from collections.abc import Sequence

from wcc_assess.models.cohort import CohortResult
from wcc_assess.render import _fit, _words
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
    """Return the domains as a table narrow enough for a comment: six columns."""
    scale = cohort.framework.scale
    levels = " · ".join(str(step.level) for step in scale)
    header = [
        "Domain",
        f"Organisations at level {levels}",
        "Not assessed",
        "Level: mean (median)",
        "Score: mean (median)",
        "Met · below · not evidenced",
    ]
    rows = []
    for domain in cohort.domains:
        cells = common.domain_cells(cohort, domain, md)
        counts = " · ".join(str(count.count) for count in domain.counts)
        rows.append(
            [
                f"{cells[0]} {cells[1]}",
                counts,
                str(domain.not_assessed),
                f"{common.number(domain.mean_level)} ({common.number(domain.median_level)})",
                f"{common.number(domain.mean_score)} ({common.number(domain.median_score)})",
                f"{domain.met} · {domain.below} · {domain.not_evidenced}",
            ]
        )
    return [
        f"Organisations at each level ({md(common.level_legend(cohort))}).",
        "",
        *_table(header, "llrrrr", rows),
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


def _folded(title: str, lines: list[str]) -> list[str]:
    """Return ``lines`` inside a ``<details>`` block whose summary is ``title``."""
    return ["", "<details>", f"<summary>{title}</summary>", "", *lines, "", "</details>"]


def _sections(cohort: CohortResult, *, folded: bool) -> str:
    """Return the report; ``folded`` puts the long tables last, inside ``<details>``."""
    out = [f"# Cohort report: {md(cohort.framework.title)}", ""]
    out += [f"- **{label}:** {md(text)}" for label, text in common.facts(cohort)]
    league = [
        md(common.league_order(cohort))
        + " Met and below count the domains at or below their targets (a dash: no target in "
        "force); a domain with a target that was not assessed is not evidenced, never met.",
        "",
        *_league(cohort),
    ]
    if not folded:
        out += ["", "## League table", "", *league]
    out += ["", "## Domains across the cohort", ""]
    out += _domains(cohort)
    out += _governance(cohort)
    if not folded:
        out += _improvement(cohort)
    out += _problems(cohort)
    if folded:
        count = len(cohort.league)
        out += ["", "## League table"]
        out += _folded(f"All {count} organisation{'s' if count != 1 else ''}", league)
        improvement = _improvement(cohort)
        if improvement:
            out += _folded(improvement[1].removeprefix("## "), improvement[3:])
    return "\n".join(out) + "\n"


def _problems(cohort: CohortResult) -> list[str]:
    out: list[str] = []
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
    return out


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort report as GitHub-flavoured Markdown, within ``--max-chars``.

    Past the limit the league table and the improvement ranking move after the statistics,
    folded into ``<details>``, and the report is cut where it must be.
    """
    limit = _fit.limit_of(options)
    return _fit.fit(
        lambda: _sections(cohort, folded=False),
        lambda: _sections(cohort, folded=True),
        limit,
        _words.cut_note(limit or 0, "wcc cohort PATH..."),
    )
