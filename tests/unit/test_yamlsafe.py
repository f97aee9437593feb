"""The safe YAML reader: plain data, positions, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from wcc_assess.io.yamlsafe import MAX_DEPTH, YamlProblem, parse_yaml, parse_yaml_data


def test_scalars_resolve_like_yaml_1_1_safe_loading() -> None:
    doc = parse_yaml(
        "i: 3\nneg: -2\nf: 2.5\nb: yes\nn: ~\ns: '3'\nd: 2026-04-01\nbad_date: 2026-02-30\n"
        "hex: 0x10\ntext: hello world\nblock: |\n  two\n  lines\n"
    )
    assert doc.data == {
        "i": 3,
        "neg": -2,
        "f": 2.5,
        "b": True,
        "n": None,
        "s": "3",
        "d": date(2026, 4, 1),
        "bad_date": "2026-02-30",
        "hex": 16,
        "text": "hello world",
        "block": "two\nlines\n",
    }


def test_positions_of_values_and_keys() -> None:
    doc = parse_yaml("a:\n  b: [1, 2]\n  c:\n    - x: 1\n")
    assert doc.positions[("a", "b", 1)] == (2, 10)
    assert doc.key_positions[("a", "c")] == (3, 3)
    assert doc.positions[("a", "c", 0, "x")] == (4, 10)
    assert doc.locate(("a", "c")) == (3, 3)  # a block list is located at its key
    assert doc.locate(("a", "b", 0)) == (2, 7)
    assert doc.locate(("a", "missing", "deeper")) == (1, 1)  # nearest known ancestor


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first defined on line 1)", 3),
        ("a: &x 1\n", "anchors (&x) are not allowed", 1),
        ("a: [1,\n", "malformed YAML", 2),
        ("a: 1\n---\nb: 2\n", "more than one YAML document", 2),
        ("? [a]\n: 1\n", "mapping keys must be plain text", 1),
        ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested more than", 1),
        ("a: !!python/object:os.system x\n", "is not allowed", 1),
    ],
)
def test_refusals_are_located(text: str, message: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_aliases_only_when_allowed() -> None:
    assert parse_yaml("a: &x [1]\nb: *x\n", allow_aliases=True).data == {"a": [1], "b": [1]}
    with pytest.raises(YamlProblem, match="anchors"):
        parse_yaml("a: &x [1]\nb: *x\n")


def test_empty_document() -> None:
    assert parse_yaml("# nothing\n").data is None


def test_problems_take_notes_like_any_exception() -> None:
    problem = YamlProblem("bad", 1, 1)
    problem.add_note("context added by a caller")
    assert problem.__notes__ == ["context added by a caller"]


def test_a_yaml_1_1_boolean_word_as_a_key_keeps_its_text() -> None:
    """``sign_off: {by: …, on: 2026-11-25}``: ``on`` is a key, not YAML 1.1's ``true``."""
    document = parse_yaml("sign_off: {by: Ann, on: 2026-11-25}\nyes: 1\nflag: on\n")
    assert document.data == {
        "sign_off": {"by": "Ann", "on": date(2026, 11, 25)},
        "yes": 1,
        "flag": True,  # a value keeps YAML 1.1's reading
    }
    assert document.locate(("sign_off", "on")) == (1, 25)
    assert parse_yaml_data("checked: {on: 2026-11-25}\n") == {"checked": {"on": date(2026, 11, 25)}}
