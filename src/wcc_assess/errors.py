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
    "MAX_DIAGNOSTICS",
    "ISSUES_URL",
    "InternalError",
    "capped",
    "dotted",
    "error_count",
    "exit_code",
    "sheet_ref",
    "issues_url",
    "non_ascii",
    "readable_path",
    "suggest",
    "unlisted",
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
    INTERNAL = 3
    """An internal error: a bug in wcc-assess, not a problem of the input (please report it)."""


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


def _step(data: object, part: str | int) -> object:
    """Return the child ``part`` of a mapping, list or model, or None."""
    if isinstance(part, int) and isinstance(data, (list, tuple)):
        return data[part] if -len(data) <= part < len(data) else None
    if isinstance(data, dict):
        return data.get(part)
    return getattr(data, str(part), None) if isinstance(part, str) else None


def _named(element: object) -> str | None:
    """Return the ``id`` a list element is known by (a mapping's or a model's), if any."""
    found = element.get("id") if isinstance(element, dict) else getattr(element, "id", None)
    if not isinstance(found, str) or not found.isprintable() or any(c.isspace() for c in found):
        return None  # no id, or one that could not name it legibly (a space, a control)
    return found


def readable_path(loc: Loc, data: object = None) -> str:
    """Return a field path as users read it: ``domains.C4.C4.2.evidence item 1.date``.

    A list index counts from one (``evidence item 1``, not ``evidence.0``); when ``data``
    (the document, or a model) is given and the list element has an ``id`` no sibling
    shares, the id names it instead (``domains.C3.indicators.C3.1``, not
    ``domains.2.indicators.0``).
    """
    text = ""
    for part in loc:
        container = data
        element = _step(data, part)
        if isinstance(part, int) and not isinstance(container, dict):
            name = _named(element)
            if name is not None and isinstance(container, (list, tuple)):
                shared = sum(_named(sibling) == name for sibling in container)
                name = name if shared == 1 else None  # a duplicate id names nothing
            text += f".{name}" if name is not None else f" item {part + 1}"
        else:
            text += f".{part}"
        data = element
    return text.removeprefix(".").strip()


def dotted(loc: Loc) -> str:
    """Return a field path joined with dots: ``domains.C4.C4.2.level``.

    This is a diagnostic's path until it is located in its document, where
    :func:`readable_path` says it as users read it (ids for list elements, counts from one).
    """
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
    excerpt: str | None = field(default=None, repr=False, compare=False)
    """The line of the file the diagnostic points at, when it helps to see it (a syntax
    error): shown under the message with a caret at ``column``."""
    omitted: int = field(default=0, compare=False)
    """For the last line of a capped list (:func:`capped`): how many problems it stands for
    that are not shown; 0 for an ordinary diagnostic."""

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


def non_ascii(word: str) -> str | None:
    """Name the first character of ``word`` that is not ASCII, e.g. ``'С' is U+0421 ...``.

    An id typed or pasted with a look-alike letter (a Cyrillic С for a Latin C) looks right
    and is not; saying which character it is shows why.
    """
    import unicodedata  # only when a problem is found

    for char in word:
        if not char.isascii():
            name = unicodedata.name(char, "an unnamed character")
            shown = char if char.isprintable() else ""
            quoted = f"{shown!r} " if shown else ""
            return f"{quoted}is U+{ord(char):04X} {name}, not an ASCII character"
    return None


MAX_DIAGNOSTICS = 50
"""At most this many diagnostics are shown for one file; one more line says how many else."""


def unlisted(count: int, what: str) -> Diagnostic:
    """Stand for ``count`` problems of one kind that a check did not list one by one.

    A check that finds far more problems than can be shown (45,000 unknown ids) lists the
    first :data:`MAX_DIAGNOSTICS` and counts the rest with this, which costs nothing per
    problem; :func:`capped` folds it into its last line and :func:`error_count` counts it.
    """
    return Diagnostic(file="", message=f"{count:,} more {what}", omitted=count)


def capped(diagnostics: list[Diagnostic], limit: int = MAX_DIAGNOSTICS) -> list[Diagnostic]:
    """Return the first ``limit`` diagnostics, then one line saying how many more there are.

    A hostile or badly broken file (45,000 unknown ids) then gives a page of messages, not
    90,000 lines; :func:`error_count` still counts every error, those counted by
    :func:`unlisted` included.
    """
    listed = [d for d in diagnostics if not d.omitted]
    if len(listed) == len(diagnostics) and len(listed) <= limit:
        return diagnostics
    rest = listed[limit:] + [d for d in diagnostics if d.omitted]
    errors = sum(d.omitted or 1 for d in rest if d.is_error)
    warnings = sum(d.omitted or 1 for d in rest if not d.is_error)
    parts = [
        f"{n:,} more {word}{'s' if n != 1 else ''}"
        for n, word in ((errors, "error"), (warnings, "warning"))
        if n
    ]
    shown = min(limit, len(listed))
    more = Diagnostic(
        file=diagnostics[0].file,
        message=f"and {' and '.join(parts)} not shown (only the first {shown} are)",
        hint="fix these first, then check the file again",
        severity="error" if errors else "warning",
        omitted=errors or warnings,
    )
    return [*listed[:limit], more]


def error_count(diagnostics: list[Diagnostic]) -> int:
    """Count the errors among ``diagnostics``, those a capped list leaves out included."""
    return sum(d.omitted or 1 for d in diagnostics if d.is_error)


def suggest(word: str, choices: list[str]) -> str | None:
    """Return ``did you mean X?`` for the closest choice, or list the choices.

    A word with a character that is not ASCII (among choices that are) says which one.
    """
    import difflib  # only when a problem is found

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    foreign = non_ascii(word) if all(choice.isascii() for choice in choices) else None
    if foreign:
        folded = [c for c in choices if len(c) == len(word)]
        close = close or difflib.get_close_matches(word, folded, n=1, cutoff=0.3)
        return f"{foreign}" + (f"; did you mean {close[0]}?" if close else "")
    if close:
        return f"did you mean {close[0]}?"
    if len(choices) <= 12:
        return f"expected one of {', '.join(choices)}"
    return None


ISSUES_URL = "https://github.com/wcc-assess/wcc-assess/issues"
"""Where to report a bug when the installed package does not say (its ``Issues`` URL)."""


def issues_url() -> str:
    """Return where to report a bug: the installed package's ``Issues`` URL."""
    try:
        from importlib.metadata import metadata

        entries: list[str] = metadata("wcc-assess").get_all("Project-URL") or []
        for entry in entries:
            label, _, url = str(entry).partition(",")
            if label.strip().lower() == "issues" and url.strip():
                return url.strip()
    except Exception:  # noqa: BLE001 - any doubt: the project's own address
        pass
    return ISSUES_URL


class WccError(Exception):
    """Base of every error the user can cause; carries its exit code."""

    exit_code: ExitCode = ExitCode.INVALID


class UsageError(WccError):
    """The command line asks for something impossible (unknown framework, bad option value)."""


class InternalError(WccError):
    """Something went wrong inside wcc-assess (a bug), not in the input."""

    exit_code = ExitCode.INTERNAL


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
        excerpt: str | None = None,
    ) -> InputError:
        """Return the error of a file with one problem, e.g. ``no such file``."""
        return cls(
            [
                Diagnostic(
                    file=file,
                    message=message,
                    hint=hint,
                    line=line,
                    column=column,
                    excerpt=excerpt,
                )
            ]
        )
