"""The cohort render registry: one module per format, each rendering a :class:`CohortResult`.

Kept apart from the single-assessment registry (:mod:`wcc_assess.render`) because the two
render different objects; the options are shared. Adding a format is one module with a
``render(cohort, options) -> str`` function and one line in :data:`COHORT_RENDERERS`.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from wcc_assess.render.interface import RenderOptions

if TYPE_CHECKING:
    from wcc_assess.models.cohort import CohortResult

__all__ = [
    "COHORT_RENDERERS",
    "CohortFormat",
    "CohortRenderer",
    "RenderOptions",
    "get_cohort_renderer",
    "render_cohort",
]


class CohortFormat(StrEnum):
    """The report formats of ``wcc cohort --format``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    CSV = "csv"


COHORT_RENDERERS: dict[CohortFormat, str] = {
    CohortFormat.TABLE: "wcc_assess.render.cohort.table",
    CohortFormat.MARKDOWN: "wcc_assess.render.cohort.markdown",
    CohortFormat.HTML: "wcc_assess.render.cohort.html",
    CohortFormat.JSON: "wcc_assess.render.cohort.json",
    CohortFormat.CSV: "wcc_assess.render.cohort.csv",
}
"""Format → module; modules are imported only when their format is asked for."""


class CohortRenderer(Protocol):
    """A pure function from a cohort to the report's text."""

    def __call__(self, cohort: CohortResult, options: RenderOptions, /) -> str:
        """Return the report; never recompute a statistic."""


def get_cohort_renderer(fmt: CohortFormat) -> CohortRenderer:
    """Return the render function of ``fmt``."""
    module = importlib.import_module(COHORT_RENDERERS[fmt])
    renderer: CohortRenderer = module.render
    return renderer


def render_cohort(
    cohort: CohortResult, fmt: CohortFormat, options: RenderOptions | None = None
) -> str:
    """Render ``cohort`` in ``fmt``; the same inputs always give the same text."""
    return get_cohort_renderer(fmt)(cohort, options or RenderOptions())
