"""Finding and grading the files of a cohort (wcc_assess.usecases.cohort, io.paths)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINI, mini_submission
from wcc_assess.errors import InputError, UsageError
from wcc_assess.io.paths import expand_paths
from wcc_assess.models.cohort import InvalidSubmission, OrganisationSummary
from wcc_assess.usecases.cohort import (
    PARALLEL_MIN_FILES,
    GradeSettings,
    default_workers,
    grade_file,
    grade_files,
)
from wcc_assess.usecases.frameworks import load_framework_file as load_framework
from wcc_assess.usecases.submissions import load_submission

SETTINGS = GradeSettings(generated_at="2026-11-01T00:00:00Z", framework=load_framework(MINI))
Write = Callable[..., Path]


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_expand_files_folders_and_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in [
        "a/2.yaml",
        "a/1.yml",
        "a/sub/3.YAML",
        "a/notes.txt",
        "a/.hidden.yaml",
        "a/.git/x.yaml",
        "b/4.yaml",
        "c.json",
    ]:
        write(tmp_path / name, "x: 1\n")
    files, missing = expand_paths(
        ["a", "b/*.yaml", "a/1.yml", "c.json", "nope.yaml", "zz/*.yaml", "empty"]
    )
    assert [str(f) for f in files] == ["a/1.yml", "a/2.yaml", "a/sub/3.YAML", "b/4.yaml", "c.json"]
    assert [(m.file, m.errors[0].message) for m in missing] == [
        ("nope.yaml", "no such file or folder"),
        ("zz/*.yaml", "the pattern matches no file"),
        ("empty", "no such file or folder"),
    ]
    (tmp_path / "empty").mkdir()
    _, missing = expand_paths(["empty"])
    assert missing[0].errors[0].message == "the folder holds no .yaml, .yml, .xlsx or .xlsm file"
    files, _ = expand_paths(["**/*.yaml"])
    assert "a/sub/3.YAML" not in [str(f) for f in files]  # glob is case-sensitive
    with pytest.raises(UsageError, match="standard input"):
        expand_paths(["-"])


def test_a_valid_submission_becomes_a_summary(tmp_path: Path) -> None:
    path = write(tmp_path / "t.yaml", mini_submission())
    [summary] = grade_file(path, SETTINGS)
    assert isinstance(summary, OrganisationSummary)
    assert (summary.code, summary.score, summary.framework, summary.source) == (
        "T01",
        2.0,
        "mini@1",
        str(path),
    )


def test_an_invalid_submission_keeps_located_diagnostics(tmp_path: Path) -> None:
    data = mini_submission(A_1={"level": 7, "evidence": []})
    data["organisation"]["nmae"] = "typo"
    path = write(tmp_path / "bad.yaml", data)
    [invalid] = grade_file(path, SETTINGS)
    assert isinstance(invalid, InvalidSubmission)
    with pytest.raises(InputError) as caught:  # the same diagnostics as `wcc validate`
        load_submission(path, load_framework(MINI))
    assert invalid.errors == caught.value.diagnostics
    assert all(p.line is not None for p in invalid.errors)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("- just\n- a list\n", "the top level must be a mapping"),
        ("", "the file is empty"),
    ],
)
def test_unreadable_files_are_invalid_not_fatal(tmp_path: Path, text: str, message: str) -> None:
    [invalid] = grade_file(write(tmp_path / "x.yaml", text), SETTINGS)
    assert isinstance(invalid, InvalidSubmission)
    assert message in invalid.errors[0].message


def test_a_framework_file_is_not_a_submission() -> None:
    [invalid] = grade_file(MINI, SETTINGS)
    assert isinstance(invalid, InvalidSubmission)
    assert invalid.errors[0].message == "is a framework file, not a submission"


def test_a_target_off_the_scale_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "t.yaml", mini_submission())
    settings = GradeSettings(generated_at="x", framework=load_framework(MINI), target=9)
    [invalid] = grade_file(path, settings)
    assert isinstance(invalid, InvalidSubmission)
    assert invalid.errors[0].message == "--target 9 is not on the mini scale (1..4)"


def test_result_and_cohort_json_files_are_baselines(tmp_path: Path) -> None:
    from wcc_assess.core.cohort import CohortOptions, build_cohort

    path = write(tmp_path / "t.yaml", mini_submission())
    [summary] = grade_file(path, SETTINGS)
    assert isinstance(summary, OrganisationSummary)
    framework = load_framework(MINI)
    cohort = build_cohort([summary], framework, CohortOptions(generated_at="x"))
    cohort_json = write(tmp_path / "cohort.json", cohort.model_dump_json())
    [from_cohort] = grade_file(cohort_json, SETTINGS)
    assert from_cohort == summary

    from wcc_assess.core.scoring import ScoreOptions, score

    loaded = load_submission(path, framework)
    result = score(framework, loaded.submission, ScoreOptions(generated_at="x", source="t.yaml"))
    result_json = write(tmp_path / "result.json", result.model_dump_json())
    [from_result] = grade_file(result_json, SETTINGS)
    assert isinstance(from_result, OrganisationSummary)
    assert from_result.source == str(result_json) and from_result.score == 2.0

    [broken] = grade_file(write(tmp_path / "b.json", '{"a": \n'), SETTINGS)
    assert isinstance(broken, InvalidSubmission) and broken.errors[0].line == 2
    [other] = grade_file(write(tmp_path / "o.json", json.dumps({"a": 1})), SETTINGS)
    assert isinstance(other, InvalidSubmission)
    assert other.errors[0].message.startswith("is not a wcc-assess result")


def test_parallel_grading_gives_the_same_outcomes_in_order(tmp_path: Path) -> None:
    paths = []
    for index in range(30):
        data = mini_submission()
        data["organisation"] = {"name": f"Org {index}", "code": f"C{index:02d}"}
        if index % 7 == 3:
            data["domains"]["A"]["A.1"] = {"level": "high"}
        paths.append(write(tmp_path / f"{index:02d}.yaml", data))
    progress: list[int] = []
    parallel = grade_files(paths, SETTINGS, workers=2, on_progress=progress.append)
    assert parallel == grade_files(paths, SETTINGS, workers=1)
    assert sum(progress) == 30 and len(progress) > 1
    assert [type(g[0]).__name__ for g in parallel].count("InvalidSubmission") == 4


def test_default_workers() -> None:
    assert default_workers(PARALLEL_MIN_FILES - 1) == 1
    assert 1 <= default_workers(1000) <= 8


@pytest.mark.skipif(sys.platform != "linux", reason="workers inherit the patch only when forked")
def test_a_dying_worker_leaves_its_files_listed_not_a_hung_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wcc_assess.usecases.cohort as batch

    paths = [write(tmp_path / f"{index:02d}.yaml", mini_submission()) for index in range(12)]
    boom = tmp_path / "boom.yaml"
    write(boom, mini_submission())
    original = batch.grade_file

    def fragile(path: Path, settings: GradeSettings) -> list[Any]:
        if path.name == "boom.yaml":
            os._exit(3)  # as a crash in a C extension would
        return original(path, settings)

    monkeypatch.setattr(batch, "grade_file", fragile)
    outcomes = grade_files([*paths, boom], SETTINGS, workers=2)
    assert len(outcomes) == 13
    [last] = outcomes[-1]
    assert isinstance(last, InvalidSubmission)
    assert last.errors[0].message == (
        "not graded: the worker process grading it stopped unexpectedly"
    )


def test_a_json_list_is_not_a_baseline(tmp_path: Path) -> None:
    [other] = grade_file(write(tmp_path / "l.json", "[1, 2]"), SETTINGS)
    assert isinstance(other, InvalidSubmission)
    assert other.errors[0].message.startswith("is not a wcc-assess result")
