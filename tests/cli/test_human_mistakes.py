"""The mistakes real people make (issue 12, class F), met as a governance officer would.

Starting from ``wcc init`` and filling the file in by hand: each mistake gets a message in
plain words, at its line (with the line and a caret for a syntax error), saying what was
read and how to write it; no library wording and no count from zero reaches the user.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES, ROOT, wcc_submission

Wcc = Callable[..., Run]
Write = Callable[..., Path]

EXAMPLE = EXAMPLES / "westmarsh-2026-27.yaml"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def validated(wcc: Wcc, path: Path) -> str:
    run = wcc("validate", str(path))
    assert run.exit_code == 2, run.stdout
    assert "Traceback" not in run.stdout + run.stderr
    return run.stdout


def blank(wcc: Wcc, tmp_path: Path) -> str:
    """What ``wcc init`` writes, as the officer starts from it."""
    out = tmp_path / "blank.yaml"
    run = wcc("init", "--organisation", "NHS Westmarsh ICB", "--code", "QW9", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    return out.read_text(encoding="utf-8")


def filled(wcc: Wcc, tmp_path: Path) -> list[str]:
    """The blank file with every level filled in with 2, line by line."""
    return blank(wcc, tmp_path).replace("      level:  # 1-4", "      level: 2").splitlines()


def write_lines(tmp_path: Path, lines: list[str], name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line_of(lines: list[str], text: str) -> int:
    return next(n for n, line in enumerate(lines) if text in line)


# YAML syntax: plain advice, the line and a caret, more than the first -------------------


def test_a_tab_used_to_indent(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, "      level: 2")
    lines[at] = "\t\t  level: 2"
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f"s.yaml:{at + 1}:1: error: this line is indented with a tab; YAML indents with " in out
    assert "(replace it with spaces)" in out
    shown = out.splitlines()
    caret = shown.index(next(s for s in shown if f":{at + 1}:1: error" in s))
    assert shown[caret + 1].strip() == "\\t\\t  level: 2" and shown[caret + 2].strip() == "^"


def test_every_tab_and_the_next_mistake_are_reported_at_once(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    tabs = [n for n, line in enumerate(lines) if line == "      level: 2"][:3]
    for n in tabs:
        lines[n] = "\t" + lines[n].lstrip(" ")
    narrative = [n for n, line in enumerate(lines) if line == '      narrative: ""'][10]
    lines[narrative] = "      narrative: The plan: agreed in March"
    out = validated(wcc, write_lines(tmp_path, lines))
    located = re.findall(r"s\.yaml:(\d+):\d+: error: ", out)
    assert [int(n) for n in located] == [n + 1 for n in [*tabs, narrative]]


def test_a_colon_inside_unquoted_text(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, '      narrative: ""')
    lines[at] = "      narrative: Agreed by the board: see minute 7"
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:37: error: a colon followed by a space inside unquoted text starts" in out
    assert 'put the text in quotes: narrative: "Agreed by the board: see minute 7"' in out
    assert "mapping values are not allowed" not in out


def test_a_non_breaking_space_used_to_indent(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, "      level: 2")
    lines[at] = "\u00a0" * 6 + "level: 2"  # as pasted from a word processor
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:1: error: this line is indented with a no-break space (U+00A0)" in out
    key = list(lines)  # where the parse succeeds, the key says the same
    key[at] = "      level: 2"
    key[at + 1] = "\u00a0" * 6 + "narrative: x"
    assert "indented with a no-break space (U+00A0)" in validated(wcc, write_lines(tmp_path, key))


def test_text_over_two_lines_without_quotes(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, '      narrative: ""')
    lines[at : at + 1] = ["      narrative: The board agreed the plan", "      in March 2026"]
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 2}:7: error: this line is not `key: value` (it has no colon)" in out
    assert "put the whole text in quotes, or write `narrative: >`" in out


def test_an_unclosed_quote_names_the_line_it_opened_on(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, '      narrative: ""')
    lines[at] = '      narrative: "The board agreed'
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:18: error: a quote opened on line {at + 1} runs on to line " in out


# What was read, and how to write it ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "01234",
            "expected text, got the number 668: YAML reads 01234, with its leading 0, as an "
            'octal number (put it in quotes to make it text: code: "01234")',
        ),
        ("0x1F", "got the number 31: YAML reads 0x1F as a hexadecimal number"),
        ("NO", 'got false: YAML reads NO as false (put it in quotes to make it text: code: "NO")'),
        ("yes", "got true: YAML reads yes as true"),
        ("12345", 'got 12345 (put it in quotes to make it text: code: "12345")'),
    ],
)
def test_a_code_read_as_a_number_or_a_truth(
    wcc: Wcc, tmp_path: Path, written: str, said: str
) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, '  code: "QW9"')
    lines[at] = f"  code: {written}"
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:9: error: organisation.code: " in out and said in out


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('"3"', "expected a whole number, got the text '3' (remove the quotes: level: 3)"),
        ("three", "expected a whole number, got the text 'three'"),
        ("2.5", "expected a whole number, got 2.5"),
    ],
)
def test_a_level_that_is_not_a_whole_number(
    wcc: Wcc, tmp_path: Path, written: str, said: str
) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, "      level: 2")
    lines[at] = f"      level: {written}"
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:14: error: domains.C1.C1.1.level: {said}" in out


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2026-1-5", "'2026-1-5' is not a date (write dates as YYYY-MM-DD: 2026-01-05)"),
        (
            "14/10/2026",
            "'14/10/2026' is not a date (write dates as YYYY-MM-DD: 2026-10-14 (if that is 14 "
            "October 2026))",
        ),
        ("5.10.2026", "2026-10-05 (if that is 5 October 2026)"),
        ("October 2026", "'October 2026' is not a date (write dates as YYYY-MM-DD)"),
        ("2026-02-30", "'2026-02-30' is not a date: no such day"),
    ],
)
def test_a_date_not_written_yyyy_mm_dd(wcc: Wcc, tmp_path: Path, written: str, said: str) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, "assessed_on:")
    lines[at] = f"assessed_on: {written}"
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:14: error: assessed_on: " in out and said in out
    # the schema an editor uses agrees: what validate refuses, the schema refuses
    from tests.unit.test_schema import schema_errors
    from wcc_assess.io.yamlsafe import parse_yaml

    assert "assessed_on" in schema_errors(parse_yaml("\n".join(lines)).data, "wcc")


def test_not_assessed_without_a_reason_says_the_reason_is_missing(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, "      level: 2")
    lines[at] = "      not_assessed:"
    out = validated(wcc, write_lines(tmp_path, lines))
    assert f":{at + 1}:20: error: domains.C1.C1.1.not_assessed: not_assessed is given " in out
    assert "without a reason" in out and "level is required" not in out


def test_a_blank_template_points_at_each_level_and_counts_them(wcc: Wcc, tmp_path: Path) -> None:
    text = blank(wcc, tmp_path)
    levels = [n + 1 for n, line in enumerate(text.splitlines()) if line == "      level:  # 1-4"]
    out = validated(wcc, tmp_path / "blank.yaml")
    located = [int(n) for n in re.findall(r":(\d+):13: error: \S+\.level: no level yet", out)]
    assert located == levels and len(levels) == 44
    assert "blank.yaml: warning: 44 indicators have no level yet" in out
    assessed = wcc("assess", str(tmp_path / "blank.yaml"))
    assert "44 indicators have no level yet" in assessed.stderr


def test_a_missing_level_key_says_where_it_goes(wcc: Wcc, tmp_path: Path) -> None:
    lines = filled(wcc, tmp_path)
    at = line_of(lines, "      level: 2")
    del lines[at]
    out = validated(wcc, write_lines(tmp_path, lines))
    assert "domains.C1.C1.1: level is required: add `level:` under the indicator" in out


def test_text_cut_short_by_a_hash_is_a_warning(wcc: Wcc, tmp_path: Path) -> None:
    text = dump(wcc_submission()).replace("narrative: n", "narrative: We rank #2 in the region", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    run = wcc("validate", str(path))
    assert run.exit_code == 0
    assert "warning: the text stops before '#2 in the region': YAML reads \" #\"" in run.stdout
    assessed = wcc("assess", str(path), "--format", "json")
    assert "the text stops before '#2 in the region'" in assessed.stderr
    assert wcc("assess", str(path), "--quiet").stderr == ""
    quoted = text.replace("We rank #2 in the region", '"We rank #2 in the region"')
    path.write_text(quoted, encoding="utf-8")
    assert "the text stops" not in wcc("validate", str(path)).stdout


# Files saved the wrong way ----------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(wcc: Wcc, write_yaml: Write, codec: str) -> None:
    path = write_yaml(dump(wcc_submission()).encode(codec))
    order = "little-endian" if codec.endswith("le") else "big-endian"
    out = validated(wcc, path)
    assert f"the file is UTF-16 encoded ({order}, without a byte-order mark)" in out
    assert "(save it as UTF-8)" in out and "binary" not in out


def test_a_file_saved_as_windows_1252(wcc: Wcc, write_yaml: Write) -> None:
    text = dump(wcc_submission()).replace("name: Test ICB", "name: “Test” ICB – Café")
    path = write_yaml(text.encode("cp1252"))
    out = validated(wcc, path)
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "Café" in s)
    assert f":{line}:9: error: the file is saved as Windows-1252 (by Excel or Notepad?)" in out
    assert "byte 0x93 ('“' in Windows-1252) is not UTF-8" in out
    assert "save it as UTF-8" in out


def test_a_result_given_as_a_submission(wcc: Wcc, tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    assert wcc("assess", str(EXAMPLE), "--format", "json", "-o", str(result)).exit_code == 1
    out = validated(wcc, result)
    assert "result.json:1:1: error: this is a result of wcc assess (--format json), not a " in out
    assert out.count("error:") == 1  # not 15 unknown fields
    run = wcc("assess", str(result))
    assert run.exit_code == 2 and "accepted as --baseline" in run.stderr
    cohort = tmp_path / "cohort.json"
    wcc("cohort", str(EXAMPLE), "--format", "json", "-o", str(cohort))
    assert "this is a cohort report" in validated(wcc, cohort)


# Options and ids --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "said"),
    [
        ("2026-27", "write 2026/27"),
        ("2026/2027", "write 2026/27"),
        ("2026/28", "financial year written like 2026/27"),
        ("26/27", "financial year written like 2026/27"),
    ],
)
def test_init_refuses_a_period_it_would_write_wrong(
    wcc: Wcc, tmp_path: Path, period: str, said: str
) -> None:
    out = tmp_path / "new.yaml"
    run = wcc("init", "--period", period, "-o", str(out))
    assert run.exit_code == 2 and said in run.stderr and "--period" in run.stderr
    assert not out.exists()


def test_report_options_are_checked_before_any_grading(
    wcc: Wcc, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("graded before the options were checked")

    monkeypatch.setattr("wcc_assess.usecases.assess.assess_file", never)
    monkeypatch.setattr("wcc_assess.usecases.cohort.grade_cohort", never)
    run = wcc("assess", str(EXAMPLE), "--report", "pdf=x.pdf")
    assert run.exit_code == 2 and "unknown format 'pdf'" in run.stderr
    run = wcc("cohort", str(EXAMPLES), "-o", "no/such/folder/x.md")
    said = " ".join(run.stderr.replace("│", " ").split())  # unwrapped from click's box
    assert run.exit_code == 2 and "the folder no/such/folder does not exist" in said


def test_explain_says_when_the_submission_has_no_such_section(wcc: Wcc) -> None:
    for subject, noun, section in [
        ("finance", "governance area", "governance"),
        ("finance.2", "governance sub-indicator", "governance"),
        ("life-expectancy", "outcome measure", "outcomes"),
    ]:
        run = wcc("explain", str(EXAMPLE), subject)
        assert run.exit_code == 2
        assert f"{subject} is a{'n' if noun[0] == 'o' else ''} {noun}" in run.stderr
        assert f"has no {section} section" in run.stderr and "no domain or" not in run.stderr


def test_frameworks_show_suggests_only_what_it_accepts(wcc: Wcc) -> None:
    run = wcc("frameworks", "show", "nope")
    assert run.exit_code == 2 and "--framework" not in run.stderr
    assert "wcc frameworks list" in run.stderr and "by its path" in run.stderr
    field = dump(wcc_submission()).replace("framework: wcc", "framework: nope")
    assert "framework: wcc" not in field


def test_a_cohort_of_mixed_frameworks_is_graded_against_the_most_common(
    wcc: Wcc, tmp_path: Path
) -> None:
    files = [
        EXAMPLE,
        EXAMPLES / "westmarsh-2025-26.yaml",
        EXAMPLES / "bs11000-kestrel-vale.yaml",
    ]
    run = wcc("cohort", *map(str, files), "--format", "json")
    assert run.exit_code == 2, run.stderr
    report = json.loads(run.stdout)
    assert report["framework"]["id"] == "wcc" and report["graded"] == 2
    [other] = report["invalid"]
    message = other["errors"][0]["message"]
    assert other["file"].endswith("bs11000-kestrel-vale.yaml")
    assert "graded against bs11000@" in message
    assert "(the framework of 2 of its 3 graded files)" in message
    assert other["errors"][0]["hint"].startswith("grade the bs11000@")
    assert "--framework" not in other["errors"][0]["hint"]


# Our words, not the library's -------------------------------------------------------------

LIBRARY_WORDS = re.compile(
    r"Input should|Value error|Assertion failed|unable to parse|Field required|Extra inputs|"
    r"validation error|pydantic|type=|For further information",
    re.I,
)


def test_no_pydantic_error_type_reaches_a_user_in_its_own_words() -> None:
    from pydantic_core import ErrorDetails
    from pydantic_core.core_schema import ErrorType

    from wcc_assess.io.loading import _problem
    from wcc_assess.models.submission import Submission

    samples: list[Any] = [None, "text", 3, 2.5, True, [], {}]
    for kind in typing.get_args(ErrorType):
        for value in samples:
            item: ErrorDetails = {
                "type": kind,
                "loc": ("domains", "C1", "C1.1", "level"),
                "msg": "Input should be whatever pydantic says",
                "input": value,
                "ctx": {},
            }
            if kind in ("value_error", "assertion_error"):
                item["msg"] = "Value error, our own words"
            diagnostic = _problem(item, Submission, lambda loc: loc, lambda loc: None)
            said = f"{diagnostic.message} {diagnostic.hint or ''}"
            assert not LIBRARY_WORDS.search(said), (kind, value, said)


def test_library_wording_never_leaks_from_any_command(wcc: Wcc, tmp_path: Path) -> None:
    data = wcc_submission()
    data["assessors"] = [{"name": 3}, "x"]
    data["targets"] = {"default": "two"}
    data["domains"]["C1"]["C1.1"]["evidence"] = [{"title": "t", "ref": "r", "date": "x"}, 5]
    data["outcomes"] = [{"id": "x", "trajectory": {"2026/27": "high"}}]
    data["panel"] = {"date": "soon", "members": []}
    path = tmp_path / "s.yaml"
    path.write_text(dump(data), encoding="utf-8")
    result = tmp_path / "r.json"
    assert wcc("assess", str(EXAMPLE), "--format", "json", "-o", str(result)).exit_code == 1
    broken = json.loads(result.read_text(encoding="utf-8"))
    broken["overall"]["score"] = "high"
    broken["domains"][0]["indicators"] = "none"
    del broken["period"]
    result.write_text(json.dumps(broken), encoding="utf-8")
    runs = [
        wcc("validate", str(path)),
        wcc("assess", str(path)),
        wcc("assess", str(EXAMPLE), "--baseline", str(result)),
        wcc("trend", str(result)),
        wcc("cohort", str(path), str(EXAMPLE), "--baseline", str(result)),
    ]
    for run in runs:
        text = run.stdout + run.stderr
        assert run.exit_code == 2, text
        assert not LIBRARY_WORDS.search(text), LIBRARY_WORDS.findall(text)
        assert not re.search(r"\.[0-9]+[.:]", re.sub(r"\d+:\d+:|\d+\.\d+|20\d\d/\d\d", "", text))


def test_paths_count_from_one_and_name_ids(wcc: Wcc, write_yaml: Write) -> None:
    data = wcc_submission()
    data["domains"]["C1"]["C1.1"]["evidence"].append({"title": "t", "ref": "r"})
    out = validated(wcc, write_yaml(data))
    assert "domains.C1.C1.1.evidence item 2: the field 'date' is required" in out
    framework = yaml.safe_load((ROOT / "frameworks" / "wcc.yaml").read_text(encoding="utf-8"))
    framework["domains"][2]["weight"] = 0
    framework["domains"][2]["indicators"][1]["weight"] = -1
    checked = wcc("frameworks", "check", str(write_yaml(framework)))
    assert checked.exit_code == 2
    assert "error: domains.C3.weight: 0 is too small" in checked.stdout
    assert "error: domains.C3.indicators.C3.2.weight: -1 is too small" in checked.stdout
    assert "domains.2" not in checked.stdout
