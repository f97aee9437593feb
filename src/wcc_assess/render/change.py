"""Wording of a change since the baseline, shared by every renderer.

An arrow never stands alone: it always comes with a word, so the meaning survives a screen
reader, a monochrome printer and a copy into plain text.
"""

from __future__ import annotations

from wcc_assess.core.compare import format_number
from wcc_assess.models.result import Change, ChangeDirection

__all__ = ["ARROWS", "arrow", "change_text", "signed"]

ARROWS = {
    ChangeDirection.IMPROVED: "↑",
    ChangeDirection.DECLINED: "↓",
    ChangeDirection.UNCHANGED: "→",
    ChangeDirection.NEW: "+",
    ChangeDirection.NOT_COMPARABLE: "·",
}
"""The arrow (or mark) of each direction."""

_WORDS = {
    ChangeDirection.IMPROVED: "improved",
    ChangeDirection.DECLINED: "declined",
    ChangeDirection.UNCHANGED: "unchanged",
    ChangeDirection.NEW: "new",
    ChangeDirection.NOT_COMPARABLE: "not comparable",
}


def arrow(change: Change) -> str:
    """Return the arrow and word of a change: ``↑ improved``, ``→ unchanged``, ``+ new``."""
    return f"{ARROWS[change.direction]} {_WORDS[change.direction]}"


def signed(value: int | float) -> str:
    """Return a delta with its sign: ``+1``, ``-0.5``, ``+0.25``, ``0``."""
    text = format_number(abs(value))
    if value > 0:
        return f"+{text}"
    return f"-{text}" if value < 0 else "0"


def change_text(change: Change, level: int | None, *, score: bool = True) -> str:
    """Return a short description: ``↑ improved 2→3``, ``→ unchanged (score +0.25)``.

    ``level`` is the current level; ``score`` adds the score delta when there is one.
    """
    text = arrow(change)
    direction = change.direction
    moved = direction in (ChangeDirection.IMPROVED, ChangeDirection.DECLINED)
    if moved and level is not None and change.previous_level is not None:
        text += f" {format_number(change.previous_level)}→{format_number(level)}"
    elif direction is ChangeDirection.NOT_COMPARABLE and change.previous_level is not None:
        text += f" (was {format_number(change.previous_level)})"
    if score and change.score_delta:
        text += f" (score {signed(change.score_delta)})"
    return text
