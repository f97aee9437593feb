"""``wcc schema``: print the JSON Schema of a framework's submissions, or of the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import guarded

__all__ = ["register"]


@guarded
def schema(
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="A built-in framework id or a framework file (default: wcc).",
            show_default=False,
        ),
    ] = None,
    result: Annotated[
        bool,
        typer.Option(
            "--result",
            help="Print the schema of the result document (`wcc assess --format "
            "json`) instead; it is the same for every framework.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Print a JSON Schema (draft 2020-12) for a framework's submissions.

    Save it where a submission's schema line points (`wcc init` writes that line, and
    the file too with --write-schema) so that editors with a YAML language server
    complete ids and check levels as you type:
    wcc schema --framework wcc -o wcc.schema.json
    """
    from wcc_assess.io.output import emit
    from wcc_assess.render.schema import schema_text
    from wcc_assess.usecases.skeleton import schema_of

    emit(schema_text(schema_of(framework, result=result)), output)


def register(app: typer.Typer) -> None:
    """Add ``schema`` to the app."""
    app.command("schema")(schema)
