"""The result model: everything every report needs, computed once by the scorer.

This is the published JSON contract (``wcc assess --format json``). Renderers only format
it; none recomputes a score. Bump :data:`RESULT_SCHEMA_VERSION` on any change: the major
number when a field is removed, renamed or changes meaning, the minor number when optional
fields are added (1.1 added the baseline comparison and source lines; 1.2 the panel,
governance and outcomes; 1.3 the governance areas' lines; 1.4 the figures ``wcc explain``
shows: the recency window, each indicator's rule checks and next-level evidence, the
weighted sums of domains and of the overall score, and what would lift a ``mean`` domain;
1.5 the development plan: ``actions``, each domain's and next step's actions, and the
``overdue-action`` gate; 1.6 the framework's ``terms``, the front sheet of a board paper
and the peer comparison; 1.7 the panel's judgement: its domain and governance area ratings
with their reasons, the calculated level beside the panel's, panel levels accepted above
the evidence rules, evidence tabled at the panel and checked, lines of enquiry, declared
interests, sign-off and the draft mark; the profile of domain levels and bands derived from
it; the ``not-evidenced`` status; the basis of the grading; outcome tolerances and data
periods; 1.8 the framework's one-line summary, its unrated domains, groups and crosswalk,
evidence kinds and key documents, the kinds and recent window of a cap, and the groups'
levels).
"""

from enum import StrEnum

from wcc_assess.models._base import Date, Model
from wcc_assess.models.actions import ActionPlan
from wcc_assess.models.assurance import Better, EvidenceKind, Rag
from wcc_assess.models.framework import (
    Band,
    Crosswalk,
    DomainMethod,
    EvidenceRule,
    GroupRules,
    Level,
    NotRated,
    RagPoints,
    Replaces,
    Terms,
)
from wcc_assess.models.paper import Paper

__all__ = [
    "RESULT_SCHEMA_VERSION",
    "BaselineInfo",
    "Basis",
    "Cap",
    "Change",
    "ChangeDirection",
    "Coverage",
    "DomainResult",
    "DomainStatus",
    "Enquiry",
    "EvidenceNeed",
    "EvidenceResult",
    "FrameworkInfo",
    "GateFailure",
    "GateOutcome",
    "GateStatus",
    "GovernanceAreaResult",
    "GovernanceItemResult",
    "GovernanceResult",
    "GroupResult",
    "IndicatorResult",
    "InterestFlag",
    "KeyDocumentResult",
    "KeyDocumentStatus",
    "Lift",
    "LiftStep",
    "NextStep",
    "OutcomeMeasureResult",
    "OutcomeStatus",
    "OutcomeYear",
    "OutcomesResult",
    "Overall",
    "PanelDomainRating",
    "PanelMemberInfo",
    "PanelOverRule",
    "PanelSummary",
    "ProfileCount",
    "PeerDomain",
    "Peers",
    "RagCounts",
    "Result",
    "RuleCheck",
    "SignOff",
    "TargetSource",
]

RESULT_SCHEMA_VERSION = "1.8"


class FrameworkInfo(Model):
    """The framework the result was scored against, and the rules in force."""

    id: str
    version: str
    title: str
    publisher: str
    scale: list[Level]
    method: DomainMethod
    recent_months: int
    evidence_rules: list[EvidenceRule]
    bands: list[Band]
    replaces: Replaces | None = None
    """The older framework version this one revises, and its id map (schema 1.1)."""
    terms: Terms = Terms()
    """What the framework calls a domain and an indicator ("competency" in WCC; schema
    1.6)."""
    allow_not_evidenced: bool = False
    """Whether the framework lets a not-evidenced domain pass the gate (schema 1.7)."""
    has_governance: bool = False
    """Whether the framework rates governance (schema 1.7): reports then show the scorecard
    of outcomes, competencies and governance, reported or not."""
    has_outcomes: bool = False
    """Whether the framework has outcome rules (schema 1.7)."""
    summary: str | None = None
    """One line on what the framework is, printed under every report's title (schema 1.8)."""
    not_rated: list[NotRated] = []
    """Domains or indicators this version does not rate, with the reasons (schema 1.8)."""
    groups: GroupRules | None = None
    """How domains roll up into groups such as phases (schema 1.8)."""
    crosswalk: Crosswalk | None = None
    """Where each domain's concern is judged in a later regime (schema 1.8)."""


class EvidenceResult(Model):
    """One evidence item as the scorer saw it."""

    title: str
    ref: str
    date: Date
    counted: bool
    """Whether it counted towards the evidence rules."""
    recent: bool
    """Whether it is dated within the framework's recent window before the assessment."""
    note: str | None = None
    """Why it was not counted (a duplicate ref, or dated after the assessment), or that it
    was tabled at the panel."""
    tabled: bool = False
    """Dated after the assessment but on or before the panel day: counted because the panel
    saw it (schema 1.7)."""
    checked_by: str | None = None
    """Who checked the document itself, when someone did (schema 1.7)."""
    checked_on: Date | None = None
    kind: EvidenceKind | None = None
    """What the item shows, as the submission says (schema 1.8)."""
    key_document: str | None = None
    """The key document it is, as the submission says (schema 1.8)."""


class Cap(Model):
    """Why an indicator's effective level is below its assessed level."""

    rule_level: int
    """The level of the evidence rule that was not met."""
    min_items: int
    min_recent: int
    counted: int
    recent: int
    """Counted items dated within the rule's recent window."""
    message: str
    recent_since: Date | None = None
    """The first day of the rule's recent window, when it asks for recent items (schema
    1.7)."""
    kinds: list[EvidenceKind] = []
    """The kinds of evidence the rule asks for (schema 1.8)."""
    kinds_missing: list[EvidenceKind] = []
    """Those the counted items did not supply (schema 1.8)."""


class PanelOverRule(Model):
    """A panel level above what the evidence rules support: it stands, and is flagged.

    The rules inform a panel's judgement but never overrule it (schema 1.7).
    """

    rule_level: int
    """The level of the first evidence rule the counted evidence does not meet."""
    min_items: int
    min_recent: int
    counted: int
    recent: int
    supported_level: int
    """The highest level the rules alone would support."""
    message: str


class RuleCheck(Model):
    """One evidence rule in force, and whether an indicator's counted evidence meets it."""

    level: int
    """The rule applies to claims at this level and above."""
    met: bool


class EvidenceNeed(Model):
    """What a claim one level higher would ask of the evidence, and how far short it falls."""

    level: int
    """The next level up."""
    min_items: int
    """Counted items the rules up to that level ask for (the most any of them asks)."""
    min_recent: int
    """Recent items they ask for."""
    short_items: int
    """Items still to add (at least as many as the recent items still to add)."""
    short_recent: int
    """Recent items still to add."""
    kinds: list[EvidenceKind] = []
    """Kinds of evidence the rules up to that level ask for (schema 1.8)."""
    kinds_missing: list[EvidenceKind] = []
    """Those the counted items do not yet supply (schema 1.8)."""
    recent_since: Date | None = None
    """The first day of the recent window of the rule asking for the most recent items
    (schema 1.8); rules may have windows of their own."""


class Basis(StrEnum):
    """What a level was graded on, so that years are compared like with like (schema 1.7)."""

    SELF_ASSESSED = "self-assessed"
    """The organisation's own levels, capped by the evidence rules."""
    PANEL_INDICATORS = "panel-indicators"
    """Moderated by a panel at indicator level (panel levels of some indicators)."""
    PANEL_DOMAINS = "panel-domains"
    """Rated by a panel at domain level (its holistic rating of the whole domain)."""

    @property
    def words(self) -> str:
        """The basis in words, for reports and warnings: ``panel-rated at domain level``."""
        return {
            Basis.SELF_ASSESSED: "self-assessed",
            Basis.PANEL_INDICATORS: "panel-moderated at indicator level",
            Basis.PANEL_DOMAINS: "panel-rated at domain level",
        }[self]


class TargetSource(StrEnum):
    """Where a domain's target came from, in order of precedence."""

    COMMAND_LINE = "command-line"
    SUBMISSION_DOMAIN = "submission-domain"
    SUBMISSION_DEFAULT = "submission-default"
    FRAMEWORK_DEFAULT = "framework-default"


class NextStep(Model):
    """What would lift an indicator that holds its domain down by one level."""

    domain: str
    indicator: str
    title: str
    current_level: int
    next_level: int
    descriptor: str
    """The framework's descriptor of the next level: what a panel would need to see."""
    evidence_gap: str | None = None
    """Set when the claim already reaches the next level but the evidence does not."""
    actions: list[str] = []
    """The plan's open or in-progress actions for this indicator or its domain (schema 1.5)."""


class LiftStep(Model):
    """One indicator lifted in an example of how a ``mean`` domain could rise a level."""

    indicator: str
    from_level: int
    to_level: int
    weight: float


class Lift(Model):
    """What would lift a domain scored by the weighted mean (``mean``) one level."""

    level: int
    """The next level up."""
    needed: float
    """How much the weighted levels (weight × effective level) must rise to reach it."""
    reachable: bool
    """False when even every indicator at the top of the scale would not get there."""
    steps: list[LiftStep] = []
    """An example that gets there, lifting the lowest indicators first (the heavier first
    among equals)."""


class ChangeDirection(StrEnum):
    """Which way something moved since the baseline."""

    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DECLINED = "declined"
    NEW = "new"
    """No counterpart in the baseline (a new id after a framework revision)."""
    NOT_COMPARABLE = "not-comparable"
    """Not assessed in one of the two years."""


class Change(Model):
    """How a domain, an indicator or the overall grade moved since the baseline (schema 1.1).

    The direction follows the level (for the overall grade, which has no level, the score);
    the score delta is shown beside it. A merged id is compared with the weighted mean of
    its sources, so its previous level may be fractional.
    """

    direction: ChangeDirection
    compared_with: list[str] = []
    """The baseline ids this was compared with: the same id, or its sources after a revision."""
    previous_level: int | float | None = None
    previous_score: float | None = None
    level_delta: int | float | None = None
    score_delta: float | None = None
    note: str | None = None
    """How the ids were matched (renamed, split, merged) or why there is nothing to compare."""
    previous_basis: Basis | None = None
    """What the baseline's level rested on, when it differs from this year's (schema 1.7):
    part of the change is then the change of basis."""
    basis: Basis | None = None
    """What this year's level rests on, when it differs from the baseline's."""


class IndicatorResult(Model):
    """One indicator: claimed, panel, supported and effective level."""

    id: str
    title: str
    weight: float
    assessed: bool
    not_assessed_reason: str | None = None
    claimed_level: int | None = None
    """The organisation's self-assessed level."""
    panel_level: int | None = None
    """The panel's level, when moderated."""
    panel_note: str | None = None
    assessed_level: int | None = None
    """The panel's level if given, else the claimed level."""
    supported_level: int | None = None
    """The highest level the evidence supports."""
    effective_level: int | None = None
    """min(assessed, supported): the level that counts."""
    evidence_counted: int = 0
    evidence_recent: int = 0
    evidence: list[EvidenceResult] = []
    capped: bool = False
    cap: Cap | None = None
    narrative: str = ""
    line: int | None = None
    """The line of the indicator in the submission, when scored from a file (schema 1.1)."""
    change: Change | None = None
    """The change since the baseline, when one was given (schema 1.1)."""
    panel_gap: int | None = None
    """Claimed level minus the panel's level, when the panel rated it: positive when the
    organisation rated itself higher than the panel did."""
    panel_flag: bool = False
    """True when the organisation and the panel differ by two levels or more."""
    rule_checks: list[RuleCheck] = []
    """Each evidence rule in force and whether the counted evidence meets it (schema 1.4)."""
    next_level_evidence: EvidenceNeed | None = None
    """What the evidence rules ask of a claim one level higher (schema 1.4); None at the top
    of the scale or when not assessed."""
    panel_over_rule: PanelOverRule | None = None
    """Set when the panel's level is above what the evidence rules support: the level
    stands and is flagged (schema 1.7)."""
    not_rated: bool = False
    """The framework version does not rate it (``not_assessed_reason`` says why; schema
    1.8)."""


class Coverage(Model):
    """How much of something was assessed."""

    assessed: int
    total: int


class DomainStatus(StrEnum):
    """Where a domain stands against its target."""

    MET = "met"
    BELOW = "below"
    NO_TARGET = "no-target"
    NOT_ASSESSED = "not-assessed"
    """Not assessed, and no target: shown as such, and no gate."""
    NOT_EVIDENCED = "not-evidenced"
    """Not assessed, but it has a target: a gap, never met; it fails the gate unless
    allowed (schema 1.7)."""


class PanelDomainRating(Model):
    """The panel's holistic rating of a whole domain: the domain's level (schema 1.7)."""

    level: int
    rationale: str
    difference: int
    """The panel's level minus the calculated level: negative when the panel rated lower."""
    line: int | None = None
    """The rating's line in the submission, when known."""


class InterestFlag(Model):
    """A panel member's declared interest found in the evidence cited for a domain."""

    member: str
    role: str
    interest: str
    """The organisation the member declared."""
    domain: str
    """The domain (or governance area) id whose evidence names it."""
    indicator: str
    """The indicator (or sub-indicator) id that cites the evidence."""
    evidence: str
    """The evidence item's title."""
    matched: str
    """The words that matched, as they appear in the evidence's title or ref."""


class DomainResult(Model):
    """One domain: its level, score, coverage, target and what holds it down."""

    id: str
    title: str
    weight: float
    phase: str | None = None
    """The group (phase) of the framework the domain belongs to, if any (schema 1.6)."""
    assessed: bool
    not_assessed_reason: str | None = None
    level: int | None = None
    score: float | None = None
    """Weighted mean of the effective levels of assessed indicators, two decimals."""
    percent: float | None = None
    """(score - lowest) / (highest - lowest) x 100, one decimal."""
    coverage: Coverage
    target: int | None = None
    target_source: TargetSource | None = None
    status: DomainStatus
    limited_by: list[str] = []
    """Indicator ids whose effective level holds the domain at its level."""
    capped_count: int = 0
    next_steps: list[NextStep] = []
    indicators: list[IndicatorResult]
    line: int | None = None
    """The line of the domain in the submission, when scored from a file (schema 1.1)."""
    change: Change | None = None
    """The change since the baseline, when one was given (schema 1.1)."""
    panel_rated: int = 0
    """How many of the domain's indicators the panel rated."""
    calibration_gap: float | None = None
    """Mean claimed level minus mean panel level over the indicators the panel rated, two
    decimals; positive when the organisation rated itself higher. None if the panel rated
    none."""
    weighted_levels: float | None = None
    """The sum of weight × effective level over the assessed indicators (schema 1.4)."""
    total_weight: float | None = None
    """The sum of the assessed indicators' weights: ``score`` is weighted_levels over it."""
    percent_from_unrounded: bool = False
    """True when ``percent``, computed from the unrounded score, is not what the rounded
    ``score`` would give (schema 1.4)."""
    lift: Lift | None = None
    """For a ``mean`` domain below the top of the scale, what would lift it (schema 1.4)."""
    calculated_level: int | None = None
    """The level the method gives from the indicators; ``level`` is the panel's rating
    where it gave one, else this (schema 1.7)."""
    panel_rating: PanelDomainRating | None = None
    """The panel's rating of the whole domain, with its reasons (schema 1.7)."""
    basis: Basis | None = None
    """What the domain's level was graded on (schema 1.7); None when not assessed."""
    evidence_counted: int = 0
    """Evidence items counted over the domain's indicators (schema 1.7)."""
    evidence_checked: int = 0
    """How many of them someone checked (``checked:``)."""
    interests: list[InterestFlag] = []
    """Declared interests of panel members found in the domain's evidence (schema 1.7)."""
    actions: list[str] = []
    """The ids of the plan's actions for the domain or any of its indicators, whatever
    their status (schema 1.5)."""
    not_rated: bool = False
    """The framework version does not rate it (``not_assessed_reason`` says why; schema
    1.8). It has no target and is left out of the coverage counts."""


class GroupResult(Model):
    """A group of domains (a BS 11000 phase), rolled up by the framework's group rule."""

    id: str
    """The group's name as the domains' ``phase`` gives it (``Strategic``)."""
    domains: list[str]
    """The ids of its domains, in framework order."""
    assessed: bool
    level: int | None = None
    score: float | None = None
    """The weighted mean of its assessed domains' scores, two decimals."""
    percent: float | None = None
    coverage: Coverage
    """Its domains assessed out of its domains."""
    limited_by: list[str] = []
    """Domain ids whose level holds the group at its level."""


class KeyDocumentStatus(StrEnum):
    """Whether a key document was cited in the submission."""

    CITED = "cited"
    """An evidence item names it with ``key_document:``."""
    HINTED = "hinted"
    """No item names it, but an evidence title looks like it."""
    MISSING = "missing"


class KeyDocumentResult(Model):
    """One key document of the framework, and where the submission cites it (schema 1.8)."""

    id: str
    title: str
    domain: str
    """The domain the framework lists it under."""
    status: KeyDocumentStatus
    cited_by: list[str] = []
    """Indicator or sub-indicator ids whose evidence names it with ``key_document:``."""
    hints: list[str] = []
    """For a document not cited by id: ``C1.1: <evidence title>`` where a title looks like
    it."""


class ProfileCount(Model):
    """How many domains sit at one level of the scale (schema 1.7)."""

    level: int
    label: str
    count: int


class Overall(Model):
    """The organisation's overall grade: the profile of domain levels, and the mean score.

    The headline is the profile (how many domains at each level) and, when the framework
    keeps bands, the band its rule derives from the domain levels. The weighted mean score
    and percent are secondary figures.
    """

    score: float | None
    percent: float | None
    band: str | None
    """The framework's band whose rule the domain levels meet; None without bands (WCC)."""
    band_meaning: str | None = None
    profile: list[ProfileCount] = []
    """How many domains sit at each level, highest level first (schema 1.7)."""
    not_assessed: int = 0
    """Domains at no level: not assessed or not evidenced (schema 1.7)."""
    coverage: Coverage
    """Domains assessed (wholly or in part) out of the framework's domains."""
    indicator_coverage: Coverage
    capped_count: int
    change: Change | None = None
    """The change of the overall score since the baseline, when one was given (schema 1.1)."""
    weighted_scores: float | None = None
    """The sum of weight × (rounded) score over the scored domains (schema 1.4)."""
    total_weight: float | None = None
    """The sum of the scored domains' weights."""
    score_from_unrounded: bool = False
    """True when ``score``, the weighted mean of the unrounded domain scores, is not
    weighted_scores over total_weight, rounded (schema 1.4)."""
    percent_from_unrounded: bool = False
    """True when ``percent`` is not what the rounded ``score`` would give (schema 1.4)."""


class GateStatus(StrEnum):
    """The gate outcome that decides the exit code."""

    PASSED = "passed"
    FAILED = "failed"
    NONE = "none"
    """No target and no regression check was in force: nothing to gate on."""


class GateFailure(Model):
    """One failed gate and its reason."""

    kind: str
    """``below-target``, ``not-evidenced`` (a domain with a target that was not assessed),
    ``regression`` (a domain's level fell since the baseline), ``governance-red`` (a red
    governance area, with --fail-on-red) or ``overdue-action`` (an action past its due date
    and not done, with --fail-on-overdue; schema 1.5)."""
    domain: str
    """The domain id, or for ``governance-red`` the governance area id; for
    ``overdue-action`` the first domain the action is for."""
    message: str
    sub_indicators: list[str] = []
    """For ``governance-red``: the area's sub-indicators rated red."""
    action: str | None = None
    """For ``overdue-action``: the action's id (schema 1.5)."""


class GateOutcome(Model):
    """Whether the assessment passed its gates, and why not."""

    status: GateStatus
    failures: list[GateFailure] = []
    checks: list[str] = []
    """The gates in force: ``below-target`` (some domain has a target), ``regression``
    (``--fail-on-regression``), ``governance-red`` (``--fail-on-red`` with governance
    rated) and ``overdue-action`` (``--fail-on-overdue``); empty when the status is ``none``
    (schema 1.1)."""
    not_evidenced_allowed_by: str | None = None
    """Who let not-evidenced domains pass: ``--allow-not-evidenced`` or ``framework``;
    None when they fail the gate (schema 1.7)."""


class BaselineInfo(Model):
    """The earlier assessment a result was compared with (schema 1.1)."""

    source: str
    """The baseline file as named on the command line."""
    organisation: str
    organisation_code: str
    period: str
    assessed_on: Date
    framework_id: str
    framework_version: str
    revision: str | None = None
    """``"2009 -> 2010"`` when ids were matched through framework revision maps."""
    new_domains: list[str] = []
    """Domain ids with no counterpart in the baseline."""
    gone_domains: list[str] = []
    """Baseline domain ids with no counterpart in this result."""
    new_indicators: list[str] = []
    gone_indicators: list[str] = []
    basis: Basis | None = None
    """What the baseline was graded on (schema 1.7)."""


class PanelMemberInfo(Model):
    """A member of the assurance panel."""

    name: str
    role: str
    interests: list[str] = []
    """Organisations the member declared an interest in (schema 1.7)."""


class Enquiry(Model):
    """A line of enquiry of the panel (schema 1.7)."""

    domain: str
    question: str
    response: str
    by: str


class SignOff(Model):
    """Who signed the panel's judgement off, and when (schema 1.7)."""

    by: str
    on: Date


class PanelSummary(Model):
    """The panel that confirmed and challenged the self-assessment, and how far it differed."""

    date: Date | None = None
    """The panel day, when the submission records it."""
    members: list[PanelMemberInfo] = []
    indicators_rated: int
    """Indicators the panel rated (gave a panel level)."""
    indicators_changed: int
    """Indicators where the panel's level differs from the organisation's."""
    flagged: list[str] = []
    """Indicator ids where the two differ by two levels or more."""
    calibration_gap: float | None = None
    """Mean claimed minus mean panel level over every indicator the panel rated, two
    decimals; None if the panel rated none."""
    domains_rated: int = 0
    """Domains the panel rated whole (schema 1.7)."""
    domains_changed: int = 0
    """Domains where the panel's rating differs from the calculated level."""
    over_rule: list[str] = []
    """Indicator ids whose panel level stands above what the evidence rules support."""
    enquiries: list[Enquiry] = []
    """The lines of enquiry, in the order the submission gives them."""
    interests: list[InterestFlag] = []
    """Every declared interest found in the evidence cited for a domain."""
    evidence_counted: int = 0
    """Evidence items counted over every assessed indicator."""
    evidence_checked: int = 0
    """How many of them someone checked."""
    evidence_tabled: int = 0
    """How many were counted because they were tabled at the panel (dated after the
    assessment, on or before the panel day)."""
    sign_off: SignOff | None = None
    """Who signed the judgement off; None: the assessment is a draft."""


class GovernanceItemResult(Model):
    """One governance sub-indicator as rated."""

    id: str
    title: str
    assessed: bool
    not_assessed_reason: str | None = None
    self_rating: Rag | None = None
    """The organisation's own rating."""
    panel_rating: Rag | None = None
    """The panel's rating, when moderated."""
    panel_note: str | None = None
    rating: Rag | None = None
    """The rating that counts: the panel's if given, else the organisation's."""
    points: int | None = None
    """The points of ``rating`` (see :attr:`GovernanceResult.points_scale`)."""
    descriptor: str | None = None
    """The framework's description of what ``rating`` looks like for this sub-indicator."""
    narrative: str = ""
    evidence: list[EvidenceResult] = []


class RagCounts(Model):
    """How many ratings of each colour."""

    red: int = 0
    amber: int = 0
    green: int = 0


class GovernanceAreaResult(Model):
    """A governance area: red if any sub-indicator is red, green if all are, else amber."""

    id: str
    title: str
    statement: str
    assessed: bool
    not_assessed_reason: str | None = None
    rating: Rag | None = None
    points: int | None = None
    """The points of the area's rating."""
    coverage: Coverage
    """Sub-indicators rated out of the area's sub-indicators."""
    counts: RagCounts
    red_sub_indicators: list[str] = []
    rule_rating: Rag | None = None
    """The rating the rule gives from the sub-indicators (schema 1.7)."""
    panel_rating: Rag | None = None
    """The panel's rating of the whole area, when it set one: it is ``rating``."""
    panel_rationale: str | None = None
    """The panel's reasons for its rating of the area."""
    sub_indicator_points: int = 0
    """The sum of the rated sub-indicators' points."""
    sub_indicator_points_max: int = 0
    """What that sum would be were every rated sub-indicator green."""
    sub_indicators: list[GovernanceItemResult]
    line: int | None = None
    """The area's line in the submission, when known (for ``--format github``)."""


class GovernanceResult(Model):
    """The governance element of assurance: three areas rated red, amber or green."""

    points_scale: RagPoints
    """Points per rating (HSJ: red 0, amber 1, green 2)."""
    areas: list[GovernanceAreaResult]
    coverage: Coverage
    """Areas rated out of the framework's areas."""
    counts: RagCounts
    """How many areas of each rating."""
    points: int
    """The sum of the rated areas' points."""
    points_max: int
    """What that sum would be were every rated area green."""
    all_green: bool
    """Every area of the framework rated green."""
    all_red: bool
    """Every area of the framework rated red."""


class OutcomeStatus(StrEnum):
    """Whether an outcome measure met its aspiration."""

    ON_TRACK = "on-track"
    """The actual is at least as good as the aspiration, in the better direction."""
    WITHIN_TOLERANCE = "within-tolerance"
    """Worse than the aspiration, but by no more than the measure's tolerance (schema
    1.7)."""
    OFF_TRACK = "off-track"
    NO_ACTUAL = "no-actual"
    """No actual value yet."""
    NO_ASPIRATION = "no-aspiration"
    """An actual, but no aspiration to judge it by: the framework sets no trajectories
    (WCC's first year), so it is shown against its baseline only (schema 1.8)."""


class OutcomeYear(Model):
    """One year of a measure's trajectory, with its actual when there is one."""

    period: str
    aspiration: float | None = None
    """The year's aspiration; None when the framework sets no trajectories (schema 1.8)."""
    actual: float | None = None
    status: OutcomeStatus
    difference: float | None = None
    """actual minus aspiration, exactly as the figures were written."""
    tolerance: float | None = None
    """How far the actual may miss the aspiration and be within tolerance, in the
    measure's unit (schema 1.7); None for no tolerance."""
    data_period: str | None = None
    """What the figure filed under this year covers, e.g. ``2022-2024, pooled`` (schema
    1.7)."""


class OutcomeMeasureResult(Model):
    """An outcome measure's trajectory against its actuals."""

    id: str
    name: str
    unit: str
    better: Better
    source: str = ""
    required: bool
    """Whether the framework requires this measure (WCC: the national ones)."""
    baseline_period: str
    baseline_value: float
    baseline_data_period: str | None = None
    """What the baseline figure covers (schema 1.7)."""
    tolerance: str | None = None
    """The tolerance as the submission or framework gives it, in words: ``0.3 years`` or
    ``2% of the aspiration``; None for none (schema 1.7)."""
    tolerance_source: str | None = None
    """``submission``, ``framework`` (its required measure) or ``framework-default``."""
    years: list[OutcomeYear]
    """Every year of the trajectory, earliest first."""
    status: OutcomeStatus
    """The status of the latest year with an actual; ``no-actual`` if there is none."""
    latest_period: str | None = None
    """The latest year with an actual."""

    @property
    def latest(self) -> OutcomeYear | None:
        """The latest year with an actual (the year of :attr:`latest_period`), if any."""
        return next((year for year in self.years if year.period == self.latest_period), None)


class OutcomesResult(Model):
    """The health outcomes element: how many measures are on track."""

    measures: list[OutcomeMeasureResult]
    on_track: int
    off_track: int
    no_actual: int
    no_aspiration: int = 0
    """Measures with an actual but no aspiration to judge it by (schema 1.8)."""
    within_tolerance: int = 0
    """Measures within tolerance of their aspiration in their latest year (schema 1.7)."""
    required: list[str] = []
    """The framework's required measure ids."""
    recommended_count: int | None = None
    """The framework's recommended number of measures."""


class PeerDomain(Model):
    """One domain's place among the peers: ranked by level, then by score."""

    id: str
    rank: int | None = None
    """1 is the highest level (ties share a rank); None when the domain was not assessed."""
    of: int
    """Organisations ranked on this domain: the assessed peers and this organisation."""
    quartile: int | None = None
    """1 is the top quarter of the ranking, 4 the bottom."""
    median_level: float | None = None
    """The median level of the assessed peers (this organisation left out)."""


class Peers(Model):
    """Where the organisation stands among a cohort's (``wcc assess --peers``)."""

    source: str
    """The cohort report (``wcc cohort --format json``) compared with."""
    organisations: int
    """Peers compared with: the cohort's graded organisations, this one left out."""
    periods: list[str]
    domains: list[PeerDomain]


class Result(Model):
    """The graded assessment of one submission."""

    schema_version: str = RESULT_SCHEMA_VERSION
    tool: str
    """``wcc-assess <version>``."""
    generated_at: str
    """ISO 8601 UTC; from SOURCE_DATE_EPOCH when set, so that output is reproducible."""
    source: str
    """The submission file as named on the command line."""
    framework: FrameworkInfo
    organisation: str
    organisation_code: str
    period: str
    assessed_on: Date
    assessors: list[str]
    domains: list[DomainResult]
    overall: Overall
    gate: GateOutcome
    warnings: list[str] = []
    """Things accepted but worth a look, e.g. evidence dated after the assessment."""
    recent_since: Date | None = None
    """The first day of the recency window: evidence dated from it to ``assessed_on`` is
    recent (schema 1.4)."""
    baseline: BaselineInfo | None = None
    """The earlier assessment this one was compared with (``--baseline``; schema 1.1)."""
    panel: PanelSummary | None = None
    """The panel and its calibration, when a panel met or rated any indicator (schema 1.2)."""
    governance: GovernanceResult | None = None
    """The governance ratings, when the submission has a governance section (schema 1.2)."""
    outcomes: OutcomesResult | None = None
    """The outcome measures, when the submission lists any (schema 1.2)."""
    basis: Basis | None = None
    """What the grading rests on overall: the most the panel did (schema 1.7); None when no
    domain was assessed."""
    draft: bool = True
    """True until a panel signs the judgement off (``panel.sign_off``): every report says
    "Draft" (schema 1.7)."""
    board_approved_on: Date | None = None
    """When the organisation's board approved the self-assessment (schema 1.7)."""
    actions: ActionPlan | None = None
    """The development plan and its judgement: when the submission has an ``actions``
    section, a domain needs one, or the baseline had one (schema 1.5)."""
    paper: Paper | None = None
    """The board paper's front sheet: the submission's ``report:`` block with the command
    line's overrides (schema 1.6)."""
    peers: Peers | None = None
    """Where the organisation stands among a cohort's, per domain (``--peers``; schema
    1.6)."""
    groups: list[GroupResult] = []
    """The framework's groups of domains (phases), when it has any (schema 1.8)."""
    key_documents: list[KeyDocumentResult] = []
    """The framework's key documents, each cited, hinted at or missing (schema 1.8)."""

    def domain(self, domain_id: str) -> DomainResult:
        """Return the domain result with this id."""
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)
