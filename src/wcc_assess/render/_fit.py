"""Markdown that fits where it is posted: a size limit, folding, then a clean cut.

GitHub refuses a comment or a step summary longer than 65,536 characters. A Markdown
report is rendered in full first; past the limit it is rendered again with its detail
folded (shorter, the detail in ``<details>`` blocks and after the summary), and if that is
still too long it is cut on a line boundary, every open ``<details>`` closed, with a
pointer to the full report. ``--max-chars 0`` turns the limit off.
"""

from __future__ import annotations

from collections.abc import Callable

from wcc_assess.render.interface import RenderOptions

__all__ = ["DEFAULT_MAX_CHARS", "fit", "limit_of", "truncate"]

DEFAULT_MAX_CHARS = 65_000
"""Under GitHub's 65,536 characters, with room for what a workflow adds around a report."""


def limit_of(options: RenderOptions) -> int | None:
    """Return the size limit in force: the option, the default, or None for no limit."""
    if options.max_chars is None:
        return DEFAULT_MAX_CHARS
    return options.max_chars or None


def fit(full: Callable[[], str], folded: Callable[[], str], limit: int | None, pointer: str) -> str:
    """Return ``full()`` if it fits, else ``folded()`` if that fits, else it cut to fit."""
    text = full()
    if limit is None or len(text) <= limit:
        return text
    text = folded()
    if len(text) <= limit:
        return text
    return truncate(text, limit, pointer)


def truncate(text: str, limit: int, pointer: str) -> str:
    """Cut ``text`` on a line boundary so that it, the closed blocks and ``pointer`` fit.

    The result is never longer than ``limit`` (unless the pointer alone is longer).
    """
    note = f"\n\n{pointer}\n"
    budget = limit - len(note)
    while budget > 0:
        cut = text[:budget]
        cut = cut[: cut.rfind("\n")] if "\n" in cut else ""
        still_open = cut.count("<details>") - cut.count("</details>")
        ending = "\n\n</details>" * max(still_open, 0) + note
        if len(cut) + len(ending) <= limit:
            return cut.rstrip() + ending
        budget = len(cut) - (len(cut) + len(ending) - limit)
    return pointer + "\n"
