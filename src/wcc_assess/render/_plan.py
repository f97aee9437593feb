"""What every report shows of a development plan, in reading order (no judgement here).

Actions are grouped by the domains they are for (in framework order; an action for two
domains is shown under each in a report, under its first in a task list), and within a
domain overdue actions come first (the longest overdue first), then open and in-progress
actions by due date, then done and dropped ones. A domain with a gap that no live action
covers is shown even without actions. Every figure (overdue, days, counts) is the scorer's;
every word is :mod:`._words`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from wcc_assess.models.actions import ActionPlan, ActionResult, ActionStatus, UnplannedGap

__all__ = ["PlanGroup", "also_for", "ordered", "plan_groups", "planned_for"]

_STATUS_ORDER = {
    ActionStatus.IN_PROGRESS: 0,
    ActionStatus.OPEN: 0,
    ActionStatus.DONE: 1,
    ActionStatus.DROPPED: 2,
}


class PlanGroup(NamedTuple):
    """One domain's actions, and its gap when no live action covers it."""

    domain: str
    title: str
    actions: list[ActionResult]
    gap: UnplannedGap | None


def ordered(actions: Sequence[ActionResult]) -> list[ActionResult]:
    """Overdue first (longest first), then live by due date, then done, then dropped."""
    return sorted(
        actions,
        key=lambda a: (not a.overdue, -(a.days_overdue or 0), _STATUS_ORDER[a.status], a.due),
    )


def plan_groups(
    actions: Sequence[ActionResult],
    unplanned: Sequence[UnplannedGap],
    domains: Sequence[tuple[str, str]],
    *,
    once: bool = False,
) -> list[PlanGroup]:
    """Group actions by domain (``domains``: every (id, title), framework order).

    ``once`` lists an action for several domains under its first domain only (a task
    list has one box per action); otherwise it is listed under each.
    """
    gaps = {gap.domain: gap for gap in unplanned}
    groups = []
    for domain_id, title in domains:
        mine = [
            action
            for action in actions
            if (action.domains[:1] == [domain_id] if once else domain_id in action.domains)
        ]
        if mine or domain_id in gaps:
            groups.append(PlanGroup(domain_id, title, ordered(mine), gaps.get(domain_id)))
    return groups


def also_for(action: ActionResult, domain: str) -> list[str]:
    """Return the other domains an action is for (it is listed under each)."""
    return [other for other in action.domains if other != domain]


def planned_for(plan: ActionPlan | None, ids: Sequence[str]) -> list[ActionResult]:
    """Return the plan's actions with these ids, in the order given (unknown ids skipped)."""
    if plan is None:
        return []
    by_id = {action.id: action for action in plan.actions}
    return [by_id[action_id] for action_id in ids if action_id in by_id]
