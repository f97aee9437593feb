"""The annual review from the command line: baselines, gates, annotations, trends, schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.annual_data import WCC_2010, wcc_submission
from tests.cli.conftest import Run
from tests.conftest import DATA, EXAMPLES, ROOT, assert_golden
from wcc_assess.models.result import Result
from wcc_assess.models.trend import Trend

Wcc = Callable[..., Run]
Write = Callable[..., Path]
OLD = EXAMPLES / "westmarsh-2025-26.yaml"
NEW = EXAMPLES / "westmarsh-2026-27.yaml"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of ``path`` that is ``text`` (comments aside)."""
    lines = [line.partition("#")[0].rstrip() for line in path.read_text("utf-8").splitlines()]
    return lines.index(text) + 1


def assess_json(wcc: Wcc, *args: str) -> tuple[Run, dict[str, Any]]:
    run = wcc("assess", *args, "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    return run, json.loads(run.stdout)


@pytest.fixture
def old_json(wcc: Wcc, tmp_path: Path) -> Path:
    path = tmp_path / "westmarsh-2025-26.json"
    assert wcc("assess", str(OLD), "--format", "json", "-o", str(path)).exit_code == 0
    return path


# 1. Baselines.
def test_change_since_last_year(wcc: Wcc) -> None:
    run, result = assess_json(wcc, str(NEW), "--baseline", str(OLD))
    assert run.exit_code == 1  # C10 and C11 are below their targets either way
    assert result["schema_version"] == "1.8"
    assert result["baseline"]["period"] == "2025/26"
    assert result["baseline"]["source"] == str(OLD)
    changes = {d["id"]: d["change"] for d in result["domains"]}
    assert changes["C10"]["direction"] == "declined"
    assert (changes["C10"]["previous_level"], changes["C10"]["level_delta"]) == (3, -1)
    assert {d for d, c in changes.items() if c["direction"] == "improved"} == {
        "C2",
        "C3",
        "C6",
        "C7",
        "C9",
    }
    c10_4 = next(i for d in result["domains"] for i in d["indicators"] if i["id"] == "C10.4")
    assert c10_4["change"]["direction"] == "declined"
    assert result["overall"]["change"]["score_delta"] == round(2.65 - 2.24, 2)
    # Without --fail-on-regression the decline is reported but does not gate.
    assert [f["kind"] for f in result["gate"]["failures"]] == ["below-target", "below-target"]


def test_a_result_file_is_as_good_a_baseline(wcc: Wcc, old_json: Path) -> None:
    _, from_yaml = assess_json(wcc, str(NEW), "--baseline", str(OLD))
    _, from_json = assess_json(wcc, str(NEW), "--baseline", str(old_json))
    assert from_json["baseline"]["source"] == str(old_json)
    strip = {"baseline": {"source"}}
    assert from_json.keys() == from_yaml.keys()
    assert [d["change"] for d in from_json["domains"]] == [
        d["change"] for d in from_yaml["domains"]
    ]
    assert (
        from_json["baseline"].keys() - strip["baseline"]
        == from_yaml["baseline"].keys() - strip["baseline"]
    )


def test_fail_on_regression(wcc: Wcc) -> None:
    run = wcc("assess", str(NEW), "--baseline", str(OLD), "--fail-on-regression")
    assert run.exit_code == 1
    assert (
        "gate failed: C10 Manage the local health system fell from level 3 to 2 since "
        "2025/26; indicators that fell: C10.4 (3 -> 2)"
    ) in run.stderr
    assert "Gate: FAILED (3 failures)" in run.stdout  # C10 below and fallen, C11 below


def test_regression_alone_decides_the_exit_code(wcc: Wcc, write_yaml: Write) -> None:
    old = write_yaml(wcc_submission({"C4": 3}), name="old.yaml")
    new = write_yaml(
        wcc_submission({"C4": 3}, period="2026/27", assessed_on="2026-10-01"), name="new.yaml"
    )
    fell = write_yaml(
        wcc_submission({"C4": 3, "C4.2": 2}, period="2026/27", assessed_on="2026-10-01"),
        name="fell.yaml",
    )
    assert wcc("assess", str(new), "--baseline", str(old)).exit_code == 0  # gate none
    run = wcc("assess", str(new), "--baseline", str(old), "--fail-on-regression", "-f", "json")
    assert run.exit_code == 0 and json.loads(run.stdout)["gate"]["status"] == "passed"
    assert wcc("assess", str(fell), "--baseline", str(old)).exit_code == 0
    run = wcc("assess", str(fell), "--baseline", str(old), "--fail-on-regression", "-f", "json")
    assert run.exit_code == 1
    [failure] = json.loads(run.stdout)["gate"]["failures"]
    assert (failure["kind"], failure["domain"]) == ("regression", "C4")


def test_fail_on_regression_needs_a_baseline(wcc: Wcc) -> None:
    run = wcc("assess", str(NEW), "--fail-on-regression")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        "error: --fail-on-regression needs --baseline: name last year's "
        "submission or result to compare with\n"
    )


def test_a_baseline_of_another_organisation_is_refused(wcc: Wcc, write_yaml: Write) -> None:
    other = write_yaml(wcc_submission(name="Other ICB", code="X99"), name="other.yaml")
    run = wcc("assess", str(NEW), "--baseline", str(other))
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.startswith(
        f"error: the baseline {other} is for Other ICB (code X99), "
        "but the submission is for NHS Westmarsh Integrated Care "
        "Board (code QW9)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": "2.0", "domains": []}', "the result has schema version '2.0'"),
        ('{"hello": "world"}', "is not a wcc-assess result (it has no schema_version)"),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_wrong_baseline_file_is_refused(
    wcc: Wcc, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "last.json"
    path.write_text(content, encoding="utf-8")
    run = wcc("assess", str(NEW), "--baseline", str(path))
    assert (run.exit_code, run.stdout) == (2, "")
    assert message in run.stderr and "Traceback" not in run.stderr


def test_an_invalid_baseline_submission_is_located(wcc: Wcc) -> None:
    bad = EXAMPLES / "invalid" / "westmarsh-draft-with-errors.yaml"
    run = wcc("assess", str(NEW), "--baseline", str(bad))
    assert run.exit_code == 2
    assert all(
        line.startswith(f"{bad}:") for line in run.stderr.splitlines() if ": error: " in line
    )


def test_the_report_is_never_written_over_the_baseline(wcc: Wcc, old_json: Path) -> None:
    before = old_json.read_bytes()
    run = wcc("assess", str(NEW), "--baseline", str(old_json), "-f", "json", "-o", str(old_json))
    assert run.exit_code == 2 and "refusing to write the report over the input file" in run.stderr
    assert old_json.read_bytes() == before


def test_the_table_shows_the_change_with_arrows_and_words(
    wcc: Wcc, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Relative paths: the table wraps the baseline's path, whose length must not depend on
    # where the repository is (an unpacked sdist lives in a long temporary path).
    monkeypatch.chdir(ROOT)
    run = wcc(
        "assess", NEW.relative_to(ROOT).as_posix(), "--baseline", OLD.relative_to(ROOT).as_posix()
    )
    assert "Compared with 2025/26 (" in run.stdout and "Since 2025/26" in run.stdout
    assert "↓ declined 3→2" in run.stdout and "↑ improved 1→2" in run.stdout
    assert "→ unchanged" in run.stdout
    assert "score +0.41 since 2025/26" in run.stdout


# Framework revisions, end to end: this year on the revised framework, last year on 2009.
@pytest.fixture
def revised_pair(write_yaml: Write) -> tuple[Path, Path]:
    old = write_yaml(
        wcc_submission({"C1.3": 3, "C5.2": 3, "C9.1": 3, "C9.2": 2}, framework="wcc@2009"),
        name="old-2009.yaml",
    )
    new = write_yaml(
        wcc_submission(
            {"C1.2": 3, "C5.2": 3, "C5.3": 1, "C9.1": 2},
            framework="wcc@2010",
            framework_file=WCC_2010,
            period="2026/27",
            assessed_on="2026-10-01",
        ),
        name="new-2010.yaml",
    )
    return old, new


def test_a_baseline_survives_a_framework_revision(
    wcc: Wcc, revised_pair: tuple[Path, Path]
) -> None:
    old, new = revised_pair
    run, result = assess_json(
        wcc, str(new), "--framework", str(WCC_2010), "--baseline", str(old), "--fail-on-regression"
    )
    assert result["framework"]["version"] == "2010"
    assert result["baseline"]["framework_version"] == "2009"
    assert result["baseline"]["revision"] == "2009 -> 2010"
    assert result["baseline"]["new_indicators"] == ["C9.3"]
    assert result["baseline"]["gone_indicators"] == ["C1.2"]
    changes = {i["id"]: i["change"] for d in result["domains"] for i in d["indicators"]}
    assert changes["C1.2"] == {
        "direction": "unchanged",
        "compared_with": ["C1.3"],
        "previous_level": 3,
        "previous_score": None,
        "level_delta": 0,
        "score_delta": None,
        "note": "renamed from C1.3",
        "previous_basis": None,
        "basis": None,
    }
    assert changes["C5.3"]["compared_with"] == ["C5.2"]
    assert changes["C5.3"]["note"] == "split from C5.2"
    assert (changes["C5.3"]["previous_level"], changes["C5.3"]["direction"]) == (3, "declined")
    assert changes["C9.1"]["compared_with"] == ["C9.1", "C9.2"]
    assert (changes["C9.1"]["previous_level"], changes["C9.1"]["level_delta"]) == (2.5, -0.5)
    assert changes["C9.3"]["direction"] == "new"
    # C5 fell from 2 to 1 (C5.3 at 1): a regression; C9 stays at 2 (its merged indicator
    # dipped against the mean of its sources, but the domain level did not fall).
    assert run.exit_code == 1
    assert [(f["kind"], f["domain"]) for f in result["gate"]["failures"]] == [("regression", "C5")]


def test_a_revision_without_a_map_compares_ids_as_they_are(
    wcc: Wcc, revised_pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = revised_pair
    unmapped = tmp_path / "wcc-2010-unmapped.yaml"
    text = WCC_2010.read_text(encoding="utf-8")
    unmapped.write_text(re.sub(r"(?ms)^replaces:.*?^title:", "title:", text), encoding="utf-8")
    run, result = assess_json(wcc, str(new), "--framework", str(unmapped), "--baseline", str(old))
    assert result["baseline"]["revision"] is None
    assert (
        "the baseline was assessed against wcc 2009 and wcc 2010 declares no revision map "
        "from it; ids are compared as they are"
    ) in result["warnings"]


# 2 and 4. GitHub annotations.
def test_assess_github_annotations_point_at_lines(wcc: Wcc) -> None:
    run = wcc(
        "assess", str(NEW), "--baseline", str(OLD), "--fail-on-regression", "--format", "github"
    )
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    name = str(NEW)
    assert lines[0] == (
        f"::error file={name},line={line_of(NEW, '  C10:')},"
        "title=wcc assess%3A below-target::C10 Manage the local health system "
        "is at level 2, below its target of 3; held down by C10.4"
    )
    assert lines[1] == (
        f"::error file={name},line={line_of(NEW, '  C11:')},"
        "title=wcc assess%3A below-target::C11 Make sound financial investments "
        "is at level 2, below its target of 3; held down by C11.2, C11.4"
    )
    assert lines[2].startswith(
        f"::error file={name},line={line_of(NEW, '  C10:')},"
        "title=wcc assess%3A regression::C10 Manage the local health "
        "system fell from level 3 to 2"
    )
    capped = [line for line in lines if line.startswith("::warning") and "capped" in line]
    assert len(capped) == 5  # C5.1 and C5.4 by the kinds of evidence, C6.1 to C6.3
    assert capped[2].startswith(
        f"::warning file={name},line={line_of(NEW, '    C6.1:')},"
        "title=wcc assess%3A capped::C6.1 Prioritisation process: the "
        "claimed level 3 is capped at 2"
    )
    assert lines[-1].startswith(
        f"::notice file={name},title=wcc assess::NHS Westmarsh "
        "Integrated Care Board (QW9) 2026/27, wcc 2009: 4 competencies at level 3, 7 at "
        "level 2; mean score 2.65 (55.0%25 of the way from level 1 to level 4); gate failed "
        "(3 failures); capped indicators: 5; Draft: not signed off by an assurance panel"
    )
    assert lines[-1].endswith("since 2025/26: 5 domain(s) improved, 1 declined, 5 unchanged")


def test_assess_github_without_gates(wcc: Wcc) -> None:
    run = wcc("assess", str(OLD), "--format", "github")
    assert run.exit_code == 0
    *capped, notice = run.stdout.splitlines()
    # two claims of level 3 that show no decision (C5.4) or no result yet (C8.4)
    assert [line.split("::")[2].split(":")[0] for line in capped] == [
        "C5.4 Sharing knowledge and learning",
        "C8.4 Configuration of services",
    ]
    assert notice == (
        f"::notice file={OLD},title=wcc assess::NHS Westmarsh Integrated Care Board (QW9) "
        "2025/26, wcc 2009: 3 competencies at level 3, 5 at level 2, 3 at level 1; mean "
        "score 2.24 (41.3%25 of the way from level 1 to level 4); gate none; capped "
        "indicators: 2; Draft: not signed off by an assurance panel"
    )


def test_validate_github_annotations_point_at_lines(wcc: Wcc) -> None:
    bad = EXAMPLES / "invalid" / "westmarsh-draft-with-errors.yaml"
    text = wcc("validate", str(bad)).stdout
    run = wcc("validate", str(bad), "--format", "github")
    assert run.exit_code == 2
    annotations = run.stdout.splitlines()
    located = [line for line in text.splitlines() if ": error: " in line]
    assert len(annotations) == len(located) >= 5
    for annotation, plain in zip(annotations, located, strict=True):
        match = re.match(
            r"^::error file=([^,]+),line=(\d+),col=(\d+),title=wcc validate::(.+)$", annotation
        )
        assert match, annotation
        assert plain.startswith(f"{match[1]}:{match[2]}:{match[3]}: error: ")
    assert wcc("validate", str(OLD), "--format", "github").stdout == ""


# 3. Trends.
def test_trend_of_the_examples(wcc: Wcc, old_json: Path) -> None:
    run = wcc("trend", str(NEW), str(old_json), "--format", "json")
    assert run.exit_code == 0, run.stderr
    trend = Trend.model_validate_json(run.stdout)
    assert [p.period for p in trend.periods] == ["2025/26", "2026/27"]
    c10 = next(d for d in trend.domains if d.id == "C10")
    assert [p.level for p in c10.points] == [3, 2]
    assert c10.change is not None and c10.change.direction == "declined"
    markdown = wcc("trend", str(OLD), str(NEW), "--format", "markdown").stdout
    assert (
        "| C10 | Manage the local health system | 3 (3.00) | 2 (2.75) | ↓ declined 3→2 "
        "(score -0.25) |" in markdown
    )
    table = wcc("trend", str(OLD), str(NEW)).stdout
    assert "NHS Westmarsh Integrated Care Board (QW9) · trend" in table
    html = wcc("trend", str(OLD), str(NEW), "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<script" not in html


def test_trend_refuses_two_organisations_naming_the_files(wcc: Wcc, write_yaml: Write) -> None:
    other = write_yaml(wcc_submission(name="Other ICB", code="X99"), name="other.yaml")
    run = wcc("trend", str(NEW), str(other))
    assert (run.exit_code, run.stdout) == (2, "")
    assert str(other) in run.stderr and str(NEW) in run.stderr
    assert "a trend is of one organisation" in run.stderr


def test_trend_refuses_the_same_period_twice(wcc: Wcc, old_json: Path) -> None:
    run = wcc("trend", str(OLD), str(NEW), str(old_json))
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        f"error: the period 2025/26 appears twice: in {OLD} and in "
        f"{old_json}; keep one assessment per period\n"
    )


def test_trend_across_a_revision(wcc: Wcc, revised_pair: tuple[Path, Path]) -> None:
    old, new = revised_pair
    run = wcc("trend", str(new), str(old), "--framework", str(WCC_2010), "--format", "json")
    assert run.exit_code == 0, run.stderr
    trend = Trend.model_validate_json(run.stdout)
    assert trend.framework_version == "2010"
    assert [p.framework_version for p in trend.periods] == ["2009", "2010"]
    c5 = next(d for d in trend.domains if d.id == "C5")
    assert [p.level for p in c5.points] == [2, 1]


def test_trend_reads_stdin_once_only(wcc: Wcc) -> None:
    run = wcc("trend", "-", "-")
    assert run.exit_code == 2 and "standard input (-) can be read only once" in run.stderr


# 5. The JSON result is a published contract.
@pytest.fixture(scope="module")
def result_schema() -> dict[str, Any]:
    schema = Result.model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_result_matches_the_schema(
    wcc: Wcc, result_schema: dict[str, Any], path: Path
) -> None:
    _, result = assess_json(wcc, str(path))
    jsonschema.validate(result, result_schema, cls=jsonschema.Draft202012Validator)
    assert result["baseline"] is None


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("baseline_kind", ["yaml", "json"])
def test_every_example_result_with_a_baseline_matches_the_schema(
    wcc: Wcc, result_schema: dict[str, Any], tmp_path: Path, path: Path, baseline_kind: str
) -> None:
    # Westmarsh 2026/27 against its previous year; every other example against itself.
    baseline = OLD if path == NEW else path
    if baseline_kind == "json":
        as_json = tmp_path / "baseline.json"
        assert wcc("assess", str(baseline), "-f", "json", "-o", str(as_json)).exit_code in (0, 1)
        baseline = as_json
    _, result = assess_json(wcc, str(path), "--baseline", str(baseline))
    jsonschema.validate(result, result_schema, cls=jsonschema.Draft202012Validator)
    assert result["baseline"]["source"] == str(baseline)
    assert all(domain["change"] is not None for domain in result["domains"])


def test_a_revised_result_matches_the_schema(
    wcc: Wcc, result_schema: dict[str, Any], revised_pair: tuple[Path, Path]
) -> None:
    old, new = revised_pair
    _, result = assess_json(wcc, str(new), "--framework", str(WCC_2010), "--baseline", str(old))
    jsonschema.validate(result, result_schema, cls=jsonschema.Draft202012Validator)
    assert result["framework"]["replaces"]["version"] == "2009"


def test_the_schema_rejects_a_damaged_result(wcc: Wcc, result_schema: dict[str, Any]) -> None:
    _, result = assess_json(wcc, str(NEW), "--baseline", str(OLD))
    result["domains"][0]["change"]["direction"] = "sideways"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(result, result_schema, cls=jsonschema.Draft202012Validator)


# Golden reports of the change since last year, and of the trend; regenerate after an
# intended change with UPDATE_GOLDEN=1 python -m pytest tests/cli/test_annual.py
GOLDEN = DATA / "golden" / "annual"
BASELINE_SUFFIX = {
    "table": ".txt",
    "markdown": ".md",
    "html": ".html",
    "junit": ".junit.xml",
    "github": ".github.txt",
    "json": ".json",
}
TREND_SUFFIX = {"table": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}


def check_golden(run: Run, name: str) -> None:
    assert_golden(run.stdout, GOLDEN / name)


@pytest.mark.parametrize("fmt", list(BASELINE_SUFFIX))
def test_golden_change_since_last_year(wcc: Wcc, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(ROOT)
    run = wcc(
        "assess",
        NEW.relative_to(ROOT).as_posix(),
        "--baseline",
        OLD.relative_to(ROOT).as_posix(),
        "--fail-on-regression",
        "--format",
        fmt,
    )
    assert run.exit_code == 1, run.stderr
    check_golden(run, f"westmarsh-2026-27-since-2025-26{BASELINE_SUFFIX[fmt]}")


@pytest.mark.parametrize("fmt", list(TREND_SUFFIX))
def test_golden_trend(wcc: Wcc, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(ROOT)
    run = wcc(
        "trend", NEW.relative_to(ROOT).as_posix(), OLD.relative_to(ROOT).as_posix(), "--format", fmt
    )
    assert run.exit_code == 0, run.stderr
    check_golden(run, f"westmarsh-trend{TREND_SUFFIX[fmt]}")


def test_markdown_and_html_show_the_change(wcc: Wcc) -> None:
    args = ("assess", str(NEW), "--baseline", str(OLD), "--fail-on-regression", "--format")
    markdown = wcc(*args, "markdown").stdout
    assert "since 2025/26: ↓ declined 3→2 (score -0.25)" in markdown  # in C10's detail
    assert (
        "**❌ 9 of 11 competencies with a target meet it; 2 are below it; 1 competency fell "
        "since 2025/26**" in markdown
    )
    html = wcc(*args, "html").stdout
    assert '<th scope="col">Since 2025/26</th>' in html
    assert (
        '<td class="change change-declined" data-label="Since 2025/26">'
        "↓ declined 3→2 (score -0.25)</td>" in html
    )
    assert '<polygon class="previous"' in html and "2025/26 (grey, dotted)" in html
    assert "and the levels of 2025/26 as a grey dotted outline" in html
    assert "C10 Manage the local health system: level 2, target 3, 2025/26 3." in html
    without = wcc("assess", str(NEW), "--format", "html").stdout
    assert 'class="previous"' not in without and "Since 2025/26" not in without


def test_regression_only_headlines(wcc: Wcc, write_yaml: Write) -> None:
    old = write_yaml(wcc_submission({"C4": 3}), name="old.yaml")
    new = write_yaml(
        wcc_submission({"C4": 3}, period="2026/27", assessed_on="2026-10-01"), name="new.yaml"
    )
    fell = write_yaml(
        wcc_submission({"C4": 3, "C4.2": 2}, period="2026/27", assessed_on="2026-10-01"),
        name="fell.yaml",
    )
    base = ("--baseline", str(old), "--fail-on-regression", "--format")
    assert (
        "**✅ no competency fell since 2025/26**"
        in wcc("assess", str(new), *base, "markdown").stdout
    )
    assert (
        "**❌ 1 competency fell since 2025/26**"
        in wcc("assess", str(fell), *base, "markdown").stdout
    )
    assert (
        "✓ </span>No competency fell since 2025/26</p>"
        in wcc("assess", str(new), *base, "html").stdout
    )
