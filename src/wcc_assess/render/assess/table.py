"""The terminal table (rich): one row per domain, the overall band, the top next steps."""

from __future__ import annotations

from rich.console import Console, JustifyMethod
from rich.text import Text

from wcc_assess.models.assurance import Rag
from wcc_assess.models.result import (
    ChangeDirection,
    DomainResult,
    DomainStatus,
    GovernanceResult,
    KeyDocumentStatus,
    NextStep,
    OutcomesResult,
    OutcomeStatus,
    PanelSummary,
    Result,
)
from wcc_assess.render import _plan, _words
from wcc_assess.render._console import SafeTable, StringConsole, table
from wcc_assess.render._words import (
    KEY_DOCUMENT_TEXT,
    action_line,
    change_text,
    figure,
    follow_up_line,
    follow_up_summary,
    gap_text,
    group_rule_text,
    plan_summary,
    plural,
    signed,
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
}


def _bar(level: int | None, lowest: int, highest: int) -> Text:
    if level is None:
        return Text("·" * (highest - lowest + 1), style="dim")
    filled = level - lowest + 1
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (highest - level), style="dim")
    return bar


_RAG_STYLE = {Rag.RED: "bold red", Rag.AMBER: "yellow", Rag.GREEN: "green"}

_OUTCOME_STYLE = {
    OutcomeStatus.ON_TRACK: ("on track", "green"),
    OutcomeStatus.OFF_TRACK: ("OFF TRACK", "bold red"),
    OutcomeStatus.NO_ACTUAL: ("no actual yet", "dim"),
    OutcomeStatus.NO_ASPIRATION: ("no aspiration", "dim"),
}


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


def _items(console: Console, rows: list[tuple[str, str]]) -> None:
    """Print ``label  text`` rows with the text wrapped under itself."""
    grid = SafeTable.grid(padding=(0, 1))
    grid.add_column(width=2)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row("", Text(label), Text(text))
    console.print(grid)


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
        ("Domain", "left"),
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


def _overall(console: Console, result: Result) -> None:
    """Print the overall grade, coverage, the ids new and gone, and the gate."""
    overall, baseline = result.overall, result.baseline
    if overall.score is not None:
        line = Text("Overall: ", style="bold")
        line.append(f"{overall.score:.2f} ({overall.percent:.1f}%) · band {overall.band}")
        if overall.change is not None and overall.change.score_delta is not None:
            since = baseline.period if baseline else "the baseline"
            line.append(f" · score {signed(overall.change.score_delta)} since {since}")
        console.print(line)
    else:
        console.print(Text("Overall: no domain was assessed", style="bold"))
    console.print(
        f"Coverage: {overall.coverage.assessed}/{overall.coverage.total} domains, "
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
        _items(console, [("-", failure.message) for failure in gate.failures])
    else:
        console.print(f"Gate: {gate.status.value}")


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
        _items(console, capped)
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
        _items(console, skipped)


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
    _items(console, rows)
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
    _items(console, rows)
    follow = plan.follow_up
    if follow is not None:
        console.print(follow_up_summary(follow))
        _items(
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
        _panel(console, result)
    if result.governance is not None:
        _governance(console, result.governance)
    if result.outcomes is not None:
        _outcomes(console, result.outcomes)
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
        _items(console, [(k.domain, f"{k.title}: {KEY_DOCUMENT_TEXT[k.status]}") for k in missing])


def _panel(console: Console, result: Result) -> None:
    """Print the panel, its calibration, and the indicators where it changed the level."""
    panel: PanelSummary | None = result.panel
    assert panel is not None
    line = Text("Panel: ", style="bold")
    parts = []
    if panel.date is not None:
        parts.append(f"met {panel.date.isoformat()}")
    if panel.members:
        parts.append(
            f"{len(panel.members)} members: " + ", ".join(member.name for member in panel.members)
        )
    line.append(" · ".join(parts) if parts else "no panel details recorded")
    console.print(line)
    if not panel.indicators_rated:
        console.print("  The panel rated no indicator.")
        return
    console.print(
        f"  Rated {_words.plural(panel.indicators_rated, 'indicator')}, confirmed "
        f"{panel.indicators_rated - panel.indicators_changed} and changed "
        f"{panel.indicators_changed}; calibration (mean self minus panel level) "
        f"{_gap(panel.calibration_gap)}"
    )
    rows: list[tuple[str, str]] = []
    for domain in result.domains:
        for indicator in domain.indicators:
            if not indicator.panel_gap:
                continue
            text = (
                f"{indicator.title}: self {indicator.claimed_level}, panel {indicator.panel_level}"
            )
            if indicator.panel_flag:
                text += " (two or more levels apart)"
            if indicator.panel_note:
                text += f"; {indicator.panel_note}"
            rows.append((indicator.id, text))
    _items(console, rows)


def _governance(console: Console, governance: GovernanceResult) -> None:
    """Print the governance areas: rating in words, points, coverage and red sub-indicators."""
    line = Text("Governance: ", style="bold")
    line.append(
        f"{governance.points}/{governance.points_max} points over "
        f"{governance.coverage.assessed}/{governance.coverage.total} areas rated"
    )
    console.print(line)
    areas = table(
        ("Area", "left"),
        ("Rating", "left"),
        ("Points", "right"),
        ("Rated", "right"),
        ("Green", "right"),
        ("Amber", "right"),
        ("Red", "right"),
        ("Red sub-indicators", "left"),
    )
    for area in governance.areas:
        rating = (
            Text(area.rating.label, style=_RAG_STYLE[area.rating])
            if area.rating
            else Text("not assessed", style="yellow")
        )
        areas.add_row(
            area.title,
            rating,
            str(area.points) if area.points is not None else "-",
            f"{area.coverage.assessed}/{area.coverage.total}",
            str(area.counts.green),
            str(area.counts.amber),
            str(area.counts.red),
            ", ".join(area.red_sub_indicators),
        )
    console.print(areas)
    moderated: list[tuple[str, str]] = []
    for area in governance.areas:
        for item in area.sub_indicators:
            if item.panel_rating is None or item.panel_rating == item.self_rating:
                continue
            own = item.self_rating.label if item.self_rating else "-"
            text = f"{item.title}: self {own}, panel {item.panel_rating.label}"
            moderated.append((item.id, text + (f"; {item.panel_note}" if item.panel_note else "")))
    if moderated:
        console.print("  Changed by the panel:")
        _items(console, moderated)


def _outcomes(console: Console, outcomes: OutcomesResult) -> None:
    """Print each outcome measure's latest year against its aspiration."""
    total = len(outcomes.measures)
    line = Text("Outcomes: ", style="bold")
    line.append(
        f"{outcomes.on_track} of {total} measures on track, {outcomes.off_track} off "
        f"track, {outcomes.no_actual} without an actual yet"
        + (f", {outcomes.no_aspiration} without an aspiration" if outcomes.no_aspiration else "")
    )
    console.print(line)
    measures = table(
        ("Measure", "left"),
        ("Better", "left"),
        ("Baseline", "right"),
        ("Year", "left"),
        ("Aspiration", "right"),
        ("Actual", "right"),
        ("Status", "left"),
    )
    for measure in outcomes.measures:
        latest = measure.latest
        label, style = _OUTCOME_STYLE[measure.status]
        name = measure.name + (" *" if measure.required else "")
        measures.add_row(
            f"{name} ({measure.unit})",
            measure.better.value,
            f"{figure(measure.baseline_value)} ({measure.baseline_period})",
            latest.period if latest else "-",
            figure(latest.aspiration) if latest else "-",
            figure(latest.actual) if latest else "-",
            Text(label, style=style),
        )
    console.print(measures)
    if outcomes.required:
        console.print("  * required by the framework")
