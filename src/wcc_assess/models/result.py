"""The result model: everything every report needs, computed once by the scorer.

This is the published JSON contract (``wcc assess --format json``). Renderers only format
it; none recomputes a score. Bump :data:`RESULT_SCHEMA_VERSION` on any change: the major
number when a field is removed, renamed or changes meaning, the minor number when optional
fields are added (1.1 added the baseline comparison and source lines).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from wcc_assess.models.framework import Band, DomainMethod, EvidenceRule, Level, Replaces

__all__ = [
    "RESULT_SCHEMA_VERSION",
    "BaselineInfo",
    "Cap",
    "Change",
    "ChangeDirection",
    "Coverage",
    "DomainResult",
    "DomainStatus",
    "EvidenceResult",
    "FrameworkInfo",
    "GateFailure",
    "GateOutcome",
    "GateStatus",
    "IndicatorResult",
    "NextStep",
    "Overall",
    "Result",
    "TargetSource",
]

RESULT_SCHEMA_VERSION = "1.1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FrameworkInfo(_Model):
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


class EvidenceResult(_Model):
    """One evidence item as the scorer saw it."""

    title: str
    ref: str
    date: date
    counted: bool
    """Whether it counted towards the evidence rules."""
    recent: bool
    """Whether it is dated within the framework's recent window before the assessment."""
    note: str | None = None
    """Why it was not counted (a duplicate ref, or dated after the assessment)."""


class Cap(_Model):
    """Why an indicator's effective level is below its assessed level."""

    rule_level: int
    """The level of the evidence rule that was not met."""
    min_items: int
    min_recent: int
    counted: int
    recent: int
    message: str


class ChangeDirection(StrEnum):
    """Which way something moved since the baseline."""

    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DECLINED = "declined"
    NEW = "new"
    """No counterpart in the baseline (a new id after a framework revision)."""
    NOT_COMPARABLE = "not-comparable"
    """Not assessed in one of the two years."""


class Change(_Model):
    """How a domain, an indicator or the overall grade moved since the baseline (schema 1.1).

    The direction follows the level (for the overall grade, which has no level, the score);
    the score delta is shown beside it. A merged id is compared with the weighted mean of
    its sources, so its previous level may be fractional.
    """

    direction: ChangeDirection
    compared_with: list[str] = Field(default_factory=list)
    """The baseline ids this was compared with: the same id, or its sources after a revision."""
    previous_level: int | float | None = None
    previous_score: float | None = None
    level_delta: int | float | None = None
    score_delta: float | None = None
    note: str | None = None
    """How the ids were matched (renamed, split, merged) or why there is nothing to compare."""


class IndicatorResult(_Model):
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
    evidence: list[EvidenceResult] = Field(default_factory=list)
    capped: bool = False
    cap: Cap | None = None
    narrative: str = ""
    line: int | None = None
    """The line of the indicator in the submission, when scored from a file (schema 1.1)."""
    change: Change | None = None
    """The change since the baseline, when one was given (schema 1.1)."""


class Coverage(_Model):
    """How much of something was assessed."""

    assessed: int
    total: int


class DomainStatus(StrEnum):
    """Where a domain stands against its target."""

    MET = "met"
    BELOW = "below"
    NO_TARGET = "no-target"
    NOT_ASSESSED = "not-assessed"


class TargetSource(StrEnum):
    """Where a domain's target came from, in order of precedence."""

    COMMAND_LINE = "command-line"
    SUBMISSION_DOMAIN = "submission-domain"
    SUBMISSION_DEFAULT = "submission-default"
    FRAMEWORK_DEFAULT = "framework-default"


class NextStep(_Model):
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


class DomainResult(_Model):
    """One domain: its level, score, coverage, target and what holds it down."""

    id: str
    title: str
    weight: float
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
    limited_by: list[str] = Field(default_factory=list)
    """Indicator ids whose effective level holds the domain at its level."""
    capped_count: int = 0
    next_steps: list[NextStep] = Field(default_factory=list)
    indicators: list[IndicatorResult]
    line: int | None = None
    """The line of the domain in the submission, when scored from a file (schema 1.1)."""
    change: Change | None = None
    """The change since the baseline, when one was given (schema 1.1)."""


class Overall(_Model):
    """The organisation's overall grade."""

    score: float | None
    percent: float | None
    band: str | None
    band_meaning: str | None = None
    coverage: Coverage
    """Domains assessed (wholly or in part) out of the framework's domains."""
    indicator_coverage: Coverage
    capped_count: int
    change: Change | None = None
    """The change of the overall score since the baseline, when one was given (schema 1.1)."""


class GateStatus(StrEnum):
    """The gate outcome that decides the exit code."""

    PASSED = "passed"
    FAILED = "failed"
    NONE = "none"
    """No target and no regression check was in force: nothing to gate on."""


class GateFailure(_Model):
    """One failed gate and its reason."""

    kind: str
    """``below-target``, or ``regression`` (a domain's level fell since the baseline)."""
    domain: str
    message: str


class GateOutcome(_Model):
    """Whether the assessment passed its gates, and why not."""

    status: GateStatus
    failures: list[GateFailure] = Field(default_factory=list)
    checks: list[str] = Field(default_factory=list)
    """The gates in force: ``below-target`` (some domain has a target) and ``regression``
    (``--fail-on-regression``); empty when the status is ``none`` (schema 1.1)."""


class BaselineInfo(_Model):
    """The earlier assessment a result was compared with (schema 1.1)."""

    source: str
    """The baseline file as named on the command line."""
    organisation: str
    organisation_code: str
    period: str
    assessed_on: date
    framework_id: str
    framework_version: str
    revision: str | None = None
    """``"2009 -> 2010"`` when ids were matched through framework revision maps."""
    new_domains: list[str] = Field(default_factory=list)
    """Domain ids with no counterpart in the baseline."""
    gone_domains: list[str] = Field(default_factory=list)
    """Baseline domain ids with no counterpart in this result."""
    new_indicators: list[str] = Field(default_factory=list)
    gone_indicators: list[str] = Field(default_factory=list)


class Result(_Model):
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
    assessed_on: date
    assessors: list[str]
    domains: list[DomainResult]
    overall: Overall
    gate: GateOutcome
    warnings: list[str] = Field(default_factory=list)
    """Things accepted but worth a look, e.g. evidence dated after the assessment."""
    baseline: BaselineInfo | None = None
    """The earlier assessment this one was compared with (``--baseline``; schema 1.1)."""

    def domain(self, domain_id: str) -> DomainResult:
        """Return the domain result with this id."""
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)
