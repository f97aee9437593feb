"""``wcc explain SUBMISSION finance`` or ``finance.1``: how a governance rating was reached."""

from __future__ import annotations

from wcc_assess.models.assurance import Rag
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import (
    GovernanceAreaResult,
    GovernanceItemResult,
    GovernanceResult,
    Result,
)
from wcc_assess.render._words import listed, sentence
from wcc_assess.render.explain._text import evidence_items, header, left_out, wrap

__all__ = ["explain_governance_area", "explain_governance_item"]

_RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN]

_AREA_RULE = (
    "an area is red if any rated sub-indicator is red, green if all are green, and amber "
    "otherwise; a sub-indicator's rating is the panel's when given, else the "
    "organisation's own, and sub-indicators not rated are left out."
)


def _governance(result: Result) -> GovernanceResult:
    if result.governance is None:
        raise KeyError("governance")
    return result.governance


def _points_scale(governance: GovernanceResult) -> str:
    scale = governance.points_scale
    return f"red {scale.red}, amber {scale.amber}, green {scale.green}"


def _next_rag(rating: Rag) -> Rag | None:
    index = _RAG_ORDER.index(rating)
    return _RAG_ORDER[index + 1] if index + 1 < len(_RAG_ORDER) else None


def _rag_descriptor(framework: Framework, item_id: str, rating: Rag) -> str | None:
    for area in framework.governance.areas if framework.governance else []:
        for item in area.sub_indicators:
            if item.id == item_id:
                return item.descriptors.of(rating)
    return None


def _item_owner(
    governance: GovernanceResult, item_id: str
) -> tuple[GovernanceAreaResult, GovernanceItemResult]:
    for area in governance.areas:
        for item in area.sub_indicators:
            if item.id == item_id:
                return area, item
    raise KeyError(item_id)


def _rating_source(item: GovernanceItemResult) -> str:
    """Say whose rating counts, e.g. ``the panel's; self was Green``."""
    if item.panel_rating is None or item.self_rating is None:
        return "self-assessed"
    if item.panel_rating is item.self_rating:
        return "self and panel agree"
    return f"the panel's; self was {item.self_rating.label}"


def _area_reason(area: GovernanceAreaResult) -> str:
    rated = [item for item in area.sub_indicators if item.rating is not None]
    if area.panel_rating is not None:
        rule = _rule_reason(area, rated) if area.rule_rating else "not rated."
        return (
            f"{area.panel_rating.label}, because the panel rated the whole area "
            f"{area.panel_rating.value}, which counts over the rule's rating: "
            f"{sentence(area.panel_rationale or '')} By the rule it would be {rule}"
        )
    return _rule_reason(area, rated)


def _rule_reason(area: GovernanceAreaResult, rated: list[GovernanceItemResult]) -> str:
    """Say why the rule gives the area its rating (from the sub-indicators)."""
    rating = area.rule_rating or area.rating
    label = (rating or Rag.RED).label
    if rating is Rag.RED:
        return f"{label}, because {listed(area.red_sub_indicators, 'is')} rated red."
    if rating is Rag.GREEN:
        every = "the only rated one is" if len(rated) == 1 else f"all {len(rated)} rated are"
        return f"{label}, because {every} green."
    amber = [item.id for item in rated if item.rating is Rag.AMBER]
    return f"{label}, because none is red but {listed(amber, 'is')} rated amber."


def _area_lift(
    result: Result, framework: Framework, area: GovernanceAreaResult, indent: str
) -> list[str]:
    """Say which sub-indicators must move for the area to reach the next rating."""
    rating = area.rating or Rag.GREEN
    goal = _next_rag(rating)
    if goal is None:
        return [f"{area.id} is green, the top rating."]
    out = [f"To reach {goal.value}"]
    if area.panel_rating is not None:
        rule = area.rule_rating.value if area.rule_rating else "no rating"
        return out + wrap(
            f"The panel rated the whole area {area.panel_rating.value}: it must judge it "
            f"{goal.value}. By the rule its sub-indicators give {rule}.",
            indent,
            indent + "  ",
        )
    if rating is Rag.RED:
        holding = [item for item in area.sub_indicators if item.rating is Rag.RED]
        out += wrap(
            "Every red sub-indicator must reach at least amber (green for the area to be green):",
            indent,
        )
    else:
        holding = [item for item in area.sub_indicators if item.rating is Rag.AMBER]
        out += wrap("Every amber sub-indicator must reach green:", indent)
    for item in holding:
        current = item.rating or Rag.RED
        out += wrap(f"{item.id} {item.title}: {current.value} → {goal.value}", "  - ", "    ")
        for wanted in _RAG_ORDER[_RAG_ORDER.index(goal) :]:
            descriptor = _rag_descriptor(framework, item.id, wanted)
            if descriptor:
                out += wrap(f"{wanted.label}: {descriptor}", "    ", "      ")
    return out


def explain_governance_area(result: Result, framework: Framework, area_id: str) -> list[str]:
    """Explain an area's rating: its sub-indicators, the rule, points, what would lift it."""
    governance = _governance(result)
    area = next(area for area in governance.areas if area.id == area_id)
    out = [f"{area.id} {area.title} (governance)"]
    out += wrap(area.statement)
    out += header(result)
    out.append("")
    out += wrap("Rule: " + _AREA_RULE, "", "  ")
    out.append(f"Points: {_points_scale(governance)}.")
    out += ["", "Sub-indicators (rating that counts; whose rating)"]
    width = min(max(len(f"{i.id} {i.title}") for i in area.sub_indicators), 52)
    for item in area.sub_indicators:
        name = f"{item.id} {item.title}"
        if len(name) > width:
            name = name[: width - 1] + "…"
        if item.rating is None:
            reason = item.not_assessed_reason or "no reason given"
            out += wrap(f"{name.ljust(width)}  not rated: {reason}", "  ", "    ")
            continue
        out += wrap(
            f"{name.ljust(width)}  {item.rating.label.ljust(5)}  {_rating_source(item)}",
            "  ",
            "    ",
        )
    out.append("")
    counts = area.counts
    out.append(
        f"Coverage: {area.coverage.assessed} of {area.coverage.total} sub-indicators rated "
        f"({counts.red} red, {counts.amber} amber, {counts.green} green)."
    )
    if area.rating is None:
        reason = area.not_assessed_reason or "no reason given"
        out += wrap(sentence(f"Not assessed: {reason}") + " It earns no points.", "")
        return out
    out += wrap("Rating: " + _area_reason(area), "", "  ")
    out += wrap(
        f"Points: {area.points} for {area.rating.value}; its sub-indicators total "
        f"{area.sub_indicator_points} of {area.sub_indicator_points_max}.",
        "",
        "  ",
    )
    out.append("")
    out += _area_lift(result, framework, area, "  ")
    return out


def explain_governance_item(result: Result, framework: Framework, item_id: str) -> list[str]:
    """Explain a sub-indicator: whose rating counts, points, narrative, evidence, next rating."""
    governance = _governance(result)
    area, item = _item_owner(governance, item_id)
    out = [f"{item.id} {item.title}", f"in {area.id} {area.title} (governance)"]
    out += header(result)
    out.append("")
    if item.rating is None:
        coverage = f"{area.coverage.assessed} of {area.coverage.total}"
        out += left_out(
            "Not rated", item.not_assessed_reason, f"{area.id}'s rating", coverage, "rated"
        )
        if item.narrative:
            out += ["", "Narrative"]
            out += wrap(item.narrative, "  ")
        return out
    out.append("Rating")
    out.append(f"  Rated by the organisation: {(item.self_rating or item.rating).label}")
    if item.panel_rating is not None:
        note = f': "{item.panel_note}"' if item.panel_note else ""
        out += wrap(f"Panel rating: {item.panel_rating.label}{note}", "  ", "    ")
        out.append(
            f"  Counts: {item.rating.label}, the panel's rating, which counts over the "
            "organisation's"
        )
    else:
        out.append(f"  Counts: {item.rating.label}, the organisation's own (no panel rating)")
    out.append(f"  Points: {item.points} ({_points_scale(governance)})")
    if item.descriptor:
        out += wrap(f"{item.rating.label} means: {item.descriptor}", "  ", "    ")
    if item.narrative:
        out += ["", "Narrative"]
        out += wrap(item.narrative, "  ")
    out += ["", "Evidence"]
    out += evidence_items(item.evidence)
    out.append("")
    if item.rating is Rag.RED:
        out += wrap(f"{area.id} is red while this or any other sub-indicator is red.", "")
        out.append("")
    goal = _next_rag(item.rating)
    if goal is None:
        out.append("Green, the top rating.")
        return out
    out.append(f"To reach {goal.value}")
    descriptor = _rag_descriptor(framework, item.id, goal)
    if descriptor:
        out += wrap(f"{goal.label} means: {descriptor}", "  ", "    ")
    return out
