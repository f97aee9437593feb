"""``wcc trend``: several periods of one organisation -> each domain over time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import ReportFiles, ReportOutput, err, generated_at, guarded, write_reports
from wcc_assess.render.trend import TrendFormat

__all__ = ["register"]

TREND_EXIT_CODES = "Exit codes: 0 the trend was written; 2 usage error or invalid input."


@guarded
def trend(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submissions (YAML) or results (`wcc assess --format json`) of one "
            "organisation, one per period, in any order.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        TrendFormat, typer.Option("--format", "-f", help="Report format.")
    ] = TrendFormat.TABLE,
    output: ReportOutput = None,
    report: ReportFiles = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            help="A framework id or file for the submissions (repeat it for "
            "several versions); each submission takes the one its `framework:` names, else the "
            "built-in one.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no warnings.")] = False,
) -> None:
    """Show each domain's level and score over several periods of one organisation."""
    from wcc_assess.assessments import load_assessment
    from wcc_assess.core.trend import build_trend
    from wcc_assess.errors import UsageError
    from wcc_assess.io.frameworks import resolve_framework
    from wcc_assess.render.trend import render_trend

    if sum(str(path) == "-" for path in files) > 1:
        raise UsageError("standard input (-) can be read only once")
    pool = [resolve_framework(spec) for spec in framework or []]
    stamp = generated_at()
    named = [
        (str(path), load_assessment(path, generated_at=stamp, frameworks=pool)) for path in files
    ]
    built = build_trend(named, generated_at=stamp)
    inputs: list[Path | str] = [*files, *(spec for spec in framework or [] if Path(spec).is_file())]
    write_reports(
        lambda fmt, options: render_trend(built, fmt, options),
        output_format,
        output,
        report,
        inputs,
    )
    if not quiet and output_format is not TrendFormat.TABLE:
        for warning in built.warnings:
            err(f"warning: {warning}")


def register(app: typer.Typer) -> None:
    """Add ``trend`` to the app."""
    app.command("trend", epilog=TREND_EXIT_CODES)(trend)
