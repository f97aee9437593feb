"""The typer application, the one place errors become messages and exit codes."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from wcc_assess import __version__
from wcc_assess.errors import ExitCode, InputError, WccError

__all__ = ["ReportOutput", "app", "err", "generated_at", "guarded", "main"]

EXIT_CODES_HELP = (
    "Exit codes: 0 all good (targets met, or none set); 1 the assessment ran and failed a "
    "gate (a domain below target, with --fail-on-regression a domain whose level fell since "
    "the baseline, or with --fail-on-red a red governance area); 2 usage error or invalid "
    "input."
)

app = typer.Typer(
    name="wcc",
    help="Grade commissioning organisations against competency frameworks "
    "(World Class Commissioning and others) and render the grading as reports.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ReportOutput = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the report to this file (atomically) instead of stdout."
    ),
]
"""The ``-o/--output`` option every report-writing command shares."""

P = ParamSpec("P")
R = TypeVar("R")


def err(message: str) -> None:
    """Write one diagnostic line to stderr."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every :class:`WccError` raised by ``command`` into a message and exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            for diagnostic in error.diagnostics:
                err(diagnostic.format())
            count = sum(d.severity == "error" for d in error.diagnostics)
            err(f"{count} error{'s' if count != 1 else ''} found; nothing was assessed.")
            raise typer.Exit(int(error.exit_code)) from None
        except WccError as error:
            err(f"error: {error}")
            raise typer.Exit(int(error.exit_code)) from None

    return wrapper


def generated_at() -> str:
    """Return the result timestamp: SOURCE_DATE_EPOCH when set (reproducible), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.now(UTC)
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            err(f"warning: ignoring SOURCE_DATE_EPOCH={epoch!r}, which is not a Unix time")
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"wcc-assess {__version__}\n")
        raise typer.Exit(int(ExitCode.OK))


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Grade commissioning organisations against competency frameworks."""


def _register() -> None:
    from wcc_assess.cli import (
        assess,
        cohort,
        explain,
        frameworks,
        init,
        schema,
        trend,
        validate,
    )

    for module in (assess, validate, init, schema, explain, trend, cohort):
        module.register(app)
    app.add_typer(frameworks.app, name="frameworks")


_register()


def main() -> None:
    """Run the ``wcc`` command line (the console script and ``python -m wcc_assess``)."""
    try:
        app()
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(int(ExitCode.OK))
