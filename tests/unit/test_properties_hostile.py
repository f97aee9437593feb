"""Property-based tests of hostile input (issue 12): whatever a file holds, it is refused
with a located message or read; nothing else happens, and nothing unsafe is shown.

Generators: huge integers, base-60 numbers, control and bidi characters, tags on
mappings and lists, non-regular files, hostile result JSON, and arbitrary bytes. Every
property is bounded (a few dozen to a few hundred examples) so that CI runs them all.
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, wcc_submission
from wcc_assess.errors import InputError
from wcc_assess.io.reading import parse_document, read_text
from wcc_assess.io.yamlsafe import YamlProblem, parse_yaml, parse_yaml_data
from wcc_assess.render._safety import UNSAFE, clean, escape_markdown, one_line, workflow_value
from wcc_assess.usecases.assess import load_earlier
from wcc_assess.usecases.submissions import submission_from_document

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = wcc_submission()
TEXT = yaml.safe_dump(VALID, sort_keys=False)

huge_integers = st.integers(101, 3000).flatmap(
    lambda digits: st.builds(
        lambda sign, first, rest: sign + first + rest,
        st.sampled_from(["", "-", "+"]),
        st.sampled_from("123456789"),
        st.text("0123456789_", min_size=digits - 1, max_size=digits - 1),
    )
)
base_60 = st.builds(
    lambda head, groups, fraction: head + "".join(f":{g:02d}" for g in groups) + fraction,
    st.sampled_from(["1", "-1", "+12", "190"]),
    st.lists(st.integers(0, 59), min_size=1, max_size=400),
    st.sampled_from(["", ".5", "."]),
)
controls = st.sampled_from(
    [chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]]
    + list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    + ["\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x1b]8;;https://evil.example\x07", "\x9b31m"]
)
hostile_text = st.lists(
    st.one_of(controls, st.text(max_size=4), st.sampled_from(["\n::error::x", "\r\n", "::"])),
    max_size=12,
).map("".join)
tags = st.sampled_from(
    [
        "!!python/object:os.system",
        "!!python/object/apply:os.system",
        "!!set",
        "!!omap",
        "!!pairs",
        "!local",
        "!<tag:example.com,2026:x>",
        "!!binary",
        "!!str",
        "!!int",
    ]
)


def _refused_or_read(text: str) -> Any:
    """Parse as a submission file is parsed: a document, or InputError; nothing else."""
    try:
        return parse_document(text, "t.yaml")
    except InputError as error:
        assert error.diagnostics and all(d.message for d in error.diagnostics)
        return None


def _set_value(text: str, value: str) -> str:
    return text.replace("  code: T01", f"  code: {value}", 1)


@FAST
@given(huge_integers, st.sampled_from(["value", "key", "list", "tagged"]))
def test_huge_integers_are_refused_where_they_stand(number: str, where: str) -> None:
    text = {
        "value": _set_value(TEXT, number),
        "key": TEXT + f"{number}: x\n",
        "list": TEXT.replace("assessed_on:", f"assessors: [{number}]\nassessed_on:"),
        "tagged": _set_value(TEXT, f"!!int {number}"),
    }[where]
    with pytest.raises(InputError) as caught:
        parse_document(text, "t.yaml")
    [problem] = caught.value.diagnostics
    assert "too long" in problem.message and problem.line is not None


@FAST
@given(base_60)
def test_base_60_numbers_are_read_as_the_text_written(number: str) -> None:
    # A key longer than 1,024 characters is not YAML at all (its own refusal).
    document = _refused_or_read(_set_value(TEXT, number) + f"x: [{number}]\n")
    assert document is not None
    assert document.data["organisation"]["code"] == number
    assert document.data["x"] == [number]
    assert parse_yaml_data(f"a: {number}\n") == {"a": number}


@FAST
@given(hostile_text)
def test_cleaned_text_carries_no_control_and_stays_on_its_line(text: str) -> None:
    cleaned, line = clean(text), one_line(text)
    assert not UNSAFE.search(cleaned) and not UNSAFE.search(line)
    assert "\n" not in line and "\r" not in line and not line.startswith("::")
    assert not re.search("[\r\n]", workflow_value(text))
    markdown = escape_markdown(text)
    assert not UNSAFE.search(markdown) and "\n" not in markdown
    if not UNSAFE.search(text) and "\n" not in text and "\r" not in text:
        assert cleaned == text  # nothing else is touched


@FAST
@given(hostile_text, st.sampled_from(["key", "value", "name"]))
def test_control_characters_in_a_submission_never_reach_a_message_raw(
    text: str, where: str
) -> None:
    data = copy.deepcopy(VALID)
    if where == "key":
        data["domains"]["C1"][text or "x"] = {"level": 1}
    elif where == "value":
        data["domains"]["C1"]["C1.1"]["level"] = text
    else:
        data[f"unknown {text}"] = 1
    document = _refused_or_read(yaml.safe_dump(data, allow_unicode=True))
    assume(document is not None)
    with pytest.raises(InputError) as caught:
        submission_from_document(document, f"{text}.yaml")
    from wcc_assess.render.lines import text_lines

    for line in text_lines(caught.value.diagnostics):
        assert not UNSAFE.search(line) and "\n" not in line and not line.startswith("::")


@FAST
@given(tags, st.sampled_from(["mapping", "list", "flow"]))
def test_tags_on_collections_are_refused_like_tagged_values(tag: str, kind: str) -> None:
    body = {"mapping": f"{tag}\n  a: 1\n", "list": f"{tag}\n  - 1\n", "flow": f"{tag} [1]\n"}
    text = TEXT + "extra: " + body[kind]
    if tag in ("!!str", "!!int", "!!binary"):  # scalar tags on a collection: wrong as well
        pass
    with pytest.raises(InputError) as caught:
        parse_document(text, "t.yaml")
    [problem] = caught.value.diagnostics
    assert "is not allowed" in problem.message or "cannot read" in problem.message
    assert problem.line == TEXT.count("\n") + 1
    with pytest.raises(YamlProblem):
        parse_yaml(text)
    with pytest.raises(YamlProblem):
        parse_yaml_data(text)


NON_REGULAR = ["fifo", "directory", "loop", "dangling", "device", "socket"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file kinds")
@settings(max_examples=12, deadline=None)
@given(st.sampled_from(NON_REGULAR))
def test_non_regular_files_are_refused_without_blocking(kind: str) -> None:
    import socket
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        bound = None
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "directory":
            path.mkdir()
        elif kind == "loop":
            path.symlink_to(path.name)
        elif kind == "dangling":
            path.symlink_to("nowhere.yaml")
        elif kind == "device":
            path = Path("/dev/null")
        else:
            bound = socket.socket(socket.AF_UNIX)
            bound.bind(str(path))
        try:
            with pytest.raises(InputError) as caught:
                read_text(path)
        finally:
            if bound is not None:
                bound.close()
    message = caught.value.diagnostics[0].message
    assert re.search(r"not a regular file|is a directory|loop|no such file|not exist", message)


RESULT: dict[str, Any] = json.loads(
    load_earlier(EXAMPLES / "westmarsh-2025-26.yaml", generated_at="t").model_dump_json()
)
_LEVELS = ["level", "target"]

hostile_values = st.one_of(
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 10**400, -(10**30), "\ud800x"]),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.none(),
    st.just([[[[]]]]),
)


@st.composite
def hostile_results(draw: st.DrawFn) -> str:
    data = copy.deepcopy(RESULT)
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(["domain", "indicator", "overall", "top"]))
        value = draw(hostile_values)
        if target == "domain":
            domain = draw(st.sampled_from(data["domains"]))
            domain[draw(st.sampled_from([*_LEVELS, "score", "percent"]))] = value
        elif target == "indicator":
            indicator = draw(st.sampled_from(data["domains"][0]["indicators"]))
            indicator[draw(st.sampled_from(["claimed_level", "effective_level", "title"]))] = value
        elif target == "overall":
            data["overall"][draw(st.sampled_from(["score", "percent"]))] = value
        else:
            data[draw(st.sampled_from(["period", "assessed_on", "schema_version"]))] = value
    text = json.dumps(data, allow_nan=True, ensure_ascii=True)
    if draw(st.booleans()):
        depth = draw(st.integers(60, 3000))
        text = text.replace('"warnings": [', '"warnings": [' + "[" * depth + "]" * depth + ",")
    return text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_results())
def test_hostile_result_json_is_refused_or_read_never_crashes(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "last.json"
        path.write_text(text, encoding="utf-8")
        try:
            result = load_earlier(path, generated_at="t")
        except InputError as error:
            assert error.diagnostics and error.diagnostics[0].file.endswith("last.json")
            return
    levels = [level.level for level in result.framework.scale]
    for domain in result.domains:
        assert domain.level is None or domain.level in levels
        assert domain.score is None or levels[0] <= domain.score <= levels[-1]
    assert result.overall.percent is None or 0 <= result.overall.percent <= 100
    result.model_dump_json()  # and it can be written out again


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_or_read(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(raw)
        try:
            text = read_text(path)
        except InputError as error:
            [problem] = error.diagnostics
            assert problem.message
            return
    _refused_or_read(text)
