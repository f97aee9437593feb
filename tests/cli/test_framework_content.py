"""What each framework is, where WCC's concerns are judged today, and which year's rules a
new submission starts from, as the commands show them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES
from wcc_assess.usecases.frameworks import builtin_frameworks, resolve_framework

Wcc = Callable[..., Run]

EXAMPLE_OF = {
    "wcc@2009": "westmarsh-2026-27.yaml",
    "wcc@2008": "wcc-2008-brackenford.yaml",
    "bs11000@2010": "bs11000-kestrel-vale.yaml",
    "new-commissioning@2011": "new-commissioning-harbourside.yaml",
    "commissioning-for-quality@2012": "commissioning-for-quality-fenmoor.yaml",
}


def test_every_builtin_framework_has_an_example() -> None:
    assert {framework.ref for framework in builtin_frameworks()} == set(EXAMPLE_OF)


@pytest.mark.parametrize("ref", sorted(EXAMPLE_OF))
def test_every_report_says_what_the_framework_is_under_its_title(wcc: Wcc, ref: str) -> None:
    summary = resolve_framework(ref).summary
    assert summary
    path = str(EXAMPLES / EXAMPLE_OF[ref])
    markdown = wcc("assess", path, "-f", "markdown").stdout.splitlines()
    # The line under the title and the headline: the framework's summary, then the date.
    assert markdown[0].startswith("## ")
    assert [line for line in markdown[:12] if line.startswith(f"{summary} Assessed ")]
    html = wcc("assess", path, "-f", "html").stdout
    title = html.index("<h1>")
    said = html.index('<p class="about">')  # the board paper's front sheet: the framework line
    assert title < said < html.index("</header>")
    assert html.count('<p class="about">') == 1
    assert json.loads(wcc("assess", path, "-f", "json").stdout)["framework"]["summary"] == summary
    table = " ".join(wcc("assess", path).stdout.split())
    assert " ".join(summary.split()) in table


def test_wcc_says_its_ids_are_not_the_official_numbers() -> None:
    for ref in ("wcc@2008", "wcc@2009"):
        summary = resolve_framework(ref).summary or ""
        assert "not the official criteria numbers" in summary
        assert "not NHS England's current assurance" in summary


def test_frameworks_list_shows_both_years(wcc: Wcc) -> None:
    lines = wcc("frameworks", "list").stdout.splitlines()
    wcc_lines = [line for line in lines if line.startswith("wcc ")]
    assert [line.split()[1] for line in wcc_lines] == ["2009", "2008"]


def test_frameworks_show_crosswalk(wcc: Wcc) -> None:
    run = wcc("frameworks", "show", "wcc", "--crosswalk")
    assert run.exit_code == 0
    text = run.stdout
    assert text.startswith(
        "World Class Commissioning and today's regime for integrated care boards"
    )
    for regime in (
        "NHS Oversight Framework",
        "annual assessment",
        "Provider Selection Regime",
        "Auditor's Annual Report",
        "PSIRF",
    ):
        assert regime in text, regime
    rows = re.findall(r"^(C\d+ .+|Governance: .+|Health outcomes)$", text, re.M)
    assert len(rows) == 11 + 3 + 1
    assert "C9 Secure procurement skills" in rows
    other = wcc("frameworks", "show", "bs11000", "--crosswalk")
    assert other.exit_code == 0 and other.stdout == "bs11000@2010 has no crosswalk.\n"


def test_the_html_report_has_the_crosswalk_as_an_appendix(wcc: Wcc) -> None:
    html = wcc("assess", str(EXAMPLES / "westmarsh-2026-27.yaml"), "-f", "html").stdout
    appendix = html[html.index('<section id="crosswalk"') :]
    # In the board paper's appendix, after how the figures were reached.
    assert html.index('id="appendix"') < html.index('id="rules"') < html.index('id="crosswalk"')
    title = "World Class Commissioning and today&#39;s regime for integrated care boards"
    assert f">{title}</h2>" in appendix
    assert appendix.count('<th scope="row">') == 15
    assert '<th scope="row">Governance: Strategy</th>' in appendix
    kestrel = wcc("assess", str(EXAMPLES / "bs11000-kestrel-vale.yaml"), "-f", "html").stdout
    assert 'id="crosswalk"' not in kestrel


def test_phases_reach_every_report(wcc: Wcc) -> None:
    path = str(EXAMPLES / "bs11000-kestrel-vale.yaml")
    result = json.loads(wcc("assess", path, "-f", "json").stdout)
    assert [(g["id"], g["level"]) for g in result["groups"]] == [
        ("Strategic", 2),
        ("Engagement", 2),
        ("Management", 2),
    ]
    assert result["framework"]["groups"]["method"] == "all-met"
    markdown = wcc("assess", path, "-f", "markdown").stdout
    assert "### Phases\n\nA phase's level is the lowest level of its assessed stages" in markdown
    assert "| Strategic | 2 Defined | 2.33 | S1, S2, S3 | 3/3 | S2, S3 |" in markdown
    html = wcc("assess", path, "-f", "html").stdout
    assert '<h2 id="groups-title">Phases</h2>' in html
    # The summary's competency table, grouped by phase, gives each phase's level.
    assert ">Strategic phase: level 2, held down by S2, S3</th>" in html
    table = wcc("assess", path).stdout
    assert "Phases: Strategic 2 (S1, S2, S3); Engagement 2 (S4, S5, S6); Management 2" in table
    westmarsh = json.loads(
        wcc("assess", str(EXAMPLES / "westmarsh-2026-27.yaml"), "-f", "json").stdout
    )
    assert westmarsh["groups"] == []


def test_key_documents_reach_the_reports(wcc: Wcc) -> None:
    path = str(EXAMPLES / "westmarsh-2026-27.yaml")
    result = json.loads(wcc("assess", path, "-f", "json").stdout)
    status = {k["id"]: k["status"] for k in result["key_documents"]}
    assert status["five-year-strategic-plan"] == "cited"
    assert status["financial-strategy"] == "cited"
    assert len(status) == 13
    markdown = wcc("assess", path, "-f", "markdown").stdout
    assert (
        "| Five-year strategic plan (`five-year-strategic-plan`) | C1 | ✅ Cited | C1.1 |"
        in markdown
    )


@pytest.mark.parametrize(
    ("period", "pinned"),
    [("2008/09", "wcc@2008"), ("2009/10", "wcc@2009"), ("2026/27", "wcc@2009")],
)
def test_init_picks_the_rules_of_the_year(
    wcc: Wcc, tmp_path: Path, period: str, pinned: str
) -> None:
    out = tmp_path / "new.yaml"
    run = wcc("init", "--period", period, "-o", str(out))
    assert run.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert f"\nframework: {pinned}\n" in text and f'period: "{period}"' in text
    if pinned == "wcc@2008":
        assert "\n  # C11 Make sound financial investments: not rated." in text
        assert "\n  C11:" not in text and "#     trajectory:" not in text
        assert "wcc schema --framework wcc@2008" in run.stderr
    else:
        assert "\n  C11:  # Make sound financial investments" in text


def test_init_notes_a_pinned_version_for_another_year(wcc: Wcc, tmp_path: Path) -> None:
    run = wcc(
        "init", "--framework", "wcc@2009", "--period", "2008/09", "-o", str(tmp_path / "x.yaml")
    )
    assert run.exit_code == 0
    assert "note: wcc@2009 is for 2009/10 onwards, not 2008/09" in run.stderr


def test_the_submission_schema_knows_kinds_and_key_documents(wcc: Wcc) -> None:
    schema = json.loads(wcc("schema", "--framework", "wcc").stdout)
    evidence = schema["$defs"]["evidence"]["properties"]
    assert evidence["kind"]["enum"] == ["plan", "decision", "result", "partner-view", "other"]
    assert "five-year-strategic-plan" in evidence["key_document"]["enum"]
    assert "C11" in schema["properties"]["domains"]["required"]
    first = json.loads(wcc("schema", "--framework", "wcc@2008").stdout)
    assert "C11" not in first["properties"]["domains"]["required"]
    measure = first["properties"]["outcomes"]["items"]
    assert "trajectory" not in measure["required"]
    result = json.loads(wcc("schema", "--result").stdout)
    assert "summary" in result["$defs"]["FrameworkInfo"]["properties"]
    assert "key_documents" in result["properties"] and "groups" in result["properties"]


def test_validate_and_check_read_a_relative_base_beside_the_file(wcc: Wcc, tmp_path: Path) -> None:
    from tests.conftest import MINI

    (tmp_path / "base.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        'schema_version: 1\nid: mini\nversion: "2"\nextends: base.yaml\nscoring:\n  method: mean\n',
        encoding="utf-8",
    )
    for command in (("validate",), ("frameworks", "check")):
        run = wcc(*command, str(child))
        assert run.exit_code == 0, run.stdout + run.stderr
        assert "framework mini@2" in run.stdout


def test_init_from_a_first_year_submission_moves_to_the_second_years_rules(
    wcc: Wcc, tmp_path: Path
) -> None:
    out = tmp_path / "2009-10.yaml"
    run = wcc("init", "--from", str(EXAMPLES / "wcc-2008-brackenford.yaml"), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "\nframework: wcc@2009\n" in text and 'period: "2009/10"' in text
    # C11, not rated last year, is there to rate this year
    assert "\n  C11:  # Make sound financial investments; 2008/09: not assessed\n" in text
    assert "trajectory: {}  # this year's rules may ask for one" in text
