"""Bad panel, governance and outcome sections: every error named at file:line:column."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, MINI
from wcc_assess.errors import InputError
from wcc_assess.io.yamlsafe import parse_yaml, parse_yaml_data
from wcc_assess.models.framework import Framework
from wcc_assess.usecases.frameworks import framework_from_document
from wcc_assess.usecases.frameworks import load_framework_file as load_framework
from wcc_assess.usecases.submissions import load_submission

Write = Callable[..., Path]
MINI_ASSURANCE = DATA / "frameworks" / "mini-assurance.yaml"

HEAD = """\
framework: mini-assurance
organisation: {name: Test ICB, code: T01}
period: 2026/27
assessed_on: 2026-10-01
domains:
  A:
    A.1: {level: 1}
    A.2: {level: 1}
    A.3: {level: 1}
  B:
    B.1: {level: 1}
    B.2: {level: 1}
"""  # 12 lines: whatever follows starts on line 13

GOOD_GOVERNANCE = """\
governance:
  G:
    G.1: {rating: green}
    G.2: {rating: amber}
  H:
    H.1: {rating: red}
    H.2: {rating: green}
    H.3: {not_assessed: "post vacant"}
"""

GOOD_OUTCOMES = """\
outcomes:
  - id: le
    name: Life expectancy
    unit: years
    better: higher
    baseline: {period: 2023/24, value: 80.1}
    trajectory: {2024/25: 80.3, 2025/26: 80.5}
    actuals: {2024/25: 80.2}
  - id: gap
    name: Inequality gap
    unit: years
    better: lower
    baseline: {period: 2023/24, value: 9.8}
    trajectory: {2024/25: 9.6}
"""


@pytest.fixture
def framework() -> Framework:
    return load_framework(MINI_ASSURANCE)


def errors(path: Path, framework: Framework) -> list[str]:
    """Return each diagnostic as ``line:column path: message (hint)``."""
    with pytest.raises(InputError) as caught:
        load_submission(path, framework)
    found = []
    for d in caught.value.diagnostics:
        assert d.file == str(path)
        found.append(
            f"{d.line}:{d.column} {d.path}: {d.message}" + (f" ({d.hint})" if d.hint else "")
        )
    return found


def test_good_sections_load(write_yaml: Write, framework: Framework) -> None:
    panel = "panel:\n  date: 2026-11-18\n  members:\n    - {name: A, role: clinician}\n"
    loaded = load_submission(write_yaml(HEAD + panel + GOOD_GOVERNANCE + GOOD_OUTCOMES), framework)
    submission = loaded.submission
    assert submission.panel is not None and submission.panel.members[0].role == "clinician"
    assert submission.governance is not None
    assert submission.governance["H"].sub_indicators["H.3"].not_assessed == "post vacant"
    assert submission.outcomes is not None and [m.id for m in submission.outcomes] == ["le", "gap"]


def test_governance_errors(write_yaml: Write, framework: Framework) -> None:
    text = (
        HEAD
        + """\
governance:
  G:
    G.1: {rating: yellow}
    G.3: {rating: green}
    H.2: {rating: green}
  H:
    H.1: {rating: Green}
    H.3: {rating: red, not_assessed: "why"}
  Board:
    B.1: {rating: red}
"""
    )
    assert errors(write_yaml(text), framework) == [
        "14:3 governance.G: sub-indicator G.2 (Gee two) is missing (rate it red, amber or "
        'green, or skip it with G.2: {not_assessed: "<reason>"})',
        "15:19 governance.G.G.1.rating: expected 'red', 'amber' or 'green', got 'yellow'",
        "16:10 governance.G.G.3: unknown sub-indicator 'G.3' in G (did you mean G.2?)",
        "17:10 governance.G.H.2: unknown sub-indicator 'H.2' in G (H.2 belongs to H, not G)",
        "18:3 governance.H: sub-indicator H.2 (Aitch two) is missing (rate it red, amber or "
        'green, or skip it with H.2: {not_assessed: "<reason>"})',
        "19:19 governance.H.H.1.rating: expected 'red', 'amber' or 'green', got 'Green' "
        "(write it as green)",
        "20:10 governance.H.H.3: a sub-indicator is either rated or not_assessed, not both",
        "21:3 governance.Board: unknown governance area 'Board' (expected one of G, H)",
    ]


def test_governance_section_must_name_every_area(write_yaml: Write, framework: Framework) -> None:
    text = HEAD + "governance:\n  G: {G.1: {rating: green}, G.2: {}}\n"
    assert errors(write_yaml(text), framework) == [
        "13:1 governance: governance area H (Aitch) is missing (add it, or skip it with H: "
        '{not_assessed: "<reason>"})',
        "14:34 governance.G.G.2: rating is required: add `rating:` under the sub-indicator "
        '(rate it red, amber or green, or skip it with not_assessed: "<reason>")',
    ]


def test_governance_against_a_framework_without_it(write_yaml: Write) -> None:
    text = HEAD.replace("mini-assurance", "mini") + GOOD_GOVERNANCE
    assert errors(write_yaml(text), load_framework(MINI)) == [
        "13:1 governance: framework mini@1 has no governance areas to rate (remove the "
        "governance section, or use a framework that has governance)",
    ]


def test_outcome_errors(write_yaml: Write, framework: Framework) -> None:
    text = (
        HEAD
        + """\
outcomes:
  - id: le
    name: Life expectancy
    unit: years
    better: lower
    baseline: {period: 2024/25, value: 80.1}
    trajectory: {2024/25: 80.3, 2025/26: high, 2025/2026: 80.4}
    actuals: {2026/27: 80.2, 2027/28: 80.0}
  - id: le
    name: Duplicate
    unit: years
    better: up
    baseline: {period: 2027/28, value: 1}
    trajectory: {2028/29: 2}
"""
    )
    assert errors(write_yaml(text), framework) == [
        "13:1 outcomes: mini-assurance requires the outcome measure gap (Inequality gap), "
        "which is missing (add a measure with id: gap)",
        "17:13 outcomes item 1.better: le is better when higher, as mini-assurance defines it "
        "(better: higher)",
        "19:27 outcomes item 1.trajectory.2024/25: 2024/25 is not after the baseline year 2024/25 "
        "(a trajectory sets aspirations for the years after the baseline)",
        "19:42 outcomes item 1.trajectory.2025/26: expected a number, got the text 'high'",
        "19:59 outcomes item 1.trajectory.2025/2026: '2025/2026' is not a financial year written "
        "like 2026/27; write 2025/26",
        "20:24 outcomes item 1.actuals.2026/27: there is no aspiration for 2026/27 in the "
        "trajectory (the trajectory covers 2024/25 to 2025/26)",
        "20:39 outcomes item 1.actuals.2027/28: an actual for 2027/28 is later than the period "
        "assessed (2026/27)",
        "21:9 outcomes item 2.id: duplicate outcome measure id 'le' "
        "(first used at outcomes item 1)",
        "24:13 outcomes item 2.better: expected 'higher' or 'lower', got 'up'",
        "25:24 outcomes item 2.baseline.period: the baseline year 2027/28 is later than the period "
        "assessed (2026/27)",
    ]


def test_missing_required_measure_suggests_a_rename(
    write_yaml: Write, framework: Framework
) -> None:
    text = HEAD + GOOD_OUTCOMES.replace("id: gap", "id: gaps")
    assert errors(write_yaml(text), framework) == [
        "13:1 outcomes: mini-assurance requires the outcome measure gap (Inequality gap), "
        "which is missing (rename 'gaps' to 'gap')",
    ]


def test_outcomes_need_a_measure_and_fields(write_yaml: Write, framework: Framework) -> None:
    assert errors(write_yaml(HEAD + "outcomes: []\n"), framework) == [
        "13:11 outcomes: must not be empty"
    ]
    text = HEAD + "outcomes:\n  - {id: le, name: L, unit: years, better: higher}\n"
    assert errors(write_yaml(text), framework) == [
        "13:1 outcomes: mini-assurance requires the outcome measure gap (Inequality gap), "
        "which is missing (add a measure with id: gap)",
        "14:5 outcomes.le: the field 'baseline' is required",
        "14:5 outcomes.le: the field 'trajectory' is required (mini-assurance@1 asks for an "
        "aspiration for each year after the baseline)",
    ]


def test_panel_errors(write_yaml: Write, framework: Framework) -> None:
    text = (
        HEAD
        + """\
panel:
  date: next week
  members:
    - {name: Ann}
    - {name: Bea, role: clinician, organisation: X}
"""
    )
    assert errors(write_yaml(text), framework) == [
        "14:9 panel.date: 'next week' is not a date (write dates as YYYY-MM-DD)",
        "16:7 panel.members item 1: the field 'role' is required",
        "17:50 panel.members item 2.organisation: unknown field 'organisation' (expected one of "
        "interests, name, role)",
    ]
    assert errors(write_yaml(HEAD + "panel: {date: 2026-11-01, members: []}\n"), framework) == [
        "13:36 panel.members: must not be empty"
    ]


# Framework files: the governance and outcome sections are checked like the rest.
def framework_errors(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        framework_from_document(parse_yaml(text), "fw.yaml")
    return [
        f"{d.line}:{d.column} {d.path}: {d.message}" + (f" ({d.hint})" if d.hint else "")
        for d in caught.value.diagnostics
    ]


MINI_TEXT = MINI.read_text().replace("id: mini\n", "id: mini-assurance\n")
MINI_LINES = MINI_TEXT.count("\n")


def test_framework_governance_and_outcome_problems() -> None:
    text = (
        MINI_TEXT
        + """\
governance:
  points: {red: 0, amber: 2, green: 2}
  areas:
    - id: G
      title: Gee
      statement: s
      sub_indicators:
        - {id: A.1, title: Clash, descriptors: {green: g, amber: a, red: r}}
        - {id: G.1, title: One, descriptors: {green: g, amber: a, red: r}}
        - {id: G.1, title: Again, descriptors: {green: g, amber: a}}
outcomes:
  recommended_count: 1
  required:
    - {id: le, name: L}
    - {id: gap, name: G, better: sideways}
    - {id: le, name: L2}
"""
    )
    n = MINI_LINES
    assert framework_errors(text) == [
        f"{n + 10}:48 governance.areas.G.sub_indicators item 3.descriptors: the field 'red' is "
        "required",
        f"{n + 15}:34 outcomes.required.gap.better: expected 'higher' or 'lower', got 'sideways'",
    ]
    fixed = text.replace("{green: g, amber: a}}", "{green: g, amber: a, red: r}}").replace(
        "sideways", "lower"
    )
    assert framework_errors(fixed) == [
        f"{n + 8}:16 governance.areas.G.sub_indicators.A.1.id: duplicate id 'A.1' (first used "
        "at domains.A.indicators.A.1)",
        f"{n + 10}:16 governance.areas.G.sub_indicators item 3.id: duplicate id 'G.1' (first "
        "used at governance.areas.G.sub_indicators item 2)",
        f"{n + 2}:11 governance.points: points must rise from red to amber to green, got red 0, "
        "amber 2, green 2 (HSJ scored red 0, amber 1, green 2)",
        f"{n + 16}:12 outcomes.required item 3.id: duplicate id 'le' (first used at "
        "outcomes.required item 1)",
        f"{n + 12}:22 outcomes.recommended_count: a recommended count of 1 is fewer than the 2 "
        "required measures (recommend at least 2)",
    ]


def test_builtin_wcc_framework_has_the_assurance_elements() -> None:
    from wcc_assess.usecases.frameworks import resolve_framework

    wcc = resolve_framework("wcc")
    assert wcc.governance is not None and wcc.outcomes is not None
    assert [(a.id, len(a.sub_indicators)) for a in wcc.governance.areas] == [
        ("strategy", 5),
        ("finance", 6),
        ("board", 5),
    ]
    points = wcc.governance.points
    assert (points.red, points.amber, points.green) == (0, 1, 2)
    assert [(m.id, m.better and m.better.value) for m in wcc.outcomes.required] == [
        ("life-expectancy", "higher"),
        ("health-inequalities", "lower"),
    ]
    assert wcc.outcomes.recommended_count == 10
    assert "unverified" in wcc.source
    raw = yaml.safe_load((DATA.parent.parent / "frameworks" / "wcc.yaml").read_text())
    titles = [
        item["title"] for area in raw["governance"]["areas"] for item in area["sub_indicators"]
    ]
    assert len(set(titles)) == 16


# The editor schema (`wcc schema`) knows the assurance sections too.
def test_submission_schema_checks_assurance_sections() -> None:
    import jsonschema

    from wcc_assess.render.schema import submission_schema
    from wcc_assess.usecases.frameworks import resolve_framework

    schema = submission_schema(resolve_framework("wcc"))
    check = jsonschema.Draft7Validator(schema)
    example = DATA.parent.parent / "examples" / "westmarsh-2026-27-assurance.yaml"
    # Read as wcc reads it (and as editors do, YAML 1.2): ``on:`` is a key, not ``true``.
    base = json.loads(json.dumps(parse_yaml_data(example.read_text()), default=str))
    assert list(check.iter_errors(base)) == []

    def errors(change: Callable[[dict[str, Any]], None]) -> list[str]:
        data = copy.deepcopy(base)
        change(data)
        return sorted("/".join(map(str, e.absolute_path)) for e in check.iter_errors(data))

    assert errors(lambda d: d["governance"]["finance"]["finance.1"].update(rating="yellow")) == [
        "governance/finance/finance.1/rating"
    ]
    assert errors(lambda d: d["governance"]["board"].pop("board.5")) == ["governance/board"]
    assert errors(lambda d: d["outcomes"].pop(0)) == ["outcomes"]  # life-expectancy required
    assert errors(lambda d: d["outcomes"][2]["actuals"].update({"2025/2026": 1})) == [
        "outcomes/2/actuals"
    ]
    assert errors(lambda d: d["panel"]["members"][0].pop("role")) == ["panel/members/0"]
