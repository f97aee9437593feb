"""The one small interface every renderer implements."""

from __future__ import annotations

from typing import NamedTuple, Protocol, TypeVar

__all__ = ["RenderOptions", "Renderer"]

D = TypeVar("D", contravariant=True)


class RenderOptions(NamedTuple):
    """How to render, as opposed to what: set by the CLI, ignored where meaningless."""

    color: bool = False
    """Terminal colours (tables only); off for files, pipes and NO_COLOR."""
    width: int = 100
    """Terminal width in columns (tables only)."""
    max_chars: int | None = None
    """Markdown only: the most characters a report may have (None: the format's default,
    65,000; 0: no limit)."""


class Renderer(Protocol[D]):
    """A pure function from a document (a result, a cohort, a trend) to a report.

    A report is text, or bytes for a binary format (a workbook).
    """

    def __call__(self, document: D, options: RenderOptions, /) -> str | bytes:
        """Return the report; never recompute a score or a statistic."""
