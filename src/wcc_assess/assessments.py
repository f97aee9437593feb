"""Earlier assessments as results: a submission (scored here) or a result file (checked).

``wcc assess --baseline`` and ``wcc trend`` accept either: last year's submission YAML, or
the JSON that ``wcc assess --format json`` wrote. A result file is checked against the
:class:`~wcc_assess.models.result.Result` model and its ``schema_version``: any 1.x result
up to this tool's minor version is read; another major version, a newer minor version or
a file that is not a result is refused with a clear error.

Also here: :func:`with_source_lines`, which records where each domain and indicator stands
in the submission so that ``--format github`` can point at the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import Diagnostic, InputError
from wcc_assess.io.loading import (
    display_name,
    is_framework_document,
    parse_document,
    read_text,
    submission_from_document,
)
from wcc_assess.io.yamlsafe import Document
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import RESULT_SCHEMA_VERSION, Result

__all__ = [
    "load_assessment",
    "pooled_resolver",
    "result_from_json",
    "with_source_lines",
]

_VERSION = re.compile(r"^(\d+)\.(\d+)$")
_RESULT_HINT = (
    "pass a result written by `wcc assess --format json`, or the submission YAML file itself"
)


def _fail(
    name: str,
    message: str,
    hint: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> InputError:
    return InputError([Diagnostic(file=name, message=message, hint=hint, line=line, column=column)])


def result_from_json(text: str, name: str) -> Result:
    """Parse and check a result document; raise :class:`InputError` if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _fail(
            name, f"not valid JSON: {error.msg}", _RESULT_HINT, error.lineno, error.colno
        ) from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, str):
        raise _fail(name, "is not a wcc-assess result (it has no schema_version)", _RESULT_HINT)
    match, ours = _VERSION.match(version), _VERSION.match(RESULT_SCHEMA_VERSION)
    assert ours is not None
    if match is None or match[1] != ours[1]:
        raise _fail(
            name,
            f"the result has schema version {version!r}, but this wcc-assess "
            f"reads results of schema {ours[1]}.x",
            "re-run that assessment with this version of wcc-assess, or pass its "
            "submission YAML file instead",
        )
    if int(match[2]) > int(ours[2]):
        raise _fail(
            name,
            f"the result has schema version {version}, newer than this "
            f"wcc-assess's {RESULT_SCHEMA_VERSION}",
            "upgrade wcc-assess, or pass the submission YAML file instead",
        )
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


def pooled_resolver(pool: Sequence[Framework]) -> Callable[[str], Framework]:
    """Return a framework resolver that tries ``pool`` first, then the built-in registry.

    ``pool`` holds the frameworks named on the command line. A submission's
    ``framework: id`` takes the first framework of that id in the pool, and ``id@version``
    the one of that version, if there is one.
    """

    def resolve(spec: str) -> Framework:
        framework_id, _, version = spec.partition("@")
        for framework in pool:
            if framework.id == framework_id and version in ("", framework.version):
                return framework
        from wcc_assess.io.frameworks import resolve_framework

        return resolve_framework(spec)

    return resolve


def load_assessment(
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
    if is_framework_document(document):
        raise _fail(name, "is a framework file, not a submission or a result", _RESULT_HINT)
    loaded = submission_from_document(document, name, resolve=pooled_resolver(frameworks))
    result = score(
        loaded.framework, loaded.submission, ScoreOptions(generated_at=generated_at, source=name)
    )
    return with_source_lines(result, loaded.document)


def with_source_lines(result: Result, document: Document) -> Result:
    """Return ``result`` with the submission lines of domains, indicators and governance areas."""

    def line(*path: str, section: str = "domains") -> int | None:
        where = document.locate((section, *path))
        return where[0] if where else None

    governance = result.governance
    if governance is not None:
        governance = governance.model_copy(
            update={
                "areas": [
                    area.model_copy(update={"line": line(area.id, section="governance")})
                    for area in governance.areas
                ]
            }
        )
    return result.model_copy(
        update={
            "governance": governance,
            "domains": [
                domain.model_copy(
                    update={
                        "line": line(domain.id),
                        "indicators": [
                            indicator.model_copy(update={"line": line(domain.id, indicator.id)})
                            for indicator in domain.indicators
                        ],
                    }
                )
                for domain in result.domains
            ],
        }
    )
