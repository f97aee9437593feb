"""``wcc actions``: the development plan of one submission on its own, filtered."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from wcc_assess.cli import _app
from wcc_assess.cli._app import ReportFiles, ReportOutput, guarded
from wcc_assess.cli.assess import FrameworkSpec, Quiet, Submission, Target
from wcc_assess.errors import ExitCode, exit_code
from wcc_assess.render.formats import ActionsFormat

__all__ = ["register"]

ACTIONS_EXIT_CODES = (
    "Exit codes: 0 the plan was written; 1 with --fail-on-overdue, an action shown is "
    "overdue; 2 usage error or invalid input."
)


class StatusName(StrEnum):
    """The statuses ``--status`` accepts: the model's ``ActionStatus``, kept light.

    The models are not imported at start-up; a test holds the two to the same values.
    """

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


Format = Annotated[ActionsFormat, typer.Option("--format", "-f", help="Report format.")]
Owner = Annotated[
    str | None,
    typer.Option("--owner", help="Only actions whose owner contains this text (any case)."),
]
Status = Annotated[
    list[StatusName] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="Only actions of this status: open, in-progress, done or dropped (repeatable).",
        show_default=False,
    ),
]
Overdue = Annotated[
    bool,
    typer.Option("--overdue", help="Only actions not done and due before the assessment date."),
]
FailOnOverdue = Annotated[
    bool,
    typer.Option("--fail-on-overdue", help="Exit 1 when an action shown is overdue."),
]


@guarded
def actions(
    submission: Submission,
    output_format: Format = ActionsFormat.TABLE,
    output: ReportOutput = None,
    report: ReportFiles = None,
    owner: Owner = None,
    status: Status = None,
    overdue: Overdue = False,
    fail_on_overdue: FailOnOverdue = False,
    framework: FrameworkSpec = None,
    target: Target = None,
    quiet: Quiet = False,
) -> ExitCode:
    """Show the development plan: actions by domain, overdue first, owners and due dates."""
    from wcc_assess.models.actions import ActionFilters, ActionStatus
    from wcc_assess.render import ACTIONS
    from wcc_assess.usecases.actions import PlanRequest, plan_of_file

    statuses = [ActionStatus(name.value) for name in status or []]
    filters = ActionFilters(owner=owner, statuses=statuses, overdue=overdue)
    request = PlanRequest(framework, target, filters, fail_on_overdue)
    outcome = plan_of_file(submission, request, generated_at=_app.generated_at())
    _app.write_reports(ACTIONS, outcome.report, output_format, output, report, outcome.inputs)
    _app.notes([f"warning: {w}" for w in outcome.warnings], quiet=quiet)
    return exit_code(gate_failed=outcome.report.gate_failed)


def register(app: typer.Typer) -> None:
    """Add ``actions`` to the app."""
    app.command("actions", epilog=ACTIONS_EXIT_CODES)(actions)
