"""The reports of checked files: ``wcc validate`` and ``wcc frameworks check``.

Three formats: ``text`` (every diagnostic as ``file:line:col: severity: path: message
(hint)``, then a verdict per file), ``json`` (one entry per file) and ``github`` (GitHub
Actions workflow commands at each diagnostic's file, line and column).
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from wcc_assess.errors import Diagnostic, error_count
from wcc_assess.models.check import FileCheck
from wcc_assess.render._safety import one_line
from wcc_assess.render._words import counted, plural
from wcc_assess.render.assess.github import workflow_command
from wcc_assess.render.formats import CheckFormat
from wcc_assess.render.lines import text_lines

__all__ = [
    "CheckFormat",
    "annotation",
    "framework_check_report",
    "summary",
    "validate_report",
]


def annotation(diagnostic: Diagnostic, title: str = "wcc") -> str:
    """Return a diagnostic as a GitHub Actions workflow command (``::error file=…::…``)."""
    message = (f"{diagnostic.path}: " if diagnostic.path else "") + diagnostic.message
    if diagnostic.hint:
        message += f" ({diagnostic.hint})"
    in_sheet = diagnostic.sheet is not None  # a workbook has no lines to point at
    if in_sheet:
        message = f"{diagnostic.location().removeprefix(diagnostic.file + ':')}: {message}"
    return workflow_command(
        diagnostic.severity,
        message,
        file=diagnostic.file,
        line=None if in_sheet else diagnostic.line,
        column=None if in_sheet else diagnostic.column,
        title=title,
    )


def summary(check: FileCheck) -> str:
    """Say what a valid file holds: ``framework wcc@2009: 11 domains, 41 indicators``."""
    framework = check.framework
    if framework is None:
        return ""
    if check.submission is not None:
        submission = check.submission
        return (
            f"submission for {framework.ref}: {submission.organisation.name}, {submission.period}"
        )
    indicators = sum(len(d.indicators) for d in framework.domains)
    return f"framework {framework.ref}: {len(framework.domains)} domains, {indicators} indicators"


def _lines(text: list[str]) -> str:
    return "".join(one_line(line) + "\n" for line in text)


def _annotations(checks: list[FileCheck], title: str) -> str:
    # Workflow commands on purpose: each value in them is escaped as GitHub requires.
    return "".join(annotation(d, title) + "\n" for check in checks for d in check.diagnostics)


def _validate_entry(check: FileCheck) -> dict[str, Any]:
    return {
        "file": check.file,
        "kind": check.kind.value,
        "valid": not check.errors,
        "summary": summary(check),
        "diagnostics": [d.as_dict() for d in check.diagnostics],
    }


def _validate_lines(checks: list[FileCheck], quiet: bool) -> list[str]:
    lines: list[str] = []
    for check in checks:
        lines += text_lines(check.diagnostics)
        if check.errors:
            lines.append(f"{check.file}: invalid ({plural(error_count(check.errors), 'error')})")
        elif not quiet:
            lines.append(f"{check.file}: ok, {summary(check)}")
    return lines


def validate_report(checks: list[FileCheck], fmt: CheckFormat, *, quiet: bool = False) -> str:
    """Return ``wcc validate``'s report of ``checks`` (``quiet``: only problems, in text)."""
    match fmt:
        case CheckFormat.TEXT:
            return _lines(_validate_lines(checks, quiet))
        case CheckFormat.JSON:
            entries = [_validate_entry(check) for check in checks]
            return json.dumps(entries, indent=2, default=str) + "\n"
        case CheckFormat.GITHUB:
            return _annotations(checks, "wcc validate")
        case _:
            assert_never(fmt)


def _framework_entry(check: FileCheck) -> dict[str, Any]:
    return {
        "file": check.file,
        "valid": not check.errors,
        "summary": summary(check),
        "errors": len(check.errors),
        "warnings": len(check.warnings),
        "diagnostics": [d.as_dict() for d in check.diagnostics],
    }


def _framework_lines(checks: list[FileCheck]) -> list[str]:
    lines: list[str] = []
    for check in checks:
        lines += text_lines(check.diagnostics)
        counts = counted(error=error_count(check.errors), warning=len(check.warnings))
        if check.errors:
            lines.append(f"{check.file}: invalid ({counts})")
        else:
            lines.append(f"{check.file}: ok, {summary(check)}" + (f" ({counts})" if counts else ""))
    return lines


def framework_check_report(checks: list[FileCheck], fmt: CheckFormat) -> str:
    """Return ``wcc frameworks check``'s report of ``checks``."""
    match fmt:
        case CheckFormat.TEXT:
            return _lines(_framework_lines(checks))
        case CheckFormat.JSON:
            return json.dumps([_framework_entry(check) for check in checks], indent=2) + "\n"
        case CheckFormat.GITHUB:
            return _annotations(checks, "wcc frameworks check")
        case _:
            assert_never(fmt)
