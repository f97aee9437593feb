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
    "Last year's submission (YAML) or result (`--format json`): report the change of every "
    "domain and indicator since then."
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
    Path, typer.Argument(help="The submission YAML file, or - for stdin.", show_default=False)
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
) -> ExitCode:
    """Grade a submission against its framework and print the report."""
    from wcc_assess.render import ASSESS
    from wcc_assess.usecases.assess import AssessOptions, assess_file

    gates = (fail_on_regression, fail_on_red, fail_on_overdue, allow_not_evidenced)
    options = AssessOptions(framework, target, baseline, *gates)
    assessment = assess_file(submission, options, generated_at=_app.generated_at())
    result = assessment.result
    _app.write_reports(ASSESS, result, output_format, output, report, assessment.inputs)
    _app.notes([f"warning: {w}" for w in result.warnings], quiet=quiet)
    _app.notes([f"gate failed: {f.message}" for f in result.gate.failures], quiet=quiet)
    return exit_code(gate_failed=bool(result.gate.failures))


def register(app: typer.Typer) -> None:
    """Add ``assess`` to the app."""
    app.command("assess", epilog=EXIT_CODES_HELP)(assess)
