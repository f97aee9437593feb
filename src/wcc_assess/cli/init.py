"""``wcc init``: write a complete blank submission to fill in."""

from __future__ import annotations

import os
import shlex
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import typer

from wcc_assess.cli._app import err, guarded
from wcc_assess.errors import UsageError

__all__ = ["register"]


def _current_period(today: date) -> str:
    start = today.year if today.month >= 4 else today.year - 1  # NHS years start in April
    return f"{start}/{(start + 1) % 100:02d}"


def _relative(path: Path, folder: Path) -> str:
    """Return ``path`` as seen from ``folder``, with forward slashes (as editors read it).

    On Windows two drives have no relative path: then the absolute path is returned.
    """
    try:
        return Path(os.path.relpath(path.absolute(), folder.absolute())).as_posix()
    except ValueError:
        return path.absolute().as_posix()


def _schema_ref(relative: str) -> str:
    """Return a relative path as a ``$schema`` reference: a URI reference, so no spaces."""
    return quote(relative, safe="/:._-~")


def _check_schema_target(path: Path, text: str, force: bool) -> bool:
    """Say whether the schema must be written: not when ``path`` already holds ``text``.

    A different file already there is never replaced without ``--force``.
    """
    if path.is_dir():
        raise UsageError(f"cannot write the schema to {path}: it is a folder")
    if not path.exists():
        return True
    try:
        same = path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        same = False
    if not same and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    return not same


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
) -> None:
    """Write a complete blank submission: every domain and indicator, descriptors as comments."""
    from wcc_assess.blank import blank_submission, schema_filename
    from wcc_assess.cli.schema import schema_text
    from wcc_assess.frameworks import looks_like_path, resolve_framework
    from wcc_assess.output import check_outputs, emit

    today = date.today()
    chosen = resolve_framework(framework)
    framework_file = framework if looks_like_path(framework) else None
    to_stdout = output is None or str(output) == "-"
    folder = Path(".") if output is None or to_stdout else output.parent
    schema_path = schema if schema is not None else folder / schema_filename(chosen)
    relative = _relative(schema_path, folder)
    spec = _relative(Path(framework_file), folder) if framework_file else chosen.id
    text = blank_submission(
        chosen,
        organisation=organisation,
        code=code,
        period=period or _current_period(today),
        today=today,
        framework_file=framework_file,
        schema_ref=_schema_ref(relative),
        schema_command=f"wcc schema --framework {shlex.quote(spec)} -o {shlex.quote(relative)}",
    )
    inputs = [framework_file] if framework_file else []
    if not to_stdout and output is not None and output.exists() and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it")
    schema_json = schema_text(chosen) if write_schema else ""
    if write_schema:
        check_outputs([None if to_stdout else output, schema_path], inputs)
        write_schema = _check_schema_target(schema_path, schema_json, force)
    emit(text, output, inputs)
    if not to_stdout:
        option = f" --framework {framework_file}" if framework_file else ""
        err(f"wrote {output}: rate every indicator, then run `wcc validate{option} {output}`")
    if write_schema:
        emit(schema_json, schema_path, inputs)
        err(f"wrote {schema_path}: the JSON Schema that the schema line names, for editors")
    elif not schema_path.exists():
        err(
            f"the schema line names {schema_path}: write it with `wcc schema --framework "
            f"{shlex.quote(framework)} -o {shlex.quote(str(schema_path))}`, or pass --write-schema"
        )


def register(app: typer.Typer) -> None:
    """Add ``init`` to the app."""
    app.command("init")(init)
