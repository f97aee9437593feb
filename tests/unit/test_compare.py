"""Baseline comparison and framework revision maps, with hand-computed expectations."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml

from tests.conftest import MINI, evidence, mini_submission
from wcc_assess.core.compare import Layout, format_number, project, revision_chain
from wcc_assess.core.scoring import Baseline, ScoreOptions, score
from wcc_assess.errors import UsageError
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import ChangeDirection, GateStatus, Result
from wcc_assess.models.submission import Submission

MINI_DATA: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
RECENT = "2026-01-10"


def rated(level: int, items: int | None = None) -> dict[str, Any]:
    return {"level": level, "evidence": evidence(level if items is None else items)}


def framework(data: dict[str, Any] | None = None) -> Framework:
    return Framework.model_validate(data or MINI_DATA)


def result(data: dict[str, Any], fw: Framework | None = None, **options: Any) -> Result:
    return score(
        fw or framework(),
        Submission.model_validate(data),
        ScoreOptions(generated_at="2026-01-01T00:00:00Z", source="new.yaml", **options),
    )


def compare(
    baseline: Result,
    data: dict[str, Any],
    fw: Framework | None = None,
    *,
    baseline_source: str | None = None,
    fail_on_regression: bool = False,
    **options: Any,
) -> Result:
    """Score ``data`` against ``baseline``: the scorer compares in the same pass."""
    return result(
        data, fw, baseline=Baseline(baseline, baseline_source, fail_on_regression), **options
    )


def last_year(**ratings: Any) -> dict[str, Any]:
    data = mini_submission(**ratings)
    data.update(period="2025/26", assessed_on="2025-10-01")
    for domain in data["domains"].values():
        for entry in domain.values():
            for item in entry.get("evidence", []):
                item["date"] = "2025-06-01"
    return data


def indicator(res: Result, indicator_id: str) -> Any:
    return next(i for d in res.domains for i in d.indicators if i.id == indicator_id)


# Same framework version: ids match as they are.
def test_changes_per_domain_indicator_and_overall() -> None:
    baseline = result(last_year())  # every indicator at 2
    compared = compare(baseline, mini_submission(A_1=rated(3)))
    a, b = compared.domain("A"), compared.domain("B")
    # A: level min(3, 2, 2) = 2, unchanged; score (1*3 + 3*2 + 1*2) / 5 = 2.2, was 2.0.
    assert a.change is not None and a.change.direction is ChangeDirection.UNCHANGED
    assert (a.change.previous_level, a.change.level_delta) == (2, 0)
    assert (a.change.previous_score, a.change.score_delta) == (2.0, 0.2)
    assert a.change.compared_with == ["A"] and a.change.note is None
    a1 = indicator(compared, "A.1").change
    assert (a1.direction, a1.previous_level, a1.level_delta) == (ChangeDirection.IMPROVED, 2, 1)
    assert b.change is not None and b.change.direction is ChangeDirection.UNCHANGED
    # Overall: (2 * 2.2 + 1 * 2) / 3 = 2.1333 -> 2.13, was 2.00.
    overall = compared.overall.change
    assert overall is not None and overall.direction is ChangeDirection.IMPROVED
    assert (overall.previous_score, overall.score_delta) == (2.0, 0.13)
    assert compared.baseline is not None
    assert (compared.baseline.period, compared.baseline.source) == ("2025/26", "new.yaml")
    assert compared.baseline.revision is None
    assert compared.baseline.new_indicators == compared.baseline.gone_indicators == []
    assert compared.gate.status is GateStatus.NONE  # no target, no regression check


def test_baseline_source_is_named_as_given() -> None:
    compared = compare(
        result(last_year()), mini_submission(), baseline_source="results/2025-26.json"
    )
    assert compared.baseline is not None and compared.baseline.source == "results/2025-26.json"


def test_decline_without_the_flag_does_not_gate() -> None:
    compared = compare(result(last_year()), mini_submission(B_1=rated(1)))
    b = compared.domain("B")
    assert b.change is not None and b.change.direction is ChangeDirection.DECLINED
    assert (b.change.level_delta, b.change.score_delta) == (-1, -0.5)
    assert compared.gate.status is GateStatus.NONE and compared.gate.failures == []


def test_regression_gate_names_old_and_new_level_and_the_indicators_that_fell() -> None:
    compared = compare(result(last_year()), mini_submission(B_1=rated(1)), fail_on_regression=True)
    assert compared.gate.status is GateStatus.FAILED
    [failure] = compared.gate.failures
    assert (failure.kind, failure.domain) == ("regression", "B")
    assert failure.message == (
        "B Beta fell from level 2 to 1 since 2025/26; indicators that fell: B.1 (2 -> 1)"
    )


def test_regression_gate_passes_when_nothing_fell() -> None:
    compared = compare(result(last_year()), mini_submission(A_1=rated(3)), fail_on_regression=True)
    assert compared.gate.status is GateStatus.PASSED and compared.gate.failures == []


def test_targets_and_regressions_are_both_listed() -> None:
    new = mini_submission(B_1=rated(1))
    compared = compare(result(last_year()), new, fail_on_regression=True, target=2)
    assert [(f.kind, f.domain) for f in compared.gate.failures] == [
        ("below-target", "B"),
        ("regression", "B"),
    ]


def test_not_assessed_is_not_comparable_and_not_a_regression() -> None:
    new = mini_submission(B_1={"not_assessed": "paused"}, B_2={"not_assessed": "paused"})
    compared = compare(result(last_year()), new, fail_on_regression=True)
    change = compared.domain("B").change
    assert change is not None and change.direction is ChangeDirection.NOT_COMPARABLE
    assert change.previous_level == 2 and change.note == "not assessed this year"
    assert compared.gate.status is GateStatus.PASSED


def test_a_capped_indicator_is_compared_at_its_effective_level() -> None:
    new = mini_submission(A_2=rated(3, items=1))  # claims 3, evidence supports 2
    change = indicator(compare(result(last_year()), new), "A.2").change
    assert change.direction is ChangeDirection.UNCHANGED and change.level_delta == 0


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            {"organisation": {"name": "Other ICB", "code": "X99"}},
            "old.yaml is for Other ICB (code X99), but the submission is for Test ICB (code T01)",
        ),
        ({"period": "2027/28"}, "is for 2027/28, after the submission's period 2026/27"),
    ],
)
def test_incomparable_baselines_are_refused(edit: dict[str, Any], message: str) -> None:
    data = last_year()
    data.update(edit)
    with pytest.raises(UsageError, match=re.escape(message)):
        compare(result(data), mini_submission(), baseline_source="old.yaml")


def test_another_framework_is_refused() -> None:
    other = copy.deepcopy(MINI_DATA)
    other["id"] = "other"
    data = last_year()
    data["framework"] = "other"
    with pytest.raises(
        UsageError, match="against framework 'other', but the submission against 'mini'"
    ):
        compare(result(data, framework(other)), mini_submission())


def test_the_same_period_is_allowed_with_a_warning() -> None:
    compared = compare(result(mini_submission()), mini_submission(), baseline_source="b.yaml")
    assert "the baseline b.yaml is for the same period, 2026/27" in compared.warnings


# Framework revisions.
def revised(
    version: str, replaces: dict[str, Any] | None, domains: list[dict[str, Any]]
) -> Framework:
    data = copy.deepcopy(MINI_DATA)
    data["version"] = version
    data["domains"] = domains
    if replaces is not None:
        data["replaces"] = replaces
    return framework(data)


def ind(indicator_id: str, weight: float = 1) -> dict[str, Any]:
    return {
        "id": indicator_id,
        "title": f"Indicator {indicator_id}",
        "weight": weight,
        "descriptors": {n: f"{indicator_id} level {n}" for n in range(1, 5)},
    }


def dom(domain_id: str, *indicator_ids: str, weight: float = 1) -> dict[str, Any]:
    return {
        "id": domain_id,
        "title": f"Domain {domain_id}",
        "statement": "s.",
        "weight": weight,
        "indicators": [ind(i) for i in indicator_ids],
    }


# mini 2: A.1 and A.3 merged into A.1; A.2 split into A.2 and A.4; B renamed C, B.1
# renamed C.1, B.2 retired, C.2 new.
MINI_2 = revised(
    "2",
    {
        "version": "1",
        "map": {"A.3": "A.1", "A.2": ["A.2", "A.4"], "B": "C", "B.1": "C.1", "B.2": []},
    },
    [dom("A", "A.1", "A.2", "A.4", weight=2), dom("C", "C.1", "C.2")],
)


def new_under_mini_2(**levels: int) -> Result:
    return result(under_mini_2(**levels), MINI_2)


def under_mini_2(**levels: int) -> dict[str, Any]:
    return {
        "framework": "mini@2",
        "organisation": {"name": "Test ICB", "code": "T01"},
        "period": "2026/27",
        "assessed_on": "2026-10-01",
        "domains": {
            "A": {i: rated(levels.get(i.replace(".", "_"), 2)) for i in ("A.1", "A.2", "A.4")},
            "C": {i: rated(levels.get(i.replace(".", "_"), 2)) for i in ("C.1", "C.2")},
        },
    }


def test_revision_map_renames_splits_merges_and_retires() -> None:
    # Last year: A.1 = 3, A.3 = 2 (weights 1 and 1), A.2 = 2, B.1 = 1, B.2 = 2.
    baseline = result(last_year(A_1=rated(3), B_1=rated(1)))
    compared = compare(baseline, under_mini_2(A_1=2, A_4=3), MINI_2)
    assert compared.baseline is not None
    assert compared.baseline.revision == "1 -> 2"
    assert compared.baseline.new_indicators == ["C.2"]
    assert compared.baseline.gone_indicators == ["B.2"]
    assert compared.baseline.new_domains == compared.baseline.gone_domains == []

    merged = indicator(compared, "A.1").change  # vs the mean of 3 and 2
    assert merged.compared_with == ["A.1", "A.3"]
    assert (merged.previous_level, merged.level_delta) == (2.5, -0.5)
    assert merged.direction is ChangeDirection.DECLINED
    assert merged.note == "merged from A.1, A.3; compared with the mean of their levels"
    for part, direction in (("A.2", ChangeDirection.UNCHANGED), ("A.4", ChangeDirection.IMPROVED)):
        split = indicator(compared, part).change
        assert split.compared_with == ["A.2"] and split.note == "split from A.2"
        assert split.previous_level == 2 and split.direction is direction
    renamed = indicator(compared, "C.1").change
    assert (renamed.compared_with, renamed.note) == (["B.1"], "renamed from B.1")
    assert renamed.direction is ChangeDirection.IMPROVED  # 1 -> 2
    new = indicator(compared, "C.2").change
    assert new.direction is ChangeDirection.NEW and new.compared_with == []

    c = compared.domain("C").change  # B was level 1 (B.1 = 1, B.2 = 2), score 1.5
    assert c is not None and c.note == "renamed from B"
    assert (c.previous_level, c.previous_score, c.direction) == (1, 1.5, ChangeDirection.IMPROVED)


def test_a_merged_indicator_with_one_source_assessed_compares_with_that_one() -> None:
    baseline = result(last_year(A_1=rated(3), A_3={"not_assessed": "no data"}))
    merged = indicator(compare(baseline, under_mini_2(A_1=3), MINI_2), "A.1").change
    assert merged.previous_level == 3 and merged.direction is ChangeDirection.UNCHANGED


def test_merged_domains_compare_with_the_weighted_mean() -> None:
    one_domain = revised(
        "2", {"version": "1", "map": {"B": "A"}}, [dom("A", "A.1", "A.2", "A.3", "B.1", "B.2")]
    )
    # Last year: A (weight 2) level 2, score (1*3 + 3*2 + 1*2) / 5 = 2.2;
    #            B (weight 1) level 1, score (1 + 2) / 2 = 1.5.
    baseline = result(last_year(A_1=rated(3), B_1=rated(1)))
    data = mini_submission()
    data["framework"] = "mini@2"
    data["domains"] = {"A": {**data["domains"]["A"], **data["domains"]["B"]}}
    compared = compare(baseline, data, one_domain, fail_on_regression=True)
    change = compared.domain("A").change
    assert change is not None and change.compared_with == ["A", "B"]
    # Level: (2*2 + 1*1) / 3 = 1.67; score: (2*2.2 + 1*1.5) / 3 = 1.9667 -> 1.97.
    assert (change.previous_level, change.previous_score) == (1.67, 1.97)
    assert (change.level_delta, change.score_delta) == (0.33, 0.03)
    assert change.direction is ChangeDirection.IMPROVED
    assert compared.baseline is not None and compared.baseline.gone_domains == []


def test_a_merged_domain_that_fell_names_its_fractional_level() -> None:
    one_domain = revised(
        "2", {"version": "1", "map": {"B": "A"}}, [dom("A", "A.1", "A.2", "A.3", "B.1", "B.2")]
    )
    baseline = result(last_year(A_1=rated(3), A_2=rated(3), A_3=rated(3)))  # A 3, B 2
    data = mini_submission()
    data["framework"] = "mini@2"
    data["domains"] = {"A": {**data["domains"]["A"], **data["domains"]["B"]}}
    compared = compare(baseline, data, one_domain, fail_on_regression=True)
    [failure] = compared.gate.failures
    assert failure.message.startswith(
        "A Domain A fell from level 2.67 to 2 since 2025/26 (merged from A, B; compared with "
        "the mean of their levels); indicators that fell: A.1 (3 -> 2)"
    )


def test_revisions_chain_through_known_versions() -> None:
    mini_3 = revised(
        "3",
        {"version": "2", "map": {"C.1": "C.9"}},
        [dom("A", "A.1", "A.2", "A.4", weight=2), dom("C", "C.9", "C.2")],
    )
    data = {
        "framework": "mini@3",
        "organisation": {"name": "Test ICB", "code": "T01"},
        "period": "2027/28",
        "assessed_on": "2027-10-01",
        "domains": {
            "A": {i: rated(2) for i in ("A.1", "A.2", "A.4")},
            "C": {i: rated(2) for i in ("C.9", "C.2")},
        },
    }
    newest = result(data, mini_3)
    baseline = result(last_year(B_1=rated(1)))
    middle = new_under_mini_2()
    chained = project(baseline, Layout.of_result(newest), {"2": middle.framework})
    assert chained.revision == "1 -> 2 -> 3"
    assert chained.indicators["C.9"].sources == ("B.1",)
    assert chained.indicators["C.9"].note == "renamed from B.1"
    assert chained.gone_indicators == ["B.2"] and chained.new_indicators == ["C.2"]
    assert revision_chain(newest.framework, "1", {"2": middle.framework}) is not None

    unchained = project(
        baseline, Layout.of_result(newest)
    )  # version 2 unknown: ids compared as they are
    assert unchained.revision is None
    assert unchained.warnings == [
        "the baseline was assessed against mini 1 and mini 3 "
        "declares no revision map from it; ids are compared as they "
        "are"
    ]
    assert "C.9" not in unchained.indicators and "B.1" in unchained.gone_indicators


def test_a_map_key_the_baseline_lacks_is_warned_about() -> None:
    odd = revised(
        "2",
        {"version": "1", "map": {"Z.9": "A.1"}},
        [dom("A", "A.1", "A.2", "A.3", weight=2), dom("B", "B.1", "B.2")],
    )
    data = mini_submission()
    data["framework"] = "mini@2"
    compared = compare(result(last_year()), data, odd)
    assert (
        "the revision map from mini 1 names Z.9, which the baseline does not have"
        in compared.warnings
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "-"), (3, "3"), (2.0, "2"), (2.5, "2.5"), (1.67, "1.67"), (-0.5, "-0.5")],
)
def test_format_number(value: float | None, text: str) -> None:
    assert format_number(value) == text


def test_a_baseline_on_another_basis_is_warned_of() -> None:
    """Like with like: last year self-assessed, this year the panel rated A whole."""
    from wcc_assess.core.scoring import Baseline

    old = score(framework(), Submission.model_validate(last_year()), ScoreOptions(generated_at="x"))
    data = last_year()
    data.update(period="2026/27", assessed_on="2026-10-01")
    data["panel"] = {
        "date": "2026-11-18",
        "members": [{"name": "Ann", "role": "Chair"}],
        "ratings": {"A": {"level": 2, "rationale": "As a whole."}},
    }
    result = score(
        framework(),
        Submission.model_validate(data),
        ScoreOptions(generated_at="x", baseline=Baseline(old, "last.yaml")),
    )
    assert result.baseline is not None and result.baseline.basis == "self-assessed"
    change = result.domain("A").change
    assert change is not None and (change.previous_basis, change.basis) == (
        "self-assessed",
        "panel-domains",
    )
    assert (
        "A: 2025/26 was self-assessed, this year panel-rated at domain level; the years were "
        "graded on different bases, so part of any change is the change of basis"
    ) in result.warnings
