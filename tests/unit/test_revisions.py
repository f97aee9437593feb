"""Framework revision declarations (`replaces:`): the model, its checks, the WCC fixture."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.annual_data import WCC_2010, framework_ids
from tests.conftest import MINI
from wcc_assess.errors import InputError
from wcc_assess.loading import load_framework
from wcc_assess.models.framework import Framework, Replaces

MINI_DATA: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))


def with_replaces(replaces: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINI_DATA)
    data["version"] = "2"
    data["replaces"] = replaces
    return data


def problems(replaces: Any) -> list[tuple[Any, str, str | None]]:
    return Framework.model_validate(with_replaces(replaces)).problems()


def test_targets_follow_the_map_and_default_to_the_same_id() -> None:
    replaces = Replaces(version="1", map={"A.1": "A.9", "A.2": ["A.2", "A.4"], "B.2": []})
    assert replaces.targets("A.1") == ["A.9"]
    assert replaces.targets("A.2") == ["A.2", "A.4"]
    assert replaces.targets("B.2") == []
    assert replaces.targets("B.1") == ["B.1"]


def test_a_sound_map_has_no_problems() -> None:
    assert (
        problems({"version": "1", "map": {"A.9": "A.1", "B.7": ["B.1", "B.2"], "Old": "A"}}) == []
    )


@pytest.mark.parametrize(
    ("replaces", "message", "hint"),
    [
        (
            {"version": "2"},
            "a framework cannot replace its own version '2'",
            "name the older version it revises",
        ),
        (
            {"version": "1", "map": {"X.1": "A.7"}},
            "X.1 maps to 'A.7', which is not a domain or indicator of mini@2",
            "did you mean A.3?",
        ),
        (
            {"version": "1", "map": {"X.1": ["A.1", "A.1"]}},
            "X.1 names the same new id more than once",
            None,
        ),
        (
            {"version": "1", "map": {"X": ["A", "A.1"]}},
            "X maps to both domains and indicators",
            "a domain maps to domains, an indicator to indicators",
        ),
    ],
)
def test_map_problems(replaces: Any, message: str, hint: str | None) -> None:
    found = problems(replaces)
    assert [(m, h) for _, m, h in found] == [(message, hint)]


@pytest.mark.parametrize(
    "replaces",
    [
        {"map": {"A.1": "A.2"}},  # no version
        {"version": "1", "map": {"A.1": 3}},  # not an id
        {"version": "1", "map": {"A.1": "A.2"}, "extra": True},
    ],
)
def test_the_shape_is_strict(replaces: Any) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Framework.model_validate(with_replaces(replaces))


def test_the_loader_locates_map_problems(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(with_replaces({"version": "1", "map": {"X.1": "A.7"}}))
    with pytest.raises(InputError) as caught:
        load_framework(path)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.path == "replaces.map.X.1"
    assert diagnostic.line is not None
    assert path.read_text().splitlines()[diagnostic.line - 1].strip() == "X.1: A.7"


def test_the_revised_wcc_fixture() -> None:
    revised = load_framework(WCC_2010)
    assert (revised.id, revised.version) == ("wcc", "2010")
    assert revised.replaces is not None and revised.replaces.version == "2009"
    old_ids = framework_ids()
    new_ids = framework_ids(WCC_2010)
    assert list(old_ids) == list(new_ids)  # the eleven competencies stay
    assert new_ids["C1"] == ["C1.1", "C1.2", "C1.3"]
    assert new_ids["C5"] == ["C5.1", "C5.2", "C5.3", "C5.4", "C5.5"]
    assert new_ids["C9"] == ["C9.1", "C9.2", "C9.3", "C9.4"]
    every_old = [i for ids in old_ids.values() for i in ids]
    carried = {old: revised.replaces.targets(old) for old in every_old}
    assert carried["C1.2"] == [] and carried["C1.3"] == ["C1.2"]
    assert carried["C5.2"] == ["C5.2", "C5.3"]
    assert carried["C9.1"] == carried["C9.2"] == ["C9.1"]
    every_new = {i for ids in new_ids.values() for i in ids}
    assert {t for targets in carried.values() for t in targets} == every_new - {"C9.3"}
