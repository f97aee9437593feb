"""Renderers of a :class:`~wcc_assess.models.trend.Trend` (``wcc trend``), one module each.

The same shape as the assessment renderers: a format enum, a registry of module paths
imported only when asked for, and ``render(trend, options) -> str`` in every module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from wcc_assess.render.interface import RenderOptions

if TYPE_CHECKING:
    from wcc_assess.models.trend import Trend

__all__ = ["TREND_RENDERERS", "TrendFormat", "render_trend"]


class TrendFormat(StrEnum):
    """The formats of ``wcc trend --format``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"


TREND_RENDERERS: dict[TrendFormat, str] = {
    TrendFormat.TABLE: "wcc_assess.render.trend.table",
    TrendFormat.MARKDOWN: "wcc_assess.render.trend.markdown",
    TrendFormat.JSON: "wcc_assess.render.trend.json",
    TrendFormat.HTML: "wcc_assess.render.trend.html",
}
"""Format -> module; modules are imported only when their format is asked for."""


def render_trend(trend: Trend, fmt: TrendFormat, options: RenderOptions | None = None) -> str:
    """Render ``trend`` in ``fmt``; the same inputs always give the same text."""
    module = importlib.import_module(TREND_RENDERERS[fmt])
    renderer: Callable[[Trend, RenderOptions], str] = module.render
    return renderer(trend, options or RenderOptions())
