"""The framework model: scale, domains, indicators with level descriptors, scoring rules.

A framework is data (``frameworks/<id>.yaml``). The model checks its shape as strictly as a
submission's (unknown keys, wrong types, missing fields are errors); the consistency rules
that need the whole file (duplicate ids, missing level descriptors, ...) are the lint of
:mod:`wcc_assess.core.lint`.
"""

from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, Field, StrictInt, model_validator

from wcc_assess.models._base import Model
from wcc_assess.models.assurance import Better, DataPeriod, EvidenceKind, Rag, Tolerance

__all__ = [
    "Terms",
    "Band",
    "BandRule",
    "ClaimWarning",
    "Crosswalk",
    "CrosswalkRow",
    "Domain",
    "DomainMethod",
    "EvidenceRule",
    "EvidenceSettings",
    "Framework",
    "GovernanceArea",
    "GovernanceItem",
    "GovernanceRules",
    "GroupRules",
    "Indicator",
    "KeyDocument",
    "Level",
    "NotRated",
    "OutcomeRules",
    "Periods",
    "RagDescriptors",
    "RagPoints",
    "RequiredMeasure",
    "Replaces",
    "Scoring",
    "Share",
]

Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Level(Model):
    """One step of the rating scale."""

    level: StrictInt
    label: Text
    meaning: Text


class EvidenceRule(Model):
    """What evidence a claim of ``level`` or above needs."""

    level: StrictInt
    """The rule applies to claims at this level and above."""
    min_items: Annotated[StrictInt, Field(ge=0)] = 0
    """Distinct evidence items (by ref) dated on or before the assessment date."""
    min_recent: Annotated[StrictInt, Field(ge=0)] = 0
    """How many of them must be dated within ``recent_months`` before the assessment date."""
    recent_months: Annotated[StrictInt, Field(ge=1, le=600)] | None = None
    """This rule's recent window in months, when it differs from the framework's (a claim
    about current practice may want fresher evidence than one about sustained results)."""
    kinds: list[EvidenceKind] = []
    """Kinds of evidence the counted items must include, one item for each entry (a kind
    listed twice needs two items of that kind): ``[decision, result]``."""

    @model_validator(mode="after")
    def _recent_within_items(self) -> Self:
        if self.min_recent > self.min_items:
            raise ValueError("min_recent cannot exceed min_items")
        if len(self.kinds) > self.min_items:
            raise ValueError(
                f"the rule asks for {len(self.kinds)} kinds of evidence but only "
                f"{self.min_items} items; set min_items to at least {len(self.kinds)}"
            )
        return self


class EvidenceSettings(Model):
    """The evidence rules of a framework."""

    recent_months: Annotated[StrictInt, Field(ge=1, le=600)] = 24
    rules: list[EvidenceRule] = []
    note: str = ""
    """Why the rules fit the framework's field, in its own words."""


class DomainMethod(StrEnum):
    """How a domain's level is derived from its indicators' effective levels."""

    ALL_MET = "all-met"
    """The highest level every assessed indicator reaches (the minimum)."""
    MEAN = "mean"
    """The floor of the weighted mean of the indicators' effective levels."""


class Share(StrEnum):
    """How many of a framework's domains a band's rule speaks of."""

    ALL = "all"
    """Every domain of the framework."""
    MOST = "most"
    """More than half of them."""
    HALF = "half"
    """At least half of them."""


class BandRule(Model):
    """When a band applies, in domain levels: ``share`` of the domains at ``level`` or above.

    Counted over every domain of the framework: a domain not assessed reaches no level, so
    a band never says more than was assessed. ``none_below`` adds that no domain (and so
    every domain is assessed) is below that level.
    """

    level: StrictInt
    share: Share = Share.ALL
    none_below: StrictInt | None = None


class Band(Model):
    """An overall band, derived from the domain levels by the rule it states (``when``).

    The first band has no rule: it is what an organisation is when no higher band's rule
    holds. ``min_percent`` is the old way, a band of the overall percent; a framework may
    no longer use it (lint says how to write the rule), but results written before
    schema 1.5 carry it and are still read.
    """

    label: Text
    meaning: str = ""
    when: BandRule | None = None
    """The rule in domain levels; None for the first band only."""
    min_percent: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] | None = None
    """Results before schema 1.5 only: the band's lowest overall percent."""


class NotRated(Model):
    """A domain or indicator that this framework version does not rate, and why.

    WCC's first year (2008/09) did not rate competency 11: the scorer leaves it out of
    every figure with this reason, whatever a submission says of it.
    """

    id: Id
    reason: Text


class ClaimWarning(Model):
    """A level a submission may claim, but which the framework's history makes doubtful.

    No primary care trust reached level 4 on any competency in WCC's first year, so a
    claim of level 4 against ``wcc@2008`` is accepted with this note as a warning.
    """

    level: StrictInt
    note: Text


class Scoring(Model):
    """The scoring settings: domain method, evidence rules, bands and default target."""

    method: DomainMethod = DomainMethod.ALL_MET
    evidence: EvidenceSettings = Field(default_factory=EvidenceSettings)
    bands: list[Band] = []
    """Overall bands derived from domain levels; none (WCC) when the headline is the
    profile of domain levels and the scorecard, with no composite rating."""
    default_target: StrictInt | None = None
    not_rated: list[NotRated] = []
    """Domains or indicators this version leaves unrated, each with its reason."""
    claim_warnings: list[ClaimWarning] = []
    """Levels whose claims are accepted with a warning."""

    allow_not_evidenced: bool = False
    """Whether a domain with a target that was not assessed ("not evidenced") passes the
    gate; by default it fails it, like a domain below its target."""


class Replaces(Model):
    """The older version of the framework this one revises, and how its ids carry over.

    ``map`` takes an old domain or indicator id to its new id, or to a list of new ids when
    it was split; several old ids naming the same new id were merged into it, and an empty
    list retires an old id. An old id that the map does not name keeps its id, so only the
    ids that changed need listing.
    """

    version: Text
    """The framework version this one replaces, e.g. ``"2009"``."""
    map: dict[Id, Id | list[Id]] = {}
    """Old id -> new id (renamed), or a list of new ids (split; ``[]`` retires the id)."""

    def targets(self, old_id: str) -> list[str]:
        """Return the new ids that ``old_id`` became (itself when the map does not name it)."""
        mapped = self.map.get(old_id, old_id)
        return [mapped] if isinstance(mapped, str) else list(mapped)


class KeyDocument(Model):
    """A document assurance expected to see for a domain (a five-year strategic plan, say).

    A submission cites it by giving an evidence item ``key_document: <id>``; a report lists
    each key document as cited or missing.
    """

    id: Id
    title: Text
    also_known_as: list[Text] = []
    """Other titles it goes by; an evidence title containing the title or one of these
    hints at the document when no item cites it by id."""
    note: str = ""
    """Where the name comes from, or what counts as the document."""


class Indicator(Model):
    """One assessable criterion of a domain, with a descriptor for every level."""

    id: Id
    title: Text
    weight: Weight = 1.0
    descriptors: dict[StrictInt, Text]
    evidence_examples: list[Text] = []


class Domain(Model):
    """A competency (or other domain) made of indicators."""

    id: Id
    title: Text
    statement: Text
    phase: Text | None = None
    """An optional grouping of domains, e.g. the phase of a lifecycle a stage belongs to."""
    weight: Weight = 1.0
    indicators: Annotated[list[Indicator], Field(min_length=1)]
    key_documents: list[KeyDocument] = []
    """The documents assurance expected to see for this domain."""


class RagDescriptors(Model):
    """What a governance sub-indicator looks like when rated green, amber and red."""

    green: Text
    amber: Text
    red: Text

    def of(self, rating: Rag) -> str:
        """Return the descriptor of ``rating``."""
        return {Rag.GREEN: self.green, Rag.AMBER: self.amber, Rag.RED: self.red}[rating]


class GovernanceItem(Model):
    """One governance sub-indicator, rated red, amber or green."""

    id: Id
    title: Text
    descriptors: RagDescriptors


class GovernanceArea(Model):
    """A governance area (WCC: strategy, finance, board) made of sub-indicators."""

    id: Id
    title: Text
    statement: Text
    sub_indicators: Annotated[list[GovernanceItem], Field(min_length=1)]


class RagPoints(Model):
    """Points for each rating (HSJ's league table scored red 0, amber 1, green 2)."""

    red: Annotated[StrictInt, Field(ge=0)] = 0
    amber: Annotated[StrictInt, Field(ge=0)] = 1
    green: Annotated[StrictInt, Field(ge=0)] = 2

    def of(self, rating: Rag) -> int:
        """Return the points of ``rating``."""
        return {Rag.GREEN: self.green, Rag.AMBER: self.amber, Rag.RED: self.red}[rating]


class GovernanceRules(Model):
    """The governance element of assurance: areas of red / amber / green sub-indicators.

    An area is red if any assessed sub-indicator is red, green if all are green, amber
    otherwise.
    """

    points: RagPoints = Field(default_factory=RagPoints)
    areas: Annotated[list[GovernanceArea], Field(min_length=1)]


class RequiredMeasure(Model):
    """An outcome measure every submission that reports outcomes must include."""

    id: Id
    name: Text
    better: Better | None = None
    """When set, a submission's measure with this id must improve in this direction."""
    note: str = ""
    tolerance: Tolerance | None = None
    """The tolerance of this measure when a submission gives none (schema 1.5)."""
    data_period: DataPeriod | None = None
    """What this measure's figures cover when a submission does not say."""


class OutcomeRules(Model):
    """What the framework expects of a submission's outcome measures."""

    required: list[RequiredMeasure] = []
    """Measures (by id) that must be present whenever a submission lists outcomes."""
    recommended_count: Annotated[StrictInt, Field(ge=1)] | None = None
    """Fewer measures than this is accepted with a warning."""
    default_tolerance: Tolerance | None = None
    """The tolerance of a measure that neither the submission nor ``required`` gives one."""
    trajectories: bool = True
    """Whether each measure must set a year-by-year trajectory ("aspiration"); WCC asked
    for them from its second year. Without, a measure's actuals are shown against its
    baseline only."""


def _period(value: str) -> str:
    start, _, end = value.partition("/")
    if (int(start) + 1) % 100 != int(end):
        raise ValueError(f"{value!r} is not a financial year such as 2009/10")
    return value


Period = Annotated[str, Field(pattern=r"^\d{4}/\d{2}$"), AfterValidator(_period)]
"""A financial year such as ``2008/09``."""


class Periods(Model):
    """The financial years a framework version was used for.

    From ``first`` to ``last``, or on from ``first`` when ``last`` is not given;
    ``wcc init --period`` picks the version whose years hold the period.
    """

    first: Period
    last: Period | None = None
    note: str = ""

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.last is not None and self.last < self.first:
            raise ValueError(f"last ({self.last}) comes before first ({self.first})")
        return self

    def covers(self, period: str) -> bool:
        """Tell whether ``period`` (``2008/09``) falls in these years."""
        return self.first <= period and (self.last is None or period <= self.last)


class GroupRules(Model):
    """How domains sharing a ``phase`` roll up into groups reported beside the domains.

    BS 11000's eight stages roll up into three phases. A group's level is derived from its
    assessed domains' levels by ``method`` (``all-met``: the lowest of them; ``mean``: the
    weighted mean of their scores rounded down); its score is the weighted mean of their
    scores.
    """

    term: Text = "phase"
    """What a group is called in reports (singular, lower case)."""
    method: DomainMethod = DomainMethod.ALL_MET
    note: Text
    """Why a group's level is derived the way it is, in the framework's words."""


class CrosswalkRow(Model):
    """Where one domain's (or governance area's, or the outcomes') concern is judged today."""

    id: Id
    """A domain id, a governance area id, or ``outcomes``."""
    today: Text
    """What the concern looks like in today's regime."""
    judged_by: Text
    """Where it is judged today (which assessment, report or regime)."""
    notes: str = ""
    """What to bear in mind when reusing the domain today."""


class Crosswalk(Model):
    """A mapping from the framework's domains to a later regime, for those who reuse it."""

    title: Text
    introduction: Text
    sources: list[Text] = []
    """The parts of today's regime the rows refer to."""
    rows: Annotated[list[CrosswalkRow], Field(min_length=1)]


class Terms(Model):
    """What the framework calls its parts, so that reports use its own words.

    WCC calls its domains "competencies"; BS 11000 calls them "stages". Each is written in
    the singular and the plural, in lower case; reports capitalise them where a sentence or
    a heading starts.
    """

    domain: Text = "domain"
    domains: Text = "domains"
    indicator: Text = "indicator"
    indicators: Text = "indicators"


class Framework(Model):
    """A competency framework, validated for internal consistency."""

    schema_version: StrictInt
    id: Id
    version: Text
    title: Text
    publisher: Text
    source: Text
    scale: Annotated[list[Level], Field(min_length=2)]
    scoring: Scoring
    domains: Annotated[list[Domain], Field(min_length=1)]
    governance: GovernanceRules | None = None
    """The governance areas rated red / amber / green, when the framework has them."""
    outcomes: OutcomeRules | None = None
    """Rules for the outcome measures a submission lists, when the framework has them."""
    replaces: Replaces | None = None
    """The older version this framework revises, with its id map (see :class:`Replaces`)."""
    summary: Text | None = None
    """One line on what the framework is, printed under the title of every report."""
    extends: Text | None = None
    """The framework this one was written as changes to: a built-in ``id@version``, or a
    file relative to this one (resolved when the file is read; see
    :mod:`wcc_assess.io.inherit`)."""
    periods: Periods | None = None
    """The financial years this version was used for."""
    groups: GroupRules | None = None
    """How domains sharing a ``phase`` roll up into groups in every report."""
    crosswalk: Crosswalk | None = None
    """Where each domain's concern is judged in a later regime."""
    terms: Terms = Terms()
    """What the framework calls a domain and an indicator, for reports."""

    @property
    def levels(self) -> list[int]:
        """The scale's level numbers, lowest first."""
        return [step.level for step in self.scale]

    @property
    def lowest(self) -> int:
        """The lowest level of the scale."""
        return self.scale[0].level

    @property
    def highest(self) -> int:
        """The highest level of the scale."""
        return self.scale[-1].level

    @property
    def ref(self) -> str:
        """``id@version``, as a submission pins it."""
        return f"{self.id}@{self.version}"

    def label(self, level: int) -> str:
        """Return the scale label of ``level``."""
        for step in self.scale:
            if step.level == level:
                return step.label
        raise KeyError(level)

    def domain(self, domain_id: str) -> Domain:
        """Return the domain with this id."""
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    def governance_area(self, area_id: str) -> GovernanceArea:
        """Return the governance area with this id."""
        for area in self.governance.areas if self.governance else []:
            if area.id == area_id:
                return area
        raise KeyError(area_id)
