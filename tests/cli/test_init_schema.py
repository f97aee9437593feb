"""``wcc init``: the schema line resolves from where the submission is, to a real schema."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import MINI

Wcc = Any


def schema_line(submission: Path) -> Path:
    """The file the submission's ``$schema`` line points at, resolved as an editor does."""
    first = submission.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    return submission.parent / unquote(match[1])


def comment_command(submission: Path) -> list[str]:
    text = submission.read_text(encoding="utf-8")
    match = re.search(
        r"^# Create the schema named above, in this file's folder: wcc (.*)$", text, re.M
    )
    assert match, text
    return shlex.split(match[1])


def assert_valid_schema(path: Path) -> dict[str, Any]:
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return dict(schema)


def rated(submission: Path) -> dict[str, Any]:
    text = submission.read_text(encoding="utf-8").replace(
        "      level:  # 1-4", "      level: 1  # 1-4"
    )
    data = yaml.safe_load(text)
    data["assessed_on"] = data["assessed_on"].isoformat()
    return dict(data)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of submissions, the current folder: submissions/ is one level down."""
    (tmp_path / "submissions").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_schema_beside_a_submission_in_a_folder(wcc: Wcc, repo: Path) -> None:
    run: Run = wcc(
        "init",
        *("--organisation", "NHS Test ICB", "--code", "QT1", "--period", "2026/27"),
        *("-o", "submissions/x.yaml", "--write-schema"),
    )
    assert run.exit_code == 0, run.stderr
    submission = repo / "submissions" / "x.yaml"
    target = schema_line(submission)
    assert target == repo / "submissions" / "wcc.schema.json"
    schema = assert_valid_schema(target)
    assert schema == json.loads(wcc("schema", "--framework", "wcc").stdout)
    # the blank's schema accepts it once every indicator is rated
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(rated(submission))) == []
    assert not (repo / "wcc.schema.json").exists()  # nothing in the current folder
    assert f"wrote {Path('submissions/wcc.schema.json')}" in run.stderr


def test_the_comments_command_writes_the_schema_where_the_line_points(
    wcc: Wcc, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = wcc("init", "-o", "submissions/x.yaml")
    assert run.exit_code == 0, run.stderr
    submission = repo / "submissions" / "x.yaml"
    target = schema_line(submission)
    assert not target.exists()
    # the comment's command, run in the submission's folder
    monkeypatch.chdir(submission.parent)
    assert wcc(*comment_command(submission)).exit_code == 0
    assert_valid_schema(target)


def test_the_hint_on_stderr_writes_the_schema_where_the_line_points(wcc: Wcc, repo: Path) -> None:
    run = wcc("init", "-o", "submissions/x.yaml")
    hint = re.search(r"write it with `wcc (.*?)`", run.stderr)
    assert hint, run.stderr
    assert wcc(*shlex.split(hint[1])).exit_code == 0  # run where `wcc init` ran
    assert_valid_schema(schema_line(repo / "submissions" / "x.yaml"))


def test_a_schema_elsewhere_is_named_relative_to_the_submission(wcc: Wcc, repo: Path) -> None:
    (repo / "schemas").mkdir()
    run = wcc(
        "init", "-o", "submissions/x.yaml", "--schema", "schemas/wcc.schema.json", "--write-schema"
    )
    assert run.exit_code == 0, run.stderr
    submission = repo / "submissions" / "x.yaml"
    assert submission.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/wcc.schema.json\n"
    )
    assert schema_line(submission).resolve() == (repo / "schemas" / "wcc.schema.json").resolve()
    assert_valid_schema(schema_line(submission))
    assert comment_command(submission)[-2:] == ["-o", "../schemas/wcc.schema.json"]


def test_a_framework_file_is_named_from_the_submissions_folder(
    wcc: Wcc, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "frameworks").mkdir()
    shutil.copy(MINI, repo / "frameworks" / "mini.yaml")
    run = wcc("init", "--framework", "frameworks/mini.yaml", "-o", "submissions/x.yaml")
    assert run.exit_code == 0, run.stderr
    submission = repo / "submissions" / "x.yaml"
    monkeypatch.chdir(submission.parent)
    command = comment_command(submission)
    assert command[:3] == ["schema", "--framework", "../frameworks/mini.yaml"]
    assert wcc(*command).exit_code == 0
    schema = assert_valid_schema(schema_line(submission))
    assert list(schema["properties"]["domains"]["properties"]) == ["A", "B"]


def test_a_different_schema_is_never_overwritten_without_force(wcc: Wcc, repo: Path) -> None:
    schema = repo / "submissions" / "wcc.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    run = wcc("init", "-o", "submissions/x.yaml", "--write-schema")
    assert run.exit_code == 2 and "already exists; pass --force" in run.stderr
    assert schema.read_text(encoding="utf-8") == "{}\n"
    assert not (repo / "submissions" / "x.yaml").exists()  # nothing written at all
    assert wcc("init", "-o", "submissions/x.yaml", "--write-schema", "--force").exit_code == 0
    assert_valid_schema(schema)


def test_an_identical_schema_is_left_alone(wcc: Wcc, repo: Path) -> None:
    assert wcc("init", "-o", "submissions/a.yaml", "--write-schema").exit_code == 0
    schema = repo / "submissions" / "wcc.schema.json"
    before = schema.stat().st_mtime_ns, schema.stat().st_ino
    run = wcc("init", "-o", "submissions/b.yaml", "--write-schema")
    assert run.exit_code == 0, run.stderr
    assert (schema.stat().st_mtime_ns, schema.stat().st_ino) == before


def test_the_schema_is_never_written_over_an_input(wcc: Wcc, repo: Path) -> None:
    framework = repo / "mini.yaml"
    shutil.copy(MINI, framework)
    before = framework.read_bytes()
    for args in (
        ("--schema", "mini.yaml", "-o", "submissions/x.yaml"),
        ("--schema", "submissions/x.yaml", "-o", "submissions/x.yaml"),
    ):
        run = wcc("init", "--framework", "mini.yaml", *args, "--write-schema", "--force")
        assert run.exit_code == 2, run.stderr
        assert "refusing to write" in run.stderr or "named for two reports" in run.stderr
    run = wcc("init", "--framework", "mini.yaml", "-o", "mini.yaml", "--force")
    assert run.exit_code == 2 and "refusing to write" in run.stderr
    assert framework.read_bytes() == before
    assert not (repo / "submissions" / "x.yaml").exists()
