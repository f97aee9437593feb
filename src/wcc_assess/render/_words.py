"""The one wording layer: how every report puts figures, levels and outcomes into words.

Every renderer family (assess, cohort, trend, explain, diagnostics) words a figure through
these functions, so that the same figure reads the same everywhere: a measured value as it
was written (:func:`figure`), a stored score with its places (:func:`fixed`), a change with
its sign (:func:`signed`), a level with its label, a status, a rating, a gate, a target's
source, a rule. They only format what they are given; none computes a level or a score.

Where there is no value, reports for reading show an en dash (:data:`NO_VALUE`); terminal
and plain-text outputs a hyphen (:data:`DASH`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import NamedTuple

from wcc_assess.models.actions import (
    ActionCounts,
    ActionResult,
    ActionStatus,
    FollowUp,
    FollowUpOutcome,
    FollowUpResult,
    UnplannedGap,
)
from wcc_assess.models.assurance import EvidenceKind, Rag, kinds_phrase
from wcc_assess.models.framework import (
    BandRule,
    DomainMethod,
    EvidenceRule,
    GroupRules,
    Level,
    Share,
    Terms,
)
from wcc_assess.models.paper import PaperStatus
from wcc_assess.models.result import (
    Basis,
    Change,
    ChangeDirection,
    DomainResult,
    DomainStatus,
    GateStatus,
    KeyDocumentStatus,
    OutcomeMeasureResult,
    OutcomeStatus,
    OutcomeYear,
    Overall,
    PeerDomain,
    ProfileCount,
    Result,
    TargetSource,
)

__all__ = [
    "ACTION_STATUS_TEXT",
    "ARROWS",
    "BASIS_TEXT",
    "FOLLOW_UP_TEXT",
    "DASH",
    "KEY_DOCUMENT_TEXT",
    "MINUS",
    "NO_VALUE",
    "OUTCOME_TEXT",
    "PAPER_STATUS_TEXT",
    "RAG_TEXT",
    "STATUS_TEXT",
    "WIDTH",
    "area_rating_text",
    "amount_text",
    "arrow",
    "band_rule_text",
    "basis_change_text",
    "calibration_text",
    "capitalised",
    "capital",
    "change_text",
    "action_line",
    "action_status_text",
    "counted",
    "cut_note",
    "days_text",
    "decimal",
    "domain_rating_text",
    "draft_text",
    "enquiry_text",
    "follow_up_line",
    "follow_up_summary",
    "follow_up_text",
    "gap_text",
    "plan_summary",
    "evidence_rule_text",
    "figure",
    "fixed",
    "format_date",
    "format_timestamp",
    "gate_phrase",
    "gate_text",
    "gate_title",
    "headline_text",
    "interest_text",
    "glossary",
    "group_rule_text",
    "kinds_text",
    "level_name",
    "level_text",
    "listed",
    "measure_summary",
    "method_rule",
    "method_text",
    "not_rated_text",
    "note_text",
    "or_list",
    "percent_text",
    "ordinal",
    "peer_text",
    "plural",
    "profile_short",
    "profile_text",
    "rule_needs",
    "score_text",
    "sentence",
    "share_text",
    "signed",
    "target_counts",
    "target_source_text",
    "target_summary",
    "term",
    "terms_of",
    "tolerance_status_text",
    "weight_text",
    "wrap",
    "year_figure_text",
]

WIDTH = 88
"""Plain-text reports (``wcc explain``, ``wcc frameworks show``) wrap at this width."""
NO_VALUE = "–"
"""Where a report for reading has no value (not assessed, no score, no target)."""
DASH = "-"
"""The same in terminal tables, plain text and CSV-like output."""
MINUS = "−"
"""The minus sign of typeset reports (Markdown, HTML); plain text uses a hyphen."""

Number = int | float


# Numbers ---------------------------------------------------------------------------------


def figure(value: Number | None, none: str = DASH) -> str:
    """Return a figure as it was written: ``80.35``, ``1402`` (not ``1402.0``), ``2.5``, ``3``.

    Levels, scores and deltas are stored with at most two decimals, and a measured value
    keeps every digit its file gave it.
    """
    if value is None:
        return none
    text = repr(float(value)) if not isinstance(value, int) else str(value)
    return text[:-2] if text.endswith(".0") else text


def fixed(value: Number | None, places: int = 2, none: str = NO_VALUE) -> str:
    """Return a stored score, mean or percent with a fixed number of places: ``2.50``."""
    return none if value is None else f"{value:.{places}f}"


def signed(
    value: Number | None, places: int | None = None, *, minus: str = DASH, none: str = DASH
) -> str:
    """Return a change with its sign: ``+1``, ``-0.5``, ``+0.25``; zero has none (``0``).

    ``places`` fixes the decimals (``+0.50``, ``0.00``); None writes the figure as it is.
    """
    if value is None:
        return none
    text = figure(abs(value)) if places is None else f"{abs(value):.{places}f}"
    if not value:
        return text
    return ("+" if value > 0 else minus) + text


def decimal(value: float | Fraction) -> str:
    """Return a weight or an exact sum as people write it: ``1``, ``1.5``, ``2.25``."""
    return f"{float(value):.6g}"


def plural(count: int, word: str) -> str:
    """Return ``1 error``, ``2 errors``, ``0 errors``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def counted(**counts: int) -> str:
    """Return the non-zero counts in words: ``2 errors, 1 warning``."""
    return ", ".join(plural(count, word) for word, count in counts.items() if count)


def listed(ids: Sequence[str], verb: str) -> str:
    """Return ``C1.2 is`` or ``C1.2, C1.3 and C1.4 are`` (``has`` becomes ``have``)."""
    if len(ids) == 1:
        return f"{ids[0]} {verb}"
    plural_verb = {"is": "are", "has": "have"}.get(verb, verb)
    return f"{', '.join(ids[:-1])} and {ids[-1]} {plural_verb}"


def or_list(words: Sequence[str]) -> str:
    """Return ``a``, or ``a, b or c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def sentence(text: str) -> str:
    """End ``text`` with a full stop unless it already ends a sentence."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def wrap(
    text: str, indent: str = "", hanging: str | None = None, *, hyphens: bool = False
) -> list[str]:
    """Wrap plain text to :data:`WIDTH` columns.

    The first line starts at ``indent``, the rest at ``hanging`` (``indent`` by default);
    ``hyphens`` lets a line break after a hyphen.
    """
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_on_hyphens=hyphens,
    )


# Dates -----------------------------------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def format_date(day: date) -> str:
    """Return a date the British way, independent of the locale: ``20 November 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_timestamp(stamp: str) -> str:
    """Return the result's ISO 8601 UTC timestamp as ``21 September 2026, 14:13 UTC``."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return f"{format_date(moment.date())}, {moment:%H:%M} UTC"


# Levels, statuses and ratings ---------------------------------------------------------------

STATUS_TEXT: dict[DomainStatus, str] = {
    DomainStatus.MET: "Met",
    DomainStatus.BELOW: "Below target",
    DomainStatus.NO_TARGET: "No target",
    DomainStatus.NOT_ASSESSED: "Not assessed",
    DomainStatus.NOT_EVIDENCED: "Not evidenced",
}
"""The words for each status; every format shows these, never a colour alone."""

RAG_TEXT: dict[Rag, tuple[str, str]] = {
    Rag.GREEN: ("●", "Green"),
    Rag.AMBER: ("▲", "Amber"),
    Rag.RED: ("■", "Red"),
}
"""A shape and a word for each rating: the word is always shown, the shape and colour are
decoration."""

OUTCOME_TEXT: dict[OutcomeStatus, str] = {
    OutcomeStatus.ON_TRACK: "On track",
    OutcomeStatus.WITHIN_TOLERANCE: "Within tolerance",
    OutcomeStatus.OFF_TRACK: "Off track",
    OutcomeStatus.NO_ACTUAL: "No actual yet",
    OutcomeStatus.NO_ASPIRATION: "No aspiration set",
}
"""The words for each outcome status."""

_GATE_TEXT = {
    GateStatus.PASSED: "passed",
    GateStatus.FAILED: "FAILED",
    GateStatus.NONE: "no target",
}


def gate_text(status: GateStatus) -> str:
    """Return a gate outcome in words (never colour alone): ``passed``, ``FAILED``."""
    return _GATE_TEXT[status]


def _label(scale: Sequence[Level], level: int) -> str | None:
    return next((step.label for step in scale if step.level == level), None)


def level_text(scale: Sequence[Level], level: int | None, none: str = NO_VALUE) -> str:
    """Return ``2 Developing`` for a level on the scale, or ``none``."""
    if level is None:
        return none
    label = _label(scale, level)
    return f"{level} {label}" if label else str(level)


def level_name(scale: Sequence[Level], level: int) -> str:
    """Return ``2 (Developing)``: a level and its label in plain text."""
    label = _label(scale, level)
    return f"{level} ({label})" if label else str(level)


# Changes since the baseline ------------------------------------------------------------------

ARROWS = {
    ChangeDirection.IMPROVED: "↑",
    ChangeDirection.DECLINED: "↓",
    ChangeDirection.UNCHANGED: "→",
    ChangeDirection.NEW: "+",
    ChangeDirection.NOT_COMPARABLE: "·",
}
"""The arrow (or mark) of each direction; an arrow never stands without its word."""

_DIRECTION_WORDS = {
    ChangeDirection.IMPROVED: "improved",
    ChangeDirection.DECLINED: "declined",
    ChangeDirection.UNCHANGED: "unchanged",
    ChangeDirection.NEW: "new",
    ChangeDirection.NOT_COMPARABLE: "not comparable",
}


def arrow(change: Change) -> str:
    """Return the arrow and word of a change: ``↑ improved``, ``→ unchanged``, ``+ new``."""
    return f"{ARROWS[change.direction]} {_DIRECTION_WORDS[change.direction]}"


def change_text(change: Change, level: int | None, *, score: bool = True) -> str:
    """Return a short description: ``↑ improved 2→3``, ``→ unchanged (score +0.25)``.

    ``level`` is the current level; ``score`` adds the score delta when there is one.
    """
    text = arrow(change)
    direction = change.direction
    moved = direction in (ChangeDirection.IMPROVED, ChangeDirection.DECLINED)
    if moved and level is not None and change.previous_level is not None:
        text += f" {figure(change.previous_level)}→{figure(level)}"
    elif direction is ChangeDirection.NOT_COMPARABLE and change.previous_level is not None:
        text += f" (was {figure(change.previous_level)})"
    if score and change.score_delta:
        text += f" (score {signed(change.score_delta)})"
    if change.previous_basis and change.basis and change.previous_basis is not change.basis:
        text += " (basis changed)"
    return text


# Gates, targets, rules ---------------------------------------------------------------------


def _fell(terms: Terms, count: int, since: str) -> str:
    return f"{term(terms, count)} fell since {since}"


def gate_title(result: Result) -> str:
    """Return :func:`gate_phrase` as a title (``1 of 11 domains with a target is below it``)."""
    return capital(gate_phrase(result))


def capitalised(text: str) -> str:
    """Return ``text`` with its first letter in capitals (as :func:`capital`)."""
    return capital(text)


def terms_of(result: Result) -> Terms:
    """Return what the result's framework calls a domain (``competency`` in WCC)."""
    return result.framework.terms


class _Counts(NamedTuple):
    """The domains with a target, by status: met, below it, not evidenced."""

    targeted: list[DomainResult]
    met: list[DomainResult]
    below: list[DomainResult]
    missing: list[DomainResult]


def target_counts(result: Result) -> _Counts:
    """Return the domains with a target: all, met, below and not evidenced.

    A domain not evidenced has a target and is never counted as met.
    """
    targeted = [d for d in result.domains if d.target is not None]
    return _Counts(
        targeted,
        [d for d in targeted if d.status is DomainStatus.MET],
        [d for d in targeted if d.status is DomainStatus.BELOW],
        [d for d in targeted if d.status is DomainStatus.NOT_EVIDENCED],
    )


def target_summary(result: Result) -> str:
    """Say how the domains with a target stand; empty when none has a target.

    ``9 of 11 competencies with a target meet it; 1 is below it; 1 is not evidenced: C11``.

    Every report counts met domains with this (or :func:`target_counts`): a domain not
    evidenced is never among them.
    """
    counts = target_counts(result)
    if not counts.targeted:
        return ""
    terms, total = terms_of(result), len(counts.targeted)
    noun = terms.domain if total == 1 else terms.domains
    if len(counts.met) == total:
        return f"every {terms.domain} with a target meets it ({total} of {total})"
    verb = "meets" if len(counts.met) == 1 else "meet"
    parts = [f"{len(counts.met)} of {total} {noun} with a target {verb} it"]
    if counts.below:
        parts.append(f"{len(counts.below)} {'is' if len(counts.below) == 1 else 'are'} below it")
    if counts.missing:
        ids = ", ".join(d.id for d in counts.missing)
        allowed = " (allowed)" if result.gate.not_evidenced_allowed_by else ""
        were = "is" if len(counts.missing) == 1 else "are"
        parts.append(f"{len(counts.missing)} {were} not evidenced{allowed}: {ids}")
    return "; ".join(parts)


def gate_phrase(result: Result) -> str:
    """Say how the gate came out: domains with a target, domains that fell, red areas.

    Empty when no gate was in force. Every report words its gate with this.
    """
    gate, since = result.gate, result.baseline.period if result.baseline else None
    terms = result.framework.terms
    parts: list[str] = []
    if gate.status is GateStatus.NONE:
        return ""
    fell = [f for f in gate.failures if f.kind == "regression"]
    red = [f for f in gate.failures if f.kind == "governance-red"]
    others = {"regression", "governance-red", "overdue-action"}
    if gate.status is GateStatus.FAILED:
        # A failed gate says what failed it: the targets only when they did, or nothing else.
        if {f.kind for f in gate.failures} - others or not gate.failures:
            parts.append(target_summary(result))
        if fell and since:
            parts.append(_fell(terms, len(fell), since))
        if red:
            parts.append(f"{len(red)} governance area{'s are' if len(red) != 1 else ' is'} red")
        if overdue := [f for f in gate.failures if f.kind == "overdue-action"]:
            parts.append(f"{plural(len(overdue), 'action')} overdue")
    else:
        if "below-target" in gate.checks or not others & set(gate.checks):
            parts.append(target_summary(result))
        if "regression" in gate.checks and since:
            parts.append(f"no {term(terms)} fell since {since}")
        if "governance-red" in gate.checks:
            parts.append("no governance area is red")
        if "overdue-action" in gate.checks:
            parts.append("no action is overdue")
    return "; ".join(part for part in parts if part)


_TARGET_SOURCES: dict[TargetSource, str] = {
    TargetSource.COMMAND_LINE: "from --target on the command line",
    TargetSource.SUBMISSION_DOMAIN: "the submission's target for this domain",
    TargetSource.SUBMISSION_DEFAULT: "the submission's default target",
    TargetSource.FRAMEWORK_DEFAULT: "the framework's default target",
}


def target_source_text(source: TargetSource | None) -> str:
    """Say where a domain's target came from."""
    return "" if source is None else _TARGET_SOURCES[source]


def method_text(method: DomainMethod) -> str:
    """Explain, in a report's sentence, how a domain's level follows from its indicators."""
    if method is DomainMethod.ALL_MET:
        return (
            "A domain's level is the highest level that every one of its assessed "
            "indicators reaches (all-met): one weak indicator holds the whole domain down."
        )
    return (
        "A domain's level is the whole-number part of the weighted mean of its assessed "
        "indicators' effective levels (mean)."
    )


def method_rule(method: DomainMethod) -> str:
    """State the domain method as a rule, for ``wcc explain``: ``all-met: …``."""
    if method is DomainMethod.ALL_MET:
        return (
            "all-met: the domain's level is the highest level that every assessed indicator "
            "reaches, which is the lowest effective level."
        )
    return "mean: the domain's level is the weighted mean of the effective levels, rounded down."


def kinds_text(kinds: Sequence[EvidenceKind]) -> str:
    """Put kinds of evidence into words: ``a decision and 2 results``."""
    return kinds_phrase(kinds)


def evidence_rule_text(rule: EvidenceRule, recent_months: int) -> str:
    """Put one evidence rule into a report's sentence.

    ``recent_months`` is the framework's window, used unless the rule has its own.
    """
    items = plural(rule.min_items, "evidence item")
    text = f"A claim of level {rule.level} or above needs at least {items}"
    if rule.kinds:
        text += f", including {kinds_text(rule.kinds)}"
    if rule.min_recent:
        months = rule.recent_months or recent_months
        text += (
            f", {rule.min_recent} of them dated within the {months} months before the assessment"
        )
    return text + "."


def rule_needs(rule: EvidenceRule) -> str:
    """Say briefly what a rule asks for: ``2 items, at least 1 recent``."""
    text = plural(rule.min_items, "item")
    if rule.kinds:
        text += f" ({kinds_text(rule.kinds)})"
    if rule.min_recent:
        text += f", at least {rule.min_recent} recent"
        if rule.recent_months:
            text += f" (within {rule.recent_months} months)"
    return text


KEY_DOCUMENT_TEXT: dict[KeyDocumentStatus, str] = {
    KeyDocumentStatus.CITED: "Cited",
    KeyDocumentStatus.HINTED: "Not marked: an evidence title looks like it",
    KeyDocumentStatus.MISSING: "Missing",
}
"""A key document's status in words."""


def not_rated_text(domain: DomainResult) -> str:
    """Say why a domain the framework version does not rate is left out."""
    return f"Not rated in this framework version: {domain.not_assessed_reason or ''}".rstrip(": ")


def group_rule_text(rules: GroupRules, domains: str = "domains") -> str:
    """State how a group's level is derived, for the reports' notes.

    ``domains`` is the framework's word for them (``stages`` in BS 11000).
    """
    how = (
        f"the lowest level of its assessed {domains}"
        if rules.method is DomainMethod.ALL_MET
        else f"the weighted mean of its assessed {domains}' scores, rounded down"
    )
    return f"A {rules.term}'s level is {how}; its score is the weighted mean of their scores."


# Panel and outcomes ---------------------------------------------------------------------


def calibration_text(value: float | None) -> str:
    """Say which way a calibration gap points."""
    if value is None:
        return "the panel rated no indicator"
    if value > 0:
        return "the organisation rated itself higher than the panel did"
    if value < 0:
        return "the panel rated higher than the organisation did"
    return "the organisation and the panel agreed on average"


def measure_summary(measure: OutcomeMeasureResult) -> str:
    """One sentence on a measure: its latest year against its aspiration."""
    better = f"{measure.better.value} is better"
    latest = measure.latest
    if latest is None:
        return f"No actual yet; {better}."
    if latest.aspiration is None:
        return (
            f"{figure(latest.actual)} {measure.unit} in {latest.period}, against a baseline of "
            f"{figure(measure.baseline_value)} in {measure.baseline_period}; no aspiration was "
            f"set; {better}."
        )
    return (
        f"{OUTCOME_TEXT[measure.status]} in {latest.period}: {figure(latest.actual)} against "
        f"an aspiration of {figure(latest.aspiration)} {measure.unit}; {better}."
    )


# Workbooks -------------------------------------------------------------------------------

SHEET_TITLES = {
    "Cover": "Self-assessment: who, when and against what",
    "Ratings": "Ratings: one row per indicator, grouped by domain",
    "Evidence": "Evidence: one row per item",
    "Governance": "Governance: red, amber or green for each sub-indicator",
    "Outcomes": "Health outcome measures: one row per measure",
    "Trajectory": "Outcome trajectories: one row per measure and financial year",
    "Panel": "Assurance panel: the panel day, its members, ratings and lines of enquiry",
    "Actions": "Development plan: one row per action",
    "Board paper": "Board paper: how the report is headed for the board",
}
"""The title at the top of each sheet of a submission's workbook."""

SHEET_NOTES = {
    "Cover": (
        "Fill in the white cells. Grey cells are written by wcc and are locked (the sheet is "
        "protected without a password). Targets are optional: a level every domain should "
        "reach, or one per domain. List everyone who took part in the self-assessment at the "
        "bottom."
    ),
    "Ratings": (
        "For each indicator, read the level descriptors and choose the level the evidence "
        "shows from the drop-down. To skip an indicator, choose Not assessed and say why in "
        "the Reason column; to skip a whole domain, do the same on the domain's row. The "
        "panel's columns are for the assurance panel."
    ),
    "Evidence": (
        "One row per item of evidence: choose the indicator it supports, give a title, a "
        "reference (a web address, a board paper number) and the date it was produced or "
        "approved. Items with the same reference count once. Say what kind of evidence it "
        "is (a plan, a decision, a result, a partner's view, or other: higher levels ask for "
        "particular kinds) and, if it is one of the framework's key documents, choose its id. "
        "When someone has checked the document itself (for the panel, or internal audit), "
        "say who and when."
    ),
    "Governance": (
        "Rate each sub-indicator red, amber or green against the descriptions, or choose Not "
        "assessed and say why. Leave the sheet empty if you do not rate governance."
    ),
    "Outcomes": (
        "One row per outcome measure: an id of your own (letters, digits, dots, dashes), its "
        "name, the unit, whether higher or lower is better, and its baseline year and value. "
        "A tolerance (an amount in the unit, or a percentage of the aspiration) lets an "
        "actual that misses by no more be within tolerance rather than off track; the data "
        "period says what each figure covers (e.g. calendar years, 3 pooled). "
        "Leave the sheet empty if you do not report outcomes."
    ),
    "Trajectory": (
        "For each measure, one row per financial year: the aspiration for that year and, "
        "once published, the actual value."
    ),
    "Panel": (
        "For the assurance panel: the panel day, who signed its judgement off and when (a "
        "report is a draft until then), the members with the organisations each declared an "
        "interest in (separated by semicolons), the panel's ratings of whole domains and of "
        "governance areas, each with its reasons, and its lines of enquiry. Leave the sheet "
        "empty for a self-assessment that no panel has seen yet."
    ),
    "Actions": (
        "One row per action of the development plan: an id of your own, the indicators or "
        "domains it addresses (ids separated by commas), what will be done, the owner, the "
        "due date and the status (open, in-progress, done, or dropped with a reason). Leave "
        "the sheet empty if the submission has no plan."
    ),
    "Board paper": (
        "Optional: how the board paper made from this self-assessment is headed. Every field "
        "may be left empty (wcc then uses its defaults, and the options of wcc assess can "
        "set them too). Leave the sheet empty if you do not need it."
    ),
}
"""What to do on each sheet, in plain words (row 2 of the sheet)."""

COLUMN_LABELS = {
    "domain": "Domain",
    "indicator": "Indicator",
    "area": "Area",
    "sub_indicator": "Sub-indicator",
    "title": "Title",
    "level": "Level",
    "rating": "Rating",
    "not_assessed": "Reason (if not assessed)",
    "narrative": "Narrative: what the evidence shows",
    "panel_level": "Panel's level",
    "panel_rating": "Panel's rating",
    "panel_note": "Panel's note",
    "ref": "Reference (web address or document)",
    "date": "Date",
    "kind": "Kind (what it shows)",
    "key_document": "Key document (its id, if it is one)",
    "name": "Name",
    "role": "Role",
    "id": "Measure id",
    "unit": "Unit",
    "better": "Better when",
    "baseline.period": "Baseline year",
    "baseline.value": "Baseline value",
    "source": "Source of the figures",
    "measure": "Measure id",
    "year": "Financial year",
    "aspiration": "Aspiration",
    "actual": "Actual",
    "field": "Field",
    "label": "",
    "value": "Value",
    "help": "Notes",
    "checked.by": "Checked by",
    "checked.on": "Checked on",
    "tolerance.absolute": "Tolerance (in the unit)",
    "tolerance.percent": "Tolerance (% of aspiration)",
    "data_period.kind": "Figures cover",
    "data_period.years": "Years pooled",
    "interests": "Interests declared (organisations, separated by semicolons)",
    "rationale": "Rationale: the panel's reasons",
    "ratings.level": "Panel's level for the domain",
    "governance.rating": "Panel's rating of the area",
    "enquiries.domain": "Domain or area",
    "question": "Question",
    "response": "Response",
    "by": "Answered by",
}
"""The label above each column, by the column's key (``Sheet.key`` where a sheet names it
otherwise)."""

COLUMN_LABELS |= {
    "Actions.id": "Action id",
    "for": "For (indicator or domain ids)",
    "action": "Action",
    "owner": "Owner",
    "due": "Due",
    "status": "Status",
    "reason": "Reason (if dropped)",
    "note": "Note",
    "raised": "Raised in (year)",
}


def column_label(sheet: str, key: str) -> str:
    """Return the label above a column of a sheet."""
    return COLUMN_LABELS.get(f"{sheet}.{key}") or COLUMN_LABELS[key]


FIELD_LABELS = {
    "framework": ("Framework", "The framework and its version, e.g. wcc@2009. Written by wcc."),
    "organisation.name": ("Organisation", "The organisation's full name."),
    "organisation.code": ("Organisation code", "Its ODS code, e.g. QW9."),
    "period": ("Financial year assessed", "Written as 2026/27."),
    "assessed_on": ("Date of the self-assessment", "The day the assessment was agreed."),
    "targets.default": ("Target for every domain", "Optional: a level every domain should reach."),
    "panel.date": ("Panel day", "The day the panel confirmed and challenged the self-assessment."),
    "panel.sign_off.by": ("Signed off by", "Who signed the panel's judgement off (the chair)."),
    "panel.sign_off.on": ("Signed off on", "The day it was signed off; until then it is a draft."),
    "board_approved_on": (
        "Approved by the board on",
        "Optional: the day the organisation's board approved the self-assessment.",
    ),
    "report.title": ("Title", "The paper's title; empty: the framework, organisation and year."),
    "report.meeting": ("Meeting", "The meeting it goes to, e.g. Board meeting in public."),
    "report.meeting_date": ("Meeting date", "The day of that meeting."),
    "report.status": ("Status", "draft (the default) or final."),
    "report.author": ("Author", "Who wrote the paper."),
    "report.executive_lead": ("Executive lead", "The executive who presents it."),
    "report.purpose": ("Purpose", "Why the board sees it, e.g. For assurance."),
    "report.recommendation": ("Recommendation", "What the board is asked to do."),
    "report.marking": ("Marking", "A protective marking on every page, e.g. OFFICIAL."),
}
"""The label and guidance of each field of a form sheet."""

ASSESSORS_LABEL = "Assessors: who took part in the self-assessment"
MEMBERS_LABEL = "Members of the panel"
TABLE_LABELS = {
    "assessors": ASSESSORS_LABEL,
    "members": MEMBERS_LABEL,
    "ratings": "The panel's ratings of whole domains (each is the domain's level)",
    "governance": "The panel's ratings of governance areas",
    "enquiries": "Lines of enquiry: what the panel asked, and the answer",
}
"""The label above each table of a form sheet, by the table's key."""


def field_label(path: Sequence[str], titles: dict[str, str]) -> tuple[str, str]:
    """Return a form field's label and guidance; ``titles`` names domains for targets."""
    key = ".".join(path)
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    if path[0] == "targets":
        return f"Target for {path[-1]}", titles.get(path[-1], "")
    return key, ""


def descriptor_label(level: int, label: str) -> str:
    """Return the label above a level's descriptors: ``Level 3: Established``."""
    return f"Level {level}: {label}"


def rag_descriptor_label(rating: Rag) -> str:
    """Return the label above a rating's descriptions: ``Green means``."""
    return f"{rating.label} means"


def level_choices_error(levels: Sequence[int]) -> str:
    """Return what a level drop-down says to a value it does not offer."""
    return f"Choose a level from {levels[0]} to {levels[-1]}, or Not assessed."


_RESTORE_ROW = (
    "its row was deleted: copy it back from a workbook written by `wcc init --format xlsx`"
)
_SPREADSHEET_WORDS: tuple[tuple[str, str, str | None], ...] = (
    (
        "level is required (or skip",
        "level is required",
        "choose a level, or Not assessed with a reason",
    ),
    (
        "rating is required: red, amber",
        "rating is required",
        "choose red, amber or green, or Not assessed with a reason",
    ),
    ("a reason is required: not_assessed", "a reason is required", "say why in the reason column"),
    (
        "level is required: add",
        "level is required",
        "choose a level, or Not assessed with a reason",
    ),
    ("no level yet", "no level yet", "choose a level, or Not assessed with a reason"),
    (
        "rating is required: add",
        "rating is required",
        "choose red, amber or green, or Not assessed with a reason",
    ),
    ("no rating yet", "no rating yet", "choose red, amber or green, or Not assessed with a reason"),
    (
        "not_assessed is given without a reason",
        "a reason is required",
        "say why in the reason column",
    ),
)


def spreadsheet_words(message: str, hint: str | None) -> tuple[str, str | None]:
    """Say a submission's problem in a workbook's terms rather than its YAML form's."""
    for start, said, advice in _SPREADSHEET_WORDS:
        if message.startswith(start):
            return said, advice
    if message.endswith(" is missing") and hint and "not_assessed" in hint:
        return message, _RESTORE_ROW
    return message, hint


# Words for a board paper -----------------------------------------------------------------


def term(terms: Terms, count: int | None = None, *, plural_form: bool = False) -> str:
    """Return the framework's word for a domain: ``competency`` or ``competencies``.

    With ``count``, the count and the word agreeing with it: ``1 competency``, ``3
    competencies``.
    """
    many = plural_form or (count is not None and count != 1)
    word = terms.domains if many else terms.domain
    return word if count is None else f"{count} {word}"


def capital(text: str) -> str:
    """Return ``text`` with its first letter in capitals (the rest left as written)."""
    return text[:1].upper() + text[1:]


PAPER_STATUS_TEXT: dict[PaperStatus, str] = {
    PaperStatus.DRAFT: "Draft",
    PaperStatus.FINAL: "Final",
}
"""A paper's status on its front sheet."""

_QUARTERS = {1: "top quarter", 2: "second quarter", 3: "third quarter", 4: "bottom quarter"}


def peer_text(peer: PeerDomain) -> str:
    """Say where a domain stands among the peers: ``3rd of 12, top quarter``."""
    if peer.rank is None or peer.quartile is None:
        were = "was" if peer.of == 1 else "were"
        return f"not ranked (not assessed; {plural(peer.of, 'peer')} {were})"
    return f"{ordinal(peer.rank)} of {peer.of}, {_QUARTERS[peer.quartile]}"


def ordinal(number: int) -> str:
    """Return ``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd``."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


def weight_text(weight: float) -> str:
    """Say how much a weight counts: ``counts double``, ``counts 1.5 times``, ``counts half``."""
    named = {2.0: "counts double", 3.0: "counts three times", 0.5: "counts half"}
    return named.get(weight, f"counts {decimal(weight)} times")


def glossary(result: Result) -> list[tuple[str, str]]:
    """Return the terms a reader of this report needs, each with a short definition.

    Only the terms the report uses: calibration with a panel, governance ratings with
    governance, outcomes with outcome measures, weights where they differ, phases where
    the framework groups its domains.
    """
    fw = result.framework
    domain = term(fw.terms)
    words: list[tuple[str, str]] = [
        (
            "Assessed level",
            f"the level an {fw.terms.indicator} is rated at: the panel's where the panel gave "
            "one, otherwise the organisation's own claim",
        ),
        (
            "Effective level",
            "the assessed level, lowered to the highest level the evidence supports where "
            "the evidence falls short of the claim",
        ),
        (
            "Capped",
            f"an {fw.terms.indicator} whose effective level is below its claim because the "
            "evidence rules were not met; the rule that capped it is named",
        ),
        (fw.method.value, method_text(fw.method)),
        (
            "Score",
            f"the weighted mean of the effective levels of a {domain}'s assessed "
            f"{fw.terms.indicators}; a secondary figure beside the level",
        ),
        ("Coverage", f"how many {fw.terms.indicators} were assessed, out of how many there are"),
        (
            "Target",
            f"the level a {domain} is expected to reach; met when its level is at or above it",
        ),
        (
            "Recent evidence",
            f"evidence dated within the {fw.recent_months} months before the assessment",
        ),
    ]
    words += _optional_glossary(result)
    return words


def _optional_glossary(result: Result) -> list[tuple[str, str]]:
    domain = term(result.framework.terms)
    words: list[tuple[str, str]] = []
    if any(d.weight != 1 for d in result.domains):
        words.append(
            ("Weight", f"how much a {domain} counts in the overall score; 2 counts double")
        )
    if any(d.phase for d in result.domains):
        rules = result.framework.groups
        plural = term(result.framework.terms, plural_form=True)
        rule = group_rule_text(rules, plural).removesuffix(".") if rules else ""
        how = f"; {rule[:1].lower()}{rule[1:]}" if rule else ""
        words.append(("Phase", f"a group of {term(result.framework.terms, plural_form=True)}{how}"))
    words += _framework_glossary(result)
    if result.panel is not None and result.panel.indicators_rated:
        words.append(
            (
                "Calibration gap",
                "the mean of the organisation's own levels minus the mean of the panel's, "
                "over what the panel rated; above zero, the organisation rated itself higher",
            )
        )
    if result.governance is not None:
        words.append(("Red, amber, green", "the three ratings of a governance area"))
    if result.outcomes is not None:
        words.append(
            (
                "On track",
                "an outcome measure whose latest actual is at least as good as that year's "
                "aspiration",
            )
        )
    if result.peers is not None:
        words.append(
            (
                "Quarter",
                f"where a {domain}'s rank falls among the peers: the top quarter is the best 25%",
            )
        )
    return words


def _framework_glossary(result: Result) -> list[tuple[str, str]]:
    """Return the words of the framework's own parts: unrated, evidence kinds, key documents."""
    fw = result.framework
    words: list[tuple[str, str]] = []
    if any(d.not_rated for d in result.domains):
        words.append(
            (
                "Not rated",
                f"a {term(fw.terms)} this version of the framework does not rate; it is left "
                "out of every figure, with the reason",
            )
        )
    if any(rule.kinds for rule in fw.evidence_rules):
        words.append(
            (
                "Evidence kind",
                "what an evidence item shows: a plan, a decision, a result or partners' view; "
                "higher levels ask for particular kinds",
            )
        )
    if result.key_documents:
        words.append(
            (
                "Key document",
                "a document the framework expects to see, cited when an evidence item names it",
            )
        )
    return words


def cut_note(limit: int, command: str) -> str:
    """Say where a Markdown report was cut, and how to get all of it."""
    return (
        f"*The report stops here to stay within {limit:,} characters (`--max-chars`). "
        f"For all of it: `{command} --format html`, or Markdown with `--max-chars 0`.*"
    )


def note_text(note: str) -> str:
    """Return an evidence note without the "not counted" that its label already says."""
    return note.removesuffix("; not counted")


# The development plan ----------------------------------------------------------------

ACTION_STATUS_TEXT: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
"""The words for each action status."""

FOLLOW_UP_TEXT: dict[FollowUpOutcome, str] = {
    FollowUpOutcome.DONE: "Done",
    FollowUpOutcome.CARRIED: "Carried",
    FollowUpOutcome.DROPPED: "Dropped",
    FollowUpOutcome.VANISHED: "Vanished",
}
"""The words for what became of last year's action."""


def days_text(days: int | None) -> str:
    """Return ``1 day`` or ``14 days``."""
    return plural(days or 0, "day")


def action_status_text(action: ActionResult | FollowUp) -> str:
    """Return a status in words, overdue said too: ``In progress, overdue by 14 days``."""
    status = action.status
    text = ACTION_STATUS_TEXT[status] if status is not None else "Not in this plan"
    if action.overdue:
        text += f", overdue by {days_text(action.days_overdue)}"
    return text


def action_line(action: ActionResult, *, ids: bool = True) -> str:
    """Return one line on an action: ``A3 Monthly review (owner, due 31 March 2027, open)``."""
    head = f"{action.id} {action.action}" if ids else action.action
    return (
        f"{head} ({action.owner}, due {format_date(action.due)}, "
        f"{action_status_text(action).lower()})"
    )


def plan_summary(counts: ActionCounts) -> str:
    """Say how many actions there are of each status: ``5 actions: 2 open, 3 done; 1 overdue``."""
    if not counts.total:
        return "no actions"
    parts = [
        f"{number} {word}"
        for number, word in (
            (counts.open, "open"),
            (counts.in_progress, "in progress"),
            (counts.done, "done"),
            (counts.dropped, "dropped"),
        )
        if number
    ]
    text = f"{plural(counts.total, 'action')}: {', '.join(parts)}"
    return text + (f"; {counts.overdue} overdue" if counts.overdue else "; none overdue")


def gap_text(gap: UnplannedGap) -> str:
    """Say why a domain needs an action: ``level 2, below its target of 3``."""
    if not gap.assessed:
        text = f"target {gap.target}, but nothing was assessed"
    else:
        text = f"level {gap.level}, below its target of {gap.target}"
    if gap.closed:
        text += f"; {listed(gap.closed, 'is')} done or dropped"
    return text


def follow_up_text(item: FollowUp) -> str:
    """Say more of what became of one of last year's actions (empty when done says it all).

    Reports show it after :data:`FOLLOW_UP_TEXT`'s word: ``Carried: in progress, overdue by
    14 days``, ``Dropped: <the reason>``, ``Vanished: not in this year's plan...``.
    """
    outcome = item.outcome
    if outcome is FollowUpOutcome.VANISHED:
        return "not in this year's plan, and not said to be done or dropped"
    if outcome is FollowUpOutcome.DROPPED:
        return item.reason or "no reason given"
    if outcome is FollowUpOutcome.DONE:
        return ""
    text = action_status_text(item).lower()
    if item.due is not None and item.due != item.previous_due:
        text += f"; due date moved from {format_date(item.previous_due)} to {format_date(item.due)}"
    return text


def follow_up_line(item: FollowUp) -> str:
    """Return the word and the detail: ``Carried: in progress, overdue by 14 days``."""
    detail = follow_up_text(item)
    return FOLLOW_UP_TEXT[item.outcome] + (f": {detail}" if detail else "")


def follow_up_summary(result: FollowUpResult) -> str:
    """Sum up what became of last year's live actions, vanished ones named first."""
    counts = result.counts
    if not counts.followed:
        return f"No action was open or in progress at the {result.period} assessment."
    carried = f"{counts.carried} carried"
    if counts.carried_overdue:
        carried += f" ({counts.carried_overdue} overdue)"
    parts = [f"{counts.done} done", carried, f"{counts.dropped} dropped"]
    parts.append(f"{counts.vanished} vanished without a word")
    return (
        f"Of the {plural(counts.followed, 'action')} open or in progress at the "
        f"{result.period} assessment: {', '.join(parts)}."
    )


def year_figure_text(year: OutcomeYear, unit: str) -> str:
    """Say what one year's figure is and covers: ``80.4 years (2022-2024, pooled)``."""
    text = f"{figure(year.actual)} {unit}" if year.actual is not None else "no actual yet"
    if year.data_period and year.data_period != year.period:
        text += f" ({year.data_period})"
    return text


def amount_text(value: Number, unit: str) -> str:
    """Return an amount in a measure's unit: ``0.3 years``, ``0.8 percentage points``.

    A difference of a share (a ``%`` unit) is in percentage points, not a percent of it.
    """
    return f"{figure(value)} {'percentage points' if unit.strip() == '%' else unit}"


def tolerance_status_text(year: OutcomeYear, unit: str) -> str:
    """Say why a year has its status, with the tolerance.

    ``0.1 years short of the aspiration, within the tolerance of 0.3``.
    """
    if year.actual is None or year.difference is None:
        return "no actual yet"
    if year.status is OutcomeStatus.ON_TRACK:
        return "at least as good as the aspiration"
    short = f"{amount_text(abs(year.difference), unit)} short of the aspiration"
    if year.tolerance is None:
        return f"{short}; no tolerance is set"
    within = "within" if year.status is OutcomeStatus.WITHIN_TOLERANCE else "beyond"
    return f"{short}, {within} the tolerance of {figure(year.tolerance)}"


# The headline: the profile, the band, the mean score ---------------------------------------


def profile_text(overall: Overall, terms: Terms) -> str:
    """Say how many domains sit at each level, and how many at none.

    ``3 competencies at level 3, 7 at level 2, 1 at level 1``, ``…, 1 not assessed``.
    """
    counts = [(count.level, count.count) for count in overall.profile if count.count]
    parts = []
    for index, (level, count) in enumerate(counts):
        noun = (terms.domain if count == 1 else terms.domains) if index == 0 else ""
        parts.append(f"{count} {noun} at level {level}".replace("  ", " "))
    if overall.not_assessed:
        noun = "" if counts else f" {terms.domain if overall.not_assessed == 1 else terms.domains}"
        parts.append(f"{overall.not_assessed}{noun} not assessed")
    return ", ".join(parts) if parts else f"no {terms.domain} assessed"


def profile_short(profile: Sequence[ProfileCount], not_assessed: int = 0) -> str:
    """Say a profile in few words, for a league table: ``3 at L3, 8 at L2, 1 n/a``."""
    parts = [f"{count.count} at L{count.level}" for count in profile if count.count]
    if not_assessed:
        parts.append(f"{not_assessed} n/a")
    return ", ".join(parts) or DASH


def percent_text(percent: float | None, scale: Sequence[Level]) -> str:
    """Explain a percent: ``53.5% of the way from level 1 to level 4``."""
    if percent is None:
        return "not scored"
    return f"{percent:.1f}% of the way from level {scale[0].level} to level {scale[-1].level}"


def score_text(overall: Overall, scale: Sequence[Level]) -> str:
    """Explain the secondary figures: ``mean score 2.60 (53.5% of the way from …)``."""
    if overall.score is None:
        return "no mean score: nothing was assessed"
    return f"mean score {overall.score:.2f} ({percent_text(overall.percent, scale)})"


_SHARES = {
    Share.ALL: "every {one}",
    Share.MOST: "more than half of the {many}",
    Share.HALF: "at least half of the {many}",
}


def share_text(share: Share, terms: Terms) -> str:
    """Word a band rule's share: ``more than half of the competencies``."""
    return _SHARES[share].format(one=terms.domain, many=terms.domains)


def band_rule_text(rule: BandRule | None, scale: Sequence[Level], terms: Terms) -> str:
    """Put a band's rule into words (the first band has none).

    ``more than half of the stages at level 3 (Embedded) or above, none below level 2
    (Defined)``.
    """
    if rule is None:
        return "when no higher band's rule holds"
    text = f"{share_text(rule.share, terms)} at level {level_name(scale, rule.level)} or above"
    if rule.none_below is not None:
        text += f", none below level {level_name(scale, rule.none_below)}"
    return text


def headline_text(result: Result) -> str:
    """Return the headline: the band (when the framework keeps bands) and the profile.

    ``Collaborative: 5 stages at level 3, 3 at level 2``; WCC, which has no bands:
    ``3 competencies at level 3, 7 at level 2, 1 at level 1``.
    """
    profile = profile_text(result.overall, terms_of(result))
    band = result.overall.band
    return f"{band}: {profile}" if band else profile


BASIS_TEXT: dict[Basis, str] = {basis: basis.words for basis in Basis}
"""What a level was graded on, in words."""


def basis_change_text(before: Basis | None, after: Basis | None, what: str) -> str:
    """Warn of unlike compared with unlike: two years graded on different bases.

    ``C1 self-assessed, then panel-rated at domain level: the years were graded on …``.
    """
    old = BASIS_TEXT[before] if before else "not graded"
    new = BASIS_TEXT[after] if after else "not graded"
    return (
        f"{what} {old}, then {new}: the years were graded on different bases, so part of "
        "any change may be the change of basis"
    )


def domain_rating_text(domain: DomainResult) -> str:
    """Say whose a domain's level is: ``the panel's rating; calculated 1 (+1)``."""
    rating = domain.panel_rating
    if rating is None:
        return ""
    return f"the panel's rating; calculated {domain.calculated_level} ({signed(rating.difference)})"


def area_rating_text(rule: Rag | None, panel: Rag | None) -> str:
    """Say whose an area's rating is: ``set by the panel; the rule gives Amber``."""
    if panel is None:
        return ""
    return f"set by the panel; the rule gives {rule.label if rule else 'no rating'}"


def draft_text(result: Result) -> str:
    """Say whether the assessment is a draft, and the board's approval when recorded.

    ``Draft: not signed off by an assurance panel``, or ``Signed off by Ruth Adeyemi on
    25 November 2026``.
    """
    approved = result.board_approved_on
    board = (
        f"; the board approved the self-assessment on {format_date(approved)}" if approved else ""
    )
    sign_off = result.panel.sign_off if result.panel else None
    if result.draft or sign_off is None:
        return f"Draft: not signed off by an assurance panel{board}"
    return f"Signed off by {sign_off.by} on {format_date(sign_off.on)}{board}"


def enquiry_text(question: str, response: str, by: str) -> str:
    """One line of enquiry: ``Q: … A (Chief Executive): …``."""
    return f"Q: {question} A ({by}): {response}"


def interest_text(member: str, interest: str, indicator: str, evidence: str, matched: str) -> str:
    """Word one declared interest found in the evidence cited for a domain."""
    return (
        f"{member} declared an interest in {interest}, named in {indicator}'s evidence "
        f"\u201c{evidence}\u201d (matched \u201c{matched}\u201d)"
    )
