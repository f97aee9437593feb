"""The ``wcc`` command line: one module per command, each parse → use case → render → exit code.

Only typer is imported at start-up; a command imports the rest when it runs. :data:`app`
has every command; :func:`main` (the console script) builds only the command it is asked
for, since turning every command's options into a parser costs several milliseconds.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from wcc_assess.cli._app import new_app, run

__all__ = ["COMMANDS", "app", "main"]

COMMANDS = (
    "assess",
    "validate",
    "init",
    "convert",
    "schema",
    "explain",
    "actions",
    "trend",
    "cohort",
    "frameworks",
)
"""Every command, one module each, in the order ``wcc --help`` lists them."""


def _with(names: list[str]) -> typer.Typer:
    made = new_app()
    for name in names:
        module = importlib.import_module(f"wcc_assess.cli.{name}")
        if name == "frameworks":
            made.add_typer(module.app, name=name)
        else:
            module.register(made)
    return made


app = _with(list(COMMANDS))
"""The whole command line (what ``wcc --help`` shows and the tests drive)."""


def main() -> None:
    """Run the ``wcc`` command line (the console script and ``python -m wcc_assess``).

    Third-party pydantic plugins are not loaded (unless ``PYDANTIC_DISABLE_PLUGINS`` is set
    otherwise): an installed plugin may change how a model validates, and the same inputs
    must give the same grading wherever ``wcc`` runs; looking for plugins also costs every
    run a scan of the installed packages.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    named = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    run(_with([named]) if named in COMMANDS else app)
