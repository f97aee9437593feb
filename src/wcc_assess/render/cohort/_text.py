"""Escaping for text that came from submissions: Markdown cells and CSV cells."""

from __future__ import annotations

import re

__all__ = ["csv_text", "markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_SPACE = re.compile(r"\s+")


def markdown(text: str) -> str:
    """Return ``text`` as inert Markdown on one line: no emphasis, links, HTML or table breaks.

    Every character Markdown could act on is backslash-escaped, and line breaks become
    spaces, so a value is safe in a table cell and reads the same when rendered.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def csv_text(text: str) -> str:
    """Defuse spreadsheet formulas in a text cell.

    Text starting with = + - @ (or a tab or return) gets a leading apostrophe, so a
    spreadsheet shows it instead of running it.
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
