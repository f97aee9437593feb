"""Markdown: GitHub-flavoured, for a pull-request comment, a wiki or $GITHUB_STEP_SUMMARY.

Rendered from ``templates/report.md.j2``; every string from the result is escaped as inert
Markdown by the environment (see :mod:`wcc_assess.render._jinja`).
"""

from __future__ import annotations

from typing import Any

from wcc_assess.models.assurance import Rag
from wcc_assess.models.result import (
    DomainResult,
    DomainStatus,
    GateStatus,
    NextStep,
    OutcomeStatus,
    Result,
)
from wcc_assess.render import _assurance, _view
from wcc_assess.render._jinja import Markup, environment
from wcc_assess.render.interface import RenderOptions

__all__ = ["OUTCOME_ICON", "RAG_ICON", "STATUS", "render"]

STATUS: dict[DomainStatus, str] = {
    DomainStatus.MET: "✅ met",
    DomainStatus.BELOW: "❌ below",
    DomainStatus.NO_TARGET: "➖ no target",
    DomainStatus.NOT_ASSESSED: "⚪ not assessed",
}
"""A domain's status as text with an icon, never an icon alone."""


RAG_ICON: dict[Rag, str] = {Rag.GREEN: "🟢", Rag.AMBER: "🟠", Rag.RED: "🔴"}
"""A coloured disc beside each governance rating's word, never instead of it."""

OUTCOME_ICON: dict[OutcomeStatus, str] = {
    OutcomeStatus.ON_TRACK: "✅",
    OutcomeStatus.OFF_TRACK: "❌",
    OutcomeStatus.NO_ACTUAL: "⚪",
}
"""An icon beside each outcome status's words."""


def _headline(result: Result) -> str:
    targeted = [d for d in result.domains if d.status in (DomainStatus.MET, DomainStatus.BELOW)]
    below = [d for d in targeted if d.status is DomainStatus.BELOW]
    if result.gate.status is GateStatus.FAILED:
        fell = [f for f in result.gate.failures if f.kind == "regression"]
        red = [f for f in result.gate.failures if f.kind == "governance-red"]
        parts = []
        if below or not (fell or red):
            verb = "is" if len(below) == 1 else "are"
            parts.append(f"{len(below)} of {len(targeted)} domains {verb} below target")
        if fell and result.baseline is not None:
            parts.append(
                f"{len(fell)} domain{'s' if len(fell) != 1 else ''} fell since "
                f"{result.baseline.period}"
            )
        if red:
            parts.append(f"{len(red)} governance area{'s are' if len(red) != 1 else ' is'} red")
        return "❌ " + "; ".join(parts)
    if result.gate.status is GateStatus.PASSED:
        passed = []
        if "below-target" in result.gate.checks:
            passed.append(
                f"every domain with a target meets it ({len(targeted)} of {len(targeted)})"
            )
        if "regression" in result.gate.checks and result.baseline is not None:
            passed.append(f"no domain fell since {result.baseline.period}")
        if "governance-red" in result.gate.checks:
            passed.append("no governance area is red")
        return "✅ " + ("; ".join(passed) or "every gate in force passed")
    return "ℹ️ no targets were set"


def _step_sections(result: Result) -> list[tuple[list[tuple[DomainResult, list[NextStep]]], bool]]:
    """Return the next steps as (groups, folded) sections.

    Domains below target come open, the rest folded into a ``<details>`` block; all are
    open when no domain is below target.
    """
    groups = _view.steps_by_domain(result)
    below = [group for group in groups if group[0].status is DomainStatus.BELOW]
    other = [group for group in groups if group[0].status is not DomainStatus.BELOW]
    if not below:
        return [(other, False)] if other else []
    return [(below, False)] + ([(other, True)] if other else [])


def context(result: Result) -> dict[str, Any]:
    """Return the template's inputs: the result and the shared presentation helpers."""
    return {
        **_view.template_context(result),
        **_assurance.assurance_context(result),
        "rag_icon": RAG_ICON,
        "outcome_icon": OUTCOME_ICON,
        "headline": _headline(result),
        "status": STATUS,
        "step_sections": _step_sections(result),
        "score": lambda value, places=2: Markup(_view.format_score(value, places)),
        "signed": lambda value, places=2: Markup(_assurance.signed(value, places)),
        "number": lambda value: Markup(_assurance.number(value)),
    }


def render(result: Result, options: RenderOptions) -> str:
    """Return the assessment as GitHub-flavoured Markdown."""
    return environment("markdown").get_template("report.md.j2").render(context(result))
