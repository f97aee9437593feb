"""The scorecard, governance, outcomes and panel in the Markdown, HTML and JUnit reports."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.render_support import (
    ASSURANCE,
    FENBRIDGE,
    WESTMARSH,
    hostile_result,
    result_of,
    scan_html,
)
from wcc_assess.io.yamlsafe import parse_yaml_data
from wcc_assess.models.result import Result
from wcc_assess.render import AssessFormat, render
from wcc_assess.render._words import gate_title
from wcc_assess.render.assess._assurance import typeset_number as number
from wcc_assess.render.assess._assurance import typeset_signed as signed
from wcc_assess.render.svg import TrajectoryPoint, trajectory_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
ACTION_A5 = (
    "Finish the data quality improvement plan, starting with an audit of community services "
    "coding with the community trust"
)


@pytest.fixture(scope="module")
def result() -> Result:
    return result_of(ASSURANCE, fail_on_red=True)


@pytest.fixture(scope="module")
def markdown(result: Result) -> str:
    return render(result, AssessFormat.MARKDOWN)


@pytest.fixture(scope="module")
def html(result: Result) -> str:
    return render(result, AssessFormat.HTML)


def md_table_after(text: str, marker: str) -> list[list[str]]:
    """Return the cells of the first Markdown table at or after ``marker``."""
    lines = text[text.index(marker) :].splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if line.startswith(("| :--", "| --")):
            continue
        table.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return table


# Words for values.
@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (0.44, 2, "+0.44"),
        (-0.25, 2, "−0.25"),
        (0.0, 2, "0.00"),
        (None, 2, "–"),
        (2, 0, "+2"),
        (-1, 0, "−1"),
        (0, 0, "0"),
    ],
)
def test_signed(value: float | None, places: int, text: str) -> None:
    assert signed(value, places) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(80.35, "80.35"), (1402.0, "1402"), (0.1, "0.1"), (None, "–"), (-0.05, "-0.05")],
)
def test_number_as_written(value: float | None, text: str) -> None:
    assert number(value) == text


def test_gate_title_counts_red_areas(result: Result) -> None:
    # C1 meets its target of 2 by the panel's rating of the whole competency (calculated 1).
    assert gate_title(result) == (
        "9 of 11 competencies with a target meet it; 2 are below it; 1 governance area is red"
    )
    without = result_of(ASSURANCE)
    assert gate_title(without) == "9 of 11 competencies with a target meet it; 2 are below it"
    passed = result_of(ASSURANCE, target=1)
    assert gate_title(passed) == "Every competency with a target meets it (11 of 11)"
    only_red = result_of(ASSURANCE, target=1, fail_on_red=True)
    # A failed gate says what failed it: the targets are met, so only the red area.
    assert gate_title(only_red) == "1 governance area is red"


# Markdown.
def test_markdown_scorecard_sits_at_the_top(markdown: str) -> None:
    scorecard = markdown.index("### Assurance scorecard")
    assert scorecard < markdown.index("| Competency | Level |")
    cells = md_table_after(markdown, "### Assurance scorecard")
    assert cells[0] == ["Health outcomes", "Competencies", "Governance"]
    outcomes, competencies, governance = cells[1]
    assert outcomes == (
        "**6 of 10** measures on track<br>2 within tolerance, 2 off track, 0 without an actual yet"
    )
    # The profile of levels, never a composite band (WCC had none).
    assert competencies.startswith(
        "**3 competencies at level 3, 8 at level 2**<br>C1 2 (panel) · C2 3 · C3 3 · C4 3 (panel)"
    )
    assert "Band" not in competencies and "Strong" not in markdown
    assert governance == (
        "🟠 Amber (panel): Strategy<br>🔴 Red: Finance<br>🟠 Amber: Board<br>2 of 6 points"
    )


def test_markdown_headline_names_the_red_area(markdown: str) -> None:
    lines = markdown.splitlines()
    assert lines[2] == (
        "Signed off by Professor Ruth Adeyemi on 25 November 2026; the board approved the "
        "self-assessment on 5 November 2026"
    )
    assert lines[4] == "**3 competencies at level 3, 8 at level 2**"
    assert lines[6].startswith(
        "**❌ 9 of 11 competencies with a target meet it; 2 are below it; 1 governance area is "
        "red** · mean score 2.58 (52.6% of the way from level 1 to level 4), a secondary figure"
    )


def test_markdown_competency_detail_has_the_calibration(markdown: str) -> None:
    # The summary table stays five columns wide; each competency's calibration is in its
    # block of the detail, and the panel's overall calibration in the panel section.
    assert md_table_after(markdown, "| Competency | Level")[0] == [
        "Competency",
        "Level",
        "Target",
        "Status",
        "Score",
    ]
    assert "· self − panel +1.00" in markdown.split("C1 Locally lead the NHS: level 2", 1)[1]
    assert (
        "· self − panel"
        not in markdown.split("C2 Work with community", 2)[2].split("</details>")[0]
    )
    assert (
        "· self − panel +0.50"
        in markdown.split("C11 Make sound financial investments: level", 1)[1]
    )
    assert "**+0.40**" in markdown


def test_markdown_governance(markdown: str) -> None:
    cells = md_table_after(markdown, "### Governance")
    assert cells[0][:3] == ["Area", "Rating", "Points"]
    assert cells[2] == ["Finance", "🔴 Red", "0", "3", "2", "1", "6/6", "finance.1"]
    assert "| finance.3 Financial risk and contingency | Green | Amber | 🟠 Amber | 1 |" in markdown
    assert "  - Red means: The plan was missed, or the forecast deficit has no agreed" in markdown
    assert "  - Panel (Amber): Risks are quantified" in markdown


def test_markdown_outcomes(markdown: str) -> None:
    cells = md_table_after(markdown, "### Health outcomes")
    # Life expectancy is published a year or more after its three-year period, so its
    # latest year is a year behind the measures counted by financial year.
    # ... and each figure says what period it covers, with the measure's tolerance.
    assert cells[1] == [
        "Life expectancy at birth, all persons (years) (required)",
        "higher",
        "79.9 (2020-2022, pooled)",
        "2024/25 (2022-2024, pooled)",
        "80.3",
        "80.4",
        "0\\.3 years",  # escaped as inert Markdown; it reads 0.3 years
        "✅ On track",
    ]
    assert cells[4] == [
        "Under-75 mortality from cancer (per 100,000)",
        "lower",
        "129.5 (2022)",
        "2024/25 (2024)",
        "126",
        "126.4",
        "2 per 100,000",
        "🟡 Within tolerance",
    ]
    assert cells[9] == [
        "Estimated dementia diagnosis rate, people aged 65 and over (%)",
        "higher",
        "61 (2023/24)",
        "2025/26",
        "65",
        "64.2",
        "0\\.5 percentage points",
        "❌ Off track",
    ]
    trajectories = md_table_after(markdown, "Trajectories year by year")
    assert trajectories[0] == [
        "Measure",
        "Baseline",
        "2024/25",
        "2025/26",
        "2026/27",
        "2027/28",
        "2028/29",
    ]
    assert trajectories[7][3] == "**1402** / 1375 ❌"  # avoidable admissions: lower is better
    assert trajectories[7][4] == "– / 1350"


def test_markdown_panel(markdown: str) -> None:
    assert "The panel met on 18 November 2026 (Professor Ruth Adeyemi, Independent expert" in (
        markdown
    )
    assert (
        "Calibration (mean self level minus mean panel level, over the indicators the panel "
        "rated): **+0.40**; the organisation rated itself higher than the panel did." in markdown
    )
    rated = md_table_after(markdown, "### Panel judgement")
    assert rated[0] == ["Competency", "Panel", "Calculated", "Difference", "The panel's reasons"]
    assert rated[1][:4] == ["C1 Locally lead the NHS", "2", "1", "+1"]
    cells = md_table_after(markdown, "Calibration (mean self level")
    assert cells[0] == ["Indicator", "Self", "Panel", "Self − panel", "Panel's note"]
    flagged = next(row for row in cells if row[0].startswith("C1.4"))
    assert flagged[1:4] == ["3", "1", "+2 ⚠️ two or more levels apart"]
    accepted = next(row for row in cells if row[0].startswith("C6.1"))
    assert accepted[3] == (
        "0 ⚠️ accepted by the panel at level 3 with 1 counted item where the rule asks for 2 "
        "and a decision missing; the evidence rules alone support level 2"
    )
    assert len(cells) == 1 + 10
    assert "- **C1** Q: Why was the neighbourhood health programme announced" in markdown
    assert (
        "- ⚠️ **C4** Dr Sunita Rao declared an interest in NHS Fenreach ICB, named in C4.1's "
        "evidence “Letter from NHS Fenreach ICB adopting the Westmarsh leadership council "
        "model” (matched “NHS Fenreach ICB”)" in markdown
    )
    assert "Evidence checked: 8 of the 90 items counted (9%); 1 tabled at the panel." in markdown


def test_markdown_without_assurance_keeps_the_scorecard_of_its_framework() -> None:
    # WCC's headline is its three-part scorecard, whether or not a submission reports
    # governance and outcomes: the parts not reported say so.
    text = render(result_of(WESTMARSH[1]), AssessFormat.MARKDOWN)
    for absent in ("### Governance", "### Health outcomes", "### Panel judgement", "Self − panel"):
        assert absent not in text
    cells = md_table_after(text, "### Assurance scorecard")
    assert cells[1][0] == cells[1][2] == "Not reported in this submission"
    fenbridge = render(result_of(FENBRIDGE), AssessFormat.MARKDOWN)
    assert "### Panel judgement" in fenbridge
    assert "It rated 2 indicators, changing 2." in fenbridge
    # A framework without governance or outcome rules has no scorecard at all.
    assert "Assurance scorecard" not in render(hostile_result(), AssessFormat.MARKDOWN)


# HTML.
def test_html_scorecard_first_with_words_for_every_rating(html: str) -> None:
    summary = html.split('<section id="summary"', 1)[1]
    main = summary.split("</h2>", 1)[1]
    assert main.lstrip().startswith('<section id="scorecard"')  # the summary opens with it
    scorecard = main.split("</section>", 1)[0]
    text = " ".join(scan_html(scorecard).text)
    for expected in (
        "Health outcomes",
        "6 of 10",
        "2 within tolerance",
        "Competencies",
        "3 competencies at level 3, 8 at level 2",
        "Governance",
        "2 of 6",
        "Strategy",
        "(panel)",
        "Finance",
        "Red",
        "Board",
        "Amber",
    ):
        assert expected in text, expected
    assert "Strong" not in text  # no composite band
    assert scorecard.count('class="status rag rag-') == 3
    assert scorecard.count('class="status track track-off-track"') == 2
    assert scorecard.count('class="status track track-within-tolerance"') == 2
    assert 'aria-hidden="true">■</span>Red' in scorecard  # the shape is decoration only


def test_html_sections_and_gate(html: str) -> None:
    assert html.index('id="domains"') < html.index('id="gaps"') < html.index('id="appendix"')
    assert html.index('id="summary"') < html.index('id="domains"')
    assert html.index('id="appendix"') < html.index('<section id="governance"')
    order = [
        html.index(f'<section id="{name}"')
        for name in (
            "front-sheet",
            "summary",
            "scorecard",
            "governance",
            "outcomes",
            "panel",
            "next-steps",
            "detail",
            "rules",
            "glossary",
        )
    ]
    assert order == sorted(order)
    assert (
        "9 of 11 competencies with a target meet it; 2 are below it; 1 governance area is red"
        in html
    )
    ids = [attrs["id"] for _, attrs in scan_html(html).tags if "id" in attrs]
    assert len(ids) == len(set(ids))


def test_html_outcome_charts_have_text_alternatives_and_data_tables(html: str) -> None:
    charts = re.findall(
        r'<svg xmlns=[^>]*aria-labelledby="outcome-\d+-title.*?</svg>', html, flags=re.S
    )
    assert len(charts) == 10
    first = ET.fromstring(charts[0])
    title = first.find("svg:title", NS)
    desc = first.find("svg:desc", NS)
    assert title is not None and title.text == (
        "Life expectancy at birth, all persons (years): aspiration and actual by year"
    )
    assert desc is not None and desc.text is not None
    assert "where higher is better" in desc.text
    assert "Baseline 2022/23: 79.9. 2024/25: aspiration 80.3, actual 80.4, on track." in (desc.text)
    assert "2025/26: aspiration 80.5, no actual yet. 2026/27: aspiration 80.7, no " in desc.text
    dementia = ET.fromstring(charts[8]).find("svg:desc", NS)
    assert dementia is not None and dementia.text is not None
    assert "2025/26: aspiration 65, actual 64.2, off track." in dementia.text
    tables = re.findall(r'<table class="trajectory-data">.*?</table>', html, flags=re.S)
    assert len(tables) == 10
    assert (
        "<caption>Life expectancy at birth, all persons: aspiration and actual by year"
        in (tables[0])
    )
    assert tables[0].count("<tr>") == 1 + 1 + 5  # header, baseline, five years


def test_html_governance_and_panel(html: str) -> None:
    governance = html.split('<section id="governance"', 1)[1].split("</section>", 1)[0]
    text = " ".join(" ".join(scan_html(governance).text).split())
    assert "2 of 6 points over 3 of 3 areas rated" in text
    assert "Panel (amber, self-rated green):" in text
    assert "Rated amber by the panel (the rule gives green): The plan is current" in text
    assert governance.count('<article class="indicator"') == 4  # finance.1, .3, .4 and board.1
    panel = html.split('<section id="panel"', 1)[1].split("</section>", 1)[0]
    assert panel.count("<tr>") == (1 + 2) + (1 + 10)  # domains rated whole; indicators
    assert "two or more levels apart" in panel and "+0.40" in panel
    panel_text = " ".join(" ".join(scan_html(panel).text).split())
    assert "Signed off by Professor Ruth Adeyemi on 25 November 2026" in panel_text
    assert "Flagged: accepted by the panel at level 3 with 1 counted item" in panel_text
    assert "declared an interest in NHS Fenreach ICB" in panel_text
    assert '<th scope="col" class="num">Self minus panel</th>' in html


def test_html_without_assurance_keeps_the_scorecard_and_nothing_more() -> None:
    html = render(result_of(WESTMARSH[1]), AssessFormat.HTML)
    assert 'id="scorecard"' in html  # WCC's headline, with "not reported" parts
    for absent in ('id="governance"', 'id="outcomes"', 'id="panel"', "Self minus panel"):
        assert absent not in html
    assert 'id="scorecard"' not in render(hostile_result(), AssessFormat.HTML)


def test_hostile_text_in_assurance_sections_is_inert(tmp_path: Path) -> None:
    data: dict[str, Any] = parse_yaml_data(ASSURANCE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    evil = "<script>alert(1)</script> | *x* [l](javascript:alert(1))"
    data["outcomes"][2]["name"] = evil
    data["outcomes"][2]["unit"] = "<b>u</b>"
    data["governance"]["board"]["board.2"]["narrative"] = evil
    data["governance"]["board"]["board.2"]["rating"] = "red"
    data["panel"]["members"][0]["name"] = evil
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = result_of(path)
    html = render(result, AssessFormat.HTML)
    assert "<script>" not in html and "<b>u</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    markdown = render(result, AssessFormat.MARKDOWN)
    assert "<script>" not in markdown and "<b>u</b>" not in markdown
    outcome_rows = md_table_after(markdown, "### Health outcomes")
    assert all(len(row) == 8 for row in outcome_rows)  # the pipe did not split a cell


# JUnit.
def test_junit_has_a_case_per_governance_area(result: Result) -> None:
    root = ET.fromstring(render(result, AssessFormat.JUNIT).split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite is not None
    cases = {case.attrib["name"]: case for case in suite.iter("testcase")}
    # 11 domains, 3 governance areas and the overdue action A5 (skipped: not a gate here)
    assert len(cases) == 11 + 3 + 1 and suite.attrib["tests"] == "15"
    assert cases["Action A5: " + ACTION_A5].find("skipped") is not None
    finance = cases["Governance: Finance"].find("failure")
    assert finance is not None and finance.attrib["type"] == "governance-red"
    assert finance.text is not None and finance.text.startswith("finance.1 Financial plan")
    assert cases["Governance: Board"].find("failure") is None
    assert suite.attrib["failures"] == "3"  # C10, C11 and finance (the panel rated C1 at 2)
    c1 = cases["C1 Locally lead the NHS"].findtext("system-out") or ""
    assert c1.startswith("Level 2 (the panel's rating; calculated 1 (+1)), target 2;")
    ungated = ET.fromstring(render(result_of(ASSURANCE), AssessFormat.JUNIT).split("\n", 1)[1])
    assert ungated.find("testsuite").attrib["failures"] == "2"  # type: ignore[union-attr]


# The trajectory chart, coordinates by hand.
def test_trajectory_chart_geometry() -> None:
    # Plot box: x 56..450 (width 480, margins 56 and 30), y 30..180 (height 220, margins 30
    # and 40). Values 10..14 give ticks 10, 11, 12, 13, 14; y(v) = 30 + 150 * (14 - v) / 4.
    points = [
        TrajectoryPoint("A", None, 10),
        TrajectoryPoint("B", 12, 11, on_track=False),
        TrajectoryPoint("C", 14, None),
    ]
    svg = ET.fromstring(trajectory_chart(points, title="T <1>", desc="D & d", id_prefix="o-1"))
    assert svg.attrib["role"] == "img" and svg.attrib["aria-labelledby"] == "o-1-title o-1-desc"
    aspiration = svg.find("svg:polyline[@class='aspiration']", NS)
    actual = svg.find("svg:polyline[@class='actual']", NS)
    assert aspiration is not None and actual is not None
    assert aspiration.attrib["points"] == "253.0,105.0 450.0,30.0"
    assert aspiration.attrib["stroke-dasharray"]  # dashed: colour is not the only cue
    assert actual.attrib["points"] == "56.0,180.0 253.0,142.5"
    missed = svg.find("svg:rect[@class='missed']", NS)
    assert missed is not None and (missed.attrib["x"], missed.attrib["y"]) == ("248.5", "138.0")
    circles = svg.findall("svg:circle", NS)
    assert [(c.attrib["cx"], c.attrib["cy"]) for c in circles] == [("56.0", "180.0")]
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert labels[:8] == ["10", "11", "12", "13", "14", "A", "B", "C"]


def test_trajectory_chart_with_flat_values_and_one_year() -> None:
    svg = ET.fromstring(
        trajectory_chart([TrajectoryPoint("2025/26", 5, 5, True)], title="t", desc="d")
    )
    assert svg.find("svg:polyline", NS) is None  # one point: markers only
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert labels[:2] == ["5", "6"]
