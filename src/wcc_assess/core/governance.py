"""Governance ratings: red / amber / green sub-indicators rolled up into areas.

Pure: no I/O. The scorer calls :func:`score_governance` and passes in how evidence is
scored, so that governance evidence is treated exactly like competency evidence.

The rules (WCC assurance rated governance in three areas: strategy, finance, board):

- A sub-indicator's rating is the panel's if given, else the organisation's own.
- An area is **red** if any rated sub-indicator is red, **green** if all are green, and
  **amber** otherwise. Sub-indicators not assessed are left out and shown as coverage; an
  area with none rated is not assessed.
- A panel may set an area's rating itself, with its reasons: that rating counts, and the
  rule's rating is kept beside it.
- Each rating carries points (HSJ scored red 0, amber 1, green 2); the governance total is
  the sum of the rated areas' points.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from wcc_assess.models.assurance import Rag
from wcc_assess.models.framework import GovernanceArea, GovernanceItem, GovernanceRules
from wcc_assess.models.result import (
    Coverage,
    EvidenceResult,
    GateFailure,
    GovernanceAreaResult,
    GovernanceItemResult,
    GovernanceResult,
    RagCounts,
)
from wcc_assess.models.submission import GovernanceAreaEntry, GovernanceEntry, PanelAreaRating

__all__ = ["EvidenceScorer", "area_rating", "red_area_failures", "score_governance"]

EvidenceScorer = Callable[[str, GovernanceEntry], list[EvidenceResult]]
"""Scores one sub-indicator's evidence: (sub-indicator id, entry) -> evidence results."""


def area_rating(ratings: list[Rag]) -> Rag | None:
    """Return an area's rating from its sub-indicators' ratings (None if there are none).

    Red if any is red, green if all are green, amber otherwise.
    """
    if not ratings:
        return None
    if Rag.RED in ratings:
        return Rag.RED
    if all(rating is Rag.GREEN for rating in ratings):
        return Rag.GREEN
    return Rag.AMBER


def _counts(ratings: list[Rag]) -> RagCounts:
    return RagCounts.model_construct(
        red=ratings.count(Rag.RED), amber=ratings.count(Rag.AMBER), green=ratings.count(Rag.GREEN)
    )


def _score_item(
    rules: GovernanceRules,
    item: GovernanceItem,
    entry: GovernanceEntry | None,
    area_reason: str | None,
    evidence: EvidenceScorer,
) -> GovernanceItemResult:
    if entry is None or entry.not_assessed is not None or entry.rating is None:
        reason = entry.not_assessed if entry is not None else None
        return GovernanceItemResult.model_construct(
            id=item.id,
            title=item.title,
            assessed=False,
            not_assessed_reason=reason or area_reason or "not rated",
            narrative=entry.narrative if entry else "",
        )
    rating = entry.panel_rating or entry.rating
    return GovernanceItemResult.model_construct(
        id=item.id,
        title=item.title,
        assessed=True,
        self_rating=entry.rating,
        panel_rating=entry.panel_rating,
        panel_note=entry.panel_note,
        rating=rating,
        points=rules.points.of(rating),
        descriptor=item.descriptors.of(rating),
        narrative=entry.narrative,
        evidence=evidence(item.id, entry),
    )


def _score_area(
    rules: GovernanceRules,
    area: GovernanceArea,
    entry: GovernanceAreaEntry | None,
    evidence: EvidenceScorer,
    line: int | None,
    panel: PanelAreaRating | None = None,
) -> GovernanceAreaResult:
    area_reason = entry.not_assessed if entry is not None else "not rated"
    items = [
        _score_item(
            rules, item, entry.sub_indicators.get(item.id) if entry else None, area_reason, evidence
        )
        for item in area.sub_indicators
    ]
    ratings = [item.rating for item in items if item.rating is not None]
    rule_rating = area_rating(ratings)
    rating = panel.rating if panel is not None and rule_rating is not None else rule_rating
    return GovernanceAreaResult.model_construct(
        id=area.id,
        title=area.title,
        statement=area.statement,
        assessed=rating is not None,
        not_assessed_reason=None
        if rating is not None
        else area_reason or "none of its sub-indicators was assessed",
        rating=rating,
        points=rules.points.of(rating) if rating is not None else None,
        coverage=Coverage.model_construct(assessed=len(ratings), total=len(items)),
        counts=_counts(ratings),
        red_sub_indicators=[item.id for item in items if item.rating is Rag.RED],
        rule_rating=rule_rating,
        panel_rating=panel.rating if panel is not None and rule_rating is not None else None,
        panel_rationale=panel.rationale if panel is not None and rule_rating is not None else None,
        sub_indicator_points=sum(rules.points.of(rating) for rating in ratings),
        sub_indicator_points_max=rules.points.green * len(ratings),
        sub_indicators=items,
        line=line,
    )


def score_governance(
    rules: GovernanceRules,
    entries: dict[str, GovernanceAreaEntry],
    evidence: EvidenceScorer,
    line_of: Callable[[str], int | None] = lambda area_id: None,
    panel: Mapping[str, PanelAreaRating] | None = None,
) -> GovernanceResult:
    """Rate every governance area of ``rules`` from the submission's ``entries``.

    ``line_of`` says where an area stands in the submission's file, when known; ``panel``
    holds the panel's ratings of whole areas, which count over the rule's.
    """
    set_by_panel = panel or {}
    areas = [
        _score_area(
            rules, area, entries.get(area.id), evidence, line_of(area.id), set_by_panel.get(area.id)
        )
        for area in rules.areas
    ]
    ratings = [area.rating for area in areas if area.rating is not None]
    return GovernanceResult.model_construct(
        points_scale=rules.points,
        areas=areas,
        coverage=Coverage.model_construct(assessed=len(ratings), total=len(areas)),
        counts=_counts(ratings),
        points=sum(area.points or 0 for area in areas),
        points_max=rules.points.green * len(ratings),
        all_green=len(ratings) == len(areas) and all(r is Rag.GREEN for r in ratings),
        all_red=len(ratings) == len(areas) and all(r is Rag.RED for r in ratings),
    )


def _listed(ids: list[str]) -> str:
    if len(ids) == 1:
        return f"{ids[0]} is"
    return f"{', '.join(ids[:-1])} and {ids[-1]} are"


def _red_message(area: GovernanceAreaResult) -> str:
    """Say why an area is red: its red sub-indicators, or the panel's rating and reasons."""
    if area.panel_rating is Rag.RED:
        rule = area.rule_rating.value if area.rule_rating else "not rated"
        return (
            f"{area.title} governance ({area.id}) is rated red by the panel (by the rule, "
            f"{rule}): {area.panel_rationale}"
        )
    return (
        f"{area.title} governance ({area.id}) is red: {_listed(area.red_sub_indicators)} rated red"
    )


def red_area_failures(governance: GovernanceResult) -> list[GateFailure]:
    """Return one ``governance-red`` gate failure per area rated red."""
    return [
        GateFailure.model_construct(
            kind="governance-red",
            domain=area.id,
            message=_red_message(area),
            sub_indicators=area.red_sub_indicators,
        )
        for area in governance.areas
        if area.rating is Rag.RED
    ]
