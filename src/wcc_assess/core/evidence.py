"""Evidence and the level it supports: product contract §2, rules 1 to 3.

An indicator's **assessed** level is the panel's if given, else the organisation's own; the
evidence **supports** the highest level whose rules it meets; the **effective** level is
the lower of the two, and a claim above it is **capped** with the rule that capped it.
Governance sub-indicators have their evidence counted the same way (:func:`score_evidence`).

A rule asks for a number of distinct items, of which some must be recent (within the
framework's window, or the rule's own: level 3 about current practice may want 12
months), and may ask for kinds of evidence among them (a decision and a result, not two
plans); an item counts towards a kind only when the submission says its ``kind``.

Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import NamedTuple

from wcc_assess.core.numbers import months_before
from wcc_assess.models.assurance import EvidenceKind, kinds_phrase
from wcc_assess.models.framework import EvidenceRule, Framework
from wcc_assess.models.result import Cap, EvidenceNeed, EvidenceResult, RuleCheck
from wcc_assess.models.submission import GovernanceEntry, IndicatorEntry

__all__ = [
    "Counted",
    "Judgement",
    "Window",
    "judge",
    "kinds_text",
    "next_level_need",
    "rule_checks",
    "rule_text",
    "score_evidence",
]


class Window(NamedTuple):
    """When evidence is recent: dated from ``since`` to ``until`` (the assessment date)."""

    since: date
    until: date


class Counted(NamedTuple):
    """The evidence of one indicator as the rules count it."""

    items: list[EvidenceResult]
    counted: int
    """Distinct items (by ref) dated on or before the assessment."""
    recent: int
    """How many of the counted items are recent (in the framework's window)."""
    dates: tuple[date, ...] = ()
    """The dates of the counted items."""
    kinds: tuple[EvidenceKind | None, ...] = ()
    """The kinds of the counted items (None where the submission does not say)."""


def kinds_text(kinds: Iterable[EvidenceKind]) -> str:
    """Put kinds of evidence into words: ``a decision and 2 results``."""
    return kinds_phrase(kinds)


@cache
def _since(until: date, months: int) -> date:
    return months_before(until, months)


def rule_since(rule: EvidenceRule, window: Window) -> date:
    """Return the first day of the rule's recent window (its own months, or the framework's)."""
    return window.since if rule.recent_months is None else _since(window.until, rule.recent_months)


def rule_text(rule: EvidenceRule, since: date) -> str:
    """Put a rule into the words of a cap: ``level 3 needs 2 evidence items, at least …``."""
    text = f"level {rule.level} needs {rule.min_items} evidence item"
    text += "" if rule.min_items == 1 else "s"
    if rule.kinds:
        text += f" including {kinds_text(rule.kinds)}"
    if rule.min_recent:
        text += f", at least {rule.min_recent} dated on or after {since.isoformat()}"
    return text


def _recent(rule: EvidenceRule, evidence: Counted, window: Window) -> int:
    """Return how many counted items are recent by ``rule``'s window."""
    if rule.recent_months is None:
        return evidence.recent
    since = rule_since(rule, window)
    return sum(since <= day for day in evidence.dates)


def _missing_kinds(
    wanted: Iterable[EvidenceKind], have: tuple[EvidenceKind | None, ...]
) -> list[EvidenceKind]:
    """Return the kinds in ``wanted`` that the items' kinds ``have`` do not supply."""
    left = [kind for kind in have if kind is not None]
    missing: list[EvidenceKind] = []
    for kind in wanted:
        if kind in left:
            left.remove(kind)  # each item supplies one kind once
        else:
            missing.append(kind)
    return missing


def _meets(rule: EvidenceRule, evidence: Counted, window: Window) -> bool:
    return (
        evidence.counted >= rule.min_items
        and _recent(rule, evidence, window) >= rule.min_recent
        and not (rule.kinds and _missing_kinds(rule.kinds, evidence.kinds))
    )


def score_evidence(
    item_id: str, entry: IndicatorEntry | GovernanceEntry, window: Window, warnings: list[str]
) -> Counted:
    """Count an entry's evidence: duplicates once, none dated after the assessment."""
    results: list[EvidenceResult] = []
    seen: set[str] = set()
    counted = recent = 0
    dates: list[date] = []
    kinds: list[EvidenceKind | None] = []
    for item in entry.evidence:
        is_recent = window.since <= item.date <= window.until
        note: str | None = None
        key = item.ref.strip()
        if item.date > window.until:
            until = window.until.isoformat()
            note = f"dated after the assessment ({until}); not counted"
            warnings.append(
                f"{item_id}: evidence {item.title!r} is dated {item.date.isoformat()}, after "
                f"the assessment date {until}; it was not counted"
            )
        elif key in seen:
            note = "same ref as an earlier item; counted once"
        else:
            seen.add(key)
            counted += 1
            recent += is_recent
            dates.append(item.date)
            kinds.append(item.kind)
        results.append(
            EvidenceResult.model_construct(
                title=item.title,
                ref=item.ref,
                date=item.date,
                counted=note is None,
                recent=is_recent,
                note=note,
                kind=item.kind,
                key_document=item.key_document,
            )
        )
    return Counted(results, counted, recent, tuple(dates), tuple(kinds))


def _outcomes(framework: Framework, evidence: Counted, window: Window) -> tuple[bool, ...]:
    """Return whether the evidence meets each rule in force, in the rules' order."""
    return tuple(_meets(rule, evidence, window) for rule in framework.scoring.evidence.rules)


def _supported_level(
    framework: Framework, met: tuple[bool, ...]
) -> tuple[int, EvidenceRule | None]:
    """Return the highest level the evidence supports, and the first rule it fails.

    ``met`` says whether each rule in force is met (:func:`_outcomes`).
    """
    supported = framework.lowest
    rules = framework.scoring.evidence.rules
    for level in framework.levels[1:]:
        for rule, ok in zip(rules, met, strict=True):
            if rule.level == level and not ok:
                return supported, rule
        supported = level
    return supported, None


def _cap(
    rule: EvidenceRule,
    evidence: Counted,
    levels: tuple[int, int],
    panel: bool,
    window: Window,
) -> Cap:
    """Say why the assessed level (``levels[0]``) is capped at the effective one."""
    assessed, effective = levels
    since = rule_since(rule, window)
    recent = _recent(rule, evidence, window)
    missing = _missing_kinds(rule.kinds, evidence.kinds)
    who = "the panel's" if panel else "the claimed"
    message = (
        f"{who} level {assessed} is capped at {effective}: {rule_text(rule, since)}; "
        f"{evidence.counted} counted" + (f", {recent} recent" if rule.min_recent else "")
    )
    if missing:
        unsaid = sum(kind is None for kind in evidence.kinds)
        message += f", without {kinds_text(missing)}"
        if unsaid:
            message += (
                f" ({unsaid} of the items {'does' if unsaid == 1 else 'do'} not say its kind)"
            )
    return Cap.model_construct(
        rule_level=rule.level,
        min_items=rule.min_items,
        min_recent=rule.min_recent,
        counted=evidence.counted,
        recent=recent,
        message=message,
        recent_since=since if rule.min_recent else None,
        kinds=list(rule.kinds),
        kinds_missing=missing,
    )


class Judgement(NamedTuple):
    """The levels of one rated indicator, and why the effective one is what it is."""

    assessed: int
    """The panel's level if given, else the claimed one."""
    supported: int
    """The highest level the evidence supports."""
    effective: int
    """The lower of the two: the level that counts."""
    cap: Cap | None
    """Why the effective level is below the assessed one, if it is."""
    evidence: Counted
    met: tuple[bool, ...] = ()
    """Whether the evidence meets each rule in force, in the rules' order."""


def judge(
    framework: Framework, item_id: str, entry: IndicatorEntry, window: Window, warnings: list[str]
) -> Judgement:
    """Judge a rated indicator (``entry.level`` set): its evidence, levels and any cap."""
    assert entry.level is not None
    evidence = score_evidence(item_id, entry, window, warnings)
    assessed = entry.panel_level if entry.panel_level is not None else entry.level
    met = _outcomes(framework, evidence, window)
    supported, failed_rule = _supported_level(framework, met)
    effective = min(assessed, supported)
    cap = None
    if effective < assessed and failed_rule is not None:
        panel = entry.panel_level is not None
        cap = _cap(failed_rule, evidence, (assessed, effective), panel, window)
    return Judgement(assessed, supported, effective, cap, evidence, met)


@cache
def _rule_check(level: int, met: bool) -> RuleCheck:
    """Return a rule check: frozen, so one instance serves every indicator with that answer."""
    return RuleCheck.model_construct(level=level, met=met)


def rule_checks(framework: Framework, judged: Judgement) -> list[RuleCheck]:
    """Return each evidence rule in force and whether the judged evidence meets it."""
    return [
        _rule_check(rule.level, ok)
        for rule, ok in zip(framework.scoring.evidence.rules, judged.met, strict=True)
    ]


class _Wanted(NamedTuple):
    """What the rules up to a level ask of a claim at that level, together."""

    rules: tuple[EvidenceRule, ...]
    items: int
    recent: int
    kinds: tuple[EvidenceKind, ...]


_WANTED: dict[int, tuple[object, dict[int, _Wanted]]] = {}
"""The rules' demands per level, worked out once per framework's evidence settings."""


def _wanted(framework: Framework, level: int) -> _Wanted:
    """Return what a claim of ``level`` asks of the evidence under ``framework``'s rules."""
    settings = framework.scoring.evidence
    kept = _WANTED.get(id(settings))
    if kept is None or kept[0] is not settings:
        kept = (settings, {})
        _WANTED[id(settings)] = kept
    known = kept[1]
    if level not in known:
        rules = tuple(rule for rule in settings.rules if rule.level <= level)
        most: Counter[EvidenceKind] = Counter()
        for rule in rules:
            most |= Counter(rule.kinds)
        order = list(EvidenceKind)
        known[level] = _Wanted(
            rules,
            max((rule.min_items for rule in rules), default=0),
            max((rule.min_recent for rule in rules), default=0),
            tuple(sorted(most.elements(), key=order.index)),
        )
    return known[level]


@cache
def _need(
    level: int,
    wanted: tuple[int, int, int, int],
    kinds: tuple[EvidenceKind, ...],
    missing: tuple[EvidenceKind, ...],
    since: date | None,
) -> EvidenceNeed:
    """Return an evidence need (frozen: one instance serves every indicator alike).

    ``wanted`` is (items asked for, recent items asked for, items still to add, recent
    items still to add).
    """
    items, recent, short_items, short_recent = wanted
    return EvidenceNeed.model_construct(
        level=level,
        min_items=items,
        min_recent=recent,
        short_items=short_items,
        short_recent=short_recent,
        kinds=list(kinds),
        kinds_missing=list(missing),
        recent_since=since,
    )


def next_level_need(
    framework: Framework, evidence: Counted, level: int, window: Window
) -> EvidenceNeed | None:
    """Return what a claim one level above ``level`` asks of the evidence (None at the top).

    A claim must meet every rule up to its level, so it needs the most items, the most
    recent items (each rule in its own window) and the most of each kind any of them asks
    for.
    """
    wanted = level + 1
    if wanted > framework.highest:
        return None
    asked = _wanted(framework, wanted)
    shortfalls = [
        (max(0, r.min_recent - _recent(r, evidence, window)), r.min_recent, r) for r in asked.rules
    ]
    short_recent, _, strictest = max(shortfalls, key=lambda s: s[:2], default=(0, 0, None))
    since = rule_since(strictest, window) if strictest is not None and asked.recent else None
    missing = tuple(_missing_kinds(asked.kinds, evidence.kinds))
    short = max(0, asked.items - evidence.counted, short_recent, len(missing))
    need = (asked.items, asked.recent, short, short_recent)
    return _need(wanted, need, asked.kinds, missing, since)
