"""JSON: the result document itself, the published contract of ``--format json``."""

from __future__ import annotations

from wcc_assess.models.result import Result
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def render(result: Result, options: RenderOptions) -> str:
    """Return the result as indented JSON with a trailing newline."""
    return result.model_dump_json(indent=2) + "\n"
