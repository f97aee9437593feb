"""``.ci/run`` runs what the README tells a newcomer, and tests the floors pyproject declares."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

CI_RUN = ROOT / ".ci" / "run"
LOWEST = ROOT / ".ci" / "constraints-lowest.txt"


def quick_start_commands() -> list[str]:
    """The commands of the README's Quick start, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|powershell)\n(.*?)```", quick_start, re.S)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]


def test_quick_start_is_a_venv_then_two_commands() -> None:
    venv_linux, venv_windows, install_and_run, test = quick_start_commands()
    assert venv_linux.startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert venv_windows.startswith("py -m venv .venv; .venv\\Scripts\\Activate.ps1")
    assert install_and_run == "pip install . && wcc assess examples/westmarsh-2025-26.yaml"
    assert test == "pip install -e '.[test]' && python -m pytest -q"


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    test = quick_start_commands()[-1]
    lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert test in lines


def test_ci_lints_formats_and_type_checks() -> None:
    script = CI_RUN.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in script
    for check in ("ruff check .", "ruff format --check .", "mypy"):
        assert re.search(rf"^{re.escape(check)} \|\| failed\+=", script, re.M), check
    assert "rm -rf .ci/.venv\n" in script and "python3 -m venv .ci/.venv\n" in script
    assert "-c .ci/constraints-lowest.txt" in script


def _floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][^,<]*)(,<.*)?", requirement)
        if match:
            floors[match[1].lower()] = match[2]
    return floors


def _pins() -> dict[str, str]:
    pins = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _release(version: str) -> tuple[int, ...]:
    numbers = [int(part) for part in version.split(".")]
    return tuple(numbers + [0] * (3 - len(numbers)))


def test_lowest_constraints_pin_every_floor() -> None:
    floors, pins = _floors(), _pins()
    assert set(pins) == set(floors)
    for name, floor in floors.items():
        assert (
            _release(pins[name])[: len(floor.split("."))]
            == _release(floor)[: len(floor.split("."))]
        )
        assert _release(pins[name]) >= _release(floor), name


def test_build_backend_floor_matches_the_test_extra() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [backend] = pyproject["build-system"]["requires"]
    assert backend == f"hatchling>={_floors()['hatchling']}"


def test_the_folders_ci_makes_are_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/.ci/.venv*/", "/.ci/npm/"} <= set(ignored)
    assert '"$ROOT/.ci/npm/node_modules/axe-core/axe.min.js"' in CI_RUN.read_text(encoding="utf-8")
