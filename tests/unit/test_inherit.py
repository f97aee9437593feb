"""A framework written as changes to another (``extends:``): the merge rules, located errors,
cycles, and what ``wcc frameworks check`` says of an extending file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MINI
from wcc_assess.errors import InputError
from wcc_assess.io.inherit import merge
from wcc_assess.io.yamlsafe import parse_yaml
from wcc_assess.models.framework import Framework
from wcc_assess.usecases.frameworks import check_framework_file, load_framework_file

BASE: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))


def merged(text: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """Merge ``text`` (an extending file) over the mini framework's data."""
    result = merge(BASE, parse_yaml(text), "mini@1")
    problems = [f"{d.path}: {d.message}" for d in result.problems]
    warnings = [f"{d.path}: {d.message}" for d in result.warnings]
    return result.document.data, problems, warnings


HEAD = 'schema_version: 1\nid: mini\nversion: "2"\nextends: mini@1\n'


def test_mappings_merge_key_by_key_and_null_removes() -> None:
    data, problems, _ = merged(
        HEAD + "scoring:\n  method: mean\n  default_target: 2\ntitle: Mini, second\n"
    )
    assert problems == []
    assert data["scoring"]["method"] == "mean" and data["scoring"]["default_target"] == 2
    assert data["scoring"]["bands"] == BASE["scoring"]["bands"]  # untouched, inherited
    assert data["title"] == "Mini, second" and data["publisher"] == BASE["publisher"]
    data, _, _ = merged(HEAD + "scoring:\n  evidence: null\n")
    assert "evidence" not in data["scoring"]  # the model's default then applies


def test_lists_with_ids_change_add_and_remove_by_id() -> None:
    data, problems, _ = merged(
        HEAD
        + """
domains:
  - id: A
    statement: Changed.
    indicators:
      - id: A.2
        descriptors: {4: a2-4 changed}
      - {id: A.3, remove: true}
      - {id: A.9, add: true, after: A.1, title: New, descriptors: {1: x, 2: y, 3: z, 4: w}}
  - id: C
    add: true
    title: Gamma
    statement: A third domain.
    indicators: [{id: C.1, title: Gamma one, descriptors: {1: a, 2: b, 3: c, 4: d}}]
"""
    )
    assert problems == []
    assert [d["id"] for d in data["domains"]] == ["A", "B", "C"]
    alpha = data["domains"][0]
    assert alpha["statement"] == "Changed." and alpha["title"] == "Alpha"
    assert [i["id"] for i in alpha["indicators"]] == ["A.1", "A.9", "A.2"]
    a2 = alpha["indicators"][2]
    assert a2["descriptors"] == {1: "a2-1", 2: "a2-2", 3: "a2-3", 4: "a2-4 changed"}
    assert a2["weight"] == 3  # inherited
    assert "add" not in alpha["indicators"][1] and "after" not in alpha["indicators"][1]
    Framework.model_validate(data)  # the merge is a valid framework


def test_other_lists_and_scalars_replace_the_base() -> None:
    data, _, _ = merged(HEAD + "scale:\n  - {level: 1, label: Low, meaning: low}\n")
    assert data["scale"] == [{"level": 1, "label": "Low", "meaning": "low"}]


def test_version_replaces_and_periods_are_never_inherited() -> None:
    base = {**BASE, "replaces": {"version": "0"}, "periods": {"first": "2009/10"}}
    result = merge(base, parse_yaml(HEAD), "mini@1")
    assert result.document.data["version"] == "2"
    assert "replaces" not in result.document.data and "periods" not in result.document.data
    result = merge(base, parse_yaml("extends: mini@1\nid: mini\n"), "mini@1")
    assert "version" not in result.document.data  # so the model asks for one


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "domains:\n  - id: Z\n    title: Zed\n",
            "domains.0.id: cannot change 'Z': mini@1 has no such entry in domains",
        ),
        (
            "domains:\n  - {id: Z, remove: true}\n",
            "domains.0.id: cannot remove 'Z': mini@1 has no such entry in domains",
        ),
        (
            "domains:\n  - {id: A, add: true, title: again}\n",
            "domains.0.add: A is already in mini@1",
        ),
        (
            "domains:\n  - {id: A, remove: true, title: gone}\n",
            "domains.0: A is removed, so it takes no other fields",
        ),
        (
            "domains:\n  - {id: C, add: true, after: Q}\n",
            "domains.0.after: 'Q' is not in mini@1 (nor added before this entry)",
        ),
        (
            "domains:\n  - {id: A, title: one}\n  - {id: A, title: two}\n",
            "domains.1.id: A is changed twice",
        ),
        (
            "domains:\n  - title: no id\n",
            "domains.0: an entry of a list with ids must give the id of what it changes",
        ),
        ("domains:\n  - {id: A, after: B}\n", "domains.0.after: after places a new entry"),
    ],
)
def test_changes_that_name_nothing_are_errors(change: str, expected: str) -> None:
    _, problems, _ = merged(HEAD + change)
    assert len(problems) == 1 and problems[0].startswith(expected)


def test_a_change_that_changes_nothing_is_a_warning() -> None:
    _, problems, warnings = merged(HEAD + "title: Mini test framework\n")
    assert problems == []
    assert warnings == ["title: the same value as in mini@1, so this changes nothing"]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_errors_are_located_in_the_extending_file(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", MINI.read_text(encoding="utf-8"))
    path = write(
        tmp_path,
        "child.yaml",
        f'schema_version: 1\nid: mini\nversion: "2"\nextends: {base.name}\n'
        "domains:\n  - id: A\n    indicators:\n      - id: A.7\n        title: x\n",
    )
    with pytest.raises(InputError) as caught:
        load_framework_file(path)
    [problem] = caught.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (str(path), 8, 13)
    assert "cannot change 'A.7'" in problem.message and "To add a new one, give it add: true." in (
        problem.hint or ""
    )


def test_a_problem_of_the_merged_framework_is_located_where_the_change_is(
    tmp_path: Path,
) -> None:
    base = write(tmp_path, "base.yaml", MINI.read_text(encoding="utf-8"))
    path = write(
        tmp_path,
        "child.yaml",
        f'schema_version: 1\nid: mini\nversion: "2"\nextends: {base.name}\n'
        "domains:\n  - id: B\n    weight: -1\n",
    )
    check = check_framework_file(path)
    [error] = check.errors
    assert (error.line, error.path) == (7, "domains.B.weight")


def test_unknown_bases_and_cycles_are_located_at_extends(tmp_path: Path) -> None:
    head = 'schema_version: 1\nid: x\nversion: "1"\n'
    unknown = write(tmp_path, "u.yaml", head + "extends: wcc@1999\n")
    [error] = check_framework_file(unknown).errors
    assert (error.line, error.path) == (4, "extends")
    assert "'wcc' is built in at versions '2009', '2008', not '1999'" in error.message
    unpinned = write(tmp_path, "p.yaml", head + "extends: wcc\n")
    [error] = check_framework_file(unpinned).errors
    assert "without a version; pin it, e.g. extends: wcc@2009" in error.message
    write(tmp_path, "a.yaml", head + "extends: b.yaml\n")
    write(tmp_path, "b.yaml", head + "extends: a.yaml\n")
    [error] = check_framework_file(tmp_path / "a.yaml").errors
    assert error.line == 4 and "a cycle of extends" in error.message
    itself = write(tmp_path, "self.yaml", head + "extends: self.yaml\n")
    [error] = check_framework_file(itself).errors
    assert "a cycle of extends" in error.message


def test_an_extending_file_of_a_builtin_framework_checks_clean(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "local.yaml",
        'schema_version: 1\nid: wcc-local\nversion: "1"\nextends: wcc@2009\n'
        "scoring:\n  default_target: 2\n",
    )
    check = check_framework_file(path)
    assert check.errors == [] and check.warnings == []
    framework = load_framework_file(path)
    assert framework.extends == "wcc@2009" and framework.scoring.default_target == 2
    assert framework.replaces is None  # wcc@2009's revision map is its own
    assert len(framework.domains) == 11


def _direct(changes: dict[str, str], removed: set[str]) -> dict[str, Any]:
    """The mini framework edited in place: the descriptors changed, the indicators removed."""
    import copy

    data = copy.deepcopy(BASE)
    data["version"] = "2"
    data["extends"] = "mini@1"
    for domain in data["domains"]:
        domain["indicators"] = [i for i in domain["indicators"] if i["id"] not in removed]
        for indicator in domain["indicators"]:
            if indicator["id"] in changes:
                indicator["descriptors"][4] = changes[indicator["id"]]
    return data


INDICATORS = [i["id"] for d in BASE["domains"] for i in d["indicators"]]


@given(
    changes=st.dictionaries(
        st.sampled_from(INDICATORS), st.text(alphabet="abcdefgh ", min_size=1, max_size=12)
    ),
    removed=st.sets(st.sampled_from(INDICATORS)),
)
@settings(max_examples=60, deadline=None)
def test_a_merge_is_the_same_as_editing_the_base(
    changes: dict[str, str], removed: set[str]
) -> None:
    """Whatever an extending file changes and removes, the merge equals the base edited so."""
    domains = []
    for domain in BASE["domains"]:
        entries: list[dict[str, Any]] = []
        for indicator in domain["indicators"]:
            if indicator["id"] in removed:
                entries.append({"id": indicator["id"], "remove": True})
            elif indicator["id"] in changes:
                entries.append(
                    {"id": indicator["id"], "descriptors": {4: changes[indicator["id"]]}}
                )
        if entries:
            domains.append({"id": domain["id"], "indicators": entries})
    text = yaml.safe_dump({**yaml.safe_load(HEAD), "domains": domains})
    data, problems, _ = merged(text)
    assert problems == []
    expected = _direct({k: v for k, v in changes.items() if k not in removed}, removed)
    assert data == expected
