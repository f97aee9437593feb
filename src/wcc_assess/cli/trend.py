"""``wcc trend``: several periods of one organisation -> each domain over time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli import _app
from wcc_assess.cli._app import ReportFiles, ReportOutput, guarded
from wcc_assess.render.formats import TrendFormat

__all__ = ["register"]

TREND_EXIT_CODES = (
    "Exit codes: 0 the trend was written; 2 usage error or invalid input; 3 an internal error "
    "(a bug in wcc-assess: please report it)."
)


@guarded
def trend(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submissions (YAML or workbooks) or results (`wcc assess --format json`) of one "
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
    from wcc_assess.render import TREND
    from wcc_assess.usecases.trend import trend_of_files

    outcome = trend_of_files(files, framework or [], generated_at=_app.generated_at())
    built = outcome.trend
    _app.write_reports(TREND, built, output_format, output, report, outcome.inputs)
    _app.notes(
        [f"warning: {warning}" for warning in built.warnings],
        quiet=quiet or output_format is TrendFormat.TABLE,
    )


def register(app: typer.Typer) -> None:
    """Add ``trend`` to the app."""
    app.command("trend", epilog=TREND_EXIT_CODES)(trend)
