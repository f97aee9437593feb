"""The terminal table (rich): one row per domain, the overall band, the top next steps."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wcc_assess.models.result import ChangeDirection, DomainResult, DomainStatus, Result
from wcc_assess.render.change import change_text, signed
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


_CHANGE_STYLE = {
    ChangeDirection.IMPROVED: "green",
    ChangeDirection.DECLINED: "bold red",
    ChangeDirection.UNCHANGED: "",
    ChangeDirection.NEW: "cyan",
    ChangeDirection.NOT_COMPARABLE: "dim",
}


def _row(domain: DomainResult, lowest: int, highest: int, changes: bool) -> list[Text | str]:
    label, style = _STATUS_STYLE[domain.status]
    level = Text(f" {domain.level}" if domain.level is not None else " -")
    change: list[Text | str] = []
    if changes:
        change = [Text(change_text(domain.change, domain.level),
                       style=_CHANGE_STYLE[domain.change.direction])
                  if domain.change is not None else ""]
    return [
        Text(domain.id),
        Text(domain.title),
        _bar(domain.level, lowest, highest) + level,
        f"{domain.score:.2f}" if domain.score is not None else "-",
        str(domain.target) if domain.target is not None else "-",
        Text(label, style=style),
        f"{domain.coverage.assessed}/{domain.coverage.total}",
        str(domain.capped_count) if domain.capped_count else "",
        *change,
    ]


def _items(console: Console, rows: list[tuple[str, str]]) -> None:
    """Print ``label  text`` rows with the text wrapped under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row("", Text(label), Text(text))
    console.print(grid)


def render(result: Result, options: RenderOptions) -> str:
    """Return the assessment as a terminal table (ANSI colours only if ``options.color``)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, force_terminal=options.color,
                      no_color=not options.color, color_system="standard" if options.color
                      else None, highlight=False, emoji=False, legacy_windows=False)
    scale = result.framework.scale
    lowest, highest = scale[0].level, scale[-1].level
    console.print(Text(f"{result.organisation} ({result.organisation_code}) · {result.period}",
                       style="bold"))
    console.print(Text(f"{result.framework.title} ({result.framework.id} "
                       f"{result.framework.version})"))
    console.print(f"Assessed {result.assessed_on.isoformat()} · domain method "
                  f"{result.framework.method.value}")
    baseline = result.baseline
    if baseline is not None:
        compared = f"Compared with {baseline.period} ({baseline.source})"
        if baseline.revision:
            compared += f" · framework revised {baseline.revision}"
        console.print(compared)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    columns = [("Id", "left"), ("Domain", "left"), ("Level", "left"), ("Score", "right"),
               ("Target", "right"), ("Status", "left"), ("Coverage", "right"),
               ("Capped", "right")]
    if baseline is not None:
        columns.append((f"Since {baseline.period}", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for domain in result.domains:
        table.add_row(*_row(domain, lowest, highest, baseline is not None))
    console.print(table)

    overall = result.overall
    if overall.score is not None:
        line = Text("Overall: ", style="bold")
        line.append(f"{overall.score:.2f} ({overall.percent:.1f}%) · band {overall.band}")
        if overall.change is not None and overall.change.score_delta is not None:
            line.append(f" · score {signed(overall.change.score_delta)} since "
                        f"{baseline.period if baseline else 'the baseline'}")
        console.print(line)
    else:
        console.print(Text("Overall: no domain was assessed", style="bold"))
    console.print(f"Coverage: {overall.coverage.assessed}/{overall.coverage.total} domains, "
                  f"{overall.indicator_coverage.assessed}/{overall.indicator_coverage.total} "
                  f"indicators · capped indicators: {overall.capped_count}")
    if baseline is not None:
        for label, ids in (("New", baseline.new_domains + baseline.new_indicators),
                           ("Gone", baseline.gone_domains + baseline.gone_indicators)):
            if ids:
                console.print(f"{label} since {baseline.period}: {', '.join(ids)}")
    gate = result.gate
    if gate.failures:
        count = len(gate.failures)
        console.print(Text(f"Gate: FAILED ({count} failure{'s' if count != 1 else ''})",
                           style="bold red"))
        _items(console, [("-", failure.message) for failure in gate.failures])
    else:
        console.print(f"Gate: {gate.status.value}")

    capped = [(i.id, f"{i.title}: {i.cap.message}") for d in result.domains
              for i in d.indicators if i.cap is not None]
    if capped:
        console.print(Text("Capped for lack of evidence", style="bold"))
        _items(console, capped)
    skipped = [(d.id, d.not_assessed_reason or "") for d in result.domains if not d.assessed]
    skipped += [(i.id, i.not_assessed_reason or "") for d in result.domains if d.assessed
                for i in d.indicators if not i.assessed]
    if skipped:
        console.print(Text("Not assessed", style="bold"))
        _items(console, skipped)

    below = {d.id for d in result.domains if d.status is DomainStatus.BELOW}
    steps = sorted((step for domain in result.domains for step in domain.next_steps),
                   key=lambda step: (step.domain not in below, step.current_level))
    if steps:
        console.print(Text("Next steps", style="bold"))
        _items(console, [(step.indicator, f"{step.title} → level {step.next_level}: "
                          f"{step.evidence_gap or step.descriptor}")
                         for step in steps[:TOP_STEPS]])
        if len(steps) > TOP_STEPS:
            console.print(f"  … and {len(steps) - TOP_STEPS} more (see `wcc assess --format "
                          "json`)")
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
