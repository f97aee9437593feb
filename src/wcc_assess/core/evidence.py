"""Evidence and the level it supports: product contract §2, rules 1 to 3.

An indicator's **assessed** level is the panel's if given, else the organisation's own; the
evidence **supports** the highest level whose rules it meets. For a self-assessed claim the
**effective** level is the lower of the two, and a claim above it is **capped** with the
rule that capped it. A panel's level is a judgement, not a claim: the rules inform it but
never overrule it, so it stands, and is flagged when the rules alone would support less.

Evidence dated after the assessment does not count, unless a panel has sat: then what is
dated on or before the panel day counts, marked as tabled at the panel (the panel saw it).
Governance sub-indicators have their evidence counted the same way (:func:`score_evidence`).

Pure: no I/O.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

from wcc_assess.models.framework import EvidenceRule, Framework
from wcc_assess.models.result import Cap, EvidenceNeed, EvidenceResult, PanelOverRule, RuleCheck
from wcc_assess.models.submission import GovernanceEntry, IndicatorEntry

__all__ = [
    "Counted",
    "Judgement",
    "Window",
    "judge",
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
    """How many of the counted items are recent."""


def rule_text(rule: EvidenceRule, since: date) -> str:
    """Put a rule into the words of a cap: ``level 3 needs 2 evidence items, at least …``."""
    text = f"level {rule.level} needs {rule.min_items} evidence item"
    text += "" if rule.min_items == 1 else "s"
    if rule.min_recent:
        text += f", at least {rule.min_recent} dated on or after {since.isoformat()}"
    return text


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
            )
        )
    return Counted(results, counted, recent)


def _supported_level(framework: Framework, evidence: Counted) -> tuple[int, EvidenceRule | None]:
    """Return the highest level the evidence supports, and the first rule it fails."""
    supported = framework.lowest
    rules = framework.scoring.evidence.rules
    for level in framework.levels[1:]:
        for rule in rules:
            if rule.level == level and (
                evidence.counted < rule.min_items or evidence.recent < rule.min_recent
            ):
                return supported, rule
        supported = level
    return supported, None


def _cap(rule: EvidenceRule, evidence: Counted, assessed: int, effective: int, since: date) -> Cap:
    message = (
        f"the claimed level {assessed} is capped at {effective}: {rule_text(rule, since)}; "
        f"{evidence.counted} counted" + (f", {evidence.recent} recent" if rule.min_recent else "")
    )
    return Cap.model_construct(
        rule_level=rule.level,
        min_items=rule.min_items,
        min_recent=rule.min_recent,
        counted=evidence.counted,
        recent=evidence.recent,
        message=message,
    )


def _over_rule(
    rule: EvidenceRule, evidence: Counted, panel: int, supported: int, since: date
) -> PanelOverRule:
    """Flag a panel level above what the rules support: ``accepted by the panel with …``."""
    short: list[str] = []
    if evidence.counted < rule.min_items:
        items = "counted item" if evidence.counted == 1 else "counted items"
        short.append(f"{evidence.counted} {items} where the rule asks for {rule.min_items}")
    if evidence.recent < rule.min_recent:
        short.append(
            f"{evidence.recent} recent where the rule asks for {rule.min_recent} dated on or "
            f"after {since.isoformat()}"
        )
    message = (
        f"accepted by the panel at level {panel} with {' and '.join(short)}; the evidence "
        f"rules alone support level {supported}"
    )
    return PanelOverRule.model_construct(
        rule_level=rule.level,
        min_items=rule.min_items,
        min_recent=rule.min_recent,
        counted=evidence.counted,
        recent=evidence.recent,
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
    supported, failed_rule = _supported_level(framework, evidence)
    if entry.panel_level is not None:
        panel = entry.panel_level
        over = None
        if supported < panel and failed_rule is not None:
            over = _over_rule(failed_rule, evidence, panel, supported, window.since)
        return Judgement(panel, supported, panel, None, evidence, over)
    assessed = entry.level
    effective = min(assessed, supported)
    cap = None
    if effective < assessed and failed_rule is not None:
        cap = _cap(failed_rule, evidence, assessed, effective, window.since)
    return Judgement(assessed, supported, effective, cap, evidence)


@cache
def _rule_check(level: int, met: bool) -> RuleCheck:
    """Return a rule check: frozen, so one instance serves every indicator with that answer."""
    return RuleCheck.model_construct(level=level, met=met)


def rule_checks(framework: Framework, evidence: Counted) -> list[RuleCheck]:
    """Return each evidence rule in force and whether the counted evidence meets it."""
    counted, recent = evidence.counted, evidence.recent
    return [
        _rule_check(rule.level, counted >= rule.min_items and recent >= rule.min_recent)
        for rule in framework.scoring.evidence.rules
    ]


@cache
def _need(level: int, items: int, recent: int, counted: int, counted_recent: int) -> EvidenceNeed:
    """Return an evidence need (frozen: one instance serves every indicator alike)."""
    short_recent = max(0, recent - counted_recent)
    return EvidenceNeed.model_construct(
        level=level,
        min_items=items,
        min_recent=recent,
        short_items=max(0, items - counted, short_recent),
        short_recent=short_recent,
    )


def next_level_need(framework: Framework, evidence: Counted, level: int) -> EvidenceNeed | None:
    """Return what a claim one level above ``level`` asks of the evidence (None at the top).

    A claim must meet every rule up to its level, so it needs the most items and the most
    recent items any of them asks for.
    """
    wanted = level + 1
    if wanted > framework.highest:
        return None
    rules = [rule for rule in framework.scoring.evidence.rules if rule.level <= wanted]
    items = max((rule.min_items for rule in rules), default=0)
    recent = max((rule.min_recent for rule in rules), default=0)
    return _need(wanted, items, recent, evidence.counted, evidence.recent)
