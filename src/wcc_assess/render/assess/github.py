"""GitHub Actions annotations: workflow commands that point at lines of the submission.

Each failed gate is an ``::error`` at the line of its domain (an overdue action's at the
action's line), each capped indicator a ``::warning`` at the line of the indicator, as is
each panel level accepted above the evidence rules and each declared interest found in the
evidence; each overdue action (when not a gate) a ``::warning`` at its line, each gap
without an action a ``::warning`` at its domain, each of last year's actions that vanished
a ``::warning`` on the file; each panel rating of a whole domain is a ``::notice`` at its
line, each result warning a ``::warning`` on the file, and a final ``::notice`` sums the
assessment up (the profile, the draft mark). Lines come from the result's ``line`` fields
(filled in when the submission was read from a file); without them the annotation names
the file only.
"""

from __future__ import annotations

from wcc_assess.models.actions import FollowUpOutcome
from wcc_assess.models.result import ChangeDirection, Result
from wcc_assess.render import _words
from wcc_assess.render._safety import workflow_value
from wcc_assess.render._words import action_line, follow_up_text, gap_text
from wcc_assess.render.interface import RenderOptions

__all__ = ["render", "workflow_command"]


def workflow_command(
    kind: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    """Return one workflow command, e.g. ``::error file=a.yaml,line=4,title=…::message``.

    ``kind`` is ``error``, ``warning`` or ``notice``; values are escaped as GitHub requires.
    """
    props = []
    if file:
        props.append(f"file={workflow_value(file, prop=True)}")
        if line is not None:
            props.append(f"line={line}")
            if column is not None:
                props.append(f"col={column}")
    if title:
        props.append(f"title={workflow_value(title, prop=True)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{workflow_value(message)}"


def _summary(result: Result) -> str:
    overall = result.overall
    text = (
        f"{result.organisation} ({result.organisation_code}) {result.period}, "
        f"{result.framework.id} {result.framework.version}: "
    )
    text += _words.headline_text(result)
    if overall.score is not None:
        text += f"; {_words.score_text(overall, result.framework.scale)}"
    gate = result.gate
    text += f"; gate {gate.status.value}"
    if gate.failures:
        text += f" ({len(gate.failures)} failure{'s' if len(gate.failures) != 1 else ''})"
    text += f"; capped indicators: {overall.capped_count}; {_words.draft_text(result)}"
    if result.baseline is not None:
        moved = [d.change.direction for d in result.domains if d.change is not None]
        text += (
            f"; since {result.baseline.period}: "
            f"{moved.count(ChangeDirection.IMPROVED)} domain(s) improved, "
            f"{moved.count(ChangeDirection.DECLINED)} declined, "
            f"{moved.count(ChangeDirection.UNCHANGED)} unchanged"
        )
    return text


def _panel_commands(result: Result, source: str | None) -> list[str]:
    """Return the panel's judgement at its lines: ratings, levels above the rules, interests."""
    commands = [
        workflow_command(
            "notice",
            f"{d.id} {d.title}: rated {d.panel_rating.level} by the panel (calculated "
            f"{d.calculated_level}): {d.panel_rating.rationale}",
            file=source,
            line=d.panel_rating.line,
            title="wcc assess: panel rating",
        )
        for d in result.domains
        if d.panel_rating is not None
    ]
    lines = {i.id: i.line for d in result.domains for i in d.indicators}
    commands += [
        workflow_command(
            "warning",
            f"{i.id} {i.title}: {i.panel_over_rule.message}",
            file=source,
            line=i.line,
            title="wcc assess: panel level above the evidence rules",
        )
        for d in result.domains
        for i in d.indicators
        if i.panel_over_rule is not None
    ]
    flags = result.panel.interests if result.panel else []
    commands += [
        workflow_command(
            "warning",
            _words.interest_text(f.member, f.interest, f.indicator, f.evidence, f.matched),
            file=source,
            line=lines.get(f.indicator),
            title="wcc assess: declared interest",
        )
        for f in flags
    ]
    return commands


def _plan_commands(result: Result, source: str | None) -> list[str]:
    """Warn of overdue actions (unless a gate), gaps without an action, vanished actions."""
    plan = result.actions
    if plan is None:
        return []
    gated = "overdue-action" in result.gate.checks
    commands = [
        workflow_command(
            "warning",
            f"action {action_line(action)}",
            file=source,
            line=action.line,
            title="wcc assess: overdue action",
        )
        for action in plan.actions
        if action.overdue and not gated
    ]
    commands += [
        workflow_command(
            "warning",
            f"{gap.domain} {gap.title}: {gap_text(gap)}; no open or in-progress action is for it",
            file=source,
            line=gap.line,
            title="wcc assess: no action planned",
        )
        for gap in plan.unplanned
    ]
    follow = plan.follow_up
    if follow is None:
        return commands
    return commands + [
        workflow_command(
            "warning",
            f"action {item.id} ({item.action}), open at the {follow.period} assessment, is "
            f"{follow_up_text(item)}",
            file=source,
            title="wcc assess: vanished action",
        )
        for item in follow.items
        if item.outcome is FollowUpOutcome.VANISHED
    ]


def render(result: Result, options: RenderOptions) -> str:
    """Return the annotations, one per line, the summary notice last."""
    source = result.source if result.source and not result.source.startswith("<") else None
    lines = {d.id: d.line for d in result.domains}
    if result.governance is not None:
        lines |= {area.id: area.line for area in result.governance.areas}
    action_lines = {a.id: a.line for a in result.actions.actions} if result.actions else {}
    commands = [
        workflow_command(
            "error",
            failure.message,
            file=source,
            line=action_lines.get(failure.action)
            if failure.action is not None
            else lines.get(failure.domain),
            title=f"wcc assess: {failure.kind}",
        )
        for failure in result.gate.failures
    ]
    commands += [
        workflow_command(
            "warning",
            f"{indicator.id} {indicator.title}: {indicator.cap.message}",
            file=source,
            line=indicator.line,
            title="wcc assess: capped",
        )
        for domain in result.domains
        for indicator in domain.indicators
        if indicator.cap is not None
    ]
    commands += _panel_commands(result, source)
    commands += _plan_commands(result, source)
    commands += [
        workflow_command("warning", warning, file=source, title="wcc assess")
        for warning in result.warnings
    ]
    commands.append(workflow_command("notice", _summary(result), file=source, title="wcc assess"))
    return "\n".join(commands) + "\n"
