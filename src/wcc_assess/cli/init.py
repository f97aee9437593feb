"""``wcc init``: write a complete blank submission to fill in."""

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
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
) -> None:
    """Write a complete blank submission: every domain and indicator, descriptors as comments."""
    from wcc_assess.io.output import emit, refuse_to_overwrite
    from wcc_assess.usecases.skeleton import skeleton

    written = skeleton(
        framework, organisation=organisation, code=code, period=period, today=date.today()
    )
    if not force:
        refuse_to_overwrite(output)
    emit(written.text, output)
    if output is not None and str(output) != "-":
        option = f" --framework {written.framework_file}" if written.framework_file else ""
        err(f"wrote {output}: rate every indicator, then run `wcc validate{option} {output}`")


def register(app: typer.Typer) -> None:
    """Add ``init`` to the app."""
    app.command("init")(init)
