"""Assess a file, and read an earlier assessment (a baseline) as a result.

``wcc assess`` and ``wcc explain`` grade one submission with :func:`assess_file`; ``wcc
assess --baseline`` and ``wcc trend`` read earlier assessments with :func:`load_earlier`.
A new option of the assessment (a panel's, an action plan's) is a field of
:class:`AssessOptions`; a new kind of submission file is read by
:func:`~wcc_assess.usecases.submissions.load_submission`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from wcc_assess.core.scoring import Baseline, ScoreOptions, check_target, score
from wcc_assess.errors import Diagnostic, InputError, UsageError, capped, readable_path
from wcc_assess.io.reading import display_name, is_submission_data, parse_document, read_text
from wcc_assess.io.results import RESULT_HINT, cohort_from_json, result_from_data
from wcc_assess.models.framework import Framework
from wcc_assess.models.paper import PaperStatus, ReportDetails
from wcc_assess.models.result import Result
from wcc_assess.usecases.frameworks import pooled_resolver, resolve_framework
from wcc_assess.usecases.submissions import (
    LoadedSubmission,
    load_submission,
    submission_from_document,
    submission_input,
)

__all__ = [
    "AssessOptions",
    "Assessment",
    "assess_file",
    "checked_result",
    "front_sheet",
    "grade",
    "load_earlier",
    "with_peers",
]


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
    paper: ReportDetails | None = None
    """The front sheet's fields given on the command line (``--paper-title`` …)."""
    peers: Path | str | None = None
    """``--peers``: a cohort report to rank the organisation against, domain by domain."""


class Assessment(NamedTuple):
    """A graded submission, the framework it was graded against, and every file read."""

    result: Result
    framework: Framework
    inputs: list[Path | str]
    """Every file the assessment read: reports may not be written over any of them."""
    warnings: list[Diagnostic] = []
    """What reading the submission found worth a look (text cut short by ``" #"``)."""


def grade(
    loaded: LoadedSubmission,
    *,
    generated_at: str,
    target: int | None = None,
    fail_on_red: bool = False,
    baseline: Baseline | None = None,
    fail_on_overdue: bool = False,
    allow_not_evidenced: bool = False,
    paper: ReportDetails | None = None,
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
        paper=paper,
    )
    return score(loaded.framework, loaded.submission, options)


def checked_result(result: Result, name: str) -> Result:
    """Return a result read back from a file, if its figures are possible on its own scale.

    Raises :class:`InputError` naming each level off the scale, score or percent out of
    range, or period that is not a financial year (a hand-edited or crafted file).
    """
    from wcc_assess.core.consistency import result_problems  # only for a result read back

    problems = result_problems(result)
    if problems:
        raise InputError(
            capped(
                [
                    Diagnostic(name, d.message, path=readable_path(d.loc, result), hint=d.hint)
                    for d in problems
                ]
            )
        )
    return result


def load_earlier(
    source: Path | str, *, generated_at: str, frameworks: Sequence[Framework] = ()
) -> Result:
    """Return the result of a submission (YAML or a workbook, scored) or a result JSON file.

    A submission, in YAML or in JSON syntax, is checked against its own ``framework:``,
    looked up first among ``frameworks`` and then in the built-in registry; it is scored
    without a command-line target. Raises :class:`InputError` listing every problem found.
    """
    name = display_name(source)
    found = submission_input(source)
    if isinstance(found, str) and found.lstrip().startswith(("{", "[")):
        from wcc_assess.io.jsonsafe import load_json  # only for a JSON file

        data = load_json(found, name, RESULT_HINT)
        if not is_submission_data(data):
            return checked_result(result_from_data(data, name), name)
    document = parse_document(found, name) if isinstance(found, str) else found
    if "scale" in document.data:
        raise InputError.one(name, "is a framework file, not a submission or a result", RESULT_HINT)
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
        paper=options.paper,
    )
    if options.peers is not None:
        result = with_peers(result, options.peers)
        inputs.append(options.peers)
    return Assessment(result, loaded.framework, inputs, loaded.warnings)


# The front sheet's fields, in the order of front_sheet's arguments.
_FRONT_SHEET = (
    ("title", "--paper-title"),
    ("meeting", "--meeting"),
    ("meeting_date", "--meeting-date"),
    ("status", "--paper-status"),
    ("author", "--author"),
    ("executive_lead", "--executive-lead"),
    ("purpose", "--purpose"),
    ("recommendation", "--recommendation"),
    ("marking", "--marking"),
)


def front_sheet(*values: object) -> ReportDetails | None:
    """Return the front sheet's fields given on the command line (None if none was).

    ``values`` are the options in the order of ``--paper-title, --meeting, --meeting-date,
    --paper-status, --author, --executive-lead, --purpose, --recommendation, --marking``;
    a date may come as a datetime (click's). Raises :class:`UsageError` for an empty text.
    """
    given: dict[str, object] = {}
    for (name, option), value in zip(_FRONT_SHEET, values, strict=True):
        if value is None:
            continue
        if isinstance(value, str) and not value.strip():
            raise UsageError(f"{option} is empty: give the text, or leave the option out")
        given[name] = value.date() if isinstance(value, datetime) else value
    if given.get("status") not in (None, *PaperStatus):
        raise UsageError(f"--paper-status {given['status']!r}: use draft or final")
    return ReportDetails.model_validate(given) if given else None


def with_peers(result: Result, source: Path | str) -> Result:
    """Return ``result`` with its place among a cohort report's organisations.

    Raises :class:`InputError` when the file is not a cohort report or grades another
    framework.
    """
    name = display_name(source)
    cohort = cohort_from_json(read_text(source), name)
    ours, theirs = result.framework, cohort.framework
    if (theirs.id, theirs.version) != (ours.id, ours.version):
        raise InputError.one(
            name,
            f"the cohort was graded against {theirs.id} {theirs.version}, this assessment "
            f"against {ours.id} {ours.version}",
            f"pass a cohort report of {ours.id} {ours.version} organisations",
        )
    from wcc_assess.core.peers import peer_position  # only with --peers (start-up)

    return result.model_copy(update={"peers": peer_position(result, cohort, name)})
