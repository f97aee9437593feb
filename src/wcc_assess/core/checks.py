"""A submission against its framework: ids, completeness, levels on the scale, outcomes.

These checks read the submission's raw data (before or beside its model, tolerating wrong
shapes, which the model reports), so that every problem of a file is reported together:
the framework pinned, the targets, every domain and indicator, the governance areas and
sub-indicators, and the outcome measures. Each problem is a :class:`Diagnostic` at a field
path; the reader locates it at file:line:column.

Domains (of indicators) and governance areas (of sub-indicators) are checked by one
checker, :func:`section_problems`, over the framework's two hierarchies
(:mod:`.hierarchy`).

Pure: no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from wcc_assess.core.hierarchy import Hierarchy, hierarchies
from wcc_assess.errors import MAX_DIAGNOSTICS, Diagnostic, Loc, suggest, unlisted
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import is_period

__all__ = [
    "Section",
    "action_problems",
    "key_document_problems",
    "outcome_problems",
    "panel_problems",
    "section_problems",
    "submission_problems",
]

SKIP = 'skip it with {id}: {{not_assessed: "<reason>"}}'


class Section(NamedTuple):
    """How a submission writes one of the framework's hierarchies."""

    key: str
    """The submission's key: ``domains`` or ``governance``."""
    group: str
    """What a group is called in messages: ``domain`` or ``governance area``."""
    rate: str
    """How to fill in a missing member: ``rate it`` or ``rate it red, amber or green``."""
    hierarchy: Hierarchy
    typo_of_missing: bool
    """Name an unknown member close to a missing one as its typo (and not report the
    missing one again); else suggest among the missing members."""
    member_checks: Callable[[Loc, Any], list[Diagnostic]] | None = None
    """Further checks of each member's entry (levels on the scale)."""
    optional: frozenset[str] = frozenset()
    """Ids a submission may leave out: those the framework version does not rate."""


def _is_level(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _unknown_groups(section: Section, entries: dict[Any, Any]) -> list[Diagnostic]:
    hierarchy = section.hierarchy
    group_ids = [group.id for group in hierarchy.groups]
    owner = {
        member.id: group.id
        for group in hierarchy.groups
        for member in getattr(group, hierarchy.members_key)
    }
    found: list[Diagnostic] = []
    unknown = [key for key in entries if key not in group_ids]
    for key in unknown[:MAX_DIAGNOSTICS]:
        hint = suggest(str(key), group_ids)
        if key in owner:
            article = "an" if hierarchy.member[0] in "aeiou" else "a"
            hint = (
                f"{key} is {article} {hierarchy.member} of {owner[key]}; put it under {owner[key]}"
            )
        found.append(Diagnostic.at((section.key, key), f"unknown {section.group} {key!r}", hint))
    if len(unknown) > MAX_DIAGNOSTICS:
        found.append(unlisted(len(unknown) - MAX_DIAGNOSTICS, f"unknown {section.group} ids"))
    return found


def _unknown_member_hint(
    section: Section, key: str, expected: list[str], missing: list[str], owner: str | None
) -> tuple[str | None, str | None]:
    """Return the hint for an unknown member id, and the missing id it is a typo of.

    ``owner`` is the group the id belongs to, when it is another group's member.
    """
    if section.typo_of_missing:
        close = difflib.get_close_matches(key, missing, n=1, cutoff=0.5)
        if close:
            return f"did you mean {close[0]}? {close[0]} is missing", close[0]
        return suggest(key, expected) if owner is None else None, None
    return suggest(key, missing or expected) if owner is None else None, None


def _owner(section: Section, key: object) -> str | None:
    """Return the group a member id belongs to (None: no group has it)."""
    hierarchy = section.hierarchy
    for other in hierarchy.groups:
        if any(member.id == key for member in getattr(other, hierarchy.members_key)):
            return str(other.id)
    return None


def _group_problems(section: Section, group: Any, entry: dict[Any, Any]) -> list[Diagnostic]:
    """Unknown and missing members of one group the submission rates."""
    hierarchy = section.hierarchy
    members = getattr(group, hierarchy.members_key)
    expected = [member.id for member in members]
    missing = [member_id for member_id in expected if member_id not in entry]
    explained: set[str] = set()
    found: list[Diagnostic] = []
    unknown = 0
    for key, rating in entry.items():
        where: Loc = (section.key, group.id, key)
        if key in expected:
            found += section.member_checks(where, rating) if section.member_checks else []
            continue
        unknown += 1
        if unknown > MAX_DIAGNOSTICS:  # counted below, not looked into one by one
            continue
        belongs = _owner(section, key)
        hint, typo = _unknown_member_hint(section, str(key), expected, missing, belongs)
        if typo is None and belongs is not None:
            hint = f"{key} belongs to {belongs}, not {group.id}"
        explained |= {typo} if typo else set()
        message = f"unknown {hierarchy.member} {key!r} in {group.id}"
        found.append(Diagnostic.at(where, message, hint))
    if unknown > MAX_DIAGNOSTICS:
        found.append(unlisted(unknown - MAX_DIAGNOSTICS, f"unknown ids in {group.id}"))
    for member in members:
        if member.id in missing and member.id not in explained | section.optional:
            found.append(
                Diagnostic.at(
                    (section.key, group.id),
                    f"{hierarchy.member} {member.id} ({member.title}) is missing",
                    f"{section.rate}, or {SKIP.format(id=member.id)}",
                )
            )
    return found


def section_problems(section: Section, entries: dict[Any, Any]) -> list[Diagnostic]:
    """Check a two-level section of a submission against the framework's hierarchy.

    Every group and member must be present (rated, or skipped with ``not_assessed``) and
    no other id may appear; a group skipped whole is not looked into.
    """
    found = _unknown_groups(section, entries)
    for group in section.hierarchy.groups:
        if group.id not in entries and group.id in section.optional:
            continue
        if group.id not in entries:
            found.append(
                Diagnostic.at(
                    (section.key,),
                    f"{section.group} {group.id} ({group.title}) is missing",
                    f"add it, or {SKIP.format(id=group.id)}",
                )
            )
            continue
        entry = entries[group.id]
        if isinstance(entry, dict) and "not_assessed" not in entry:
            found += _group_problems(section, group, entry)
    return found


def _level_checks(framework: Framework) -> Callable[[Loc, Any], list[Diagnostic]]:
    levels = framework.levels
    span = f"a whole number from {levels[0]} to {levels[-1]}"

    def check(where: Loc, rating: Any) -> list[Diagnostic]:
        if not isinstance(rating, dict):
            return []
        return [
            Diagnostic.at((*where, field), f"{rating[field]} is not on the scale", span)
            for field in ("level", "panel_level")
            if _is_level(rating.get(field)) and rating[field] not in levels
        ]

    return check


def _sections(framework: Framework) -> tuple[Section, Section | None]:
    competencies, *governance = hierarchies(framework)
    domains = Section(
        "domains",
        "domain",
        "rate it",
        competencies,
        True,
        member_checks=_level_checks(framework),
        optional=frozenset(entry.id for entry in framework.scoring.not_rated),
    )
    areas = (
        Section(
            "governance", "governance area", "rate it red, amber or green", governance[0], False
        )
        if governance
        else None
    )
    return domains, areas


def _framework_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic] | None:
    """Problems of the ``framework:`` the submission names; None when it is another one."""
    declared = data.get("framework")
    if not isinstance(declared, str):
        return []
    declared_id, _, pinned = declared.partition("@")
    if declared_id != framework.id:
        return None
    if pinned and pinned != framework.version:
        return [
            Diagnostic.at(
                ("framework",),
                f"the submission pins version {pinned!r}, but {framework.id} is version "
                f"{framework.version!r}",
                f"use framework: {framework.ref}",
            )
        ]
    return []


def _target_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    targets = data.get("targets")
    if not isinstance(targets, dict):
        return []
    levels = framework.levels
    domain_ids = [domain.id for domain in framework.domains]
    found = []
    for key, value in targets.items():
        if key != "default" and key not in domain_ids:
            hint = suggest(str(key), ["default", *domain_ids])
            found.append(Diagnostic.at(("targets", key), f"unknown domain {key!r}", hint))
        elif _is_level(value) and value not in levels:
            span = f"a whole number from {levels[0]} to {levels[-1]}"
            found.append(
                Diagnostic.at(("targets", key), f"target {value} is not on the scale", span)
            )
    return found


def _governance_problems(
    data: dict[str, Any], framework: Framework, areas: Section | None
) -> list[Diagnostic]:
    section = data.get("governance")
    if section is None:
        return []
    if areas is None:
        return [
            Diagnostic.at(
                ("governance",),
                f"framework {framework.ref} has no governance areas to rate",
                "remove the governance section, or use a framework that has governance",
            )
        ]
    return section_problems(areas, section) if isinstance(section, dict) else []


def submission_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Check raw submission data against ``framework``: ids, completeness, level ranges.

    When the submission names another framework, that is the one problem reported.
    """
    declared = _framework_problems(data, framework)
    if declared is None:
        declared_id = str(data.get("framework", "")).partition("@")[0]
        return [
            Diagnostic.at(
                ("framework",),
                f"the submission is for framework {declared_id!r}, but it is being assessed "
                f"against {framework.id!r}",
                f"use framework: {framework.id}, or pass --framework {declared_id}",
            )
        ]
    domains, areas = _sections(framework)
    found = declared + _governance_problems(data, framework, areas)
    found += panel_problems(data, framework)
    found += outcome_problems(data, framework)
    found += action_problems(data, framework)
    found += _target_problems(data, framework)
    entries = data.get("domains")
    if isinstance(entries, dict):
        found += section_problems(domains, entries)
    return found + key_document_problems(data, framework)


def _evidence_lists(data: dict[str, Any]) -> list[tuple[Loc, list[Any]]]:
    """Return every evidence list of a submission's raw data, with its path."""
    found: list[tuple[Loc, list[Any]]] = []
    for key in ("domains", "governance"):
        groups = data.get(key)
        for group_id, group in groups.items() if isinstance(groups, dict) else []:
            for member_id, entry in group.items() if isinstance(group, dict) else []:
                evidence = entry.get("evidence") if isinstance(entry, dict) else None
                if isinstance(evidence, list):
                    found.append(((key, group_id, member_id, "evidence"), evidence))
    return found


def key_document_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Check every ``key_document:`` of the submission names one of the framework's."""
    known = [doc.id for domain in framework.domains for doc in domain.key_documents]
    found: list[Diagnostic] = []
    for where, evidence in _evidence_lists(data):
        for index, item in enumerate(evidence):
            cited = item.get("key_document") if isinstance(item, dict) else None
            if isinstance(cited, str) and cited not in known:
                hint = suggest(cited, known) if known else None
                message = (
                    f"{framework.ref} has no key document {cited!r}"
                    if known
                    else f"{framework.ref} lists no key documents"
                )
                hint = hint or (
                    f"the key documents are: {', '.join(known)}" if known else "remove key_document"
                )
                found.append(Diagnostic.at((*where, index, "key_document"), message, hint))
    return found


def _trajectory_problems(
    where: Loc, measure: dict[Any, Any], framework: Framework
) -> list[Diagnostic]:
    """Require a trajectory unless the framework's outcomes have none (WCC's first year)."""
    rules = framework.outcomes
    if rules is not None and not rules.trajectories:
        return []
    trajectory = measure.get("trajectory")
    hint = f"{framework.ref} asks for an aspiration for each year after the baseline"
    if trajectory is None:
        return [Diagnostic.at(where, "the field 'trajectory' is required", hint)]
    if trajectory == {}:
        return [Diagnostic.at((*where, "trajectory"), "must not be empty", hint)]
    return []


def _skipped(data: dict[str, Any], section: str, group_id: str) -> bool:
    """Tell whether the submission skips a whole domain (or area) with ``not_assessed``."""
    entries = data.get(section)
    entry = entries.get(group_id) if isinstance(entries, dict) else None
    return isinstance(entry, dict) and "not_assessed" in entry


def _rating_problems(
    data: dict[str, Any], where: Loc, ids: list[str], kind: str, section: str
) -> list[Diagnostic]:
    """Check the panel's ratings of whole groups: known ids, and groups that were assessed."""
    ratings = data["panel"].get(where[-1])
    found: list[Diagnostic] = []
    for key in ratings if isinstance(ratings, dict) else []:
        at: Loc = (*where, key)
        if key not in ids:
            found.append(Diagnostic.at(at, f"unknown {kind} {key!r}", suggest(str(key), ids)))
        elif _skipped(data, section, key):
            found.append(
                Diagnostic.at(
                    at,
                    f"the panel rates {key}, which the submission marks not_assessed",
                    f"the panel rates a {kind} the organisation assessed: remove the rating, "
                    f"or assess {key}",
                )
            )
    return found


def _panel_levels(ratings: Any, levels: list[int]) -> list[Diagnostic]:
    span = f"a whole number from {levels[0]} to {levels[-1]}"
    return [
        Diagnostic.at(
            ("panel", "ratings", key, "level"), f"{rating['level']} is not on the scale", span
        )
        for key, rating in (ratings.items() if isinstance(ratings, dict) else [])
        if isinstance(rating, dict)
        and _is_level(rating.get("level"))
        and rating["level"] not in levels
    ]


def _enquiry_problems(enquiries: Any, ids: list[str]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for index, enquiry in enumerate(enquiries if isinstance(enquiries, list) else []):
        about = enquiry.get("domain") if isinstance(enquiry, dict) else None
        if isinstance(about, str) and about not in ids:
            found.append(
                Diagnostic.at(
                    ("panel", "enquiries", index, "domain"),
                    f"unknown domain or governance area {about!r}",
                    suggest(about, ids),
                )
            )
    return found


def _as_date(value: Any) -> date | None:
    """Return a date written as a YAML date or as ``YYYY-MM-DD`` text (None otherwise)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the model says why


def _sign_off_problems(panel: dict[Any, Any]) -> list[Diagnostic]:
    sign_off, sat = panel.get("sign_off"), _as_date(panel.get("date"))
    signed = _as_date(sign_off.get("on")) if isinstance(sign_off, dict) else None
    if isinstance(signed, date) and isinstance(sat, date) and signed < sat:
        return [
            Diagnostic.at(
                ("panel", "sign_off", "on"),
                f"signed off on {signed.isoformat()}, before the panel sat on {sat.isoformat()}",
                "a panel signs off its judgement on or after the panel day",
            )
        ]
    return []


def panel_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Check the ``panel`` block against the framework: what it rates, asks about, signs.

    Domain ratings name domains the submission assessed, with levels on the scale; area
    ratings name governance areas (of a framework that has them); every line of enquiry
    names a domain or an area; the sign-off is not before the panel day.
    """
    panel = data.get("panel")
    if not isinstance(panel, dict):
        return []
    domain_ids = [domain.id for domain in framework.domains]
    area_ids = [area.id for area in framework.governance.areas] if framework.governance else []
    found = _rating_problems(data, ("panel", "ratings"), domain_ids, "domain", "domains")
    found += _panel_levels(panel.get("ratings"), framework.levels)
    if panel.get("governance") and not area_ids:
        found.append(
            Diagnostic.at(
                ("panel", "governance"),
                f"framework {framework.ref} has no governance areas to rate",
                "remove panel.governance",
            )
        )
    elif area_ids and panel.get("governance") and data.get("governance") is None:
        found.append(
            Diagnostic.at(
                ("panel", "governance"),
                "the panel rates governance areas, but the submission has no governance section",
                "add the governance ratings, or remove panel.governance",
            )
        )
    elif area_ids:
        found += _rating_problems(
            data, ("panel", "governance"), area_ids, "governance area", "governance"
        )
    found += _enquiry_problems(panel.get("enquiries"), domain_ids + area_ids)
    return found + _sign_off_problems(panel)


def _measure_problems(index: int, measure: dict[Any, Any], period: str | None) -> list[Diagnostic]:
    """Check a measure's years: baseline and trajectory in order, actuals with aspirations."""
    where: Loc = ("outcomes", index)
    found: list[Diagnostic] = []
    baseline = measure.get("baseline")
    start = baseline.get("period") if isinstance(baseline, dict) else None
    start = start if is_period(start) else None
    if start and period and start > period:
        found.append(
            Diagnostic.at(
                (*where, "baseline", "period"),
                f"the baseline year {start} is later than the period assessed ({period})",
            )
        )
    trajectory = measure.get("trajectory")
    years = [key for key in trajectory if is_period(key)] if isinstance(trajectory, dict) else []
    found += [
        Diagnostic.at(
            (*where, "trajectory", year),
            f"{year} is not after the baseline year {start}",
            "a trajectory sets aspirations for the years after the baseline",
        )
        for year in years
        if start and year <= start
    ]
    actuals = measure.get("actuals")
    for year in actuals if isinstance(actuals, dict) else []:
        if not is_period(year):
            continue  # the model reports it
        if period and year > period:
            message = f"an actual for {year} is later than the period assessed ({period})"
            found.append(Diagnostic.at((*where, "actuals", year), message))
        elif isinstance(trajectory, dict) and trajectory and year not in trajectory:
            span = f"the trajectory covers {min(years)} to {max(years)}" if years else None
            message = f"there is no aspiration for {year} in the trajectory"
            found.append(Diagnostic.at((*where, "actuals", year), message, span))
    return found


def _required_problems(
    measures: list[Any], seen: dict[str, int], framework: Framework
) -> list[Diagnostic]:
    """Check the measures the framework requires: present, and better in its direction."""
    rules = framework.outcomes
    if rules is None or not measures:
        return []
    found: list[Diagnostic] = []
    for required in rules.required:
        if required.id not in seen:
            close = difflib.get_close_matches(required.id, list(seen), n=1, cutoff=0.5)
            hint = (
                f"rename {close[0]!r} to {required.id!r}"
                if close
                else f"add a measure with id: {required.id}"
            )
            message = (
                f"{framework.id} requires the outcome measure {required.id} "
                f"({required.name}), which is missing"
            )
            found.append(Diagnostic.at(("outcomes",), message, hint))
            continue
        better = measures[seen[required.id]].get("better")
        wanted = required.better.value if required.better is not None else None
        if wanted and better in ("higher", "lower") and better != wanted:
            found.append(
                Diagnostic.at(
                    ("outcomes", seen[required.id], "better"),
                    f"{required.id} is better when {wanted}, as {framework.id} defines it",
                    f"better: {wanted}",
                )
            )
    return found


def outcome_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Check a submission's ``outcomes``: ids, years, and the framework's required measures.

    Ids must be unique; trajectory years must follow the baseline year; every actual needs
    an aspiration for its year and cannot be later than the period assessed; the baseline
    cannot be later than the period assessed; measures the framework requires must be
    present and improve in the framework's direction.
    """
    measures = data.get("outcomes")
    if not isinstance(measures, list):
        return []
    period = data.get("period") if is_period(data.get("period")) else None
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for index, measure in enumerate(measures):
        if not isinstance(measure, dict):
            continue
        measure_id = measure.get("id")
        if isinstance(measure_id, str):
            if measure_id in seen:
                found.append(
                    Diagnostic.at(
                        ("outcomes", index, "id"),
                        f"duplicate outcome measure id {measure_id!r}",
                        f"first used at outcomes item {seen[measure_id] + 1}",
                    )
                )
            seen.setdefault(measure_id, index)
        found += _measure_problems(index, measure, period)
        found += _trajectory_problems(("outcomes", index), measure, framework)
    return found + _required_problems(measures, seen, framework)


def _addressed_problems(index: int, ids: Any, framework: Framework) -> list[Diagnostic]:
    """Check that every id an action is ``for`` is a domain or an indicator of the framework."""
    known = [d.id for d in framework.domains] + [
        i.id for d in framework.domains for i in d.indicators
    ]
    where: Loc = ("actions", index, "for")
    listed = [(where, ids)] if isinstance(ids, str) else []
    if isinstance(ids, list):
        listed = [((*where, n), item) for n, item in enumerate(ids) if isinstance(item, str)]
    return [
        Diagnostic.at(
            loc,
            f"unknown domain or indicator {item!r}",
            suggest(item, known) or f"an id of {framework.id}, such as {known[0]} or {known[-1]}",
        )
        for loc, item in listed
        if item and item not in known
    ]


def _reason_problems(index: int, action: dict[Any, Any]) -> list[Diagnostic]:
    """Check that a dropped action gives a reason, and that no other action gives one."""
    status, reason = action.get("status"), action.get("reason")
    if status == "dropped" and not (isinstance(reason, str) and reason.strip()):
        return [
            Diagnostic.at(
                ("actions", index, "reason" if "reason" in action else "status"),
                "a dropped action needs a reason",
                'add reason: "<why it was dropped>"',
            )
        ]
    if status in ("open", "in-progress", "done") and reason is not None:
        return [
            Diagnostic.at(
                ("actions", index, "reason"),
                f"a reason is given only for a dropped action, and this one is {status}",
                "put other remarks in note",
            )
        ]
    return []


def action_problems(data: dict[str, Any], framework: Framework) -> list[Diagnostic]:
    """Check a submission's ``actions``: unique ids, known ids in ``for``, ``raised`` in time.

    An action's ``raised`` period cannot be later than the period assessed; a dropped
    action needs a reason, and only a dropped one has one. The shape of each action (a
    date for ``due``, a status from the list) is the model's to check.
    """
    actions = data.get("actions")
    if not isinstance(actions, list):
        return []
    period = data.get("period") if is_period(data.get("period")) else None
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for index, action in enumerate(actions):
        if not isinstance(action, dict):
            continue
        action_id = action.get("id")
        if isinstance(action_id, str) and action_id in seen:
            found.append(
                Diagnostic.at(
                    ("actions", index, "id"),
                    f"duplicate action id {action_id!r}",
                    f"ids are unique; the first {action_id} is actions item {seen[action_id] + 1}",
                )
            )
        elif isinstance(action_id, str):
            seen[action_id] = index
        found += _addressed_problems(index, action.get("for"), framework)
        found += _reason_problems(index, action)
        raised = action.get("raised")
        if period and is_period(raised) and raised > period:
            found.append(
                Diagnostic.at(
                    ("actions", index, "raised"),
                    f"raised in {raised}, after the period assessed ({period})",
                    f"an action is raised in {period} or an earlier period",
                )
            )
    return found
