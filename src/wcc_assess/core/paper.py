"""The board paper's front sheet: the ``report:`` block with the command line's overrides."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.models.paper import Paper, PaperStatus, ReportDetails, default_title
from wcc_assess.models.submission import Submission

__all__ = ["board_paper"]


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
        title=given.title or default_title(framework.title, submission.period),
        meeting=given.meeting,
        meeting_date=given.meeting_date,
        status=given.status or PaperStatus.DRAFT,
        author=given.author,
        executive_lead=given.executive_lead,
        purpose=given.purpose,
        recommendation=given.recommendation,
        marking=given.marking,
    )
