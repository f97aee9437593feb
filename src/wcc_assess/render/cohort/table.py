"""The terminal cohort report (rich): summary, league table, domains, improvement, problems."""

from __future__ import annotations

from rich.console import Console, JustifyMethod
from rich.text import Text

from wcc_assess.models.cohort import CohortResult
from wcc_assess.models.result import GateStatus
from wcc_assess.render._console import StringConsole, table
from wcc_assess.render.cohort import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]

_GATE_STYLE = {GateStatus.PASSED: "green", GateStatus.FAILED: "bold red", GateStatus.NONE: "dim"}


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def _league(console: Console, cohort: CohortResult) -> None:
    columns = common.league_columns(cohort)
    league = table(*((c.header, "right" if c.align == "r" else "left") for c in columns))
    for entry in cohort.league:
        cells: list[str | Text] = [
            Text(column.cell(entry), style=_GATE_STYLE[entry.gate])
            if column.key == "gate"
            else column.cell(entry)
            for column in columns
        ]
        league.add_row(*cells)
    console.print(league)
    console.print(Text(common.league_order(cohort)))


def _domains(console: Console, cohort: CohortResult) -> None:
    scale = cohort.framework.scale
    columns: list[tuple[str, JustifyMethod]] = [("Id", "left"), ("Domain", "left")]
    columns += [(f"L{step.level}", "right") for step in scale]
    columns += [
        ("n/a", "right"),
        ("Level\nmean", "right"),
        ("Level\nmedian", "right"),
        ("Score\nmean", "right"),
        ("Score\nmedian", "right"),
        ("Met", "right"),
        ("Below", "right"),
        ("N/E", "right"),
    ]
    domains = table(*columns)
    for domain in cohort.domains:
        domains.add_row(*common.domain_cells(cohort, domain))
    console.print(domains)
    console.print(
        Text(
            f"Organisations per level ({common.level_legend(cohort)}); n/a = not assessed; "
            "N/E = not evidenced (a target, but not assessed)."
        )
    )


def _improvement(console: Console, cohort: CohortResult) -> None:
    base = cohort.baseline
    if base is None:
        return
    _heading(console, f"Improvement since {', '.join(base.periods) or 'the baseline'}")
    ranking = table(
        ("Rank", "right"),
        ("Organisation", "left"),
        ("Code", "left"),
        ("Before", "right"),
        ("Now", "right"),
        ("Change", "right"),
        ("Band", "left"),
        ("Domains up", "right"),
        ("Domains down", "right"),
    )
    for row in base.ranking:
        ranking.add_row(*common.improvement_cells(row))
    console.print(ranking)
    for sentence in common.comings_and_goings(cohort):
        console.print(Text(sentence))


def _governance(console: Console, cohort: CohortResult) -> None:
    gov = cohort.governance
    if gov is None:
        return
    _heading(console, "Governance across the cohort")
    areas = table(
        ("Area", "left"),
        ("Green", "right"),
        ("Amber", "right"),
        ("Red", "right"),
        ("Not assessed", "right"),
    )
    for area in gov.areas:
        areas.add_row(
            area.title,
            str(area.green),
            str(area.amber),
            str(area.red),
            str(area.not_assessed),
        )
    console.print(areas)
    console.print(Text(common.governance_text(cohort) + "."))


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort report as terminal tables (ANSI colours only if ``options.color``)."""
    console = StringConsole(options)
    console.print(Text(f"Cohort: {cohort.framework.title}", style="bold"))
    for label, text in common.facts(cohort):
        line = Text(f"{label}: ", style="bold")
        line.append(text)
        console.print(line)
    _heading(console, "League table")
    _league(console, cohort)
    _heading(console, "Domains across the cohort")
    _domains(console, cohort)
    _governance(console, cohort)
    _improvement(console, cohort)
    if cohort.invalid:
        _heading(
            console,
            f"Not graded ({len(cohort.invalid)} file{'s' if len(cohort.invalid) != 1 else ''})",
        )
        for item in cohort.invalid:
            what = "baseline file" if item.baseline else "file"
            console.print(
                Text(
                    f"{item.file} ({what}, {len(item.errors)} problem"
                    f"{'s' if len(item.errors) != 1 else ''})",
                    style="bold red",
                )
            )
            for problem in common.invalid_lines(item):
                console.print(Text(f"  {problem}"))
    warnings = cohort.warnings + common.organisation_warnings(cohort)
    if warnings:
        _heading(console, "Warnings")
        for warning in warnings:
            console.print(Text(f"warning: {warning}", style="yellow"))
    return console.text()
