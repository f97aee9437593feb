"""Wording shared by the renderers of the plan on its own (formatting only)."""

from __future__ import annotations

from wcc_assess.models.actions import ActionsReport, ActionStatus
from wcc_assess.render import _plan, _words

__all__ = ["filters_text", "groups", "title"]


def title(report: ActionsReport) -> str:
    """Return ``Development plan: NHS Westmarsh ICB (QW9), 2026/27``."""
    return f"Development plan: {report.organisation} ({report.organisation_code}), {report.period}"


def filters_text(report: ActionsReport) -> str:
    """Say which actions are shown: all of them, or which filters chose them."""
    chosen = report.filters
    parts = []
    if chosen.owner:
        parts.append(f"owner contains “{chosen.owner}”")
    if chosen.statuses:
        names = [_words.ACTION_STATUS_TEXT[status].lower() for status in chosen.statuses]
        parts.append("status " + _words.or_list(names))
    if chosen.overdue:
        parts.append("overdue")
    judged = f"judged on {_words.format_date(report.assessed_on)}"
    if not parts:
        return f"All {_words.plural(report.total, 'action')} of the plan, {judged}."
    shown = len(report.actions)
    return (
        f"{shown} of the plan's {_words.plural(report.total, 'action')} ({'; '.join(parts)}), "
        f"{judged}."
    )


def groups(report: ActionsReport) -> list[_plan.PlanGroup]:
    """Return the selected actions by their first domain, with the gaps without an action."""
    domains = [(domain.id, domain.title) for domain in report.domains]
    return _plan.plan_groups(report.actions, report.unplanned, domains, once=True)


def closed(status: ActionStatus) -> bool:
    """Whether a task list ticks the action's box (done or dropped)."""
    return not status.live
