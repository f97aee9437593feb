"""``wcc frameworks``: list and show the built-in frameworks."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from wcc_assess.cli._app import guarded

if TYPE_CHECKING:
    from wcc_assess.models.framework import Framework

__all__ = ["app"]

app = typer.Typer(help="List and show the built-in frameworks.", no_args_is_help=True)


@app.command("list")
@guarded
def list_frameworks() -> None:
    """List the built-in frameworks: id, version, size and title."""
    from wcc_assess.frameworks import builtin_ids, resolve_framework

    rows = []
    for framework_id in builtin_ids():
        framework = resolve_framework(framework_id)
        indicators = sum(len(d.indicators) for d in framework.domains)
        rows.append((framework.id, framework.version, f"{len(framework.domains)} domains",
                     f"{indicators} indicators", framework.title))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[4]]))


@app.command("show")
@guarded
def show(
    framework_id: Annotated[str, typer.Argument(
        metavar="ID", help="A built-in framework id (see `wcc frameworks list`) or a file.")],
) -> None:
    """Show a framework: its scale, scoring rules, domains, indicators and descriptors."""
    from wcc_assess.frameworks import resolve_framework

    framework = resolve_framework(framework_id)
    out: list[str] = [f"{framework.title} ({framework.ref})", f"Publisher: {framework.publisher}",
                      "", "Source:"]
    out += textwrap.wrap(framework.source, 88, initial_indent="  ", subsequent_indent="  ")
    out += ["", "Scale:"]
    out += [f"  {s.level} {s.label}: {s.meaning}" for s in framework.scale]
    scoring = framework.scoring
    out += ["", f"Domain method: {scoring.method.value}", "Evidence rules:"]
    for rule in scoring.evidence.rules:
        text = f"  level {rule.level}+: at least {rule.min_items} item(s)"
        if rule.min_recent:
            text += (f", {rule.min_recent} dated within {scoring.evidence.recent_months} "
                     "months before the assessment")
        out.append(text)
    out.append("Bands: " + "; ".join(f"{b.label} from {b.min_percent:g}%" for b in scoring.bands))
    target = scoring.default_target
    out.append(f"Default target: {target if target is not None else 'none'}")
    for domain in framework.domains:
        out += ["", f"{domain.id} {domain.title}"]
        out += textwrap.wrap(domain.statement, 88, initial_indent="  ", subsequent_indent="  ")
        for indicator in domain.indicators:
            out.append(f"  {indicator.id} {indicator.title}")
            for level in framework.levels:
                out += textwrap.wrap(f"{level}: {indicator.descriptors[level]}", 88,
                                     initial_indent="      ", subsequent_indent="         ")
    out += _assurance_lines(framework)
    typer.echo("\n".join(out))


def _assurance_lines(framework: Framework) -> list[str]:
    """Describe the framework's governance areas and outcome rules, when it has them."""
    out: list[str] = []
    if framework.governance is not None:
        points = framework.governance.points
        out += ["", "Governance:"]
        out += textwrap.wrap(f"Each sub-indicator is rated red ({points.red} points), amber "
                             f"({points.amber}) or green ({points.green}). An area is red if "
                             "any sub-indicator is red, green if all are green, and amber "
                             "otherwise.", 88, initial_indent="  ", subsequent_indent="  ")
        for area in framework.governance.areas:
            out += ["", f"{area.id} {area.title}"]
            out += textwrap.wrap(area.statement, 88, initial_indent="  ",
                                 subsequent_indent="  ")
            for item in area.sub_indicators:
                out.append(f"  {item.id} {item.title}")
                for rating in ("green", "amber", "red"):
                    text = getattr(item.descriptors, rating)
                    out += textwrap.wrap(f"{rating}: {text}", 88, initial_indent="      ",
                                         subsequent_indent="        ",
                                         break_on_hyphens=False)
    rules = framework.outcomes
    if rules is not None:
        out += ["", "Outcome measures:"]
        if rules.recommended_count is not None:
            out.append(f"  recommended: {rules.recommended_count} measures")
        for measure in rules.required:
            better = f", better {measure.better.value}" if measure.better else ""
            out.append(f"  required: {measure.id} ({measure.name}{better})")
    return out
