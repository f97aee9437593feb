"""``wcc assess``: grade one submission and render the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wcc_assess.cli._app import (
    EXIT_CODES_HELP,
    ReportFiles,
    ReportOutput,
    err,
    generated_at,
    guarded,
    write_reports,
)
from wcc_assess.errors import ExitCode, UsageError
from wcc_assess.render import OutputFormat

__all__ = ["register"]


@guarded
def assess(
    submission: Annotated[
        Path, typer.Argument(help="The submission YAML file, or - for stdin.", show_default=False)
    ],
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="A built-in framework id (wcc, wcc@2009) or a framework file; "
            "default: the submission's own `framework:`.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TABLE,
    output: ReportOutput = None,
    report: ReportFiles = None,
    target: Annotated[
        int | None,
        typer.Option(
            "--target",
            help="Target level for every domain; overrides the submission's and the "
            "framework's targets.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Last year's submission (YAML) or result (`--format json`): "
            "report the change of every domain and indicator since then.",
            show_default=False,
        ),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Fail the gate (exit 1) when any domain's level fell "
            "since the baseline; needs --baseline.",
        ),
    ] = False,
    fail_on_red: Annotated[
        bool,
        typer.Option(
            "--fail-on-red",
            help="Fail the gate (exit 1) when a governance area is rated red.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no diagnostics.")] = False,
) -> None:
    """Grade a submission against its framework and print the report."""
    if fail_on_regression and baseline is None:
        raise UsageError(
            "--fail-on-regression needs --baseline: name last year's submission "
            "or result to compare with"
        )
    from wcc_assess.assessments import load_assessment, with_source_lines
    from wcc_assess.core.scoring import ScoreOptions, score
    from wcc_assess.io.frameworks import resolve_framework
    from wcc_assess.io.loading import load_submission
    from wcc_assess.render import render

    chosen = resolve_framework(framework) if framework else None
    loaded = load_submission(submission, chosen)
    levels = loaded.framework.levels
    if target is not None and target not in levels:
        raise UsageError(
            f"--target {target} is not on the {loaded.framework.id} scale "
            f"({levels[0]}..{levels[-1]})"
        )
    stamp = generated_at()
    result = score(
        loaded.framework,
        loaded.submission,
        ScoreOptions(
            generated_at=stamp, source=loaded.name, target=target, fail_on_red=fail_on_red
        ),
    )
    result = with_source_lines(result, loaded.document)
    if baseline is not None:
        from wcc_assess.core.compare import compare

        earlier = load_assessment(baseline, generated_at=stamp, frameworks=[loaded.framework])
        result = compare(
            earlier, result, baseline_source=str(baseline), fail_on_regression=fail_on_regression
        )
    inputs: list[Path | str] = [submission, *([baseline] if baseline else [])]
    if framework and Path(framework).is_file():
        inputs.append(framework)
    write_reports(
        lambda fmt, options: render(result, fmt, options), output_format, output, report, inputs
    )
    if not quiet:
        for warning in result.warnings:
            err(f"warning: {warning}")
        for failure in result.gate.failures:
            err(f"gate failed: {failure.message}")
    if result.gate.failures:
        raise typer.Exit(int(ExitCode.GATE_FAILED))


def register(app: typer.Typer) -> None:
    """Add ``assess`` to the app."""
    app.command("assess", epilog=EXIT_CODES_HELP)(assess)
