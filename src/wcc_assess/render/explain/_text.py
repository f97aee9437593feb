"""What every explanation shares: line wrapping, the heading, evidence, one indicator's lift."""

from __future__ import annotations

from wcc_assess.models.framework import Framework
from wcc_assess.models.result import EvidenceResult, IndicatorResult, Result
from wcc_assess.render import _words as words
from wcc_assess.render._words import decimal, kinds_text, level_name, plural

__all__ = [
    "WIDTH",
    "evidence_items",
    "header",
    "left_out",
    "level_of",
    "lift_indicator",
    "name_column",
    "percent_line",
    "since",
    "weighted_terms",
    "wrap",
]

WIDTH = words.WIDTH
"""Lines are wrapped to this many characters."""


def wrap(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap ``text`` (an empty one is an empty line at ``indent``)."""
    return words.wrap(text, indent, hanging) or [indent.rstrip()]


def header(result: Result) -> list[str]:
    """Say whose assessment it is, when, and against which framework."""
    info = result.framework
    return wrap(
        f"{result.organisation} ({result.organisation_code}), {result.period}, assessed on "
        f"{result.assessed_on.isoformat()} against {info.title} ({info.id}@{info.version})"
    )


def since(result: Result) -> str:
    """Return the first day of the recency window, as the scorer set it."""
    return result.recent_since.isoformat() if result.recent_since else "?"


def name_column(names: list[str], limit: int) -> tuple[int, list[str]]:
    """Return a column width (at most ``limit``) and the names cut to fit it with ``…``."""
    width = min(max(len(name) for name in names), limit)
    return width, [name if len(name) <= width else name[: width - 1] + "…" for name in names]


def left_out(not_what: str, reason: str | None, owner: str, of: str, done: str) -> list[str]:
    """Say why something was left out, and where it is shown instead (its owner's coverage).

    ``of`` is the owner's coverage as ``2 of 3``; ``done`` what those were (``assessed``).
    """
    out = wrap(words.sentence(f"{not_what}: {reason or 'no reason given'}"), "")
    return out + wrap(
        f"It is left out of {owner} and shown in its coverage ({of} {done}).",
        "",
    )


def evidence_items(evidence: list[EvidenceResult], kinds_matter: bool = False) -> list[str]:
    """List evidence items with their kinds and whether each counted and is recent.

    ``kinds_matter`` (the rules ask for kinds) also says of an item that gives no kind.
    """
    if not evidence:
        return ["  None cited."]
    out: list[str] = []
    for number, item in enumerate(evidence, start=1):
        if item.counted:
            status = "counted, recent" if item.recent else "counted, not recent"
            if item.tabled:
                status += ", tabled at the panel"
        else:
            note = item.note or ""
            status = note if "not counted" in note else f"not counted: {note}".rstrip(": ")
        kind = f", {item.kind.label}" if item.kind else (", no kind given" if kinds_matter else "")
        if item.key_document:
            kind += f" (key document {item.key_document})"
        if item.checked_by:
            checked = item.checked_on.isoformat() if item.checked_on else ""
            status += f"; checked by {item.checked_by} {checked}".rstrip()
        out += wrap(
            f"{number}. {item.title} [{item.ref}], {item.date.isoformat()}{kind}: {status}",
            "  ",
            "     ",
        )
    return out


def _evidence_gap(result: Result, indicator: IndicatorResult) -> str:
    """Say what evidence a claim one level higher needs, and what the indicator has."""
    need = indicator.next_level_evidence
    assert need is not None
    if not need.min_items and not need.min_recent:
        return f"Evidence: level {need.level} needs none."
    needs = f"level {need.level} needs {plural(need.min_items, 'item')}"
    if need.kinds:
        needs += f" including {kinds_text(need.kinds)}"
    first = need.recent_since.isoformat() if need.recent_since else since(result)
    if need.min_recent:
        needs += f", at least {need.min_recent} dated on or after {first}"
    recent = f", {indicator.evidence_recent} recent" if need.min_recent else ""
    has = f"it has {indicator.evidence_counted} counted{recent}"
    if not need.short_items:
        return f"Evidence: {needs}; {has}, which is enough."
    add = f"add {plural(need.short_items, 'item')}"
    if need.short_recent:
        add += f" ({need.short_recent} of them dated on or after {first})"
    if need.kinds_missing:
        add += f", among them {kinds_text(need.kinds_missing)}"
    return f"Evidence: {needs}; {has}: {add}."


def _descriptor(framework: Framework, indicator_id: str, level: int) -> str | None:
    for domain in framework.domains:
        for indicator in domain.indicators:
            if indicator.id == indicator_id:
                return indicator.descriptors.get(level)
    return None


def lift_indicator(
    result: Result, framework: Framework, indicator: IndicatorResult, indent: str
) -> list[str]:
    """Describe what would lift an assessed indicator one level, or why nothing can."""
    if indicator.next_level_evidence is None:
        return wrap(f"{indicator.id} is at the top of the scale.", indent)
    target = indicator.next_level_evidence.level
    out: list[str] = []
    descriptor = _descriptor(framework, indicator.id, target)
    if descriptor:
        out += wrap(f"What a panel would expect to see: {descriptor}", indent, indent + "  ")
    assessed = indicator.assessed_level or 0
    if assessed >= target:
        who = "the panel's level" if indicator.panel_level is not None else "the claim"
        out += wrap(f"Already {who} ({assessed}); only the evidence is short.", indent)
    elif indicator.panel_level is not None:
        out += wrap(
            f"The panel rated it {indicator.panel_level}: the panel must agree that practice "
            f"now matches level {target}.",
            indent,
        )
    else:
        out += wrap(f"Rate it {target} once practice matches this description.", indent)
    out += wrap(_evidence_gap(result, indicator), indent, indent + "  ")
    return out


def percent_line(result: Result, score: float, percent: float, from_unrounded: bool) -> str:
    """Write the percent out: ``(2.65 − 1) / (4 − 1) × 100 = 55.0%``."""
    low, high = result.framework.scale[0].level, result.framework.scale[-1].level
    text = f"({score:.2f} − {low}) / ({high} − {low}) × 100 = {percent:.1f}%"
    return text + (" (from the unrounded score)" if from_unrounded else "")


def weighted_terms(pairs: list[tuple[float, str]]) -> str:
    """Write ``(1×2 + 1.5×3)``'s terms: each weight times its value."""
    return " + ".join(f"{decimal(weight)}×{value}" for weight, value in pairs)


def level_of(result: Result, level: int) -> str:
    """Return ``2 (Developing)`` on the result's scale."""
    return level_name(result.framework.scale, level)
