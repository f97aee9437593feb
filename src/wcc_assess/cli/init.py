"""``wcc init``: write a complete blank submission to fill in (and its JSON Schema)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import err, guarded
from wcc_assess.render.formats import SubmissionFormat

__all__ = ["register"]


Framework = Annotated[
    str | None,
    typer.Option(
        "--framework",
        help="A built-in framework id or a framework file (default: wcc; with --from, the "
        "framework last year's submission names).",
        show_default=False,
    ),
]
From = Annotated[
    Path | None,
    typer.Option(
        "--from",
        help="Start from last year's submission: carry the organisation, framework, "
        "assessors, targets, outcome measures and every action not done or dropped; move the "
        "period on a year; leave levels blank, last year's as comments.",
        show_default=False,
    ),
]
Organisation = Annotated[str, typer.Option("--organisation", help="The organisation's name.")]
Code = Annotated[str, typer.Option("--code", help="The organisation's code.")]
Period = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="The financial year assessed, e.g. 2026/27 (default: the current one; with "
        "--from, the year after last year's).",
    ),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
Schema = Annotated[
    Path | None,
    typer.Option(
        "--schema",
        help="Where the submission's JSON Schema is (or goes, with --write-schema); the schema "
        "line names it relative to the submission. Default: <framework id>.schema.json beside "
        "the submission.",
        show_default=False,
    ),
]
WriteSchema = Annotated[
    bool,
    typer.Option(
        "--write-schema",
        help="Also write the JSON Schema where the schema line points, so that an editor finds "
        "it (an identical file is left alone; another needs --force).",
    ),
]
Force = Annotated[
    bool, typer.Option("--force", help="Overwrite the output file (and schema) if it exists.")
]
Form = Annotated[
    SubmissionFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="yaml, or xlsx for a workbook to fill in (needs -o FILE.xlsx); default: as the "
        "output's name says, else yaml.",
        show_default=False,
    ),
]


@guarded
def init(
    framework: Framework = None,
    from_: From = None,
    organisation: Organisation = "",
    code: Code = "",
    period: Period = None,
    output: Output = None,
    schema: Schema = None,
    write_schema: WriteSchema = False,
    force: Force = False,
    form: Form = None,
) -> None:
    """Write a new submission: blank, descriptors as comments; or from last year's (--from)."""
    from wcc_assess.usecases.skeleton import Blank, SkeletonFiles, new_submission

    blank = Blank(date.today(), organisation, code, period)
    files = SkeletonFiles(output, schema, write_schema, force, form)
    for note in new_submission(framework, blank, files, last_year=from_):
        err(note)


def register(app: typer.Typer) -> None:
    """Add ``init`` to the app."""
    app.command("init")(init)
