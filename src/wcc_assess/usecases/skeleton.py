"""What a new submission starts from: ``wcc init``'s skeleton, ``wcc schema``'s schemas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wcc_assess.errors import UsageError
from wcc_assess.io.frameworks import looks_like_path
from wcc_assess.render.schema import Schema, result_schema, submission_schema
from wcc_assess.render.skeleton import blank_submission
from wcc_assess.usecases.frameworks import resolve_framework

__all__ = ["Skeleton", "current_period", "schema_of", "skeleton"]


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A blank submission's text, and the framework file it names (not built in)."""

    text: str
    framework_file: str | None


def current_period(today: date) -> str:
    """Return the financial year ``today`` falls in (NHS years start in April)."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def skeleton(
    framework: str,
    *,
    organisation: str = "",
    code: str = "",
    period: str | None = None,
    today: date,
) -> Skeleton:
    """Return a complete blank submission for ``framework`` (an id or a file)."""
    chosen = resolve_framework(framework)
    framework_file = framework if looks_like_path(framework) else None
    text = blank_submission(
        chosen,
        organisation=organisation,
        code=code,
        period=period or current_period(today),
        today=today,
        framework_file=framework_file,
    )
    return Skeleton(text, framework_file)


def schema_of(framework: str | None, *, result: bool = False) -> Schema:
    """Return the JSON Schema of a framework's submissions (default ``wcc``), or of results."""
    if result and framework is not None:
        raise UsageError("--result describes the result of every framework; drop --framework")
    if result:
        return result_schema()
    return submission_schema(resolve_framework(framework or "wcc"))
