"""``wcc cohort``: grade every organisation of a cohort and render the league and statistics."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from wcc_assess.cli import _app
from wcc_assess.cli._app import ReportFiles, ReportOutput, guarded
from wcc_assess.errors import ExitCode, exit_code
from wcc_assess.render.formats import CohortFormat

if TYPE_CHECKING:
    from wcc_assess.models.cohort import CohortResult

__all__ = ["COHORT_EXIT_CODES_HELP", "PROGRESS_MIN_FILES", "register"]

COHORT_EXIT_CODES_HELP = (
    "Exit codes: 0 every file was graded and every target in force was met (or none was "
    "set); 1 every file was graded but at least one organisation has a domain below its "
    "target; 2 a usage error, or at least one file (of the cohort or the baseline) could not "
    "be graded: it is listed in the report with its errors and the others are graded all the "
    "same (a file whose grading hit a bug too); 3 an internal error outside any one file (a "
    "bug in wcc-assess: please report it)."
)

COHORT_HELP = (
    "Grade every submission of a cohort; print the league table and the statistics.\n\n"
    "The report ranks the organisations by mean score (equal scores share a rank), or with "
    "--rank governance-first as the Health Service Journal did (governance points, then "
    "the competency total), shows "
    "how many sit at each level of every domain with means and medians, names the weakest "
    "and strongest domains and, with --baseline, ranks the organisations by improvement.\n\n"
    "A file that cannot be graded does not stop the cohort: it is listed with its errors. "
    "Two submissions for the same organisation code and period are both left out and "
    "listed, each naming the other."
)

PROGRESS_MIN_FILES = 20
"""A progress bar is shown on a terminal only for cohorts larger than this."""


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def _progress(total: int, show: bool) -> Iterator[Callable[[int], None]]:
    """Yield a callback advancing a progress bar on stderr (or doing nothing)."""
    if not show:
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    # auto_refresh=False: no refresh thread, so worker processes are forked from a process
    # with a single thread.
    progress = Progress(
        "Grading",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True, force_terminal=True),
        auto_refresh=False,
        transient=True,
    )
    task = progress.add_task("grading", total=total)
    with progress:

        def advance(done: int) -> None:
            progress.advance(task, done)
            progress.refresh()

        yield advance


def _bar(quiet: bool) -> Callable[[int], AbstractContextManager[Callable[[int], None]]]:
    """Return a progress bar for cohorts of over :data:`PROGRESS_MIN_FILES` files, on a terminal."""
    return lambda total: _progress(
        total, not quiet and total > PROGRESS_MIN_FILES and _stderr_is_terminal()
    )


def _problems(result: CohortResult) -> list[str]:
    """List the files that could not be graded: each problem on a line, then how many."""
    if not result.invalid:
        return []
    from wcc_assess.render.lines import text_lines

    lines = [line for item in result.invalid for line in text_lines(item.errors)]
    count = len(result.invalid)
    lines.append(
        f"{count} file{'s' if count != 1 else ''} could not be graded; "
        f"{'they are' if count != 1 else 'it is'} listed in the report."
    )
    return lines


def _gate(result: CohortResult) -> list[str]:
    failed = result.gates.failed
    if not failed:
        return []
    return [
        f"gate failed: {failed} organisation"
        f"{'s have' if failed != 1 else ' has'} a domain below target."
    ]


_PATHS = (
    "Submission files (YAML or workbooks), folders (searched recursively for *.yaml, *.yml "
    "and *.xlsx; hidden ones skipped) and glob patterns such as 'returns/**/*.yaml'."
)
_FRAMEWORK = (
    "Grade every submission against this framework (an id, id@version or a file); default: "
    "each submission's own `framework:`, and the cohort is the framework most files use "
    "(files of another framework are listed as not graded)."
)
_TARGET = (
    "Target level for every domain of every organisation; overrides the submissions' and the "
    "framework's targets."
)
_BASELINE = (
    "Last year's cohort, for an improvement ranking matched by organisation code: "
    "submissions, `wcc assess --format json` results or a `wcc cohort --format json` "
    "report; a file, folder or glob. Repeat for more."
)
_JOBS = "Worker processes; 0 chooses: one per core for large cohorts, none for small ones."
_RANK = (
    "The order of the league table: score (highest mean score first) or governance-first "
    "(as the Health Service Journal ranked WCC: governance points, then the competency "
    "total). Both ranks are shown when governance is rated."
)
_ALLOW = "Let domains with a target that were not assessed pass the gate (never counted as met)."
_QUIET = "Print nothing on stderr: no progress and no diagnostics."

Paths = Annotated[list[str], typer.Argument(metavar="PATH", show_default=False, help=_PATHS)]
FrameworkSpec = Annotated[str | None, typer.Option("--framework", help=_FRAMEWORK)]
Format = Annotated[CohortFormat, typer.Option("--format", "-f", help="Report format.")]
Target = Annotated[int | None, typer.Option("--target", help=_TARGET)]
Baselines = Annotated[
    list[str] | None,
    typer.Option("--baseline", metavar="PATH", show_default=False, help=_BASELINE),
]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=0, help=_JOBS)]
RANK_ORDERS = ("score", "governance-first")
"""The orders of the league table (``RankBy`` in the cohort model; spelt here so that
``wcc --help`` imports no model)."""


def _rank_order(value: str) -> str:
    if value not in RANK_ORDERS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(RANK_ORDERS)}")
    return value


Rank = Annotated[
    str,
    typer.Option("--rank", help=_RANK, metavar="[score|governance-first]", callback=_rank_order),
]
AllowNotEvidenced = Annotated[bool, typer.Option("--allow-not-evidenced", help=_ALLOW)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help=_QUIET)]


@guarded
def cohort(
    paths: Paths,
    framework: FrameworkSpec = None,
    output_format: Format = CohortFormat.TABLE,
    output: ReportOutput = None,
    report: ReportFiles = None,
    target: Target = None,
    baseline: Baselines = None,
    jobs: Jobs = 0,
    rank: Rank = "score",
    allow_not_evidenced: AllowNotEvidenced = False,
    quiet: Quiet = False,
    max_chars: _app.MaxChars = None,
) -> ExitCode:
    """Grade every submission of a cohort; print the league table and the statistics."""
    from wcc_assess.render import COHORT
    from wcc_assess.usecases.cohort import CohortRequest, grade_cohort

    request = CohortRequest(
        paths, framework, target, baseline or [], jobs or None, rank, allow_not_evidenced
    )
    outcome = grade_cohort(request, generated_at=_app.generated_at(), progress=_bar(quiet))
    result = outcome.cohort
    inputs = outcome.inputs
    _app.write_reports(COHORT, result, output_format, output, report, inputs, max_chars=max_chars)
    _app.notes(_problems(result) + _gate(result), quiet=quiet)
    return exit_code(invalid=bool(result.invalid), gate_failed=bool(result.gates.failed))


def register(app: typer.Typer) -> None:
    """Add ``cohort`` to the app."""
    app.command("cohort", help=COHORT_HELP, epilog=COHORT_EXIT_CODES_HELP)(cohort)
