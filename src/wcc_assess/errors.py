"""Domain errors, the one diagnostic type, and the exit codes they map to.

Every failure the user can cause is raised as a :class:`WccError`; every problem found in
an input (an error or a warning) is a :class:`Diagnostic`. The command line turns both into
messages on stderr and an exit code in one place (``wcc_assess.cli._app.guarded``), and a
command that ran reports how it went with :func:`exit_code`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Literal

__all__ = [
    "Diagnostic",
    "Place",
    "ExitCode",
    "InputError",
    "Loc",
    "Severity",
    "UsageError",
    "WccError",
    "cell_name",
    "dotted",
    "exit_code",
    "sheet_ref",
    "suggest",
]

Loc = tuple[str | int, ...]
"""A field path inside a document, e.g. ``("domains", "C4", "C4.2", "level")``."""

Severity = Literal["error", "warning"]

Place = tuple[int, int] | tuple[int, int, str]
"""Where a value stands: (line, column) in a text file, or (row, column, sheet) in a
workbook (1-based)."""


class ExitCode(IntEnum):
    """The documented exit codes of every ``wcc`` command."""

    OK = 0
    """All good: the assessment ran and every gate in force passed (or none was set)."""
    GATE_FAILED = 1
    """The assessment ran and failed a gate: a domain below target, or a regression."""
    INVALID = 2
    """Usage error or invalid input; nothing was assessed."""


def exit_code(*, gate_failed: bool = False, invalid: bool = False) -> ExitCode:
    """Return how a command that ran ends: 2 if an input was invalid, 1 if a gate failed, else 0."""
    if invalid:
        return ExitCode.INVALID
    return ExitCode.GATE_FAILED if gate_failed else ExitCode.OK


def cell_name(row: int, column: int) -> str:
    """Return a cell's name as a spreadsheet shows it: ``cell_name(14, 5)`` is ``E14``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def sheet_ref(sheet: str) -> str:
    """Return a sheet's name as a formula writes it: quoted when it holds more than letters."""
    if sheet.replace("_", "").isalnum():
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def dotted(loc: Loc) -> str:
    """Return a field path as users read it: ``domains.C4.C4.2.level``."""
    return ".".join(str(part) for part in loc)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an input, located as precisely as the input allows.

    Checks that look at data rather than text (framework lint, a submission against its
    framework, the translation of model errors) make one with :meth:`at`: it knows its
    field path but not yet its file, line or column, which :meth:`located` fills in.
    """

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
    severity: Severity = "error"
    """``error`` (the file is rejected) or ``warning`` (accepted, but worth a look)."""
    loc: Loc = field(default=(), repr=False, compare=False)
    """The field path as a tuple (ids may hold dots), for locating it in the document; not
    part of the diagnostic's identity (two at the same ``path`` are the same)."""
    sheet: str | None = None
    """In a workbook: the sheet; ``line`` and ``column`` are then the cell's row and
    column (``Ratings!E14`` is row 14, column 5)."""

    @classmethod
    def at(
        cls, loc: Loc, message: str, hint: str | None = None, *, severity: Severity = "error"
    ) -> Diagnostic:
        """Return a diagnostic at field path ``loc``, not yet located in a file."""
        return cls(
            file="", message=message, path=dotted(loc), hint=hint, severity=severity, loc=loc
        )

    def located(self, file: str, where: Place | None) -> Diagnostic:
        """Return this diagnostic in ``file`` at ``where`` (line, column, or a sheet's cell)."""
        if where is None:
            return replace(self, file=file, line=None, column=None)
        sheet = where[2] if len(where) == 3 else None
        return replace(self, file=file, line=where[0], column=where[1], sheet=sheet)

    @property
    def cell(self) -> str | None:
        """The cell of a workbook diagnostic (``E14``), else None."""
        if self.sheet is None or self.line is None:
            return None
        return cell_name(self.line, self.column or 1)

    @property
    def is_error(self) -> bool:
        """Whether the diagnostic rejects its input (a warning does not)."""
        return self.severity == "error"

    def location(self) -> str:
        """Return ``file:line:column`` (``file:Sheet!E14`` in a workbook) with what is known."""
        where = self.file
        if self.sheet is not None:
            where += f":{sheet_ref(self.sheet)}"
            return where + f"!{self.cell}" if self.cell else where
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

    def as_dict(self) -> dict[str, object]:
        """Return the JSON form (``wcc validate --format json``): every field but ``loc``.

        A diagnostic in a workbook also has ``sheet`` and ``cell`` (``line`` and ``column``
        are then the cell's row and column).
        """
        found: dict[str, object] = {
            "file": self.file,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "hint": self.hint,
            "severity": self.severity,
        }
        if self.sheet is not None:
            found |= {"sheet": self.sheet, "cell": self.cell}
        return found


def suggest(word: str, choices: list[str]) -> str | None:
    """Return ``did you mean X?`` for the closest choice, or list the choices."""
    import difflib  # only when a problem is found

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if close:
        return f"did you mean {close[0]}?"
    if len(choices) <= 12:
        return f"expected one of {', '.join(choices)}"
    return None


class WccError(Exception):
    """Base of every error the user can cause; carries its exit code."""

    exit_code: ExitCode = ExitCode.INVALID


class UsageError(WccError):
    """The command line asks for something impossible (unknown framework, bad option value)."""


class InputError(WccError):
    """An input file is unreadable or invalid; holds every problem found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic] | None = None) -> None:
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])
        super().__init__(self.summary())

    def summary(self) -> str:
        """Return all diagnostics, one per line."""
        return "\n".join(d.format() for d in self.diagnostics)

    @classmethod
    def one(
        cls,
        file: str,
        message: str,
        hint: str | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> InputError:
        """Return the error of a file with one problem, e.g. ``no such file``."""
        return cls([Diagnostic(file=file, message=message, hint=hint, line=line, column=column)])
