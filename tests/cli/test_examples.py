"""Every example in examples/ is run, as a newcomer would run it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES

Wcc = Callable[..., Run]
VALID = sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("*.xlsx")])
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def test_there_are_examples() -> None:
    assert len(VALID) >= 2 and INVALID


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_valid_examples_assess(wcc: Wcc, path: Path, fmt: str) -> None:
    run = wcc("assess", str(path), "--format", fmt)
    assert run.exit_code in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    if fmt == "json":
        result = json.loads(run.stdout)
        assert (run.exit_code == 1) == (result["gate"]["status"] == "failed")
    assert wcc("validate", str(path)).exit_code == 0


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_examples_are_rejected_with_located_errors(wcc: Wcc, path: Path) -> None:
    run = wcc("assess", str(path))
    assert run.exit_code == 2
    assert run.stdout == "" and "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert len(errors) >= 5
    assert all(line.startswith(f"{path}:") for line in errors)


def test_westmarsh_story(wcc: Wcc) -> None:
    """The two Westmarsh years tell the story the examples README promises."""
    old = json.loads(wcc("assess", str(EXAMPLES / "westmarsh-2025-26.yaml"), "-f", "json").stdout)
    new_run = wcc("assess", str(EXAMPLES / "westmarsh-2026-27.yaml"), "-f", "json")
    new = json.loads(new_run.stdout)
    assert old["gate"]["status"] == "none"
    assert new_run.exit_code == 1
    assert [f["domain"] for f in new["gate"]["failures"]] == ["C10", "C11"]
    levels = {
        year: {d["id"]: d["level"] for d in r["domains"]}
        for year, r in (("old", old), ("new", new))
    }
    assert levels["new"]["C10"] < levels["old"]["C10"]  # worse in one domain
    assert sum(levels["new"][d] > levels["old"][d] for d in levels["new"]) >= 3
    c6 = next(d for d in new["domains"] if d["id"] == "C6")
    assert c6["capped_count"] == 3
    skipped = [i["id"] for d in new["domains"] for i in d["indicators"] if not i["assessed"]]
    assert skipped == ["C2.3"]
    assert any("dated 2026-11-05" in w for w in new["warnings"])
