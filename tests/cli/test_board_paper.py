"""The board paper: its front sheet from the submission or the command line, its peers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"
SELF = EXAMPLES / "westmarsh-2026-27.yaml"
HARBOURSIDE = EXAMPLES / "new-commissioning-harbourside.yaml"
Wcc = Callable[..., Run]


def paper_of(wcc: Wcc, *args: str) -> dict[str, object]:
    run = wcc("assess", *args, "-f", "json", "-q")
    assert run.exit_code in (0, 1), run.stderr
    paper: dict[str, object] = json.loads(run.stdout)["paper"]
    return paper


def test_the_report_block_is_the_front_sheet(wcc: Wcc) -> None:
    assert paper_of(wcc, str(ASSURANCE)) == {
        "title": "World Class Commissioning assurance 2026/27: self-assessment and panel outcome",
        "meeting": "Board meeting in public",
        "meeting_date": "2026-12-03",
        "status": "final",
        "author": "Aisha Bello, Head of Corporate Governance",
        "executive_lead": "Helen Marsh, Director of Strategy and Partnerships",
        "purpose": "For assurance",
        "recommendation": (
            "The Board is asked to note the panel's ratings, including C10 and C11 below their "
            "targets, C1 rated at level 2 as a whole and the red rating for finance, and to ask "
            "for development actions for C1 and C10, beside those for C11, to be reported in "
            "March 2027."
        ),
        "marking": "OFFICIAL",
    }


def test_options_override_the_block_field_by_field(wcc: Wcc) -> None:
    paper = paper_of(
        wcc,
        str(ASSURANCE),
        "--paper-title",
        "Assurance outcome",
        "--meeting-date",
        "2027-01-14",
        "--paper-status",
        "draft",
        "--marking",
        "OFFICIAL-SENSITIVE",
    )
    assert paper["title"] == "Assurance outcome" and paper["meeting_date"] == "2027-01-14"
    assert paper["status"] == "draft" and paper["marking"] == "OFFICIAL-SENSITIVE"
    assert paper["author"] == "Aisha Bello, Head of Corporate Governance"  # from the block


def test_without_a_block_the_paper_is_a_draft_named_after_the_framework(wcc: Wcc) -> None:
    # Titles come from the framework, never its id ("NEW-COMMISSIONING assessment").
    paper = paper_of(wcc, str(HARBOURSIDE), "--executive-lead", "Chief Nurse")
    assert paper["status"] == "draft" and paper["executive_lead"] == "Chief Nurse"
    assert str(paper["title"]).endswith(": annual assessment 2025/26")
    assert "NEW-COMMISSIONING" not in str(paper["title"])
    markdown = wcc("assess", str(HARBOURSIDE), "-f", "markdown", "-q").stdout
    assert not markdown.startswith("## NEW-COMMISSIONING") and "NEW-COMMISSIONING" not in markdown


def test_bad_values_in_the_block_are_located(wcc: Wcc, tmp_path: Path) -> None:
    text = SELF.read_text(encoding="utf-8")
    text = text.replace("  status: draft\n", "  status: approved\n  colour: blue\n")
    text = text.replace("  meeting_date: 2026-11-05", "  meeting_date: next week")
    text = text.replace('  author: "Aisha Bello, Head of Corporate Governance"', '  author: ""')
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    run = wcc("assess", str(bad))
    assert run.exit_code == 2 and run.stdout == ""
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    lines = text.splitlines()
    at = lines.index("  meeting_date: next week") + 1  # the line numbers are the file's own
    assert [re.sub(r"^.*?:(\d+):(\d+): error: ", r"\1:\2 ", e) for e in errors] == [
        f"{at}:17 report.meeting_date: 'next week' is not a date (write dates as YYYY-MM-DD)",
        f"{at + 1}:11 report.status: expected 'draft' or 'final', got 'approved'",
        f"{at + 2}:11 report.colour: unknown field 'colour' (expected one of author, "
        "executive_lead, marking, meeting, meeting_date, purpose, recommendation, status, "
        "title)",
        f"{at + 3}:11 report.author: must not be empty",
    ]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--meeting-date", "2026-13-01"], "Invalid value for '--meeting-date'"),
        (["--paper-status", "approved"], "--paper-status 'approved': use draft or final"),
        (["--author", " "], "--author is empty: give the text, or leave the option out"),
        (["--max-chars", "-5"], "--max-chars -5: give a number of characters, or 0"),
    ],
)
def test_bad_options_are_usage_errors(wcc: Wcc, args: list[str], message: str) -> None:
    run = wcc("assess", str(SELF), "-f", "markdown", *args)
    assert run.exit_code == 2 and run.stdout == ""
    assert message in " ".join(re.sub(r"[│╭╮╰╯─]", " ", run.stderr).split())


def test_html_front_sheet_puts_the_gate_beside_the_headline(wcc: Wcc) -> None:
    html = wcc("assess", str(ASSURANCE), "-f", "html", "-q").stdout
    front = html.split('<section id="front-sheet"', 1)[1].split("</section>", 1)[0]
    row = front.split('<div class="headline-row">', 1)[1]
    assert row.index('class="headline"') < row.index('class="gate gate-failed"')
    assert (
        "Gate: failed" in row
        and "9 of 11 competencies with a target meet it; 2 are below it" in row
    )
    assert "<dt>Executive lead</dt><dd>Helen Marsh, Director of Strategy and Partnerships" in front
    assert "The Board is asked to note the panel&#39;s ratings" in front
    assert '<aside class="marking" aria-label="Protective marking">OFFICIAL</aside>' in html
    assert '@top-center { content: "OFFICIAL";' in html  # on every printed page


def test_markdown_front_sheet_and_recommendation(wcc: Wcc) -> None:
    markdown = wcc("assess", str(ASSURANCE), "-f", "markdown", "-q").stdout
    assert (
        "**World Class Commissioning assurance 2026/27: self-assessment and panel outcome** · "
        "Final · Board meeting in public · 3 December 2026 · For assurance" in markdown
    )
    assert "\n\n> **Recommendation:** The Board is asked to note" in markdown


@pytest.fixture(scope="module")
def cohort_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from wcc_assess.cli import app

    folder = tmp_path_factory.mktemp("peers")
    path = folder / "cohort.json"
    files = [str(EXAMPLES / f"westmarsh-{y}.yaml") for y in ("2025-26", "2026-27")]
    files.append(str(ROOT / "tests" / "data" / "reports" / "fenbridge-2026-27.yaml"))
    run = CliRunner().invoke(app, ["cohort", *files, "-f", "json", "-o", str(path), "-q"])
    assert run.exit_code in (0, 1), run.output
    return path


def test_peers_rank_each_domain_among_the_cohort(wcc: Wcc, cohort_json: Path) -> None:
    run = wcc("assess", str(ASSURANCE), "--peers", str(cohort_json), "-f", "json", "-q")
    peers = json.loads(run.stdout)["peers"]
    # The cohort holds Westmarsh 2026/27 itself (left out: the report ranks its own
    # figures), Westmarsh 2025/26 and Fenbridge 2026/27: two peers.
    assert peers["organisations"] == 2 and peers["source"] == str(cohort_json)
    by_id = {d["id"]: d for d in peers["domains"]}
    # C1: level 2 by the panel's rating of the whole competency (calculated 1), score 2.50;
    # Westmarsh 2025/26 at 3 is above, Fenbridge at 2 level with it.
    assert by_id["C1"] == {"id": "C1", "rank": 2, "of": 3, "quartile": 2, "median_level": 2.5}
    # C11: Fenbridge did not assess it, so only one peer is ranked with Westmarsh.
    assert by_id["C11"]["of"] == 2
    html = wcc("assess", str(ASSURANCE), "--peers", str(cohort_json), "-f", "html", "-q").stdout
    assert '<td data-label="Among peers">2nd of 3, second quarter</td>' in html
    markdown = wcc("assess", str(ASSURANCE), "--peers", str(cohort_json), "-f", "markdown").stdout
    assert "among peers: 2nd of 3, second quarter" in markdown


def test_peers_of_another_framework_are_refused(wcc: Wcc, cohort_json: Path) -> None:
    run = wcc("assess", str(HARBOURSIDE), "--peers", str(cohort_json))
    assert run.exit_code == 2
    assert "the cohort was graded against wcc 2009, this assessment against" in run.stderr
    result = wcc("assess", str(SELF), "--peers", str(SELF))
    assert result.exit_code == 2 and "not valid JSON" in result.stderr
