"""Text safety shared by the renderers: cleaning, Markdown escaping and safe links.

Everything a submission (or a framework file) says reaches a report through these
functions, so a narrative holding ``<script>``, a ``javascript:`` ref, ``]]>`` or Markdown
syntax comes out as inert text in every format.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

__all__ = ["clean", "collapse", "escape_markdown", "safe_url"]

_INVALID = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Characters that are not allowed in XML 1.0 or HTML text (C0/C1 controls other than tab,
newline and carriage return; lone surrogates; the noncharacters)."""

_WHITESPACE = re.compile(r"\s+")

_MD_INLINE = re.compile(r"([\\`*_\[\]|~$])")
"""Punctuation that starts Markdown inline syntax (code, emphasis, links, tables,
strikethrough, maths); each is backslash-escaped wherever it occurs."""

_MD_LEADING = re.compile(r"^([#+=-]|\d+(?=[.)]))")
"""Syntax that only counts at the start of a line: headings, list items, setext rules."""

_URL_SAFE = "/:?#[]@!&+,;=%~-._"
"""Characters a URL keeps as they are; everything else is percent-encoded, so that the URL
cannot close a Markdown link, split a table cell or leave an HTML attribute."""


def clean(text: str) -> str:
    """Replace characters that no report format can carry with U+FFFD."""
    return _INVALID.sub("\ufffd", text)


def collapse(text: str) -> str:
    """Clean ``text`` and fold every run of whitespace (newlines too) into one space."""
    return _WHITESPACE.sub(" ", clean(text)).strip()


def escape_markdown(text: str) -> str:
    """Return ``text`` as inert GitHub-flavoured Markdown on one line.

    HTML is written as entities (``&lt;script&gt;`` shows as text), Markdown punctuation
    is backslash-escaped (pipes cannot split a table cell, backticks open no code span,
    brackets make no link, ``$`` starts no maths) and line-start syntax (``#``, ``-``,
    ``1.``) is neutralised. Newlines become spaces, so the result fits in a table cell.
    """
    flat = collapse(text)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MD_INLINE.sub(r"\\\1", flat)
    match = _MD_LEADING.match(flat)
    if match:
        if match.group(1).isdigit():
            end = match.end()
            flat = flat[:end] + "\\" + flat[end:]
        else:
            flat = "\\" + flat
    return flat


def safe_url(ref: str) -> str | None:
    """Return ``ref`` as a URL fit for a link if it is an absolute http(s) URL, else None.

    Anything else (``javascript:``, ``data:``, relative paths, board paper numbers, a ref
    holding whitespace or control characters) is not a link and is shown as text.
    Characters outside a conservative set are percent-encoded.
    """
    candidate = ref.strip()
    if not candidate or _INVALID.search(candidate) or _WHITESPACE.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not candidate.lower().startswith(("http://", "https://")):
        return None
    return quote(candidate, safe=_URL_SAFE)
