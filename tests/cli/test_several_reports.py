"""One grading, many reports: ``--report FORMAT=FILE`` on assess, cohort and trend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run

Wcc = Callable[..., Run]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
THIS_YEAR = str(EXAMPLES / "westmarsh-2026-27.yaml")
LAST_YEAR = str(EXAMPLES / "westmarsh-2025-26.yaml")


def _single(wcc: Wcc, tmp_path: Path, args: list[str], fmt: str) -> bytes:
    path = tmp_path / f"single.{fmt}"
    wcc(*args, "--format", fmt, "-o", str(path))
    return path.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ["assess", THIS_YEAR, "--baseline", LAST_YEAR],
        ["cohort", THIS_YEAR, str(EXAMPLES / "westmarsh-2026-27-assurance.yaml")],
        ["trend", LAST_YEAR, THIS_YEAR],
    ],
    ids=["assess", "cohort", "trend"],
)
def test_each_report_equals_its_single_format_run(
    wcc: Wcc, tmp_path: Path, args: list[str]
) -> None:
    formats = ["markdown", "html", "json"]
    reports = [f"--report={fmt}={tmp_path / ('many.' + fmt)}" for fmt in formats]
    together = wcc(*args, *reports)
    alone = wcc(*args)
    assert together.exit_code == alone.exit_code
    assert together.stdout == alone.stdout  # the main report still goes to stdout
    for fmt in formats:
        assert (tmp_path / f"many.{fmt}").read_bytes() == _single(wcc, tmp_path, args, fmt), fmt


def test_junit_and_gate_from_one_run(wcc: Wcc, tmp_path: Path) -> None:
    run = wcc(
        "assess", THIS_YEAR, "--target", "3", "--format", "markdown",
        "--report", f"junit={tmp_path / 'junit.xml'}",
    )  # fmt: skip
    assert run.exit_code == 1
    assert "<testsuite" in (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert run.stdout.startswith("#")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("html", "FORMAT=FILE"),
        ("=x.html", "FORMAT=FILE"),
        ("pdf=x.pdf", "unknown format 'pdf'"),
        ("html=-", "cannot be stdout"),
    ],
)
def test_bad_report_spec(wcc: Wcc, spec: str, message: str) -> None:
    run = wcc("assess", THIS_YEAR, "--report", spec)
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stdout == ""


def test_report_never_written_over_an_input(wcc: Wcc, tmp_path: Path) -> None:
    submission = tmp_path / "s.yaml"
    submission.write_bytes(Path(THIS_YEAR).read_bytes())
    before = submission.read_bytes()
    other = tmp_path / "other.md"
    run = wcc(
        "assess", str(submission), "--report", f"markdown={other}", "--report", f"html={submission}"
    )
    assert run.exit_code == 2
    assert "input file" in run.stderr
    assert submission.read_bytes() == before
    assert not other.exists()  # refused before anything was written


def test_same_file_named_twice(wcc: Wcc, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    run = wcc("assess", THIS_YEAR, "-o", str(target), "--report", f"markdown={target}")
    assert run.exit_code == 2
    assert "two reports" in run.stderr
    assert not target.exists()


def test_framework_file_is_an_input(wcc: Wcc, tmp_path: Path) -> None:
    framework = tmp_path / "wcc.yaml"
    framework.write_bytes(
        (Path(__file__).resolve().parents[2] / "frameworks" / "wcc.yaml").read_bytes()
    )
    before = framework.read_bytes()
    run = wcc("assess", THIS_YEAR, "--framework", str(framework), "-o", str(framework))
    assert run.exit_code == 2
    assert framework.read_bytes() == before
