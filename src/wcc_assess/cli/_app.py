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
from wcc_assess.errors import (
    ExitCode,
    InputError,
    UsageError,
    WccError,
    error_count,
    issues_url,
)

if TYPE_CHECKING:
    from wcc_assess.render import Family
    from wcc_assess.usecases.assess import Assessment

__all__ = [
    "FlagCommand",
    "FlagGroup",
    "MaxChars",
    "ReportFiles",
    "ReportOutput",
    "configure_streams",
    "debugging",
    "err",
    "generated_at",
    "guarded",
    "internal_error",
    "new_app",
    "notes",
    "result_notes",
    "run",
    "write_reports",
    "WccTyper",
]

EXIT_CODES_HELP = (
    "Exit codes: 0 all good (targets met, or none set); 1 the assessment ran and failed a "
    "gate (a domain below target or not evidenced, with --fail-on-regression a domain whose "
    "level fell since the baseline, with --fail-on-red a red governance area, or with "
    "--fail-on-overdue an overdue action); 2 usage error or invalid input; 3 an internal "
    "error (a bug in wcc-assess: please report it)."
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


def _folder_problem(path: Path) -> str | None:
    """Say why a report cannot be written at ``path`` (its folder is missing), if it cannot."""
    folder = path.parent if str(path.parent) else Path(".")
    return None if folder.is_dir() else f"cannot write {path}: the folder {folder} does not exist"


def _checked_output(value: Path | None) -> Path | None:
    """Check ``-o`` while the command line is parsed, before any work: its folder exists."""
    problem = _folder_problem(value) if value is not None and str(value) != "-" else None
    if problem:
        raise typer.BadParameter(problem)
    return value


def _checked_reports(ctx: typer.Context, value: list[str] | None) -> list[str] | None:
    """Check ``--report`` while the command line is parsed, before any work.

    Each is FORMAT=FILE, with a format of the command's family and a folder that exists.
    """
    from wcc_assess.render import FAMILIES

    family = FAMILIES.get(ctx.info_name or "")
    if not value or family is None:
        # Never None: typer before 0.16 takes the length of what a list option's callback
        # returns, and an absent --report would crash it.
        return list(value or ())
    try:
        parsed = _parse_reports(value, family.formats)
    except UsageError as error:
        raise typer.BadParameter(str(error).removeprefix("--report ")) from None
    for _, path in parsed:
        if problem := _folder_problem(path):
            raise typer.BadParameter(problem)
    return value


ReportOutput = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this file (atomically) instead of stdout.",
        callback=_checked_output,
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
        callback=_checked_reports,
    ),
]
"""The repeatable ``--report FORMAT=FILE`` option: several reports from one grading; the
formats and folders are checked as the command line is parsed."""

DateOption = datetime | None
"""A date option (``formats=["%Y-%m-%d"]``): click reads it as a datetime at midnight."""

MAX_CHARS_HELP = (
    "Markdown only: the most characters the report may have (default 65000, under "
    "GitHub's limit for a comment); past it the detail folds into <details> blocks, then "
    "is cut with a pointer to the full report. 0: no limit."
)

MaxChars = Annotated[int | None, typer.Option("--max-chars", help=MAX_CHARS_HELP)]
"""The ``--max-chars`` option of every command that writes Markdown."""

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
    *,
    max_chars: int | None = None,
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
    if max_chars is not None and max_chars < 0:
        raise UsageError(f"--max-chars {max_chars}: give a number of characters, or 0 for no limit")
    options = RenderOptions(color=color, width=width, max_chars=max_chars)
    emit(family.render(document, fmt, options), output, inputs)
    for extra_fmt, path in extra:
        options = RenderOptions(color=False, width=width, max_chars=max_chars)
        emit(family.render(document, extra_fmt, options), path, inputs)


P = ParamSpec("P")


def err(message: str) -> None:
    """Write one line to stderr, cleaned as every output is; it stays one line.

    A line break inside ``message`` (from a file name or a YAML key) is shown escaped, so
    that nothing an input says starts a line of its own (see ``_safety.one_line``).
    """
    from wcc_assess.render._safety import one_line

    sys.stderr.write(one_line(message.rstrip("\n")) + "\n")


_debug = False
"""``wcc --debug``: an internal error prints its traceback."""


def debugging() -> bool:
    """Tell whether an internal error should print its traceback (``--debug``, ``WCC_DEBUG``)."""
    return _debug or os.environ.get("WCC_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def internal_error(error: BaseException, what: str) -> typer.Exit:
    """Report an internal error (a bug) in a few lines; return the exit to raise (code 3).

    The traceback is printed only with ``--debug`` or ``WCC_DEBUG=1``; without them the
    user sees what failed, that it is not their input's fault, and how to report it.
    """
    import traceback

    if debugging():
        traceback.print_exception(error, file=sys.stderr)
    detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    err(
        f"internal error: {what} failed: {type(error).__name__}" + (f": {detail}" if detail else "")
    )
    err(
        f"This is a bug in wcc-assess {__version__}, not a problem with your files. Please "
        f"report it at {issues_url()} with the command you ran"
        + (
            " and the traceback above."
            if debugging()
            else "; run it again with --debug (or WCC_DEBUG=1) to see the traceback."
        )
    )
    return typer.Exit(int(ExitCode.INTERNAL))


def _refused(error: WccError) -> typer.Exit:
    if isinstance(error, InputError):
        from wcc_assess.render.lines import text_lines

        for line in text_lines(error.diagnostics):
            err(line)
        count = error_count(error.diagnostics)
        err(f"{count:,} error{'s' if count != 1 else ''} found; nothing was assessed.")
    else:
        err(f"error: {error}")
    return typer.Exit(int(error.exit_code))


def _is_the_cli_s(error: BaseException) -> bool:
    """Tell typer's and click's own exceptions (an exit, a usage error): they end a run."""
    return type(error).__module__.split(".")[0] in ("click", "typer")


def guarded(command: Callable[P, ExitCode | None]) -> Callable[P, None]:
    """Map a command's outcome to its exit code, in one place.

    The command returns the :class:`ExitCode` of a run that went through (None is
    :attr:`ExitCode.OK`); every :class:`WccError` it raises becomes a message on stderr and
    the error's exit code; any other exception is an internal error (exit code 3, see
    :func:`internal_error`); Ctrl-C ends it with 130.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        from wcc_assess.io.reading import forget_reads

        forget_reads()
        try:
            code = command(*args, **kwargs)
        except WccError as error:
            raise _refused(error) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except Exception as error:  # noqa: BLE001 - a bug: exit 3, never a bare traceback
            if isinstance(error, BrokenPipeError) or _is_the_cli_s(error):
                raise
            raise internal_error(error, f"wcc {command.__name__.replace('_', ' ')}") from None
        if code:
            raise typer.Exit(int(code))

    return wrapper


def result_notes(assessment: Assessment) -> list[str]:
    """Return what a grading says on stderr: loading's warnings, the result's, failed gates."""
    from wcc_assess.render.lines import text_lines

    result = assessment.result
    graded = [f"warning: {w}" for w in result.warnings]
    failed = [f"gate failed: {f.message}" for f in result.gate.failures]
    return text_lines(assessment.warnings) + graded + failed


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
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Print the traceback of an internal error (exit code 3), to report it; "
            "WCC_DEBUG=1 does the same.",
        ),
    ] = False,
) -> None:
    """Grade commissioning organisations against competency frameworks."""
    global _debug
    _debug = debug


def _utf8(stream: Any) -> bool:
    encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
    return encoding == "utf8"


def configure_streams() -> None:
    """Make stdout and stderr unable to fail on a character, whatever the locale.

    In a locale that is not UTF-8 (``LC_ALL=en_US.ISO-8859-1``, ``LC_ALL=C`` without
    UTF-8 mode) a report written to a file or a pipe is still UTF-8, as the documents
    themselves declare (HTML, JUnit, JSON); a terminal keeps its own encoding, and what it
    cannot show is written as a backslash escape instead of ending the command.
    Diagnostics on stderr are escaped the same way.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream is sys.stdout and not _utf8(stream) and not stream.isatty():
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            else:
                stream.reconfigure(errors="backslashreplace")
        except (OSError, ValueError):  # a closed or unusual stream: leave it be
            continue


def run(application: typer.Typer) -> None:
    """Run ``application``: Ctrl-C and a closed pipe end it quietly, a bug with exit code 3.

    Nothing escapes as a bare traceback: an exception outside a command (while parsing the
    command line, say) is an internal error too (:func:`internal_error`).

    When it is done the process is about to exit, so every object is moved to the garbage
    collector's permanent generation first: the interpreter's shutdown then skips walking
    them all in its final collections (about 30 ms after a grading; the memory goes back
    with the process).
    """
    try:
        configure_streams()
        application()
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        _quiet_exit()
    except Exception as error:  # noqa: BLE001 - a bug: exit 3, never a bare traceback
        try:
            exit_with = internal_error(error, "wcc")
        except BrokenPipeError:
            _quiet_exit()
        sys.exit(exit_with.exit_code)
    finally:
        gc.freeze()


def _quiet_exit() -> None:
    """End after the reader of our output went away (``wcc ... | head``)."""
    try:
        sys.stderr.close()
    finally:
        sys.exit(int(ExitCode.OK))
