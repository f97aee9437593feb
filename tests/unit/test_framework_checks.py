"""Framework linting: each error and warning of ``lint.problems()`` / ``lint.warnings()``,
located by ``check_framework`` at file:line:column."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINI
from wcc_assess.core import lint
from wcc_assess.io.frameworks import builtin_dir, builtin_ids
from wcc_assess.models.framework import Framework
from wcc_assess.usecases.frameworks import check_framework_file as check_framework

Write = Callable[..., Path]


def mini() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    return data


def messages(data: dict[str, Any], kind: str = "problems") -> list[tuple[str, str]]:
    framework = Framework.model_validate(data)
    found = lint.problems(framework) if kind == "problems" else lint.warnings(framework)
    return [(d.path, d.message) for d in found]


def test_mini_and_every_builtin_are_clean() -> None:
    assert messages(mini()) == [] and messages(mini(), "warnings") == []
    for framework_id in builtin_ids():
        result = check_framework(builtin_dir() / f"{framework_id}.yaml")
        assert result.framework is not None, framework_id
        assert result.diagnostics == [], (framework_id, result.diagnostics)


# Errors -------------------------------------------------------------------------------


def test_rule_at_lowest_level_is_an_error() -> None:
    data = mini()
    data["scoring"]["evidence"]["rules"].insert(0, {"level": 1, "min_items": 1})
    assert messages(data) == [
        (
            "scoring.evidence.rules.0.level",
            "a rule for the lowest level (1) has no effect: no claim can be capped below the "
            "bottom of the scale",
        )
    ]


def test_fewer_recent_items_at_a_higher_level_is_an_error() -> None:
    data = mini()
    data["scoring"]["evidence"]["rules"][2]["min_recent"] = 0
    assert messages(data) == [
        (
            "scoring.evidence.rules.2.min_recent",
            "a higher level cannot need fewer recent evidence items than a lower one",
        )
    ]


def test_duplicate_band_labels_ignore_case() -> None:
    data = mini()
    data["scoring"]["bands"][2]["label"] = "developing"
    assert messages(data) == [
        ("scoring.bands.2.label", "duplicate band label 'developing'"),
    ]


def test_duplicate_scale_labels() -> None:
    data = mini()
    data["scale"][3]["label"] = "Three"
    assert messages(data) == [("scale.3.label", "duplicate label 'Three'")]


@pytest.mark.parametrize("reserved", ["default", "not_assessed"])
def test_reserved_ids(reserved: str) -> None:
    data = mini()
    data["domains"][1]["id"] = reserved
    data["domains"][0]["indicators"][0]["id"] = reserved + "x"
    data["domains"][0]["indicators"][1]["id"] = reserved
    found = messages(data)
    assert (
        "domains.0.indicators.1.id",
        f"{reserved!r} cannot be an id: submissions use it as a keyword",
    ) in found
    assert ("domains.1.id", f"{reserved!r} cannot be an id: submissions use it as a keyword") in (
        found
    )


def test_structural_errors_are_located(write_yaml: Write) -> None:
    data = mini()
    data["scoring"]["bands"][3]["min_percent"] = 120
    data["domains"][0]["weight"] = 0
    data["domains"][1]["indicators"][0]["descriptors"].pop(3)
    path = write_yaml(data)
    result = check_framework(path)
    assert result.framework is None
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {d.path: d for d in result.errors}
    band = found["scoring.bands item 4.min_percent"]
    assert band.message == "120 is too large" and band.hint == "it must be at most 100"
    assert "min_percent: 120" in lines[(band.line or 0) - 1]
    weight = found["domains.A.weight"]
    assert weight.message == "0 is too small" and weight.hint == "it must be greater than 0"
    assert "weight: 0" in lines[(weight.line or 0) - 1]


def test_consistency_errors_are_located(write_yaml: Write) -> None:
    data = mini()
    data["domains"][1]["indicators"][0]["descriptors"].pop(3)
    data["domains"][1]["indicators"][1]["id"] = "A.2"
    path = write_yaml(data)
    result = check_framework(path)
    assert result.framework is None
    assert [(d.path, d.message, d.hint) for d in result.errors] == [
        (
            "domains.B.indicators.B.1.descriptors",
            "B.1 has no descriptor for level 3",
            "every level of the scale 1..4 needs one",
        ),
        (
            "domains.B.indicators.A.2.id",
            "duplicate id 'A.2'",
            "first used at domains.A.indicators.A.2",
        ),
    ]
    assert all(d.line and d.column and d.severity == "error" for d in result.errors)


def test_a_submission_is_not_a_framework(write_yaml: Write) -> None:
    path = write_yaml({"framework": "wcc", "organisation": {"name": "x", "code": "y"}})
    result = check_framework(path)
    assert [d.message for d in result.errors] == [
        "this is a submission, not a framework (it has no scale)"
    ]


def test_unreadable_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    result = check_framework(tmp_path / "missing.yaml")
    assert result.framework is None and [d.message for d in result.errors] == ["no such file"]


# Warnings -----------------------------------------------------------------------------


def test_indicator_outside_its_domain_prefix() -> None:
    data = mini()
    data["domains"][0]["indicators"][0]["id"] = "X1"
    data["domains"][1]["indicators"][0]["id"] = "Bx"  # no separator after the prefix
    assert messages(data, "warnings") == [
        ("domains.0.indicators.0.id", "indicator 'X1' does not start with its domain's id 'A'"),
        ("domains.1.indicators.0.id", "indicator 'Bx' does not start with its domain's id 'B'"),
    ]


def test_identical_descriptors_across_levels() -> None:
    data = mini()
    data["domains"][0]["indicators"][2]["descriptors"][3] = "  A3-1 "  # same text, spacing, case
    assert messages(data, "warnings") == [
        (
            "domains.0.indicators.2.descriptors.3",
            "A.3: the descriptor of level 3 is the same as that of level 1",
        ),
    ]


def test_rule_asking_for_nothing() -> None:
    data = mini()
    data["scoring"]["evidence"]["rules"][0]["min_items"] = 0
    assert messages(data, "warnings") == [
        (
            "scoring.evidence.rules.0",
            "the rule for level 2 asks for no evidence, so it has no effect",
        ),
    ]


def test_default_target_at_lowest_level() -> None:
    data = mini()
    data["scoring"]["default_target"] = 1
    assert [path for path, _ in messages(data, "warnings")] == ["scoring.default_target"]


def test_phase_on_some_domains_only() -> None:
    data = mini()
    data["domains"][0]["phase"] = "First"
    assert messages(data, "warnings") == [
        ("domains.1", "B has no phase, but other domains have one"),
    ]
    data["domains"][1]["phase"] = "Second"
    assert messages(data, "warnings") == []
    assert Framework.model_validate(data).domains[0].phase == "First"


def test_warnings_are_located_and_keep_the_framework(write_yaml: Write) -> None:
    data = copy.deepcopy(mini())
    data["domains"][0]["indicators"][0]["id"] = "X1"
    path = write_yaml(data)
    result = check_framework(path)
    assert result.framework is not None and result.errors == []
    [warning] = result.warnings
    assert warning.severity == "warning"
    assert path.read_text().splitlines()[(warning.line or 0) - 1].strip() == "- id: X1"
    assert warning.format().startswith(f"{path}:{warning.line}:{warning.column}: warning: ")


# Bands derived from domain levels (issue 13) ------------------------------------------


def _band_findings(bands: list[dict[str, Any]]) -> dict[str, tuple[str, str | None]]:
    data = mini()
    data["scoring"]["bands"] = bands
    framework = Framework.model_validate(data)
    return {d.path: (d.message, d.hint) for d in lint.lint(framework)}


def test_a_band_of_the_overall_percent_is_refused_with_the_rule_to_write() -> None:
    found = _band_findings(
        [{"label": "Weak", "min_percent": 0}, {"label": "Strong", "min_percent": 50}]
    )
    assert found["scoring.bands.1.min_percent"] == (
        "a band is derived from the domain levels, not from the overall percent",
        "replace min_percent with the rule it stands for, e.g. when: {level: 3, share: most, "
        "none_below: 2}",
    )
    assert "scoring.bands.0.min_percent" in found


def test_band_rules_present_on_the_scale_and_in_order() -> None:
    found = _band_findings(
        [
            {"label": "Weak", "meaning": "w", "when": {"level": 2}},
            {"label": "Fair", "meaning": "f"},
            {"label": "Good", "meaning": "g", "when": {"level": 5}},
            {"label": "Best", "meaning": "", "when": {"level": 3, "share": "all"}},
            {"label": "Odd", "meaning": "o", "when": {"level": 3, "share": "half"}},
        ]
    )
    assert found["scoring.bands.0.when"][0].startswith("the first band has no rule")
    assert found["scoring.bands.1"] == (
        "band 'Fair' has no rule",
        "say when it applies in domain levels, e.g. when: {level: 3, share: most}",
    )
    assert found["scoring.bands.2.when.level"] == ("5 is not on the scale", "the scale is 1..4")
    # "half at 3" holds where "every domain at 3" does not: the order would be wrong.
    message, hint = found["scoring.bands.4.when"]
    assert message == (
        "this rule holds where the rule of the band before it (scoring.bands.3) does not, "
        "e.g. for domain levels not assessed, 3"
    )
    assert hint == "order the bands from the least to the most demanding rule"
    assert found["scoring.bands.3.meaning"][0] == (
        "band 'Best' has no meaning: reports print it beside the band"
    )


def test_a_framework_without_bands_is_valid() -> None:
    data = mini()
    data["scoring"].pop("bands")
    framework = Framework.model_validate(data)
    assert [d for d in lint.lint(framework) if "bands" in d.path] == []
