"""Markdown: the plan as a GitHub task list, grouped by domain, to paste into an issue.

Each action is one item (``- [ ]`` to do, ``- [x]`` done or dropped, a dropped one struck
through with its reason), under the first domain it is for; overdue actions come first in
each domain. Every string from the submission is escaped as inert Markdown, so no text of
an action can open a box, a link or a heading of its own.
"""

from __future__ import annotations

from wcc_assess.models.actions import ActionResult, ActionsReport, ActionStatus
from wcc_assess.render import _plan, _words
from wcc_assess.render._safety import escape_markdown as md
from wcc_assess.render.actions import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def _item(action: ActionResult, domain: str) -> str:
    """Return one task-list item."""
    box = "[x]" if common.closed(action.status) else "[ ]"
    head = f"**{md(action.id)}** {md(action.action)}"
    if action.status is ActionStatus.DROPPED:
        head = f"~~{head}~~"
    facts = [md(action.owner), f"due {_words.format_date(action.due)}"]
    status = _words.action_status_text(action)
    facts.append(("⏰ " if action.overdue else "") + md(status))
    text = f"- {box} {head} · {' · '.join(facts)}"
    text += f" · for {md(', '.join(action.addresses))}"
    others = _plan.also_for(action, domain)
    if others:
        text += f" (also {md(', '.join(others))})"
    if action.raised:
        text += f" · raised {md(action.raised)}"
    lines = [text]
    if action.reason:
        lines.append(f"  - Dropped: {md(action.reason)}")
    if action.note:
        lines.append(f"  - Note: {md(action.note)}")
    return "\n".join(lines)


def render(report: ActionsReport, options: RenderOptions) -> str:
    """Return the plan as Markdown with a task list per domain."""
    lines = [f"## {md(common.title(report))}", "", md(common.filters_text(report))]
    if report.actions:
        lines[-1] += " " + md(_words.sentence(_words.plan_summary(report.counts).capitalize()))
    if report.unplanned:
        gaps = "; ".join(
            f"{md(gap.domain)} {md(gap.title)} ({md(_words.gap_text(gap))})"
            for gap in report.unplanned
        )
        lines += ["", f"⚠️ **No open or in-progress action for:** {gaps}."]
    for group in common.groups(report):
        if not group.actions:
            continue
        lines += ["", f"### {md(group.domain)} {md(group.title)}", ""]
        lines += [_item(action, group.domain) for action in group.actions]
    if not report.actions:
        lines += ["", "No action matches." if report.total else "The submission lists no actions."]
    lines += [
        "",
        f"<sub>From {md(report.source)} by {md(report.tool)}, "
        f"{md(_words.format_timestamp(report.generated_at))}.</sub>",
        "",
    ]
    return "\n".join(lines)
