"""``wcc convert``: a submission from YAML to a workbook (``.xlsx``) and back, without loss."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import guarded, notes

__all__ = ["register"]

_HELP = (
    "Convert a submission between YAML and a workbook (.xlsx), without loss.\n\n"
    "The direction follows the files: a workbook becomes commented YAML (-o - prints it), a "
    "YAML submission a workbook to fill in. A draft converts too (levels still to rate stay "
    "empty). The input is never written over, and an existing file only with --force."
)

Source = Annotated[
    Path, typer.Argument(help="The submission: YAML, or a workbook (.xlsx).", show_default=False)
]
Output = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="The file to write: .xlsx for a workbook, .yaml or .yml for YAML (- for stdout).",
        show_default=False,
    ),
]
FrameworkSpec = Annotated[
    str | None,
    typer.Option(
        "--framework", help="A framework id or file; default: the submission's own `framework:`."
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print no diagnostics.")]


@guarded
def convert(
    source: Source,
    output: Output,
    framework: FrameworkSpec = None,
    force: Force = False,
    quiet: Quiet = False,
) -> None:
    """Convert a submission between YAML and a workbook (.xlsx), without loss."""
    from wcc_assess.usecases.convert import ConvertRequest, convert_file

    notes(convert_file(ConvertRequest(source, output, framework, force)), quiet=quiet)


def register(app: typer.Typer) -> None:
    """Add ``convert`` to the app."""
    app.command("convert", help=_HELP)(convert)
