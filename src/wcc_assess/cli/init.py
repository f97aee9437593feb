"""``wcc init``: write a complete blank submission to fill in (and its JSON Schema)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import err, guarded
from wcc_assess.render.formats import SubmissionFormat

__all__ = ["register"]


@guarded
def init(
    framework: Annotated[
        str, typer.Option("--framework", help="A built-in framework id or a framework file.")
    ] = "wcc",
    organisation: Annotated[
        str, typer.Option("--organisation", help="The organisation's name.")
    ] = "",
    code: Annotated[str, typer.Option("--code", help="The organisation's code.")] = "",
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="The financial year assessed, e.g. 2026/27 (default: the current one)."
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
    form: Annotated[
        SubmissionFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="yaml, or xlsx for a workbook to fill in (needs -o FILE.xlsx); default: as "
            "the output's name says, else yaml.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a complete blank submission: every domain and indicator, descriptors beside them."""
    from wcc_assess.usecases.skeleton import Blank, SkeletonFiles, write_skeleton

    blank = Blank(date.today(), organisation, code, period)
    files = SkeletonFiles(output, schema, write_schema, force, form)
    for note in write_skeleton(framework, blank, files):
        err(note)


def register(app: typer.Typer) -> None:
    """Add ``init`` to the app."""
    app.command("init")(init)
