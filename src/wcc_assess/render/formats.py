"""The report formats of every command: one enum per renderer family.

Light enough to import at start-up (the command line needs them for its options). A
family's format ``x`` is rendered by the module ``wcc_assess.render.<family>.x``; see
:class:`wcc_assess.render.Family`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActionsFormat",
    "AssessFormat",
    "CheckFormat",
    "CohortFormat",
    "SubmissionFormat",
    "TrendFormat",
]


class AssessFormat(StrEnum):
    """The report formats of ``wcc assess --format``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"


class CohortFormat(StrEnum):
    """The report formats of ``wcc cohort --format``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    """A workbook (bytes): written to a file with -o, or to a pipe."""


class TrendFormat(StrEnum):
    """The formats of ``wcc trend --format``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


class ActionsFormat(StrEnum):
    """The formats of ``wcc actions --format``: the development plan on its own."""

    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    ICS = "ics"


class CheckFormat(StrEnum):
    """How ``wcc validate`` and ``wcc frameworks check`` report."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class SubmissionFormat(StrEnum):
    """The forms of a submission: ``wcc init --format`` and ``wcc convert``."""

    YAML = "yaml"
    XLSX = "xlsx"

    @classmethod
    def of(cls, path: object) -> SubmissionFormat | None:
        """Return the form a file name says (``.yaml``, ``.yml``, ``.xlsx``), if any."""
        name = str(path).lower()
        if name.endswith((".yaml", ".yml")):
            return cls.YAML
        return cls.XLSX if name.endswith(".xlsx") else None
