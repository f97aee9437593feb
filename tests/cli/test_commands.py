"""Every command through typer's CliRunner, with exact behaviour where it matters."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from tests.cli.conftest import Run
from tests.conftest import ROOT, wcc_submission
from wcc_assess import __version__
from wcc_assess.cli import app

Wcc = Callable[..., Run]
Write = Callable[..., Path]


@pytest.fixture
def submission(write_yaml: Write) -> Path:
    return write_yaml(wcc_submission(), name="submission.yaml")


def test_version(wcc: Wcc) -> None:
    run = wcc("--version")
    assert (run.exit_code, run.stdout) == (0, f"wcc-assess {__version__}\n")


def test_python_dash_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wcc_assess", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"wcc-assess {__version__}"


def test_help_documents_exit_codes(wcc: Wcc) -> None:
    for args in ((), ("assess",), ("validate",)):
        run = wcc(*args, "--help")
        assert run.exit_code == 0
        flat = " ".join(run.stdout.split())
        assert "Exit codes: 0" in flat and "1 the assessment ran and failed a gate" in flat


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def test_every_command_has_help_and_is_in_the_readme(wcc: Wcc) -> None:
    root = typer.main.get_command(app)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(root)
    assert ("assess",) in commands and ("frameworks", "show") in commands
    for command in commands:
        run = wcc(*command, "--help")
        assert run.exit_code == 0
        assert "Usage:" in run.stdout
        assert f"wcc {' '.join(command)}" in readme, f"README does not document {command}"


def test_assess_table(wcc: Wcc, submission: Path) -> None:
    run = wcc("assess", str(submission))
    assert run.exit_code == 0, run.stderr
    assert "Test ICB (T01) · 2026/27" in run.stdout
    assert "C11" in run.stdout and "Make sound financial investments" in run.stdout
    assert "Profile: 11 competencies at level 2" in run.stdout
    assert "Mean score: 2.00 (33.3% of the way from level 1 to level 4)" in run.stdout
    assert "Draft: not signed off by an assurance panel" in run.stdout
    assert "Gate: none" in run.stdout
    assert "\x1b[" not in run.stdout  # no colour when not a terminal
    assert run.stderr == ""


def test_assess_json_is_the_result_document(wcc: Wcc, submission: Path) -> None:
    run = wcc("assess", str(submission), "--format", "json")
    assert run.exit_code == 0
    result = json.loads(run.stdout)
    assert result["schema_version"] == "1.8"
    assert result["generated_at"] == "2026-09-21T14:13:20Z"  # SOURCE_DATE_EPOCH=1790000000
    assert result["framework"]["id"] == "wcc" and result["framework"]["version"] == "2009"
    # WCC has no composite band: the profile of levels is the headline.
    assert result["overall"]["score"] == 2.0 and result["overall"]["band"] is None
    assert [(c["level"], c["count"]) for c in result["overall"]["profile"]] == [
        (4, 0),
        (3, 0),
        (2, 11),
        (1, 0),
    ]
    assert (result["draft"], result["basis"]) == (True, "self-assessed")
    assert [d["id"] for d in result["domains"]] == [f"C{i}" for i in range(1, 12)]
    indicator = result["domains"][0]["indicators"][0]
    assert indicator["claimed_level"] == 2 and indicator["effective_level"] == 2
    assert result["gate"] == {
        "status": "none",
        "failures": [],
        "checks": [],
        "not_evidenced_allowed_by": None,
    }


def test_output_is_deterministic(wcc: Wcc, submission: Path) -> None:
    first = wcc("assess", str(submission), "-f", "json").stdout
    assert first == wcc("assess", str(submission), "-f", "json").stdout


def test_gate_failure_exits_1(wcc: Wcc, submission: Path) -> None:
    run = wcc("assess", str(submission), "--target", "3")
    assert run.exit_code == 1
    assert "Gate: FAILED (11 failures)" in run.stdout
    assert run.stderr.count("gate failed: ") == 11
    quiet = wcc("assess", str(submission), "--target", "3", "--quiet")
    assert quiet.exit_code == 1 and quiet.stderr == ""


def test_gate_passes_exits_0(wcc: Wcc, submission: Path) -> None:
    run = wcc("assess", str(submission), "--target", "2", "-f", "json")
    assert run.exit_code == 0
    assert json.loads(run.stdout)["gate"]["status"] == "passed"


def test_submission_targets_gate(wcc: Wcc, write_yaml: Write) -> None:
    data = wcc_submission()
    data["targets"] = {"default": 2, "C11": 3}
    run = wcc("assess", str(write_yaml(data)), "-f", "json")
    assert run.exit_code == 1
    failures = json.loads(run.stdout)["gate"]["failures"]
    assert [f["domain"] for f in failures] == ["C11"]


def test_stdin(wcc: Wcc) -> None:
    run = wcc("assess", "-", "-f", "json", input=yaml.safe_dump(wcc_submission()))
    assert run.exit_code == 0
    assert json.loads(run.stdout)["source"] == "<stdin>"


def test_output_file_is_written_atomically(wcc: Wcc, submission: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old")
    run = wcc("assess", str(submission), "-f", "json", "-o", str(out))
    assert run.exit_code == 0 and run.stdout == ""
    assert json.loads(out.read_text())["organisation"] == "Test ICB"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_refuses_to_overwrite_the_input(wcc: Wcc, submission: Path) -> None:
    before = submission.read_bytes()
    run = wcc("assess", str(submission), "-o", str(submission))
    assert run.exit_code == 2
    assert "refusing to write the report over the input file" in run.stderr
    assert submission.read_bytes() == before


def test_output_into_missing_folder(wcc: Wcc, submission: Path, tmp_path: Path) -> None:
    run = wcc("assess", str(submission), "-o", str(tmp_path / "no" / "such" / "r.txt"))
    assert run.exit_code == 2 and "does not exist" in run.stderr


def test_framework_option_accepts_a_path(wcc: Wcc, submission: Path) -> None:
    run = wcc("assess", str(submission), "--framework", str(ROOT / "frameworks" / "wcc.yaml"))
    assert run.exit_code == 0, run.stderr


def test_validate_ok_and_json(wcc: Wcc, submission: Path) -> None:
    run = wcc("validate", str(submission), str(ROOT / "frameworks" / "wcc.yaml"))
    assert run.exit_code == 0
    assert f"{submission}: ok, submission for wcc@2009: Test ICB, 2026/27" in run.stdout
    assert "ok, framework wcc@2009: 11 domains, 44 indicators" in run.stdout
    report = json.loads(wcc("validate", str(submission), "-f", "json").stdout)
    assert report[0]["valid"] is True and report[0]["kind"] == "submission"


def test_validate_reports_every_file(wcc: Wcc, submission: Path, write_yaml: Write) -> None:
    bad = write_yaml("framework: wcc\n")
    run = wcc("validate", str(bad), str(submission))
    assert run.exit_code == 2
    assert f"{bad}: invalid" in run.stdout and f"{submission}: ok" in run.stdout


def test_validate_github_annotations(wcc: Wcc, write_yaml: Write) -> None:
    data = wcc_submission()
    data["domains"]["C2"]["C2.3"]["level"] = 8
    path = write_yaml(data)
    run = wcc("validate", str(path), "--format", "github")
    assert run.exit_code == 2
    line = next(i for i, row in enumerate(path.read_text().splitlines(), 1) if "level: 8" in row)
    assert re.search(
        rf"^::error file={re.escape(str(path))},line={line},col=\d+,title=wcc "
        r"validate::domains.C2.C2.3.level: 8 is not on the scale",
        run.stdout,
        re.M,
    )


def test_init_writes_a_complete_blank_submission(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    run = wcc(
        "init",
        "--organisation",
        "NHS Example ICB",
        "--code",
        "QX1",
        "--period",
        "2026/27",
        "-o",
        str(out),
    )
    assert run.exit_code == 0, run.stderr
    text = out.read_text()
    assert text.startswith("# yaml-language-server: $schema=wcc.schema.json\n")
    assert "# 4 World class:" in text
    data = yaml.safe_load(text)
    assert sorted(data["domains"]) == sorted(f"C{i}" for i in range(1, 12))
    assert sum(len(d) for d in data["domains"].values()) == 44
    # blank levels do not validate ...
    assert wcc("validate", str(out)).exit_code == 2
    # ... and once rated, it is a valid submission
    out.write_text(text.replace("      level:  # 1-4", "      level: 1  # 1-4"))
    assert wcc("validate", str(out)).exit_code == 0


def test_init_never_overwrites_without_force(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("precious")
    run = wcc("init", "-o", str(out))
    assert run.exit_code == 2 and "already exists" in run.stderr
    assert out.read_text() == "precious"
    assert wcc("init", "-o", str(out), "--force").exit_code == 0
    assert out.read_text() != "precious"


def test_init_to_stdout_quotes_names(wcc: Wcc) -> None:
    run = wcc("init", "--organisation", 'A: "tricky" name', "--period", "2025/26")
    assert run.exit_code == 0
    data = yaml.safe_load(run.stdout)
    assert data["organisation"]["name"] == 'A: "tricky" name'
    assert data["period"] == "2025/26"


def test_frameworks_list(wcc: Wcc) -> None:
    run = wcc("frameworks", "list")
    assert run.exit_code == 0
    assert re.search(r"^wcc\s+2009\s+11 domains\s+44 indicators\s+World Class", run.stdout, re.M)


def test_frameworks_show(wcc: Wcc) -> None:
    run = wcc("frameworks", "show", "wcc")
    assert run.exit_code == 0
    assert "C11 Make sound financial investments" in run.stdout
    assert "4 World class:" in run.stdout
    assert (
        "level 3+: 2 items (a decision and a result), at least 1 recent (within 12 months)"
        in run.stdout
    )


def test_frameworks_show_unknown(wcc: Wcc) -> None:
    run = wcc("frameworks", "show", "wcd")
    assert run.exit_code == 2 and "did you mean wcc?" in run.stderr


def test_output_file_gets_ordinary_permissions(wcc: Wcc, submission: Path, tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        assert wcc("assess", str(submission), "-f", "json", "-o", str(fresh)).exit_code == 0
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("x")
        kept.chmod(0o640)
        assert wcc("assess", str(submission), "-f", "json", "-o", str(kept)).exit_code == 0
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


def test_output_to_a_device_writes_through(wcc: Wcc, submission: Path) -> None:
    import os
    import stat

    before = os.stat("/dev/null")
    assert wcc("assess", str(submission), "-f", "json", "-o", "/dev/null").exit_code == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_output_to_a_directory_is_refused(wcc: Wcc, submission: Path, tmp_path: Path) -> None:
    run = wcc("assess", str(submission), "-o", str(tmp_path))
    assert run.exit_code == 2 and "cannot write" in run.stderr
