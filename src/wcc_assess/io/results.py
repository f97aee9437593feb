"""Reading the JSON documents ``wcc`` writes, when they come back as inputs.

A result (``wcc assess --format json``) is a baseline for ``wcc assess`` and ``wcc trend``:
it is checked against the :class:`~wcc_assess.models.result.Result` model and its
``schema_version`` (any 1.x up to this tool's minor version is read; another major
version, a newer minor version or a file that is not a result is refused). A cohort
baseline may also be a cohort report (``wcc cohort --format json``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from wcc_assess.errors import Diagnostic, InputError, capped, readable_path
from wcc_assess.io.loading import model_problems
from wcc_assess.models.result import RESULT_SCHEMA_VERSION, Result

if TYPE_CHECKING:
    from wcc_assess.models.cohort import CohortResult, InvalidSubmission, OrganisationSummary

__all__ = [
    "COHORT_HINT",
    "RESULT_HINT",
    "cohort_baseline_from_data",
    "cohort_baseline_from_json",
    "cohort_from_json",
    "result_from_data",
    "result_from_json",
]

_VERSION = re.compile(r"\A([0-9]{1,6})\.([0-9]{1,6})\Z")
RESULT_HINT = (
    "pass a result written by `wcc assess --format json`, or the submission YAML file itself"
)
COHORT_HINT = "give a file written by `wcc assess --format json` or `wcc cohort --format json`"


def _check_version(data: Any, name: str) -> None:
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, str):
        raise InputError.one(
            name, "is not a wcc-assess result (it has no schema_version)", RESULT_HINT
        )
    match, ours = _VERSION.match(version), _VERSION.match(RESULT_SCHEMA_VERSION)
    assert ours is not None
    if match is None or match[1] != ours[1]:
        shown = version if len(version) <= 20 else version[:17] + "..."
        raise InputError.one(
            name,
            f"the result has schema version {shown!r}, but this wcc-assess "
            f"reads results of schema {ours[1]}.x",
            "re-run that assessment with this version of wcc-assess, or pass its "
            "submission YAML file instead",
        )
    if int(match[2]) > int(ours[2]):
        raise InputError.one(
            name,
            f"the result has schema version {version}, newer than this "
            f"wcc-assess's {RESULT_SCHEMA_VERSION}",
            "upgrade wcc-assess, or pass the submission YAML file instead",
        )


def _model_errors(
    error: ValidationError, model: Any, data: Any, name: str, hint: str
) -> InputError:
    """Return the model's errors in our words, each at the path users read (ids, not indexes)."""
    found = [
        Diagnostic(name, d.message, path=readable_path(d.loc, data), hint=d.hint)
        for d in model_problems(error, model)
    ]
    found[0] = Diagnostic(
        name,
        found[0].message,
        path=found[0].path,
        hint="; ".join(filter(None, [found[0].hint, hint])),
    )
    return InputError(capped(found))


def result_from_data(data: Any, name: str) -> Result:
    """Check parsed JSON as a result: its schema version and its model.

    Whether its figures make sense (levels on its own scale) is judged by
    :func:`wcc_assess.core.consistency.result_problems`, which the use cases apply.
    """
    _check_version(data, name)
    try:
        return Result.model_validate(data)
    except ValidationError as error:
        raise _model_errors(error, Result, data, name, RESULT_HINT) from None


def result_from_json(text: str, name: str) -> Result:
    """Parse and check a result document; raise :class:`InputError` if it is not one."""
    from wcc_assess.io.jsonsafe import load_json  # only when a JSON file is read

    return result_from_data(load_json(text, name, RESULT_HINT), name)


def cohort_baseline_from_data(
    data: Any, name: str
) -> Result | list[OrganisationSummary] | InvalidSubmission:
    """Read a cohort's parsed baseline JSON: a result, a cohort's organisations, or why not."""
    from wcc_assess.models.cohort import CohortResult, InvalidSubmission, OrganisationSummary

    try:
        if not (isinstance(data, dict) and data.get("kind") == "cohort"):
            return result_from_data(data, name)
        try:
            cohort = CohortResult.model_validate(data)
        except ValidationError as error:
            raise _model_errors(error, CohortResult, data, name, COHORT_HINT) from None
    except InputError as error:
        return InvalidSubmission.of(name, error.diagnostics)
    return [
        OrganisationSummary(**entry.model_dump(exclude={"rank", "score_rank", "governance_rank"}))
        for entry in cohort.league
    ]


def cohort_baseline_from_json(
    text: str, name: str
) -> Result | list[OrganisationSummary] | InvalidSubmission:
    """Read a cohort's baseline JSON: a result, a cohort report's organisations, or why not."""
    from wcc_assess.io.jsonsafe import load_json
    from wcc_assess.models.cohort import InvalidSubmission

    try:
        data = load_json(text, name, COHORT_HINT)
    except InputError as error:
        return InvalidSubmission.of(name, error.diagnostics)
    return cohort_baseline_from_data(data, name)


_PEERS_HINT = "pass a cohort report written by `wcc cohort --format json`"


def cohort_from_json(text: str, name: str) -> CohortResult:
    """Parse and check a cohort report (``wcc cohort --format json``), or raise InputError."""
    from wcc_assess.io.jsonsafe import load_json  # only when a JSON file is read
    from wcc_assess.models.cohort import CohortResult

    data = load_json(text, name, _PEERS_HINT)
    if not isinstance(data, dict) or data.get("kind") != "cohort":
        raise InputError.one(name, 'is not a cohort report (no "kind": "cohort")', _PEERS_HINT)
    try:
        return CohortResult.model_validate(data)
    except ValidationError as error:
        raise _model_errors(error, CohortResult, data, name, _PEERS_HINT) from None
