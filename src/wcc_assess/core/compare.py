"""Baseline comparison: last year's result and this year's -> the change of everything.

Pure: no I/O, no clock. The scorer compares in the same pass as it grades (see
:class:`~wcc_assess.core.scoring.Baseline`): :func:`project` carries the baseline onto the
new framework's ids (``wcc trend`` shares it), :func:`change_since` gives each domain and
indicator its :class:`~wcc_assess.models.result.Change`, :func:`regression_failures` the
regression gate, and :func:`baseline_info` what the result records of the baseline.

Ids are matched as they are when both results use the same framework version. When the
new framework declares that it replaces the baseline's version (``replaces:`` in the
framework file, carried in ``FrameworkInfo.replaces``), its id map is followed, through
several revisions if the intermediate frameworks are known:

- renamed: the new id is compared with its one source;
- split: each new part is compared with the one id it came from;
- merged: the new id is compared with the weighted mean (by the baseline's weights) of the
  levels (and, for domains, the scores) of the sources that were assessed, so its previous
  level may be fractional. The mean neither flatters nor punishes a merge, where the best
  of the sources would report a decline and the worst an improvement for the same work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from wcc_assess.core.numbers import Number, exact, round_number, weighted_mean
from wcc_assess.core.panel import BASIS_ORDER, basis_of, domain_basis
from wcc_assess.errors import UsageError
from wcc_assess.models.framework import Replaces
from wcc_assess.models.result import (
    BaselineInfo,
    Basis,
    Change,
    ChangeDirection,
    DomainResult,
    FrameworkInfo,
    GateFailure,
    Result,
)

__all__ = [
    "Comparison",
    "Layout",
    "Projected",
    "Projection",
    "baseline_info",
    "baseline_warnings",
    "basis_warnings",
    "change_since",
    "check_comparable",
    "format_number",
    "overall_change",
    "project",
    "regression_failures",
    "revision_chain",
    "with_basis",
]


@dataclass(frozen=True, slots=True)
class Projected:
    """What the baseline says about one id of the new framework."""

    sources: tuple[str, ...]
    """The baseline ids it was matched with."""
    level: Number | None
    """The source's level, or the weighted mean of the assessed sources' levels."""
    score: float | None = None
    """The same for the domain score (domains only)."""
    note: str | None = None
    """``renamed from …``, ``split from …`` or ``merged from …``; None for the same id."""
    basis: Basis | None = None
    """What the source's level rested on (domains only; the most panel judgement of them)."""


@dataclass(frozen=True, slots=True)
class Projection:
    """The baseline's domains and indicators, carried over to the new framework's ids."""

    domains: dict[str, Projected]
    """New domain id -> what the baseline says of it (only ids that have a source)."""
    indicators: dict[str, Projected]
    new_domains: list[str] = field(default_factory=list)
    gone_domains: list[str] = field(default_factory=list)
    new_indicators: list[str] = field(default_factory=list)
    gone_indicators: list[str] = field(default_factory=list)
    revision: str | None = None
    """``"2009 -> 2010"`` when revision maps were followed."""
    warnings: list[str] = field(default_factory=list)


def format_number(value: Number | None) -> str:
    """Return a level or score as people read it: ``3``, ``2.5``, ``2.75``, or ``-``."""
    if value is None:
        return "-"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


@dataclass(frozen=True, slots=True)
class Layout:
    """The framework and the ids a baseline is carried onto."""

    framework: FrameworkInfo
    domains: tuple[tuple[str, tuple[str, ...]], ...]
    """Each domain id with its indicator ids, in framework order."""

    @classmethod
    def of_result(cls, result: Result) -> Layout:
        """Return the layout of a graded result (its framework and ids)."""
        return cls(
            result.framework,
            tuple((d.id, tuple(i.id for i in d.indicators)) for d in result.domains),
        )


def revision_chain(
    newest: FrameworkInfo, old_version: str, known: Mapping[str, FrameworkInfo]
) -> list[Replaces] | None:
    """Return the revision maps from ``old_version`` up to ``newest``, newest first.

    An empty list means the versions are the same; None means no chain of ``replaces``
    declarations leads back to ``old_version`` through the ``known`` framework versions.
    """
    chain: list[Replaces] = []
    current = newest
    seen = {newest.version}
    while current.version != old_version:
        replaces = current.replaces
        if replaces is None:
            return None
        chain.append(replaces)
        if replaces.version == old_version:
            break
        following = known.get(replaces.version)
        if following is None or following.version in seen:
            return None
        seen.add(following.version)
        current = following
    return chain


def _carry(old_id: str, chain: Sequence[Replaces]) -> list[str]:
    """Return the ids ``old_id`` became after every revision in ``chain`` (newest first)."""
    ids = [old_id]
    for replaces in reversed(chain):
        ids = list(dict.fromkeys(new for current in ids for new in replaces.targets(current)))
    return ids


def _match(
    old_ids: Iterable[str], new_ids: Sequence[str], chain: Sequence[Replaces]
) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str], list[str]]:
    """Return (new id -> sources, old id -> targets, new ids without source, gone old ids)."""
    wanted = set(new_ids)
    sources: dict[str, list[str]] = {new_id: [] for new_id in new_ids}
    targets: dict[str, list[str]] = {}
    gone: list[str] = []
    for old_id in old_ids:
        found = [new_id for new_id in _carry(old_id, chain) if new_id in wanted]
        targets[old_id] = found
        if not found:
            gone.append(old_id)
        for new_id in found:
            sources[new_id].append(old_id)
    new = [new_id for new_id in new_ids if not sources[new_id]]
    return sources, targets, new, gone


def _note(new_id: str, sources: list[str], targets: Mapping[str, list[str]]) -> str | None:
    if len(sources) > 1:
        return f"merged from {', '.join(sources)}; compared with the mean of their levels"
    source = sources[0]
    if len(targets[source]) > 1:
        return f"split from {source}"
    return None if source == new_id else f"renamed from {source}"


@dataclass(frozen=True, slots=True)
class _Graded:
    """What the baseline says of one domain or indicator: weight, level, score."""

    weight: float
    level: Number | None
    score: float | None = None
    basis: Basis | None = None


def _projected(
    new_id: str,
    sources: list[str],
    targets: Mapping[str, list[str]],
    by_id: Mapping[str, _Graded],
) -> Projected:
    """Carry the sources of ``new_id`` over: one source as it is, several by weighted mean."""
    assessed = [by_id[s] for s in sources if by_id[s].level is not None]
    level: Number | None = None
    score: float | None = None
    bases = [g.basis for g in assessed if g.basis is not None]
    basis = max(bases, key=BASIS_ORDER.index) if bases else None
    if assessed:
        level = round_number(weighted_mean([(g.weight, g.level or 0) for g in assessed]), 2)
        scores = [(g.weight, g.score) for g in assessed if g.score is not None]
        if scores:
            score = float(round_number(weighted_mean(scores), 2))
    return Projected(tuple(sources), level, score, _note(new_id, sources, targets), basis)


def _chain(
    baseline: Result, new: FrameworkInfo, known: Mapping[str, FrameworkInfo] | None
) -> tuple[list[Replaces], str | None, list[str]]:
    """Return the revision maps to follow, the revision followed (``1 -> 2``) and warnings."""
    old = baseline.framework
    infos = {**(known or {}), old.version: old, new.version: new}
    chain = revision_chain(new, old.version, infos) if old.version != new.version else []
    if chain is None:
        return (
            [],
            None,
            [
                f"the baseline was assessed against {old.id} {old.version} and "
                f"{new.id} {new.version} declares no revision map from it; ids are "
                "compared as they are"
            ],
        )
    if not chain:
        return [], None, []
    versions = [old.version, *(r.version for r in chain[-2::-1]), new.version]
    old_ids = {d.id for d in baseline.domains}
    old_ids |= {i.id for d in baseline.domains for i in d.indicators}
    unknown = [key for key in chain[-1].map if key not in old_ids]
    warnings = (
        [
            f"the revision map from {old.id} {old.version} names "
            f"{', '.join(unknown)}, which the baseline does not have"
        ]
        if unknown
        else []
    )
    return chain, " -> ".join(dict.fromkeys(versions)), warnings


def project(
    baseline: Result, onto: Layout, known: Mapping[str, FrameworkInfo] | None = None
) -> Projection:
    """Carry ``baseline``'s domains and indicators over to the ids of ``onto``.

    ``known`` lends further framework versions (by version) so that a chain of revisions
    can be followed; the two frameworks themselves are always known. When the versions
    differ and no revision map leads from one to the other, ids are matched as they are
    and the projection carries a warning saying so.
    """
    chain, revision, warnings = _chain(baseline, onto.framework, known)
    old_domains = {
        d.id: _Graded(d.weight, d.level, d.score, d.basis or domain_basis(d))
        for d in baseline.domains
    }
    d_sources, d_targets, new_domains, gone_domains = _match(
        old_domains, [domain_id for domain_id, _ in onto.domains], chain
    )
    old_indicators = {
        i.id: _Graded(i.weight, i.effective_level) for d in baseline.domains for i in d.indicators
    }
    i_sources, i_targets, new_indicators, gone_indicators = _match(
        old_indicators, [i for _, indicators in onto.domains for i in indicators], chain
    )
    return Projection(
        domains={
            new_id: _projected(new_id, found, d_targets, old_domains)
            for new_id, found in d_sources.items()
            if found
        },
        indicators={
            new_id: _projected(new_id, found, i_targets, old_indicators)
            for new_id, found in i_sources.items()
            if found
        },
        new_domains=new_domains,
        gone_domains=gone_domains,
        new_indicators=new_indicators,
        gone_indicators=gone_indicators,
        revision=revision,
        warnings=warnings,
    )


def _direction(delta: Fraction) -> ChangeDirection:
    if delta > 0:
        return ChangeDirection.IMPROVED
    if delta < 0:
        return ChangeDirection.DECLINED
    return ChangeDirection.UNCHANGED


def _join(*parts: str | None) -> str | None:
    text = "; ".join(part for part in parts if part)
    return text or None


def change_since(level: int | None, score: float | None, projected: Projected | None) -> Change:
    """Return how a domain or indicator moved from what ``projected`` says of the baseline.

    ``level`` and ``score`` are the current values (``score`` None for indicators);
    ``projected`` None means the id has no counterpart in the baseline.
    """
    if projected is None:
        return Change.model_construct(
            direction=ChangeDirection.NEW, note="no counterpart in the baseline"
        )
    sources, previous, previous_score = list(projected.sources), projected.level, projected.score
    if level is None or previous is None:
        missing = (
            "not assessed in either year"
            if level is None and previous is None
            else "not assessed this year"
            if level is None
            else "not assessed in the baseline"
        )
        return Change.model_construct(
            direction=ChangeDirection.NOT_COMPARABLE,
            compared_with=sources,
            previous_level=previous,
            previous_score=previous_score,
            note=_join(projected.note, missing),
        )
    level_delta = Fraction(level) - exact(previous)
    score_delta: float | None = None
    if score is not None and previous_score is not None:
        score_delta = float(round_number(exact(score) - exact(previous_score), 2))
    return Change.model_construct(
        direction=_direction(level_delta),
        compared_with=sources,
        previous_level=previous,
        previous_score=previous_score,
        level_delta=round_number(level_delta, 2),
        score_delta=score_delta,
        note=projected.note,
    )


def overall_change(before: float | None, now: float | None) -> Change:
    """Return how the overall score moved (the overall grade has no level)."""
    if before is None or now is None:
        return Change.model_construct(
            direction=ChangeDirection.NOT_COMPARABLE,
            previous_score=before,
            note="no domain was assessed in "
            + (
                "either year"
                if before is None and now is None
                else "the baseline"
                if before is None
                else "this year"
            ),
        )
    delta = exact(now) - exact(before)
    return Change.model_construct(
        direction=_direction(delta),
        previous_score=before,
        score_delta=float(round_number(delta, 2)),
    )


def regression_failures(domains: Sequence[DomainResult], since: str) -> list[GateFailure]:
    """Return a ``regression`` gate failure for each domain whose level fell.

    Each message gives the old and new level and the indicators that fell with it.
    """
    failures = []
    for domain in domains:
        change = domain.change
        if change is None or change.direction is not ChangeDirection.DECLINED:
            continue
        fell = [
            f"{i.id} ({format_number(i.change.previous_level)} -> {i.effective_level})"
            for i in domain.indicators
            if i.change is not None and i.change.direction is ChangeDirection.DECLINED
        ]
        message = (
            f"{domain.id} {domain.title} fell from level "
            f"{format_number(change.previous_level)} to {domain.level} since {since}"
        )
        if change.note:
            message += f" ({change.note})"
        message += f"; indicators that fell: {', '.join(fell)}" if fell else ""
        failures.append(
            GateFailure.model_construct(kind="regression", domain=domain.id, message=message)
        )
    return failures


def check_comparable(
    baseline: Result, *, organisation: str, code: str, framework_id: str, period: str, source: str
) -> None:
    """Raise :class:`UsageError` unless ``baseline`` can be the baseline of this assessment.

    Both must be the same organisation (by code) and framework (by id), and the baseline's
    period must not come after this one.
    """
    if baseline.organisation_code != code:
        raise UsageError(
            f"the baseline {source} is for {baseline.organisation} (code "
            f"{baseline.organisation_code}), but the submission is for {organisation} "
            f"(code {code}); a baseline must be the same organisation's earlier assessment"
        )
    if baseline.framework.id != framework_id:
        raise UsageError(
            f"the baseline {source} was assessed against framework "
            f"{baseline.framework.id!r}, but the submission against {framework_id!r}; "
            "a baseline must use the same framework or an earlier version of it"
        )
    if baseline.period > period:
        raise UsageError(
            f"the baseline {source} is for {baseline.period}, after the submission's "
            f"period {period}; are the two files the wrong way round?"
        )


def baseline_info(baseline: Result, projection: Projection, source: str) -> BaselineInfo:
    """Return what a result records of the baseline it was compared with."""
    return BaselineInfo.model_construct(
        source=source,
        organisation=baseline.organisation,
        organisation_code=baseline.organisation_code,
        period=baseline.period,
        assessed_on=baseline.assessed_on,
        framework_id=baseline.framework.id,
        framework_version=baseline.framework.version,
        revision=projection.revision,
        new_domains=projection.new_domains,
        gone_domains=projection.gone_domains,
        new_indicators=projection.new_indicators,
        gone_indicators=projection.gone_indicators,
        basis=basis_of(baseline),
    )


def with_basis(change: Change, projected: Projected | None, basis: Basis | None) -> Change:
    """Mark a domain's change when its two years rest on different bases (else as it is)."""
    before = projected.basis if projected is not None else None
    if before is None or basis is None or before is basis:
        return change
    return change.model_copy(update={"previous_basis": before, "basis": basis})


def basis_warnings(changes: Sequence[tuple[str, Change | None]], since: str) -> list[str]:
    """Warn, once per pair of bases, of the domains whose years rest on different bases."""
    groups: dict[tuple[Basis, Basis], list[str]] = {}
    for domain_id, change in changes:
        if change is not None and change.previous_basis and change.basis:
            groups.setdefault((change.previous_basis, change.basis), []).append(domain_id)
    return [
        f"{', '.join(ids)}: {since} was {before.words}, this year {after.words}; the years "
        "were graded on different bases, so part of any change is the change of basis"
        for (before, after), ids in groups.items()
    ]


def baseline_warnings(
    baseline: Result, projection: Projection, source: str, period: str
) -> list[str]:
    """Return the warnings of a comparison: the revision's, and a baseline of the same period."""
    warnings = list(projection.warnings)
    if baseline.period == period:
        warnings.append(f"the baseline {source} is for the same period, {period}")
    return warnings


class Comparison:
    """A baseline carried onto the framework being graded: what the scorer asks of it.

    Made once per grading by :meth:`start`, which refuses a baseline that cannot be
    compared; then the scorer asks it for each domain's and indicator's change, the
    overall change, the regression gate's failures, the warnings and the baseline's record.
    """

    __slots__ = ("baseline", "fail_on_regression", "projection", "source")

    def __init__(
        self, baseline: Result, source: str, projection: Projection, fail_on_regression: bool
    ) -> None:
        self.baseline, self.source, self.projection = baseline, source, projection
        self.fail_on_regression = fail_on_regression

    @classmethod
    def start(
        cls,
        baseline: Result,
        source: str,
        onto: Layout,
        *,
        organisation: str,
        code: str,
        period: str,
        fail_on_regression: bool = False,
    ) -> Comparison:
        """Check that ``baseline`` can be compared, and carry it onto ``onto``'s ids."""
        check_comparable(
            baseline,
            organisation=organisation,
            code=code,
            framework_id=onto.framework.id,
            period=period,
            source=source,
        )
        return cls(baseline, source, project(baseline, onto), fail_on_regression)

    def change(
        self,
        kind: str,
        item_id: str,
        level: int | None,
        score: float | None,
        basis: Basis | None = None,
    ) -> Change:
        """Return how a domain or an indicator (``kind``) moved since the baseline.

        A domain's change records both bases when its two years rest on different ones.
        """
        found = self.projection.domains if kind == "domain" else self.projection.indicators
        projected = found.get(item_id)
        return with_basis(change_since(level, score, projected), projected, basis)

    def overall(self, score: float | None) -> Change:
        """Return how the overall score moved since the baseline."""
        return overall_change(self.baseline.overall.score, score)

    def failures(self, domains: Sequence[DomainResult]) -> list[GateFailure]:
        """Return the regression gate's failures (none unless ``--fail-on-regression``)."""
        if not self.fail_on_regression:
            return []
        return regression_failures(domains, self.baseline.period)

    def warnings(self, period: str, domains: Sequence[DomainResult] = ()) -> list[str]:
        """Return what the comparison warns of, for a result of ``period`` and its domains.

        With the domains, that includes those whose two years rest on different bases.
        """
        found = baseline_warnings(self.baseline, self.projection, self.source, period)
        changes = [(domain.id, domain.change) for domain in domains]
        return found + basis_warnings(changes, self.baseline.period)

    def info(self) -> BaselineInfo:
        """Return what the result records of the baseline."""
        return baseline_info(self.baseline, self.projection, self.source)
