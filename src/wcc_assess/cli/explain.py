"""``wcc explain``: how a submission's levels were reached, in plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import err, generated_at, guarded

__all__ = ["register"]


@guarded
def explain(
    submission: Annotated[
        Path,
        typer.Argument(
            help="The submission (YAML or a workbook), or - for stdin.", show_default=False
        ),
    ],
    subject: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="A domain (C4), an indicator (C4.2), a governance area (finance) or "
            "sub-indicator (finance.1), or an outcome measure (life-expectancy); leave out "
            "for the overall grade.",
            show_default=False,
        ),
    ] = None,
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="A built-in framework id or a framework file; default: the "
            "submission's own `framework:`.",
        ),
    ] = None,
    target: Annotated[
        int | None,
        typer.Option("--target", help="Target level for every domain, as for `wcc assess`."),
    ] = None,
    allow_not_evidenced: Annotated[
        bool,
        typer.Option(
            "--allow-not-evidenced",
            help="Let a not-evidenced domain pass the gate, as for `wcc assess`.",
        ),
    ] = False,
) -> None:
    """Explain how a level was reached: evidence, rules, caps, arithmetic and the next step.

    No id: the overall arithmetic, a line per domain, governance and outcomes in brief.
    A domain id: method, indicators, score arithmetic, target, what would lift it.
    An indicator id: levels, each evidence item, rules, cap, what would lift it.
    A governance area: sub-indicator ratings, the rule, points, what would lift it.
    A governance sub-indicator: ratings, narrative, evidence, descriptors.
    An outcome measure: baseline, each year's aspiration against its actual, status.
    """
    from wcc_assess.render.explain import explain as explain_text
    from wcc_assess.render.lines import text_lines
    from wcc_assess.usecases.assess import AssessOptions, assess_file

    options = AssessOptions(
        framework=framework, target=target, allow_not_evidenced=allow_not_evidenced
    )
    assessment = assess_file(submission, options, generated_at=generated_at())
    typer.echo(explain_text(assessment.result, assessment.framework, subject), nl=False)
    for line in text_lines(assessment.warnings):
        err(line)


def register(app: typer.Typer) -> None:
    """Add ``explain`` to the app."""
    app.command("explain")(explain)
