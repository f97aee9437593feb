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
from wcc_assess.errors import Diagnostic, InputError, Loc, UsageError
from wcc_assess.io.loading import locate, raise_located, submission_model
from wcc_assess.io.reading import (
    display_name,
    is_framework_document,
    is_workbook,
    parse_document,
    read_bytes,
    read_document,
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
    warnings: list[Diagnostic] = []
    """What reading the file noticed without rejecting it (a workbook's extra sheet, a
    level typed as a word), located."""


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
        return None, [Diagnostic.at(("framework",), str(error))]


def submission_from_document(
    document: Document,
    name: str,
    framework: Framework | None = None,
    *,
    resolve: Resolver = resolve_framework,
) -> LoadedSubmission:
    """Validate a parsed submission; see :func:`load_submission`."""
    data: dict[str, Any] = document.data
    found: list[Diagnostic] = []
    if framework is None:
        framework, found = _named_framework(data, resolve)
    submission, shape = submission_model(data)
    found += shape
    if framework is not None:
        found += submission_problems(data, framework)
    read = [note for note in document.notes if note.is_error]
    found = read + _beside(found, [note.loc for note in read])
    if document.sheets is not None:
        found = [_in_sheet_words(diagnostic) for diagnostic in found]
    raise_located(name, document, found, by_line=True)
    assert submission is not None and framework is not None
    warnings = [note for note in document.notes if not note.is_error]
    return LoadedSubmission(
        submission=submission,
        framework=framework,
        document=document,
        name=name,
        warnings=locate(name, document, warnings),
    )


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
    a file with any problem is read again the ordinary way, so that its diagnostics are
    located exactly as ``wcc validate`` locates them.
    """
    name = display_name(path)
    if is_workbook(path):
        return submission_from_document(
            read_submission_document(path), name, framework, resolve=resolve
        )
    text = read_text(path)
    try:
        data = parse_yaml_data(text)
    except YamlProblem:
        data = None
    if isinstance(data, dict) and not is_framework_document(Document(data=data)):
        try:
            return submission_from_document(Document(data=data), name, framework, resolve=resolve)
        except InputError:
            pass
    document = read_document(path)
    if is_framework_document(document):
        raise _not_a_framework(name)
    return submission_from_document(document, name, framework, resolve=resolve)
