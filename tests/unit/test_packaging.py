"""An installed (non-editable) copy finds its built-in frameworks inside the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytest.importorskip("hatchling")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from hatchling.build import build_wheel; print(build_wheel({str(out)!r}))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return out / proc.stdout.strip().splitlines()[-1]


def test_wheel_contains_the_frameworks(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "wcc_assess/frameworks/wcc.yaml" in names
    assert "wcc_assess/py.typed" in names
    assert not [name for name in names if name.startswith("tests/")]


def test_installed_copy_runs_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    example = shutil.copy(EXAMPLES / "westmarsh-2025-26.yaml", work / "sub.yaml")
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import wcc_assess, wcc_assess.io.frameworks as f; "
            "print(wcc_assess.__file__); print(f.builtin_dir())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(site)) for line in probe), probe
    listed = subprocess.run(
        [sys.executable, "-m", "wcc_assess", "frameworks", "list"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "\nwcc " in "\n" + listed.stdout
    assessed = subprocess.run(
        [sys.executable, "-m", "wcc_assess", "assess", str(example)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert assessed.returncode == 0, assessed.stderr
    assert "Overall:" in assessed.stdout


def test_installed_copy_renders_the_template_reports(wheel: Path, tmp_path: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("report.md.j2", "report.html.j2", "report.css"):
        assert f"wcc_assess/templates/{template}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    for fmt, start in (("html", "<!DOCTYPE html>"), ("markdown", "## WCC assessment")):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "wcc_assess",
                "assess",
                str(EXAMPLES / "westmarsh-2025-26.yaml"),
                "-f",
                fmt,
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith(start)
