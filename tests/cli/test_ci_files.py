"""The CI integration files run as CI would run them: their shell, with `wcc` on PATH."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES, ROOT
from wcc_assess.cli import app

Wcc = Callable[..., Run]
OLD = EXAMPLES / "westmarsh-2025-26.yaml"
NEW = EXAMPLES / "westmarsh-2026-27.yaml"
INVALID = EXAMPLES / "invalid" / "westmarsh-draft-with-errors.yaml"
BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="needs bash")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository of an organisation: two years of submissions, and `wcc` on PATH."""
    (tmp_path / "submissions").mkdir()
    shutil.copy(OLD, tmp_path / "submissions" / "2025-26.yaml")
    shutil.copy(NEW, tmp_path / "submissions" / "2026-27.yaml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "wcc"
    shim.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" -m wcc_assess "$@"\n',
        encoding="utf-8",
    )
    shim.chmod(0o755)
    return tmp_path


def run_script(
    script: str, workspace: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    assert BASH is not None
    path = f"{workspace / 'bin'}:/usr/bin:/bin"
    return subprocess.run(
        [BASH, "-c", script],
        cwd=workspace,
        capture_output=True,
        text=True,
        env={"PATH": path, "SOURCE_DATE_EPOCH": "1790000000", **env},
        check=False,
        timeout=300,
    )


def _params(*command: str) -> set[str]:
    group: Any = typer.main.get_command(app)
    for name in command:
        group = group.commands[name]
    return {
        opt for param in group.params if param.param_type_name == "option" for opt in param.opts
    }


def wcc_options_used(script: str) -> list[tuple[str, str]]:
    """(command, option) for every option of every `wcc` command line in a script."""
    found = []
    for line in script.splitlines():
        for match in re.finditer(r"\bwcc (assess|validate)\b([^|;>]*)", line):
            found += [
                (match[1], option) for option in re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", match[2])
            ]
    return found


# .pre-commit-hooks.yaml
def test_pre_commit_hook_definition() -> None:
    [hook] = load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "wcc-validate" and hook["language"] == "python"
    assert hook["entry"] == "wcc validate"
    files = re.compile(hook["files"])
    for path in ("submissions/2026-27.yaml", "org/assessments/westmarsh.yml"):
        assert files.search(path), path
    for path in (
        "frameworks/wcc.yaml",
        ".pre-commit-config.yaml",
        "submissions/notes.md",
        "mysubmissions/x.yaml",
    ):
        assert not files.search(path), path


def test_pre_commit_entry_checks_submissions(wcc: Wcc) -> None:
    [hook] = load(ROOT / ".pre-commit-hooks.yaml")
    program, *args = shlex.split(hook["entry"])
    assert program == "wcc"
    # pre-commit appends the staged file names to the entry.
    assert wcc(*args, str(OLD), str(NEW)).exit_code == 0
    failed = wcc(*args, str(OLD), str(INVALID))
    assert failed.exit_code == 2 and f"{INVALID}:" in failed.stdout


# action.yml
def test_action_definition() -> None:
    action = load(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {
        "submission",
        "baseline",
        "target",
        "fail-on-regression",
        "framework",
    }
    assert action["inputs"]["submission"]["required"] is True
    steps = action["runs"]["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python@v5", "actions/upload-artifact@v4"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts through env, never pasted into the script.
            assert "${{" not in step["run"], step["name"]
    install = next(step for step in steps if step["name"] == "Install wcc-assess")
    assert install["env"]["WCC_ACTION_PATH"] == "${{ github.action_path }}"
    assert "pip install" in install["run"] and '"$WCC_ACTION_PATH"' in install["run"]
    upload = next(
        step for step in steps if step.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"] == "${{ inputs.html-report }}"
    assert upload["if"] == "always()"
    assert steps[-1]["name"] == "Fail with the assessment's exit code"


def test_action_uses_only_real_options() -> None:
    steps = load(ROOT / "action.yml")["runs"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    options = wcc_options_used(scripts.replace('"${args[@]}"', "").replace('"${validate[@]}"', ""))
    options += [("assess", option) for option in re.findall(r"args\+=\((--[a-z-]+)", scripts)]
    assert {option for _, option in options} >= {
        "--format",
        "--baseline",
        "--target",
        "--framework",
        "--fail-on-regression",
    }
    for command, option in options:
        assert option in _params(command), (command, option)


def _action_env(step: dict[str, Any], inputs: dict[str, str], workspace: Path) -> dict[str, str]:
    action = load(ROOT / "action.yml")
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    env = {}
    for name, expression in step.get("env", {}).items():
        match = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", expression)
        assert match, expression
        env[name] = values[match[1]]
    env["GITHUB_OUTPUT"] = str(workspace / "github-output")
    env["GITHUB_STEP_SUMMARY"] = str(workspace / "step-summary.md")
    return env


def _run_action(
    workspace: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], int]:
    steps = load(ROOT / "action.yml")["runs"]["steps"]
    assess = next(step for step in steps if step.get("id") == "assess")
    env = _action_env(assess, inputs, workspace)
    proc = run_script(assess["run"], workspace, env)
    assert proc.returncode == 0, proc.stderr  # the step itself never fails
    outputs = dict(
        line.split("=", 1) for line in (workspace / "github-output").read_text().splitlines()
    )
    final = run_script(steps[-1]["run"], workspace, {"WCC_EXIT_CODE": outputs["exit-code"]})
    return proc, outputs, final.returncode


@needs_bash
def test_action_runs_the_annual_review(workspace: Path) -> None:
    proc, outputs, exit_code = _run_action(
        workspace,
        **{
            "submission": "submissions/2026-27.yaml",
            "baseline": "submissions/2025-26.yaml",
            "fail-on-regression": "true",
        },
    )
    assert outputs == {"exit-code": "1", "html-report": "wcc-report.html"}
    assert exit_code == 1
    annotations = proc.stdout.splitlines()
    assert annotations[0].startswith("::error file=submissions/2026-27.yaml,line=")
    assert any("title=wcc assess%3A regression::C10" in line for line in annotations)
    summary = (workspace / "step-summary.md").read_text(encoding="utf-8")
    assert "NHS Westmarsh Integrated Care Board" in summary and "|" in summary
    html = (workspace / "wcc-report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")


@needs_bash
def test_action_passes_when_all_is_well(workspace: Path) -> None:
    _, outputs, exit_code = _run_action(workspace, submission="submissions/2025-26.yaml")
    assert (outputs["exit-code"], exit_code) == ("0", 0)


@needs_bash
def test_action_annotates_an_invalid_submission(workspace: Path) -> None:
    shutil.copy(INVALID, workspace / "submissions" / "draft.yaml")
    proc, outputs, exit_code = _run_action(workspace, submission="submissions/draft.yaml")
    assert (outputs["exit-code"], exit_code) == ("2", 2)
    assert proc.stdout.startswith("::error file=submissions/draft.yaml,line=")
    assert not (workspace / "wcc-report.html").exists()


# examples/ci
def test_github_workflow_example() -> None:
    workflow = load(ROOT / "examples" / "ci" / "github-annual-review.yml")
    job = workflow["jobs"]["annual-review"]
    steps = job["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "--format junit -o report.xml" in scripts
    junit = next(step for step in steps if "action-junit-report" in step.get("uses", ""))
    assert junit["with"]["report_paths"] == "report.xml" and junit["if"] == "always()"
    assert workflow["permissions"]["checks"] == "write"
    for command, option in wcc_options_used(scripts):
        assert option in _params(command), (command, option)


@needs_bash
def test_github_workflow_example_runs(workspace: Path) -> None:
    workflow = load(ROOT / "examples" / "ci" / "github-annual-review.yml")
    job = workflow["jobs"]["annual-review"]
    env = {
        **job["env"],
        "GITHUB_OUTPUT": str(workspace / "out"),
        "GITHUB_STEP_SUMMARY": str(workspace / "summary.md"),
    }
    for step in job["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        if step.get("id") == "assess" or step["name"].startswith("Validate"):
            proc = run_script(step["run"], workspace, env)
            assert proc.returncode == 0, (step["name"], proc.stderr)
    assert (workspace / "out").read_text() == "exit-code=1\n"
    assert "<testsuite" in (workspace / "report.xml").read_text(encoding="utf-8")
    assert (workspace / "report.html").exists() and (workspace / "summary.md").stat().st_size


def test_gitlab_job_example() -> None:
    job = load(ROOT / "examples" / "ci" / "gitlab-ci.yml")["annual-review"]
    assert job["artifacts"]["reports"]["junit"] == "report.xml"
    assert job["artifacts"]["when"] == "always"
    script = "\n".join(job["script"])
    for command, option in wcc_options_used(script):
        assert option in _params(command), (command, option)


@needs_bash
def test_gitlab_job_example_runs(workspace: Path) -> None:
    job = load(ROOT / "examples" / "ci" / "gitlab-ci.yml")["annual-review"]
    script = "\n".join(line for line in job["script"] if "pip install" not in line)
    proc = run_script("set -e\n" + script, workspace, dict(job["variables"]))
    assert proc.returncode == 1, proc.stderr  # C11 below target, C10 regressed
    report = (workspace / "report.xml").read_text(encoding="utf-8")
    assert "<testsuite" in report and "C10" in report and "C11" in report
    assert (workspace / "report.html").exists() and (workspace / "report.md").exists()
