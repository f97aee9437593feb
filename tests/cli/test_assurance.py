"""The full assurance example through the command line: panel, governance, outcomes."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import DATA, EXAMPLES, ROOT, assert_golden
from wcc_assess.io.yamlsafe import parse_yaml_data

Wcc = Callable[..., Run]
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"


def result_of(wcc: Wcc, *args: str) -> tuple[Run, dict[str, Any]]:
    run = wcc("assess", str(ASSURANCE), "--format", "json", *args)
    return run, json.loads(run.stdout)


def test_panel_moderation_in_the_result(wcc: Wcc) -> None:
    run, result = result_of(wcc)
    panel = result["panel"]
    assert panel["date"] == "2026-11-18"
    assert [m["role"].split(":")[0].split(",")[0] for m in panel["members"]] == [
        "Independent expert",
        "Local government",
        "Clinician",
        "Regional Director of Strategic Transformation",
        "Peer chief executive",
    ]
    # Ten indicators rated: self 3+3+3+4+3+2+2+2+3+2 = 27, panel 3+1+3+3+3+2+2+2+2+2 = 23.
    assert (panel["indicators_rated"], panel["indicators_changed"]) == (10, 3)
    assert panel["calibration_gap"] == 0.4  # 4/10
    assert panel["flagged"] == ["C1.4"]
    gaps = {d["id"]: (d["panel_rated"], d["calibration_gap"]) for d in result["domains"]}
    assert gaps["C1"] == (2, 1.0)  # C1.2 3/3, C1.4 3/1
    assert gaps["C4"] == (1, 1.0)  # C4.1 4/3
    assert gaps["C11"] == (2, 0.5)  # C11.1 3/2, C11.4 2/2
    assert gaps["C3"] == (1, 0.0) and gaps["C2"] == (0, None) and gaps["C6"] == (1, 0.0)
    c14 = result["domains"][0]["indicators"][3]
    assert (c14["claimed_level"], c14["panel_level"], c14["panel_gap"], c14["panel_flag"]) == (
        3,
        1,
        2,
        True,
    )
    # The panel rated C1 whole at 2 (calculated 1, held by C1.4): it meets its target.
    assert [f["domain"] for f in result["gate"]["failures"]] == ["C10", "C11"]
    assert run.exit_code == 1


def test_governance_in_the_result(wcc: Wcc) -> None:
    _, result = result_of(wcc)
    governance = result["governance"]
    assert [(a["id"], a["rating"], a["points"]) for a in governance["areas"]] == [
        ("strategy", "amber", 1),  # the panel's rating of the whole area
        ("finance", "red", 0),
        ("board", "amber", 1),
    ]
    strategy = governance["areas"][0]
    assert (strategy["rule_rating"], strategy["panel_rating"]) == ("green", "amber")
    assert strategy["panel_rationale"].startswith("The plan is current")
    finance = governance["areas"][1]
    assert finance["counts"] == {"red": 1, "amber": 2, "green": 3}
    assert finance["red_sub_indicators"] == ["finance.1"]
    finance3 = finance["sub_indicators"][2]
    assert (finance3["self_rating"], finance3["panel_rating"], finance3["rating"]) == (
        "green",
        "amber",
        "amber",
    )
    assert (governance["points"], governance["points_max"]) == (2, 6)
    assert (governance["all_green"], governance["all_red"]) == (False, False)


def test_outcomes_in_the_result(wcc: Wcc) -> None:
    _, result = result_of(wcc)
    outcomes = result["outcomes"]
    assert (outcomes["on_track"], outcomes["off_track"], outcomes["no_actual"]) == (6, 2, 0)
    assert outcomes["within_tolerance"] == 2
    status = {m["id"]: m["status"] for m in outcomes["measures"]}
    # 126.4 against 126 with a tolerance of 2; 12.9 against 12.6 with a tolerance of 1.
    assert status["cancer-mortality"] == status["smoking"] == "within-tolerance"
    assert status["dementia-diagnosis"] == "off-track"  # 64.2 against 65.0, higher is better
    assert status["health-inequalities"] == "on-track"  # 9.6 against 9.6, lower is better
    # 1402 against 1375, lower is better; 1% of 1375 is 13.75, and 27 is more than that.
    assert status["avoidable-admissions"] == "off-track"
    # Life expectancy for 2023-2025 (the 2025/26 figure) is not published by the panel day.
    assert status["life-expectancy"] == "on-track"  # 2024/25: 80.4 against 80.3
    gap = outcomes["measures"][1]
    assert [(y["period"], y["status"], y["data_period"]) for y in gap["years"]] == [
        ("2024/25", "on-track", "2022-2024, pooled"),
        ("2025/26", "no-actual", "2023-2025, pooled"),
        ("2026/27", "no-actual", "2024-2026, pooled"),
        ("2027/28", "no-actual", "2025-2027, pooled"),
        ("2028/29", "no-actual", "2026-2028, pooled"),
    ]
    assert (gap["tolerance"], gap["tolerance_source"]) == ("0.5 years", "framework")
    assert [m["required"] for m in outcomes["measures"]][:3] == [True, True, False]
    assert not any(w.startswith("outcomes:") for w in result["warnings"])


def test_fail_on_red(wcc: Wcc) -> None:
    run, result = result_of(wcc, "--fail-on-red")
    assert run.exit_code == 1
    red = [f for f in result["gate"]["failures"] if f["kind"] == "governance-red"]
    assert red == [
        {
            "kind": "governance-red",
            "domain": "finance",
            "message": "Finance governance (finance) is red: finance.1 is rated red",
            "sub_indicators": ["finance.1"],
            "action": None,
        }
    ]
    assert "gate failed: Finance governance (finance) is red: finance.1 is rated red" in run.stderr


def test_fail_on_red_alone_decides_the_exit_code(wcc: Wcc) -> None:
    run = wcc("assess", str(ASSURANCE), "--target", "1", "--fail-on-red")
    assert run.exit_code == 1
    assert wcc("assess", str(ASSURANCE), "--target", "1").exit_code == 0


def test_table_shows_panel_governance_and_outcomes(wcc: Wcc) -> None:
    out = wcc("assess", str(ASSURANCE)).stdout
    assert "Self−panel" in out
    assert (
        "Rated 10 indicators, confirmed 7 and changed 3; calibration (mean self minus "
        "panel level) +0.40" in out
    )
    assert "self 3, panel 1 (two or more levels apart)" in out
    assert "Rated 2 competencies whole:" in out
    assert "Governance: 2/6 points over 3/3 areas rated" in out
    assert "Strategy │ Amber (panel) │" in out
    assert "Financial risk and contingency: self Green, panel Amber" in out
    assert (
        "Outcomes: 6 of 10 measures on track, 2 within tolerance, 2 off track, 0 without an "
        "actual yet" in out
    )
    assert "* required by the framework" in out


def test_table_without_assurance_sections_is_unchanged(wcc: Wcc) -> None:
    out = wcc("assess", str(EXAMPLES / "westmarsh-2026-27.yaml")).stdout
    for absent in ("Self−panel", "Panel:", "Governance:", "Outcomes:"):
        assert absent not in out


def test_validate_accepts_the_assurance_example(wcc: Wcc) -> None:
    run = wcc("validate", str(ASSURANCE))
    assert run.exit_code == 0, run.stdout + run.stderr


def test_frameworks_show_lists_governance_and_outcome_rules(wcc: Wcc) -> None:
    out = wcc("frameworks", "show", "wcc").stdout
    assert "Each sub-indicator is rated red (0 points), amber (1) or green (2)." in out
    assert "  finance.6 Audit opinions and internal control" in out
    assert "  required: life-expectancy (Life expectancy at birth, better higher)" in out
    assert "  recommended: 10 measures" in out


def test_init_offers_the_rest_of_assurance_commented_out(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    args = ("--organisation", "NHS Example ICB", "--code", "QX1", "--period", "2026/27")
    assert wcc("init", *args, "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert "# governance:  # every sub-indicator red, amber or green" in text
    assert "#     finance.6:  # Audit opinions and internal control" in text
    assert '#     baseline: {period: "2025/26", value: 0}' in text
    # Uncommented and filled in, the skeleton is a valid full assurance submission.
    start = text.index("# panel:")
    body = "\n".join(
        line[2:] if line.startswith("# ") else line for line in text[start:].splitlines()
    )
    filled = text[:start].replace("      level:  # 1-4", "      level: 1  # 1-4") + (
        body.replace("  date:  #", "  date: 2026-11-18  #")
        .replace('{name: "", role: "", interests: []}', "{name: Ann, role: Expert, interests: []}")
        .replace("rating:  #", "rating: green  #")
        .replace('unit: ""', "unit: years")
        .replace("level:  # 1-4", "level: 1  # 1-4")
        .replace('by: ""', "by: Ann")
        .replace("on:  #", "on: 2026-11-25  #")
        .replace('""', '"Filled in."')
    )
    out.write_text(filled)
    run = wcc("assess", str(out), "--format", "json")
    assert run.exit_code == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["governance"]["all_green"] is True
    # ... with the panel's rating of the first domain and area, an enquiry and a sign-off.
    assert result["domains"][0]["panel_rating"]["rationale"] == "Filled in."
    assert result["governance"]["areas"][0]["panel_rating"] == "green"
    assert result["panel"]["enquiries"][0]["domain"] == "C1"
    assert result["draft"] is False and result["panel"]["sign_off"]["by"] == "Ann"
    assert [m["id"] for m in result["outcomes"]["measures"]] == [
        "life-expectancy",
        "health-inequalities",
    ]
    assert "outcomes: 2 measures listed; the framework recommends 10" in result["warnings"]


GOLDEN_SUFFIX = {"markdown": ".md", "html": ".html", "junit": ".junit.xml", "json": ".json"}


@pytest.mark.parametrize("fmt", list(GOLDEN_SUFFIX))
def test_golden_assurance_reports(wcc: Wcc, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """The whole assurance cycle in every report; regenerate with UPDATE_GOLDEN=1."""
    monkeypatch.chdir(ROOT)
    run = wcc("assess", ASSURANCE.relative_to(ROOT).as_posix(), "--fail-on-red", "-f", fmt)
    assert run.exit_code == 1, run.stderr
    assert_golden(run.stdout, DATA / "golden" / f"{ASSURANCE.stem}{GOLDEN_SUFFIX[fmt]}")


def test_cohort_counts_green_and_red_on_every_area(wcc: Wcc, tmp_path: Path) -> None:
    """Three organisations: Westmarsh (green, red, amber), one all green, one all red."""
    data = parse_yaml_data(ASSURANCE.read_text(encoding="utf-8"))
    for code, colour in (("QX1", "green"), ("QX2", "red")):
        other = copy.deepcopy(data)
        other["organisation"] = {"name": f"NHS Other {code} ICB", "code": code}
        other["panel"].pop("governance")  # the panel's rating of Westmarsh's strategy
        for area in other["governance"].values():
            for item in area.values():
                item.pop("panel_rating", None)
                item["rating"] = colour
        (tmp_path / f"{code}.yaml").write_text(yaml.safe_dump(other), encoding="utf-8")
    shutil.copy(ASSURANCE, tmp_path / "westmarsh.yaml")
    run = wcc("cohort", str(tmp_path), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    cohort = json.loads(run.stdout)
    governance = cohort["governance"]
    assert (governance["organisations"], governance["without"]) == (3, 0)
    assert (governance["all_green"], governance["all_red"]) == (1, 1)
    assert [(a["id"], a["green"], a["amber"], a["red"]) for a in governance["areas"]] == [
        ("strategy", 1, 1, 1),  # Westmarsh's strategy: amber, by the panel's rating
        ("finance", 1, 0, 2),
        ("board", 1, 1, 1),
    ]
    markdown = wcc("cohort", str(tmp_path), "--format", "markdown").stdout
    assert (
        "3 organisations rated governance; 1 green on all three areas, 1 red on all "
        "three areas." in markdown
    )


def test_github_annotation_points_at_the_red_area(wcc: Wcc) -> None:
    run = wcc("assess", str(ASSURANCE), "--fail-on-red", "--format", "github")
    assert run.exit_code == 1
    area_line = ASSURANCE.read_text(encoding="utf-8").splitlines().index("  finance:") + 1
    errors = [line for line in run.stdout.splitlines() if "governance-red" in line]
    assert errors == [
        f"::error file={ASSURANCE},line={area_line},title=wcc assess%3A governance-red::"
        "Finance governance (finance) is red: finance.1 is rated red"
    ]
