"""The Jinja environments of the template-based renderers (imported only by them).

Templates ship inside the package (``wcc_assess/templates``). Both environments use
``StrictUndefined``, so a misspelt name fails loudly instead of printing nothing.

- HTML: autoescape on; every value is also cleaned of characters HTML cannot carry.
- Markdown: every string value is escaped as inert Markdown unless it is ``Markup`` (a
  fragment the renderer built itself, such as a link with an escaped title).
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from wcc_assess.render._text import clean, collapse, escape_markdown, safe_url

__all__ = ["Markup", "environment"]


def _finalize_html(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


def _finalize_markdown(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_markdown(value)
    return value


def _markdown_link(title: str, ref: str) -> Markup:
    """Return a Markdown link when ``ref`` is http(s), else the escaped title and ref."""
    url = safe_url(ref)
    if url is None:
        return Markup(f"{escape_markdown(title)} ({escape_markdown(ref)})")
    return Markup(f"[{escape_markdown(title)}]({url})")


def _html_text(value: str) -> Markup:
    """Escape ``value`` for a raw-HTML spot of a Markdown document (``<summary>``)."""
    return Markup(escape(collapse(value)))


def _css_string(value: str) -> Markup:
    """Quote ``value`` as a CSS string, every non-alphanumeric character hex-escaped.

    Nothing in it can then end the string, the rule or the ``<style>`` element.
    """
    out = []
    for char in collapse(value):
        if char.isascii() and char.isalnum():
            out.append(char)
        else:
            # The space ends the escape and is consumed by the CSS parser.
            out.append(f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


@functools.cache
def environment(kind: Literal["html", "markdown"]) -> Environment:
    """Return the (cached) environment for HTML or Markdown templates."""
    html = kind == "html"
    env = Environment(
        loader=PackageLoader("wcc_assess", "templates"),
        undefined=StrictUndefined,
        autoescape=html,
        finalize=_finalize_html if html else _finalize_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = _css_string
    env.filters["md_link"] = _markdown_link
    env.filters["html_text"] = _html_text
    env.filters["url"] = safe_url
    return env
