"""The render registry: one module per output format, each rendering a :class:`Result`.

Adding a format is one module with a ``render(result, options) -> str`` function and one
line in :data:`RENDERERS`; ``tests/unit/test_render_registry.py`` checks that every member
of :class:`OutputFormat` has a renderer.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import TYPE_CHECKING

from wcc_assess.render.interface import Renderer, RenderOptions

if TYPE_CHECKING:
    from wcc_assess.models.result import Result

__all__ = ["RENDERERS", "OutputFormat", "RenderOptions", "Renderer", "get_renderer", "render"]


class OutputFormat(StrEnum):
    """The report formats of ``wcc assess --format``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"


RENDERERS: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "wcc_assess.render.assess.table",
    OutputFormat.MARKDOWN: "wcc_assess.render.assess.markdown",
    OutputFormat.HTML: "wcc_assess.render.assess.html",
    OutputFormat.JSON: "wcc_assess.render.assess.json",
    OutputFormat.JUNIT: "wcc_assess.render.assess.junit",
    OutputFormat.GITHUB: "wcc_assess.render.assess.github",
}
"""Format → module; modules are imported only when their format is asked for."""


def get_renderer(fmt: OutputFormat) -> Renderer:
    """Return the render function of ``fmt``."""
    module = importlib.import_module(RENDERERS[fmt])
    renderer: Renderer = module.render
    return renderer


def render(result: Result, fmt: OutputFormat, options: RenderOptions | None = None) -> str:
    """Render ``result`` in ``fmt``; the same inputs always give the same text."""
    return get_renderer(fmt)(result, options or RenderOptions())
