"""The outcome of checking a file without grading it (``wcc validate``, ``frameworks check``)."""

from dataclasses import dataclass
from enum import StrEnum

from wcc_assess.errors import Diagnostic
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission

__all__ = ["FileCheck", "FileKind"]


class FileKind(StrEnum):
    """What a checked file turned out to be."""

    SUBMISSION = "submission"
    FRAMEWORK = "framework"
    UNKNOWN = "unknown"
    """Unreadable, or not YAML: nothing tells what it was meant to be."""


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One checked file: what it is, what it holds when valid, and every finding."""

    file: str
    """The file as given on the command line."""
    kind: FileKind
    diagnostics: list[Diagnostic]
    framework: Framework | None = None
    """The framework checked, or the one the submission was checked against; None if invalid."""
    submission: Submission | None = None
    """The submission, when the file is a valid one."""

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that reject the file."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that only advise."""
        return [d for d in self.diagnostics if not d.is_error]
