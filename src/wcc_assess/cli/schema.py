"""``wcc schema``: print the JSON Schema of a framework's submissions, or of the result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wcc_assess.cli._app import guarded
from wcc_assess.errors import UsageError

if TYPE_CHECKING:
    from wcc_assess.models.framework import Framework

__all__ = ["register", "schema_text"]


def schema_text(framework: Framework) -> str:
    """Return the JSON Schema of ``framework``'s submissions as ``wcc schema`` prints it."""
    from wcc_assess.schema import submission_schema

    return json.dumps(submission_schema(framework), indent=2, ensure_ascii=False) + "\n"


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
    from wcc_assess.output import emit

    if result:
        if framework is not None:
            raise UsageError("--result describes the result of every framework; drop --framework")
        from wcc_assess.schema import result_schema

        text = json.dumps(result_schema(), indent=2, ensure_ascii=False) + "\n"
    else:
        from wcc_assess.frameworks import resolve_framework

        text = schema_text(resolve_framework(framework or "wcc"))
    emit(text, output)


def register(app: typer.Typer) -> None:
    """Add ``schema`` to the app."""
    app.command("schema")(schema)
