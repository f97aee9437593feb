"""The ``wcc`` command line. Only typer is imported at start-up; commands import the rest."""

from wcc_assess.cli._app import app, main

__all__ = ["app", "main"]
