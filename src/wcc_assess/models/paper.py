"""The board paper's front sheet: what a board secretary puts on page 1.

A submission may carry a ``report:`` block, and ``wcc assess`` options override it field
by field (``--paper-title``, ``--meeting-date`` …). The result carries what was decided in
:class:`Paper`, so that every report of one grading prints the same front sheet.
"""

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictStr

from wcc_assess.models._base import Date, Model

__all__ = ["Paper", "PaperStatus", "ReportDetails", "default_title"]

Text = Annotated[StrictStr, Field(min_length=1, max_length=2000)]


class PaperStatus(StrEnum):
    """Whether the paper is still being written or is the version tabled."""

    DRAFT = "draft"
    FINAL = "final"


class ReportDetails(Model):
    """The submission's ``report:`` block: every field optional, none of them scored."""

    title: Text | None = None
    """The paper's title; default: the framework's title, the organisation and the period."""
    meeting: Text | None = None
    """The meeting it goes to, e.g. "Board meeting in public"."""
    meeting_date: Date | None = None
    status: PaperStatus | None = None
    """``draft`` (the default) or ``final``."""
    author: Text | None = None
    executive_lead: Text | None = None
    purpose: Text | None = None
    """Why the board sees it: "For assurance", "For approval" …"""
    recommendation: Text | None = None
    """What the board is asked to do: "The Board is asked to …"."""
    marking: Text | None = None
    """A protective marking printed at the top of every page, e.g. "OFFICIAL"."""


class Paper(Model):
    """The front sheet as decided: the ``report:`` block with the command line's overrides."""

    title: str
    meeting: str | None = None
    meeting_date: Date | None = None
    status: PaperStatus = PaperStatus.DRAFT
    author: str | None = None
    executive_lead: str | None = None
    purpose: str | None = None
    recommendation: str | None = None
    marking: str | None = None


def default_title(framework_title: str, period: str) -> str:
    """Return a paper's title when none is given: the framework's title and the year."""
    return f"{framework_title}: annual assessment {period}"
