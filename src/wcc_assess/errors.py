"""Domain errors and the exit codes they map to.

Every failure the user can cause is raised as a :class:`WccError`; the CLI turns it into a
message on stderr and an exit code in one place (``wcc_assess.cli._app.run_guarded``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

__all__ = [
    "Diagnostic",
    "ExitCode",
    "InputError",
    "UsageError",
    "WccError",
]


class ExitCode(IntEnum):
    """The documented exit codes of every ``wcc`` command."""

    OK = 0
    """All good: the assessment ran and every gate in force passed (or none was set)."""
    GATE_FAILED = 1
    """The assessment ran and failed a gate: a domain below target, or a regression."""
    INVALID = 2
    """Usage error or invalid input; nothing was assessed."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an input file, located as precisely as the file allows."""

    file: str
    """The file as the user named it (``<stdin>`` for standard input)."""
    message: str
    """What is wrong, in plain words."""
    line: int | None = None
    """1-based line of the offending value, when known."""
    column: int | None = None
    """1-based column of the offending value, when known."""
    path: str = ""
    """Dotted field path inside the document, e.g. ``domains.C4.C4.2.level``."""
    hint: str | None = None
    """What would be valid, e.g. ``did you mean C4.2?``."""
    severity: str = "error"
    """``error`` (the file is rejected) or ``warning`` (accepted, but worth a look)."""

    def location(self) -> str:
        """Return ``file:line:column`` with whatever parts are known."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """Return the one-line human form: ``file:line:col: path: message (hint)``."""
        text = f"{self.location()}: {self.severity}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class WccError(Exception):
    """Base of every error the user can cause; carries its exit code."""

    exit_code: ExitCode = ExitCode.INVALID


class UsageError(WccError):
    """The command line asks for something impossible (unknown framework, bad option value)."""


@dataclass
class InputError(WccError):
    """An input file is unreadable or invalid; holds every problem found, not just the first."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        """Return all diagnostics, one per line."""
        return "\n".join(d.format() for d in self.diagnostics)
