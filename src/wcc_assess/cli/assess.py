"""``wcc assess``: grade one submission and render the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli import _app
from wcc_assess.cli._app import EXIT_CODES_HELP, ReportFiles, ReportOutput, guarded
from wcc_assess.errors import ExitCode, exit_code
from wcc_assess.render.formats import AssessFormat

__all__ = ["register"]


_FRAMEWORK = (
    "A built-in framework id (wcc, wcc@2009) or a framework file; default: the submission's "
    "own `framework:`."
)
_TARGET = "Target level for every domain; overrides the submission's and the framework's targets."
_BASELINE = (
    "Last year's submission (YAML or a workbook) or result (`--format json`): report the "
    "change of every domain and indicator since then."
)
_REGRESSION = (
    "Fail the gate (exit 1) when any domain's level fell since the baseline; needs --baseline."
)
_RED = "Fail the gate (exit 1) when a governance area is rated red."
_OVERDUE = (
    "Fail the gate (exit 1) when an action of the development plan is overdue: not done and "
    "due before the assessment date."
)

_ALLOW = (
    "Let a domain with a target that was not assessed (not evidenced) pass the gate; it is "
    "still reported as not evidenced and never counted as met."
)

Submission = Annotated[
    Path,
    typer.Argument(
        help="The submission: a YAML file or a workbook (.xlsx), or - for stdin.",
        show_default=False,
    ),
]
FrameworkSpec = Annotated[str | None, typer.Option("--framework", help=_FRAMEWORK)]
Format = Annotated[AssessFormat, typer.Option("--format", "-f", help="Report format.")]
Target = Annotated[int | None, typer.Option("--target", help=_TARGET)]
BaselineFile = Annotated[
    Path | None, typer.Option("--baseline", help=_BASELINE, show_default=False)
]
FailOnRegression = Annotated[bool, typer.Option("--fail-on-regression", help=_REGRESSION)]
FailOnRed = Annotated[bool, typer.Option("--fail-on-red", help=_RED)]
FailOnOverdue = Annotated[bool, typer.Option("--fail-on-overdue", help=_OVERDUE)]
AllowNotEvidenced = Annotated[bool, typer.Option("--allow-not-evidenced", help=_ALLOW)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print no diagnostics.")]
_PEERS = (
    "A cohort report (`wcc cohort --format json`) of the same framework: show the "
    "organisation's rank and quartile on each domain among the cohort's."
)
Peers = Annotated[Path | None, typer.Option("--peers", help=_PEERS, show_default=False)]
_FRONT = "Front sheet"
Title = Annotated[
    str | None,
    typer.Option(
        "--paper-title", rich_help_panel=_FRONT, help="The paper's title (report: title)."
    ),
]
Meeting = Annotated[
    str | None, typer.Option("--meeting", rich_help_panel=_FRONT, help="The meeting it goes to.")
]
MeetingDate = Annotated[
    _app.DateOption,
    typer.Option(
        "--meeting-date",
        rich_help_panel=_FRONT,
        formats=["%Y-%m-%d"],
        help="The meeting's date, YYYY-MM-DD.",
    ),
]
Status = Annotated[
    str | None,
    typer.Option("--paper-status", rich_help_panel=_FRONT, help="draft (default) or final."),
]
Author = Annotated[
    str | None, typer.Option("--author", rich_help_panel=_FRONT, help="Who wrote the paper.")
]
Lead = Annotated[
    str | None,
    typer.Option("--executive-lead", rich_help_panel=_FRONT, help="The executive who owns it."),
]
Purpose = Annotated[
    str | None,
    typer.Option("--purpose", rich_help_panel=_FRONT, help='Why: "For assurance" ...'),
]
Recommendation = Annotated[
    str | None,
    typer.Option("--recommendation", rich_help_panel=_FRONT, help='"The Board is asked to ..."'),
]
Marking = Annotated[
    str | None,
    typer.Option("--marking", rich_help_panel=_FRONT, help='A protective marking: "OFFICIAL".'),
]


@guarded
def assess(
    submission: Submission,
    framework: FrameworkSpec = None,
    output_format: Format = AssessFormat.TABLE,
    output: ReportOutput = None,
    report: ReportFiles = None,
    target: Target = None,
    baseline: BaselineFile = None,
    fail_on_regression: FailOnRegression = False,
    fail_on_red: FailOnRed = False,
    fail_on_overdue: FailOnOverdue = False,
    allow_not_evidenced: AllowNotEvidenced = False,
    quiet: Quiet = False,
    peers: Peers = None,
    max_chars: _app.MaxChars = None,
    paper_title: Title = None,
    meeting: Meeting = None,
    meeting_date: MeetingDate = None,
    paper_status: Status = None,
    author: Author = None,
    executive_lead: Lead = None,
    purpose: Purpose = None,
    recommendation: Recommendation = None,
    marking: Marking = None,
) -> ExitCode:
    """Grade a submission against its framework and print the report."""
    from wcc_assess.render import ASSESS
    from wcc_assess.usecases.assess import AssessOptions, assess_file, front_sheet

    paper = front_sheet(paper_title, meeting, meeting_date, paper_status, author,
                        executive_lead, purpose, recommendation, marking)  # fmt: skip
    choices = (fail_on_regression, fail_on_red, fail_on_overdue, allow_not_evidenced, paper, peers)
    options = AssessOptions(framework, target, baseline, *choices)
    assessment = assess_file(submission, options, generated_at=_app.generated_at())
    result, inputs = assessment.result, assessment.inputs
    _app.write_reports(ASSESS, result, output_format, output, report, inputs, max_chars=max_chars)
    _app.notes(_app.result_notes(assessment), quiet=quiet)
    return exit_code(gate_failed=bool(result.gate.failures))


def register(app: typer.Typer) -> None:
    """Add ``assess`` to the app."""
    app.command("assess", epilog=EXIT_CODES_HELP)(assess)
