"""JSON: the plan report itself (``kind: actions``), for other tools."""

from __future__ import annotations

from wcc_assess.models.actions import ActionsReport
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def render(report: ActionsReport, options: RenderOptions) -> str:
    """Return the plan report as indented JSON with a trailing newline."""
    return report.model_dump_json(indent=2) + "\n"
