"""``wcc validate``: check submissions and framework files, reporting every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import EXIT_CODES_HELP, guarded
from wcc_assess.errors import ExitCode, exit_code
from wcc_assess.render.formats import CheckFormat

__all__ = ["FORMAT_HELP", "register"]

FORMAT_HELP = "text for people, json for tools, github for Actions annotations."


@guarded
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submissions (YAML or workbooks) or framework files (- for stdin).",
            show_default=False,
        ),
    ],
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="Check submissions against this framework id or file instead "
            "of their own `framework:`.",
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help=FORMAT_HELP)
    ] = CheckFormat.TEXT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> ExitCode:
    """Check files without assessing them; every problem in every file is reported."""
    from wcc_assess.render.diagnostics import validate_report
    from wcc_assess.usecases.check import check_file
    from wcc_assess.usecases.frameworks import resolve_framework

    chosen = resolve_framework(framework) if framework else None
    checks = [check_file(path, chosen) for path in files]
    typer.echo(validate_report(checks, output_format, quiet=quiet), nl=False)
    return exit_code(invalid=any(check.errors for check in checks))


def register(app: typer.Typer) -> None:
    """Add ``validate`` to the app."""
    app.command("validate", epilog=EXIT_CODES_HELP)(validate)
