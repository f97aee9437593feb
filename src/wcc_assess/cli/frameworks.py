"""``wcc frameworks``: list, show and check frameworks."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wcc_assess.cli._app import WccTyper, guarded
from wcc_assess.cli.validate import ValidateFormat, github_annotation
from wcc_assess.errors import ExitCode

if TYPE_CHECKING:
    from wcc_assess.models.framework import Framework

__all__ = ["app"]

app = WccTyper(help="List, show and check frameworks.", no_args_is_help=True)


@app.command("list")
@guarded
def list_frameworks() -> None:
    """List the built-in frameworks: id, version, size and title."""
    from wcc_assess.frameworks import builtin_ids, resolve_framework

    rows = []
    for framework_id in builtin_ids():
        framework = resolve_framework(framework_id)
        indicators = sum(len(d.indicators) for d in framework.domains)
        rows.append(
            (
                framework.id,
                framework.version,
                f"{len(framework.domains)} domains",
                f"{indicators} indicators",
                framework.title,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[4]]))


@app.command("show")
@guarded
def show(
    framework_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A built-in framework id (see `wcc frameworks list`) or a file."
        ),
    ],
) -> None:
    """Show a framework: its scale, scoring rules, domains, indicators and descriptors."""
    from wcc_assess.frameworks import resolve_framework

    framework = resolve_framework(framework_id)
    out: list[str] = [
        f"{framework.title} ({framework.ref})",
        f"Publisher: {framework.publisher}",
        "",
        "Source:",
    ]
    out += textwrap.wrap(framework.source, 88, initial_indent="  ", subsequent_indent="  ")
    out += ["", "Scale:"]
    out += [f"  {s.level} {s.label}: {s.meaning}" for s in framework.scale]
    scoring = framework.scoring
    out += ["", f"Domain method: {scoring.method.value}", "Evidence rules:"]
    if not scoring.evidence.rules:
        out.append("  none: every claim counts as made")
    for rule in scoring.evidence.rules:
        text = f"  level {rule.level}+: at least {rule.min_items} item(s)"
        if rule.min_recent:
            text += (
                f", {rule.min_recent} dated within {scoring.evidence.recent_months} "
                "months before the assessment"
            )
        out.append(text)
    out.append("Bands: " + "; ".join(f"{b.label} from {b.min_percent:g}%" for b in scoring.bands))
    target = scoring.default_target
    out.append(f"Default target: {target if target is not None else 'none'}")
    for domain in framework.domains:
        phase = f"  [{domain.phase}]" if domain.phase else ""
        out += ["", f"{domain.id} {domain.title}{phase}"]
        out += textwrap.wrap(domain.statement, 88, initial_indent="  ", subsequent_indent="  ")
        for indicator in domain.indicators:
            out.append(f"  {indicator.id} {indicator.title}")
            for level in framework.levels:
                out += textwrap.wrap(
                    f"{level}: {indicator.descriptors[level]}",
                    88,
                    initial_indent="      ",
                    subsequent_indent="         ",
                )
    out += _assurance_lines(framework)
    typer.echo("\n".join(out))


def _assurance_lines(framework: Framework) -> list[str]:
    """Describe the framework's governance areas and outcome rules, when it has them."""
    out: list[str] = []
    if framework.governance is not None:
        points = framework.governance.points
        out += ["", "Governance:"]
        out += textwrap.wrap(
            f"Each sub-indicator is rated red ({points.red} points), amber "
            f"({points.amber}) or green ({points.green}). An area is red if "
            "any sub-indicator is red, green if all are green, and amber "
            "otherwise.",
            88,
            initial_indent="  ",
            subsequent_indent="  ",
        )
        for area in framework.governance.areas:
            out += ["", f"{area.id} {area.title}"]
            out += textwrap.wrap(area.statement, 88, initial_indent="  ", subsequent_indent="  ")
            for item in area.sub_indicators:
                out.append(f"  {item.id} {item.title}")
                for rating in ("green", "amber", "red"):
                    text = getattr(item.descriptors, rating)
                    out += textwrap.wrap(
                        f"{rating}: {text}",
                        88,
                        initial_indent="      ",
                        subsequent_indent="        ",
                        break_on_hyphens=False,
                    )
    rules = framework.outcomes
    if rules is not None:
        out += ["", "Outcome measures:"]
        if rules.recommended_count is not None:
            out.append(f"  recommended: {rules.recommended_count} measures")
        for measure in rules.required:
            better = f", better {measure.better.value}" if measure.better else ""
            out.append(f"  required: {measure.id} ({measure.name}{better})")
    return out


@app.command(
    "check", epilog="Exit codes: 0 no errors (warnings may be printed); 2 a file has errors."
)
@guarded
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Framework YAML files to check (- for stdin).", show_default=False
        ),
    ],
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for tools, github for Actions annotations.",
        ),
    ] = ValidateFormat.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 2 if there are any).")
    ] = False,
) -> None:
    """Check framework files: schema, ids, descriptors, weights, evidence rules and bands.

    Errors (the framework cannot be used) and warnings (it can, but something
    looks unintended) are printed as file:line:column, like a submission's.
    """
    from wcc_assess.loading import check_framework

    report: list[dict[str, Any]] = []
    lines: list[str] = []
    failed = 0
    for path in files:
        result = check_framework(path)
        errors, warnings = result.errors, result.warnings
        failed += bool(errors) or (strict and bool(warnings))
        summary = ""
        if result.framework is not None:
            framework = result.framework
            indicators = sum(len(d.indicators) for d in framework.domains)
            summary = (
                f"framework {framework.ref}: {len(framework.domains)} domains, "
                f"{indicators} indicators"
            )
        report.append(
            {
                "file": str(path),
                "valid": not errors,
                "summary": summary,
                "errors": len(errors),
                "warnings": len(warnings),
                "diagnostics": [asdict(d) for d in result.diagnostics],
            }
        )
        if output_format is ValidateFormat.GITHUB:
            lines.extend(github_annotation(d, "wcc frameworks check") for d in result.diagnostics)
        elif output_format is ValidateFormat.TEXT:
            lines.extend(d.format() for d in result.diagnostics)
            counts = _counts(len(errors), len(warnings))
            lines.append(
                f"{path}: invalid ({counts})"
                if errors
                else f"{path}: ok, {summary}" + (f" ({counts})" if warnings else "")
            )
    if output_format is ValidateFormat.JSON:
        typer.echo(json.dumps(report, indent=2))
    elif lines:
        typer.echo("\n".join(lines))
    if failed:
        raise typer.Exit(int(ExitCode.INVALID))


def _counts(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)
