"""The benchmark tools work (their timings are not tested: they are benchmarks, not tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wcc_assess.cli import app

BENCHMARKS = ROOT / "benchmarks"


@pytest.mark.slow
def test_generate_writes_valid_deterministic_submissions(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    for out in ("one", "two"):
        subprocess.run(
            [
                sys.executable,
                str(BENCHMARKS / "generate.py"),
                "--n",
                "5",
                "--out",
                str(tmp_path / out),
                "--seed",
                "7",
            ],
            check=True,
            capture_output=True,
        )
    files = sorted((tmp_path / "one").glob("*.yaml"))
    assert len(files) == 5
    assert [f.read_bytes() for f in files] == [
        f.read_bytes() for f in sorted((tmp_path / "two").glob("*.yaml"))
    ]
    result = CliRunner().invoke(app, ["validate", *map(str, files)])
    assert result.exit_code == 0, result.output
    assert result.output.count(": ok, submission for wcc@2009") == 5
    assert all(15_000 < f.stat().st_size < 40_000 for f in files)  # like a real submission


def test_generated_years_share_organisations(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    now = generate(3, tmp_path / "now", seed=1, period="2026/27")
    before = generate(3, tmp_path / "before", seed=1, period="2025/26")
    assert [p.name for p in now] == [p.name for p in before]  # same codes, other ratings
    assert now[0].read_text() != before[0].read_text()


@pytest.mark.slow
def test_bench_runs_end_to_end_with_a_tiny_cohort() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "bench.py"),
            "--n",
            "20",
            "--repeat",
            "1",
            "--startup-repeat",
            "1",
            "--memory-repeat",
            "1",
            "--xlsx-n",
            "10",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert set(figures["ratios"]) == {"help", "assess", "cohort", "assess_xlsx", "cohort_xlsx"}
    assert all(ratio > 0 for ratio in figures["ratios"].values())
    assert figures["memory_mb"]["peak_pss_total"] > 0
