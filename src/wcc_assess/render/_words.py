"""The one wording layer: how every report puts numbers, levels and outcomes into words.

Every renderer family (assess, cohort, trend, explain, diagnostics) words a figure through
these functions, so that the same figure reads the same everywhere. They only format
what they are given; none computes a level or a score.
"""

from __future__ import annotations

__all__ = ["counted", "plural"]


def plural(count: int, word: str) -> str:
    """Return ``1 error``, ``2 errors``, ``0 errors``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def counted(**counts: int) -> str:
    """Return the non-zero counts in words: ``2 errors, 1 warning``."""
    return ", ".join(plural(count, word) for word, count in counts.items() if count)
