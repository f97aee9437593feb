"""The Jinja environments of the template-based renderers (imported only by them).

Templates ship inside the package (``wcc_assess/templates``). Both environments use
``StrictUndefined``, so a misspelt name fails loudly instead of printing nothing, and both
pass every value through the text-safety layer (:mod:`wcc_assess.render._safety`):

- HTML: autoescape on; every string is also cleaned of what no report may carry. Every
  page includes the one hardened head, ``_head.html.j2``: a Content-Security-Policy that
  allows no network and no script, and no referrer.
- Markdown: every string value is escaped as inert Markdown unless it is ``Markup`` (a
  fragment the renderer built itself, such as a link with an escaped title).
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from wcc_assess.render._safety import (
    clean,
    css_string,
    escape_markdown,
    html_text,
    markdown_link,
    safe_url,
)

__all__ = ["Markup", "environment"]


def _finalize_html(value: Any) -> Any:
    """Clean and escape text; its line breaks as character references.

    A line break written ``&#10;`` renders as the line break it is, and keeps text from an
    input from starting a line of the HTML source (where a CI log showing the report would
    read ``::error`` as a workflow command).
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        escaped = str(escape(clean(value)))  # as text: Markup.replace would escape "&#10;"
        return Markup(escaped.replace("\r", "&#13;").replace("\n", "&#10;"))
    return value


def _finalize_markdown(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_markdown(value)
    return value


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
    env.filters["css_string"] = css_string
    env.filters["md_link"] = markdown_link
    env.filters["html_text"] = html_text
    env.filters["url"] = safe_url
    return env
