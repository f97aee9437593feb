"""The one way the terminal renderers use rich: a console that writes to a string, safely.

The console never interprets rich markup (``[bold]`` in a narrative is text) and cleans
every string and text it is given, so that no control character, escape sequence or bidi
override from an input reaches a terminal (see :mod:`wcc_assess.render._safety`). Tables
are made with :func:`table`, whose cells are cleaned the same way.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Span, Text

from wcc_assess.render._safety import UNSAFE, clean, no_commands
from wcc_assess.render.interface import RenderOptions

__all__ = ["SafeTable", "StringConsole", "safe", "table"]


def _cleaned_text(value: Text) -> Text:
    """Return ``value`` cleaned, its styles' spans moved to where their characters went.

    A visible escape is longer than the character it stands for, so each span's ends are
    mapped through the lengths of the cleaned characters.
    """
    plain = value.plain
    if not UNSAFE.search(plain):
        return value.copy()
    offsets = [0]
    pieces = []
    for char in plain:
        piece = clean(char)
        pieces.append(piece)
        offsets.append(offsets[-1] + len(piece))
    copy = value.copy()
    copy.plain = "".join(pieces)
    copy.spans = [
        Span(offsets[min(span.start, len(plain))], offsets[min(span.end, len(plain))], span.style)
        for span in value.spans
    ]
    return copy


def safe(value: Any) -> Any:
    """Return a string or text cleaned (a text keeps its styles); anything else as it is."""
    if isinstance(value, Text):
        return _cleaned_text(value)
    if isinstance(value, str):
        return Text(clean(value))
    return value


class SafeTable(Table):
    """A rich table whose cells are cleaned as they are added."""

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:  # noqa: D102
        super().add_row(*(safe(cell) for cell in renderables), **kwargs)


def table(*columns: tuple[str, JustifyMethod]) -> SafeTable:
    """Return a table in the house style with these (header, justify) columns."""
    made = SafeTable(show_edge=False, pad_edge=False, header_style="bold")
    for name, justify in columns:
        made.add_column(name, justify=justify)
    return made


class StringConsole(Console):
    """A rich console that records into a string, coloured only if ``options.color``."""

    def __init__(self, options: RenderOptions) -> None:
        self._report = io.StringIO()
        super().__init__(
            file=self._report,
            width=options.width,
            force_terminal=options.color,
            no_color=not options.color,
            color_system="standard" if options.color else None,
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
        )

    def print(self, *objects: Any, **kwargs: Any) -> None:  # noqa: D102
        super().print(*(safe(item) for item in objects), **kwargs)

    def text(self) -> str:
        """Return what was printed, each line without the padding rich adds at its end.

        No line of it starts a GitHub Actions workflow command (:func:`no_commands`).
        """
        return no_commands(
            "".join(line.rstrip() + "\n" for line in self._report.getvalue().splitlines())
        )
