"""What a new submission starts from: ``wcc init``'s skeleton, ``wcc schema``'s schemas."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import UsageError
from wcc_assess.io.frameworks import looks_like_path
from wcc_assess.io.output import check_outputs, emit, needs_writing, refuse_to_overwrite
from wcc_assess.io.paths import relative_path
from wcc_assess.io.reading import parse_document
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import period_problem
from wcc_assess.render.formats import SubmissionFormat
from wcc_assess.render.schema import Schema, result_schema, schema_text, submission_schema
from wcc_assess.render.skeleton import (
    Rolled,
    blank_submission,
    init_notes,
    rolled_notes,
    rolled_submission,
    schema_command,
    schema_filename,
    schema_reference,
    workbook_note,
)
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import load_submission

__all__ = [
    "Blank",
    "RollFrom",
    "SkeletonFiles",
    "current_period",
    "following_period",
    "new_submission",
    "roll_forward",
    "schema_of",
    "write_skeleton",
    "years_after",
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
    form: SubmissionFormat | None = None
    """YAML or a workbook; None: as the output's name says (``.xlsx``), else YAML."""

    @property
    def workbook(self) -> bool:
        """Whether the submission is written as a workbook (``--format xlsx``)."""
        return (self.form or SubmissionFormat.of(self.output)) is SubmissionFormat.XLSX


def current_period(today: date) -> str:
    """Return the financial year ``today`` falls in (NHS years start in April)."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


class _Place(NamedTuple):
    """Where a new submission goes, where its schema is, and how its first lines name it."""

    output: Path | None
    schema_path: Path
    schema_ref: str
    schema_command: str


def _place(chosen: Framework, framework_file: str | None, files: SkeletonFiles) -> _Place:
    """Work out the submission's file and its schema's, relative to the submission's folder."""
    to_stdout = files.output is None or str(files.output) == "-"
    output = None if to_stdout else files.output
    folder = Path(".") if output is None else output.parent
    schema_path = files.schema if files.schema is not None else folder / schema_filename(chosen)
    relative = relative_path(schema_path, folder)
    spec = relative_path(Path(framework_file), folder) if framework_file else chosen.id
    return _Place(output, schema_path, schema_reference(relative), schema_command(spec, relative))


def _write(
    text: str, chosen: Framework, place: _Place, files: SkeletonFiles, inputs: list[Path | str]
) -> bool:
    """Write the submission (never over an input) and, if asked, its schema.

    Nothing is written when any file would be refused; return whether the schema was. A
    workbook (``--format xlsx``) holds what the YAML ``text`` says, on its sheets.
    """
    if files.workbook:
        _write_workbook(text, chosen, place, files, inputs)
        return False
    if not files.force:
        refuse_to_overwrite(place.output)
    check_outputs([place.output], inputs)
    schema_json = schema_text(submission_schema(chosen)) if files.write_schema else ""
    write_schema = files.write_schema
    if write_schema:
        check_outputs([place.output, place.schema_path], inputs)
        write_schema = needs_writing(place.schema_path, schema_json, files.force)
    emit(text, place.output, inputs)
    if write_schema:
        emit(schema_json, place.schema_path, inputs)
    return write_schema


def _write_workbook(
    text: str, chosen: Framework, place: _Place, files: SkeletonFiles, inputs: list[Path | str]
) -> None:
    """Write a new submission as a workbook to fill in: the data of its YAML ``text``."""
    from wcc_assess.render.workbook import submission_workbook

    output = place.output
    if output is None or SubmissionFormat.of(output) is not SubmissionFormat.XLSX:
        raise UsageError("a workbook is written to a file: give -o NAME.xlsx")
    if files.write_schema or files.schema is not None:
        raise UsageError("--write-schema and --schema are for YAML submissions, not workbooks")
    if not files.force:
        refuse_to_overwrite(output)
    check_outputs([output], inputs)
    data = parse_document(text, str(output)).data
    emit(submission_workbook(chosen, data), output, inputs)


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
    place = _place(chosen, framework_file, files)
    text = blank_submission(
        chosen,
        organisation=blank.organisation,
        code=blank.code,
        period=blank.period or current_period(blank.today),
        today=blank.today,
        framework_file=framework_file,
        schema_ref=place.schema_ref,
        schema_command=place.schema_command,
    )
    inputs: list[Path | str] = [framework_file] if framework_file else []
    written = _write(text, chosen, place, files, inputs)
    if files.workbook:
        return [workbook_note(place.output, framework_file)]
    return init_notes(
        framework=framework,
        framework_file=framework_file,
        output=place.output,
        schema_path=place.schema_path,
        schema_written=written,
        schema_exists=place.schema_path.exists(),
    )


class RollFrom(NamedTuple):
    """Next year's submission, started from last year's (``wcc init --from``)."""

    source: Path | str
    """Last year's submission."""
    framework: str | None = None
    """``--framework``: the framework file last year's submission needs, when not built in."""
    organisation: str = ""
    """A new name for the organisation (default: last year's)."""
    code: str = ""
    """A new code (default: last year's)."""
    period: str | None = None
    """The period to start (default: the year after last year's)."""


def following_period(period: str, years: int = 1) -> str:
    """Return the financial year ``years`` after ``period`` (``2026/27`` -> ``2027/28``)."""
    start = int(period[:4]) + years
    return f"{start}/{(start + 1) % 100:02d}"


def years_after(day: date, years: int) -> date:
    """Return the same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _new_period(last: str, asked: str | None) -> str:
    """Return the period to start: the one asked for (after last year's), or the next."""
    if asked is None:
        return following_period(last)
    problem = period_problem(asked)
    if problem is not None:
        raise UsageError(f"--period {problem}")
    if asked <= last:
        raise UsageError(
            f"--period {asked} is not after {last}, the period of the submission it starts from"
        )
    return asked


def _rolled(request: RollFrom) -> tuple[Rolled, Framework]:
    """Read and grade last year's submission; return what next year's carries from it."""
    chosen = resolve_framework(request.framework) if request.framework else None
    loaded = load_submission(request.source, chosen)
    last, framework = loaded.submission, loaded.framework
    period = _new_period(last.period, request.period)
    rolled = Rolled(
        last=last,
        result=score(framework, last, ScoreOptions(generated_at="", source=loaded.name)),
        source=loaded.name,
        period=period,
        assessed_on=years_after(last.assessed_on, int(period[:4]) - int(last.period[:4])),
        organisation=request.organisation or last.organisation.name,
        code=request.code or last.organisation.code,
    )
    return rolled, framework


def roll_forward(request: RollFrom, files: SkeletonFiles) -> list[str]:
    """Write next year's submission from last year's, and (if asked) its schema.

    Last year's file must be valid (:class:`InputError` otherwise). Carried: the
    framework, organisation, assessors, targets, every action not done or dropped and the
    outcome measures; the period moves on a year (or to ``--period``) and the assessment
    date with it; levels, narratives and evidence are left blank, last year's level
    beside each. Never writes over an existing file without ``force``, nor ever over last
    year's. Return what to tell the user.
    """
    rolled, framework = _rolled(request)
    spec = request.framework
    framework_file = spec if spec and looks_like_path(spec) else None
    place = _place(framework, framework_file, files)
    text = rolled_submission(
        framework,
        rolled,
        framework_file=framework_file,
        schema_ref=place.schema_ref,
        schema_command=place.schema_command,
    )
    inputs: list[Path | str] = [request.source, *([framework_file] if framework_file else [])]
    written = _write(text, framework, place, files, inputs)
    notes = rolled_notes(rolled, place.output, rolled.last.actions)
    if files.workbook:  # the notes say what to do next; a workbook has no schema line
        return notes
    return notes + init_notes(
        framework=spec or framework.id,
        framework_file=framework_file,
        output=None,
        schema_path=place.schema_path,
        schema_written=written,
        schema_exists=place.schema_path.exists(),
    )


def new_submission(
    framework: str | None, blank: Blank, files: SkeletonFiles, *, last_year: Path | None = None
) -> list[str]:
    """Write a new submission: blank (:func:`write_skeleton`), or from last year's.

    With ``last_year`` (``wcc init --from``) it is :func:`roll_forward`'s, ``blank`` giving
    the organisation, code and period that replace last year's (empty: carried).
    """
    if last_year is None:
        return write_skeleton(framework or "wcc", blank, files)
    request = RollFrom(last_year, framework, blank.organisation, blank.code, blank.period)
    return roll_forward(request, files)


def schema_of(framework: str | None, *, result: bool = False) -> Schema:
    """Return the JSON Schema of a framework's submissions (default ``wcc``), or of results."""
    if result and framework is not None:
        raise UsageError("--result describes the result of every framework; drop --framework")
    if result:
        return result_schema()
    return submission_schema(resolve_framework(framework or "wcc"))
