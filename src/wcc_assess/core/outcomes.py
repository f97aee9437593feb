"""Health outcome measures: year-by-year aspirations against actual values.

Pure: no I/O. From its second year WCC assurance asked each commissioner to set a
trajectory ("aspiration") for each of its outcome measures, year by year. Outcome figures
carry uncertainty (life expectancy is a three-year pooled figure with a confidence interval
wider than 0.1 years), so a year is judged with a **tolerance**:

- **on track** when the actual is at least as good as the aspiration in the measure's
  better direction (higher or lower);
- **within tolerance** when it is worse, but by no more than the tolerance;
- **off track** when it is worse by more than that (with no tolerance, any miss).

The tolerance is the measure's own, else the one the framework gives the measure (a
required one), else the framework's default, else none. It is an amount in the measure's
unit or a percentage of the aspiration. A measure's status is that of its latest year with
an actual. Figures are compared exactly as written (decimal), so ``79.3`` meets ``79.3``.

Each figure is filed under the financial year in which its data period ends; the **data
period** says what it covers (``2022-2024, pooled`` for life expectancy filed under
2024/25), and every report shows it.
"""

from __future__ import annotations

from decimal import Decimal

from wcc_assess.models.assurance import Better, DataPeriod, PeriodKind, Tolerance
from wcc_assess.models.framework import OutcomeRules, RequiredMeasure
from wcc_assess.models.result import (
    OutcomeMeasureResult,
    OutcomesResult,
    OutcomeStatus,
    OutcomeYear,
)
from wcc_assess.models.submission import OutcomeMeasure

__all__ = [
    "data_period_text",
    "on_track",
    "score_measure",
    "score_outcomes",
    "tolerance_amount",
    "tolerance_text",
    "year_status",
]


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


def tolerance_amount(tolerance: Tolerance | None, aspiration: float) -> Decimal | None:
    """Return the tolerance in the measure's unit for one year's aspiration (None: none)."""
    if tolerance is None:
        return None
    if tolerance.absolute is not None:
        return _exact(tolerance.absolute)
    assert tolerance.percent is not None
    return abs(_exact(aspiration)) * _exact(tolerance.percent) / 100


def year_status(
    actual: float, aspiration: float, better: Better, tolerance: Decimal | None
) -> OutcomeStatus:
    """Return a year's status: on track, within tolerance, or off track."""
    if on_track(actual, aspiration, better):
        return OutcomeStatus.ON_TRACK
    shortfall = abs(_exact(actual) - _exact(aspiration))
    if tolerance is not None and shortfall <= tolerance:
        return OutcomeStatus.WITHIN_TOLERANCE
    return OutcomeStatus.OFF_TRACK


def _number(value: Decimal | float) -> str:
    text = f"{value:f}" if isinstance(value, Decimal) else repr(float(value))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def tolerance_text(tolerance: Tolerance | None, unit: str) -> str | None:
    """Put a tolerance into words: ``0.3 years``, ``2% of the aspiration`` (None: none)."""
    if tolerance is None:
        return None
    if tolerance.absolute is not None:
        amount = _number(tolerance.absolute)
        return f"{amount} percentage points" if unit.strip() == "%" else f"{amount} {unit}"
    assert tolerance.percent is not None
    return f"{_number(tolerance.percent)}% of the aspiration"


def data_period_text(period: str, data: DataPeriod | None) -> str:
    """Say what the figure filed under financial year ``period`` covers.

    ``2024/25`` itself by default; ``2024`` for a calendar year (the one whose December
    falls in it); ``2022-2024, pooled`` for three calendar years pooled; ``2022/23 to
    2024/25, pooled`` for three financial years.
    """
    if data is None:
        return period
    first = int(period[:4])
    years = data.years
    if data.kind is PeriodKind.CALENDAR_YEAR:
        text = str(first) if years == 1 else f"{first - years + 1}-{first}"
    else:
        start = first - years + 1
        text = period if years == 1 else f"{start}/{(start + 1) % 100:02d} to {period}"
    return text if years == 1 else f"{text}, pooled"


def _year(
    period: str, measure: OutcomeMeasure, tolerance: Tolerance | None, data: DataPeriod | None
) -> OutcomeYear:
    aspiration = measure.trajectory[period]
    actual = measure.actuals.get(period)
    amount = tolerance_amount(tolerance, aspiration)
    return OutcomeYear.model_construct(
        period=period,
        aspiration=aspiration,
        actual=actual,
        status=OutcomeStatus.NO_ACTUAL
        if actual is None
        else year_status(actual, aspiration, measure.better, amount),
        difference=None if actual is None else float(_exact(actual) - _exact(aspiration)),
        tolerance=None if amount is None else float(amount),
        data_period=data_period_text(period, data),
    )


def _settings(
    measure: OutcomeMeasure, rules: OutcomeRules | None
) -> tuple[Tolerance | None, str | None, DataPeriod | None]:
    """Return the measure's tolerance, where it came from, and its data period."""
    required: RequiredMeasure | None = None
    if rules is not None:
        required = next((r for r in rules.required if r.id == measure.id), None)
    data = measure.data_period or (required.data_period if required else None)
    if measure.tolerance is not None:
        return measure.tolerance, "submission", data
    if required is not None and required.tolerance is not None:
        return required.tolerance, "framework", data
    if rules is not None and rules.default_tolerance is not None:
        return rules.default_tolerance, "framework-default", data
    return None, None, data


def score_measure(
    measure: OutcomeMeasure, required: bool = False, rules: OutcomeRules | None = None
) -> OutcomeMeasureResult:
    """Compare each year of a measure's trajectory with its actual, earliest year first.

    Actuals for years without an aspiration are ignored (the loader rejects them). A
    measure with no trajectory at all (the framework sets none) lists its actuals with the
    status ``no-aspiration``.
    """
    tolerance, source, data = _settings(measure, rules)
    years = [] if measure.trajectory else _actuals_only(measure)
    years += [_year(period, measure, tolerance, data) for period in sorted(measure.trajectory)]
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
        baseline_data_period=data_period_text(measure.baseline.period, data),
        tolerance=tolerance_text(tolerance, measure.unit),
        tolerance_source=source,
        years=years,
        status=latest.status if latest else OutcomeStatus.NO_ACTUAL,
        latest_period=latest.period if latest else None,
    )


def score_outcomes(
    rules: OutcomeRules | None, measures: list[OutcomeMeasure], warnings: list[str]
) -> OutcomesResult:
    """Score every measure; warn (into ``warnings``) when fewer than recommended are listed."""
    required = [measure.id for measure in rules.required] if rules else []
    results = [score_measure(measure, measure.id in required, rules) for measure in measures]
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
        within_tolerance=statuses.count(OutcomeStatus.WITHIN_TOLERANCE),
        off_track=statuses.count(OutcomeStatus.OFF_TRACK),
        no_actual=statuses.count(OutcomeStatus.NO_ACTUAL),
        no_aspiration=statuses.count(OutcomeStatus.NO_ASPIRATION),
        required=required,
        recommended_count=recommended,
    )
