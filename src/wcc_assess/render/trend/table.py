"""The terminal trend table (rich): one row per domain, one column per period."""

from __future__ import annotations

from rich.console import JustifyMethod
from rich.text import Text

from wcc_assess.models.trend import Trend
from wcc_assess.render._console import StringConsole
from wcc_assess.render._console import table as safe_table
from wcc_assess.render.interface import RenderOptions
from wcc_assess.render.trend import _common as common

__all__ = ["render"]


def render(trend: Trend, options: RenderOptions) -> str:
    """Return the trend as a terminal table (ANSI colours only if ``options.color``)."""
    console = StringConsole(options)
    console.print(Text(f"{trend.organisation} ({trend.organisation_code}) · trend", style="bold"))
    console.print(common.subtitle(trend))
    latest = len(trend.periods) > 1
    columns: list[tuple[str, JustifyMethod]] = [("Id", "left"), ("Domain", "left")]
    columns += [(period.period, "right") for period in trend.periods]
    columns += [(f"Since {trend.periods[-2].period}", "left")] if latest else []
    table = safe_table(*columns)
    for domain in trend.domains:
        row = [domain.id, domain.title, *(common.point_text(point) for point in domain.points)]
        if latest:
            row.append(common.latest_change(domain))
        table.add_row(*row)
    for index, (label, cells, _) in enumerate(common.footer_rows(trend)):
        table.add_row(
            "", label, *cells, *([""] if latest else []), style="bold" if not index else ""
        )
    console.print(table)
    plan = common.plan_rows(trend)
    if plan:
        console.print(Text("Development plan", style="bold"))
        actions = safe_table(("", "left"), *((p.period, "right") for p in trend.periods))
        for label, cells in plan:
            actions.add_row(label, *cells)
        console.print(actions)
    for note in common.notes(trend):
        console.print(f"note: {note}")
    if trend.retired:
        console.print(
            f"Retired domains (no counterpart in {trend.framework_version}): "
            f"{', '.join(trend.retired)}"
        )
    for warning in trend.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    return console.text()
