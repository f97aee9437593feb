"""The Markdown report, read back through a CommonMark + GFM-tables parser."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from tests.render_support import FENBRIDGE, WESTMARSH, result_of, scan_html
from wcc_assess.render import AssessFormat, render

GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@pytest.fixture(scope="module")
def text() -> str:
    return render(result_of(FENBRIDGE), AssessFormat.MARKDOWN)


def section(text: str, title: str) -> str:
    """The text of the ``### title`` section, up to the next heading."""
    return text.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]


def test_heading_and_summary_line(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == (
        "## NHS Fenbridge Integrated Care Board (QF7), 2026/27: "
        "World Class Commissioning organisational competencies"
    )
    # Draft until a panel signs it off; the headline is the profile of levels (WCC has no
    # composite band); C11 has a target but was not assessed: not evidenced, never met.
    assert lines[2] == "**Draft: not signed off by an assurance panel**"
    assert lines[4] == "**7 competencies at level 2, 3 at level 1, 1 not assessed**"
    assert lines[6] == (
        "**❌ 5 of 11 competencies with a target meet it; 5 are below it; 1 is not evidenced: "
        "C11** · mean score 2.06 (35.2% of the way from level 1 to level 4), a secondary "
        "figure · 10 of 11 competencies and 39 of 44 indicators assessed · 2 claims capped by "
        "the evidence rules"
    )
    # The line under the headline says what the framework is: the framework's own summary.
    assert lines[8].startswith(
        "A Department of Health framework of 2007-2010 for NHS commissioners, reused here "
        "voluntarily; it is not NHS England's current assurance of integrated care boards, and "
        "its indicator ids are this project's, not the official criteria numbers."
    )
    assert lines[8].endswith(
        "Assessed 20 November 2026 by Priya Raman (Director of Strategy), Gareth Lloyd "
        "(Board Secretary)."
    )


def test_domain_table_parses_with_a_text_status_per_row(text: str) -> None:
    # The first table is the scorecard (WCC has governance and outcomes); then the domains.
    tables = [t.split("</table>")[0] for t in GFM.render(text).split("<table>")[1:]]
    scorecard = tables[0]
    assert ">Health outcomes</th>" in scorecard and ">Governance</th>" in scorecard
    table = next(t for t in tables if ">Competency</th>" in t)
    header = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", table.split("</thead>")[0], flags=re.S)
    # Five columns, narrow enough for a pull-request comment; WCC's own word for a domain.
    assert header == ["Competency", "Level", "Target", "Status", "Score"]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S) for row in rows]
    assert len(cells) == 12 and all(len(row) == 5 for row in cells)
    assert cells[0] == ["C1 Locally lead the NHS", "2 Developing", "3", "❌ below", "2.50"]
    assert cells[2][3] == "✅ met"
    # C11 has a target but was not assessed: not evidenced, never met.
    assert cells[10] == ["C11 Make sound financial investments", "–", "2", "🚫 not evidenced", "–"]
    assert cells[11][0] == "<strong>Overall</strong>" and cells[11][4] == "<strong>2.06</strong>"
    assert cells[11][1].startswith("–")  # no band: WCC never had a composite rating


def test_capped_indicators_say_why(text: str) -> None:
    capped = section(text, "Capped indicators").strip().splitlines()
    assert capped == [
        "- **C1.3** Board capability and organisational development: the claimed level 3 is "
        "capped at 2: level 3 needs 2 evidence items including a decision and a result, at "
        "least 1 dated on or after 2025-11-20; 1 counted, 0 recent, without a decision and a "
        "result",
        "- **C3.3** Reporting back to the public: the claimed level 3 is capped at 2: level 3 "
        "needs 2 evidence items including a decision and a result, at least 1 dated on or after "
        "2025-11-20; 1 counted, 0 recent, without a decision",
    ]


def test_next_steps_put_domains_below_target_first_and_fold_the_rest(text: str) -> None:
    steps = section(text, "Next steps")
    open_part, folded = steps.split("<details>", 1)
    assert re.findall(r"^\*\*(C\d+) ", open_part, flags=re.M) == ["C1", "C2", "C4", "C6", "C9"]
    assert "<summary>Next steps in the other competencies (5)</summary>" in folded
    assert re.findall(r"^\*\*(C\d+) ", folded, flags=re.M) == ["C3", "C5", "C7", "C8", "C10"]
    assert (
        "- **C1.3** Board capability and organisational development, level 2 → 3: the claim "
        "reaches level 3, but the evidence rules are not met: the claimed level 3 is capped at 2"
        in open_part
    )
    assert "- **C2.4** Joint commissioning and pooled resources, level 1 → 2: Pooled budgets" in (
        open_part
    )


def test_not_assessed_items_with_reasons(text: str) -> None:
    assert section(text, "Not assessed").strip().splitlines() == [
        "- **C3.4** Using patient experience intelligence: The patient participation review is "
        "being redone after a data error; it will be assessed in 2027/28.",
        "- **C11** Make sound financial investments (whole competency): Financial competencies are "
        "assessed by the regional finance review this year, not by self-assessment.",
    ]


def test_warnings(text: str) -> None:
    assert section(text, "Warnings").strip() == (
        "- ⚠️ C3.3: evidence 'You said, we did: stroke services' is dated 2026-12-02, after the "
        "assessment date 2026-11-20; it was not counted"
    )


def test_indicator_detail_in_details_blocks(text: str) -> None:
    detail = section(text, "Competency detail")
    summaries = re.findall(r"<summary>(.*?)</summary>", detail)
    assert len(summaries) == 12 and summaries[11] == "Glossary"
    assert summaries[0] == "C1 Locally lead the NHS: level 2, ❌ below (target 3)"
    assert summaries[10] == "C11 Make sound financial investments: not assessed"
    assert "Not assessed: Financial competencies are assessed" in detail
    assert detail.count("<details>") == detail.count("</details>") == 12  # and the glossary
    # a blank line after <summary> so that GitHub renders the Markdown inside
    assert all("</summary>\n\n" in block for block in detail.split("<details>")[1:])
    assert (
        "Held down by C1.2 at 2 (the panel's level; 3 was claimed); C1.3 at 2 (capped from "
        "3 by the evidence rules)." in detail
    )
    assert (
        "| C1.3 Board capability and organisational development | 3 | – | 2 (capped) | "
        "1 of 1 |" in detail
    )
    assert "  - Panel: The panel heard from partners" in detail
    assert (
        "  - Evidence: Citizens' panel survey, summer 2026 (appendix) (Board paper 2026/097), "
        "6 August 2026, result (not counted: same ref as an earlier item; counted once)" in detail
    )


def test_only_http_refs_become_links(text: str) -> None:
    scan = scan_html(GFM.render(text))
    hrefs = [attrs["href"] for attrs in scan.named("a")]
    assert hrefs and all(href.startswith("https://fenbridge.example.") for href in hrefs)
    assert "[Joint forward plan 2026-2031](https://fenbridge.example.nhs.uk/plans/" in text
    assert "Strategy delivery report, Q2 2026/27 (Board paper 2026/118), 1 October 2026" in text


def test_scoring_rules_and_provenance(text: str) -> None:
    assert "How this was scored: A domain's level is the highest level that every one" in text
    assert (
        "No composite band: the headline is the profile of competency levels; the mean score "
        "is a secondary figure." in text
    )
    assert "a panel's level stands, and is flagged when the rules alone would support less" in (
        text
    )
    assert text.endswith(
        "<sub>Generated by wcc-assess 0.1.0 on 21 September 2026, 14:13 UTC from "
        "tests/data/reports/fenbridge-2026-27.yaml.</sub>\n"
    )


def test_without_targets_every_next_step_is_open() -> None:
    text = render(result_of(WESTMARSH[0]), AssessFormat.MARKDOWN)
    assert "**ℹ️ no targets were set**" in text
    assert "Next steps in the other competencies" not in text
    assert "➖ no target" in text


def test_passing_gate_headline() -> None:
    # With --target 1 C11 has a target too, and is not evidenced: the gate fails on it...
    failed = render(result_of(FENBRIDGE, target=1), AssessFormat.MARKDOWN)
    assert "**❌ 10 of 11 competencies with a target meet it; 1 is not evidenced: C11**" in failed
    # ... unless allowed, and even then it is never counted as met.
    allowed = result_of(FENBRIDGE, target=1, allow_not_evidenced=True)
    text = render(allowed, AssessFormat.MARKDOWN)
    assert (
        "**✅ 10 of 11 competencies with a target meet it; 1 is not evidenced (allowed): C11**"
        in text
    )
    assert "❌" not in text
