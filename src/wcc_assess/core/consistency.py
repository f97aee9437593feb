"""A result read back from a file: whether its figures are possible on its own scale.

A result written by ``wcc assess`` always is; one edited by hand or crafted may say a level
of -5 or 10^30, a score beyond the scale or a percent over 100, and would then be compared
with this year's as if it were true. Each impossible figure is a :class:`Diagnostic` at
its field path. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator

from wcc_assess.errors import Diagnostic, Loc
from wcc_assess.models.result import Result
from wcc_assess.models.submission import period_problem

__all__ = ["result_problems"]

_INDICATOR_LEVELS = (
    "claimed_level",
    "panel_level",
    "assessed_level",
    "supported_level",
    "effective_level",
)


def _levels(result: Result) -> Iterator[tuple[Loc, object]]:
    """Every level a result states, with its path."""
    for d, domain in enumerate(result.domains):
        yield ("domains", d, "level"), domain.level
        yield ("domains", d, "target"), domain.target
        for i, indicator in enumerate(domain.indicators):
            for name in _INDICATOR_LEVELS:
                yield ("domains", d, "indicators", i, name), getattr(indicator, name)


def _scores(result: Result) -> Iterator[tuple[Loc, float | None, bool]]:
    """Every score (False) and percent (True) a result states, with its path."""
    for d, domain in enumerate(result.domains):
        yield ("domains", d, "score"), domain.score, False
        yield ("domains", d, "percent"), domain.percent, True
    yield ("overall", "score"), result.overall.score, False
    yield ("overall", "percent"), result.overall.percent, True


def result_problems(result: Result) -> list[Diagnostic]:
    """Find the figures of ``result`` that its own scale makes impossible."""
    scale = [level.level for level in result.framework.scale]
    if not scale:
        return [Diagnostic.at(("framework", "scale"), "the result's framework has no scale")]
    low, high = min(scale), max(scale)
    span = f"the scale runs from {low} to {high}"
    found = [
        Diagnostic.at(loc, f"level {value} is not on the result's scale", span)
        for loc, value in _levels(result)
        if value is not None and value not in scale
    ]
    for loc, value, percent in _scores(result):
        bottom, top = (0, 100) if percent else (low, high)
        if value is not None and not bottom <= value <= top:
            what = "percent" if percent else "score"
            found.append(
                Diagnostic.at(
                    loc, f"{what} {value:g} is out of range", f"it runs from {bottom} to {top}"
                )
            )
    problem = period_problem(result.period)
    if problem is not None:
        found.append(Diagnostic.at(("period",), problem))
    return found
