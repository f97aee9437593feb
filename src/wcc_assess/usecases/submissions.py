"""Reading a submission and checking it against its framework, with every problem located.

A submission is checked in one pass: its shape (the model), the framework it names, and
its content against that framework (:mod:`wcc_assess.core.checks`), so that all of a
file's problems are reported together, sorted by line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from wcc_assess.core.checks import submission_problems
from wcc_assess.errors import Diagnostic, InputError, UsageError, WccError
from wcc_assess.io.loading import raise_located, submission_model
from wcc_assess.io.reading import display_name, is_framework_document, read_document, read_text
from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission
from wcc_assess.usecases.frameworks import Resolver, framework_for_period, resolve_framework

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


def _version_hint(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Point at ``framework:`` when the period belongs to another built-in version of it.

    Given only with other problems: a submission for 2008/09 that names bare ``wcc`` (the
    2009 rules) fails on C11, governance and trajectories, and the cause is one line.
    """
    period, declared = data.get("period"), data.get("framework")
    if not (isinstance(period, str) and isinstance(declared, str)) or "@" in declared:
        return []
    try:
        fitting, _ = framework_for_period(framework.id, period)
    except WccError:
        return []
    if fitting.version == framework.version:
        return []
    message = (
        f"{period} was assessed under {fitting.ref}, the version for that year; "
        f"framework: {declared} names {framework.ref}"
    )
    hint = f"write framework: {fitting.ref}"
    return [Diagnostic.at(("framework",), message, hint, severity="warning")]


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
        found += _version_hint(data, framework) if found else []
    raise_located(name, document, found, by_line=True)
    assert submission is not None and framework is not None
    return LoadedSubmission(
        submission=submission, framework=framework, document=document, name=name
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
    a file with any problem is read again the ordinary way, so that its diagnostics are
    located exactly as ``wcc validate`` locates them.
    """
    name = display_name(path)
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
