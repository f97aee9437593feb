"""The development plan judged: overdue actions, gaps without an action, last year's followed.

Pure: no I/O, no clock (the assessment date is the day the plan is judged on). The rules:

1. An action is **overdue** when it is open or in progress and its due date is before
   ``assessed_on``; it is overdue by the days between the two. An action due on the day
   of the assessment is not yet overdue; a done or dropped action is never overdue.
2. A **gap** is a domain below its target, or a domain with a target of which nothing was
   assessed (not evidenced: a gap, not a pass). A gap is **unplanned** when no open or
   in-progress action is for the domain or any of its indicators; done and dropped
   actions do not close it, since the domain is still short of its target.
3. An action's due date before the start of the period it was raised in (the period
   assessed, unless ``raised`` says otherwise) is worth a second look: a warning.
4. With ``--fail-on-overdue`` each overdue action is a gate failure (``overdue-action``).
5. With a baseline whose result has a plan, every action that was open or in progress
   then is **followed** by its id: done, carried (still open or in progress, and how long
   overdue now), dropped (with the reason), or vanished (not in this year's plan at all).
   Actions already done or dropped last year are not followed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from wcc_assess.errors import Loc
from wcc_assess.models.actions import (
    ActionCounts,
    ActionFilters,
    ActionPlan,
    ActionResult,
    ActionsReport,
    ActionStatus,
    DomainRef,
    FollowUp,
    FollowUpCounts,
    FollowUpOutcome,
    FollowUpResult,
    UnplannedGap,
)
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import DomainResult, DomainStatus, GateFailure, Result
from wcc_assess.models.submission import Action, Submission

__all__ = [
    "ActionIndex",
    "count_actions",
    "follow_up",
    "index_actions",
    "is_gap",
    "judge_plan",
    "overdue_failures",
    "period_start",
    "plan_report",
    "select_actions",
]

LineOf = Callable[[Loc], int | None]


def period_start(period: str) -> date:
    """Return the first day of a financial year: 1 April of ``2026/27``'s first year."""
    return date(int(period[:4]), 4, 1)


class ActionIndex(NamedTuple):
    """Which actions are for which domains and indicators (made before the domains are scored)."""

    domains_of: dict[str, list[str]]
    """Action id -> the domains its ``for`` ids belong to, in framework order."""
    by_domain: dict[str, list[str]]
    """Domain id -> the ids of every action for it or one of its indicators."""
    live_for: dict[str, list[str]]
    """Indicator id -> the open or in-progress actions for it or for its whole domain."""

    def live_for_indicator(self, indicator_id: str) -> list[str]:
        """Return the live actions for an indicator (directly or through its domain)."""
        return self.live_for.get(indicator_id, [])


def index_actions(framework: Framework, actions: Sequence[Action] | None) -> ActionIndex:
    """Index a (checked) plan by the domains and indicators its actions are for."""
    if not actions:
        return _NO_ACTIONS
    owner = {i.id: d.id for d in framework.domains for i in d.indicators}
    order = {d.id: n for n, d in enumerate(framework.domains)}
    domains_of: dict[str, list[str]] = {}
    by_domain: dict[str, list[str]] = {d.id: [] for d in framework.domains}
    live_for: dict[str, list[str]] = {}
    for action in actions or []:
        ids = action.for_
        found = {owner.get(item, item) for item in ids} & order.keys()
        domains_of[action.id] = sorted(found, key=order.__getitem__)
        for domain_id in domains_of[action.id]:
            by_domain[domain_id].append(action.id)
        if not action.status.live:
            continue
        for domain in framework.domains:
            for indicator in domain.indicators:
                if domain.id in ids or indicator.id in ids:
                    live_for.setdefault(indicator.id, []).append(action.id)
    return ActionIndex(domains_of, by_domain, live_for)


_NO_ACTIONS = ActionIndex({}, {}, {})
"""The index of a submission without actions (most of a cohort's): nothing to look up."""


_GAPS = frozenset({DomainStatus.BELOW, "not-evidenced"})
"""The statuses of a domain that needs an action (``not-evidenced``: a domain with a target
and nothing assessed, where the scorer has that status)."""


def is_gap(domain: DomainResult) -> bool:
    """Whether a domain needs an action: below its target, or targeted and not evidenced.

    A domain with a target and nothing assessed is a gap whatever status the scorer gives
    it (``not-assessed`` before the scorer knew ``not-evidenced``).
    """
    return domain.status in _GAPS or (not domain.assessed and domain.target is not None)


def _judged(
    action: Action, index: ActionIndex, assessed_on: date, line: int | None
) -> ActionResult:
    overdue = action.status.live and action.due < assessed_on
    return ActionResult.model_construct(
        id=action.id,
        addresses=list(action.for_),
        domains=index.domains_of.get(action.id, []),
        action=action.action,
        owner=action.owner,
        due=action.due,
        status=action.status,
        reason=action.reason,
        note=action.note,
        raised=action.raised,
        overdue=overdue,
        days_overdue=(assessed_on - action.due).days if overdue else None,
        line=line,
    )


def _due_warning(action: Action, period: str) -> str | None:
    """Warn of a due date before the period the action was raised in had begun."""
    raised = action.raised or period
    start = period_start(raised)
    if action.due >= start:
        return None
    if action.raised is None:
        return (
            f"actions.{action.id}: due {action.due.isoformat()}, before the period "
            f"{period} began ({start.isoformat()}); check the date, or say which earlier "
            "period the action was raised in (raised: YYYY/YY)"
        )
    return (
        f"actions.{action.id}: due {action.due.isoformat()}, before the period it was "
        f"raised in ({raised}) began ({start.isoformat()}); check the date"
    )


def count_actions(actions: Sequence[ActionResult], period: str) -> ActionCounts:
    """Count actions by status, overdue, and raised in ``period``."""
    statuses = [action.status for action in actions]
    return ActionCounts.model_construct(
        total=len(actions),
        open=statuses.count(ActionStatus.OPEN),
        in_progress=statuses.count(ActionStatus.IN_PROGRESS),
        done=statuses.count(ActionStatus.DONE),
        dropped=statuses.count(ActionStatus.DROPPED),
        overdue=sum(action.overdue for action in actions),
        raised=sum(action.raised in (None, period) for action in actions),
    )


def _unplanned(
    domains: Sequence[DomainResult], actions: Sequence[ActionResult]
) -> list[UnplannedGap]:
    """Every gap that no open or in-progress action is for."""
    gaps = []
    for domain in domains:
        if not is_gap(domain):
            continue
        mine = [action for action in actions if domain.id in action.domains]
        if any(action.status.live for action in mine):
            continue
        gaps.append(
            UnplannedGap.model_construct(
                domain=domain.id,
                title=domain.title,
                assessed=domain.assessed,
                level=domain.level,
                target=domain.target,
                closed=[action.id for action in mine],
                line=domain.line,
            )
        )
    return gaps


def _followed(before: ActionResult, now: ActionResult | None) -> FollowUp:
    """Return what became of one of last year's live actions."""
    if now is None:
        return FollowUp.model_construct(
            id=before.id,
            action=before.action,
            owner=before.owner,
            outcome=FollowUpOutcome.VANISHED,
            previous_status=before.status,
            previous_due=before.due,
        )
    outcome = {
        ActionStatus.DONE: FollowUpOutcome.DONE,
        ActionStatus.DROPPED: FollowUpOutcome.DROPPED,
    }.get(now.status, FollowUpOutcome.CARRIED)
    return FollowUp.model_construct(
        id=before.id,
        action=before.action,
        owner=now.owner,
        outcome=outcome,
        previous_status=before.status,
        previous_due=before.due,
        status=now.status,
        due=now.due,
        overdue=now.overdue,
        days_overdue=now.days_overdue,
        reason=now.reason,
        line=now.line,
    )


_ORDER = {
    FollowUpOutcome.VANISHED: 0,
    FollowUpOutcome.CARRIED: 1,
    FollowUpOutcome.DROPPED: 2,
    FollowUpOutcome.DONE: 3,
}


def follow_up(before: ActionPlan, period: str, now: Sequence[ActionResult]) -> FollowUpResult:
    """Follow last year's live actions (``before``, of ``period``) into this year's plan."""
    by_id = {action.id: action for action in now}
    live = [action for action in before.actions if action.status.live]
    items = [_followed(action, by_id.get(action.id)) for action in live]
    items.sort(key=lambda item: (_ORDER[item.outcome], -(item.days_overdue or 0)))
    outcomes = [item.outcome for item in items]
    counts = FollowUpCounts.model_construct(
        followed=len(items),
        done=outcomes.count(FollowUpOutcome.DONE),
        carried=outcomes.count(FollowUpOutcome.CARRIED),
        carried_overdue=sum(item.overdue for item in items),
        dropped=outcomes.count(FollowUpOutcome.DROPPED),
        vanished=outcomes.count(FollowUpOutcome.VANISHED),
    )
    return FollowUpResult.model_construct(
        period=period,
        items=items,
        counts=counts,
        closed_before=len(before.actions) - len(live),
    )


def judge_plan(
    submission: Submission,
    domains: Sequence[DomainResult],
    index: ActionIndex,
    *,
    baseline: Result | None = None,
    line_of: LineOf | None = None,
    warnings: list[str] | None = None,
) -> ActionPlan | None:
    """Judge the submission's plan on its assessment date (see the module's rules).

    Returns None when there is nothing to say: no ``actions`` section, no gap and no
    baseline plan to follow. Due dates worth a second look are added to ``warnings``.
    """
    written = submission.actions or []
    actions = [
        _judged(
            action,
            index,
            submission.assessed_on,
            line_of(("actions", number)) if line_of else None,
        )
        for number, action in enumerate(written)
    ]
    for action in written:
        warning = _due_warning(action, submission.period)
        if warning and warnings is not None:
            warnings.append(warning)
    unplanned = _unplanned(domains, actions)
    earlier = baseline.actions if baseline is not None else None
    followed = follow_up(earlier, baseline.period, actions) if earlier and baseline else None
    if submission.actions is None and not unplanned and followed is None:
        return None
    return ActionPlan.model_construct(
        declared=submission.actions is not None,
        actions=actions,
        counts=count_actions(actions, submission.period),
        unplanned=unplanned,
        follow_up=followed,
    )


def overdue_failures(plan: ActionPlan | None) -> list[GateFailure]:
    """Return an ``overdue-action`` gate failure for each overdue action."""
    if plan is None:
        return []
    return [
        GateFailure.model_construct(
            kind="overdue-action",
            domain=action.domains[0] if action.domains else "",
            action=action.id,
            message=(
                f"action {action.id} ({action.action}) is overdue by "
                f"{action.days_overdue} day{'s' if action.days_overdue != 1 else ''}: due "
                f"{action.due.isoformat()}, {action.status.value}; owner {action.owner}"
            ),
        )
        for action in plan.actions
        if action.overdue
    ]


def select_actions(actions: Sequence[ActionResult], filters: ActionFilters) -> list[ActionResult]:
    """Return the actions that pass every filter: owner (part of it, any case), status, overdue."""
    wanted = filters.owner.casefold().strip() if filters.owner else None
    return [
        action
        for action in actions
        if (wanted is None or wanted in action.owner.casefold())
        and (not filters.statuses or action.status in filters.statuses)
        and (not filters.overdue or action.overdue)
    ]


def plan_report(
    result: Result, filters: ActionFilters, *, generated_at: str, fail_on_overdue: bool = False
) -> ActionsReport:
    """Return the plan of a graded result on its own, filtered (``wcc actions``)."""
    plan = result.actions
    actions = list(plan.actions) if plan is not None else []
    chosen = select_actions(actions, filters)
    return ActionsReport.model_construct(
        tool=result.tool,
        generated_at=generated_at,
        source=result.source,
        organisation=result.organisation,
        organisation_code=result.organisation_code,
        period=result.period,
        assessed_on=result.assessed_on,
        framework_id=result.framework.id,
        framework_version=result.framework.version,
        domains=[DomainRef.model_construct(id=d.id, title=d.title) for d in result.domains],
        filters=filters,
        actions=chosen,
        counts=count_actions(chosen, result.period),
        total=len(actions),
        unplanned=list(plan.unplanned) if plan is not None else [],
        gate_failed=fail_on_overdue and any(action.overdue for action in chosen),
    )
