"""The one small interface every renderer implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from wcc_assess.models.result import Result

__all__ = ["RenderOptions", "Renderer"]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render, as opposed to what: set by the CLI, ignored where meaningless."""

    color: bool = False
    """Terminal colours (table only); off for files, pipes and NO_COLOR."""
    width: int = 100
    """Terminal width in columns (table only)."""


class Renderer(Protocol):
    """A pure function from a result to the report's text."""

    def __call__(self, result: Result, options: RenderOptions, /) -> str:
        """Return the report; never recompute a score."""
