"""The trend model: one organisation's domain levels and scores over several periods.

Built by :func:`wcc_assess.core.trend.build_trend` from results (``wcc trend``) and rendered by
the modules of :mod:`wcc_assess.render.trend`; ``wcc trend --format json`` prints it.
Domains are shown with the ids of the newest period's framework; earlier periods are carried
over through framework revision maps, as for a baseline.
"""

from wcc_assess.models._base import Date, Model
from wcc_assess.models.actions import ActionCounts
from wcc_assess.models.framework import Level
from wcc_assess.models.result import Basis, Change

__all__ = ["TREND_SCHEMA_VERSION", "DomainTrend", "Trend", "TrendPeriod", "TrendPoint"]

TREND_SCHEMA_VERSION = "1.2"
"""1.1 added each period's development plan counts (``actions``); 1.2 the basis of each
period and of each domain's level in it, so that years graded on different bases
(self-assessed, panel-moderated) are not compared unawares, and each period's draft mark."""


class TrendPeriod(Model):
    """One assessment in the trend, with its overall grade."""

    period: str
    source: str
    """The file as named on the command line."""
    assessed_on: Date
    framework_version: str
    overall_score: float | None
    overall_percent: float | None
    band: str | None
    basis: Basis | None = None
    """What the period's grading rests on: self-assessed, or moderated by a panel (schema
    1.1)."""
    draft: bool | None = None
    """Whether that assessment is a draft (not signed off by a panel); None: not known."""
    actions: ActionCounts | None = None
    """The period's development plan: actions raised, done, overdue... (None: no plan
    written; schema 1.1)."""


class TrendPoint(Model):
    """A domain's level and score in one period."""

    period: str
    level: int | float | None
    """None when not assessed; fractional only for a domain merged in a later revision."""
    score: float | None
    compared_with: list[str] = []
    """The ids that period's framework used for this domain (empty: it had none)."""
    note: str | None = None
    """How the ids were matched (renamed, split, merged), or why there is no value."""
    basis: Basis | None = None
    """What the level rests on in that period (schema 1.1)."""


class DomainTrend(Model):
    """One domain over time."""

    id: str
    title: str
    points: list[TrendPoint]
    """One per period, oldest first."""
    change: Change | None = None
    """The latest period against the one before it (None with a single period)."""


class Trend(Model):
    """Several periods of one organisation's assessments against one framework."""

    schema_version: str = TREND_SCHEMA_VERSION
    tool: str
    generated_at: str
    organisation: str
    organisation_code: str
    framework_id: str
    framework_version: str
    """The newest period's framework version, whose ids the trend uses."""
    framework_title: str
    scale: list[Level]
    periods: list[TrendPeriod]
    """Oldest first."""
    domains: list[DomainTrend]
    retired: list[str] = []
    """Domain ids of earlier periods with no counterpart in the newest framework."""
    warnings: list[str] = []
