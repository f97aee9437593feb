"""Assess a file, and read an earlier assessment (a baseline) as a result.

``wcc assess`` and ``wcc explain`` grade one submission with :func:`assess_file`; ``wcc
assess --baseline`` and ``wcc trend`` read earlier assessments with :func:`load_earlier`.
A new option of the assessment (a panel's, an action plan's) is a field of
:class:`AssessOptions`; a new kind of submission file is read by
:func:`~wcc_assess.usecases.submissions.load_submission`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from wcc_assess.core.scoring import Baseline, ScoreOptions, check_target, score
from wcc_assess.errors import InputError, UsageError
from wcc_assess.io.reading import display_name, parse_document, read_text
from wcc_assess.io.results import result_from_json
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Result
from wcc_assess.usecases.frameworks import pooled_resolver, resolve_framework
from wcc_assess.usecases.submissions import (
    LoadedSubmission,
    load_submission,
    submission_from_document,
)

__all__ = ["AssessOptions", "Assessment", "assess_file", "grade", "load_earlier"]

_RESULT_HINT = (
    "pass a result written by `wcc assess --format json`, or the submission YAML file itself"
)


class AssessOptions(NamedTuple):
    """How to assess a submission: the command line's choices."""

    framework: str | None = None
    """``--framework``: an id, ``id@version`` or a file; None for the submission's own."""
    target: int | None = None
    """``--target`` for every domain."""
    baseline: Path | str | None = None
    """``--baseline``: last year's submission or result."""
    fail_on_regression: bool = False
    fail_on_red: bool = False
    fail_on_overdue: bool = False
    """``--fail-on-overdue``: an overdue action of the plan fails the gate."""
    allow_not_evidenced: bool = False
    """``--allow-not-evidenced``: a domain with a target that was not assessed passes the
    gate (it is still never counted as met)."""


class Assessment(NamedTuple):
    """A graded submission, the framework it was graded against, and every file read."""

    result: Result
    framework: Framework
    inputs: list[Path | str]
    """Every file the assessment read: reports may not be written over any of them."""


def grade(
    loaded: LoadedSubmission,
    *,
    generated_at: str,
    target: int | None = None,
    fail_on_red: bool = False,
    baseline: Baseline | None = None,
    fail_on_overdue: bool = False,
    allow_not_evidenced: bool = False,
) -> Result:
    """Score a loaded submission with its source lines, in one pass."""
    options = ScoreOptions(
        generated_at=generated_at,
        source=loaded.name,
        target=target,
        fail_on_red=fail_on_red,
        baseline=baseline,
        lines=loaded.document.line_of,
        fail_on_overdue=fail_on_overdue,
        allow_not_evidenced=allow_not_evidenced,
    )
    return score(loaded.framework, loaded.submission, options)


def load_earlier(
    source: Path | str, *, generated_at: str, frameworks: Sequence[Framework] = ()
) -> Result:
    """Return the result of a submission YAML (scored) or a result JSON file (checked).

    A submission is checked against its own ``framework:``, looked up first among
    ``frameworks`` and then in the built-in registry; it is scored without a command-line
    target. Raises :class:`InputError` listing every problem found.
    """
    name = display_name(source)
    text = read_text(source)
    if text.lstrip().startswith(("{", "[")):
        return result_from_json(text, name)
    document = parse_document(text, name)
    if "scale" in document.data:
        raise InputError.one(
            name, "is a framework file, not a submission or a result", _RESULT_HINT
        )
    loaded = submission_from_document(document, name, resolve=pooled_resolver(frameworks))
    return grade(loaded, generated_at=generated_at)


def assess_file(source: Path | str, options: AssessOptions, *, generated_at: str) -> Assessment:
    """Grade a submission: load it, check it, compare it with its baseline, in one pass.

    Raises :class:`~wcc_assess.errors.InputError` for an invalid file and
    :class:`~wcc_assess.errors.UsageError` for options that cannot apply (a target off the
    scale, a baseline of another organisation).
    """
    if options.fail_on_regression and options.baseline is None:
        raise UsageError(
            "--fail-on-regression needs --baseline: name last year's submission "
            "or result to compare with"
        )
    chosen = resolve_framework(options.framework) if options.framework else None
    loaded = load_submission(source, chosen)
    check_target(loaded.framework, options.target)
    inputs: list[Path | str] = [source]
    baseline = None
    if options.baseline is not None:
        earlier = load_earlier(
            options.baseline, generated_at=generated_at, frameworks=[loaded.framework]
        )
        baseline = Baseline(earlier, str(options.baseline), options.fail_on_regression)
        inputs.append(options.baseline)
    if options.framework and Path(options.framework).is_file():
        inputs.append(options.framework)
    result = grade(
        loaded,
        generated_at=generated_at,
        target=options.target,
        fail_on_red=options.fail_on_red,
        baseline=baseline,
        fail_on_overdue=options.fail_on_overdue,
        allow_not_evidenced=options.allow_not_evidenced,
    )
    return Assessment(result, loaded.framework, inputs)
