"""The framework model: scale, domains, indicators with level descriptors, scoring rules.

A framework is data (``frameworks/<id>.yaml``). It is validated as strictly as a
submission: unknown keys, duplicate ids and missing level descriptors are errors.
"""

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, StrictInt, field_validator, model_validator

from wcc_assess.models._base import Model
from wcc_assess.models.assurance import Better, Rag
from wcc_assess.models.submission import suggest

__all__ = [
    "Band",
    "Domain",
    "DomainMethod",
    "EvidenceRule",
    "EvidenceSettings",
    "Framework",
    "GovernanceArea",
    "GovernanceItem",
    "GovernanceRules",
    "Indicator",
    "Level",
    "OutcomeRules",
    "RagDescriptors",
    "RagPoints",
    "RequiredMeasure",
    "Replaces",
    "Scoring",
]

Problem = tuple[tuple[str | int, ...], str, str | None]

Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]


_RESERVED_IDS = frozenset({"default", "not_assessed"})
"""Keys with a meaning of their own in a submission's ``targets`` and ``domains``."""


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

    @model_validator(mode="after")
    def _recent_within_items(self) -> Self:
        if self.min_recent > self.min_items:
            raise ValueError("min_recent cannot exceed min_items")
        return self


class EvidenceSettings(Model):
    """The evidence rules of a framework."""

    recent_months: Annotated[StrictInt, Field(ge=1, le=600)] = 24
    rules: list[EvidenceRule] = []


class DomainMethod(StrEnum):
    """How a domain's level is derived from its indicators' effective levels."""

    ALL_MET = "all-met"
    """The highest level every assessed indicator reaches (the minimum)."""
    MEAN = "mean"
    """The floor of the weighted mean of the indicators' effective levels."""


class Band(Model):
    """A rating band of the overall percent."""

    min_percent: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    label: Text
    meaning: str = ""


class Scoring(Model):
    """The scoring settings: domain method, evidence rules, bands and default target."""

    method: DomainMethod = DomainMethod.ALL_MET
    evidence: EvidenceSettings = Field(default_factory=EvidenceSettings)
    bands: Annotated[list[Band], Field(min_length=1)]
    default_target: StrictInt | None = None

    @field_validator("bands")
    @classmethod
    def _bands_ordered(cls, bands: list[Band]) -> list[Band]:
        lows = [band.min_percent for band in bands]
        if lows[0] != 0:
            raise ValueError("the first band must start at min_percent 0")
        if any(b <= a for a, b in zip(lows, lows[1:], strict=False)):
            raise ValueError("bands must be in strictly increasing order of min_percent")
        return bands


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


class OutcomeRules(Model):
    """What the framework expects of a submission's outcome measures."""

    required: list[RequiredMeasure] = []
    """Measures (by id) that must be present whenever a submission lists outcomes."""
    recommended_count: Annotated[StrictInt, Field(ge=1)] | None = None
    """Fewer measures than this is accepted with a warning."""


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

    def problems(self) -> list[tuple[tuple[str | int, ...], str, str | None]]:
        """Return the framework's internal inconsistencies as ``(path, message, hint)``.

        The loader turns each into a located diagnostic; an empty list means the framework
        is fit to score with.
        """
        found: list[tuple[tuple[str | int, ...], str, str | None]] = []
        levels = self.levels
        span = f"{levels[0]}..{levels[-1]}"
        if levels != list(range(levels[0], levels[0] + len(levels))):
            found.append(
                (("scale",), f"levels must be consecutive integers in order, got {levels}", None)
            )
        labels: dict[str, int] = {}
        for s_index, step in enumerate(self.scale):
            if step.label.casefold() in labels:
                found.append(
                    (
                        ("scale", s_index, "label"),
                        f"duplicate label {step.label!r}",
                        f"level {labels[step.label.casefold()]} already uses it",
                    )
                )
            labels.setdefault(step.label.casefold(), step.level)
        seen: dict[str, str] = {}
        for d_index, domain in enumerate(self.domains):
            where: tuple[str | int, ...] = ("domains", d_index)
            if domain.id in seen:
                found.append(
                    (
                        (*where, "id"),
                        f"duplicate id {domain.id!r}",
                        f"first used at {seen[domain.id]}",
                    )
                )
            seen.setdefault(domain.id, f"domains.{d_index}")
            if domain.id in _RESERVED_IDS:
                found.append(
                    (
                        (*where, "id"),
                        f"{domain.id!r} cannot be an id: submissions use it as a keyword",
                        "choose another id",
                    )
                )
            for i_index, indicator in enumerate(domain.indicators):
                at: tuple[str | int, ...] = (*where, "indicators", i_index)
                if indicator.id in seen:
                    found.append(
                        (
                            (*at, "id"),
                            f"duplicate id {indicator.id!r}",
                            f"first used at {seen[indicator.id]}",
                        )
                    )
                seen.setdefault(indicator.id, f"domains.{d_index}.indicators.{i_index}")
                if indicator.id in _RESERVED_IDS:
                    found.append(
                        (
                            (*at, "id"),
                            f"{indicator.id!r} cannot be an id: submissions use it as a keyword",
                            "choose another id",
                        )
                    )
                missing = [lvl for lvl in levels if lvl not in indicator.descriptors]
                extra = sorted(set(indicator.descriptors) - set(levels))
                if missing:
                    found.append(
                        (
                            (*at, "descriptors"),
                            f"{indicator.id} has no descriptor for level "
                            f"{', '.join(map(str, missing))}",
                            f"every level of the scale {span} needs one",
                        )
                    )
                if extra:
                    found.append(
                        (
                            (*at, "descriptors"),
                            f"{indicator.id} describes level {', '.join(map(str, extra))}, "
                            f"which is not on the scale",
                            f"the scale is {span}",
                        )
                    )
        rules = self.scoring.evidence.rules
        for r_index, rule in enumerate(rules):
            if rule.level not in levels:
                found.append(
                    (
                        ("scoring", "evidence", "rules", r_index, "level"),
                        f"{rule.level} is not on the scale",
                        f"the scale is {span}",
                    )
                )
            elif rule.level == levels[0]:
                found.append(
                    (
                        ("scoring", "evidence", "rules", r_index, "level"),
                        f"a rule for the lowest level ({rule.level}) has no effect: no claim "
                        "can be capped below the bottom of the scale",
                        f"start the rules at level {levels[0] + 1}",
                    )
                )
            if r_index and rule.level <= rules[r_index - 1].level:
                found.append(
                    (
                        ("scoring", "evidence", "rules", r_index, "level"),
                        "evidence rules must be in increasing order of level",
                        None,
                    )
                )
            if r_index and rule.min_items < rules[r_index - 1].min_items:
                found.append(
                    (
                        ("scoring", "evidence", "rules", r_index, "min_items"),
                        "a higher level cannot need fewer evidence items than a lower one",
                        None,
                    )
                )
            if r_index and rule.min_recent < rules[r_index - 1].min_recent:
                found.append(
                    (
                        ("scoring", "evidence", "rules", r_index, "min_recent"),
                        "a higher level cannot need fewer recent evidence items than a lower one",
                        None,
                    )
                )
        band_labels: dict[str, int] = {}
        for b_index, band in enumerate(self.scoring.bands):
            key = band.label.casefold()
            if key in band_labels:
                found.append(
                    (
                        ("scoring", "bands", b_index, "label"),
                        f"duplicate band label {band.label!r}",
                        f"scoring.bands.{band_labels[key]} already uses it",
                    )
                )
            band_labels.setdefault(key, b_index)
        target = self.scoring.default_target
        if target is not None and target not in levels:
            found.append(
                (
                    ("scoring", "default_target"),
                    f"{target} is not on the scale",
                    f"the scale is {span}",
                )
            )
        found.extend(self._governance_problems())
        found.extend(self._outcome_problems())
        found.extend(self._replaces_problems())
        return found

    def _replaces_problems(self) -> list[tuple[tuple[str | int, ...], str, str | None]]:
        """Check the revision map: every new id exists, and one old id keeps to one kind."""
        if self.replaces is None:
            return []
        found: list[tuple[tuple[str | int, ...], str, str | None]] = []
        if self.replaces.version == self.version:
            found.append(
                (
                    ("replaces", "version"),
                    f"a framework cannot replace its own version {self.version!r}",
                    "name the older version it revises",
                )
            )
        domain_ids = [domain.id for domain in self.domains]
        indicator_ids = [ind.id for domain in self.domains for ind in domain.indicators]
        for old_id in self.replaces.map:
            targets = self.replaces.targets(old_id)
            where: tuple[str | int, ...] = ("replaces", "map", old_id)
            unknown = [t for t in targets if t not in domain_ids and t not in indicator_ids]
            for new_id in unknown:
                found.append(
                    (
                        where,
                        f"{old_id} maps to {new_id!r}, which is not a domain or "
                        f"indicator of {self.ref}",
                        suggest(new_id, domain_ids + indicator_ids),
                    )
                )
            if len(set(targets)) != len(targets):
                found.append((where, f"{old_id} names the same new id more than once", None))
            known = [t for t in targets if t not in unknown]
            if any(t in domain_ids for t in known) and any(t in indicator_ids for t in known):
                found.append(
                    (
                        where,
                        f"{old_id} maps to both domains and indicators",
                        "a domain maps to domains, an indicator to indicators",
                    )
                )
        return found

    def _governance_problems(self) -> list[Problem]:
        """Check governance ids are unique (also against competency ids) and points ordered."""
        if self.governance is None:
            return []
        found: list[Problem] = []
        places: list[tuple[tuple[str | int, ...], str]] = []
        for d_index, domain in enumerate(self.domains):
            places.append((("domains", d_index, "id"), domain.id))
            places += [
                (("domains", d_index, "indicators", i_index, "id"), indicator.id)
                for i_index, indicator in enumerate(domain.indicators)
            ]
        competency_places = len(places)
        for a_index, area in enumerate(self.governance.areas):
            where: tuple[str | int, ...] = ("governance", "areas", a_index)
            places.append(((*where, "id"), area.id))
            places += [
                ((*where, "sub_indicators", s_index, "id"), item.id)
                for s_index, item in enumerate(area.sub_indicators)
            ]
        seen: dict[str, str] = {}
        for number, (path, item_id) in enumerate(places):
            if item_id in seen and number >= competency_places:
                found.append((path, f"duplicate id {item_id!r}", f"first used at {seen[item_id]}"))
            seen.setdefault(item_id, ".".join(str(part) for part in path[:-1]))
        points = self.governance.points
        if not points.red < points.amber < points.green:
            found.append(
                (
                    ("governance", "points"),
                    f"points must rise from red to amber to green, got red {points.red}, "
                    f"amber {points.amber}, green {points.green}",
                    "HSJ scored red 0, amber 1, green 2",
                )
            )
        return found

    def _outcome_problems(self) -> list[Problem]:
        """Check required outcome measures are distinct and fit the recommended number."""
        if self.outcomes is None:
            return []
        found: list[Problem] = []
        seen: dict[str, int] = {}
        for m_index, measure in enumerate(self.outcomes.required):
            if measure.id in seen:
                found.append(
                    (
                        ("outcomes", "required", m_index, "id"),
                        f"duplicate id {measure.id!r}",
                        f"first used at outcomes.required.{seen[measure.id]}",
                    )
                )
            seen.setdefault(measure.id, m_index)
        count = self.outcomes.recommended_count
        if count is not None and count < len(seen):
            found.append(
                (
                    ("outcomes", "recommended_count"),
                    f"a recommended count of {count} is fewer than the {len(seen)} required "
                    "measures",
                    f"recommend at least {len(seen)}",
                )
            )
        return found

    def governance_area(self, area_id: str) -> GovernanceArea:
        """Return the governance area with this id."""
        for area in self.governance.areas if self.governance else []:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def warnings(self) -> list[tuple[tuple[str | int, ...], str, str | None]]:
        """Return things that are valid but probably unintended, as ``(path, message, hint)``.

        Unlike :meth:`problems`, none of these stops the framework being used;
        ``wcc frameworks check`` prints them so that an author can take a second look.
        """
        found: list[tuple[tuple[str | int, ...], str, str | None]] = []
        phased = [domain.phase is not None for domain in self.domains]
        for d_index, domain in enumerate(self.domains):
            where: tuple[str | int, ...] = ("domains", d_index)
            if any(phased) and domain.phase is None:
                found.append(
                    (
                        where,
                        f"{domain.id} has no phase, but other domains have one",
                        "give every domain a phase, or none",
                    )
                )
            for i_index, indicator in enumerate(domain.indicators):
                at: tuple[str | int, ...] = (*where, "indicators", i_index)
                prefix = domain.id
                if not (
                    indicator.id.startswith(prefix)
                    and indicator.id[len(prefix) : len(prefix) + 1] in (".", "-", "_")
                ):
                    found.append(
                        (
                            (*at, "id"),
                            f"indicator {indicator.id!r} does not start with its domain's id "
                            f"{domain.id!r}",
                            f"ids such as {domain.id}.{i_index + 1} tell readers where an "
                            "indicator belongs",
                        )
                    )
                first_level: dict[str, int] = {}
                for level in sorted(indicator.descriptors):
                    text = " ".join(indicator.descriptors[level].split()).casefold()
                    if text in first_level:
                        found.append(
                            (
                                (*at, "descriptors", level),
                                f"{indicator.id}: the descriptor of level {level} is the same "
                                f"as that of level {first_level[text]}",
                                "each level should describe something a panel could tell apart",
                            )
                        )
                    first_level.setdefault(text, level)
        for r_index, rule in enumerate(self.scoring.evidence.rules):
            if rule.min_items == 0 and rule.min_recent == 0:
                found.append(
                    (
                        ("scoring", "evidence", "rules", r_index),
                        f"the rule for level {rule.level} asks for no evidence, so it has no "
                        "effect",
                        "set min_items, or remove the rule",
                    )
                )
        target = self.scoring.default_target
        if target is not None and target == self.lowest:
            found.append(
                (
                    ("scoring", "default_target"),
                    f"a default target of {target}, the lowest level, is met by every assessed "
                    "domain",
                    None,
                )
            )
        return found
