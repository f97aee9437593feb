"""The exported JSON Schemas: every example passes its framework's schema, known-bad
submissions fail it, and the result schema describes real results."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import EXAMPLES, MINI, evidence, mini_submission
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.errors import InputError, dotted
from wcc_assess.io.frameworks import builtin_ids
from wcc_assess.io.yamlsafe import Document, parse_yaml
from wcc_assess.models.result import RESULT_SCHEMA_VERSION
from wcc_assess.render.schema import (
    SCHEMA_DIALECT,
    period_pattern,
    result_schema,
    submission_schema,
)
from wcc_assess.usecases.frameworks import load_framework_file as load_framework
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import submission_from_document

VALID = sorted(EXAMPLES.glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def jsonable(value: Any) -> Any:
    """YAML data as a YAML language server sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(data: dict[str, Any], framework_spec: str) -> list[str]:
    schema = submission_schema(resolve_framework(framework_spec))
    found = validator(schema).iter_errors(jsonable(data))
    return sorted("/".join(map(str, error.absolute_path)) for error in found)


def framework_of(path: Path) -> str:
    document = parse_yaml(path.read_text(encoding="utf-8"))
    return str(document.data["framework"]).partition("@")[0]


def test_there_are_examples_for_every_builtin_framework() -> None:
    assert {framework_of(path) for path in VALID} == set(builtin_ids())
    assert INVALID


@pytest.mark.parametrize("framework_id", builtin_ids())
def test_schema_is_valid_2020_12_and_draft_07(framework_id: str) -> None:
    schema = submission_schema(resolve_framework(framework_id))
    assert schema["$schema"] == SCHEMA_DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)  # what most YAML language servers run


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_example_passes_its_schema(path: Path) -> None:
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    assert schema_errors(data, framework_of(path)) == []
    # draft-07 validators accept it too
    schema = submission_schema(resolve_framework(framework_of(path)))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(jsonable(data))) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_invalid_example_fails_its_schema(path: Path) -> None:
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    assert schema_errors(data, framework_of(path)) != []


def test_invalid_examples_fail_the_schema_where_validate_does() -> None:
    for path in INVALID:
        document = parse_yaml(path.read_text(encoding="utf-8"))
        schema = submission_schema(resolve_framework(framework_of(path)))
        flagged = {
            ".".join(map(str, error.absolute_path))
            for error in validator(schema).iter_errors(jsonable(document.data))
        }
        with pytest.raises(InputError) as caught:
            submission_from_document(document, path.name)
        for diagnostic in caught.value.diagnostics:
            if not diagnostic.is_error:  # a summary line, at no path
                continue
            where = dotted(diagnostic.loc)  # the path as the model walks it (indexes)
            assert any(
                where == seen or where.startswith(seen + ".") or seen.startswith(where + ".")
                for seen in flagged
            ), (path.name, where, sorted(flagged))


def _mini_schema_errors(data: dict[str, Any]) -> list[str]:
    schema = submission_schema(load_framework(MINI))
    found = validator(schema).iter_errors(jsonable(data))
    return sorted("/".join(map(str, error.absolute_path)) for error in found)


def _loader_rejects(data: dict[str, Any]) -> bool:
    document = Document(data=data)
    try:
        submission_from_document(document, "case.yaml", load_framework(MINI))
    except InputError:
        return True
    return False


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, last = path.split("/")
    target = data
    for part in parents:
        target = target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return data


_DELETE = object()

BAD_CASES: dict[str, tuple[str, Any, str]] = {
    "level above the scale": ("domains/A/A.1/level", 5, "domains/A/A.1/level"),
    "level below the scale": ("domains/A/A.1/level", 0, "domains/A/A.1/level"),
    "level as text": ("domains/A/A.1/level", "three", "domains/A/A.1/level"),
    "unknown indicator": ("domains/A/A.9", {"level": 1}, "domains/A"),
    "unknown domain": ("domains/Z", {"not_assessed": "x"}, "domains"),
    "missing indicator": ("domains/B/B.2", _DELETE, "domains/B"),
    "missing domain": ("domains/B", _DELETE, "domains"),
    "empty reason": ("domains/A/A.1", {"not_assessed": ""}, "domains/A/A.1/not_assessed"),
    "blank reason": ("domains/A/A.1", {"not_assessed": "   "}, "domains/A/A.1/not_assessed"),
    "domain with no reason": ("domains/B", {"not_assessed": None}, "domains/B/not_assessed"),
    "domain with an empty reason": ("domains/B", {"not_assessed": ""}, "domains/B/not_assessed"),
    "reason and level": ("domains/A/A.1", {"not_assessed": "x", "level": 2}, "domains/A/A.1/level"),
    "no level and no reason": ("domains/A/A.1", {"narrative": "n"}, "domains/A/A.1"),
    "domain skipped and rated": (
        "domains/B",
        {"not_assessed": "x", "B.1": {"level": 1}, "B.2": {"level": 1}},
        "domains/B",
    ),
    "unknown indicator field": ("domains/A/A.1/narative", "typo", "domains/A/A.1"),
    "evidence without a date": (
        "domains/A/A.1/evidence",
        [{"title": "t", "ref": "r"}],
        "domains/A/A.1/evidence/0",
    ),
    "impossible date": (
        "domains/A/A.1/evidence",
        [{"title": "t", "ref": "r", "date": "2026-02-30"}],
        "domains/A/A.1/evidence/0/date",
    ),
    "not a financial year": ("period", "2026/28", "period"),
    "target off the scale": ("targets", {"default": 7}, "targets/default"),
    "target for an unknown domain": ("targets", {"Q": 2}, "targets"),
    "wrong framework": ("framework", "wcc", "framework"),
    "wrong version pin": ("framework", "mini@2", "framework"),
    "numeric organisation code": ("organisation/code", 123, "organisation/code"),
    "panel level off the scale": ("domains/A/A.1/panel_level", 9, "domains/A/A.1/panel_level"),
}


def test_mini_base_case_is_valid_for_both() -> None:
    base = mini_submission()
    assert _mini_schema_errors(base) == [] and not _loader_rejects(base)


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_cases_fail_the_schema_and_the_loader(case: str) -> None:
    where, value, flagged = BAD_CASES[case]
    data = _set(mini_submission(), where, value)
    errors = _mini_schema_errors(data)
    assert flagged in errors, errors
    assert _loader_rejects(data)


@pytest.mark.parametrize(
    ("good", "change"),
    [
        ("skipped indicator", ("domains/A/A.1", {"not_assessed": "merging", "narrative": "n"})),
        ("skipped domain", ("domains/B", {"not_assessed": "deferred"})),
        (
            "panel moderation",
            (
                "domains/A/A.1",
                {"level": 3, "panel_level": 2, "panel_note": "thin", "evidence": evidence(2)},
            ),
        ),
        ("pinned framework", ("framework", "mini@1")),
        ("targets", ("targets", {"default": 2, "B": 3})),
        ("assessors", ("assessors", [{"name": "A B", "role": None}, {"name": "C"}])),
        ("turn of the century", ("period", "1999/00")),
    ],
)
def test_good_variants_pass_both(good: str, change: tuple[str, Any]) -> None:
    data = _set(mini_submission(), *change)
    assert _mini_schema_errors(data) == [] and not _loader_rejects(data)


def test_schema_content_for_an_indicator() -> None:
    schema = submission_schema(resolve_framework("wcc"))
    domains = schema["properties"]["domains"]
    assert domains["required"] == [f"C{i}" for i in range(1, 12)]
    assert domains["additionalProperties"] is False
    c4 = domains["properties"]["C4"]
    assert c4["additionalProperties"] is False and c4["title"] == "C4 Collaborate with clinicians"
    indicator = c4["properties"]["C4.2"]
    level = indicator["properties"]["level"]
    assert (level["minimum"], level["maximum"]) == (1, 4)
    framework = resolve_framework("wcc")
    descriptor = framework.domain("C4").indicators[1].descriptors[4]
    assert f"4 World class: {descriptor}" in level["description"]
    assert indicator["title"].startswith("C4.2 ")
    assert schema["properties"]["framework"]["enum"] == ["wcc", "wcc@2009"]
    assert schema["properties"]["assessed_on"]["format"] == "date"
    assert schema["$defs"]["evidence"]["properties"]["date"]["format"] == "date"
    assert set(schema["properties"]["targets"]["properties"]) == {
        "default",
        *(f"C{i}" for i in range(1, 12)),
    }


def test_phase_appears_in_domain_titles() -> None:
    schema = submission_schema(resolve_framework("bs11000"))
    titles = [d["title"] for d in schema["properties"]["domains"]["properties"].values()]
    assert titles[0] == "S1 Awareness (Strategic)"
    assert titles[-1] == "S8 Exit strategy (Management)"


def test_period_pattern_matches_exactly_the_financial_years() -> None:
    pattern = re.compile(period_pattern())
    for start in range(1990, 2110):
        assert pattern.match(f"{start}/{(start + 1) % 100:02d}")
        assert not pattern.match(f"{start}/{(start + 2) % 100:02d}")
    assert not pattern.match("2026-27") and not pattern.match("2026/027")


def test_schema_is_deterministic_json() -> None:
    framework = resolve_framework("wcc")
    first = json.dumps(submission_schema(framework))
    assert first == json.dumps(submission_schema(framework))


# The result schema ----------------------------------------------------------------------


def test_result_schema_header() -> None:
    schema = result_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["title"] == "wcc-assess result"
    assert f"schema_version {RESULT_SCHEMA_VERSION}" in schema["description"]
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_every_example_result_matches_the_result_schema(path: Path) -> None:
    document = parse_yaml(path.read_text(encoding="utf-8"))
    loaded = submission_from_document(document, path.name)
    result = score(
        loaded.framework,
        loaded.submission,
        ScoreOptions(generated_at="2026-01-01T00:00:00Z", source=path.name),
    )
    as_json = json.loads(result.model_dump_json())
    assert list(validator(result_schema()).iter_errors(as_json)) == []
    broken = copy.deepcopy(as_json)
    broken["domains"][0]["surprise"] = True
    assert list(validator(result_schema()).iter_errors(broken)) != []
