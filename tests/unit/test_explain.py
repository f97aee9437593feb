"""``explain``: the text of how a level was reached, with hand-computed numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, MINI, evidence, mini_submission
from tests.unit.test_scoring import framework, rated, run
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import UsageError
from wcc_assess.io.yamlsafe import parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Result
from wcc_assess.render.explain import explain, resolve_subject
from wcc_assess.usecases.submissions import load_submission

MIXED_EVIDENCE: list[dict[str, Any]] = [
    *evidence(1),
    {"title": "doc 0 appendix", "ref": "doc-0", "date": "2026-01-10"},
    {"title": "old plan", "ref": "old-1", "date": "2020-01-01"},
    {"title": "winter plan", "ref": "w-1", "date": "2026-12-01"},
]


def test_indicator_capped_with_every_kind_of_evidence() -> None:
    fw = framework()
    result = run(mini_submission(A_2={"level": 4, "evidence": MIXED_EVIDENCE}), fw)
    assert explain(result, fw, "A.2") == (
        "A.2 Alpha two\n"
        "in A Alpha\n"
        "Test ICB (T01), 2026/27, assessed on 2026-10-01 against Mini test framework (mini@1)\n"
        "\n"
        "Levels\n"
        "  Claimed by the organisation: 4 (Four)\n"
        "  Assessed: 4, the claim (no panel level was given)\n"
        "  Supported by the evidence: 3\n"
        "  Effective: 3 (Three), the lower of assessed 4 and supported 3\n"
        "\n"
        "Evidence\n"
        "  Recent means dated from 2024-10-01 to 2026-10-01, within 24 months before the\n"
        "  assessment.\n"
        "  1. doc 0 [doc-0], 2026-01-10: counted, recent\n"
        "  2. doc 0 appendix [doc-0], 2026-01-10: not counted: same ref as an earlier item;\n"
        "     counted once\n"
        "  3. old plan [old-1], 2020-01-01: counted, not recent\n"
        "  4. winter plan [w-1], 2026-12-01: dated after the assessment (2026-10-01); not counted\n"
        "  Counted: 2 items, 1 recent.\n"
        "\n"
        "Evidence rules\n"
        "  Level 2 and above needs 1 item: met\n"
        "  Level 3 and above needs 2 items, at least 1 recent: met\n"
        "  Level 4 and above needs 3 items, at least 2 recent: not met\n"
        "\n"
        "Capped: the claimed level 4 is capped at 3: level 4 needs 3 evidence items, at least 2\n"
        "  dated on or after 2024-10-01; 2 counted, 1 recent.\n"
        "\n"
        "To reach level 4 (Four)\n"
        "  What a panel would expect to see: a2-4\n"
        "  Already the claim (4); only the evidence is short.\n"
        "  Evidence: level 4 needs 3 items, at least 2 dated on or after 2024-10-01; it has 2\n"
        "    counted, 1 recent: add 1 item (1 of them dated on or after 2024-10-01).\n"
    )


def test_indicator_moderated_by_the_panel() -> None:
    fw = framework()
    result = run(
        mini_submission(A_1=rated(3, 2, panel_level=2, panel_note="Only one plan is live.")), fw
    )
    text = explain(result, fw, "A.1")
    assert '  Panel level: 2 (Two): "Only one plan is live."\n' in text
    assert "  Assessed: 2, the panel's level, which counts over the claim\n" in text
    assert "Not capped: the evidence supports the assessed level.\n" in text
    assert "The panel rated it 2: the panel must agree that practice now matches level 3." in text
    assert "it has 2\n    counted, 2 recent, which is enough." in text


def test_indicator_at_the_top_and_not_assessed() -> None:
    fw = framework()
    result = run(
        mini_submission(A_1=rated(4, 3), A_3={"not_assessed": "Service transferred in May."}), fw
    )
    assert explain(result, fw, "A.1").endswith("\nAt 4 (Four), the top of the scale.\n")
    skipped = explain(result, fw, "A.3")
    assert "\nNot assessed: Service transferred in May.\n" in skipped
    assert "It is left out of A's arithmetic and shown in its coverage (2 of 3 assessed)." in (
        " ".join(skipped.split())
    )


def test_domain_all_met() -> None:
    fw = framework()
    result = run(mini_submission(A_1=rated(3, 2), A_2=rated(3, 1), A_3=rated(2, 1)), fw)
    text = explain(result, fw, "A")
    # A.2 claims 3 with one item: capped at 2. Levels 3, 2, 2; weights 1, 3, 1.
    assert "  A.1 Alpha one    3  ×1\n" in text
    assert "  A.2 Alpha two    2  ×3  capped from 3; holds the level down\n" in text
    assert "  A.3 Alpha three  2  ×1  holds the level down\n" in text
    assert "Level: 2 (Two) = min(3, 2, 2)\n" in text
    assert "(1×3 + 3×2 + 1×2)/5 = 11/5 = 2.20" in " ".join(text.split())
    assert "Percent: (2.20 − 1) / (4 − 1) × 100 = 40.0%\n" in text
    assert "Target: none set.\n" in text
    lift = text.split("To reach level 3 (Three)\n")[1]
    assert "Every indicator below 3 must reach it:" in lift
    assert "  - A.2 Alpha two: 2 → 3\n" in lift and "  - A.3 Alpha three: 2 → 3\n" in lift
    assert "A.1" not in lift
    assert "Already the claim (3); only the evidence is short." in lift
    assert "Rate it 3 once practice matches this description." in lift


def test_domain_mean_says_how_far_the_mean_must_rise() -> None:
    fw = framework(method="mean")
    result = run(mini_submission(A_1=rated(3, 2), A_2=rated(2, 1), A_3=rated(3, 2)), fw)
    text = explain(result, fw, "A")
    flat = " ".join(text.split())
    # (1×3 + 3×2 + 1×3) / 5 = 12/5 = 2.4 → level 2; level 3 needs a total of 15: 3 more.
    assert "Level: 2 (Two) = ⌊2.40⌋, rounded down" in text
    assert "= (1×3 + 3×2 + 1×3)/5 = 12/5 = 2.40" in flat
    assert (
        "The weighted mean must reach 3.00 (now 2.40): the weighted levels must total 15 "
        "(3 × total weight 5), now 12, so 3 more." in flat
    )
    assert "For example, lowest first: A.2 2 → 3 (weight 3)." in flat


def test_domain_mean_example_lifts_several_indicators() -> None:
    fw = framework(method="mean")
    result = run(mini_submission(A_1=rated(2, 1), A_2=rated(3, 2), A_3=rated(2, 1)), fw)
    flat = " ".join(explain(result, fw, "A").split())
    # (2 + 9 + 2) / 5 = 2.6; 15 - 13 = 2 more: A.1 and A.3 one level each.
    assert "now 13, so 2 more" in flat
    assert "For example, lowest first: A.1 2 → 3 (weight 1); A.3 2 → 3 (weight 1)." in flat


def test_domain_target_and_status() -> None:
    fw = framework()
    result = run(mini_submission(), fw, target=3)
    text = explain(result, fw, "B")
    assert "Target: 3 (from --target on the command line); status: below, as level 2 < 3." in (
        " ".join(text.split())
    )


def test_overall() -> None:
    fw = framework()
    data = mini_submission()
    data["targets"] = {"default": 2}
    result = run(data, fw)
    text = explain(result, fw)
    flat = " ".join(text.split())
    # Domain scores A 2.00 (weight 2) and B 2.00 (weight 1): (4 + 2) / 3 = 2.00 → 33.3%.
    assert (
        "Mean score (secondary): weighted mean of the domain scores = (2×2.00 + 1×2.00)/3 = "
        "6.00/3 = 2.00" in (flat)
    )
    assert "Percent: (2.00 − 1) / (4 − 1) × 100 = 33.3%" in flat
    assert "Profile: 2 domains at level 2.\n" in text
    assert (
        "Band: Developing, every domain at level 2 (Two) or above; the next band, Strong, needs "
        "more than half of the domains at level 3 (Three) or above, none below level 2 (Two)."
    ) in flat
    assert "That is 33.3% of the way from level 1 to level 4." in flat
    assert "Coverage: 2 of 2 domains, 5 of 5 indicators assessed; 0 indicators capped." in flat
    assert "Gate: passed (every domain with a target meets it (2 of 2))." in text
    assert re.search(
        r"^  A Alpha  2  2\.00  ×2  target 2 +met  held down by A\.1, A\.2, A\.3$", text, re.M
    )


def test_overall_notes_rounding() -> None:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["domains"][0]["indicators"][1]["weight"] = 1  # A's mean is now in thirds
    fw = Framework.model_validate(data)
    result = run(mini_submission(A_3=rated(3, 2), B_1=rated(3, 2), B_2=rated(3, 2)), fw)
    # A = 7/3 (2.33), B = 3; overall (2 × 7/3 + 3)/3 = 23/9 = 2.56, but from the rounded
    # domain scores (2 × 2.33 + 3)/3 = 2.553 → 2.55; percent (23/9 - 1)/3 = 51.9%, from the
    # rounded 2.56 it would be 52.0%. Both are pointed out.
    assert (result.domain("A").score, result.overall.score, result.overall.percent) == (
        2.33,
        2.56,
        51.9,
    )
    flat = " ".join(explain(result, fw).split())
    assert (
        "= (2×2.33 + 1×3.00)/3 = 7.66/3 = 2.56 (computed from the unrounded domain scores)" in flat
    )
    assert "Percent: (2.56 − 1) / (4 − 1) × 100 = 51.9% (from the unrounded score)" in flat


def test_unknown_subject_suggests_the_nearest() -> None:
    fw = framework()
    result = run(mini_submission(), fw)
    assert resolve_subject(result, "a.2") == ("indicator", "A.2")
    assert resolve_subject(result, "b") == ("domain", "B")
    with pytest.raises(
        UsageError, match=r"mini has no domain or indicator 'B1' \(did you mean B\.1\?\)"
    ):
        explain(result, fw, "B1")
    with pytest.raises(UsageError, match=r"\(the domains are A, B\)"):
        explain(result, fw, "zzzz")


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_every_example_explains_every_id(path: Path) -> None:
    loaded = load_submission(path)
    fw: Framework = loaded.framework
    result = score(fw, loaded.submission, ScoreOptions(generated_at="x", source=str(path)))
    overall = explain(result, fw)
    if result.overall.percent is not None:
        assert f"= {result.overall.percent:.1f}%" in overall
    for domain in result.domains:
        text = explain(result, fw, domain.id)
        if domain.score is not None:
            assert f"= {domain.score:.2f}" in " ".join(text.split())
        for indicator in domain.indicators:
            text = explain(result, fw, indicator.id)
            if indicator.assessed:
                assert f"Supported by the evidence: {indicator.supported_level}\n" in text
                assert f"Effective: {indicator.effective_level} (" in text
            assert all(len(line) <= 100 for line in text.splitlines())
    for area in result.governance.areas if result.governance else []:
        text = explain(result, fw, area.id)
        if area.rating is not None:
            assert f"Rating: {area.rating.label}, because" in text
        for item in area.sub_indicators:
            text = explain(result, fw, item.id)
            assert all(len(line) <= 100 for line in text.splitlines())
    for measure in result.outcomes.measures if result.outcomes else []:
        text = explain(result, fw, measure.id)
        judged = text.count(": aspiration ") + text.count(", no aspiration set")
        assert "Baseline: " in text and len(measure.years) <= judged


# Governance and outcomes ------------------------------------------------------------------

ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"


def _assurance(path: Path = ASSURANCE) -> tuple[Result, Framework]:
    loaded = load_submission(path)
    options = ScoreOptions(generated_at="x", source="assurance.yaml")
    return score(loaded.framework, loaded.submission, options), loaded.framework


def test_governance_area_red_with_a_panel_rating() -> None:
    result, fw = _assurance()
    assert explain(result, fw, "finance") == (
        "finance Finance (governance)\n"
        "The organisation plans and controls its money soundly, keeps within its resources, and\n"
        "gets value from what it spends.\n"
        "NHS Westmarsh Integrated Care Board (QW9), 2026/27, assessed on 2026-10-14 against World\n"
        "Class Commissioning organisational competencies (wcc@2009)\n"
        "\n"
        "Rule: an area is red if any rated sub-indicator is red, green if all are green, and\n"
        "  amber otherwise; a sub-indicator's rating is the panel's when given, else the\n"
        "  organisation's own, and sub-indicators not rated are left out.\n"
        "Points: red 0, amber 1, green 2.\n"
        "\n"
        "Sub-indicators (rating that counts; whose rating)\n"
        "  finance.1 Financial plan and control total          Red    self-assessed\n"
        "  finance.2 Medium-term financial strategy            Green  self-assessed\n"
        "  finance.3 Financial risk and contingency            Amber  the panel's; self was Green\n"
        "  finance.4 Budgetary control and forecasting         Amber  self-assessed\n"
        "  finance.5 Efficiency and value-for-money programme  Green  self-assessed\n"
        "  finance.6 Audit opinions and internal control       Green  self-assessed\n"
        "\n"
        "Coverage: 6 of 6 sub-indicators rated (1 red, 2 amber, 3 green).\n"
        "Rating: Red, because finance.1 is rated red.\n"
        "Points: 0 for red; its sub-indicators total 8 of 12.\n"
        "\n"
        "To reach amber\n"
        "  Every red sub-indicator must reach at least amber (green for the area to be green):\n"
        "  - finance.1 Financial plan and control total: red → amber\n"
        "    Amber: The plan was met only with non-recurrent measures, or the forecast is off\n"
        "      plan with an agreed recovery plan.\n"
        "    Green: The year-end position met the agreed financial plan, and the current-year\n"
        "      forecast is on plan with no unplanned support.\n"
    )


def test_governance_sub_indicator() -> None:
    result, fw = _assurance()
    assert explain(result, fw, "FINANCE.1") == (
        "finance.1 Financial plan and control total\n"
        "in finance Finance (governance)\n"
        "NHS Westmarsh Integrated Care Board (QW9), 2026/27, assessed on 2026-10-14 against World\n"
        "Class Commissioning organisational competencies (wcc@2009)\n"
        "\n"
        "Rating\n"
        "  Rated by the organisation: Red\n"
        "  Counts: Red, the organisation's own (no panel rating)\n"
        "  Points: 0 (red 0, amber 1, green 2)\n"
        "  Red means: The plan was missed, or the forecast deficit has no agreed recovery plan.\n"
        "\n"
        "Narrative\n"
        "  The 2025/26 plan was met, but at month 5 the 2026/27 forecast is 9.8 million pounds\n"
        "  adverse to plan, mostly continuing healthcare and prescribing. A recovery plan for the\n"
        "  gap goes to the Board in December and is not yet agreed with NHS England.\n"
        "\n"
        "Evidence\n"
        "  1. Finance report, month 5 2026/27 [Board paper 2026/084], 2026-10-01, result:\n"
        "     counted, recent\n"
        "\n"
        "finance is red while this or any other sub-indicator is red.\n"
        "\n"
        "To reach amber\n"
        "  Amber means: The plan was met only with non-recurrent measures, or the forecast is off\n"
        "    plan with an agreed recovery plan.\n"
    )


def test_governance_sub_indicator_moderated_and_green() -> None:
    result, fw = _assurance()
    moderated = explain(result, fw, "finance.3")
    assert "  Rated by the organisation: Green\n" in moderated
    assert "  Counts: Amber, the panel's rating, which counts over the organisation's\n" in (
        moderated
    )
    assert moderated.endswith(
        "To reach green\n"
        "  Green means: Financial risks are quantified and owned, with a contingency reserve set\n"
        "    aside and reported to the board each month.\n"
    )
    assert explain(result, fw, "strategy.1").endswith("\nGreen, the top rating.\n")
    amber = explain(result, fw, "board")
    assert "Rating: Amber, because none is red but board.1 is rated amber.\n" in amber
    assert "Points: 1 for amber; its sub-indicators total 9 of 10.\n" in amber
    assert "  Every amber sub-indicator must reach green:\n" in amber
    panel_set = " ".join(explain(result, fw, "strategy").split())
    assert (
        "Rating: Amber, because the panel rated the whole area amber, which counts over the "
        "rule's rating: The plan is current" in panel_set
    )
    assert "By the rule it would be Green, because all 5 rated are green." in panel_set
    assert panel_set.endswith(
        "To reach green The panel rated the whole area amber: it must judge it green. By the "
        "rule its sub-indicators give green."
    )
    finance = explain(result, fw, "finance")
    assert "Rating: Red, because finance.1 is rated red.\n" in finance


def test_outcome_measure_off_track() -> None:
    result, fw = _assurance()
    assert explain(result, fw, "dementia-diagnosis") == (
        "dementia-diagnosis Estimated dementia diagnosis rate, people aged 65 and over (outcome\n"
        "measure)\n"
        "NHS Westmarsh Integrated Care Board (QW9), 2026/27, assessed on 2026-10-14 against World\n"
        "Class Commissioning organisational competencies (wcc@2009)\n"
        "\n"
        "Unit: %; higher is better.\n"
        "Source: Primary care dementia data, the March figure of each financial year.\n"
        "Baseline: 61 in 2023/24.\n"
        "A year is on track when its actual is at least the aspiration (higher is better).\n"
        "Tolerance: 0.5 percentage points (the submission's); a year that falls short by no more\n"
        "  than that is within tolerance, not off track.\n"
        "\n"
        "Years\n"
        "  2024/25: aspiration 63, actual 63.8: on track (63.8 ≥ 63, difference +0.8)\n"
        "  2025/26: aspiration 65, actual 64.2: off track (64.2 < 65, difference -0.8); 0.8\n"
        "    percentage points short of the aspiration, beyond the tolerance of 0.5\n"
        "  2026/27: aspiration 66.7, no actual yet\n"
        "  2027/28: aspiration 66.7, no actual yet\n"
        "  2028/29: aspiration 66.7, no actual yet\n"
        "\n"
        "Status: off track, as in 2025/26, the latest year with an actual.\n"
        "Next: 2026/27 aspires to 66.7 (higher is better).\n"
    )


def test_outcome_measure_on_track_lower_is_better() -> None:
    """The gap is built from three-year pooled figures, so its latest actual is a year
    behind the other measures (2025/26 is not yet published)."""
    result, fw = _assurance()
    assert explain(result, fw, "Health-Inequalities") == (
        "health-inequalities Gap in life expectancy between the most and least deprived fifths\n"
        "(outcome measure)\n"
        "NHS Westmarsh Integrated Care Board (QW9), 2026/27, assessed on 2026-10-14 against World\n"
        "Class Commissioning organisational competencies (wcc@2009)\n"
        "\n"
        "Unit: years; lower is better; required by the framework.\n"
        "Source: Westmarsh public health observatory, from ONS deaths and mid-year population\n"
        "  estimates by deprivation fifth: three-year pooled calendar periods, as for life\n"
        "  expectancy (2024/25 holds 2022-2024).\n"
        "Baseline: 9.9 in 2022/23 (2020-2022, pooled).\n"
        "A year is on track when its actual is at most the aspiration (lower is better).\n"
        "Tolerance: 0.5 years (the framework's for this measure); a year that falls short by no\n"
        "  more than that is within tolerance, not off track.\n"
        "\n"
        "Years\n"
        "  2024/25 (2022-2024, pooled): aspiration 9.6, actual 9.6: on track (9.6 ≤ 9.6,\n"
        "    difference 0)\n"
        "  2025/26 (2023-2025, pooled): aspiration 9.4, no actual yet\n"
        "  2026/27 (2024-2026, pooled): aspiration 9.1, no actual yet\n"
        "  2027/28 (2025-2027, pooled): aspiration 8.8, no actual yet\n"
        "  2028/29 (2026-2028, pooled): aspiration 8.5, no actual yet\n"
        "\n"
        "Status: on track, as in 2024/25, the latest year with an actual.\n"
        "Next: 2025/26 aspires to 9.4 (lower is better).\n"
    )


def test_overall_adds_governance_and_outcomes() -> None:
    result, fw = _assurance()
    text = explain(result, fw)
    assert (
        "\n\nGovernance: strategy amber, finance red, board amber (2 of 6 points).\n"
        "  strategy: amber, set by the panel; the rule gives Green.\n"
        "Outcomes: 6 of 10 measures on track, 2 within tolerance, 2 off track.\n"
        "Development plan: 8 actions: 1 open, 2 in progress, 4 done, 1 dropped; 1 overdue; no\n"
        "  open or in-progress action for C10.\n"
        "Signed off by Professor Ruth Adeyemi on 25 November 2026; the board approved the\n"
        "  self-assessment on 5 November 2026.\n"
        "Basis: panel-rated at domain level.\n"
    ) in text
    plain, plain_fw = _assurance(EXAMPLES / "westmarsh-2026-27.yaml")
    assert "Governance:" not in explain(plain, plain_fw)
    assert "Outcomes:" not in explain(plain, plain_fw)


def test_not_rated_and_no_actual(tmp_path: Path) -> None:
    data = parse_yaml_data(ASSURANCE.read_text(encoding="utf-8"))
    data["governance"]["board"]["board.1"] = {"not_assessed": "posts being recruited"}
    data["governance"]["strategy"] = {"not_assessed": "deferred to the spring panel"}
    del data["panel"]["governance"]  # the panel rates only areas that were assessed
    data["outcomes"][0]["actuals"] = {}
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result, fw = _assurance(path)
    board = explain(result, fw, "board")
    assert (
        "  board.1 Board membership, skills and stability        not rated: posts being recruited\n"
    ) in board
    assert "Coverage: 4 of 5 sub-indicators rated (0 red, 0 amber, 4 green).\n" in board
    assert "Rating: Green, because all 4 rated are green.\n" in board
    item = explain(result, fw, "board.1")
    assert "Not rated: posts being recruited.\nIt is left out of board's rating" in item
    strategy = explain(result, fw, "strategy")
    assert strategy.endswith(
        "Coverage: 0 of 5 sub-indicators rated (0 red, 0 amber, 0 green).\n"
        "Not assessed: deferred to the spring panel. It earns no points.\n"
    )
    overall = explain(result, fw)
    assert "Governance: strategy not rated, finance red, board green (2 of 4 points).\n" in (
        overall
    )
    assert (
        "Outcomes: 5 of 10 measures on track, 2 within tolerance, 2 off track, 1 with no actual "
        "yet."
    ) in " ".join(overall.split())
    measure = explain(result, fw, "life-expectancy")
    assert "  2024/25 (2022-2024, pooled): aspiration 80.3, no actual yet\n" in measure
    assert measure.endswith("\nStatus: no actual yet.\n")


def test_unknown_subject_suggests_across_every_kind() -> None:
    result, fw = _assurance()
    assert resolve_subject(result, "Finance") == ("governance-area", "finance")
    assert resolve_subject(result, "board.2") == ("governance-item", "board.2")
    assert resolve_subject(result, "SMOKING") == ("outcome", "smoking")
    nouns = "domain, indicator, governance area, governance sub-indicator or outcome measure"
    with pytest.raises(UsageError) as caught:
        explain(result, fw, "finance-1")
    assert str(caught.value) == (
        f"assurance.yaml has no {nouns} 'finance-1' (did you mean finance.1?)"
    )
    with pytest.raises(UsageError, match=r"did you mean life-expectancy\?"):
        explain(result, fw, "life_expectancy")
    with pytest.raises(UsageError, match=r"the governance areas are strategy, finance, board;"):
        explain(result, fw, "zzzz")
