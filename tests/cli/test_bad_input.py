"""Every bad-input case of the core issue: a clear message on stderr, exit 2, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import wcc_submission

Wcc = Callable[..., Run]
Write = Callable[..., Path]


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False)


def expect_invalid(run: Run, *fragments: str, report: bool = False) -> str:
    """Check exit 2 and the message; ``report`` for `wcc validate`, whose report is stdout."""
    assert run.exit_code == 2, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    text = run.stdout if report else run.stderr
    if not report:
        assert run.stdout == ""
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    return text


@pytest.mark.parametrize("command", ["assess", "validate"])
def test_missing_file(wcc: Wcc, tmp_path: Path, command: str) -> None:
    run = wcc(command, str(tmp_path / "nope.yaml"))
    expect_invalid(run, "nope.yaml", "no such file", report=command == "validate")


def test_directory_instead_of_file(wcc: Wcc, tmp_path: Path) -> None:
    expect_invalid(wcc("assess", str(tmp_path)), "is a directory")


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(wcc: Wcc, write_yaml: Write, content: str) -> None:
    run = wcc("assess", str(write_yaml(content)))
    if content.strip().startswith("#"):
        expect_invalid(run, "top level must be a mapping")
    else:
        expect_invalid(run, "the file is empty")


def test_not_utf8(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(b"framework: wcc\norganisation: {name: Caf\xe9}\n")
    expect_invalid(
        wcc("assess", str(path)),
        ":2:25: error: the file is saved as Windows-1252",
        "save it as UTF-8",
    )
    path = write_yaml(b"framework: wcc\norganisation: {name: Caf\x81}\n")  # not Windows-1252
    expect_invalid(
        wcc("assess", str(path)), ":2:25: error: the file is not valid UTF-8", "save it as UTF-8"
    )


def test_utf16(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml("framework: wcc\n".encode("utf-16"))
    expect_invalid(wcc("assess", str(path)), "UTF-16")


def test_binary_file(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(bytes(range(256)) * 4)
    expect_invalid(wcc("validate", str(path)), "binary", report=True)


def test_utf8_bom_is_accepted(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(b"\xef\xbb\xbf" + dump(wcc_submission()).encode())
    run = wcc("assess", str(path), "--format", "json")
    assert run.exit_code == 0, run.stderr


def test_malformed_yaml_has_line_and_column(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml("framework: wcc\norganisation: [unclosed\nperiod: 2026/27\n")
    expect_invalid(wcc("assess", str(path)), "malformed YAML")
    assert f"{path}:3:" in wcc("assess", str(path)).stderr


def test_duplicate_keys_name_both_lines(wcc: Wcc, write_yaml: Write) -> None:
    text = dump(wcc_submission()).replace("period: 2026/27\n", "period: 2026/27\nperiod: 2025/26\n")
    lines = text.splitlines()
    first = lines.index("period: 2026/27") + 1
    path = write_yaml(text)
    expect_invalid(
        wcc("assess", str(path)),
        f"{path}:{first + 1}:1",
        f"duplicate key 'period' (first defined on line {first})",
    )


def test_anchors_and_aliases_are_rejected(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml("framework: wcc\norganisation: &org {name: A, code: B}\nother: *org\n")
    expect_invalid(wcc("assess", str(path)), ":2:15", "anchors (&org) are not allowed")


def test_alias_bomb_is_rejected_quickly(wcc: Wcc, write_yaml: Write) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    expect_invalid(wcc("validate", str(write_yaml("\n".join(bomb)))), "not allowed", report=True)


@pytest.mark.parametrize("depth", [100, 1_003, 50_000])
def test_deep_nesting_is_rejected(wcc: Wcc, write_yaml: Write, depth: int) -> None:
    # Whichever limit fires first (ours at 64, or libyaml's own at 1,000 in newer
    # releases), the refusal is the same: exit 2, located on line 1, in our words.
    path = write_yaml("x: " + "[" * depth + "]" * depth + "\n")
    text = expect_invalid(wcc("assess", str(path)), "nested more than 64 levels")
    assert ":1:" in text


@pytest.mark.parametrize("text", ["- just\n- a list\n", "just a string\n", "42\n"])
def test_top_level_not_a_mapping(wcc: Wcc, write_yaml: Write, text: str) -> None:
    expect_invalid(wcc("assess", str(write_yaml(text))), "top level must be a mapping")


def test_several_documents(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(dump(wcc_submission()) + "---\nframework: wcc\n")
    expect_invalid(wcc("assess", str(path)), "more than one YAML document")


def test_file_over_size_limit(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml("framework: wcc\n" + "# padding\n" * 600_000)
    expect_invalid(wcc("assess", str(path)), "larger than the 5 MB limit")


def test_stdin_over_size_limit(wcc: Wcc) -> None:
    expect_invalid(wcc("assess", "-", input="#" * (5 * 1024 * 1024 + 10)), "<stdin>", "5 MB")


def broken(mutate: Callable[[dict[str, Any]], None]) -> str:
    data = wcc_submission()
    mutate(data)
    return dump(data)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node = data
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node = data
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


def _rename_indicator(data: dict[str, Any]) -> None:
    data["domains"]["C4"]["C4.7"] = data["domains"]["C4"].pop("C4.2")


def _not_assessed_empty(data: dict[str, Any]) -> None:
    data["domains"]["C2"]["C2.1"] = {"not_assessed": "  "}


def _both(data: dict[str, Any]) -> None:
    data["domains"]["C2"]["C2.1"]["not_assessed"] = "why"


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [
        (
            _set("domains/C1/C1.1/level", "three"),
            ["domains.C1.C1.1.level", "expected a whole number, got the text 'three'"],
        ),
        (_set("domains/C1/C1.1/level", 2.5), ["expected a whole number, got 2.5"]),
        (_set("domains/C1/C1.1/level", True), ["expected a whole number, got true"]),
        (
            _set("domains/C1/C1.1/level", 5),
            ["domains.C1.C1.1.level", "5 is not on the scale", "from 1 to 4"],
        ),
        (_set("domains/C1/C1.1/level", 0), ["0 is not on the scale"]),
        (_set("domains/C1/C1.1/panel_level", 7), ["domains.C1.C1.1.panel_level", "7 is not on"]),
        (_set("domains/C1/C1.1/narrative", ["a", "list"]), ["expected text, got a list"]),
        (_set("organisation/code", 123), ["organisation.code", "put it in quotes"]),
        (_set("domains/C1/C1.1/evidence", "see the plan"), ["expected a list"]),
        (_set("domains/C12", {"C12.1": {"level": 1}}), ["unknown domain 'C12'", "did you mean"]),
        (
            _rename_indicator,
            ["unknown indicator 'C4.7' in C4", "did you mean C4.2? C4.2 is missing"],
        ),
        (
            _delete("domains/C3/C3.2"),
            ["indicator C3.2", "is missing", 'C3.2: {not_assessed: "<reason>"}'],
        ),
        (_delete("domains/C9"), ["domain C9 (Secure procurement skills) is missing"]),
        (_not_assessed_empty, ["domains.C2.C2.1.not_assessed", "a reason is required"]),
        (
            _set("domains/C2", {"not_assessed": ""}),
            ["domains.C2.not_assessed", "a reason is required"],
        ),
        (_both, ["either rated (level) or not_assessed"]),
        (_delete("domains/C1/C1.1/level"), ["level is required", "not_assessed"]),
        (
            _set("domains/C1/C1.1/evidence", [{"title": "t", "ref": "r", "date": "last March"}]),
            ["evidence item 1.date", "'last March' is not a date", "YYYY-MM-DD"],
        ),
        (
            _set("domains/C1/C1.1/evidence", [{"title": "t", "ref": "r", "date": "2026-02-30"}]),
            ["'2026-02-30' is not a date"],
        ),
        (
            _set("domains/C1/C1.1/evidence", [{"title": "t", "date": "2026-01-01"}]),
            ["evidence item 1", "the field 'ref' is required"],
        ),
        (_set("assessed_on", "tomorrow"), ["assessed_on", "is not a date"]),
        (
            _set("domains/C1/C1.1/narative", "typo"),
            ["unknown field 'narative'", "did you mean narrative?"],
        ),
        (
            _set("organisaton", "typo"),
            ["unknown field 'organisaton'", "did you mean organisation?"],
        ),
        (_delete("organisation"), ["the field 'organisation' is required"]),
        (_set("period", "2026"), ["'2026' is not a financial year written like 2026/27"]),
        (_set("framework", "wcx"), ["unknown framework 'wcx'", "did you mean wcc?"]),
        (_set("framework", "wcc@2010"), ["not '2010'"]),
        (_set("targets", {"defualt": 2}), ["unknown domain 'defualt'", "did you mean default?"]),
        (_set("targets", {"C1": 6}), ["target 6 is not on the scale"]),
        (_set("domains/C1.1", {"level": 2}), ["C1.1 is an indicator of C1"]),
    ],
)
def test_invalid_submission(
    wcc: Wcc, write_yaml: Write, mutate: Callable[[dict[str, Any]], None], fragments: list[str]
) -> None:
    path = write_yaml(broken(mutate))
    stderr = expect_invalid(wcc("assess", str(path)), str(path), *fragments)
    assert "nothing was assessed" in stderr
    validate = wcc("validate", str(path))
    assert validate.exit_code == 2
    for fragment in fragments:
        assert fragment in validate.stdout


def test_errors_carry_line_and_column(wcc: Wcc, write_yaml: Write) -> None:
    text = broken(_set("domains/C5/C5.1/level", 9))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "level: 9")
    path = write_yaml(text)
    assert f"{path}:{line}:" in wcc("assess", str(path)).stderr


def test_all_errors_are_reported_at_once(wcc: Wcc, write_yaml: Write) -> None:
    def several(data: dict[str, Any]) -> None:
        data["domains"]["C1"]["C1.1"]["level"] = 9
        data["domains"]["C2"]["C2.2"]["level"] = "high"
        data["organisation"]["code"] = 5
        del data["domains"]["C3"]["C3.1"]

    stderr = expect_invalid(wcc("assess", str(write_yaml(broken(several)))))
    assert "4 errors found" in stderr
    assert stderr.count(": error: ") == 4


def test_future_evidence_is_accepted_but_flagged(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(
        broken(
            _set("domains/C1/C1.1/evidence", [{"title": "Plan", "ref": "p", "date": "2027-03-01"}])
        )
    )
    run = wcc("assess", str(path), "--format", "json")
    assert run.exit_code == 0
    assert "warning: C1.1: evidence 'Plan' is dated 2027-03-01" in run.stderr
    validate = wcc("validate", str(path))
    assert validate.exit_code == 0 and "warning" in validate.stdout


def test_unknown_framework_option(wcc: Wcc, write_yaml: Write) -> None:
    run = wcc("assess", str(write_yaml(dump(wcc_submission()))), "--framework", "nope")
    expect_invalid(run, "unknown framework 'nope'")


def test_target_off_scale(wcc: Wcc, write_yaml: Write) -> None:
    run = wcc("assess", str(write_yaml(dump(wcc_submission()))), "--target", "7")
    expect_invalid(run, "--target 7 is not on the wcc scale (1..4)")


def test_unknown_format_is_a_usage_error(wcc: Wcc, write_yaml: Write) -> None:
    run = wcc("assess", str(write_yaml(dump(wcc_submission()))), "--format", "pdf")
    assert run.exit_code == 2 and "pdf" in run.stderr


def test_huge_document_is_refused(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml("x: [" + "1," * 2_000_000 + "1]\n")
    expect_invalid(wcc("assess", str(path)), "more than 100,000 values")
