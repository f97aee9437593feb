"""What a new submission starts from: ``wcc init``'s skeleton, ``wcc schema``'s schemas."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from wcc_assess.errors import UsageError
from wcc_assess.io.frameworks import looks_like_path
from wcc_assess.io.output import check_outputs, emit, needs_writing, refuse_to_overwrite
from wcc_assess.io.paths import relative_path
from wcc_assess.models.submission import period_problem
from wcc_assess.render.schema import Schema, result_schema, schema_text, submission_schema
from wcc_assess.render.skeleton import (
    blank_submission,
    init_notes,
    schema_command,
    schema_filename,
    schema_reference,
)
from wcc_assess.usecases.frameworks import resolve_framework

__all__ = [
    "Blank",
    "SkeletonFiles",
    "current_period",
    "schema_of",
    "write_skeleton",
]


class Blank(NamedTuple):
    """Who and when a blank submission is for (empty names are left for the user)."""

    today: date
    organisation: str = ""
    code: str = ""
    period: str | None = None
    """The financial year assessed; None for the one ``today`` falls in."""


class SkeletonFiles(NamedTuple):
    """Where ``wcc init`` writes: the submission, and the JSON Schema its first line names."""

    output: Path | None
    """The submission's file; None (or ``-``) for stdout."""
    schema: Path | None = None
    """Where the schema is (or goes); None for ``<framework id>.schema.json`` beside it."""
    write_schema: bool = False
    """Write the schema too (an identical file already there is left alone)."""
    force: bool = False
    """Replace a different file already there."""


def current_period(today: date) -> str:
    """Return the financial year ``today`` falls in (NHS years start in April)."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def write_skeleton(framework: str, blank: Blank, files: SkeletonFiles) -> list[str]:
    """Write a complete blank submission for ``framework`` (an id or a file), and its schema.

    The schema line names the schema relative to the submission's folder, and its comment
    gives the command that writes it there. Nothing is written when any file would be
    refused. Return what to tell the user (the files written and what to do next).
    """
    if blank.period is not None:
        problem = period_problem(blank.period)
        if problem is not None:
            raise UsageError(f"--period {problem}")
    chosen = resolve_framework(framework)
    framework_file = framework if looks_like_path(framework) else None
    to_stdout = files.output is None or str(files.output) == "-"
    output = None if to_stdout else files.output
    folder = Path(".") if output is None else output.parent
    schema_path = files.schema if files.schema is not None else folder / schema_filename(chosen)
    relative = relative_path(schema_path, folder)
    spec = relative_path(Path(framework_file), folder) if framework_file else chosen.id
    text = blank_submission(
        chosen,
        organisation=blank.organisation,
        code=blank.code,
        period=blank.period or current_period(blank.today),
        today=blank.today,
        framework_file=framework_file,
        schema_ref=schema_reference(relative),
        schema_command=schema_command(spec, relative),
    )
    inputs = [framework_file] if framework_file else []
    if not files.force:
        refuse_to_overwrite(output)
    schema_json = schema_text(submission_schema(chosen)) if files.write_schema else ""
    write_schema = files.write_schema
    if write_schema:
        check_outputs([output, schema_path], inputs)
        write_schema = needs_writing(schema_path, schema_json, files.force)
    emit(text, output, inputs)
    if write_schema:
        emit(schema_json, schema_path, inputs)
    return init_notes(
        framework=framework,
        framework_file=framework_file,
        output=output,
        schema_path=schema_path,
        schema_written=write_schema,
        schema_exists=schema_path.exists(),
    )


def schema_of(framework: str | None, *, result: bool = False) -> Schema:
    """Return the JSON Schema of a framework's submissions (default ``wcc``), or of results."""
    if result and framework is not None:
        raise UsageError("--result describes the result of every framework; drop --framework")
    if result:
        return result_schema()
    return submission_schema(resolve_framework(framework or "wcc"))
