"""The one text-safety layer: what every renderer does to text that came from an input.

Everything a submission (or a framework file, or a file name) says reaches a report through
these functions, so that it comes out as inert text in every format:

- :func:`clean` replaces what no report may carry with U+FFFD: C0 controls other than tab,
  newline and carriage return (ESC starts terminal escape sequences), DEL, the C1 controls
  (U+0080-U+009F: CSI, OSC, NEL), the bidirectional embeddings, overrides and isolates
  (U+202A-U+202E, U+2066-U+2069: they reorder what a reader sees), lone surrogates and
  the noncharacters. :func:`collapse` also folds every run of whitespace into one space.
- HTML is escaped by the template engine (autoescape) after :func:`clean`; Markdown by
  :func:`escape_markdown`; URLs become links only through :func:`safe_url`; CSS strings
  through :func:`css_string`; GitHub workflow command values through
  :func:`workflow_value`; spreadsheet cells through :func:`spreadsheet_cell`.
- The terminal: rich markup is never interpreted (the console is built with
  ``markup=False``) and every string and text it prints is cleaned
  (:class:`~wcc_assess.render._console.StringConsole`).

Machine formats that carry the data itself (JSON) are left to their serialiser, which
escapes control characters; they are not cleaned, so that data round-trips.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from markupsafe import Markup

__all__ = [
    "UNSAFE",
    "clean",
    "collapse",
    "css_string",
    "escape_markdown",
    "html_text",
    "markdown_link",
    "safe_url",
    "spreadsheet_cell",
    "workflow_value",
]

UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Characters no report may carry: control characters (C0 other than tab, newline and
carriage return; DEL; C1), bidirectional controls, lone surrogates and noncharacters."""

_WHITESPACE = re.compile(r"\s+")

_MD_INLINE = re.compile(r"([\\`*_\[\]|~$])")
"""Punctuation that starts Markdown inline syntax (code, emphasis, links, tables,
strikethrough, maths); each is backslash-escaped wherever it occurs."""

_MD_LEADING = re.compile(r"^([#+=-]|\d+(?=[.)]))")
"""Syntax that only counts at the start of a line: headings, list items, setext rules."""

_URL_SAFE = "/:?#[]@!&+,;=%~-._"
"""Characters a URL keeps as they are; everything else is percent-encoded, so that the URL
cannot close a Markdown link, split a table cell or leave an HTML attribute."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet take a cell for a formula."""


def clean(text: str) -> str:
    """Replace every character of :data:`UNSAFE` with U+FFFD (one for one)."""
    return UNSAFE.sub("\ufffd", text)


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
    if not candidate or UNSAFE.search(candidate) or _WHITESPACE.search(candidate):
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


def markdown_link(title: str, ref: str) -> Markup:
    """Return a Markdown link when ``ref`` is http(s), else the escaped title and ref."""
    from markupsafe import Markup

    url = safe_url(ref)
    if url is None:
        return Markup(f"{escape_markdown(title)} ({escape_markdown(ref)})")
    return Markup(f"[{escape_markdown(title)}]({url})")


def html_text(value: str) -> Markup:
    """Escape ``value`` for a raw-HTML spot of a Markdown document (``<summary>``)."""
    from markupsafe import Markup, escape

    return Markup(escape(collapse(value)))


def css_string(value: str) -> Markup:
    """Quote ``value`` as a CSS string, every non-alphanumeric character hex-escaped.

    Nothing in it can then end the string, the rule or the ``<style>`` element.
    """
    from markupsafe import Markup

    out = []
    for char in collapse(value):
        if char.isascii() and char.isalnum():
            out.append(char)
        else:
            # The space ends the escape and is consumed by the CSS parser.
            out.append(f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


def workflow_value(text: str, *, prop: bool = False) -> str:
    """Escape a GitHub Actions workflow command's message (or, ``prop``, property value).

    Line breaks become ``%0A``, so that a value can never start a command of its own.
    """
    text = clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def spreadsheet_cell(text: str) -> str:
    """Clean a CSV text cell and defuse spreadsheet formulas.

    Text starting with = + - @ (or a tab or return) gets a leading apostrophe, so a
    spreadsheet shows it instead of running it.
    """
    text = clean(text)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
