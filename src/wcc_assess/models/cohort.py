"""The cohort model: many graded organisations summarised for a league table and statistics.

This is the published JSON contract of ``wcc cohort --format json``. It is built once by
:func:`wcc_assess.core.cohort.build_cohort`; renderers only format it. Bump
:data:`COHORT_SCHEMA_VERSION` on any incompatible change.
"""

from collections.abc import Sequence
from enum import StrEnum

from pydantic import field_serializer

from wcc_assess.errors import Diagnostic
from wcc_assess.models._base import Date, Model
from wcc_assess.models.assurance import Rag
from wcc_assess.models.framework import BandRule
from wcc_assess.models.result import Basis, DomainStatus, FrameworkInfo, GateStatus, ProfileCount

__all__ = [
    "COHORT_SCHEMA_VERSION",
    "BandCount",
    "BaselineComparison",
    "CohortResult",
    "DomainDistribution",
    "DomainSummary",
    "GateCounts",
    "GovernanceAreaCount",
    "GovernanceDistribution",
    "Improvement",
    "InvalidSubmission",
    "LeagueEntry",
    "LevelCount",
    "OrganisationRef",
    "OrganisationSummary",
    "OverallDistribution",
    "PlanCounts",
    "RankBy",
]

COHORT_SCHEMA_VERSION = "1.5"
"""1.1 added the governance ratings (``governance`` on organisations and the cohort); 1.2
the development plans (``actions_overdue`` and ``gaps_without_action`` on organisations,
``actions`` on the cohort); 1.3 the framework's ``terms`` (what it calls a domain and an
indicator); 1.4 the ``sheet`` and ``cell`` of a problem found in a workbook (in
``invalid``); 1.5 the profile of domain levels, the basis of each grading, not-evidenced
domains, the governance points and competency total with the league order they give
(``rank_by``, ``governance_rank``, ``score_rank``), and bands with their rules."""


class RankBy(StrEnum):
    """The order of the league table."""

    SCORE = "score"
    """By the mean score, highest first (today's ranking)."""
    GOVERNANCE_FIRST = "governance-first"
    """As the Health Service Journal ranked WCC: governance points first, then the
    competency total (the sum of the domain levels)."""


class DomainSummary(Model):
    """One domain of one organisation, as the scorer graded it."""

    id: str
    level: int | None
    """The domain level; None when the domain was not assessed."""
    score: float | None
    status: DomainStatus


class OrganisationSummary(Model):
    """One graded submission reduced to what a cohort report needs (not the whole result)."""

    source: str
    """The submission file (or baseline file) as named on the command line."""
    organisation: str
    code: str
    period: str
    assessed_on: Date | None = None
    framework: str
    """``id@version`` of the framework it was graded against."""
    score: float | None
    """Overall score; None when no domain was assessed."""
    percent: float | None
    band: str | None
    domains: list[DomainSummary]
    domains_assessed: int
    domains_met: int
    domains_below: int
    capped: int
    """Indicators whose claim the evidence capped."""
    gate: GateStatus
    warnings: list[str] = []
    governance: dict[str, Rag | None] | None = None
    """Governance area id -> its rating (None: not assessed), when the submission rated
    governance (schema 1.1)."""
    profile: list[ProfileCount] = []
    """How many domains at each level, highest first (schema 1.2)."""
    domains_not_evidenced: int = 0
    """Domains with a target that were not assessed: never counted as met (schema 1.2)."""
    basis: Basis | None = None
    """What the grading rests on: self-assessed, or moderated by a panel (schema 1.2)."""
    governance_points: int | None = None
    """The governance areas' points (HSJ: red 0, amber 1, green 2), when rated."""
    competency_total: int | None = None
    """The sum of the domain levels (HSJ's competency total); None when none assessed."""
    draft: bool | None = None
    """Whether the assessment is a draft (not signed off by a panel); None when unknown."""
    actions_overdue: int | None = None
    """Actions of its development plan overdue on its assessment date; None when the
    submission lists no plan (schema 1.2)."""
    gaps_without_action: int = 0
    """Domains below target (or targeted and not evidenced) with no open or in-progress
    action (schema 1.2)."""


class LeagueEntry(OrganisationSummary):
    """A row of the league table: an organisation and its rank (ties share a rank)."""

    rank: int | None
    """The rank in the order of the table (``rank_by``): by mean score, 1 the highest, None
    when there is none; governance first, 1 the most governance points, then the highest
    competency total."""
    score_rank: int | None = None
    """The rank by mean score, whatever the order of the table (schema 1.2)."""
    governance_rank: int | None = None
    """The rank governance first, then competency total (schema 1.2)."""


class InvalidSubmission(Model):
    """A file that could not be graded, with every problem found in it."""

    file: str
    baseline: bool = False
    """True for a file given with ``--baseline``."""
    errors: list[Diagnostic]
    """Every problem found in it, as ``wcc validate`` reports them."""

    @field_serializer("errors")
    def _as_json(self, errors: list[Diagnostic]) -> list[dict[str, object]]:
        return [diagnostic.as_dict() for diagnostic in errors]

    @classmethod
    def of(cls, file: str, diagnostics: Sequence[Diagnostic]) -> "InvalidSubmission":
        """Return a file that could not be graded, with its diagnostics."""
        return cls(file=file, errors=list(diagnostics))

    @classmethod
    def one(cls, diagnostic: Diagnostic) -> "InvalidSubmission":
        """Return the file of ``diagnostic``, which could not be graded for that one reason."""
        return cls.of(diagnostic.file, [diagnostic])


class LevelCount(Model):
    """How many organisations sit at one level of the scale in a domain."""

    level: int
    label: str
    count: int


class DomainDistribution(Model):
    """A domain across the cohort: organisations per level, means and medians."""

    id: str
    title: str
    counts: list[LevelCount]
    """One entry per level of the scale, lowest first (zeros included)."""
    assessed: int
    """Organisations whose domain was assessed."""
    not_assessed: int
    mean_level: float | None
    median_level: float | None
    mean_score: float | None
    median_score: float | None
    met: int
    """Organisations at or above their target in this domain."""
    below: int
    """Organisations below their target in this domain."""
    not_evidenced: int = 0
    """Organisations with a target in this domain that did not assess it (schema 1.2)."""


class BandCount(Model):
    """How many organisations fall in one band."""

    label: str
    min_percent: float | None = None
    """Cohorts before schema 1.2 only: the band's lowest overall percent."""
    count: int
    when: BandRule | None = None
    """The band's rule in domain levels (schema 1.2)."""


class OverallDistribution(Model):
    """The overall scores across the cohort."""

    graded: int
    """Organisations with an overall score."""
    mean_score: float | None
    median_score: float | None
    mean_percent: float | None
    bands: list[BandCount]
    """One entry per band of the framework, lowest first."""


class GateCounts(Model):
    """How many organisations passed, failed or had no gate (no target in force)."""

    passed: int
    failed: int
    none: int


class Improvement(Model):
    """One organisation's change in overall score since the baseline (matched by code)."""

    rank: int | None
    """1 is the largest rise; ties share a rank; None when either score is missing."""
    organisation: str
    code: str
    period: str
    baseline_period: str
    score: float | None
    baseline_score: float | None
    change: float | None
    """score - baseline_score, two decimals."""
    band: str | None
    baseline_band: str | None
    domains_up: int
    """Domains whose level rose."""
    domains_down: int
    """Domains whose level fell."""
    basis: Basis | None = None
    """What this year's grading rests on (schema 1.2)."""
    baseline_basis: Basis | None = None
    """What the baseline's grading rested on: when it differs, the change is partly a
    change of basis."""


class OrganisationRef(Model):
    """An organisation named by name, code and period (for unmatched lists)."""

    organisation: str
    code: str
    period: str
    source: str


class BaselineComparison(Model):
    """The cohort against last year's: an improvement ranking matched by organisation code."""

    periods: list[str]
    """The baseline's periods."""
    matched: int
    ranking: list[Improvement]
    """Largest rise first; then by organisation name."""
    new: list[OrganisationRef] = []
    """In the cohort but not in the baseline."""
    missing: list[OrganisationRef] = []
    """In the baseline but not in the cohort."""


class GovernanceAreaCount(Model):
    """How the organisations that rated governance stand in one governance area."""

    id: str
    title: str
    green: int
    amber: int
    red: int
    not_assessed: int


class GovernanceDistribution(Model):
    """Governance across the cohort (HSJ counted those green, and red, on all three areas)."""

    organisations: int
    """Graded organisations whose submission rated governance."""
    without: int
    """Graded organisations whose submission did not."""
    areas: list[GovernanceAreaCount]
    """One entry per governance area of the framework, in its order."""
    all_green: int
    """Organisations rated green in every area."""
    all_red: int
    """Organisations rated red in every area."""


class PlanCounts(Model):
    """The development plans across the cohort (schema 1.2)."""

    organisations: int
    """Graded organisations whose submission lists a plan."""
    without: int
    """Graded organisations whose submission lists none."""
    overdue: int
    """Overdue actions, in all."""
    with_overdue: int
    """Organisations with at least one overdue action."""
    with_unplanned_gaps: int
    """Organisations with a gap that no open or in-progress action covers."""


class CohortResult(Model):
    """Every organisation of a cohort graded against one framework, and the statistics."""

    schema_version: str = COHORT_SCHEMA_VERSION
    kind: str = "cohort"
    """Always ``cohort``: tells this document from a single assessment's result."""
    tool: str
    generated_at: str
    framework: FrameworkInfo
    periods: list[str]
    """The periods the cohort's organisations were assessed for (normally one)."""
    target: int | None = None
    """The ``--target`` in force for every domain, if any."""
    rank_by: RankBy = RankBy.SCORE
    """The order of the league table (schema 1.2)."""
    files: int
    """Submission files considered (graded, invalid and duplicate)."""
    graded: int
    league: list[LeagueEntry]
    """Highest overall score first, then by organisation name; unscored last."""
    overall: OverallDistribution
    domains: list[DomainDistribution]
    weakest_domains: list[str]
    """The domain id(s) with the lowest mean score (all of them when tied)."""
    strongest_domains: list[str]
    """The domain id(s) with the highest mean score (all of them when tied)."""
    gates: GateCounts
    governance: GovernanceDistribution | None = None
    """The governance ratings across the cohort, when any organisation rated governance
    (schema 1.1)."""
    actions: PlanCounts | None = None
    """The development plans across the cohort, when any organisation lists one (schema
    1.2)."""
    invalid: list[InvalidSubmission] = []
    baseline: BaselineComparison | None = None
    warnings: list[str] = []
    """Cohort-level notes, e.g. a cohort spanning several periods."""

    @property
    def has_invalid(self) -> bool:
        """Whether any file (of the cohort or its baseline) could not be graded."""
        return bool(self.invalid)

    @property
    def gate_failed(self) -> bool:
        """Whether any organisation failed a gate (a domain below its target)."""
        return self.gates.failed > 0
