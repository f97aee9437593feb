"""``wcc init``: write a complete blank submission to fill in (and its JSON Schema)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import err, guarded

__all__ = ["register"]


@guarded
def init(
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="A built-in framework id or a framework file (default: wcc; with --from, "
            "the framework last year's submission names).",
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Start from last year's submission: carry the organisation, framework, "
            "assessors, targets, outcome measures and every action not done or dropped; "
            "move the period on a year; leave levels blank, last year's as comments.",
            show_default=False,
        ),
    ] = None,
    organisation: Annotated[
        str, typer.Option("--organisation", help="The organisation's name.")
    ] = "",
    code: Annotated[str, typer.Option("--code", help="The organisation's code.")] = "",
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="The financial year assessed, e.g. 2026/27 (default: the current one; with "
            "--from, the year after last year's).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    schema: Annotated[
        Path | None,
        typer.Option(
            "--schema",
            help="Where the submission's JSON Schema is (or goes, with --write-schema); the "
            "schema line names it relative to the submission. Default: "
            "<framework id>.schema.json beside the submission.",
            show_default=False,
        ),
    ] = None,
    write_schema: Annotated[
        bool,
        typer.Option(
            "--write-schema",
            help="Also write the JSON Schema where the schema line points, so that an editor "
            "finds it (an identical file is left alone; another needs --force).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file (and schema) if it exists.")
    ] = False,
) -> None:
    """Write a complete blank submission: every domain and indicator, descriptors as comments."""
    from wcc_assess.usecases.skeleton import (
        Blank,
        RollFrom,
        SkeletonFiles,
        roll_forward,
        write_skeleton,
    )

    files = SkeletonFiles(output, schema, write_schema, force)
    if from_ is not None:
        notes = roll_forward(RollFrom(from_, framework, organisation, code, period), files)
    else:
        blank = Blank(date.today(), organisation, code, period)
        notes = write_skeleton(framework or "wcc", blank, files)
    for note in notes:
        err(note)


def register(app: typer.Typer) -> None:
    """Add ``init`` to the app."""
    app.command("init")(init)
