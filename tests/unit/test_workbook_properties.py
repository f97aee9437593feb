"""YAML → workbook → YAML gives the same submission, for any submission (hypothesis).

Submissions are generated against the mini assurance framework (two domains, two
governance areas, outcome rules), with text of every kind a person or a tool might write:
line breaks, carriage returns, control characters, text that looks like a formula, a
number, a date or Excel's own ``_x0041_`` escape, leading and trailing spaces.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from wcc_assess.core.placement import unplaced
from wcc_assess.io.workbook import parse_workbook
from wcc_assess.io.yamlsafe import parse_yaml_data
from wcc_assess.models.submission import Submission
from wcc_assess.render.submission_yaml import submission_yaml
from wcc_assess.render.workbook import submission_workbook
from wcc_assess.usecases.convert import framework_titles
from wcc_assess.usecases.frameworks import load_framework_file

FRAMEWORK = load_framework_file(DATA / "frameworks" / "mini-assurance.yaml")

_SPECIAL = st.sampled_from(
    ["=1+1", "+44 1632", "-3", "@name", "3", "2026-10-14", "_x0041_", " padded ", "a\nb", "a\r\nb",
     "tab\there", "\x01bell", "Not assessed", "yes", "null", "# hash", "- dash", "é ü 漢字 🙂",
     "\u2028sep", "\x85nel", "a  b", "'quoted'", '"dq"', "trailing\n"]
)  # fmt: skip
_TEXT = st.one_of(
    _SPECIAL, st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)
)
_WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda text: bool(text.strip())
)
_LONG = st.lists(
    st.sampled_from(["evidence", "of", "board", "plans", "quarterly"]), min_size=30, max_size=60
).map(" ".join)
_DATES = st.dates(date(2000, 1, 1), date(2099, 12, 31))
_PERIODS = st.sampled_from(["2022/23", "2023/24", "2024/25", "2025/26", "2026/27"])
_LEVELS = st.integers(1, 4)
_NAMES = _WORDS.filter(lambda text: text == text.strip() and not any(c in text for c in ";\n\r"))
"""Organisations' names, any number of them in one cell (separated by semicolons)."""


def _evidence() -> st.SearchStrategy[list[dict[str, Any]]]:
    checked = st.fixed_dictionaries({"by": _WORDS, "on": _DATES})
    item = st.fixed_dictionaries(
        {"title": _WORDS, "ref": _WORDS, "date": _DATES}, optional={"checked": checked}
    )
    return st.lists(item, max_size=3)


@st.composite
def _indicator(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()) and draw(st.booleans()):
        return {"not_assessed": draw(_WORDS)}
    entry: dict[str, Any] = {"level": draw(_LEVELS)}
    if draw(st.booleans()):
        entry["narrative"] = draw(st.one_of(_TEXT, _LONG))
    entry["evidence"] = draw(_evidence())
    if draw(st.booleans()):
        entry |= {"panel_level": draw(_LEVELS), "panel_note": draw(_TEXT)}
    return entry


@st.composite
def _rating(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()) and draw(st.booleans()):
        return {"not_assessed": draw(_WORDS)}
    ratings = st.sampled_from(["red", "amber", "green"])
    entry: dict[str, Any] = {"rating": draw(ratings), "narrative": draw(_TEXT)}
    entry["evidence"] = draw(_evidence())
    if draw(st.booleans()):
        entry |= {"panel_rating": draw(ratings), "panel_note": draw(_TEXT)}
    return entry


@st.composite
def _groups(draw: st.DrawFn, groups: list[tuple[str, list[str]]], member: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for group_id, member_ids in groups:
        if draw(st.integers(0, 5)) == 0:
            found[group_id] = {"not_assessed": draw(_WORDS)}
        else:
            found[group_id] = {member_id: draw(member()) for member_id in member_ids}
    return found


@st.composite
def _measure(draw: st.DrawFn, measure_id: str) -> dict[str, Any]:
    numbers = st.one_of(
        st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False)
    )
    years = draw(st.lists(_PERIODS, min_size=1, max_size=4, unique=True))
    trajectory = {year: draw(numbers) for year in years}
    actual_years = draw(st.lists(st.sampled_from(years), unique=True))
    measure = {
        "id": measure_id,
        "name": draw(_WORDS),
        "unit": draw(_WORDS),
        "better": draw(st.sampled_from(["higher", "lower"])),
        "baseline": {"period": draw(_PERIODS), "value": draw(numbers)},
        "trajectory": trajectory,
        "actuals": {year: draw(numbers) for year in actual_years},
    }
    if draw(st.booleans()):
        measure["source"] = draw(_TEXT)
    if draw(st.booleans()):
        amount = st.floats(0, 10**6, allow_nan=False)
        percent = st.fixed_dictionaries({"percent": st.floats(0, 100, allow_nan=False)})
        measure["tolerance"] = draw(st.one_of(amount, st.integers(0, 9), percent))
    if draw(st.booleans()):
        kinds = st.sampled_from(["financial-year", "calendar-year"])
        measure["data_period"] = draw(
            st.fixed_dictionaries({"kind": kinds}, optional={"years": st.integers(1, 10)})
        )
    return measure


@st.composite
def _action(draw: st.DrawFn, action_id: str) -> dict[str, Any]:
    ids = ["A", "B", "A.1", "A.2", "A.3", "B.1", "B.2"]
    status = draw(st.sampled_from(["open", "in-progress", "done", "dropped"]))
    action: dict[str, Any] = {
        "id": action_id,
        "for": draw(st.one_of(st.sampled_from(ids), st.lists(st.sampled_from(ids), min_size=1))),
        "action": draw(_WORDS),
        "owner": draw(_WORDS),
        "due": draw(_DATES),
        "status": status,
    }
    if status == "dropped":
        action["reason"] = draw(_TEXT)
    if draw(st.booleans()):
        action["note"] = draw(_TEXT)
    if draw(st.booleans()):
        action["raised"] = draw(_PERIODS)
    return action


@st.composite
def _panel(
    draw: st.DrawFn, domains: list[tuple[str, list[str]]], areas: list[tuple[str, list[str]]]
) -> dict[str, Any]:
    """The panel's day, members and interests, ratings with rationales, enquiries, sign-off."""
    member = st.fixed_dictionaries(
        {"name": _WORDS, "role": _WORDS}, optional={"interests": st.lists(_NAMES, max_size=3)}
    )
    panel: dict[str, Any] = {
        "date": draw(_DATES),
        "members": draw(st.lists(member, min_size=1, max_size=3)),
    }
    domain_ids = [domain_id for domain_id, _ in domains]
    area_ids = [area_id for area_id, _ in areas]
    level = st.fixed_dictionaries({"level": _LEVELS, "rationale": _TEXT})
    rag = st.fixed_dictionaries(
        {"rating": st.sampled_from(["red", "amber", "green"]), "rationale": _TEXT}
    )
    enquiry = st.fixed_dictionaries(
        {
            "domain": st.sampled_from(domain_ids + area_ids),
            "question": _TEXT,
            "response": _TEXT,
            "by": _WORDS,
        }
    )
    optional = {
        "ratings": st.dictionaries(st.sampled_from(domain_ids), level, max_size=2),
        "governance": st.dictionaries(st.sampled_from(area_ids), rag, max_size=2),
        "enquiries": st.lists(enquiry, max_size=3),
        "sign_off": st.fixed_dictionaries({"by": _WORDS, "on": _DATES}),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            panel[key] = draw(strategy)
    return panel


@st.composite
def submissions(draw: st.DrawFn) -> dict[str, Any]:
    domains = [(d.id, [i.id for i in d.indicators]) for d in FRAMEWORK.domains]
    assert FRAMEWORK.governance is not None
    areas = [(a.id, [s.id for s in a.sub_indicators]) for a in FRAMEWORK.governance.areas]
    person = st.fixed_dictionaries({"name": _WORDS}, optional={"role": _TEXT})
    data: dict[str, Any] = {
        "framework": "mini-assurance",
        "organisation": {"name": draw(_WORDS), "code": draw(st.one_of(_WORDS, st.just("007")))},
        "period": draw(_PERIODS),
        "assessed_on": draw(_DATES),
        "assessors": draw(st.lists(person, max_size=3)),
        "domains": draw(_groups(domains, _indicator)),
    }
    targets = draw(st.dictionaries(st.sampled_from(["default", "A", "B"]), _LEVELS))
    if targets:
        data["targets"] = targets
    if draw(st.booleans()):
        data["panel"] = draw(_panel(domains, areas))
    if draw(st.booleans()):
        data["board_approved_on"] = draw(_DATES)
    if draw(st.booleans()):
        data["governance"] = draw(_groups(areas, _rating))
    if draw(st.booleans()):
        ids = draw(
            st.lists(
                st.from_regex(r"[a-z][a-z0-9.-]{0,12}", fullmatch=True),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        data["outcomes"] = [draw(_measure(measure_id)) for measure_id in ids]
    if draw(st.booleans()):
        ids = draw(
            st.lists(
                st.from_regex(r"A[0-9]{1,3}", fullmatch=True), min_size=1, max_size=3, unique=True
            )
        )
        data["actions"] = [draw(_action(action_id)) for action_id in ids]
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions())
def test_yaml_to_workbook_to_yaml_gives_the_same_submission(data: dict[str, Any]) -> None:
    expected = Submission.model_validate(data)
    assert unplaced(data, FRAMEWORK) == []
    document = parse_workbook(submission_workbook(FRAMEWORK, data), "x.xlsx")
    assert [note.format() for note in document.notes] == []
    read = Submission.model_validate(document.data)
    assert read == expected, [
        (name, getattr(expected, name), getattr(read, name))
        for name in Submission.model_fields
        if getattr(read, name) != getattr(expected, name)
    ]
    text = submission_yaml(document.data, framework_titles(FRAMEWORK), ["converted"])
    assert parse_yaml_data(text) == document.data
    assert Submission.model_validate(parse_yaml_data(text)) == expected
