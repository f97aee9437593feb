"""Packaging: the wheel works installed anywhere, and the sdist can test itself."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


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
    assert "Profile:" in assessed.stdout


def test_installed_copy_renders_the_template_reports(wheel: Path, tmp_path: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("report.md.j2", "report.html.j2", "report.css"):
        assert f"wcc_assess/templates/{template}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    for fmt, start in (("html", "<!DOCTYPE html>"), ("markdown", "## ")):
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


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist as ``python -m build --sdist`` makes it (hatchling from this environment)."""
    out = tmp_path_factory.mktemp("sdist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "warning" not in (proc.stdout + proc.stderr).lower(), proc.stdout + proc.stderr
    [archive] = out.glob("wcc_assess-*.tar.gz")
    return archive


def test_sdist_holds_what_its_tests_need(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        "action.yml",
        ".pre-commit-hooks.yaml",
        ".ci/run",
        ".ci/constraints-lowest.txt",
        "benchmarks/bench.py",
        "examples/ci/gitlab-ci.yml",
        "frameworks/wcc.yaml",
        "src/wcc_assess/py.typed",
        "tests/conftest.py",
        "tests/data/golden/westmarsh-2025-26.md",
    ):
        assert needed in names, needed
    assert not [name for name in names if "__pycache__" in name or name.startswith(".git/")]


def test_sdist_passes_its_own_fast_tests(sdist: Path, tmp_path: Path) -> None:
    """Unpacked elsewhere, the sdist runs the suite's fast part against its own code."""
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            archive.extractall(tmp_path, filter="data")
        else:  # pragma: no cover
            archive.extractall(tmp_path)
    [root] = tmp_path.iterdir()
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("UPDATE_GOLDEN", None)
    probe = subprocess.run(
        [sys.executable, "-c", "import wcc_assess; print(wcc_assess.__file__)"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(root / "src")), probe.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + ["-m", "not slow and not browser"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    lines = proc.stdout.strip().splitlines()
    failures = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    summary = lines[-1] if lines else proc.stderr
    assert proc.returncode == 0, "\n".join(failures) + "\n" + proc.stdout[-2000:] + proc.stderr

    assert re.search(r"\d+ passed", summary) and "failed" not in summary, summary
