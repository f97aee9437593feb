"""The CI integration files work as written: linted by real linters, and run as CI runs them.

The composite action (``action.yml``) and the two CI examples are checked three ways:

- statically: the inputs reach the one ``wcc assess`` of each file, every option exists;
- by linters that work offline: check-jsonschema's built-in schemas for GitHub workflows,
  GitHub actions and GitLab CI, and actionlint (with shellcheck for the ``run:`` scripts);
- end to end: every ``run:`` step, install step included, runs in order with the shell GitHub
  (or GitLab) uses, ``${{ ... }}`` expressions substituted as GitHub would, and
  ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` set to temporary files. The action installs
  wcc-assess from its own folder (``github.action_path``), the examples from a git URL at a
  tag: here a git repository made from this tree, tagged with this version, which is the one
  line a user changes. Installs run in a fresh virtual environment, offline: the
  environment sees this one's packages (a ``.pth`` file) so pip finds every dependency
  already there, and builds without isolation with the hatchling found there.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES, ROOT
from wcc_assess import __version__
from wcc_assess.cli import app

Wcc = Callable[..., Run]
OLD = EXAMPLES / "westmarsh-2025-26.yaml"
NEW = EXAMPLES / "westmarsh-2026-27.yaml"
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"
INVALID = EXAMPLES / "invalid" / "westmarsh-draft-with-errors.yaml"
ACTION = ROOT / "action.yml"
GITHUB_EXAMPLE = ROOT / "examples" / "ci" / "github-annual-review.yml"
GITLAB_EXAMPLE = ROOT / "examples" / "ci" / "gitlab-ci.yml"
SCRIPTS = Path(sysconfig.get_path("scripts"))
EPOCH = "1790000000"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def tool(name: str) -> str:
    """A linter installed by the test extra, in this environment's scripts folder."""
    found = shutil.which(name, path=str(SCRIPTS)) or shutil.which(name)
    assert found, f"{name} is missing: pip install -e '.[test]'"
    return found


# ---------------------------------------------------------------------------------------
# Static checks


def _options_of(*command: str) -> set[str]:
    group: Any = typer.main.get_command(app)
    for name in command:
        group = group.commands[name]
    return {opt for param in group.params for opt in param.opts if opt.startswith("-")}


def wcc_options_used(script: str) -> list[tuple[str, str]]:
    """(command, option) for every option a script passes to ``wcc assess`` or ``validate``.

    Arguments are collected in ``args+=(...)`` or ``set -- "$@" ...`` lines for assess, so
    every long option outside pip's and validate's own lines belongs to assess.
    """
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        if "pip install" in line:
            continue
        command = "validate" if re.search(r"\bwcc validate\b|\bvalidate\+=", line) else "assess"
        found += [(command, opt) for opt in re.findall(r"(?<![\w$-])--[a-z][a-z-]*", line)]
    return found


def _scripts(path: Path) -> str:
    data = load(path)
    if path == GITLAB_EXAMPLE:
        return "\n".join(data["annual-review"]["script"])
    steps = data["runs"]["steps"] if path == ACTION else data["jobs"]["annual-review"]["steps"]
    return "\n".join(step.get("run", "") for step in steps)


GATES = {"--baseline", "--target", "--framework", "--fail-on-regression", "--fail-on-red"}
REPORTS = {"markdown", "html", "junit"}


@pytest.mark.parametrize("path", [ACTION, GITHUB_EXAMPLE, GITLAB_EXAMPLE], ids=lambda p: p.name)
def test_one_grading_with_every_gate_and_report(path: Path) -> None:
    script = _scripts(path)
    assert len(re.findall(r"^\s*wcc assess\b", script, re.M)) == 1, "grade once"
    used = wcc_options_used(script)
    for command, option in used:
        assert option in _options_of(command), (command, option)
    assert GATES <= {option for command, option in used if command == "assess"}
    assert set(re.findall(r"--report \"?(\w+)=", script)) == REPORTS


def test_action_inputs_reach_the_assessment() -> None:
    action = load(ACTION)
    inputs = action["inputs"]
    assert {"submission", "baseline", "target", "framework"} <= set(inputs)
    assert {"fail-on-regression", "fail-on-red", "publish-junit"} <= set(inputs)
    assert inputs["submission"]["required"] is True
    text = ACTION.read_text(encoding="utf-8")
    for name in inputs:
        assert f"inputs.{name} }}}}" in text or f"inputs.{name} ==" in text, f"unused {name}"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts through env, never pasted into the script.
            assert "${{" not in step["run"], step["name"]
    install = next(step for step in action["runs"]["steps"] if step["name"] == "Install wcc-assess")
    assert install["env"]["WCC_ACTION_PATH"] == "${{ github.action_path }}"
    assert action["runs"]["steps"][-1]["name"] == "Fail with the assessment's exit code"


def test_examples_install_from_a_git_tag_on_one_marked_line() -> None:
    """The line a user changes names this project's repository at this version's tag."""
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    expected = f"git+{urls['Repository']}@v{__version__}"
    for path in (GITHUB_EXAMPLE, GITLAB_EXAMPLE):
        lines = path.read_text(encoding="utf-8").splitlines()
        marked = [i for i, line in enumerate(lines) if "The one line to change" in line]
        assert len(marked) == 1, path.name
        assert lines[marked[0] + 1].strip() == f"WCC_ASSESS: {expected}", path.name
        assert path.read_text(encoding="utf-8").count("$WCC_ASSESS") == 1
        assert 'pip install "$WCC_ASSESS"' in _scripts(path)


def test_uses_current_major_versions() -> None:
    uses = {
        step["uses"].split("@")[0]: step["uses"].split("@")[1]
        for path in (ACTION, GITHUB_EXAMPLE)
        for step in (
            load(path)["runs"]["steps"]
            if path == ACTION
            else load(path)["jobs"]["annual-review"]["steps"]
        )
        if "uses" in step
    }
    assert uses == {
        "actions/checkout": "v7",
        "actions/setup-python": "v6",
        "actions/upload-artifact": "v7",
        "mikepenz/action-junit-report": "v6",
    }


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


# ---------------------------------------------------------------------------------------
# Linters


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-actions", ACTION),
        ("vendor.github-workflows", GITHUB_EXAMPLE),
        ("vendor.gitlab-ci", GITLAB_EXAMPLE),
    ],
    ids=["action", "github", "gitlab"],
)
def test_schemas_accept_the_files(schema: str, path: Path) -> None:
    proc = check_jsonschema(schema, path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_schemas_reject_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    action = load(ACTION)
    del action["runs"]["using"]
    broken.write_text(yaml.safe_dump(action), encoding="utf-8")
    assert check_jsonschema("vendor.github-actions", broken).returncode == 1
    job = load(GITLAB_EXAMPLE)
    job["annual-review"]["artifacts"]["when"] = "sometimes"
    broken = tmp_path / "gitlab-ci.yml"
    broken.write_text(yaml.safe_dump(job), encoding="utf-8")
    assert check_jsonschema("vendor.gitlab-ci", broken).returncode == 1


def actionlint(repo: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint, with shellcheck on the run: scripts, on a repository's workflows."""
    return subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline", "-shellcheck", tool("shellcheck")]
        + ["-pyflakes", ""],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def action_as_workflows(repo: Path, action: dict[str, Any]) -> None:
    """Write workflows that let actionlint check an action.

    actionlint checks workflows, and the action files of local actions they use: one
    workflow uses the action (``./``) with every input, so its inputs are checked; another
    runs the action's steps as a reusable workflow with the action's inputs, so that every
    step is checked as a workflow step is (versions, expressions, shellcheck of scripts).
    """
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".git").mkdir()  # actionlint looks for the repository's root
    (repo / "action.yml").write_text(yaml.safe_dump(action, sort_keys=False), encoding="utf-8")
    inputs = {name: f"value of {name}" for name in action["inputs"]}
    use = {
        "on": "push",
        "jobs": {
            "review": {
                "runs-on": "ubuntu-latest",
                "steps": [{"uses": "actions/checkout@v7"}, {"uses": "./", "with": inputs}],
            }
        },
    }
    steps = {
        "on": {
            "workflow_call": {
                "inputs": {
                    name: {
                        "type": "string",
                        "required": bool(spec.get("required")),
                        **({"default": spec["default"]} if "default" in spec else {}),
                    }
                    for name, spec in action["inputs"].items()
                }
            }
        },
        "jobs": {"steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    for name, workflow in (("use-action", use), ("action-steps", steps)):
        path = repo / ".github" / "workflows" / f"{name}.yml"
        path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")


@pytest.mark.slow
def test_actionlint_accepts_the_action_and_the_github_example(tmp_path: Path) -> None:
    action_as_workflows(tmp_path, load(ACTION))
    shutil.copy(GITHUB_EXAMPLE, tmp_path / ".github" / "workflows" / "annual-review.yml")
    proc = actionlint(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda steps: steps[0].update(uses="actions/setup-python@v5"), "deprecated"),
        (lambda steps: steps[2].update(run="wcc assess $WCC_SUBMISSION"), "SC2086"),
        (lambda steps: steps[2]["env"].update(X="${{ inputs.no-such-input }}"), "no-such-input"),
    ],
    ids=["old-action", "shellcheck", "expression"],
)
def test_actionlint_catches_mistakes(
    tmp_path: Path, change: Callable[[list[dict[str, Any]]], None], complaint: str
) -> None:
    """The lint above is not vacuous: a deprecated action, a shell slip and a bad expression."""
    action = load(ACTION)
    change(action["runs"]["steps"])
    action_as_workflows(tmp_path, action)
    proc = actionlint(tmp_path)
    assert proc.returncode == 1 and complaint in proc.stdout, proc.stdout + proc.stderr


# ---------------------------------------------------------------------------------------
# The steps, end to end


def copy_tree(destination: Path) -> Path:
    """Copy this project (not its caches or environments) to ``destination``."""
    junk = shutil.ignore_patterns(
        ".git",
        "__pycache__",
        "*.pyc",
        ".venv*",
        "node_modules*",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "dist",
        "build",
        "*.egg-info",
        "out",
    )
    shutil.copytree(ROOT, destination, ignore=junk)
    return destination


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project as a git repository with this version's tag, as a user would get it."""
    repo = copy_tree(tmp_path_factory.mktemp("release") / "wcc-assess")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=wcc-assess tests", "-c", "user.email=tests@example.invalid"]
    for command in (
        ["init", "--quiet"],
        ["add", "--all"],
        [*identity, "commit", "--quiet", "--no-verify", "-m", "release"],
        [*identity, "tag", f"v{__version__}"],
    ):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def runner_venv(folder: Path) -> Path:
    """A brand-new virtual environment that sees this environment's packages.

    Returns its scripts folder, to put first on PATH like the ``python`` of setup-python.
    """
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    scripts = folder / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(purelib) / "wcc-test-packages.pth").write_text("\n".join(sorted(ours)) + "\n")
    return scripts


def base_env(scripts: Path, home: Path) -> dict[str, str]:
    keep = {
        name: os.environ[name] for name in ("SYSTEMROOT", "TMPDIR", "LANG") if name in os.environ
    }
    return {
        **keep,
        "PATH": os.pathsep.join([str(scripts), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(home),
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_COLOR": "1",
        # Offline, and with this environment's hatchling: see the module's docstring.
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def substitute(text: str, context: dict[str, str]) -> str:
    """Replace ``${{ name }}`` as GitHub does, for the plain names these files use."""

    def value(match: re.Match[str]) -> str:
        assert match[1] in context, f"no value for ${{{{ {match[1]} }}}}"
        return context[match[1]]

    return EXPRESSION.sub(value, text)


def run_shell(
    shell: list[str], script: str, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a script as GitHub runs a step: written to a file, run by ``shell`` with it."""
    path = cwd.parent / f"step-{abs(hash(script))}.sh"
    path.write_text(script, encoding="utf-8")
    return subprocess.run(
        [*shell, str(path)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@dataclass
class Job:
    """What a run of the steps left behind."""

    exit_code: int
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""
    summary: str = ""


def run_steps(
    steps: list[dict[str, Any]],
    shell: list[str],
    workspace: Path,
    env: dict[str, str],
    context: dict[str, str],
) -> Job:
    """Run the ``run:`` steps in order, as GitHub would; ``uses:`` steps are GitHub's own.

    A step without ``if: always()`` runs only while every step before it succeeded.
    """
    summary = workspace.parent / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    job = Job(exit_code=0)
    for index, step in enumerate(steps):
        if "run" not in step or job.exit_code != 0:
            continue
        output = workspace.parent / f"github-output-{index}"
        output.write_text("", encoding="utf-8")
        names = dict(context)
        for step_id, values in job.outputs.items():
            names.update({f"steps.{step_id}.outputs.{k}": v for k, v in values.items()})
        step_env = {
            **env,
            **{name: substitute(str(value), names) for name, value in step.get("env", {}).items()},
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
        }
        proc = run_shell(shell, substitute(step["run"], names), workspace, step_env)
        job.stdout += proc.stdout
        job.stderr += proc.stderr
        if "id" in step:
            lines = output.read_text(encoding="utf-8").splitlines()
            job.outputs[step["id"]] = dict(line.split("=", 1) for line in lines)
        job.exit_code = proc.returncode
    job.summary = summary.read_text(encoding="utf-8")
    return job


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository of an organisation: two years of submissions."""
    root = tmp_path / "workspace"
    (root / "submissions").mkdir(parents=True)
    shutil.copy(OLD, root / "submissions" / "2025-26.yaml")
    shutil.copy(NEW, root / "submissions" / "2026-27.yaml")
    shutil.copy(ASSURANCE, root / "submissions" / "2026-27-assurance.yaml")
    return root


def single_format(workspace: Path, *args: str) -> str:
    """What ``wcc assess`` prints alone, to compare with the reports of a CI run."""
    return subprocess.run(
        [sys.executable, "-m", "wcc_assess", "assess", *args],
        cwd=workspace,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    ).stdout


# The action ------------------------------------------------------------------------------

ACTION_SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]  # for `shell: bash`


@dataclass
class ActionRun:
    job: Job
    outputs: dict[str, str]


class ActionRunner:
    """Runs the action's steps with given inputs, as a runner of its own would.

    The first run installs wcc-assess with the action's install step; later runs of the
    same module reuse that installation, as the steps after it do.
    """

    def __init__(self, release: Path, folder: Path) -> None:
        self.release = release
        self.env = base_env(runner_venv(folder / "venv"), folder)
        self.action = load(ACTION)
        self.installed = False

    def __call__(self, workspace: Path, **inputs: str) -> ActionRun:
        spec = self.action["inputs"]
        values = {name: str(input.get("default", "")) for name, input in spec.items()}
        values.update({name.replace("_", "-"): value for name, value in inputs.items()})
        context = {f"inputs.{name}": value for name, value in values.items()}
        context["github.action_path"] = str(self.release)
        steps = self.action["runs"]["steps"]
        if self.installed:
            steps = [step for step in steps if step.get("name") != "Install wcc-assess"]
        job = run_steps(steps, ACTION_SHELL, workspace, self.env, context)
        self.installed = True
        names = {
            f"steps.{step}.outputs.{name}": value
            for step, values in job.outputs.items()
            for name, value in values.items()
        }
        outputs = {
            name: substitute(output["value"], names)
            for name, output in self.action["outputs"].items()
        }
        return ActionRun(job, outputs)


@pytest.fixture(scope="module")
def action_runner(release: Path, tmp_path_factory: pytest.TempPathFactory) -> ActionRunner:
    return ActionRunner(release, tmp_path_factory.mktemp("runner"))


@pytest.mark.slow
def test_action_installs_from_its_own_folder(
    action_runner: ActionRunner, workspace: Path, release: Path
) -> None:
    run = action_runner(workspace, submission="submissions/2025-26.yaml")
    assert run.job.exit_code == 0, run.job.stderr
    probe = subprocess.run(
        ["bash", "-c", "command -v wcc; python -c 'import wcc_assess; print(wcc_assess.__file__)'"],
        env=action_runner.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    wcc_script, module = probe
    runner_bin = action_runner.env["PATH"].split(os.pathsep)[0]
    assert Path(wcc_script).parent == Path(runner_bin)  # installed in the runner's Python
    assert "site-packages" in module and not module.startswith(str(ROOT))


@pytest.mark.slow
def test_action_passes_when_all_is_well(action_runner: ActionRunner, workspace: Path) -> None:
    run = action_runner(workspace, submission="submissions/2025-26.yaml")
    assert run.job.exit_code == 0, run.job.stderr
    assert run.outputs["exit-code"] == "0"
    markdown = (workspace / "wcc-report.md").read_text(encoding="utf-8")
    assert run.job.summary == markdown
    assert markdown == single_format(workspace, "submissions/2025-26.yaml", "-f", "markdown")
    assert (workspace / "wcc-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert "<failure" not in (workspace / "wcc-junit.xml").read_text(encoding="utf-8")
    assert run.job.stdout.startswith("::notice") or "::error" not in run.job.stdout


@pytest.mark.slow
def test_action_fails_on_a_regression_and_says_so_in_the_summary(
    action_runner: ActionRunner, workspace: Path
) -> None:
    (workspace / "out").mkdir()
    run = action_runner(
        workspace,
        submission="submissions/2026-27.yaml",
        baseline="submissions/2025-26.yaml",
        fail_on_regression="true",
        html_report="out/review.html",
        markdown_report="out/review.md",
        junit_report="out/review.xml",
    )
    assert run.job.exit_code == 1  # the last step fails with the assessment's exit code
    assert run.outputs == {
        "exit-code": "1",
        "markdown-report": "out/review.md",
        "html-report": "out/review.html",
        "junit-report": "out/review.xml",
    }
    # The summary is the Markdown report of this one grading, with the failed gates in it.
    markdown = (workspace / "out" / "review.md").read_text(encoding="utf-8")
    assert run.job.summary == markdown
    args = ["submissions/2026-27.yaml", "--baseline", "submissions/2025-26.yaml"]
    assert markdown == single_format(workspace, *args, "--fail-on-regression", "-f", "markdown")
    assert (
        "1 competency fell since 2025/26" in markdown
        and "9 of 11 competencies with a target meet it; 2 are below it" in markdown
    )
    annotations = run.job.stdout.splitlines()
    assert annotations[0].startswith("::error file=submissions/2026-27.yaml,line=")
    assert any("regression::C10" in line for line in annotations)
    junit = (workspace / "out" / "review.xml").read_text(encoding="utf-8")
    assert junit.count("<failure") == 2 and "C10" in junit
    assert (workspace / "out" / "review.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


@pytest.mark.slow
def test_action_fails_on_red_governance(action_runner: ActionRunner, workspace: Path) -> None:
    common = {"submission": "submissions/2026-27-assurance.yaml", "target": "1"}
    run = action_runner(workspace, **common)
    assert (run.outputs["exit-code"], run.job.exit_code) == ("0", 0), run.job.stderr
    run = action_runner(workspace, **common, fail_on_red="true", framework="wcc@2009")
    assert (run.outputs["exit-code"], run.job.exit_code) == ("1", 1)
    assert "1 governance area is red" in run.job.summary
    assert run.job.summary == (workspace / "wcc-report.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_action_annotates_an_invalid_submission(
    action_runner: ActionRunner, workspace: Path
) -> None:
    shutil.copy(INVALID, workspace / "submissions" / "draft.yaml")
    run = action_runner(workspace, submission="submissions/draft.yaml")
    assert (run.outputs["exit-code"], run.job.exit_code) == ("2", 2)
    assert run.job.stdout.startswith("::error file=submissions/draft.yaml,line=")
    assert "was not assessed (exit code 2)" in run.job.summary
    assert re.search(r"^submissions/draft\.yaml:\d+:\d+: ", run.job.summary, re.M)
    assert not (workspace / "wcc-report.html").exists()


@pytest.mark.slow
def test_action_usage_errors_reach_the_summary(
    action_runner: ActionRunner, workspace: Path
) -> None:
    run = action_runner(workspace, submission="submissions/2026-27.yaml", fail_on_regression="1")
    assert (run.outputs["exit-code"], run.job.exit_code) == ("2", 2)
    assert "--fail-on-regression needs --baseline" in run.job.summary


# The examples ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return runner_venv(tmp_path_factory.mktemp("example-runner") / "venv")


ASSURED = {
    "SUBMISSION": "submissions/2026-27-assurance.yaml",
    "TARGET": "1",
    "BASELINE": "",
    "FAIL_ON_REGRESSION": "false",
}


def git_url(release: Path) -> str:
    """The URL of the local release, in the form of the examples' one line to change."""
    return f"git+{release.as_uri()}@v{__version__}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, 1),  # as written: C11 below target, C10 fell since last year
        (
            {
                "SUBMISSION": "submissions/2025-26.yaml",
                "BASELINE": "",
                "FAIL_ON_REGRESSION": "false",
            },
            0,
        ),
    ],
    ids=["failing-gate", "passing"],
)
def test_github_workflow_example_runs(
    workspace: Path, release: Path, example_venv: Path, overrides: dict[str, str], expected: int
) -> None:
    job_spec = load(GITHUB_EXAMPLE)["jobs"]["annual-review"]
    env = {**base_env(example_venv, workspace.parent), **job_spec["env"]}
    env.update(WCC_ASSESS=git_url(release), **overrides)
    steps = job_spec["steps"]
    job = run_steps(steps, ["bash", "-e"], workspace, env, {})
    assert job.exit_code == expected, job.stderr
    assert job.outputs["assess"] == {"exit-code": str(expected)}
    assert (workspace / "report.html").exists() and "<testsuite" in (
        workspace / "report.xml"
    ).read_text(encoding="utf-8")
    assert job.summary == (workspace / "report.md").read_text(encoding="utf-8")
    if expected:
        assert "1 competency fell since 2025/26" in job.summary
    else:
        assert "❌" not in job.summary.splitlines()[2]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, 1),
        (
            {
                "SUBMISSION": "submissions/2025-26.yaml",
                "BASELINE": "",
                "FAIL_ON_REGRESSION": "false",
            },
            0,
        ),
        ({"BASELINE": "", "FAIL_ON_REGRESSION": "false", "TARGET": "1"}, 0),
        ({**ASSURED, "FAIL_ON_RED": "false"}, 0),
        (ASSURED, 1),
        ({**ASSURED, "FAIL_ON_REGRESSION": "true"}, 2),
    ],
    ids=["failing-gate", "passing", "target", "red-allowed", "red", "regression-without-baseline"],
)
def test_gitlab_job_example_runs(
    workspace: Path, release: Path, example_venv: Path, overrides: dict[str, str], expected: int
) -> None:
    job = load(GITLAB_EXAMPLE)["annual-review"]
    env = {**base_env(example_venv, workspace.parent), **job["variables"]}
    env.update(WCC_ASSESS=git_url(release), **overrides)
    # GitLab runs the script lines as one shell script that stops at the first failure.
    script = "set -eo pipefail\n" + "\n".join(job["script"]) + "\n"
    proc = run_shell(["bash"], script, workspace, env)
    assert proc.returncode == expected, proc.stderr
    if expected == 2:
        assert "--fail-on-regression needs --baseline" in proc.stderr
        return
    report = (workspace / "report.xml").read_text(encoding="utf-8")
    assert "<testsuite" in report and ("<failure" in report) == bool(expected)
    for name in job["artifacts"]["paths"]:
        assert (workspace / name).exists(), name
