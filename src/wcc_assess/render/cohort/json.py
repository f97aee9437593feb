"""JSON: the cohort document itself, the published contract of ``wcc cohort --format json``."""

from __future__ import annotations

from wcc_assess.models.cohort import CohortResult
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def render(cohort: CohortResult, options: RenderOptions) -> str:
    """Return the cohort as indented JSON with a trailing newline."""
    return cohort.model_dump_json(indent=2) + "\n"
