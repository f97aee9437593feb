"""The headline: the profile of domain levels, and a band derived from it (§2 rule 6).

The headline never says more than the domain levels show. WCC had no composite rating: its
headline is the profile (how many competencies at each level) beside the governance and
outcome elements of the scorecard. A framework that keeps bands states, for each band but
the first, the rule in domain levels under which it applies (``when``: a share of the
framework's domains at a level or above, and optionally none below another level); the
band printed is the highest whose rule the domain levels meet. Rules count over every
domain of the framework, so a domain not assessed reaches no level: a band never says more
than was assessed.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from wcc_assess.models.framework import Band, BandRule, Level, Share
from wcc_assess.models.result import ProfileCount

__all__ = ["band_for", "profile", "rule_holds", "share_met"]


def share_met(share: Share, reached: int, total: int) -> bool:
    """Tell whether ``reached`` of ``total`` domains is ``share`` of them."""
    if share is Share.ALL:
        return reached == total
    if share is Share.MOST:
        return 2 * reached > total
    return 2 * reached >= total


def rule_holds(rule: BandRule, levels: Sequence[int | None]) -> bool:
    """Tell whether the domain levels (None: at no level) meet a band's rule."""
    reached = sum(level is not None and level >= rule.level for level in levels)
    if not share_met(rule.share, reached, len(levels)):
        return False
    floor = rule.none_below
    return floor is None or all(level is not None and level >= floor for level in levels)


def band_for(bands: Sequence[Band], levels: Sequence[int | None]) -> Band | None:
    """Return the highest band whose rule the domain levels meet (None: no bands).

    The first band has no rule and applies when no other does; lint keeps each band's rule
    at least as demanding as the one before, so the last band that holds is the highest.
    """
    if not bands:
        return None
    chosen = bands[0]
    for band in bands[1:]:
        if band.when is not None and rule_holds(band.when, levels):
            chosen = band
    return chosen


def profile(scale: Sequence[Level], levels: Sequence[int | None]) -> list[ProfileCount]:
    """Return how many domains sit at each level of the scale, highest level first."""
    return [
        ProfileCount.model_construct(
            level=step.level, label=step.label, count=levels.count(step.level)
        )
        for step in reversed(scale)
    ]
