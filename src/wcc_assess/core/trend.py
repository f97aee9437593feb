"""Trend building: several periods of one organisation's results -> a :class:`Trend`.

Pure: no I/O, no clock. The results may come in any order; they are sorted by period.
Every period is shown with the domain ids of the newest period's framework, carried over
through framework revision maps exactly as a baseline is (see :mod:`wcc_assess.core.compare`).
"""

from __future__ import annotations

from collections.abc import Sequence

from wcc_assess import __version__
from wcc_assess.core.compare import Layout, Projected, change_since, project, with_basis
from wcc_assess.core.panel import basis_of
from wcc_assess.errors import UsageError
from wcc_assess.models.result import Result
from wcc_assess.models.trend import DomainTrend, Trend, TrendPeriod, TrendPoint

__all__ = ["build_trend", "check_series"]


def _listing(named: Sequence[tuple[str, Result]]) -> str:
    return "; ".join(
        f"{name} ({result.organisation}, code {result.organisation_code}, "
        f"{result.framework.id} {result.framework.version})"
        for name, result in named
    )


def check_series(named: Sequence[tuple[str, Result]]) -> list[tuple[str, Result]]:
    """Return ``named`` (file name, result) sorted by period, or raise :class:`UsageError`.

    All results must be of one organisation (by code) and one framework (by id), and no
    period may appear twice; the message names the files at fault.
    """
    if not named:
        raise UsageError("a trend needs at least one submission or result")
    codes = {result.organisation_code for _, result in named}
    if len(codes) > 1:
        raise UsageError(
            "a trend is of one organisation, but these files are of "
            f"{len(codes)}: {_listing(named)}"
        )
    frameworks = {result.framework.id for _, result in named}
    if len(frameworks) > 1:
        raise UsageError(
            "a trend uses one framework (in any of its versions), but these "
            f"files use {len(frameworks)}: {_listing(named)}"
        )
    seen: dict[str, str] = {}
    for name, result in named:
        if result.period in seen:
            raise UsageError(
                f"the period {result.period} appears twice: in {seen[result.period]}"
                f" and in {name}; keep one assessment per period"
            )
        seen[result.period] = name
    return sorted(named, key=lambda item: item[1].period)


def _point(period: str, projected: Projected | None, version: str) -> TrendPoint:
    if projected is None:
        return TrendPoint(
            period=period,
            level=None,
            score=None,
            note=f"no counterpart in framework version {version}",
        )
    note = projected.note
    if projected.level is None:
        note = "; ".join(part for part in (note, "not assessed") if part)
    return TrendPoint(
        period=period,
        level=projected.level,
        score=projected.score,
        compared_with=list(projected.sources),
        note=note,
        basis=projected.basis,
    )


def _basis_warning(domain_id: str, points: list[TrendPoint]) -> list[str]:
    """Warn when a domain's years rest on different bases (once per domain, naming them)."""
    graded = [point for point in points if point.basis is not None]
    if len({point.basis for point in graded}) < 2:
        return []
    said = ", ".join(f"{p.period} {p.basis.words}" for p in graded if p.basis is not None)
    return [
        f"{domain_id}: graded on different bases ({said}); part of any change between those "
        "years is the change of basis"
    ]


def build_trend(named: Sequence[tuple[str, Result]], *, generated_at: str) -> Trend:
    """Return the trend of ``named`` (file name, result) pairs; see :func:`check_series`."""
    ordered = check_series(named)
    newest = ordered[-1][1]
    known = {result.framework.version: result.framework for _, result in ordered}
    layout = Layout.of_result(newest)
    projections = [project(result, layout, known) for _, result in ordered]
    periods = [
        TrendPeriod(
            period=result.period,
            source=name,
            assessed_on=result.assessed_on,
            framework_version=result.framework.version,
            overall_score=result.overall.score,
            overall_percent=result.overall.percent,
            band=result.overall.band,
            basis=basis_of(result),
            draft=result.draft,
            actions=result.actions.counts
            if result.actions is not None and result.actions.declared
            else None,
        )
        for name, result in ordered
    ]
    domains = []
    basis_notes: list[str] = []
    for domain in newest.domains:
        points = [
            _point(result.period, projection.domains.get(domain.id), result.framework.version)
            for (_, result), projection in zip(ordered, projections, strict=True)
        ]
        change = None
        if len(ordered) > 1:
            before = projections[-2].domains.get(domain.id)
            change = with_basis(
                change_since(domain.level, domain.score, before), before, points[-1].basis
            )
        basis_notes += _basis_warning(domain.id, points)
        domains.append(DomainTrend(id=domain.id, title=domain.title, points=points, change=change))
    retired = list(dict.fromkeys(gone for p in projections for gone in p.gone_domains))
    warnings = [
        f"{result.period}: {warning}"
        for (_, result), projection in zip(ordered, projections, strict=True)
        for warning in projection.warnings
    ] + basis_notes
    return Trend(
        tool=f"wcc-assess {__version__}",
        generated_at=generated_at,
        organisation=newest.organisation,
        organisation_code=newest.organisation_code,
        framework_id=newest.framework.id,
        framework_version=newest.framework.version,
        framework_title=newest.framework.title,
        scale=newest.framework.scale,
        periods=periods,
        domains=domains,
        retired=retired,
        warnings=warnings,
    )
