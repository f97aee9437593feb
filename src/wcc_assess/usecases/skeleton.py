"""What a new submission starts from: ``wcc init``'s skeleton, ``wcc schema``'s schemas."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from wcc_assess.errors import UsageError
from wcc_assess.io.frameworks import looks_like_path
from wcc_assess.io.output import check_outputs, emit, needs_writing, refuse_to_overwrite
from wcc_assess.io.paths import relative_path
from wcc_assess.render.schema import Schema, result_schema, schema_text, submission_schema
from wcc_assess.render.skeleton import (
    blank_submission,
    init_notes,
    schema_command,
    schema_filename,
    schema_reference,
)
from wcc_assess.usecases.frameworks import framework_for_period, resolve_framework

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

    A bare built-in id picks the version for the period (``wcc`` for 2008/09 is
    ``wcc@2008``); the submission pins the version it was written for.

    The schema line names the schema relative to the submission's folder, and its comment
    gives the command that writes it there. Nothing is written when any file would be
    refused. Return what to tell the user (the files written and what to do next).
    """
    period = blank.period or current_period(blank.today)
    chosen, period_note = framework_for_period(framework, period)
    framework_file = framework if looks_like_path(framework) else None
    to_stdout = files.output is None or str(files.output) == "-"
    output = None if to_stdout else files.output
    folder = Path(".") if output is None else output.parent
    schema_path = files.schema if files.schema is not None else folder / schema_filename(chosen)
    relative = relative_path(schema_path, folder)
    latest = framework_file is None and resolve_framework(chosen.id).version == chosen.version
    named = chosen.id if latest else chosen.ref
    spec = relative_path(Path(framework_file), folder) if framework_file else named
    text = blank_submission(
        chosen,
        organisation=blank.organisation,
        code=blank.code,
        period=period,
        today=blank.today,
        framework_file=framework_file,
        schema_ref=schema_reference(relative),
        schema_command=schema_command(spec, relative),
    )
    inputs = [framework_file] if framework_file else []
    if not files.force:
        refuse_to_overwrite(output)
    schema_json = (
        schema_text(submission_schema(chosen, latest=framework_file is not None or latest))
        if files.write_schema
        else ""
    )
    write_schema = files.write_schema
    if write_schema:
        check_outputs([output, schema_path], inputs)
        write_schema = needs_writing(schema_path, schema_json, files.force)
    emit(text, output, inputs)
    if write_schema:
        emit(schema_json, schema_path, inputs)
    notes = [period_note] if period_note else []
    return notes + init_notes(
        framework=framework if framework_file else named,
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
    chosen = resolve_framework(framework or "wcc")
    built_in = not looks_like_path(framework or "wcc")
    latest = not built_in or resolve_framework(chosen.id).version == chosen.version
    return submission_schema(chosen, latest=latest)
