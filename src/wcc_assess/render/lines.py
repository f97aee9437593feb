"""Diagnostics as lines of text: each on one line, under it the line at fault and a caret.

What every text report of problems prints (``wcc validate``, the errors of any command on
stderr, a cohort's files not graded): kept apart from :mod:`.diagnostics` so that a
command printing a few problems imports nothing else.
"""

from __future__ import annotations

from wcc_assess.errors import Diagnostic
from wcc_assess.render._safety import one_line

__all__ = ["text_lines"]

_BEFORE, _AFTER = 60, 40
"""How much of a long line an excerpt shows before and after the caret."""


def _shown(text: str) -> str:
    return one_line(text).replace("\t", "\\t")


def _excerpt(diagnostic: Diagnostic) -> list[str]:
    """Return the line a diagnostic points at, and a caret under its column (if known)."""
    if diagnostic.excerpt is None or diagnostic.column is None:
        return []
    line = diagnostic.excerpt.rstrip("\r\n")
    column = min(max(diagnostic.column - 1, 0), len(line))
    start = max(0, column - _BEFORE)
    lead = "..." if start else ""
    before = _shown(line[start:column])
    after = _shown(line[column : column + _AFTER])
    tail = "..." if column + _AFTER < len(line) else ""
    return [f"    {lead}{before}{after}{tail}", "    " + " " * len(lead + before) + "^"]


def text_lines(diagnostics: list[Diagnostic]) -> list[str]:
    """Return diagnostics as lines of text, each under its excerpt and caret, each one line.

    Every line is cleaned and kept to one line (:func:`~wcc_assess.render._safety.one_line`),
    so that nothing a file name, a key or a value holds can start a line of its own.
    """
    lines: list[str] = []
    for diagnostic in diagnostics:
        lines.append(one_line(diagnostic.format()))
        lines += _excerpt(diagnostic)
    return lines
