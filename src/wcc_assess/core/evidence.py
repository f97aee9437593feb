"""Evidence and the level it supports: product contract §2, rules 1 to 3.

An indicator's **assessed** level is the panel's if given, else the organisation's own; the
evidence **supports** the highest level whose rules it meets. For a self-assessed claim the
**effective** level is the lower of the two, and a claim above it is **capped** with the
rule that capped it. A panel's level is a judgement, not a claim: the rules inform it but
never overrule it, so it stands, and is flagged when the rules alone would support less.

Evidence dated after the assessment does not count, unless a panel has sat: then what is
dated on or before the panel day counts, marked as tabled at the panel (the panel saw it).
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
from wcc_assess.models.result import Cap, EvidenceNeed, EvidenceResult, PanelOverRule, RuleCheck
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
    """When evidence counts and is recent.

    Recent: dated from ``since`` to the last day that counts. What counts is dated on or
    before ``until`` (the assessment date), or, once a panel has sat after it, on or before
    ``panel_day`` (evidence tabled at the panel).
    """

    since: date
    until: date
    panel_day: date | None = None

    @property
    def last(self) -> date:
        """The last day on which evidence counts."""
        if self.panel_day is not None and self.panel_day > self.until:
            return self.panel_day
        return self.until


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


def _late_note(item_id: str, title: str, dated: date, window: Window, warnings: list[str]) -> str:
    """Say why an item dated after the last day that counts was not counted (and warn)."""
    if window.last > window.until:
        last = window.last.isoformat()
        warnings.append(
            f"{item_id}: evidence {title!r} is dated {dated.isoformat()}, after the panel day "
            f"{last}; it was not counted"
        )
        return f"dated after the panel day ({last}); not counted"
    until = window.until.isoformat()
    warnings.append(
        f"{item_id}: evidence {title!r} is dated {dated.isoformat()}, after the assessment "
        f"date {until}; it was not counted"
    )
    return f"dated after the assessment ({until}); not counted"


def score_evidence(
    item_id: str, entry: IndicatorEntry | GovernanceEntry, window: Window, warnings: list[str]
) -> Counted:
    """Count an entry's evidence: duplicates once, none dated after the last day that counts.

    An item dated after the assessment but on or before the panel day counts, as tabled.
    """
    results: list[EvidenceResult] = []
    seen: set[str] = set()
    counted = recent = 0
    dates: list[date] = []
    kinds: list[EvidenceKind | None] = []
    last = window.last
    for item in entry.evidence:
        is_recent = window.since <= item.date <= last
        tabled = window.until < item.date <= last
        note: str | None = None
        key = item.ref.strip()
        if item.date > last:
            note = _late_note(item_id, item.title, item.date, window, warnings)
        elif key in seen:
            note = "same ref as an earlier item; counted once"
        else:
            seen.add(key)
            counted += 1
            recent += is_recent
            dates.append(item.date)
            kinds.append(item.kind)
        check = item.checked
        results.append(
            EvidenceResult.model_construct(
                title=item.title,
                ref=item.ref,
                date=item.date,
                counted=note is None,
                recent=is_recent,
                note=note if note or not tabled else f"tabled at the panel on {last.isoformat()}",
                tabled=tabled and note is None,
                checked_by=check.by if check else None,
                checked_on=check.on if check else None,
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


def _cap(rule: EvidenceRule, evidence: Counted, levels: tuple[int, int], window: Window) -> Cap:
    """Say why the claimed level (``levels[0]``) is capped at the effective one."""
    assessed, effective = levels
    since = rule_since(rule, window)
    recent = _recent(rule, evidence, window)
    missing = _missing_kinds(rule.kinds, evidence.kinds)
    message = (
        f"the claimed level {assessed} is capped at {effective}: {rule_text(rule, since)}; "
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


def _over_rule(
    rule: EvidenceRule, evidence: Counted, levels: tuple[int, int], window: Window
) -> PanelOverRule:
    """Flag a panel level above what the rules support: ``accepted by the panel with …``.

    ``levels`` is the panel's level and the one the rules alone support.
    """
    panel, supported = levels
    since = rule_since(rule, window)
    recent = _recent(rule, evidence, window)
    short: list[str] = []
    if evidence.counted < rule.min_items:
        items = "counted item" if evidence.counted == 1 else "counted items"
        short.append(f"{evidence.counted} {items} where the rule asks for {rule.min_items}")
    if recent < rule.min_recent:
        short.append(
            f"{recent} recent where the rule asks for {rule.min_recent} dated on or "
            f"after {since.isoformat()}"
        )
    missing = _missing_kinds(rule.kinds, evidence.kinds)
    if missing:
        short.append(f"{kinds_text(missing)} missing")
    message = (
        f"accepted by the panel at level {panel} with {' and '.join(short)}; the evidence "
        f"rules alone support level {supported}"
    )
    return PanelOverRule.model_construct(
        rule_level=rule.level,
        min_items=rule.min_items,
        min_recent=rule.min_recent,
        counted=evidence.counted,
        recent=recent,
        supported_level=supported,
        message=message,
    )


class Judgement(NamedTuple):
    """The levels of one rated indicator, and why the effective one is what it is."""

    assessed: int
    """The panel's level if given, else the claimed one."""
    supported: int
    """The highest level the evidence supports."""
    effective: int
    """The level that counts: the panel's, or the lower of the claim and the supported."""
    cap: Cap | None
    """Why the effective level is below the claimed one, if it is (self-assessed only)."""
    evidence: Counted
    met: tuple[bool, ...] = ()
    """Whether the evidence meets each rule in force, in the rules' order."""
    over_rule: PanelOverRule | None = None
    """Why a panel level stands above what the rules support, if it does."""


def judge(
    framework: Framework, item_id: str, entry: IndicatorEntry, window: Window, warnings: list[str]
) -> Judgement:
    """Judge a rated indicator (``entry.level`` set): its evidence, levels and any cap.

    A panel level stands whatever the evidence rules say; where they would support less it
    is flagged (``over_rule``), never capped.
    """
    assert entry.level is not None
    evidence = score_evidence(item_id, entry, window, warnings)
    met = _outcomes(framework, evidence, window)
    supported, failed_rule = _supported_level(framework, met)
    if entry.panel_level is not None:
        panel = entry.panel_level
        over = None
        if supported < panel and failed_rule is not None:
            over = _over_rule(failed_rule, evidence, (panel, supported), window)
        return Judgement(panel, supported, panel, None, evidence, met, over)
    assessed = entry.level
    effective = min(assessed, supported)
    cap = None
    if effective < assessed and failed_rule is not None:
        cap = _cap(failed_rule, evidence, (assessed, effective), window)
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
