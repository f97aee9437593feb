"""``wcc validate``: check submissions and framework files, reporting every problem."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wcc_assess.cli._app import EXIT_CODES_HELP, guarded
from wcc_assess.errors import Diagnostic, ExitCode

if TYPE_CHECKING:
    from wcc_assess.models.framework import Framework

__all__ = ["register"]


class ValidateFormat(StrEnum):
    """How ``wcc validate`` reports."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _check(path: Path, framework: Framework | None) -> tuple[str, str, list[Diagnostic]]:
    """Return (kind, summary, diagnostics) for one file."""
    from wcc_assess.core.scoring import ScoreOptions, score
    from wcc_assess.errors import InputError
    from wcc_assess.io.loading import (
        check_framework_document,
        display_name,
        is_framework_document,
        read_document,
        submission_from_document,
    )

    name = display_name(path)
    kind = "unknown"
    try:
        document = read_document(path)
        if is_framework_document(document):
            kind = "framework"
            linted = check_framework_document(document, name)
            if linted.framework is None:
                return kind, "", linted.diagnostics
            checked = linted.framework
            indicators = sum(len(d.indicators) for d in checked.domains)
            return (
                kind,
                (
                    f"framework {checked.ref}: {len(checked.domains)} domains, "
                    f"{indicators} indicators"
                ),
                linted.diagnostics,
            )
        kind = "submission"
        loaded = submission_from_document(document, name, framework)
    except InputError as error:
        return kind, "", error.diagnostics
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="", source=name))
    warnings = [Diagnostic(file=name, message=text, severity="warning") for text in result.warnings]
    submission = loaded.submission
    summary = (
        f"submission for {loaded.framework.ref}: {submission.organisation.name}, "
        f"{submission.period}"
    )
    return "submission", summary, warnings


def github_annotation(diagnostic: Diagnostic, title: str = "wcc") -> str:
    """Return a GitHub Actions workflow command (``::error file=…,line=…::…``)."""
    from wcc_assess.render.assess.github import workflow_command

    message = (f"{diagnostic.path}: " if diagnostic.path else "") + diagnostic.message
    if diagnostic.hint:
        message += f" ({diagnostic.hint})"
    return workflow_command(
        diagnostic.severity,
        message,
        file=diagnostic.file,
        line=diagnostic.line,
        column=diagnostic.column,
        title=title,
    )


@guarded
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submission or framework YAML files (- for stdin).", show_default=False
        ),
    ],
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="Check submissions against this framework id or file instead "
            "of their own `framework:`.",
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for tools, github for Actions annotations.",
        ),
    ] = ValidateFormat.TEXT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Check files without assessing them; every problem in every file is reported."""
    from wcc_assess.io.frameworks import resolve_framework

    chosen = resolve_framework(framework) if framework else None
    report: list[dict[str, Any]] = []
    lines: list[str] = []
    failed = 0
    for path in files:
        kind, summary, diagnostics = _check(path, chosen)
        errors = [d for d in diagnostics if d.severity == "error"]
        failed += bool(errors)
        report.append(
            {
                "file": str(path),
                "kind": kind,
                "valid": not errors,
                "summary": summary,
                "diagnostics": [asdict(d) for d in diagnostics],
            }
        )
        if output_format is ValidateFormat.GITHUB:
            lines.extend(github_annotation(d, "wcc validate") for d in diagnostics)
        elif output_format is ValidateFormat.TEXT:
            lines.extend(d.format() for d in diagnostics)
            if errors:
                lines.append(
                    f"{path}: invalid ({len(errors)} error{'s' if len(errors) != 1 else ''})"
                )
            elif not quiet:
                lines.append(f"{path}: ok, {summary}")
    if output_format is ValidateFormat.JSON:
        typer.echo(json.dumps(report, indent=2, default=str))
    elif lines:
        typer.echo("\n".join(lines))
    if failed:
        raise typer.Exit(int(ExitCode.INVALID))


def register(app: typer.Typer) -> None:
    """Add ``validate`` to the app."""
    app.command("validate", epilog=EXIT_CODES_HELP)(validate)
