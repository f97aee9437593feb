"""Reading a submission and checking it against its framework, with every problem located.

A submission is checked in one pass: its shape (the model), the framework it names, and
its content against that framework (:mod:`wcc_assess.core.checks`), so that all of a
file's problems are reported together, sorted by line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from wcc_assess.core.checks import submission_problems
from wcc_assess.errors import MAX_DIAGNOSTICS, Diagnostic, InputError, Loc, UsageError, capped
from wcc_assess.io.loading import locate, raise_located, submission_model
from wcc_assess.io.reading import (
    display_name,
    is_framework_document,
    is_result_document,
    is_workbook,
    parse_document,
    read_bytes,
    read_text,
    text_of,
)
from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission
from wcc_assess.render._words import spreadsheet_words
from wcc_assess.usecases.frameworks import Resolver, resolve_framework

__all__ = [
    "LoadedSubmission",
    "load_submission",
    "load_submission_quickly",
    "read_submission_document",
    "submission_from_document",
    "submission_input",
]

_ZIP = b"PK\x03\x04"


class LoadedSubmission(NamedTuple):
    """A valid submission, the framework it was checked against, and its source."""

    submission: Submission
    framework: Framework
    document: Document
    name: str
    read_notes: list[Diagnostic] = []
    """What reading a workbook noticed without rejecting it (an extra sheet, a level typed
    as a word), located."""

    @property
    def warnings(self) -> list[Diagnostic]:
        """What reading found worth a look (text cut short by ``" #"``, a workbook's notes)."""
        return capped(
            [
                Diagnostic(
                    self.name,
                    problem.message,
                    line=problem.line,
                    column=problem.column,
                    hint=problem.hint,
                    severity="warning",
                    excerpt=problem.excerpt,
                )
                for problem in self.document.warnings
            ]
            + self.read_notes
        )


def submission_input(source: Path | str) -> Document | str:
    """Read a submission file: a workbook's data, or the text of any other file.

    A workbook is a ``.xlsx`` file or any file that is one; other text (YAML, or a result's
    JSON) is returned unparsed.
    """
    # The workbook reader is imported only for a workbook: YAML's start-up does not pay.
    if is_workbook(source):
        from wcc_assess.io.workbook import read_workbook

        return read_workbook(source)
    raw = read_bytes(source)
    name = display_name(source)
    if raw.startswith(_ZIP):
        from wcc_assess.io.workbook import parse_workbook

        return parse_workbook(raw, name)
    return text_of(raw, name)


def read_submission_document(source: Path | str) -> Document:
    """Read a submission file: a workbook (``.xlsx``, or any file that is one) or YAML."""
    found = submission_input(source)
    return found if isinstance(found, Document) else parse_document(found, display_name(source))


def _in_sheet_words(diagnostic: Diagnostic) -> Diagnostic:
    message, hint = spreadsheet_words(diagnostic.message, diagnostic.hint)
    return replace(diagnostic, message=message, hint=hint)


def _beside(found: list[Diagnostic], flagged: list[Loc]) -> list[Diagnostic]:
    """Leave out what the models say of a cell that reading already explained."""
    if not flagged:
        return found
    return [d for d in found if not any(d.loc[: len(loc)] == loc for loc in flagged)]


def _not_a_submission(data: dict[str, Any]) -> Diagnostic | None:
    """Recognise a file that is ours but not a submission: a result or a cohort report."""
    if not is_result_document(data):
        return None
    if data.get("kind") == "cohort":
        what = "a cohort report (wcc cohort --format json)"
    else:
        what = "a result of wcc assess (--format json)"
    return Diagnostic.at(
        (),
        f"this is {what}, not a submission",
        "give the submission YAML it was made from; a result is accepted as --baseline",
    )


def _named_framework(
    data: dict[str, Any], resolve: Resolver
) -> tuple[Framework | None, list[Diagnostic]]:
    """Resolve the submission's own ``framework:``; an unknown one is a problem of the file."""
    declared = data.get("framework")
    if not (isinstance(declared, str) and declared):
        return None, []
    try:
        return resolve(declared), []
    except UsageError as error:  # an unknown framework id or version
        hint = "a framework file of your own is given with --framework PATH"
        message = str(error).partition("; `wcc frameworks list`")[0]
        return None, [Diagnostic.at(("framework",), message, hint)]


def submission_from_document(
    document: Document,
    name: str,
    framework: Framework | None = None,
    *,
    resolve: Resolver = resolve_framework,
) -> LoadedSubmission:
    """Validate a parsed submission; see :func:`load_submission`."""
    loaded, found = _checked(document, name, framework, resolve)
    raise_located(name, document, found, by_line=True)
    assert loaded is not None
    return loaded


def _checked(
    document: Document, name: str, framework: Framework | None, resolve: Resolver
) -> tuple[LoadedSubmission | None, list[Diagnostic]]:
    """Check a parsed submission: the loaded submission, or None and every problem found."""
    data: dict[str, Any] = document.data
    foreign = _not_a_submission(data)
    if foreign is not None:
        raise InputError([foreign.located(name, (1, 1))])
    found: list[Diagnostic] = []
    if framework is None:
        framework, found = _named_framework(data, resolve)
    submission, shape = submission_model(data, document.written.get)
    found += shape
    if framework is not None:
        found += submission_problems(data, framework)
    read = [note for note in document.notes if note.is_error]
    found = read + _beside(found, [note.loc for note in read])
    if document.sheets is not None:
        found = [_in_sheet_words(diagnostic) for diagnostic in found]
    if found or submission is None or framework is None:
        return None, found
    notes = locate(name, document, [note for note in document.notes if not note.is_error])
    return LoadedSubmission(submission, framework, document, name, notes), []


def load_submission(
    source: Path | str,
    framework: Framework | None = None,
    *,
    resolve: Resolver = resolve_framework,
) -> LoadedSubmission:
    """Load a submission and check it against its framework.

    ``framework`` is used when given (``--framework``); otherwise the submission's own
    ``framework:`` field is resolved with ``resolve`` (the built-in registry by default).
    Raises :class:`InputError` listing every problem found.
    """
    return submission_from_document(
        read_submission_document(source), display_name(source), framework, resolve=resolve
    )


def _not_a_framework(name: str) -> InputError:
    return InputError.one(
        name,
        "is a framework file, not a submission",
        "give it with --framework PATH",
        line=1,
        column=1,
    )


def load_submission_quickly(
    path: Path, framework: Framework | None, resolve: Resolver
) -> LoadedSubmission:
    """Load a submission as :func:`load_submission` does, quickly when it is valid.

    The fast path parses without recording positions (most files of a cohort are valid);
    a file with any problem is parsed again with positions (it is read once), so that its
    diagnostics are located exactly as ``wcc validate`` locates them. A badly broken file
    (more problems than are shown) is not checked again: the problems found are located.
    """
    name = display_name(path)
    if is_workbook(path):
        return submission_from_document(
            read_submission_document(path), name, framework, resolve=resolve
        )
    text = read_text(path)
    try:
        data = parse_yaml_data(text, locate=False)
    except YamlProblem:
        data = None
    found: list[Diagnostic] = []
    if isinstance(data, dict) and not is_framework_document(Document(data=data)):
        loaded, found = _checked(Document(data=data), name, framework, resolve)
        if loaded is not None:
            return loaded
    document = parse_document(text, name)  # again, with positions: the file was read once
    if is_framework_document(document):
        raise _not_a_framework(name)
    if len(found) > MAX_DIAGNOSTICS:  # a badly broken file: its problems are not sought twice
        raise_located(name, document, found, by_line=True)
    return submission_from_document(document, name, framework, resolve=resolve)
