"""The terminal table (rich): the plan by domain, overdue first, with owners and dates."""

from __future__ import annotations

from rich.text import Text

from wcc_assess.models.actions import ActionsReport
from wcc_assess.render import _words
from wcc_assess.render._console import SafeTable, StringConsole
from wcc_assess.render.actions import _common as common
from wcc_assess.render.interface import RenderOptions

__all__ = ["render"]


def render(report: ActionsReport, options: RenderOptions) -> str:
    """Return the plan as a terminal table (ANSI colours only if ``options.color``)."""
    console = StringConsole(options)
    console.print(Text(common.title(report), style="bold"))
    console.print(common.filters_text(report))
    if report.actions:
        console.print(_words.sentence(_words.plan_summary(report.counts).capitalize()))
    listed = SafeTable(show_edge=False, pad_edge=False, header_style="bold", expand=True)
    listed.add_column("Domain", no_wrap=True)
    listed.add_column("Id", no_wrap=True)
    listed.add_column("Action", ratio=4, overflow="fold")
    listed.add_column("For", ratio=1, overflow="fold")
    listed.add_column("Owner", ratio=2, overflow="fold")
    listed.add_column("Due", no_wrap=True)
    listed.add_column("Status", ratio=2)
    for group in common.groups(report):
        for number, action in enumerate(group.actions):
            style = "bold red" if action.overdue else "dim" if common.closed(action.status) else ""
            listed.add_row(
                group.domain if number == 0 else "",
                action.id,
                action.action,
                ", ".join(action.addresses),
                action.owner,
                action.due.isoformat(),
                Text(_words.action_status_text(action), style=style),
            )
    if report.actions:
        console.print(listed)
    else:
        console.print("No action matches." if report.total else "The submission lists no actions.")
    for gap in report.unplanned:
        console.print(
            Text(
                f"No open or in-progress action for {gap.domain} {gap.title}: "
                f"{_words.gap_text(gap)}",
                style="yellow",
            )
        )
    return console.text()
