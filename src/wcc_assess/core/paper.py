"""The board paper's front sheet: the ``report:`` block with the command line's overrides."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.models.paper import Paper, PaperStatus, ReportDetails
from wcc_assess.models.submission import Submission

__all__ = ["board_paper", "default_title"]

def default_title(framework: Framework, period: str) -> str:
    """Return the paper's title when none is given: the framework's title and the year."""
    return f"{framework.title}: annual assessment {period}"


def board_paper(
    framework: Framework, submission: Submission, overrides: ReportDetails | None = None
) -> Paper:
    """Return the front sheet: each field from ``overrides`` if set, else the ``report:`` block.

    A paper without a status is a draft; without a title it is named after the framework
    and the period.
    """
    given = ReportDetails.model_construct()
    for block in (submission.report, overrides):
        if block is not None:
            given = given.model_copy(update=block.model_dump(exclude_none=True))
    return Paper.model_construct(
        title=given.title or default_title(framework, submission.period),
        meeting=given.meeting,
        meeting_date=given.meeting_date,
        status=given.status or PaperStatus.DRAFT,
        author=given.author,
        executive_lead=given.executive_lead,
        purpose=given.purpose,
        recommendation=given.recommendation,
        marking=given.marking,
    )
