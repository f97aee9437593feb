"""Reading earlier assessments: result files are checked against the model and its version."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI, mini_submission
from wcc_assess.errors import InputError
from wcc_assess.io.results import result_from_json
from wcc_assess.models.result import RESULT_SCHEMA_VERSION, Result
from wcc_assess.usecases.assess import grade
from wcc_assess.usecases.assess import load_earlier as load_assessment
from wcc_assess.usecases.frameworks import load_framework_file as load_framework
from wcc_assess.usecases.submissions import load_submission

Write = Callable[..., Path]
STAMP = "2026-01-01T00:00:00Z"


@pytest.fixture
def mini_result(write_yaml: Write) -> Result:
    path = write_yaml(mini_submission(), name="mini.yaml")
    return load_assessment(path, generated_at=STAMP, frameworks=[load_framework(MINI)])


def errors_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        result_from_json(text, "last.json")
    return [d.format() for d in caught.value.diagnostics]


def test_a_submission_is_scored_with_source_lines(mini_result: Result) -> None:
    assert mini_result.source.endswith("mini.yaml")
    assert mini_result.schema_version == RESULT_SCHEMA_VERSION == "1.8"
    lines = Path(mini_result.source).read_text(encoding="utf-8").splitlines()
    a = mini_result.domain("A")
    assert a.line is not None and a.indicators[0].line is not None
    assert lines[a.line - 1] == "  A:"
    assert lines[a.indicators[0].line - 1] == "    A.1:"


def test_a_result_file_round_trips(mini_result: Result) -> None:
    again = result_from_json(mini_result.model_dump_json(), "last.json")
    assert again == mini_result


def test_a_schema_1_0_result_is_read(mini_result: Result) -> None:
    data: dict[str, Any] = json.loads(mini_result.model_dump_json(exclude_none=True))
    data["schema_version"] = "1.0"
    for domain in data["domains"]:
        domain.pop("line", None)
        for indicator in domain["indicators"]:
            indicator.pop("line", None)
    assert result_from_json(json.dumps(data), "old.json").domain("A").line is None


def test_the_loader_tells_json_from_yaml(mini_result: Result, tmp_path: Path) -> None:
    path = tmp_path / "result.txt"
    path.write_text(mini_result.model_dump_json(indent=2), encoding="utf-8")
    assert load_assessment(path, generated_at=STAMP) == mini_result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"schema_version": "1.1",',
            "last.json:1:26: error: not valid JSON: Expecting "
            "property name enclosed in double quotes (pass a result written by `wcc assess "
            "--format json`, or the submission YAML file itself)",
        ),
        (
            '{"framework": "wcc"}',
            "last.json: error: is not a wcc-assess result (it has no schema_version)",
        ),
        ("[1, 2]", "last.json: error: is not a wcc-assess result (it has no schema_version)"),
        (
            '{"schema_version": "2.0"}',
            "last.json: error: the result has schema version '2.0', "
            "but this wcc-assess reads results of schema 1.x (re-run that assessment with this "
            "version of wcc-assess, or pass its submission YAML file instead)",
        ),
        (
            '{"schema_version": "1.9"}',
            "last.json: error: the result has schema version 1.9, "
            "newer than this wcc-assess's 1.8 (upgrade wcc-assess, or pass the submission YAML "
            "file instead)",
        ),
        ('{"schema_version": "one"}', "last.json: error: the result has schema version 'one'"),
    ],
)
def test_bad_result_files(text: str, expected: str) -> None:
    [message] = errors_of(text)
    assert message.startswith(expected)


def test_a_damaged_result_lists_every_field(mini_result: Result) -> None:
    data = json.loads(mini_result.model_dump_json())
    del data["period"]
    data["overall"]["score"] = "high"
    messages = errors_of(json.dumps(data))
    assert any("overall.score" in m for m in messages)
    # the field, the file and the reason are all in our words
    assert any(m.startswith("last.json: error: the field 'period' is required") for m in messages)
    assert not any("Input should be" in m or "Field required" in m for m in messages)


def test_a_framework_file_is_not_a_baseline() -> None:
    with pytest.raises(InputError, match="is a framework file, not a submission or a result"):
        load_assessment(MINI, generated_at=STAMP)


def test_source_lines_fall_back_to_the_domain(write_yaml: Write) -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "later"}
    path = write_yaml(data)
    loaded = load_submission(path, load_framework(MINI))
    located = grade(loaded, generated_at=STAMP)  # scored with the source lines, in one pass
    b = located.domain("B")
    assert b.line is not None and {i.line for i in b.indicators} == {b.line}
