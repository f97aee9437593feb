"""The terminal table (rich): the headline, one row per domain, the gate, the top next steps.

The panel, governance and outcome sections are drawn by :mod:`._table_assurance`.
"""

from __future__ import annotations

from rich.console import Console, JustifyMethod
from rich.text import Text

from wcc_assess.models.result import (
    ChangeDirection,
    DomainResult,
    DomainStatus,
    KeyDocumentStatus,
    NextStep,
    Result,
)
from wcc_assess.render import _plan, _words
from wcc_assess.render._console import StringConsole, table
from wcc_assess.render._words import (
    KEY_DOCUMENT_TEXT,
    action_line,
    change_text,
    follow_up_line,
    follow_up_summary,
    gap_text,
    group_rule_text,
    plan_summary,
    plural,
    signed,
)
from wcc_assess.render.assess._table_assurance import (
    governance_section,
    items,
    outcomes_section,
    panel_section,
)
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]

TOP_STEPS = 5
"""How many next steps the table shows; the other formats show them all."""

_STATUS_STYLE = {
    DomainStatus.MET: ("met", "green"),
    DomainStatus.BELOW: ("BELOW", "bold red"),
    DomainStatus.NO_TARGET: ("-", "dim"),
    DomainStatus.NOT_ASSESSED: ("not assessed", "yellow"),
    DomainStatus.NOT_EVIDENCED: ("NOT EVIDENCED", "bold red"),
}


def _bar(level: int | None, lowest: int, highest: int) -> Text:
    if level is None:
        return Text("·" * (highest - lowest + 1), style="dim")
    filled = level - lowest + 1
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (highest - level), style="dim")
    return bar


def _gap(value: float | None) -> str:
    """Return a calibration gap as ``+0.50`` / ``-0.25`` / ``0.00``, or ``-`` for none."""
    return signed(value, 2)


_CHANGE_STYLE = {
    ChangeDirection.IMPROVED: "green",
    ChangeDirection.DECLINED: "bold red",
    ChangeDirection.UNCHANGED: "",
    ChangeDirection.NEW: "cyan",
    ChangeDirection.NOT_COMPARABLE: "dim",
}


def _row(domain: DomainResult, lowest: int, highest: int, changes: bool) -> list[Text | str]:
    label, style = ("not rated", "dim") if domain.not_rated else _STATUS_STYLE[domain.status]
    level = Text(f" {domain.level}" if domain.level is not None else " -")
    if domain.panel_rating is not None:
        level.append(" P")
    change: list[Text | str] = []
    if changes:
        change = [
            Text(
                change_text(domain.change, domain.level),
                style=_CHANGE_STYLE[domain.change.direction],
            )
            if domain.change is not None
            else ""
        ]
    return [
        Text(domain.id),
        Text(domain.title),
        _bar(domain.level, lowest, highest) + level,
        f"{domain.score:.2f}" if domain.score is not None else "-",
        str(domain.target) if domain.target is not None else "-",
        Text(label, style=style),
        "-" if domain.not_rated else f"{domain.coverage.assessed}/{domain.coverage.total}",
        str(domain.capped_count) if domain.capped_count else "",
        *change,
    ]


def _heading(console: Console, result: Result) -> None:
    """Print who, what framework, when, and the baseline compared with."""
    info = result.framework
    console.print(
        Text(f"{result.organisation} ({result.organisation_code}) · {result.period}", style="bold")
    )
    console.print(Text(f"{info.title} ({info.id} {info.version})"))
    if info.summary:
        console.print(Text(info.summary, style="italic"))
    console.print(f"Assessed {result.assessed_on.isoformat()} · domain method {info.method.value}")
    draft = _words.draft_text(result)
    console.print(Text(draft, style="bold yellow" if result.draft else ""))
    baseline = result.baseline
    if baseline is not None:
        compared = f"Compared with {baseline.period} ({baseline.source})"
        if baseline.revision:
            compared += f" · framework revised {baseline.revision}"
        console.print(compared)


def _domains(console: Console, result: Result) -> None:
    """Print one row per domain (with the change and the calibration when there are any)."""
    scale, baseline = result.framework.scale, result.baseline
    moderated = result.panel is not None and result.panel.indicators_rated > 0
    columns: list[tuple[str, JustifyMethod]] = [
        ("Id", "left"),
        (_words.capitalised(_words.terms_of(result).domain), "left"),
        ("Level", "left"),
        ("Score", "right"),
        ("Target", "right"),
        ("Status", "left"),
        ("Coverage", "right"),
        ("Capped", "right"),
    ]
    if baseline is not None:
        columns.append((f"Since {baseline.period}", "left"))
    if moderated:
        columns.append(("Self−panel", "right"))
    domains = table(*columns)
    for domain in result.domains:
        row = _row(domain, scale[0].level, scale[-1].level, baseline is not None)
        if moderated:
            row.append(_gap(domain.calibration_gap) if domain.panel_rated else "")
        domains.add_row(*row)
    console.print(domains)
    rated = [d for d in result.domains if d.panel_rating is not None]
    if rated:
        items(
            console,
            [
                (
                    "P",
                    f"the panel's rating of the whole {_words.terms_of(result).domain}, beside "
                    "the level calculated from its indicators: "
                    + "; ".join(f"{d.id} calculated {d.calculated_level}" for d in rated),
                )
            ],
        )


def _overall(console: Console, result: Result) -> None:
    """Print the headline (profile, band), the mean score, coverage, ids new and gone, gate."""
    overall, baseline = result.overall, result.baseline
    scale, terms = result.framework.scale, _words.terms_of(result)
    line = Text("Profile: ", style="bold")
    line.append(_words.profile_text(overall, terms))
    console.print(line)
    if overall.band is not None:
        band = next((b for b in result.framework.bands if b.label == overall.band), None)
        line = Text("Band: ", style="bold")
        line.append(overall.band)
        if band is not None and band.when is not None:
            line.append(f" ({_words.band_rule_text(band.when, scale, terms)})")
        elif band is not None and band.meaning:
            line.append(f": {band.meaning}")
        console.print(line)
    if overall.score is not None:
        line = Text("Mean score: ")
        line.append(_words.score_text(overall, scale).removeprefix("mean score "))
        if overall.change is not None and overall.change.score_delta is not None:
            since = baseline.period if baseline else "the baseline"
            line.append(f" · score {signed(overall.change.score_delta)} since {since}")
        console.print(line)
    console.print(
        f"Coverage: {overall.coverage.assessed}/{overall.coverage.total} {terms.domains}, "
        f"{overall.indicator_coverage.assessed}/{overall.indicator_coverage.total} "
        f"indicators · capped indicators: {overall.capped_count}"
    )
    if baseline is not None:
        for label, ids in (
            ("New", baseline.new_domains + baseline.new_indicators),
            ("Gone", baseline.gone_domains + baseline.gone_indicators),
        ):
            if ids:
                console.print(f"{label} since {baseline.period}: {', '.join(ids)}")
    gate = result.gate
    if gate.failures:
        failed = f"Gate: FAILED ({plural(len(gate.failures), 'failure')})"
        console.print(Text(failed, style="bold red"))
        items(console, [("-", failure.message) for failure in gate.failures])
    else:
        console.print(f"Gate: {gate.status.value}")
    summary = _words.target_summary(result)
    if summary:
        console.print(f"Targets: {summary}")


def _left_out(console: Console, result: Result) -> None:
    """Print the capped indicators and what was not assessed, with the reasons."""
    capped = [
        (i.id, f"{i.title}: {i.cap.message}")
        for d in result.domains
        for i in d.indicators
        if i.cap is not None
    ]
    if capped:
        console.print(Text("Capped for lack of evidence", style="bold"))
        items(console, capped)
    skipped = [(d.id, d.not_assessed_reason or "") for d in result.domains if not d.assessed]
    skipped += [
        (i.id, i.not_assessed_reason or "")
        for d in result.domains
        if d.assessed
        for i in d.indicators
        if not i.assessed
    ]
    if skipped:
        console.print(Text("Not assessed", style="bold"))
        items(console, skipped)


def _next_steps(console: Console, result: Result) -> None:
    """Print the first :data:`TOP_STEPS` next steps, those of domains below target first."""
    below = {d.id for d in result.domains if d.status is DomainStatus.BELOW}
    steps = sorted(
        (step for domain in result.domains for step in domain.next_steps),
        key=lambda step: (step.domain not in below, step.current_level),
    )
    if not steps:
        return
    console.print(Text("Next steps", style="bold"))
    rows = [(step.indicator, _step_text(result, step)) for step in steps[:TOP_STEPS]]
    items(console, rows)
    if len(steps) > TOP_STEPS:
        console.print(f"  … and {len(steps) - TOP_STEPS} more (see `wcc assess --format json`)")


def _step_text(result: Result, step: NextStep) -> str:
    """Say what would lift an indicator, pointing to the actions planned for it."""
    planned = _plan.planned_for(result.actions, step.actions)
    if planned:
        return f"{step.title} → level {step.next_level}: planned in " + "; ".join(
            action_line(action) for action in planned
        )
    return f"{step.title} → level {step.next_level}: {step.evidence_gap or step.descriptor}"


def _plan_lines(console: Console, result: Result) -> None:
    """Print the plan's counts, overdue actions, gaps without an action and last year's."""
    plan = result.actions
    if plan is None:
        return
    line = Text("Development plan: ", style="bold")
    line.append(plan_summary(plan.counts) if plan.declared else "none (no actions listed)")
    console.print(line)
    overdue = _plan.ordered([action for action in plan.actions if action.overdue])
    rows = [(action.id, action_line(action, ids=False)) for action in overdue]
    rows += [
        (gap.domain, f"{gap.title}: {gap_text(gap)}; no open or in-progress action")
        for gap in plan.unplanned
    ]
    items(console, rows)
    follow = plan.follow_up
    if follow is not None:
        console.print(follow_up_summary(follow))
        items(
            console,
            [
                (item.id, f"{item.action}: {follow_up_line(item)}")
                for item in follow.items
                if item.outcome.value in ("vanished", "carried", "dropped")
            ],
        )


def render(result: Result, options: RenderOptions) -> str:
    """Return the assessment as a terminal table (ANSI colours only if ``options.color``)."""
    console = StringConsole(options)
    _heading(console, result)
    _domains(console, result)
    _overall(console, result)
    if result.panel is not None:
        panel_section(console, result)
    if result.governance is not None:
        governance_section(console, result.governance)
    if result.outcomes is not None:
        outcomes_section(console, result.outcomes)
    _framework_parts(console, result)
    _left_out(console, result)
    _next_steps(console, result)
    _plan_lines(console, result)
    return console.text()


def _framework_parts(console: Console, result: Result) -> None:
    """Print the framework's groups of domains (phases) and its key documents, briefly."""
    rules = result.framework.groups
    if rules is not None and result.groups:
        line = Text(f"{rules.term.capitalize()}s: ", style="bold")
        line.append(
            "; ".join(
                f"{g.id} {g.level if g.assessed else 'not assessed'}"
                + (f" ({', '.join(g.domains)})" if g.domains else "")
                for g in result.groups
            )
        )
        console.print(line)
        console.print(Text(group_rule_text(rules, result.framework.terms.domains), style="dim"))
    if result.key_documents:
        missing = [k for k in result.key_documents if k.status is not KeyDocumentStatus.CITED]
        line = Text("Key documents: ", style="bold")
        line.append(
            f"{len(result.key_documents) - len(missing)} of {len(result.key_documents)} cited"
        )
        console.print(line)
        items(console, [(k.domain, f"{k.title}: {KEY_DOCUMENT_TEXT[k.status]}") for k in missing])
