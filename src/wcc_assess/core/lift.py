"""What would lift a domain: the figures behind "what it would take" in ``wcc explain``.

For a domain scored by the weighted mean (``mean``), the weighted levels (weight ×
effective level) must rise by the weight total times the next level, less what they are
now; lifting an indicator one level adds its weight. The example lifts the lowest
indicators first (the heavier first among equals). For ``all-met``, every indicator that
holds the domain down must reach the next level: that is the domain's ``limited_by``.

Pure: no I/O.
"""

from __future__ import annotations

from fractions import Fraction

from wcc_assess.models.result import IndicatorResult, Lift, LiftStep

__all__ = ["mean_lift", "weighted_sums"]


def _weight(weight: float) -> int | Fraction:
    """Return a weight exactly: an int when whole (the common case, and the quick one)."""
    return int(weight) if float(weight).is_integer() else Fraction(weight)


def weighted_sums(rated: list[IndicatorResult]) -> tuple[Fraction, Fraction]:
    """Return the exact sum of weight × effective level, and the sum of the weights."""
    total: int | Fraction = 0
    weight: int | Fraction = 0
    for result in rated:
        each = _weight(result.weight)
        total += each * (result.effective_level or 0)
        weight += each
    return Fraction(total), Fraction(weight)


def mean_lift(
    rated: list[IndicatorResult], sums: tuple[Fraction, Fraction], level: int, top: int
) -> Lift:
    """Return what would lift a ``mean`` domain at ``level`` to the next one.

    ``sums`` are the domain's :func:`weighted_sums`.
    """
    total, weight = sums
    target = level + 1
    needed = target * weight - total
    plan: dict[str, int] = {}
    gained: int | Fraction = 0

    def reached(result: IndicatorResult) -> int:
        return (result.effective_level or 0) + plan.get(result.id, 0)

    while gained < needed:
        candidates = [r for r in rated if reached(r) < top]
        if not candidates:
            break
        pick = min(candidates, key=lambda r: (reached(r), -r.weight, r.id))
        plan[pick.id] = plan.get(pick.id, 0) + 1
        gained += _weight(pick.weight)
    reachable = gained >= needed
    steps = [
        LiftStep.model_construct(
            indicator=r.id,
            from_level=r.effective_level or 0,
            to_level=reached(r),
            weight=r.weight,
        )
        for r in rated
        if r.id in plan
    ]
    return Lift.model_construct(
        level=target, needed=float(needed), reachable=reachable, steps=steps if reachable else []
    )
