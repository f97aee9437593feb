"""parse_yaml_data: the same data and the same refusals as parse_yaml, without positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, MINI, wcc_submission
from wcc_assess.io.yamlsafe import MAX_DEPTH, MAX_VALUES, YamlProblem, parse_yaml, parse_yaml_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "path",
    [*sorted(EXAMPLES.rglob("*.yaml")), MINI, ROOT / "frameworks" / "wcc.yaml"],
    ids=lambda path: path.name,
)
def test_same_data_as_parse_yaml_on_real_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_yaml_data(text) == parse_yaml(text).data


def test_same_scalars() -> None:
    text = (
        "i: 3\nneg: -2\nf: 2.5\nb: yes\nn: ~\ns: '3'\nd: 2026-04-01\nbad_date: 2026-02-30\n"
        "hex: 0x10\ntext: hello world\nblock: |\n  two\n  lines\n1: int key\nnull: x\n"
        "nested: [[1, {a: b}], {c: [d]}]\nempty: {}\n"
    )
    assert parse_yaml_data(text) == parse_yaml(text).data
    assert parse_yaml_data("# nothing\n") is None
    assert parse_yaml_data("just text\n") == "just text"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\n",
        "a: {x: 1, x: 2}\n",
        "a: &x 1\n",
        "a: [1,\n",
        "a: 1\n---\nb: 2\n",
        "? [a]\n: 1\n",
        "? {a: 1}\n: 1\n",
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "a: !!python/object:os.system x\n",
        "a: *nowhere\n",
        "\tbad: tab\n",
        "[" + "0, " * MAX_VALUES + "]\n",
    ],
)
def test_same_refusals_located_as_parse_yaml(text: str) -> None:
    with pytest.raises(YamlProblem) as slow:
        parse_yaml(text)
    with pytest.raises(YamlProblem) as fast:
        parse_yaml_data(text)
    assert fast.value == slow.value  # message, line, column and hint


def test_nesting_up_to_the_limit_is_accepted() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse_yaml_data(text) == parse_yaml(text).data


def test_aliases_when_allowed() -> None:
    text = "a: &x [1]\nb: *x\n"
    assert parse_yaml_data(text, allow_aliases=True) == {"a": [1], "b": [1]}
    with pytest.raises(YamlProblem, match="anchors"):
        parse_yaml_data(text)


keys = st.one_of(st.text(max_size=6), st.integers(-3, 3), st.booleans(), st.none())
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
)
trees = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(trees, st.booleans())
def test_same_data_for_any_dumped_tree(tree: object, flow: bool) -> None:
    text = yaml.safe_dump({"root": tree}, default_flow_style=flow, allow_unicode=True)
    assert_same_outcome(text)


def assert_same_outcome(text: str) -> None:
    """Both readers give the same data, or refuse with the same located problem."""
    try:
        expected = parse_yaml(text).data
    except YamlProblem as problem:
        with pytest.raises(YamlProblem) as caught:
            parse_yaml_data(text)
        assert caught.value == problem
    else:
        assert parse_yaml_data(text) == expected


def test_keys_that_read_alike_are_duplicates_in_both_readers() -> None:
    # null and 'None' both become the key "None" (keys are text); found by hypothesis
    text = "root:\n  null: 1\n  'None': 2\n"
    with pytest.raises(YamlProblem, match="duplicate key 'None'"):
        parse_yaml(text)
    assert_same_outcome(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:-[]{}&*!,? \n'\"#|>0123", max_size=40))
def test_same_outcome_for_arbitrary_text(text: str) -> None:
    assert_same_outcome(text)


def test_a_whole_submission() -> None:
    text = yaml.safe_dump(wcc_submission(), sort_keys=False)
    assert parse_yaml_data(text) == parse_yaml(text).data
