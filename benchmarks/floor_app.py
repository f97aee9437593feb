"""The floor of product.md §5: the least any typer tool doing wcc's job must pay at start-up.

One command loads a YAML file with PyYAML's C loader and prints it as JSON; ``--help`` costs
what typer's help costs. ``bench.py`` times ``wcc`` against this app, interleaved.

    python benchmarks/floor_app.py --help
    python benchmarks/floor_app.py load FILE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

app = typer.Typer(
    help="The floor app: load a YAML file and print it as JSON.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Load YAML files and print them as JSON."""


@app.command()
def load(path: Annotated[Path, typer.Argument(help="A YAML file.")]) -> None:
    """Load PATH with the C loader and print it as JSON."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


if __name__ == "__main__":
    app()
