r"""The one text-safety layer: what every renderer does to text that came from an input.

Everything a submission (or a framework file, or a file name) says reaches a report through
these functions, so that it comes out as inert text in every format:

- :func:`clean` shows what no report may carry as a visible escape (``\x1b``,
  ``\u202e``): C0 controls other than tab, newline and carriage return (ESC starts
  terminal escape sequences: colours, OSC 52 clipboard writes, OSC 8 links, clearing the
  screen), DEL, the C1 controls (U+0080-U+009F: CSI, OSC, NEL), the bidirectional marks,
  embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A-U+202E,
  U+2066-U+2069: they reorder what a reader sees), lone surrogates and the noncharacters.
  The escape is visible on purpose: a reader sees that something was there, and what.
  :func:`one_line` also escapes line breaks, for anything printed as one line (a
  diagnostic, a log line), so that nothing an input says can start a line of its own (a
  GitHub Actions workflow command such as ``::add-mask::`` or ``::stop-commands::``);
  :func:`collapse` folds every run of whitespace into one space instead.
- HTML is escaped by the template engine (autoescape) after :func:`clean`; Markdown by
  :func:`escape_markdown` (which also keeps ``@mentions`` and ``#123`` references from
  notifying anyone); URLs become links only through :func:`safe_url`; CSS strings through
  :func:`css_string`; GitHub workflow command values through :func:`workflow_value`;
  spreadsheet cells through :func:`spreadsheet_cell`.
- The terminal: rich markup is never interpreted (the console is built with
  ``markup=False``) and every string and text it prints is cleaned
  (:class:`~wcc_assess.render._console.StringConsole`).

Machine formats that carry the data itself (JSON) are left to their serialiser, which
escapes control characters; they are not cleaned, so that data round-trips.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
    "no_commands",
    "one_line",
    "safe_url",
    "spreadsheet_cell",
    "workflow_value",
]

UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Characters no report may carry: control characters (C0 other than tab, newline and
carriage return; DEL; C1), bidirectional controls, lone surrogates and noncharacters."""

_BREAKS = re.compile("[\r\n\u2028\u2029]")
"""Line breaks (and the Unicode line and paragraph separators), escaped by :func:`one_line`."""

_MENTION = re.compile(
    r"(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9-]*)?"
    r"|#[0-9]+|\bGH-[0-9]+",
    re.IGNORECASE,
)
"""What GitHub turns into a notification or a link when a Markdown report is posted as a
comment or a step summary: ``@name`` and ``@org/team`` mentions, ``#123`` and ``GH-123``
references. A mention after a letter or digit (an e-mail address) notifies nobody."""

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


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in (0x0A, 0x0D):
        return "\\n" if code == 0x0A else "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    r"""Show every character of :data:`UNSAFE` as a visible escape: ESC as ``\x1b``.

    This is the one function every text from an input passes through before it is shown.
    """
    return UNSAFE.sub(_escaped, text)


def one_line(text: str) -> str:
    r"""Clean ``text`` for a line of its own: line breaks escaped too (``\n``, ``\r``).

    Nothing an input says can then start a line: a file name or a YAML key holding a
    newline and ``::error::`` stays on the diagnostic's line, where GitHub Actions does not
    read it as a workflow command. A line that itself starts with ``::`` gets its first
    colon escaped (``\x3a``) for the same reason (:func:`no_commands`).
    """
    return no_commands(_BREAKS.sub(_escaped, clean(text)))


_COMMAND = re.compile(r"^([ \t]*):(?=:)", re.MULTILINE)
"""The start of a line that GitHub Actions would read as a workflow command: ``::`` after
any leading spaces (the runner trims them)."""


def no_commands(text: str) -> str:
    r"""Escape the first colon (``\x3a``) of every line that would start a workflow command.

    Every plain-text report passes through here (the terminal tables, ``wcc explain``, the
    lines of diagnostics), so that text an input put on a line of its own (a narrative over
    several lines, a name with a line break) is never read by GitHub Actions as
    ``::error``, ``::add-mask::`` or ``::stop-commands::`` when the report is in a CI log.
    """
    return _COMMAND.sub(r"\1\\x3a", text)


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
    flat = _unmentioned(collapse(text), _inline_markdown, "`{}`")
    match = _MD_LEADING.match(flat)
    if match:
        if match.group(1).isdigit():
            end = match.end()
            flat = flat[:end] + "\\" + flat[end:]
        else:
            flat = "\\" + flat
    return flat


def _inline_markdown(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_INLINE.sub(r"\\\1", text)


def _unmentioned(text: str, escape: Callable[[str], str], code: str) -> str:
    """Escape ``text`` with ``escape``, putting each mention or reference in ``code``.

    GitHub never notifies anyone of, or links, a mention inside code (a Markdown code span
    or an HTML ``<code>`` element), and the name stays visible and copyable as written; a
    zero-width character would hide in the text and break a copied name, an entity would
    be decoded back into a mention. The mention's characters (letters, digits, ``-``,
    ``/``, ``#``) need no escaping inside code.
    """
    pieces: list[str] = []
    last = 0
    for match in _MENTION.finditer(text):
        pieces += [escape(text[last : match.start()]), code.format(match.group())]
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


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

    return Markup(_unmentioned(collapse(value), lambda text: str(escape(text)), "<code>{}</code>"))


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
    spreadsheet shows it instead of running it; a line inside it that would start a GitHub
    workflow command is escaped (:func:`no_commands`).
    """
    text = no_commands(clean(text))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
