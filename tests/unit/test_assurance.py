"""Panel moderation, governance ratings and outcome trajectories, computed by hand."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, evidence, mini_submission
from wcc_assess.core.governance import area_rating
from wcc_assess.core.numbers import round_signed
from wcc_assess.core.outcomes import on_track, score_measure, score_outcomes
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.models.assurance import Better, Rag
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import GateStatus, OutcomeStatus, Result
from wcc_assess.models.submission import OutcomeMeasure, Submission

MINI_ASSURANCE = DATA / "frameworks" / "mini-assurance.yaml"


def framework(**changes: Any) -> Framework:
    data = yaml.safe_load(MINI_ASSURANCE.read_text())
    for key, value in changes.items():
        data[key] = value
    return Framework.model_validate(data)


def submission(**extra: Any) -> dict[str, Any]:
    data = mini_submission()
    data["framework"] = "mini-assurance"
    data.update(extra)
    return data


def run(data: dict[str, Any], fw: Framework | None = None, **options: Any) -> Result:
    return score(
        fw or framework(),
        Submission.model_validate(data),
        ScoreOptions(generated_at="2026-01-01T00:00:00Z", **options),
    )


def rated(level: int, panel: int | None = None, items: int = 3) -> dict[str, Any]:
    entry: dict[str, Any] = {"level": level, "evidence": evidence(items)}
    if panel is not None:
        entry["panel_level"] = panel
    return entry


def rag(rating: str, panel: str | None = None, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"rating": rating, **extra}
    if panel is not None:
        entry["panel_rating"] = panel
    return entry


def governance(
    g1: Any = "green", g2: Any = "green", h1: Any = "green", h2: Any = "green", h3: Any = "green"
) -> dict[str, Any]:
    def entry(value: Any) -> dict[str, Any]:
        return rag(value) if isinstance(value, str) else value

    return {
        "G": {"G.1": entry(g1), "G.2": entry(g2)},
        "H": {"H.1": entry(h1), "H.2": entry(h2), "H.3": entry(h3)},
    }


# Panel moderation: the self-vs-panel gap per indicator and the calibration gap per domain.
def test_indicator_gap_and_flag() -> None:
    result = run(
        submission(
            domains={
                "A": {"A.1": rated(3, panel=1), "A.2": rated(2, panel=3), "A.3": rated(4, panel=2)},
                "B": {"B.1": rated(2), "B.2": rated(2, panel=2)},
            }
        )
    )
    a1, a2, a3 = result.domain("A").indicators
    assert (a1.panel_gap, a1.panel_flag) == (2, True)
    assert (a2.panel_gap, a2.panel_flag) == (-1, False)
    assert (a3.panel_gap, a3.panel_flag) == (2, True)
    b1, b2 = result.domain("B").indicators
    assert (b1.panel_gap, b1.panel_flag) == (None, False)
    assert (b2.panel_gap, b2.panel_flag) == (0, False)


def test_domain_calibration_gap_over_indicators_the_panel_rated() -> None:
    # A: self 3 and 2 (mean 2.5) against panel 1 and 3 (mean 2); A.3 unrated is left out.
    result = run(
        submission(
            domains={
                "A": {"A.1": rated(3, panel=1), "A.2": rated(2, panel=3), "A.3": rated(4)},
                "B": {"B.1": rated(2), "B.2": rated(2)},
            }
        )
    )
    a, b = result.domain("A"), result.domain("B")
    assert (a.panel_rated, a.calibration_gap) == (2, 0.5)
    assert (b.panel_rated, b.calibration_gap) == (0, None)


@pytest.mark.parametrize(
    ("pairs", "gap"),
    [
        ([(3, 2), (2, 2), (2, 2)], 0.33),  # self 7/3 - panel 6/3 = 1/3
        ([(3, 2), (3, 2), (2, 2)], 0.67),  # 8/3 - 6/3 = 2/3
        ([(3, 1), (3, 2), (2, 2)], 1.0),  # 8/3 - 5/3 = 1
        ([(1, 2), (1, 2), (2, 2)], -0.67),  # 4/3 - 6/3 = -2/3: the panel rated higher
        ([(4, 2), (3, 2), (3, 3)], 1.0),  # 10/3 - 7/3 = 1
        ([(2, 2), (3, 3), (4, 4)], 0.0),
    ],
)
def test_calibration_gap_rounding(pairs: list[tuple[int, int]], gap: float) -> None:
    result = run(
        submission(
            domains={
                "A": {
                    f"A.{n + 1}": rated(own, panel=panel) for n, (own, panel) in enumerate(pairs)
                },
                "B": {"B.1": rated(2), "B.2": rated(2)},
            }
        )
    )
    assert result.domain("A").calibration_gap == gap


def test_round_signed_is_half_away_from_zero() -> None:
    assert round_signed(Fraction(1, 8), 2) == 0.13
    assert round_signed(Fraction(-1, 8), 2) == -0.13
    assert round_signed(Fraction(-1, 3), 2) == -0.33
    assert round_signed(Fraction(0), 2) == 0.0


def test_panel_summary() -> None:
    panel = {
        "date": "2026-11-18",
        "members": [
            {"name": "Ann Expert", "role": "independent expert"},
            {"name": "Cllr Bea", "role": "local government"},
        ],
    }
    result = run(
        submission(
            panel=panel,
            domains={
                "A": {"A.1": rated(3, panel=1), "A.2": rated(2, panel=2), "A.3": rated(4)},
                "B": {"B.1": rated(2, panel=3), "B.2": rated(2)},
            },
        )
    )
    summary = result.panel
    assert summary is not None
    assert summary.date is not None and summary.date.isoformat() == "2026-11-18"
    assert [(m.name, m.role) for m in summary.members] == [
        ("Ann Expert", "independent expert"),
        ("Cllr Bea", "local government"),
    ]
    # self 3 + 2 + 2 = 7, panel 1 + 2 + 3 = 6 over 3 indicators: 1/3
    assert (summary.indicators_rated, summary.indicators_changed) == (3, 2)
    assert summary.flagged == ["A.1"]
    assert summary.calibration_gap == 0.33
    assert result.warnings == []


def test_no_panel_means_no_summary() -> None:
    assert run(submission()).panel is None


def test_panel_levels_without_panel_block_still_summarised() -> None:
    summary = run(
        submission(
            domains={
                "A": {"A.1": rated(2, panel=2), "A.2": rated(2), "A.3": rated(2)},
                "B": {"B.1": rated(2), "B.2": rated(2)},
            }
        )
    ).panel
    assert summary is not None and summary.members == [] and summary.date is None
    assert (summary.indicators_rated, summary.calibration_gap) == (1, 0.0)


def test_panel_before_self_assessment_is_warned() -> None:
    panel = {"date": "2026-09-01", "members": [{"name": "A", "role": "clinician"}]}
    result = run(submission(panel=panel))
    assert result.panel is not None and result.panel.indicators_rated == 0
    assert result.warnings == [
        "panel: the panel met on 2026-09-01, before the self-assessment date 2026-10-01"
    ]


# Governance: area roll-up and points.
@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], None),
        ([Rag.GREEN], Rag.GREEN),
        ([Rag.GREEN, Rag.GREEN, Rag.GREEN], Rag.GREEN),
        ([Rag.GREEN, Rag.AMBER], Rag.AMBER),
        ([Rag.AMBER, Rag.AMBER], Rag.AMBER),
        ([Rag.GREEN, Rag.AMBER, Rag.RED], Rag.RED),
        ([Rag.RED], Rag.RED),
    ],
)
def test_area_rating(ratings: list[Rag], expected: Rag | None) -> None:
    assert area_rating(ratings) is expected


def test_governance_aggregation_and_points() -> None:
    result = run(
        submission(
            governance=governance(
                g1="green", g2="amber", h1="red", h2="green", h3={"not_assessed": "new post"}
            )
        )
    )
    gov = result.governance
    assert gov is not None
    g, h = gov.areas
    assert (g.rating, g.points, g.coverage.assessed, g.coverage.total) == (Rag.AMBER, 1, 2, 2)
    assert (g.sub_indicator_points, g.sub_indicator_points_max) == (3, 4)  # 2 + 1 of 2 x 2
    assert (h.rating, h.points, h.coverage.assessed, h.coverage.total) == (Rag.RED, 0, 2, 3)
    assert (h.sub_indicator_points, h.sub_indicator_points_max) == (2, 4)  # 0 + 2 of 2 x 2
    assert h.red_sub_indicators == ["H.1"]
    assert (h.counts.red, h.counts.amber, h.counts.green) == (1, 0, 1)
    h3 = h.sub_indicators[2]
    assert (h3.assessed, h3.not_assessed_reason, h3.rating, h3.points) == (
        False,
        "new post",
        None,
        None,
    )
    assert (gov.points, gov.points_max) == (1, 4)  # amber 1 + red 0, of 2 areas x 2
    assert (gov.counts.red, gov.counts.amber, gov.counts.green) == (1, 1, 0)
    assert (gov.all_green, gov.all_red) == (False, False)
    assert g.sub_indicators[1].descriptor == "g2-a"


def test_panel_rating_replaces_self_rating() -> None:
    result = run(
        submission(governance=governance(g1=rag("green", panel="red", panel_note="no plan seen")))
    )
    assert result.governance is not None
    g = result.governance.areas[0]
    g1 = g.sub_indicators[0]
    assert (g1.self_rating, g1.panel_rating, g1.rating, g1.points) == (
        Rag.GREEN,
        Rag.RED,
        Rag.RED,
        0,
    )
    assert g1.panel_note == "no plan seen" and g1.descriptor == "g1-r"
    assert g.rating is Rag.RED


def test_all_green_and_all_red() -> None:
    green = run(submission(governance=governance())).governance
    assert green is not None and (green.all_green, green.all_red) == (True, False)
    assert (green.points, green.points_max) == (4, 4)
    red = run(submission(governance=governance(g1="red", h3="red"))).governance
    assert red is not None and (red.all_green, red.all_red) == (False, True)


def test_area_not_assessed_is_coverage_not_green() -> None:
    data = governance()
    data["H"] = {"not_assessed": "the board was reconstituted in September"}
    gov = run(submission(governance=data)).governance
    assert gov is not None
    h = gov.areas[1]
    assert (h.assessed, h.rating, h.not_assessed_reason) == (
        False,
        None,
        "the board was reconstituted in September",
    )
    assert [item.not_assessed_reason for item in h.sub_indicators] == [
        "the board was reconstituted in September"
    ] * 3
    assert (gov.coverage.assessed, gov.coverage.total) == (1, 2)
    assert (gov.points, gov.points_max, gov.all_green) == (2, 2, False)


def test_points_come_from_the_framework() -> None:
    data = yaml.safe_load(MINI_ASSURANCE.read_text())["governance"]
    data["points"] = {"red": 0, "amber": 3, "green": 5}
    gov = run(submission(governance=governance(g2="amber")), framework(governance=data)).governance
    assert gov is not None
    assert (gov.areas[0].points, gov.areas[1].points, gov.points, gov.points_max) == (3, 5, 8, 10)
    assert gov.points_scale.amber == 3


def test_governance_evidence_is_scored_like_competency_evidence() -> None:
    late = {"title": "Late", "ref": "late", "date": "2026-12-01"}
    result = run(submission(governance=governance(g1=rag("green", evidence=[*evidence(1), late]))))
    assert result.governance is not None
    items = result.governance.areas[0].sub_indicators[0].evidence
    assert [(item.counted, item.note is None) for item in items] == [(True, True), (False, False)]
    assert result.warnings == [
        "G.1: evidence 'Late' is dated 2026-12-01, after the assessment "
        "date 2026-10-01; it was not counted"
    ]


def test_no_governance_section_means_no_governance_result() -> None:
    assert run(submission()).governance is None


# The --fail-on-red gate.
def test_red_area_fails_the_gate_only_when_asked() -> None:
    data = submission(governance=governance(h1="red", h3="red", g2="amber"))
    assert run(data).gate.status is GateStatus.NONE
    gate = run(data, fail_on_red=True).gate
    assert gate.status is GateStatus.FAILED
    assert [(f.kind, f.domain, f.sub_indicators) for f in gate.failures] == [
        ("governance-red", "H", ["H.1", "H.3"])
    ]
    assert gate.failures[0].message == "Aitch governance (H) is red: H.1 and H.3 are rated red"


def test_fail_on_red_passes_without_red_and_adds_to_target_failures() -> None:
    assert (
        run(submission(governance=governance(g1="amber")), fail_on_red=True).gate.status
        is GateStatus.PASSED
    )
    gate = run(
        submission(governance=governance(h2="red"), targets={"default": 3}), fail_on_red=True
    ).gate
    assert [(f.kind, f.domain) for f in gate.failures] == [
        ("below-target", "A"),
        ("below-target", "B"),
        ("governance-red", "H"),
    ]


def test_fail_on_red_without_governance_warns() -> None:
    result = run(submission(), fail_on_red=True)
    assert result.gate.status is GateStatus.NONE
    assert result.warnings == [
        "--fail-on-red has nothing to check: the submission has no governance section"
    ]


# Outcomes: on or off track against the trajectory.
@pytest.mark.parametrize(
    ("better", "actual", "aspiration", "expected"),
    [
        (Better.HIGHER, 80.4, 80.4, True),  # equal is on track
        (Better.HIGHER, 80.5, 80.4, True),
        (Better.HIGHER, 80.3, 80.4, False),
        (Better.LOWER, 9.4, 9.4, True),
        (Better.LOWER, 9.3, 9.4, True),
        (Better.LOWER, 9.5, 9.4, False),
        (Better.HIGHER, 0.3, 0.3, True),
        (Better.LOWER, 1402, 1375, False),
    ],
)
def test_on_track(better: Better, actual: float, aspiration: float, expected: bool) -> None:
    assert on_track(actual, aspiration, better) is expected


def measure(better: str = "higher", **fields: Any) -> OutcomeMeasure:
    data: dict[str, Any] = {
        "id": "le",
        "name": "Life expectancy",
        "unit": "years",
        "better": better,
        "baseline": {"period": "2023/24", "value": 80.0},
        "trajectory": {"2026/27": 80.6, "2024/25": 80.2, "2025/26": 80.4},
        "actuals": {"2024/25": 80.3, "2025/26": 80.35},
    }
    data.update(fields)
    return OutcomeMeasure.model_validate(data)


def test_higher_is_better_measure_year_by_year() -> None:
    result = score_measure(measure(), required=True)
    assert [(y.period, y.aspiration, y.actual, y.status, y.difference) for y in result.years] == [
        ("2024/25", 80.2, 80.3, OutcomeStatus.ON_TRACK, 0.1),
        ("2025/26", 80.4, 80.35, OutcomeStatus.OFF_TRACK, -0.05),
        ("2026/27", 80.6, None, OutcomeStatus.NO_ACTUAL, None),
    ]
    assert (result.status, result.latest_period, result.required) == (
        OutcomeStatus.OFF_TRACK,
        "2025/26",
        True,
    )
    assert (result.baseline_period, result.baseline_value) == ("2023/24", 80.0)


def test_lower_is_better_measure() -> None:
    result = score_measure(
        measure(
            "lower",
            trajectory={"2024/25": 9.6, "2025/26": 9.4},
            actuals={"2024/25": 9.7, "2025/26": 9.4},
        )
    )
    assert [(y.status, y.difference) for y in result.years] == [
        (OutcomeStatus.OFF_TRACK, 0.1),
        (OutcomeStatus.ON_TRACK, 0.0),
    ]
    assert result.status is OutcomeStatus.ON_TRACK  # the latest year counts


def test_measure_without_actuals() -> None:
    result = score_measure(measure(actuals={}))
    assert (result.status, result.latest_period) == (OutcomeStatus.NO_ACTUAL, None)
    assert all(y.status is OutcomeStatus.NO_ACTUAL for y in result.years)


def test_outcome_counts_required_and_recommended() -> None:
    rules = framework().outcomes
    warnings: list[str] = []
    result = score_outcomes(
        rules,
        [
            measure(),  # le: off track
            measure("lower", id="gap", trajectory={"2025/26": 9.4}, actuals={"2025/26": 9.0}),
        ],
        warnings,
    )
    assert (result.on_track, result.off_track, result.no_actual) == (1, 1, 0)
    assert [m.required for m in result.measures] == [True, True]
    assert (result.required, result.recommended_count) == (["le", "gap"], 3)
    assert warnings == ["outcomes: 2 measures listed; the framework recommends 3"]


def test_enough_measures_no_warning() -> None:
    warnings: list[str] = []
    result = score_outcomes(
        framework().outcomes,
        [measure(), measure(id="gap"), measure(id="local", actuals={})],
        warnings,
    )
    assert warnings == [] and result.no_actual == 1
    assert [m.required for m in result.measures] == [True, True, False]


def test_outcomes_in_the_result() -> None:
    le = measure().model_dump()
    gap = measure("lower", id="gap").model_dump()
    result = run(submission(outcomes=[le, gap]))
    assert result.outcomes is not None
    assert [m.id for m in result.outcomes.measures] == ["le", "gap"]
    assert "outcomes: 2 measures listed; the framework recommends 3" in result.warnings
    assert run(submission()).outcomes is None
