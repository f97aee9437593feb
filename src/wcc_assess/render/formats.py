"""The report formats of every command, light enough to import at start-up."""

from enum import StrEnum

__all__ = ["CheckFormat"]


class CheckFormat(StrEnum):
    """How ``wcc validate`` and ``wcc frameworks check`` report."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
