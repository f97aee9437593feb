"""Groups of domains: BS 11000's eight stages rolled up into its three phases.

A framework with ``groups`` rolls up the domains that share a ``phase`` (in the order the
phases first appear). A group's level comes from its assessed domains' levels by the
framework's group method: ``all-met``, the lowest of them (a phase is only as far on as
its weakest stage); ``mean``, the weighted mean of their exact scores rounded down. Its
score is the weighted mean of their exact scores, by domain weight. A group with no
assessed domain is not assessed.

Pure: no I/O.
"""

from __future__ import annotations

import math
from fractions import Fraction

from wcc_assess.core.numbers import round_half_up, weighted_mean
from wcc_assess.models.framework import DomainMethod, Framework
from wcc_assess.models.result import Coverage, DomainResult, GroupResult

__all__ = ["group_results"]


def _group(
    framework: Framework, name: str, members: list[DomainResult], exacts: dict[str, Fraction]
) -> GroupResult:
    rated = [d for d in members if not d.not_rated]
    assessed = [d for d in rated if d.assessed and d.id in exacts]
    coverage = Coverage.model_construct(assessed=len(assessed), total=len(rated))
    ids = [d.id for d in members]
    if not assessed:
        return GroupResult.model_construct(id=name, domains=ids, assessed=False, coverage=coverage)
    assert framework.groups is not None
    score = weighted_mean((d.weight, exacts[d.id]) for d in assessed)
    if framework.groups.method is DomainMethod.ALL_MET:
        level = min(d.level or 0 for d in assessed)
    else:
        level = math.floor(score)
    span = framework.highest - framework.lowest
    percent = (score - framework.lowest) * 100 / span
    limited = (
        [d.id for d in assessed if (d.level or 0) <= level] if level < framework.highest else []
    )
    return GroupResult.model_construct(
        id=name,
        domains=ids,
        assessed=True,
        level=level,
        score=round_half_up(score, 2),
        percent=round_half_up(percent, 1),
        coverage=coverage,
        limited_by=limited,
    )


def group_results(
    framework: Framework, domains: list[DomainResult], exacts: dict[str, Fraction]
) -> list[GroupResult]:
    """Return the framework's groups of domains with their levels (none without ``groups``).

    ``exacts`` holds the exact score of every assessed domain, by id.
    """
    if framework.groups is None:
        return []
    phases = {d.id: d.phase for d in framework.domains}
    names = list(dict.fromkeys(phase for phase in phases.values() if phase))
    return [
        _group(framework, name, [d for d in domains if phases.get(d.id) == name], exacts)
        for name in names
    ]
