"""Reading the JSON documents ``wcc`` writes, when they come back as inputs.

A result (``wcc assess --format json``) is a baseline for ``wcc assess`` and ``wcc trend``:
it is checked against the :class:`~wcc_assess.models.result.Result` model and its
``schema_version`` (any 1.x up to this tool's minor version is read; another major
version, a newer minor version or a file that is not a result is refused). A cohort
baseline may also be a cohort report (``wcc cohort --format json``).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from wcc_assess.errors import Diagnostic, InputError
from wcc_assess.models.result import RESULT_SCHEMA_VERSION, Result

if TYPE_CHECKING:
    from wcc_assess.models.cohort import InvalidSubmission, OrganisationSummary

__all__ = ["cohort_baseline_from_json", "result_from_json"]

_VERSION = re.compile(r"^(\d+)\.(\d+)$")
_RESULT_HINT = (
    "pass a result written by `wcc assess --format json`, or the submission YAML file itself"
)


def _check_version(data: Any, name: str) -> None:
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, str):
        raise InputError.one(
            name, "is not a wcc-assess result (it has no schema_version)", _RESULT_HINT
        )
    match, ours = _VERSION.match(version), _VERSION.match(RESULT_SCHEMA_VERSION)
    assert ours is not None
    if match is None or match[1] != ours[1]:
        raise InputError.one(
            name,
            f"the result has schema version {version!r}, but this wcc-assess "
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


def result_from_json(text: str, name: str) -> Result:
    """Parse and check a result document; raise :class:`InputError` if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError.one(
            name,
            f"not valid JSON: {error.msg}",
            _RESULT_HINT,
            line=error.lineno,
            column=error.colno,
        ) from None
    _check_version(data, name)
    try:
        return Result.model_validate(data)
    except ValidationError as error:
        raise InputError(
            [
                Diagnostic(
                    file=name,
                    path=".".join(str(part) for part in item["loc"]),
                    message=str(item["msg"]),
                    hint=_RESULT_HINT if index == 0 else None,
                )
                for index, item in enumerate(error.errors(include_url=False))
            ]
        ) from None


def cohort_baseline_from_json(
    text: str, name: str
) -> Result | list[OrganisationSummary] | InvalidSubmission:
    """Read a cohort's baseline JSON: a result, a cohort report's organisations, or why not."""
    from wcc_assess.models.cohort import CohortResult, InvalidSubmission, OrganisationSummary

    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"malformed JSON: {error.msg}"
        return InvalidSubmission.one(
            Diagnostic(name, message, line=error.lineno, column=error.colno)
        )
    is_cohort = isinstance(data, dict) and data.get("kind") == "cohort"
    try:
        if is_cohort:
            cohort = CohortResult.model_validate(data)
            return [
                OrganisationSummary(
                    **entry.model_dump(exclude={"rank", "score_rank", "governance_rank"})
                )
                for entry in cohort.league
            ]
        return Result.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        what = "cohort report" if is_cohort else "result"
        return InvalidSubmission.one(
            Diagnostic(
                name,
                f"not a wcc {what} JSON file: {where}: {first['msg']}",
                hint="give a file written by `wcc assess --format json` or "
                "`wcc cohort --format json`",
            )
        )
