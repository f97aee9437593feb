"""Rendering: one module per format of each family, behind one typed registry.

A **family** is what a command reports on: an assessment (:data:`ASSESS`, a
:class:`~wcc_assess.models.result.Result`), a cohort (:data:`COHORT`), a trend
(:data:`TREND`) or a development plan on its own (:data:`ACTIONS`). Each has a format enum
(:mod:`.formats`) and a package holding one module per member, named after it, with
``render(document, options) -> str``: the format ``html`` of the assessment family is
:mod:`wcc_assess.render.assess.html`. Modules are imported only when their format is asked
for; ``tests/unit/test_render_registry.py`` checks every member of every family.

Adding a format is one enum member and one module; adding a family is one enum, one
package and one :class:`Family` here. ``wcc explain`` (:mod:`.explain`) and the reports of
checked files (:mod:`.diagnostics`) have one form each. Every renderer words figures with
:mod:`._words` and passes text from an input through :mod:`._safety`.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from wcc_assess.render.formats import ActionsFormat, AssessFormat, CohortFormat, TrendFormat
from wcc_assess.render.interface import Renderer, RenderOptions

if TYPE_CHECKING:
    from wcc_assess.models.actions import ActionsReport
    from wcc_assess.models.cohort import CohortResult
    from wcc_assess.models.result import Result
    from wcc_assess.models.trend import Trend

__all__ = [
    "ACTIONS",
    "ASSESS",
    "COHORT",
    "TREND",
    "ActionsFormat",
    "AssessFormat",
    "CohortFormat",
    "FAMILIES",
    "Family",
    "RenderOptions",
    "Renderer",
    "TrendFormat",
    "render",
]

D = TypeVar("D")
F = TypeVar("F", bound=StrEnum)


class Family(Generic[D, F]):
    """The renderers of one kind of document: a format enum and one module per member.

    ``package`` holds the modules: format ``x`` is rendered by ``<package>.x``.
    """

    __slots__ = ("formats", "name", "package")

    def __init__(self, name: str, formats: type[F], package: str) -> None:
        self.name, self.formats, self.package = name, formats, package

    def module(self, fmt: F) -> str:
        """Return the name of the module that renders ``fmt``."""
        if fmt not in self.formats.__members__.values():
            raise ValueError(f"{fmt!r} is not a {self.name} format")
        return f"{self.package}.{fmt.value}"

    def renderer(self, fmt: F) -> Renderer[D]:
        """Return the render function of ``fmt`` (its module is imported now)."""
        return cast("Renderer[D]", importlib.import_module(self.module(fmt)).render)

    def render(self, document: D, fmt: F, options: RenderOptions | None = None) -> str | bytes:
        """Render ``document`` in ``fmt``; the same inputs always give the same report.

        A report is text, or bytes for a binary format (the cohort's ``xlsx``).
        """
        return self.renderer(fmt)(document, options or RenderOptions())


ASSESS: Family[Result, AssessFormat] = Family("assess", AssessFormat, "wcc_assess.render.assess")
COHORT: Family[CohortResult, CohortFormat] = Family(
    "cohort", CohortFormat, "wcc_assess.render.cohort"
)
TREND: Family[Trend, TrendFormat] = Family("trend", TrendFormat, "wcc_assess.render.trend")
ACTIONS: Family[ActionsReport, ActionsFormat] = Family(
    "actions", ActionsFormat, "wcc_assess.render.actions"
)

FAMILIES: dict[str, Family[Any, Any]] = {f.name: f for f in (ASSESS, COHORT, TREND, ACTIONS)}
"""Every family by name, which is the name of the command that writes its reports."""


def render(result: Result, fmt: AssessFormat, options: RenderOptions | None = None) -> str:
    """Render an assessment in ``fmt`` (``ASSESS.render``): every assessment format is text."""
    text = ASSESS.render(result, fmt, options)
    assert isinstance(text, str)
    return text
