"""What the assessment templates are given for the development plan.

Like :mod:`._view`, these only look things up in a :class:`Result` and put them in order
(:mod:`wcc_assess.render._plan`); every figure is the scorer's, every word
:mod:`wcc_assess.render._words`'.
"""

from __future__ import annotations

from typing import Any

from wcc_assess.models.actions import ActionResult
from wcc_assess.models.result import NextStep, Result
from wcc_assess.render import _plan, _words

__all__ = ["plan_context", "step_actions"]


def step_actions(result: Result, step: NextStep) -> list[ActionResult]:
    """Return the open or in-progress actions planned for a next step's indicator."""
    return _plan.planned_for(result.actions, step.actions)


def plan_context(result: Result) -> dict[str, Any]:
    """Return what the report templates need for the development plan."""
    plan = result.actions
    groups = []
    if plan is not None:
        domains = [(d.id, d.title) for d in result.domains]
        groups = _plan.plan_groups(plan.actions, plan.unplanned, domains)
    return {
        "plan": plan,
        "plan_groups": groups,
        "unplanned_ids": [gap.domain for gap in plan.unplanned] if plan is not None else [],
        "plan_summary": _words.plan_summary,
        "action_status": _words.action_status_text,
        "action_line": _words.action_line,
        "gap_text": _words.gap_text,
        "follow_up_text": _words.follow_up_text,
        "follow_up_summary": _words.follow_up_summary,
        "follow_up_word": _words.FOLLOW_UP_TEXT,
        "status_word": _words.ACTION_STATUS_TEXT,
        "also_for": _plan.also_for,
        "step_actions": lambda step: step_actions(result, step),
    }
