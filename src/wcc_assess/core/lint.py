"""Framework lint: the consistency rules a framework must keep beyond its model's shape.

The model (:class:`~wcc_assess.models.framework.Framework`) checks types and required
fields; this module checks what only the whole file can show, as diagnostics at field paths
(the reader locates them at file:line:column):

- **errors** (:func:`problems`): the framework cannot be used. Levels, labels, ids, level
  descriptors, evidence rules, bands, the default target, governance points, required
  outcome measures and the revision map.
- **warnings** (:func:`warnings`): valid, but probably unintended.

A framework has two hierarchies of the same shape, domain → indicator and governance area
→ sub-indicator. Both are walked by one checker (:mod:`.hierarchy`): ids are unique across
every level of both (a submission keys them all in one namespace), none may be a
submission keyword, and a member's id should start with its group's.

Pure: no I/O.
"""

from __future__ import annotations

import itertools
from typing import Protocol

from wcc_assess.core.bands import rule_holds
from wcc_assess.core.hierarchy import Hierarchy, Place, hierarchies, walk
from wcc_assess.errors import Diagnostic, Loc, readable_path, suggest
from wcc_assess.models.framework import Band, BandRule, Domain, Framework, Indicator

__all__ = ["RESERVED_IDS", "lint", "problems", "warnings"]

RESERVED_IDS = frozenset({"default", "not_assessed"})
"""Keys with a meaning of their own in a submission's ``targets``, domains and areas."""


def _id_problems(place: Place, seen: dict[str, str], framework: Framework) -> list[Diagnostic]:
    """Find a duplicate id (ids share one namespace) or a reserved one."""
    found: list[Diagnostic] = []
    node_id, at = place.node.id, (*place.loc, "id")
    if node_id in seen:
        found.append(
            Diagnostic.at(at, f"duplicate id {node_id!r}", f"first used at {seen[node_id]}")
        )
    seen.setdefault(node_id, readable_path(place.loc, framework))
    if node_id in RESERVED_IDS:
        found.append(
            Diagnostic.at(
                at,
                f"{node_id!r} cannot be an id: submissions use it as a keyword",
                "choose another id",
            )
        )
    return found


def _descriptor_problems(framework: Framework, loc: Loc, indicator: Indicator) -> list[Diagnostic]:
    """Check an indicator has a descriptor for every level of the scale, and no other."""
    levels = framework.levels
    span = f"{levels[0]}..{levels[-1]}"
    missing = [level for level in levels if level not in indicator.descriptors]
    extra = sorted(set(indicator.descriptors) - set(levels))
    found: list[Diagnostic] = []
    if missing:
        found.append(
            Diagnostic.at(
                (*loc, "descriptors"),
                f"{indicator.id} has no descriptor for level {', '.join(map(str, missing))}",
                f"every level of the scale {span} needs one",
            )
        )
    if extra:
        found.append(
            Diagnostic.at(
                (*loc, "descriptors"),
                f"{indicator.id} describes level {', '.join(map(str, extra))}, "
                "which is not on the scale",
                f"the scale is {span}",
            )
        )
    return found


def _hierarchy_problems(
    framework: Framework, hierarchy: Hierarchy, seen: dict[str, str]
) -> list[Diagnostic]:
    """Ids of every group and member; the level descriptors of every indicator."""
    found: list[Diagnostic] = []
    for place in walk(hierarchy):
        found += _id_problems(place, seen, framework)
        if isinstance(place.node, Indicator):
            found += _descriptor_problems(framework, place.loc, place.node)
    return found


def _scale_problems(framework: Framework) -> list[Diagnostic]:
    levels = framework.levels
    found: list[Diagnostic] = []
    if levels != list(range(levels[0], levels[0] + len(levels))):
        found.append(
            Diagnostic.at(("scale",), f"levels must be consecutive integers in order, got {levels}")
        )
    labels: dict[str, int] = {}
    for index, step in enumerate(framework.scale):
        key = step.label.casefold()
        if key in labels:
            found.append(
                Diagnostic.at(
                    ("scale", index, "label"),
                    f"duplicate label {step.label!r}",
                    f"level {labels[key]} already uses it",
                )
            )
        labels.setdefault(key, step.level)
    return found


def _rule_problems(framework: Framework) -> list[Diagnostic]:
    levels = framework.levels
    rules = framework.scoring.evidence.rules
    found: list[Diagnostic] = []
    for index, rule in enumerate(rules):
        at: Loc = ("scoring", "evidence", "rules", index)
        if rule.level not in levels:
            found.append(
                Diagnostic.at(
                    (*at, "level"),
                    f"{rule.level} is not on the scale",
                    f"the scale is {levels[0]}..{levels[-1]}",
                )
            )
        elif rule.level == levels[0]:
            found.append(
                Diagnostic.at(
                    (*at, "level"),
                    f"a rule for the lowest level ({rule.level}) has no effect: no claim "
                    "can be capped below the bottom of the scale",
                    f"start the rules at level {levels[0] + 1}",
                )
            )
        if index:
            found += _rule_order_problems(at, rules[index - 1], rule)
    return found


def _rule_order_problems(at: Loc, before: _Rule, rule: _Rule) -> list[Diagnostic]:
    """Check a rule is for a higher level than the one before it, and asks for no less."""
    found: list[Diagnostic] = []
    if rule.level <= before.level:
        found.append(
            Diagnostic.at((*at, "level"), "evidence rules must be in increasing order of level")
        )
    if rule.min_items < before.min_items:
        found.append(
            Diagnostic.at(
                (*at, "min_items"),
                "a higher level cannot need fewer evidence items than a lower one",
            )
        )
    if rule.min_recent < before.min_recent:
        found.append(
            Diagnostic.at(
                (*at, "min_recent"),
                "a higher level cannot need fewer recent evidence items than a lower one",
            )
        )
    return found


class _Rule(Protocol):
    @property
    def level(self) -> int: ...
    @property
    def min_items(self) -> int: ...
    @property
    def min_recent(self) -> int: ...


def _band_rule_problems(framework: Framework, index: int, band: Band) -> list[Diagnostic]:
    """Check a band's own rule: present (but for the first), its levels on the scale."""
    at: Loc = ("scoring", "bands", index)
    levels = framework.levels
    if band.min_percent is not None:
        return [
            Diagnostic.at(
                (*at, "min_percent"),
                "a band is derived from the domain levels, not from the overall percent",
                "replace min_percent with the rule it stands for, e.g. "
                "when: {level: 3, share: most, none_below: 2}"
                if index
                else "remove it: the first band is what no other band's rule gives",
            )
        ]
    if index == 0 and band.when is not None:
        return [
            Diagnostic.at(
                (*at, "when"),
                "the first band has no rule: it is what an organisation is when no higher "
                "band's rule holds",
                "move this band later, or remove its rule",
            )
        ]
    if index and band.when is None:
        return [
            Diagnostic.at(
                at,
                f"band {band.label!r} has no rule",
                "say when it applies in domain levels, e.g. when: {level: 3, share: most}",
            )
        ]
    rule = band.when
    span = f"the scale is {levels[0]}..{levels[-1]}"
    return [
        Diagnostic.at((*at, "when", field), f"{value} is not on the scale", span)
        for field, value in (
            ("level", rule.level if rule else None),
            ("none_below", rule.none_below if rule else None),
        )
        if value is not None and value not in levels
    ]


def _counterexample(
    framework: Framework, before: BandRule, rule: BandRule
) -> tuple[int | None, ...] | None:
    """Return domain levels that meet ``rule`` but not ``before`` (None: there are none).

    Every profile of the framework's domains is tried (a rule reads only how many domains
    sit at each level, so the profiles are the multisets of levels, a domain not assessed
    being at none): a few thousand for a framework of a dozen domains.
    """
    values: list[int | None] = [None, *framework.levels]
    for levels in itertools.combinations_with_replacement(values, len(framework.domains)):
        if rule_holds(rule, levels) and not rule_holds(before, levels):
            return levels
    return None


def _band_order_problems(framework: Framework) -> list[Diagnostic]:
    """Check each band's rule asks at least what the rule of the band before it asks.

    That is, every profile of domain levels that meets a band's rule meets the earlier
    ones' too: so the last band whose rule holds is the highest, and raising a domain's
    level never lowers the band.
    """
    found: list[Diagnostic] = []
    ruled = [(i, b.when) for i, b in enumerate(framework.scoring.bands) if b.when is not None]
    for (earlier, before), (index, rule) in zip(ruled, ruled[1:], strict=False):
        levels = _counterexample(framework, before, rule)
        if levels is None:
            continue
        shown = ", ".join("not assessed" if level is None else str(level) for level in levels)
        found.append(
            Diagnostic.at(
                ("scoring", "bands", index, "when"),
                "this rule holds where the rule of the band before it "
                f"(scoring.bands.{earlier}) does not, e.g. for domain levels {shown}",
                "order the bands from the least to the most demanding rule",
            )
        )
    return found


def _band_and_target_problems(framework: Framework) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    labels: dict[str, int] = {}
    for index, band in enumerate(framework.scoring.bands):
        found += _band_rule_problems(framework, index, band)
        key = band.label.casefold()
        if key in labels:
            found.append(
                Diagnostic.at(
                    ("scoring", "bands", index, "label"),
                    f"duplicate band label {band.label!r}",
                    f"scoring.bands.{labels[key]} already uses it",
                )
            )
        labels.setdefault(key, index)
    found += _band_order_problems(framework)
    target, levels = framework.scoring.default_target, framework.levels
    if target is not None and target not in levels:
        found.append(
            Diagnostic.at(
                ("scoring", "default_target"),
                f"{target} is not on the scale",
                f"the scale is {levels[0]}..{levels[-1]}",
            )
        )
    return found


def _points_problems(framework: Framework) -> list[Diagnostic]:
    if framework.governance is None:
        return []
    points = framework.governance.points
    if points.red < points.amber < points.green:
        return []
    return [
        Diagnostic.at(
            ("governance", "points"),
            f"points must rise from red to amber to green, got red {points.red}, "
            f"amber {points.amber}, green {points.green}",
            "HSJ scored red 0, amber 1, green 2",
        )
    ]


def _outcome_problems(framework: Framework) -> list[Diagnostic]:
    """Check required outcome measures are distinct and fit the recommended number."""
    if framework.outcomes is None:
        return []
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for index, measure in enumerate(framework.outcomes.required):
        if measure.id in seen:
            found.append(
                Diagnostic.at(
                    ("outcomes", "required", index, "id"),
                    f"duplicate id {measure.id!r}",
                    f"first used at outcomes.required item {seen[measure.id] + 1}",
                )
            )
        seen.setdefault(measure.id, index)
    count = framework.outcomes.recommended_count
    if count is not None and count < len(seen):
        found.append(
            Diagnostic.at(
                ("outcomes", "recommended_count"),
                f"a recommended count of {count} is fewer than the {len(seen)} required measures",
                f"recommend at least {len(seen)}",
            )
        )
    return found


def _replaces_problems(framework: Framework) -> list[Diagnostic]:
    """Check the revision map: every new id exists, and one old id keeps to one kind."""
    replaces = framework.replaces
    if replaces is None:
        return []
    found: list[Diagnostic] = []
    if replaces.version == framework.version:
        found.append(
            Diagnostic.at(
                ("replaces", "version"),
                f"a framework cannot replace its own version {framework.version!r}",
                "name the older version it revises",
            )
        )
    domain_ids = [domain.id for domain in framework.domains]
    indicator_ids = [ind.id for domain in framework.domains for ind in domain.indicators]
    for old_id in replaces.map:
        targets = replaces.targets(old_id)
        where: Loc = ("replaces", "map", old_id)
        unknown = [t for t in targets if t not in domain_ids and t not in indicator_ids]
        found += [
            Diagnostic.at(
                where,
                f"{old_id} maps to {new_id!r}, which is not a domain or indicator of "
                f"{framework.ref}",
                suggest(new_id, domain_ids + indicator_ids),
            )
            for new_id in unknown
        ]
        if len(set(targets)) != len(targets):
            found.append(Diagnostic.at(where, f"{old_id} names the same new id more than once"))
        known = [t for t in targets if t not in unknown]
        if any(t in domain_ids for t in known) and any(t in indicator_ids for t in known):
            found.append(
                Diagnostic.at(
                    where,
                    f"{old_id} maps to both domains and indicators",
                    "a domain maps to domains, an indicator to indicators",
                )
            )
    return found


def _not_rated_problems(framework: Framework) -> list[Diagnostic]:
    """Check unrated ids and claim warnings name domains, indicators and levels that exist."""
    ids = [d.id for d in framework.domains] + [
        i.id for d in framework.domains for i in d.indicators
    ]
    found = [
        Diagnostic.at(
            ("scoring", "not_rated", index, "id"),
            f"{entry.id!r} is not a domain or indicator of {framework.ref}",
            suggest(entry.id, ids),
        )
        for index, entry in enumerate(framework.scoring.not_rated)
        if entry.id not in ids
    ]
    levels = framework.levels
    found += [
        Diagnostic.at(
            ("scoring", "claim_warnings", index, "level"),
            f"{entry.level} is not on the scale",
            f"the scale is {levels[0]}..{levels[-1]}",
        )
        for index, entry in enumerate(framework.scoring.claim_warnings)
        if entry.level not in levels
    ]
    return found


def _key_document_problems(framework: Framework) -> list[Diagnostic]:
    """Check key document ids are unique across the framework (a submission cites them)."""
    seen: dict[str, str] = {}
    found: list[Diagnostic] = []
    for d_index, domain in enumerate(framework.domains):
        for k_index, document in enumerate(domain.key_documents):
            at: Loc = ("domains", d_index, "key_documents", k_index, "id")
            if document.id in seen:
                found.append(
                    Diagnostic.at(
                        at,
                        f"duplicate key document id {document.id!r}",
                        f"first used at {seen[document.id]}",
                    )
                )
            seen.setdefault(document.id, readable_path(at[:-1], framework))
    return found


def _group_and_crosswalk_problems(framework: Framework) -> list[Diagnostic]:
    """Check groups have domains to group, and crosswalk rows name what the framework has."""
    found: list[Diagnostic] = []
    if framework.groups is not None and not any(d.phase for d in framework.domains):
        found.append(
            Diagnostic.at(
                ("groups",),
                f"no domain has a phase, so there is no {framework.groups.term} to roll up",
                "give each domain a phase: <name>, or remove groups",
            )
        )
    if framework.crosswalk is None:
        return found
    areas = [area.id for area in framework.governance.areas] if framework.governance else []
    known = [d.id for d in framework.domains] + areas + ["outcomes"]
    seen: set[str] = set()
    for index, row in enumerate(framework.crosswalk.rows):
        at: Loc = ("crosswalk", "rows", index, "id")
        if row.id not in known:
            found.append(
                Diagnostic.at(
                    at,
                    f"{row.id!r} is not a domain or governance area of {framework.ref}, "
                    "nor outcomes",
                    suggest(row.id, known),
                )
            )
        elif row.id in seen:
            found.append(Diagnostic.at(at, f"{row.id} has two rows", "merge them into one"))
        seen.add(row.id)
    return found


def problems(framework: Framework) -> list[Diagnostic]:
    """Return the framework's errors; an empty list means it is fit to score with.

    In this order: the scale, the competency hierarchy, evidence rules, bands and default
    target, the governance hierarchy and points, outcome rules, the revision map, unrated
    ids and claim warnings, key documents, groups and the crosswalk.
    """
    seen: dict[str, str] = {}
    competencies, *governance = hierarchies(framework)
    found = _scale_problems(framework)
    found += _hierarchy_problems(framework, competencies, seen)
    found += _rule_problems(framework)
    found += _band_and_target_problems(framework)
    for hierarchy in governance:
        found += _hierarchy_problems(framework, hierarchy, seen)
    found += _points_problems(framework)
    found += _outcome_problems(framework)
    found += _replaces_problems(framework)
    found += _not_rated_problems(framework)
    found += _key_document_problems(framework)
    found += _group_and_crosswalk_problems(framework)
    return found


def _prefix_warning(hierarchy: Hierarchy, place: Place) -> list[Diagnostic]:
    """Warn when a member's id does not start with its group's id (``C4.2`` in ``C4``)."""
    owner = place.owner
    if owner is None:
        return []
    prefix, member_id = owner.id, place.node.id
    if member_id.startswith(prefix) and member_id[len(prefix) : len(prefix) + 1] in (".", "-", "_"):
        return []
    return [
        Diagnostic.at(
            (*place.loc, "id"),
            f"{hierarchy.member} {member_id!r} does not start with its {hierarchy.group}'s id "
            f"{prefix!r}",
            f"ids such as {prefix}.{place.position + 1} tell readers where "
            f"{'an' if hierarchy.member[0] in 'aeiou' else 'a'} {hierarchy.member} belongs",
            severity="warning",
        )
    ]


def _descriptor_warnings(loc: Loc, indicator: Indicator) -> list[Diagnostic]:
    """Warn of the same descriptor at two levels of one indicator."""
    found: list[Diagnostic] = []
    first_level: dict[str, int] = {}
    for level in sorted(indicator.descriptors):
        text = " ".join(indicator.descriptors[level].split()).casefold()
        if text in first_level:
            found.append(
                Diagnostic.at(
                    (*loc, "descriptors", level),
                    f"{indicator.id}: the descriptor of level {level} is the same as that of "
                    f"level {first_level[text]}",
                    "each level should describe something a panel could tell apart",
                    severity="warning",
                )
            )
        first_level.setdefault(text, level)
    return found


def _phase_warning(framework: Framework, place: Place) -> list[Diagnostic]:
    """Warn of a phase on some domains but not on this one."""
    domain = place.node
    if not isinstance(domain, Domain) or domain.phase is not None:
        return []
    if not any(other.phase is not None for other in framework.domains):
        return []
    return [
        Diagnostic.at(
            place.loc,
            f"{domain.id} has no phase, but other domains have one",
            "give every domain a phase, or none",
            severity="warning",
        )
    ]


def _scoring_warnings(framework: Framework) -> list[Diagnostic]:
    found = [
        Diagnostic.at(
            ("scoring", "evidence", "rules", index),
            f"the rule for level {rule.level} asks for no evidence, so it has no effect",
            "set min_items, or remove the rule",
            severity="warning",
        )
        for index, rule in enumerate(framework.scoring.evidence.rules)
        if rule.min_items == 0 and rule.min_recent == 0
    ]
    found += [
        Diagnostic.at(
            ("scoring", "bands", index, "meaning"),
            f"band {band.label!r} has no meaning: reports print it beside the band",
            "say in a sentence what every organisation in the band has in common",
            severity="warning",
        )
        for index, band in enumerate(framework.scoring.bands)
        if not band.meaning.strip()
    ]
    target = framework.scoring.default_target
    if target is not None and target == framework.lowest:
        found.append(
            Diagnostic.at(
                ("scoring", "default_target"),
                f"a default target of {target}, the lowest level, is met by every assessed domain",
                severity="warning",
            )
        )
    return found


def warnings(framework: Framework) -> list[Diagnostic]:
    """Return what is valid but probably unintended, as warnings.

    None of these stops the framework being used; ``wcc frameworks check`` prints them so
    that an author can take a second look.
    """
    found: list[Diagnostic] = []
    for hierarchy in hierarchies(framework):
        for place in walk(hierarchy):
            found += _phase_warning(framework, place)
            found += _prefix_warning(hierarchy, place)
            if isinstance(place.node, Indicator):
                found += _descriptor_warnings(place.loc, place.node)
    return found + _scoring_warnings(framework)


def lint(framework: Framework) -> list[Diagnostic]:
    """Return every finding: the errors (:func:`problems`), then the warnings."""
    return [*problems(framework), *warnings(framework)]
