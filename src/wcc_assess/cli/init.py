"""``wcc init``: write a complete blank submission to fill in."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import err, guarded
from wcc_assess.errors import UsageError

__all__ = ["register"]


def _current_period(today: date) -> str:
    start = today.year if today.month >= 4 else today.year - 1  # NHS years start in April
    return f"{start}/{(start + 1) % 100:02d}"


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
    from wcc_assess.io.frameworks import looks_like_path, resolve_framework
    from wcc_assess.io.output import emit
    from wcc_assess.render.skeleton import blank_submission

    today = date.today()
    chosen = resolve_framework(framework)
    framework_file = framework if looks_like_path(framework) else None
    text = blank_submission(
        chosen,
        organisation=organisation,
        code=code,
        period=period or _current_period(today),
        today=today,
        framework_file=framework_file,
    )
    if output is not None and str(output) != "-" and output.exists() and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it")
    emit(text, output)
    if output is not None and str(output) != "-":
        option = f" --framework {framework_file}" if framework_file else ""
        err(f"wrote {output}: rate every indicator, then run `wcc validate{option} {output}`")


def register(app: typer.Typer) -> None:
    """Add ``init`` to the app."""
    app.command("init")(init)
