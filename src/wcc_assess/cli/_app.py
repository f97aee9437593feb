"""The typer application, the one place errors and outcomes become messages and exit codes.

The commands (one module each beside this one) are added to an application from
:func:`new_app` by :mod:`wcc_assess.cli`; a command imports from here, never the other way round.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from wcc_assess import __version__
from wcc_assess.errors import ExitCode, InputError, UsageError, WccError

if TYPE_CHECKING:
    from wcc_assess.render import Family

__all__ = [
    "FlagCommand",
    "FlagGroup",
    "ReportFiles",
    "ReportOutput",
    "err",
    "generated_at",
    "guarded",
    "new_app",
    "notes",
    "run",
    "write_reports",
    "WccTyper",
]

EXIT_CODES_HELP = (
    "Exit codes: 0 all good (targets met, or none set); 1 the assessment ran and failed a "
    "gate (a domain below target or not evidenced, with --fail-on-regression a domain whose "
    "level fell since the baseline, with --fail-on-red a red governance area, or with "
    "--fail-on-overdue an overdue action); 2 usage error or invalid input."
)


def _flags_as_flags(params: list[Any]) -> list[Any]:
    """Give every on/off flag an empty metavar, so that help shows it as a flag.

    Recent typer releases (0.29 at least) print a type after every option in the help,
    ``--quiet <bool>`` too, as if the flag took a value; older ones print nothing for a
    flag. The help of every release reads an option's ``metavar`` first, and none shows a
    flag's metavar anywhere else, so an empty one gives ``--quiet`` alone on every release
    (tests/cli/test_help.py checks each command's help).
    """
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


class FlagCommand(TyperCommand):
    """A typer command whose help shows flags (``--quiet``, ``--help``) without a type."""

    def get_params(self, ctx: Any) -> list[Any]:
        """Return the command's parameters (with ``--help``), flags without a metavar."""
        return _flags_as_flags(super().get_params(ctx))


class FlagGroup(TyperGroup):
    """A typer group whose help shows flags (``--version``, ``--help``) without a type."""

    def get_params(self, ctx: Any) -> list[Any]:
        """Return the group's parameters (with ``--help``), flags without a metavar."""
        return _flags_as_flags(super().get_params(ctx))


class WccTyper(typer.Typer):
    """A Typer app whose commands and groups are :class:`FlagCommand` and :class:`FlagGroup`."""

    def __init__(self, **kwargs: Any) -> None:
        """Build the app with :class:`FlagGroup` unless another class is given."""
        kwargs["cls"] = kwargs.get("cls") or FlagGroup
        super().__init__(**kwargs)

    def command(
        self, name: str | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        """Register a command, a :class:`FlagCommand` unless another class is given."""
        kwargs["cls"] = kwargs.get("cls") or FlagCommand
        return super().command(name, **kwargs)


def new_app() -> WccTyper:
    """Return the ``wcc`` application without its commands (they add themselves)."""
    made = WccTyper(
        name="wcc",
        help="Grade commissioning organisations against competency frameworks "
        "(World Class Commissioning and others) and render the grading as reports.",
        epilog=EXIT_CODES_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback()(_root)
    return made


ReportOutput = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the report to this file (atomically) instead of stdout."
    ),
]
"""The ``-o/--output`` option every report-writing command shares."""

ReportFiles = Annotated[
    list[str] | None,
    typer.Option(
        "--report",
        metavar="FORMAT=FILE",
        show_default=False,
        help="Also write the report in FORMAT to FILE, from the same grading (repeatable: "
        "--report markdown=summary.md --report junit=junit.xml). Each file is written "
        "atomically and equals what --format FORMAT -o FILE writes.",
    ),
]
"""The repeatable ``--report FORMAT=FILE`` option: several reports from one grading."""

F = TypeVar("F", bound=StrEnum)
D = TypeVar("D")


def _parse_reports(values: list[str], formats: type[F]) -> list[tuple[F, Path]]:
    """Turn ``FORMAT=FILE`` values into (format, path) pairs, or raise a usage error."""
    names = ", ".join(member.value for member in formats)
    parsed: list[tuple[F, Path]] = []
    for value in values:
        name, equals, file = value.partition("=")
        if not equals or not file.strip() or not name.strip():
            raise UsageError(f"--report {value!r}: write it as FORMAT=FILE, e.g. html=report.html")
        try:
            fmt = formats(name.strip().lower())
        except ValueError:
            raise UsageError(
                f"--report {value!r}: unknown format {name!r} (one of {names})"
            ) from None
        if file == "-":
            raise UsageError(f"--report {value!r}: a report file cannot be stdout; use --format")
        parsed.append((fmt, Path(file)))
    return parsed


def write_reports(
    family: Family[D, F],
    document: D,
    fmt: F,
    output: Path | None,
    reports: list[str] | None,
    inputs: list[Path | str],
) -> None:
    """Render the main report (stdout or ``-o``) and every ``--report``, from one grading.

    Every output is checked before anything is written: none may be an input, and no file
    may be named twice. A file gets no colour, so it equals ``--format X -o FILE``.
    """
    import shutil

    from wcc_assess.io.output import check_outputs, emit
    from wcc_assess.render.interface import RenderOptions

    extra = _parse_reports(reports or [], family.formats)
    check_outputs([output, *(path for _, path in extra)], inputs)
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    to_stdout = output is None or str(output) == "-"
    color = to_stdout and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
    emit(family.render(document, fmt, RenderOptions(color=color, width=width)), output, inputs)
    for extra_fmt, path in extra:
        options = RenderOptions(color=False, width=width)
        emit(family.render(document, extra_fmt, options), path, inputs)


P = ParamSpec("P")


def err(message: str) -> None:
    """Write one diagnostic line to stderr, cleaned as every output is."""
    from wcc_assess.render._safety import clean

    sys.stderr.write(clean(message.rstrip("\n")) + "\n")


def guarded(command: Callable[P, ExitCode | None]) -> Callable[P, None]:
    """Map a command's outcome to its exit code, in one place.

    The command returns the :class:`ExitCode` of a run that went through (None is
    :attr:`ExitCode.OK`); every :class:`WccError` it raises becomes a message on stderr and
    the error's exit code.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            code = command(*args, **kwargs)
        except InputError as error:
            for diagnostic in error.diagnostics:
                err(diagnostic.format())
            count = sum(d.is_error for d in error.diagnostics)
            err(f"{count} error{'s' if count != 1 else ''} found; nothing was assessed.")
            raise typer.Exit(int(error.exit_code)) from None
        except WccError as error:
            err(f"error: {error}")
            raise typer.Exit(int(error.exit_code)) from None
        if code:
            raise typer.Exit(int(code))

    return wrapper


def notes(lines: list[str], *, quiet: bool) -> None:
    """Write diagnostics lines to stderr, unless ``--quiet``."""
    if not quiet:
        for line in lines:
            err(line)


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


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Grade commissioning organisations against competency frameworks."""


def run(application: typer.Typer) -> None:
    """Run ``application``: Ctrl-C and a closed pipe end it quietly.

    When it is done the process is about to exit, so every object is moved to the garbage
    collector's permanent generation first: the interpreter's shutdown then skips walking
    them all in its final collections (about 30 ms after a grading; the memory goes back
    with the process).
    """
    try:
        application()
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(int(ExitCode.OK))
    finally:
        gc.freeze()
