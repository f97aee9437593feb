"""Reading a submission and checking it against its framework, with every problem located.

A submission is checked in one pass: its shape (the model), the framework it names, and
its content against that framework (:mod:`wcc_assess.core.checks`), so that all of a
file's problems are reported together, sorted by line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from wcc_assess.core.checks import submission_problems
from wcc_assess.errors import MAX_DIAGNOSTICS, Diagnostic, InputError, UsageError, capped
from wcc_assess.io.loading import raise_located, submission_model
from wcc_assess.io.reading import (
    display_name,
    is_framework_document,
    is_result_document,
    parse_document,
    read_document,
    read_text,
)
from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission
from wcc_assess.usecases.frameworks import Resolver, resolve_framework

__all__ = [
    "LoadedSubmission",
    "load_submission",
    "load_submission_quickly",
    "submission_from_document",
]


class LoadedSubmission(NamedTuple):
    """A valid submission, the framework it was checked against, and its source."""

    submission: Submission
    framework: Framework
    document: Document
    name: str

    @property
    def warnings(self) -> list[Diagnostic]:
        """What reading the file found worth a look (text cut short by ``" #"``), located."""
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
        )


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
    if found or submission is None or framework is None:
        return None, found
    return LoadedSubmission(submission, framework, document, name), []


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
        read_document(source), display_name(source), framework, resolve=resolve
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
