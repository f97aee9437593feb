"""Shared fixtures: paths, a tiny framework, and submission builders."""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"
MINI = DATA / "frameworks" / "mini.yaml"

# The tests keep the framework cache (wcc_assess.io.cache) out of the user's cache folder;
# subprocesses inherit it.
os.environ.setdefault(
    "WCC_CACHE_DIR", tempfile.mkdtemp(prefix="wcc-test-cache-", dir=os.environ.get("TMPDIR"))
)


def cli_runner() -> Any:
    """Return typer's CliRunner with stdout and stderr kept apart, whatever the version.

    Click 8.2 and later (and the click that typer 0.20+ carries inside) keep them apart and
    flush both; click 8.1, which older typer versions use, mixes them unless told not to,
    and reads stderr without flushing it first (so it is made to write through).
    """
    from typer.testing import CliRunner

    class Runner(CliRunner):  # type: ignore[misc]
        @contextlib.contextmanager
        def isolation(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
            with super().isolation(*args, **kwargs) as streams:
                if isinstance(sys.stderr, io.TextIOWrapper):
                    sys.stderr.reconfigure(write_through=True)
                yield streams

    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return Runner(mix_stderr=False)
    return Runner()


def evidence(n: int, *, date: str = "2026-01-10", prefix: str = "doc") -> list[dict[str, str]]:
    """Return ``n`` distinct evidence items, all dated ``date``."""
    return [{"title": f"{prefix} {i}", "ref": f"{prefix}-{i}", "date": date} for i in range(n)]


def mini_submission(**ratings: Any) -> dict[str, Any]:
    """A valid submission of the mini framework; override indicators by id (A_1=...)."""
    base: dict[str, Any] = {
        "framework": "mini",
        "organisation": {"name": "Test ICB", "code": "T01"},
        "period": "2026/27",
        "assessed_on": "2026-10-01",
        "domains": {
            "A": {
                "A.1": {"level": 2, "evidence": evidence(1)},
                "A.2": {"level": 2, "evidence": evidence(1)},
                "A.3": {"level": 2, "evidence": evidence(1)},
            },
            "B": {
                "B.1": {"level": 2, "evidence": evidence(1)},
                "B.2": {"level": 2, "evidence": evidence(1)},
            },
        },
    }
    for key, value in ratings.items():
        indicator = key.replace("_", ".")
        base["domains"][indicator.split(".")[0]][indicator] = value
    return base


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write data (or raw text) to a YAML file in tmp_path and return its path."""
    counter = iter(range(10_000))

    def write(data: Any, name: str | None = None) -> Path:
        path = tmp_path / (name or f"file{next(counter)}.yaml")
        if isinstance(data, (str, bytes)):
            path.write_bytes(data.encode() if isinstance(data, str) else data)
        else:
            path.write_text(yaml.safe_dump(copy.deepcopy(data), sort_keys=False), encoding="utf-8")
        return path

    return write


def wcc_submission() -> dict[str, Any]:
    """A valid WCC submission: every indicator at level 2 with one evidence item."""
    framework = yaml.safe_load((ROOT / "frameworks" / "wcc.yaml").read_text(encoding="utf-8"))
    return {
        "framework": "wcc",
        "organisation": {"name": "Test ICB", "code": "T01"},
        "period": "2026/27",
        "assessed_on": "2026-10-01",
        "domains": {
            domain["id"]: {
                indicator["id"]: {"level": 2, "narrative": "n", "evidence": evidence(1)}
                for indicator in domain["indicators"]
            }
            for domain in framework["domains"]
        },
    }


def assert_golden(actual: str, golden: Path) -> None:
    """Compare with a golden file; ``UPDATE_GOLDEN=1`` rewrites it (review the diff)."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended, regenerate with UPDATE_GOLDEN=1"
    )
