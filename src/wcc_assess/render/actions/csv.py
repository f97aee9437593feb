"""CSV: one row per action, for the spreadsheet a programme office keeps.

RFC 4180 (comma-separated, CRLF line ends, a header row); dates as ``YYYY-MM-DD``; every
text cell cleaned, and text that starts like a spreadsheet formula defused with a leading
apostrophe (as in the cohort CSV). The organisation, code and period are on every row, so
that several plans can be stacked in one sheet.
"""

from __future__ import annotations

import csv
import io

from wcc_assess.models.actions import ActionResult, ActionsReport
from wcc_assess.render._safety import spreadsheet_cell
from wcc_assess.render.interface import RenderOptions

__all__ = ["HEADER", "render"]

HEADER = [
    "organisation",
    "code",
    "period",
    "id",
    "for",
    "domains",
    "action",
    "owner",
    "due",
    "status",
    "overdue",
    "days_overdue",
    "raised",
    "reason",
    "note",
]


def _row(report: ActionsReport, action: ActionResult) -> list[str]:
    return [
        spreadsheet_cell(report.organisation),
        spreadsheet_cell(report.organisation_code),
        spreadsheet_cell(report.period),
        spreadsheet_cell(action.id),
        spreadsheet_cell(" ".join(action.addresses)),
        spreadsheet_cell(" ".join(action.domains)),
        spreadsheet_cell(action.action),
        spreadsheet_cell(action.owner),
        action.due.isoformat(),
        action.status.value,
        "yes" if action.overdue else "no",
        str(action.days_overdue) if action.days_overdue is not None else "",
        spreadsheet_cell(action.raised or report.period),
        spreadsheet_cell(action.reason or ""),
        spreadsheet_cell(action.note or ""),
    ]


def render(report: ActionsReport, options: RenderOptions) -> str:
    """Return the selected actions as CSV, in the submission's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for action in report.actions:
        writer.writerow(_row(report, action))
    return buffer.getvalue()
