"""JSON: the trend document itself (``wcc trend --format json``)."""

from __future__ import annotations

from wcc_assess.models.trend import Trend
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def render(trend: Trend, options: RenderOptions) -> str:
    """Return the trend as indented JSON with a trailing newline."""
    return trend.model_dump_json(indent=2) + "\n"
