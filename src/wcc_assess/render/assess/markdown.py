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
from wcc_assess.render import _fit, _words
from wcc_assess.render._jinja import Markup, environment
from wcc_assess.render.assess import _actions, _assurance, _view
from wcc_assess.render.interface import RenderOptions

__all__ = ["OUTCOME_ICON", "RAG_ICON", "STATUS", "render"]

STATUS: dict[DomainStatus, str] = {
    DomainStatus.MET: "✅ met",
    DomainStatus.BELOW: "❌ below",
    DomainStatus.NO_TARGET: "➖ no target",
    DomainStatus.NOT_ASSESSED: "⚪ not assessed",
    DomainStatus.NOT_EVIDENCED: "🚫 not evidenced",
}
"""A domain's status as text with an icon, never an icon alone."""


RAG_ICON: dict[Rag, str] = {Rag.GREEN: "🟢", Rag.AMBER: "🟠", Rag.RED: "🔴"}
"""A coloured disc beside each governance rating's word, never instead of it."""

OUTCOME_ICON: dict[OutcomeStatus, str] = {
    OutcomeStatus.ON_TRACK: "✅",
    OutcomeStatus.WITHIN_TOLERANCE: "🟡",
    OutcomeStatus.OFF_TRACK: "❌",
    OutcomeStatus.NO_ACTUAL: "⚪",
    OutcomeStatus.NO_ASPIRATION: "➖",
}
"""An icon beside each outcome status's words."""


def _headline(result: Result) -> str:
    """Word the gate, with an icon (never an icon alone)."""
    icon = {GateStatus.FAILED: "❌", GateStatus.PASSED: "✅"}.get(result.gate.status)
    if icon is None:
        return "ℹ️ no targets were set"
    return f"{icon} {_words.gate_phrase(result)}"


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


def context(result: Result, *, folded: bool = False) -> dict[str, Any]:
    """Return the template's inputs: the result and the shared presentation helpers.

    ``folded`` leaves out the narratives and evidence (a report past its size limit).
    """
    return {
        **_view.template_context(result),
        **_view.board_context(result),
        "folded": folded,
        **_assurance.assurance_context(result),
        **_actions.plan_context(result),
        "rag_icon": RAG_ICON,
        "outcome_icon": OUTCOME_ICON,
        "headline": _headline(result),
        "status": STATUS,
        "step_sections": _step_sections(result),
        "score": lambda value, places=2: Markup(_words.fixed(value, places)),
        "signed": lambda value, places=2: Markup(_assurance.typeset_signed(value, places)),
        "number": lambda value: Markup(_assurance.typeset_number(value)),
    }


def render(result: Result, options: RenderOptions) -> str:
    """Return the assessment as GitHub-flavoured Markdown, within ``--max-chars``."""
    template = environment("markdown").get_template("report.md.j2")
    limit = _fit.limit_of(options)
    return _fit.fit(
        lambda: template.render(context(result)),
        lambda: template.render(context(result, folded=True)),
        limit,
        Markup(_words.cut_note(limit or 0, f"wcc assess {result.source}")),
    )
