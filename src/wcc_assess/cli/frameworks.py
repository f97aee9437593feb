"""``wcc frameworks``: list, show and check frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import WccTyper, guarded
from wcc_assess.cli.validate import FORMAT_HELP
from wcc_assess.errors import ExitCode, exit_code
from wcc_assess.render.formats import CheckFormat

__all__ = ["app"]

app = WccTyper(help="List, show and check frameworks.", no_args_is_help=True)


@app.command("list")
@guarded
def list_frameworks() -> None:
    """List the built-in frameworks: id, version, size and title."""
    from wcc_assess.render.framework import framework_list
    from wcc_assess.usecases.frameworks import builtin_frameworks

    typer.echo(framework_list(builtin_frameworks()), nl=False)


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
    from wcc_assess.render.framework import framework_text
    from wcc_assess.usecases.frameworks import resolve_framework

    typer.echo(framework_text(resolve_framework(framework_id)), nl=False)


@app.command(
    "check",
    epilog="Exit codes: 0 no errors (warnings may be printed); 2 a file has errors; 3 an "
    "internal error (a bug in wcc-assess: please report it).",
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
        CheckFormat, typer.Option("--format", "-f", help=FORMAT_HELP)
    ] = CheckFormat.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 2 if there are any).")
    ] = False,
) -> ExitCode:
    """Check framework files: schema, ids, descriptors, weights, evidence rules and bands.

    Errors (the framework cannot be used) and warnings (it can, but something
    looks unintended) are printed as file:line:column, like a submission's.
    """
    from wcc_assess.render.diagnostics import framework_check_report
    from wcc_assess.usecases.check import check_framework_path

    checks = [check_framework_path(path) for path in files]
    typer.echo(framework_check_report(checks, output_format), nl=False)
    return exit_code(invalid=any(c.errors or (strict and c.warnings) for c in checks))
