"""The development plan on its own: grade a submission, then select its actions.

``wcc actions`` prints the plan of one submission (for the people who do the work): the
submission is graded as ``wcc assess`` grades it, so that overdue actions and gaps without
an action are judged by the same rules, and the plan is filtered by owner, status and
overdue (:func:`wcc_assess.core.actions.plan_report`).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from wcc_assess.core.actions import plan_report
from wcc_assess.models.actions import ActionFilters, ActionsReport
from wcc_assess.usecases.assess import AssessOptions, assess_file

__all__ = ["PlanOutcome", "PlanRequest", "plan_of_file"]


class PlanRequest(NamedTuple):
    """What ``wcc actions`` was asked for."""

    framework: str | None = None
    """``--framework``: an id, ``id@version`` or a file; None for the submission's own."""
    target: int | None = None
    """``--target`` for every domain (it decides which domains are gaps)."""
    filters: ActionFilters = ActionFilters()
    fail_on_overdue: bool = False
    """``--fail-on-overdue``: exit 1 when a selected action is overdue."""


class PlanOutcome(NamedTuple):
    """The plan report, the grading's warnings, and every file read."""

    report: ActionsReport
    warnings: list[str]
    inputs: list[Path | str]


def plan_of_file(source: Path | str, request: PlanRequest, *, generated_at: str) -> PlanOutcome:
    """Grade ``source`` and return its development plan, filtered.

    Raises :class:`~wcc_assess.errors.InputError` for an invalid file and
    :class:`~wcc_assess.errors.UsageError` for options that cannot apply.
    """
    options = AssessOptions(framework=request.framework, target=request.target)
    assessment = assess_file(source, options, generated_at=generated_at)
    report = plan_report(
        assessment.result,
        request.filters,
        generated_at=generated_at,
        fail_on_overdue=request.fail_on_overdue,
    )
    return PlanOutcome(report, list(assessment.result.warnings), assessment.inputs)
