"""The ``wcc`` command line: one module per command, each parse → use case → render → exit code.

Only typer is imported at start-up; a command imports the rest when it runs.
"""

from wcc_assess.cli import assess, cohort, explain, frameworks, init, schema, trend, validate
from wcc_assess.cli._app import app, main

__all__ = ["app", "main"]

for _command in (assess, validate, init, schema, explain, trend, cohort):
    _command.register(app)
app.add_typer(frameworks.app, name="frameworks")
