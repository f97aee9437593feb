"""Exact arithmetic shared by the judgement: fractions in, rounded half up only when stored.

Scores, means and changes are computed as :class:`~fractions.Fraction` so that
hand-computed expectations hold; a stored figure is rounded half away from zero. Figures
read back from a result (floats with two decimals) are taken as the decimals they were
written as.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction

__all__ = [
    "Number",
    "exact",
    "half_up",
    "months_before",
    "round_half_up",
    "round_number",
    "round_signed",
    "weighted_mean",
]

Number = int | float


def half_up(value: Fraction, scale: int) -> int:
    """Return ``floor(value × scale + 1/2)``: the value in units of 1/scale, rounded half up.

    In whole numbers (a fraction's denominator is positive), which is quicker than
    fraction arithmetic.
    """
    return (2 * scale * value.numerator + value.denominator) // (2 * value.denominator)


def round_half_up(value: Fraction, places: int) -> float:
    """Round an exact value half away from zero (for the non-negative values used here)."""
    scale: int = 10**places
    return half_up(value, scale) / scale


def round_signed(value: Fraction, places: int) -> float:
    """Round an exact value of either sign half away from zero (-0.125 -> -0.13)."""
    rounded = round_half_up(abs(value), places)
    return -rounded if value < 0 and rounded else rounded


def round_number(value: Fraction, places: int) -> Number:
    """Round half away from zero as :func:`round_signed`, but keep whole numbers ints."""
    if value.denominator == 1:
        return int(value)
    rounded = round_half_up(abs(value), places)
    return -rounded if value < 0 else rounded


def exact(value: Number | Fraction) -> Fraction:
    """Return a figure as the decimal it was written as (``0.1`` is one tenth)."""
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def weighted_mean(pairs: Iterable[tuple[float, Number | Fraction]]) -> Fraction:
    """Return the exact weighted mean of (weight, value) pairs (at least one pair)."""
    listed = list(pairs)
    total_weight = sum((Fraction(weight) for weight, _ in listed), Fraction(0))
    total = sum((Fraction(weight) * exact(value) for weight, value in listed), Fraction(0))
    return total / total_weight


def months_before(day: date, months: int) -> date:
    """Return the same day ``months`` calendar months earlier (clamped to month end)."""
    import calendar  # only when scoring

    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
