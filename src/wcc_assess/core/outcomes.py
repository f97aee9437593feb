"""Health outcome measures: year-by-year aspirations against actual values.

Pure: no I/O. From its second year WCC assurance asked each commissioner to set a
trajectory ("aspiration") for each of its outcome measures, year by year. Here a year is
**on track** when the actual is at least as good as the aspiration in the measure's better
direction (higher or lower), and a measure's status is that of its latest year with an
actual. Figures are compared exactly as written (decimal), so ``79.3`` meets ``79.3``.
"""

from __future__ import annotations

from decimal import Decimal

from wcc_assess.models.assurance import Better
from wcc_assess.models.framework import OutcomeRules
from wcc_assess.models.result import (
    OutcomeMeasureResult,
    OutcomesResult,
    OutcomeStatus,
    OutcomeYear,
)
from wcc_assess.models.submission import OutcomeMeasure

__all__ = ["on_track", "score_measure", "score_outcomes"]


def _exact(value: float) -> Decimal:
    """Return the value as written in the file (YAML floats round-trip through repr)."""
    return Decimal(repr(value))


def on_track(actual: float, aspiration: float, better: Better) -> bool:
    """Tell whether ``actual`` is at least as good as ``aspiration`` in the ``better`` direction."""
    if better is Better.HIGHER:
        return _exact(actual) >= _exact(aspiration)
    return _exact(actual) <= _exact(aspiration)


def _actuals_only(measure: OutcomeMeasure) -> list[OutcomeYear]:
    """Return the years of a measure without a trajectory: its actuals, none judged."""
    return [
        OutcomeYear.model_construct(
            period=period, actual=measure.actuals[period], status=OutcomeStatus.NO_ASPIRATION
        )
        for period in sorted(measure.actuals)
    ]


def score_measure(measure: OutcomeMeasure, required: bool = False) -> OutcomeMeasureResult:
    """Compare each year of a measure's trajectory with its actual, earliest year first.

    Actuals for years without an aspiration are ignored (the loader rejects them). A
    measure with no trajectory at all (the framework sets none) lists its actuals with the
    status ``no-aspiration``.
    """
    years: list[OutcomeYear] = [] if measure.trajectory else _actuals_only(measure)
    for period in sorted(measure.trajectory):
        aspiration = measure.trajectory[period]
        actual = measure.actuals.get(period)
        if actual is None:
            years.append(
                OutcomeYear.model_construct(
                    period=period, aspiration=aspiration, status=OutcomeStatus.NO_ACTUAL
                )
            )
            continue
        status = (
            OutcomeStatus.ON_TRACK
            if on_track(actual, aspiration, measure.better)
            else OutcomeStatus.OFF_TRACK
        )
        years.append(
            OutcomeYear.model_construct(
                period=period,
                aspiration=aspiration,
                actual=actual,
                status=status,
                difference=float(_exact(actual) - _exact(aspiration)),
            )
        )
    measured = [year for year in years if year.actual is not None]
    latest = measured[-1] if measured else None
    return OutcomeMeasureResult.model_construct(
        id=measure.id,
        name=measure.name,
        unit=measure.unit,
        better=measure.better,
        source=measure.source,
        required=required,
        baseline_period=measure.baseline.period,
        baseline_value=measure.baseline.value,
        years=years,
        status=latest.status if latest else OutcomeStatus.NO_ACTUAL,
        latest_period=latest.period if latest else None,
    )


def score_outcomes(
    rules: OutcomeRules | None, measures: list[OutcomeMeasure], warnings: list[str]
) -> OutcomesResult:
    """Score every measure; warn (into ``warnings``) when fewer than recommended are listed."""
    required = [measure.id for measure in rules.required] if rules else []
    results = [score_measure(measure, measure.id in required) for measure in measures]
    recommended = rules.recommended_count if rules else None
    if recommended is not None and len(results) < recommended:
        warnings.append(
            f"outcomes: {len(results)} measure{'s' if len(results) != 1 else ''} "
            f"listed; the framework recommends {recommended}"
        )
    statuses = [result.status for result in results]
    return OutcomesResult.model_construct(
        measures=results,
        on_track=statuses.count(OutcomeStatus.ON_TRACK),
        off_track=statuses.count(OutcomeStatus.OFF_TRACK),
        no_actual=statuses.count(OutcomeStatus.NO_ACTUAL),
        no_aspiration=statuses.count(OutcomeStatus.NO_ASPIRATION),
        required=required,
        recommended_count=recommended,
    )
