"""World Class Commissioning's two years: wcc@2008 (year 1) and wcc@2009 (year 2), one file
written as changes to the other, both graded, with year 1's rule that C11 is not rated."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.annual_data import wcc_submission
from tests.conftest import EXAMPLES, ROOT
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import InputError
from wcc_assess.models.result import DomainStatus, Result
from wcc_assess.models.submission import Submission
from wcc_assess.usecases.frameworks import framework_for_period, resolve_framework
from wcc_assess.usecases.submissions import load_submission

YEAR_1 = ROOT / "frameworks" / "wcc@2008.yaml"


def graded(data: dict[str, Any], spec: str, target: int | None = None) -> Result:
    framework = resolve_framework(spec)
    return score(
        framework,
        Submission.model_validate(data),
        ScoreOptions(generated_at="2009-01-01T00:00:00Z", target=target),
    )


def year_1(**kwargs: Any) -> dict[str, Any]:
    """A whole 2008/09 submission (every indicator at 2 unless said), C11 left out."""
    data = wcc_submission(
        framework="wcc@2008", period="2008/09", assessed_on="2008-11-14", **kwargs
    )
    del data["domains"]["C11"]
    return data


def test_wcc_names_the_latest_version_and_both_years_are_built_in() -> None:
    assert resolve_framework("wcc").version == "2009"
    assert resolve_framework("wcc@2009") is resolve_framework("wcc")
    first = resolve_framework("wcc@2008")
    assert (first.id, first.version, first.extends) == ("wcc", "2008", "wcc@2009")
    # one base: the year 1 file holds only the changes
    text = YEAR_1.read_text(encoding="utf-8")
    assert (
        "extends: wcc@2009" in text
        and len(text) < len((YEAR_1.parent / "wcc.yaml").read_text()) / 4
    )


def test_the_two_years_differ_only_where_the_year_1_file_says() -> None:
    first, second = resolve_framework("wcc@2008"), resolve_framework("wcc@2009")
    assert [d.id for d in first.domains] == [d.id for d in second.domains]
    ids = [[i.id for i in d.indicators] for d in first.domains]
    assert ids == [[i.id for i in d.indicators] for d in second.domains]
    assert [e.id for e in first.scoring.not_rated] == ["C11"]
    assert second.scoring.not_rated == [] and second.scoring.claim_warnings == []
    assert [w.level for w in first.scoring.claim_warnings] == [4]
    assert "productivity" in second.domain("C2").statement
    assert "productivity" not in first.domain("C2").statement
    assert "CQUIN" in second.domain("C8").statement and "CQUIN" not in first.domain("C8").statement
    c65 = {year.version: year.domain("C6").indicators[4].descriptors[3] for year in (first, second)}
    assert "NHS Constitution" in c65["2009"] and "NHS Constitution" not in c65["2008"]
    assert first.outcomes is not None and not first.outcomes.trajectories
    assert second.outcomes is not None and second.outcomes.trajectories
    assert [len(a.sub_indicators) for a in first.governance.areas] == [1, 1, 1]  # type: ignore[union-attr]
    assert [len(a.sub_indicators) for a in second.governance.areas] == [5, 6, 5]  # type: ignore[union-attr]
    # what did not change is the base's, word for word
    assert first.domain("C4") == second.domain("C4") and first.scale == second.scale
    assert first.scoring.evidence == second.scoring.evidence
    assert (first.replaces, second.replaces.version if second.replaces else None) == (None, "2008")


def test_year_1_leaves_c11_out_with_its_reason() -> None:
    result = graded(year_1(targets={"default": 2}), "wcc@2008")
    c11 = result.domain("C11")
    assert c11.not_rated and not c11.assessed and c11.status is DomainStatus.NOT_ASSESSED
    assert c11.not_assessed_reason is not None and "2008/09" in c11.not_assessed_reason
    assert c11.target is None  # a default target does not make an unrated domain a gap
    named = graded(year_1(targets={"C11": 3}), "wcc@2008")
    assert named.domain("C11").target is None and named.gate.status.value == "none"
    assert named.warnings == [
        "targets: C11 is not rated by wcc 2008, so its target of 3 is not applied"
    ]
    assert all(i.not_rated and not i.assessed for i in c11.indicators)
    assert (result.overall.coverage.assessed, result.overall.coverage.total) == (10, 10)
    assert result.overall.indicator_coverage.total == 40
    assert result.gate.status.value == "passed" and result.warnings == []
    # every other competency at 2: the mean of ten domain scores of 2
    assert result.overall.score == 2.0


def test_a_year_1_submission_that_rates_c11_is_warned_and_c11_left_out() -> None:
    data = wcc_submission(framework="wcc@2008", period="2008/09", assessed_on="2008-11-14")
    result = graded(data, "wcc@2008")
    assert result.domain("C11").not_rated and result.domain("C11").level is None
    assert result.warnings == [
        "C11: wcc 2008 does not rate C11 (Not rated in the first year of assurance "
        "(2008/09); competency 11 was rated from 2009/10.); the submission's rating of it was "
        "left out"
    ]
    assert result.overall.coverage.total == 10


def test_year_2_rates_c11_and_requires_it(tmp_path: Path) -> None:
    result = graded(wcc_submission(period="2009/10", assessed_on="2009-11-14"), "wcc@2009")
    assert result.domain("C11").assessed and result.domain("C11").level == 2
    assert result.overall.coverage.total == 11
    data = wcc_submission(framework="wcc@2009", period="2009/10", assessed_on="2009-11-14")
    del data["domains"]["C11"]
    path = tmp_path / "y2.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_submission(path)
    assert "domain C11 (Make sound financial investments) is missing" in str(
        [d.message for d in caught.value.diagnostics]
    )
    year_1_path = tmp_path / "y1.yaml"
    year_1_path.write_text(yaml.safe_dump(year_1()), encoding="utf-8")
    assert load_submission(year_1_path).framework.version == "2008"


def test_year_1_warns_of_level_4_claims() -> None:
    data = year_1(levels={"C4.1": 4}, evidence_items={"C4.1": 4})
    result = graded(data, "wcc@2008")
    assert result.domain("C4").indicators[0].effective_level == 4  # accepted, not capped
    [warning] = result.warnings
    assert warning.startswith("C4.1: claimed level 4; no primary care trust reached level 4")
    # the same claim in year 2 has nothing to warn about
    second = wcc_submission(levels={"C4.1": 4}, period="2009/10", assessed_on="2009-11-14")
    assert graded(second, "wcc@2009").warnings == []


def test_a_trend_across_the_two_years_compares_like_with_like(tmp_path: Path) -> None:
    from wcc_assess.core.scoring import Baseline

    last = graded(year_1(), "wcc@2008")
    data = wcc_submission(levels={"C1": 3}, period="2009/10", assessed_on="2009-11-14")
    framework = resolve_framework("wcc@2009")
    result = score(
        framework,
        Submission.model_validate(data),
        ScoreOptions(generated_at="x", baseline=Baseline(last, "y1.json")),
    )
    assert result.baseline is not None and result.baseline.revision == "2008 -> 2009"
    assert result.baseline.new_indicators == [] and result.baseline.gone_indicators == []
    assert result.domain("C1").change.direction.value == "improved"  # type: ignore[union-attr]
    # C11 was not rated in 2008/09: not comparable, rather than new or gone
    assert result.domain("C11").change.direction.value == "not-comparable"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("spec", "period", "version", "note"),
    [
        ("wcc", "2008/09", "2008", None),
        ("wcc", "2009/10", "2009", None),
        ("wcc", "2026/27", "2009", None),
        ("wcc", "2007/08", "2009", None),  # before assurance: the latest
        ("wcc@2009", "2008/09", "2009", "note: wcc@2009 is for 2009/10 onwards, not 2008/09"),
        ("wcc@2008", "2009/10", "2008", "note: wcc@2008 is for 2008/09, not 2009/10"),
        ("bs11000", "2008/09", "2010", None),
    ],
)
def test_the_version_a_period_maps_to_is_framework_data(
    spec: str, period: str, version: str, note: str | None
) -> None:
    framework, said = framework_for_period(spec, period)
    assert (framework.version, said) == (version, note)


def test_the_year_1_example_is_graded_as_published_results_would_lead_one_to_expect() -> None:
    loaded = load_submission(EXAMPLES / "wcc-2008-brackenford.yaml")
    assert loaded.framework.ref == "wcc@2008"
    result = score(loaded.framework, loaded.submission, ScoreOptions(generated_at="x"))
    levels = {d.id: d.level for d in result.domains}
    assert levels.pop("C11") is None and result.domain("C11").not_rated
    assert set(levels.values()) == {1, 2}  # most between 1 and 2, none at 4
    claimed = [i.claimed_level for d in result.domains for i in d.indicators if i.assessed]
    assert max(claimed) == 3 and 4 not in claimed
    # the softer competencies (leadership, clinicians) ahead of market and procurement
    assert levels["C1"] > levels["C7"] and levels["C4"] > levels["C9"]
    assert result.outcomes is not None and result.outcomes.no_aspiration == 4
    assert result.governance is not None
    assert [a.rating.value for a in result.governance.areas if a.rating] == [
        "amber",
        "green",
        "green",
    ]


def test_a_year_2_measure_needs_a_trajectory_and_a_year_1_measure_does_not(tmp_path: Path) -> None:
    measure = {
        "id": "life-expectancy",
        "name": "Life expectancy",
        "unit": "years",
        "better": "higher",
        "baseline": {"period": "2005/06", "value": 77.9},
        "actuals": {"2006/07": 78.1},
    }
    inequalities = {**copy.deepcopy(measure), "id": "health-inequalities", "better": "lower"}
    first = {**year_1(), "outcomes": [measure, inequalities]}
    result = graded(first, "wcc@2008")
    assert result.outcomes is not None
    [year] = result.outcomes.measures[0].years
    assert (year.period, year.aspiration, year.actual, year.status.value) == (
        "2006/07",
        None,
        78.1,
        "no-aspiration",
    )
    second = {**wcc_submission(period="2009/10", assessed_on="2009-11-14")}
    second["outcomes"] = [measure, inequalities]
    path = tmp_path / "y2.yaml"
    path.write_text(yaml.safe_dump(second), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_submission(path)
    messages = [(d.path, d.message, d.hint) for d in caught.value.diagnostics]
    assert (
        "outcomes.life-expectancy",
        "the field 'trajectory' is required",
        "wcc@2009 asks for an aspiration for each year after the baseline",
    ) in messages


def test_a_period_outside_the_versions_years_is_warned() -> None:
    data = year_1()
    data["framework"] = "wcc@2009"
    data["domains"]["C11"] = {"not_assessed": "Deferred."}
    result = graded(data, "wcc@2009")
    assert result.warnings == [
        "period: 2008/09 is outside the years wcc@2009 is for (2009/10 onwards); "
        "`wcc init --period 2008/09` names the version for that year"
    ]


def test_a_2008_submission_naming_bare_wcc_is_pointed_at_its_version(tmp_path: Path) -> None:
    text = (EXAMPLES / "wcc-2008-brackenford.yaml").read_text(encoding="utf-8")
    path = tmp_path / "unpinned.yaml"
    path.write_text(text.replace("framework: wcc@2008", "framework: wcc"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_submission(path)
    first = caught.value.diagnostics[0]
    assert (first.severity, first.path, first.line) == ("warning", "framework", 7)
    assert first.message == (
        "2008/09 was assessed under wcc@2008, the version for that year; framework: wcc "
        "names wcc@2009"
    )
    assert first.hint == "write framework: wcc@2008"
    assert any("C11" in d.message for d in caught.value.diagnostics if d.is_error)
