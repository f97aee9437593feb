"""Outcomes with tolerance and period (issue 13): on track, within tolerance, off track.

Outcome figures carry uncertainty: life expectancy is a three-year pooled figure with a
confidence interval wider than 0.1 years, so 80.4 against an aspiration of 80.5 is not
simply "off track". Every expectation below is worked out by hand.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from wcc_assess.core.outcomes import (
    data_period_text,
    score_measure,
    tolerance_amount,
    tolerance_text,
    year_status,
)
from wcc_assess.models.assurance import Better, DataPeriod, PeriodKind, Tolerance
from wcc_assess.models.framework import OutcomeRules, RequiredMeasure
from wcc_assess.models.result import OutcomeStatus
from wcc_assess.models.submission import OutcomeMeasure

ON, WITHIN, OFF = OutcomeStatus.ON_TRACK, OutcomeStatus.WITHIN_TOLERANCE, OutcomeStatus.OFF_TRACK


@pytest.mark.parametrize(
    ("actual", "aspiration", "better", "tolerance", "status"),
    [
        (80.4, 80.5, Better.HIGHER, "0.3", WITHIN),  # the reviewer's case: 0.1 short
        (80.4, 80.5, Better.HIGHER, None, OFF),  # no tolerance: any miss is off track
        (80.2, 80.5, Better.HIGHER, "0.3", WITHIN),  # 0.3 short: the edge is within
        (80.1, 80.5, Better.HIGHER, "0.3", OFF),  # 0.4 short
        (80.5, 80.5, Better.HIGHER, "0.3", ON),
        (81.0, 80.5, Better.HIGHER, None, ON),
        (9.8, 9.6, Better.LOWER, "0.5", WITHIN),  # lower is better: 0.2 over
        (10.2, 9.6, Better.LOWER, "0.5", OFF),  # 0.6 over
        (9.1, 9.6, Better.LOWER, "0.5", ON),
    ],
)
def test_year_status(
    actual: float, aspiration: float, better: Better, tolerance: str | None, status: OutcomeStatus
) -> None:
    amount = Decimal(tolerance) if tolerance is not None else None
    assert year_status(actual, aspiration, better, amount) is status


def test_a_percentage_tolerance_is_of_each_years_aspiration() -> None:
    # 2% of 1375 is 27.5: 1402 is 27 over, within; 1% is 13.75: off track.
    assert tolerance_amount(Tolerance(percent=2), 1375) == Decimal("27.5")
    assert (
        year_status(1402, 1375, Better.LOWER, tolerance_amount(Tolerance(percent=2), 1375))
        is WITHIN
    )
    assert (
        year_status(1402, 1375, Better.LOWER, tolerance_amount(Tolerance(percent=1), 1375)) is OFF
    )


def test_a_bare_number_is_an_absolute_tolerance_and_both_are_refused() -> None:
    assert Tolerance.model_validate(0.3) == Tolerance(absolute=0.3)
    assert Tolerance.model_validate({"percent": 2}).percent == 2
    with pytest.raises(ValueError, match="not both"):
        Tolerance.model_validate({"absolute": 1, "percent": 2})


@pytest.mark.parametrize(
    ("period", "data", "text"),
    [
        ("2024/25", None, "2024/25"),
        ("2024/25", DataPeriod(), "2024/25"),
        ("2024/25", DataPeriod(kind=PeriodKind.CALENDAR_YEAR), "2024"),
        ("2024/25", DataPeriod(kind=PeriodKind.CALENDAR_YEAR, years=3), "2022-2024, pooled"),
        ("2024/25", DataPeriod(years=3), "2022/23 to 2024/25, pooled"),
        ("1999/00", DataPeriod(years=2), "1998/99 to 1999/00, pooled"),
    ],
)
def test_data_period_text(period: str, data: DataPeriod | None, text: str) -> None:
    assert data_period_text(period, data) == text


def test_tolerance_words() -> None:
    assert tolerance_text(Tolerance(absolute=0.3), "years") == "0.3 years"
    assert tolerance_text(Tolerance(absolute=0.5), "%") == "0.5 percentage points"
    assert tolerance_text(Tolerance(percent=2), "per 100,000") == "2% of the aspiration"
    assert tolerance_text(None, "years") is None


def _measure(**extra: Any) -> OutcomeMeasure:
    return OutcomeMeasure.model_validate(
        {
            "id": "life-expectancy",
            "name": "Life expectancy",
            "unit": "years",
            "better": "higher",
            "baseline": {"period": "2022/23", "value": 79.9},
            "trajectory": {"2024/25": 80.5, "2025/26": 80.7},
            "actuals": {"2024/25": 80.4},
            **extra,
        }
    )


def test_the_tolerance_comes_from_the_measure_then_the_framework() -> None:
    rules = OutcomeRules(
        required=[
            RequiredMeasure(
                id="life-expectancy",
                name="Life expectancy",
                tolerance=Tolerance(absolute=0.3),
                data_period=DataPeriod(kind=PeriodKind.CALENDAR_YEAR, years=3),
            )
        ],
        default_tolerance=Tolerance(absolute=0.05),
    )
    framework_own = score_measure(_measure(), True, rules)
    assert (framework_own.status, framework_own.tolerance, framework_own.tolerance_source) == (
        WITHIN,
        "0.3 years",
        "framework",
    )
    latest = framework_own.latest
    assert latest is not None and (latest.tolerance, latest.data_period) == (
        0.3,
        "2022-2024, pooled",
    )
    assert framework_own.baseline_data_period == "2020-2022, pooled"
    submitted = score_measure(_measure(tolerance=0.05), True, rules)
    assert (submitted.status, submitted.tolerance_source) == (OFF, "submission")
    other = score_measure(_measure(id="smoking"), False, rules)
    assert (other.status, other.tolerance_source) == (OFF, "framework-default")  # 0.1 > 0.05
    assert score_measure(_measure(), False, None).status is OFF  # no tolerance anywhere
