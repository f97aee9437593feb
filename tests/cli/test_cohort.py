"""``wcc cohort`` end to end through CliRunner, with hand-computed figures.

The cohort uses the tiny ``mini`` framework (domain A weight 2 with indicators weighted
1, 3, 1; domain B weight 1 with two indicators; levels 1-4; bands Weak 0, Developing 25,
Strong 50, Excellent 80), so every number below can be checked on paper:

- Brent B01: A.2 at level 3 -> A score (1*2 + 3*3 + 1*2) / 5 = 2.60 (level 2), B 2.00;
  overall (2*2.6 + 2) / 3 = 2.40, 46.7%.
- Cray C01: B.1 at level 1 -> B score 1.50 (level 1), A 2.00; overall 5.5 / 3 = 1.83, 27.8%.
- Dart D01 and Eden E01: every indicator at level 2 -> 2.00, 33.3%.
- Avon A01 twice (avon.yaml and sub/avon-again.yaml, code a01): duplicates, both left out.
- broken.yaml: A.1 at level 7, not on the scale.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import DATA, MINI, assert_golden, evidence, mini_submission
from wcc_assess import __version__

Wcc = Callable[..., Run]
GOLDEN = DATA / "golden"


def submission(name: str, code: str, period: str = "2026/27", **ratings: Any) -> dict[str, Any]:
    data = mini_submission(**ratings)
    data["organisation"] = {"name": name, "code": code}
    data["period"] = period
    return data


def brent(period: str = "2026/27") -> dict[str, Any]:
    return submission("Brent ICB", "B01", period, A_2={"level": 3, "evidence": evidence(2)})


def cray(period: str = "2026/27") -> dict[str, Any]:
    return submission("Cray ICB", "C01", period, B_1={"level": 1})


def save(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so that files are named by short relative paths in reports."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mini.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.fixture
def valid(here: Path) -> Path:
    folder = here / "valid"
    save(folder, "brent.yaml", brent())
    save(folder, "cray.yaml", cray())
    save(folder, "dart.yaml", submission("Dart ICB", "D01"))
    return folder


@pytest.fixture
def mixed(here: Path) -> Path:
    folder = here / "mixed"
    save(folder, "brent.yaml", brent())
    save(folder, "cray.yaml", cray())
    save(folder, "dart.yaml", submission("Dart ICB", "D01"))
    save(folder, "eden.yml", submission("Eden ICB", "E01"))
    save(folder, "avon.yaml", submission("Avon ICB", "A01"))
    save(folder, "sub/avon-again.yaml", submission("Avon ICB (resubmitted)", "a01"))
    save(folder, "broken.yaml", submission("Fen ICB", "F01", A_1={"level": 7}))
    save(folder, "notes.txt", "not a submission")
    save(folder, ".drafts/old.yaml", "not: [valid")
    return folder


@pytest.fixture
def last_year(here: Path) -> Path:
    folder = here / "last"
    save(folder, "brent.yaml", submission("Brent ICB", "B01", "2025/26"))
    save(folder, "cray.yaml", submission("Cray ICB", "C01", "2025/26"))
    save(
        folder,
        "dart.yaml",
        submission("Dart ICB", "D01", "2025/26", A_2={"level": 3, "evidence": evidence(2)}),
    )
    save(folder, "zeal.yaml", submission("Zeal ICB", "Z01", "2025/26"))
    return folder


def cohort(wcc: Wcc, *args: str) -> Run:
    return wcc("cohort", *args, "--framework", "mini.yaml")


def as_json(run: Run) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_mixed_folder_grades_the_rest_and_lists_the_problems(wcc: Wcc, mixed: Path) -> None:
    run = cohort(wcc, "mixed", "--format", "json")
    assert run.exit_code == 2
    data = as_json(run)
    assert [
        (e["rank"], e["organisation"], e["score"], e["percent"], e["band"]) for e in data["league"]
    ] == [
        (1, "Brent ICB", 2.4, 46.7, "Developing"),
        (2, "Dart ICB", 2.0, 33.3, "Developing"),
        (2, "Eden ICB", 2.0, 33.3, "Developing"),
        (4, "Cray ICB", 1.83, 27.8, "Weak"),  # B at level 1: not every domain at 2
    ]
    assert (data["files"], data["graded"]) == (7, 4)
    invalid = {item["file"]: item["errors"] for item in data["invalid"]}
    assert sorted(invalid) == ["mixed/avon.yaml", "mixed/broken.yaml", "mixed/sub/avon-again.yaml"]
    [level] = invalid["mixed/broken.yaml"]
    assert (level["line"], level["path"], level["message"]) == (
        10,
        "domains.A.A.1.level",
        "7 is not on the scale",
    )
    assert "also in mixed/sub/avon-again.yaml" in invalid["mixed/avon.yaml"][0]["message"]
    assert "also in mixed/avon.yaml" in invalid["mixed/sub/avon-again.yaml"][0]["message"]
    # Problems also go to stderr, located, with a closing count.
    assert "mixed/broken.yaml:10:" in run.stderr and "7 is not on the scale" in run.stderr
    assert run.stderr.rstrip().endswith(
        "3 files could not be graded; they are listed in the report."
    )


def test_statistics_by_hand(wcc: Wcc, mixed: Path) -> None:
    data = as_json(cohort(wcc, "mixed", "--format", "json"))
    a, b = data["domains"]
    # A: all four at level 2; scores 2.60, 2.00, 2.00, 2.00.
    assert [c["count"] for c in a["counts"]] == [0, 4, 0, 0]
    assert (a["mean_level"], a["median_level"], a["mean_score"], a["median_score"]) == (
        2.0,
        2.0,
        2.15,
        2.0,
    )
    # B: Cray at 1, the others at 2; scores 2.00, 1.50, 2.00, 2.00.
    assert [c["count"] for c in b["counts"]] == [1, 3, 0, 0]
    assert (b["mean_level"], b["median_level"], b["mean_score"], b["median_score"]) == (
        1.75,
        2.0,
        1.88,
        2.0,
    )
    assert (data["weakest_domains"], data["strongest_domains"]) == (["B"], ["A"])
    overall = data["overall"]
    assert (overall["mean_score"], overall["median_score"]) == (2.06, 2.0)  # 8.23 / 4
    # Bands from the levels: Cray (B at 1) is Weak, the three others Developing.
    assert [band["count"] for band in overall["bands"]] == [1, 3, 0, 0]
    assert overall["bands"][1]["when"] == {"level": 2, "share": "all", "none_below": None}


@pytest.mark.parametrize(
    ("extra", "code"), [((), 0), (("--target", "2"), 1), (("--target", "1"), 0)]
)
def test_exit_codes_of_a_valid_cohort(
    wcc: Wcc, valid: Path, extra: tuple[str, ...], code: int
) -> None:
    run = cohort(wcc, "valid", *extra)
    assert run.exit_code == code, run.stderr
    if code == 1:  # Cray's B is at level 1, below the target of 2
        assert run.stderr == "gate failed: 1 organisation has a domain below target.\n"
        assert "FAILED" in run.stdout
    else:
        assert run.stderr == ""


def test_invalid_beats_gate_failure(wcc: Wcc, mixed: Path) -> None:
    assert cohort(wcc, "mixed", "--target", "2").exit_code == 2


def test_target_off_the_scale_is_a_usage_error(wcc: Wcc, valid: Path) -> None:
    run = cohort(wcc, "valid", "--target", "5")
    assert run.exit_code == 2
    assert run.stderr == "error: --target 5 is not on the mini scale (1..4)\n"


def test_nothing_to_grade(wcc: Wcc, here: Path) -> None:
    run = cohort(wcc, "absent", "none/*.yaml")
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [
        "absent: error: no such file or folder",
        "none/*.yaml: error: the pattern matches no file",
        "2 errors found; nothing was assessed.",
    ]
    assert run.stdout == ""
    stdin = cohort(wcc, "-")
    assert stdin.exit_code == 2 and "not standard input" in stdin.stderr


def test_every_file_invalid(wcc: Wcc, here: Path) -> None:
    save(here / "bad", "one.yaml", submission("One", "O1", A_1={"level": 9}))
    run = wcc("cohort", "bad")  # no --framework: `mini` is not built in
    assert run.exit_code == 2
    assert "unknown framework 'mini'" in run.stderr
    assert "nothing was assessed" in run.stderr
    run = cohort(wcc, "bad", "--format", "json")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.splitlines() == [
        "bad/one.yaml:10:14: error: domains.A.A.1.level: 9 is not on the scale "
        "(a whole number from 1 to 4)",
        "1 error found; nothing was assessed.",
    ]


def test_baseline_improvement_ranking_by_hand(wcc: Wcc, valid: Path, last_year: Path) -> None:
    save(valid, "eden.yaml", submission("Eden ICB", "E01"))
    run = cohort(wcc, "valid", "--baseline", "last", "--format", "json")
    assert run.exit_code == 0, run.stderr
    base = as_json(run)["baseline"]
    # Brent 2.00 -> 2.40; Cray 2.00 -> 1.83 (B 2 -> 1); Dart 2.40 -> 2.00.
    assert [
        (
            r["rank"],
            r["code"],
            r["baseline_score"],
            r["score"],
            r["change"],
            r["domains_up"],
            r["domains_down"],
        )
        for r in base["ranking"]
    ] == [
        (1, "B01", 2.0, 2.4, 0.4, 0, 0),
        (2, "C01", 2.0, 1.83, -0.17, 0, 1),
        (3, "D01", 2.4, 2.0, -0.4, 0, 0),
    ]
    assert (base["periods"], base["matched"]) == (["2025/26"], 3)
    assert [r["code"] for r in base["new"]] == ["E01"]
    assert [r["code"] for r in base["missing"]] == ["Z01"]

    table = cohort(wcc, "valid", "--baseline", "last").stdout
    assert "Improvement since 2025/26" in table and "+0.40" in table and "-0.17" in table
    assert "Not in the baseline: Eden ICB (E01)" in table
    assert "In the baseline but not in this cohort: Zeal ICB (Z01)" in table


def test_last_years_json_report_is_a_baseline(wcc: Wcc, valid: Path, last_year: Path) -> None:
    assert cohort(wcc, "last", "--format", "json", "-o", "last.json").exit_code == 0
    from_json = as_json(cohort(wcc, "valid", "--baseline", "last.json", "--format", "json"))
    from_yaml = as_json(cohort(wcc, "valid", "--baseline", "last", "--format", "json"))
    assert from_json["baseline"] == from_yaml["baseline"]

    assert (
        wcc(
            "assess",
            "last/brent.yaml",
            "--framework",
            "mini.yaml",
            "--format",
            "json",
            "-o",
            "brent.json",
        ).exit_code
        == 0
    )
    one = as_json(cohort(wcc, "valid", "--baseline", "brent.json", "--format", "json"))
    assert [(r["code"], r["change"]) for r in one["baseline"]["ranking"]] == [("B01", 0.4)]


def test_invalid_baseline_file_exits_2(wcc: Wcc, valid: Path, last_year: Path) -> None:
    save(last_year, "broken.yaml", "organisation: [\n")
    run = cohort(wcc, "valid", "--baseline", "last", "--format", "json")
    assert run.exit_code == 2
    data = as_json(run)
    assert [(i["file"], i["baseline"]) for i in data["invalid"]] == [("last/broken.yaml", True)]
    assert data["baseline"]["matched"] == 3


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json", "csv"])
def test_every_format_is_deterministic_and_complete(
    wcc: Wcc, mixed: Path, last_year: Path, fmt: str
) -> None:
    first = cohort(wcc, "mixed", "--baseline", "last", "--format", fmt)
    second = cohort(wcc, "mixed", "--baseline", "last", "--format", fmt, "--jobs", "2")
    assert first.exit_code == second.exit_code == 2
    assert first.stdout == second.stdout  # byte-identical, in parallel too
    for text in [
        "Brent ICB",
        "Cray ICB",
        "mixed/broken.yaml",
        "mixed/sub/avon-again.yaml",
        "7 is not on the scale",
    ]:
        assert text in first.stdout, (fmt, text)


def normalise(text: str) -> str:
    return text.replace(f"wcc-assess {__version__}", "wcc-assess VERSION")


@pytest.mark.parametrize("fmt", ["markdown", "csv", "table"])
def test_golden_reports(wcc: Wcc, mixed: Path, last_year: Path, fmt: str) -> None:
    run = cohort(wcc, "mixed", "--baseline", "last", "--format", fmt)
    golden = GOLDEN / f"cohort.{ {'markdown': 'md', 'csv': 'csv', 'table': 'txt'}[fmt] }"
    actual = normalise(run.stdout)
    assert_golden(actual, golden)


def test_csv_has_one_row_per_file(wcc: Wcc, mixed: Path, last_year: Path) -> None:
    run = cohort(wcc, "mixed", "--baseline", "last", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(r["status"], r["rank"], r["code"]) for r in rows] == [
        ("graded", "1", "B01"),
        ("graded", "2", "D01"),
        ("graded", "2", "E01"),
        ("graded", "4", "C01"),
        ("invalid", "", ""),
        ("invalid", "", ""),
        ("invalid", "", ""),
    ]
    brent_row = rows[0]
    assert (brent_row["A_level"], brent_row["A_score"], brent_row["B_level"]) == ("2", "2.6", "2")
    assert (brent_row["baseline_score"], brent_row["change"]) == ("2.0", "0.4")
    assert [r["source"] for r in rows[4:]] == [
        "mixed/avon.yaml",
        "mixed/broken.yaml",
        "mixed/sub/avon-again.yaml",
    ]
    assert "7 is not on the scale" in rows[5]["notes"]
    cohort(wcc, "mixed", "--format", "csv", "-o", "cohort.csv")
    raw = Path("cohort.csv").read_bytes()
    assert raw.count(b"\r\n") == 8 and raw.count(b"\n") == 8  # RFC 4180 line ends


def test_html_is_self_contained_and_accessible(wcc: Wcc, mixed: Path, last_year: Path) -> None:
    html = cohort(wcc, "mixed", "--baseline", "last", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "<script" not in html and not re.search(r"\b(src|href)=", html)
    assert "@page { size: A4" in html and "@media print" in html
    assert html.count("<svg viewBox") == 3
    assert html.count('role="img"') == 3 and '<desc id="chart-levels-desc">' in html
    assert "A Alpha: level 1: 0, level 2: 4, level 3: 0, level 4: 0." in html
    assert '<th scope="col">Organisation</th>' in html and '<th scope="row">Brent ICB</th>' in html
    assert "✗ </span>FAILED" not in html  # no targets in force here
    assert "no target" in html and "Improvement since 2025/26" in html


def test_untrusted_text_is_escaped_in_every_format(wcc: Wcc, here: Path) -> None:
    name = '=HYPERLINK("x")<script>alert(1)</script> | *bold* [link](y)'
    save(here / "evil", "evil.yaml", submission(name, "+X1"))
    html = cohort(wcc, "evil", "--format", "html").stdout
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = cohort(wcc, "evil", "--format", "markdown").stdout
    assert r"&lt;script&gt;alert(1)&lt;/script&gt; \| \*bold\* \[link\](y)" in markdown
    rows = list(csv.reader(io.StringIO(cohort(wcc, "evil", "--format", "csv").stdout)))
    assert rows[1][2].startswith("'=HYPERLINK") and rows[1][3] == "'+X1"
    table = cohort(wcc, "evil", "--format", "table").stdout
    assert "[link](y)" in table


def test_output_file_and_quiet(wcc: Wcc, mixed: Path) -> None:
    run = cohort(wcc, "mixed", "--format", "markdown", "-o", "report.md", "--quiet")
    assert run.exit_code == 2
    assert (run.stdout, run.stderr) == ("", "")
    assert Path("report.md").read_text(encoding="utf-8").startswith("# Cohort report: Mini")
    refused = cohort(wcc, "mixed", "-o", "mixed/brent.yaml")
    assert refused.exit_code == 2 and "refusing to write the report over the input" in (
        refused.stderr
    )


def test_progress_only_on_a_terminal_and_not_when_quiet(
    wcc: Wcc, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(21):
        save(here / "many", f"{index:02d}.yaml", submission(f"Org {index:02d}", f"O{index:02d}"))
    assert cohort(wcc, "many").stderr == ""  # stderr is not a terminal
    monkeypatch.setattr("wcc_assess.cli.cohort._stderr_is_terminal", lambda: True)
    shown = cohort(wcc, "many")
    assert shown.exit_code == 0 and "Grading" in shown.stderr and "21/21" in shown.stderr
    assert cohort(wcc, "many", "--quiet").stderr == ""
    assert cohort(wcc, "many/0*.yaml").stderr == ""  # 10 files: too few for a bar


def test_help_documents_exit_codes(wcc: Wcc) -> None:
    run = wcc("cohort", "--help")
    assert run.exit_code == 0
    text = " ".join(run.stdout.split())
    assert "Exit codes: 0 every file was graded" in text
    assert "2 a usage error, or at least one file" in text
