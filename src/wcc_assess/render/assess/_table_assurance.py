"""The terminal table's panel, governance and outcome sections (see :mod:`.table`)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from wcc_assess.models.assurance import Rag
from wcc_assess.models.result import (
    GovernanceResult,
    OutcomesResult,
    OutcomeStatus,
    PanelSummary,
    Result,
)
from wcc_assess.render import _words
from wcc_assess.render._console import SafeTable, table
from wcc_assess.render._words import figure, plural, signed

__all__ = ["governance_section", "items", "outcomes_section", "panel_section"]

_RAG_STYLE = {Rag.RED: "bold red", Rag.AMBER: "yellow", Rag.GREEN: "green"}

_OUTCOME_STYLE = {
    OutcomeStatus.ON_TRACK: ("on track", "green"),
    OutcomeStatus.WITHIN_TOLERANCE: ("within tolerance", "yellow"),
    OutcomeStatus.OFF_TRACK: ("OFF TRACK", "bold red"),
    OutcomeStatus.NO_ACTUAL: ("no actual yet", "dim"),
    OutcomeStatus.NO_ASPIRATION: ("no aspiration", "dim"),
}


def items(console: Console, rows: list[tuple[str, str]]) -> None:
    """Print ``label  text`` rows with the text wrapped under itself."""
    grid = SafeTable.grid(padding=(0, 1))
    grid.add_column(width=2)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row("", Text(label), Text(text))
    console.print(grid)


def _heading(console: Console, panel: PanelSummary) -> None:
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


def _domain_ratings(console: Console, result: Result) -> None:
    """Print the panel's ratings of whole domains, beside the calculated levels."""
    rows = [
        (
            d.id,
            f"{d.title}: panel {d.panel_rating.level}, calculated {d.calculated_level} "
            f"({signed(d.panel_rating.difference)}); {d.panel_rating.rationale}",
        )
        for d in result.domains
        if d.panel_rating is not None
    ]
    if rows:
        terms = _words.terms_of(result)
        noun = terms.domain if len(rows) == 1 else terms.domains
        console.print(f"  Rated {len(rows)} {noun} whole:")
        items(console, rows)


def _indicators(console: Console, result: Result, panel: PanelSummary) -> None:
    """Print the indicators the panel changed, and those it accepted above the rules."""
    console.print(
        f"  Rated {plural(panel.indicators_rated, 'indicator')}, confirmed "
        f"{panel.indicators_rated - panel.indicators_changed} and changed "
        f"{panel.indicators_changed}; calibration (mean self minus panel level) "
        f"{signed(panel.calibration_gap, 2)}"
    )
    rows: list[tuple[str, str]] = []
    for domain in result.domains:
        for indicator in domain.indicators:
            if not indicator.panel_gap and indicator.panel_over_rule is None:
                continue
            text = (
                f"{indicator.title}: self {indicator.claimed_level}, panel {indicator.panel_level}"
            )
            if indicator.panel_flag:
                text += " (two or more levels apart)"
            if indicator.panel_over_rule is not None:
                text += f"; flagged: {indicator.panel_over_rule.message}"
            if indicator.panel_note:
                text += f"; {indicator.panel_note}"
            rows.append((indicator.id, text))
    items(console, rows)


def _challenge(console: Console, panel: PanelSummary) -> None:
    """Print the evidence checked and tabled, the lines of enquiry and declared interests."""
    if panel.evidence_counted:
        console.print(
            f"  Evidence checked: {panel.evidence_checked} of {panel.evidence_counted} counted "
            f"items; {panel.evidence_tabled} tabled at the panel"
        )
    if panel.enquiries:
        console.print("  Lines of enquiry:")
        items(
            console,
            [
                (e.domain, _words.enquiry_text(e.question, e.response, e.by))
                for e in panel.enquiries
            ],
        )
    if panel.interests:
        console.print(Text("  Declared interests in the evidence:", style="bold yellow"))
        rows = [
            (
                f.domain,
                _words.interest_text(f.member, f.interest, f.indicator, f.evidence, f.matched),
            )
            for f in panel.interests
        ]
        items(console, rows)


def panel_section(console: Console, result: Result) -> None:
    """Print the panel: who, its ratings, the levels it changed or accepted, the challenge."""
    panel = result.panel
    assert panel is not None
    _heading(console, panel)
    _domain_ratings(console, result)
    if panel.indicators_rated:
        _indicators(console, result, panel)
    elif not panel.domains_rated:
        console.print("  The panel rated no indicator and no domain.")
    _challenge(console, panel)


def _area_rating(area_rating: Rag | None) -> Text:
    if area_rating is None:
        return Text("not assessed", style="yellow")
    return Text(area_rating.label, style=_RAG_STYLE[area_rating])


def governance_section(console: Console, governance: GovernanceResult) -> None:
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
        rating = _area_rating(area.rating)
        if area.panel_rating is not None:
            rating.append(" (panel)")
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
    _governance_moderation(console, governance)


def _governance_moderation(console: Console, governance: GovernanceResult) -> None:
    """Print the areas the panel rated whole and the sub-indicators it changed."""
    moderated: list[tuple[str, str]] = []
    for area in governance.areas:
        if area.panel_rating is not None:
            said = _words.area_rating_text(area.rule_rating, area.panel_rating)
            text = f"{area.title}: {area.panel_rating.label}, {said}; {area.panel_rationale}"
            moderated.append((area.id, text))
        for item in area.sub_indicators:
            if item.panel_rating is None or item.panel_rating == item.self_rating:
                continue
            own = item.self_rating.label if item.self_rating else "-"
            text = f"{item.title}: self {own}, panel {item.panel_rating.label}"
            moderated.append((item.id, text + (f"; {item.panel_note}" if item.panel_note else "")))
    if moderated:
        console.print("  Changed by the panel:")
        items(console, moderated)


def _year(period: str, data_period: str | None) -> str:
    """Return ``2024/25`` and, below it, what the figure covers when that is another period."""
    if not data_period or data_period == period:
        return period
    return f"{period}\n({data_period})"


def outcomes_section(console: Console, outcomes: OutcomesResult) -> None:
    """Print each outcome measure's latest year against its aspiration, with its tolerance."""
    total = len(outcomes.measures)
    line = Text("Outcomes: ", style="bold")
    line.append(
        f"{outcomes.on_track} of {total} measures on track, {outcomes.within_tolerance} within "
        f"tolerance, {outcomes.off_track} off track, {outcomes.no_actual} without an actual yet"
        + (f", {outcomes.no_aspiration} without an aspiration" if outcomes.no_aspiration else "")
    )
    console.print(line)
    measures = table(
        ("Measure", "left"),
        ("Baseline", "right"),
        ("Year (data)", "left"),
        ("Aspiration", "right"),
        ("Actual", "right"),
        ("±", "right"),
        ("Status", "left"),
    )
    for measure in outcomes.measures:
        latest = measure.latest
        label, style = _OUTCOME_STYLE[measure.status]
        name = measure.name + (" *" if measure.required else "")
        measures.add_row(
            f"{name} ({measure.unit}, {measure.better.value} is better)",
            f"{figure(measure.baseline_value)} ({measure.baseline_period})",
            _year(latest.period, latest.data_period) if latest else "-",
            figure(latest.aspiration) if latest else "-",
            figure(latest.actual) if latest else "-",
            figure(latest.tolerance) if latest else "-",
            Text(label, style=style),
        )
    console.print(measures)
    if outcomes.required:
        console.print("  * required by the framework")
