"""Each scoring rule of product.md §2, with expectations computed by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest
import yaml

from tests.conftest import MINI, evidence, mini_submission
from wcc_assess.core.numbers import months_before, round_half_up
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import UsageError
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import DomainStatus, GateStatus, Result, TargetSource
from wcc_assess.models.submission import Submission

OLD = "2020-01-01"  # more than 24 months before 2026-10-01
RECENT = "2026-01-10"


def framework(**scoring: Any) -> Framework:
    data = yaml.safe_load(MINI.read_text())
    data["scoring"].update(scoring)
    return Framework.model_validate(data)


def run(data: dict[str, Any], fw: Framework | None = None, target: int | None = None) -> Result:
    return score(
        fw or framework(),
        Submission.model_validate(data),
        ScoreOptions(generated_at="2026-01-01T00:00:00Z", target=target),
    )


def rated(level: int, items: int = 0, *, date: str = RECENT, **extra: Any) -> dict[str, Any]:
    return {"level": level, "evidence": evidence(items, date=date), **extra}


# Rule 1: the assessed level is the panel's when given.
def test_panel_level_replaces_claimed_level() -> None:
    result = run(mini_submission(A_1=rated(3, 2, panel_level=2, panel_note="thin")))
    a1 = result.domain("A").indicators[0]
    assert (a1.claimed_level, a1.panel_level, a1.assessed_level) == (3, 2, 2)
    assert a1.effective_level == 2 and not a1.capped
    assert a1.panel_note == "thin"


def test_panel_can_rate_higher_than_claim() -> None:
    a1 = run(mini_submission(A_1=rated(2, 2, panel_level=3))).domain("A").indicators[0]
    assert a1.assessed_level == 3 and a1.effective_level == 3


# Rule 2 and 3: evidence support and capping.
@pytest.mark.parametrize(
    ("claim", "items", "when", "effective", "rule_level"),
    [
        (1, 0, RECENT, 1, None),  # level 1 needs nothing
        (2, 0, RECENT, 1, 2),  # level 2 needs 1 item
        (2, 1, OLD, 2, None),  # ... of any age
        (3, 1, RECENT, 2, 3),  # level 3 needs 2 items
        (3, 2, OLD, 2, 3),  # ... at least 1 recent
        (3, 2, RECENT, 3, None),
        (4, 2, RECENT, 3, 4),  # level 4 needs 3 items
        (4, 3, RECENT, 4, None),
        (4, 3, OLD, 2, 3),  # old evidence only supports level 2
    ],
)
def test_evidence_caps_claims(
    claim: int, items: int, when: str, effective: int, rule_level: int | None
) -> None:
    a1 = run(mini_submission(A_1=rated(claim, items, date=when))).domain("A").indicators[0]
    assert a1.effective_level == effective
    assert a1.capped is (rule_level is not None)
    if rule_level is not None:
        assert a1.cap is not None and a1.cap.rule_level == rule_level
        assert f"level {rule_level} needs" in a1.cap.message
    else:
        assert a1.cap is None


def test_cap_message_names_rule_counts_and_cutoff() -> None:
    a1 = run(mini_submission(A_1=rated(3, 2, date=OLD))).domain("A").indicators[0]
    assert a1.cap is not None
    assert a1.cap.message == (
        "the claimed level 3 is capped at 2: level 3 needs 2 evidence items, at least 1 dated "
        "on or after 2024-10-01; 2 counted, 0 recent"
    )
    assert (a1.cap.counted, a1.cap.recent, a1.cap.min_items, a1.cap.min_recent) == (2, 0, 2, 1)


def test_duplicate_refs_count_once() -> None:
    items = [
        {"title": "Plan", "ref": "https://x/plan", "date": RECENT},
        {"title": "Plan again", "ref": "https://x/plan ", "date": RECENT},
    ]
    a1 = run(mini_submission(A_1={"level": 3, "evidence": items})).domain("A").indicators[0]
    assert a1.evidence_counted == 1
    assert [e.counted for e in a1.evidence] == [True, False]
    assert a1.evidence[1].note is not None and "counted once" in a1.evidence[1].note
    assert a1.effective_level == 2


def test_future_evidence_is_flagged_and_not_counted() -> None:
    items = [{"title": "Next year's plan", "ref": "p", "date": "2026-12-01"}]
    result = run(mini_submission(A_1={"level": 2, "evidence": items}))
    a1 = result.domain("A").indicators[0]
    assert a1.evidence_counted == 0 and a1.effective_level == 1 and a1.capped
    assert a1.evidence[0].counted is False
    assert "after the assessment" in (a1.evidence[0].note or "")
    assert any("A.1" in w and "2026-12-01" in w for w in result.warnings)


def test_evidence_on_the_assessment_day_counts() -> None:
    a1 = run(mini_submission(A_1=rated(2, 1, date="2026-10-01"))).domain("A").indicators[0]
    assert a1.evidence_counted == 1 and a1.evidence_recent == 1


def test_recent_window_boundary() -> None:
    assert months_before(date(2026, 10, 1), 24) == date(2024, 10, 1)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    on_edge = [
        {"title": "a", "ref": "a", "date": "2024-10-01"},
        {"title": "b", "ref": "b", "date": OLD},
    ]
    a1 = run(mini_submission(A_1={"level": 3, "evidence": on_edge})).domain("A").indicators[0]
    assert a1.evidence_recent == 1 and a1.effective_level == 3


# Rule 4: domain level (all-met and mean), score, percent, what holds it down.
def test_all_met_domain_level_score_and_percent() -> None:
    # A.1=3 (w1), A.2=2 (w3), A.3=4 (w1): all-met -> 2; score (3+6+4)/5 = 2.6
    data = mini_submission(A_1=rated(3, 2), A_2=rated(2, 1), A_3=rated(4, 3))
    a = run(data).domain("A")
    assert a.level == 2
    assert a.score == 2.6
    assert a.percent == 53.3  # (2.6 - 1) / 3 * 100 = 53.33
    assert a.limited_by == ["A.2"]
    assert [(s.indicator, s.next_level, s.descriptor) for s in a.next_steps] == [("A.2", 3, "a2-3")]


def test_mean_method_floors_the_weighted_mean() -> None:
    # A.1=3 (w1), A.2=3 (w3), A.3=1 (w1): mean 13/5 = 2.6 -> level 2; all-met would give 1
    data = mini_submission(A_1=rated(3, 2), A_2=rated(3, 2), A_3=rated(1))
    mean = run(data, framework(method="mean")).domain("A")
    assert (mean.level, mean.score, mean.limited_by) == (2, 2.6, ["A.3"])
    assert run(data).domain("A").level == 1


def test_mean_method_exact_integer_is_not_floored_down() -> None:
    data = mini_submission(A_1=rated(3, 2), A_2=rated(3, 2), A_3=rated(3, 2))
    assert run(data, framework(method="mean")).domain("A").level == 3


def test_domain_at_top_has_no_limits_or_next_steps() -> None:
    data = mini_submission(B_1=rated(4, 3), B_2=rated(4, 3))
    b = run(data).domain("B")
    assert (b.level, b.score, b.percent) == (4, 4.0, 100.0)
    assert b.limited_by == [] and b.next_steps == []


def test_next_step_names_the_evidence_gap_for_capped_indicators() -> None:
    b = run(mini_submission(B_1=rated(3, 1), B_2=rated(3, 2))).domain("B")
    assert b.level == 2 and b.limited_by == ["B.1"]
    step = b.next_steps[0]
    assert step.evidence_gap is not None and "level 3 needs 2 evidence items" in step.evidence_gap


def test_rounding_is_half_up() -> None:
    assert round_half_up(Fraction(2125, 1000), 2) == 2.13
    assert round_half_up(Fraction(2, 3), 1) == 0.7
    assert round_half_up(Fraction(1, 8), 2) == 0.13


# Rule 5: coverage and not-assessed.
def test_not_assessed_indicator_is_left_out_and_shown_as_coverage() -> None:
    # A.1=2 (w1), A.2=3 (w3): score (2 + 9) / 4 = 2.75
    data = mini_submission(
        A_1=rated(2, 1), A_2=rated(3, 2), A_3={"not_assessed": "data not yet available"}
    )
    a = run(data).domain("A")
    assert (a.coverage.assessed, a.coverage.total) == (2, 3)
    assert (a.level, a.score) == (2, 2.75)
    a3 = a.indicators[2]
    assert not a3.assessed and a3.not_assessed_reason == "data not yet available"
    assert a3.effective_level is None


def test_wholly_not_assessed_domain_is_left_out_of_overall_but_shown() -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "new team in post"}
    result = run(data)
    b = result.domain("B")
    assert b.status is DomainStatus.NOT_ASSESSED and b.level is None and b.score is None
    assert b.not_assessed_reason == "new team in post"
    assert (b.coverage.assessed, b.coverage.total) == (0, 2)
    assert result.overall.score == 2.0
    assert (result.overall.coverage.assessed, result.overall.coverage.total) == (1, 2)
    assert [d.id for d in result.domains] == ["A", "B"]


def test_domain_whose_indicators_are_all_skipped_is_not_assessed() -> None:
    data = mini_submission(B_1={"not_assessed": "x"}, B_2={"not_assessed": "y"})
    b = run(data).domain("B")
    assert b.status is DomainStatus.NOT_ASSESSED
    assert b.not_assessed_reason == "none of its indicators was assessed"


def test_nothing_assessed_gives_no_overall() -> None:
    data = mini_submission()
    data["domains"] = {"A": {"not_assessed": "x"}, "B": {"not_assessed": "y"}}
    overall = run(data).overall
    assert overall.score is None and overall.band is None


# Rule 6: overall score, percent, band.
def test_overall_is_weighted_mean_of_domain_scores() -> None:
    # A: 2.6 (weight 2); B: (2 + 3) / 2 = 2.5 (weight 1) -> (5.2 + 2.5) / 3 = 2.5667
    data = mini_submission(A_1=rated(3, 2), A_2=rated(2, 1), A_3=rated(4, 3), B_2=rated(3, 2))
    overall = run(data).overall
    assert overall.score == 2.57
    assert overall.percent == 52.2  # (2.5667 - 1) / 3 * 100 = 52.22
    # The band follows the levels, not the percent: A is at 2 (A.2), B at 2 (B.1): every
    # domain at 2, none most at 3 -> Developing (the percent alone would once have read
    # "Strong").
    assert overall.band == "Developing"
    assert [(c.level, c.count) for c in overall.profile] == [(4, 0), (3, 0), (2, 2), (1, 0)]
    assert overall.capped_count == 0
    assert (overall.indicator_coverage.assessed, overall.indicator_coverage.total) == (5, 5)


@pytest.mark.parametrize(
    ("levels", "band"),
    [((1, 1), "Weak"), ((2, 2), "Developing"), ((3, 3), "Strong"), ((4, 4), "Excellent")],
)
def test_bands(levels: tuple[int, int], band: str) -> None:
    n = {1: 0, 2: 1, 3: 2, 4: 3}
    ratings = {k: rated(levels[0], n[levels[0]]) for k in ("A_1", "A_2", "A_3")}
    ratings |= {k: rated(levels[1], n[levels[1]]) for k in ("B_1", "B_2")}
    assert run(mini_submission(**ratings)).overall.band == band


def test_a_high_percent_never_lifts_the_band_above_the_levels() -> None:
    # A: (4 + 9 + 4) / 5 = 3.4; B: 3.5 -> (6.8 + 3.5) / 3 = 3.4333, 81.1%: once "Excellent".
    # The levels are A 3 and B 3 (all-met), and Excellent needs every domain at 4.
    fw = framework()
    data = mini_submission(
        A_1=rated(4, 3), A_2=rated(3, 2), A_3=rated(4, 3), B_1=rated(4, 3), B_2=rated(3, 2)
    )
    overall = run(data, fw).overall
    assert overall.percent == 81.1 and overall.band == "Strong"
    # A domain not assessed reaches no level: "every domain at 2" cannot hold.
    only_a = mini_submission(A_1=rated(4, 3), A_2=rated(3, 2), A_3=rated(4, 3))
    only_a["domains"]["B"] = {"not_assessed": "x"}
    assert run(only_a, fw).overall.percent == 80.0
    assert run(only_a, fw).overall.band == "Weak"
    assert run(only_a, fw).overall.not_assessed == 1


# Rule 7: targets and their precedence; the gate.
def test_no_target_means_no_gate() -> None:
    result = run(mini_submission())
    assert all(d.status is DomainStatus.NO_TARGET for d in result.domains)
    assert result.gate.status is GateStatus.NONE and result.gate.failures == []


def test_target_precedence() -> None:
    data = mini_submission()
    fw = framework(default_target=1)
    a = run(data, fw).domain("A")
    assert (a.target, a.target_source) == (1, TargetSource.FRAMEWORK_DEFAULT)
    data["targets"] = {"default": 2}
    a = run(data, fw).domain("A")
    assert (a.target, a.target_source) == (2, TargetSource.SUBMISSION_DEFAULT)
    data["targets"] = {"default": 2, "A": 3}
    result = run(data, fw)
    assert (result.domain("A").target, result.domain("A").target_source) == (
        3,
        TargetSource.SUBMISSION_DOMAIN,
    )
    assert result.domain("B").target_source is TargetSource.SUBMISSION_DEFAULT
    result = run(data, fw, target=1)
    assert {(d.target, d.target_source) for d in result.domains} == {(1, TargetSource.COMMAND_LINE)}


def test_gate_fails_for_domains_below_target() -> None:
    data = mini_submission(A_1=rated(3, 2), A_2=rated(3, 2), A_3=rated(3, 2))
    data["targets"] = {"default": 3}
    result = run(data)
    assert result.domain("A").status is DomainStatus.MET
    assert result.domain("B").status is DomainStatus.BELOW
    assert result.gate.status is GateStatus.FAILED
    assert [(f.kind, f.domain) for f in result.gate.failures] == [("below-target", "B")]
    assert result.gate.failures[0].message == (
        "B Beta is at level 2, below its target of 3; held down by B.1, B.2"
    )


def test_gate_passes_when_targets_met() -> None:
    result = run(mini_submission(), target=2)
    assert result.gate.status is GateStatus.PASSED


def test_not_assessed_domain_without_a_target_does_not_fail_the_gate() -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "x"}
    data["targets"] = {"A": 2}
    result = run(data)
    assert result.domain("B").status is DomainStatus.NOT_ASSESSED
    assert result.gate.status is GateStatus.PASSED


def test_not_assessed_domain_with_a_target_is_not_evidenced_and_fails_the_gate() -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "x"}
    result = run(data, target=2)
    assert result.domain("B").status is DomainStatus.NOT_EVIDENCED
    assert result.gate.status is GateStatus.FAILED
    assert [(f.kind, f.domain) for f in result.gate.failures] == [("not-evidenced", "B")]
    assert result.gate.failures[0].message == (
        "B Beta has a target of 2 but was not assessed (x): not evidenced"
    )


# Rule 8: next steps for domains below the top of the scale.
def test_next_steps_use_next_level_descriptors_of_limiting_indicators() -> None:
    data = mini_submission(B_1=rated(1), B_2=rated(3, 2))
    b = run(data).domain("B")
    assert b.level == 1 and b.limited_by == ["B.1"]
    assert [(s.indicator, s.current_level, s.next_level, s.descriptor) for s in b.next_steps] == [
        ("B.1", 1, 2, "b1-2")
    ]


def test_score_is_pure_and_deterministic() -> None:
    data = mini_submission(A_1=rated(3, 2))
    assert run(data).model_dump_json() == run(data).model_dump_json()


def test_cli_target_off_scale_is_rejected() -> None:
    # The scorer's check is the one --target check of every command (a usage error).
    with pytest.raises(UsageError, match="not on the mini scale"):
        run(mini_submission(), target=9)
