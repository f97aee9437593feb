"""Bad input, round 2: files a hostile user would write (issue 12, classes A to E).

Each test is one class of attack, tried in more than one place: a crash is an internal
error (exit 3, never a bare traceback), every refusal is exit 2 with a located message,
nothing the user wrote is overwritten, and nothing an input says reaches a terminal or a
CI log as a command.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES, ROOT, wcc_submission
from wcc_assess.io.yamlsafe import parse_yaml_data

Wcc = Callable[..., Run]
Write = Callable[..., Path]

EXAMPLE = EXAMPLES / "westmarsh-2026-27.yaml"
LAST_YEAR = EXAMPLES / "westmarsh-2025-26.yaml"
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, symlinks and fd 0 are POSIX")


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def refused(run: Run, *fragments: str, stream: str = "stderr") -> str:
    """Exit 2 with every fragment in the message and no traceback anywhere."""
    assert run.exit_code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stdout + run.stderr
    text = getattr(run, stream)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    return text


def wcc_process(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m wcc_assess`` in a process of its own (bytes in, bytes out)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "wcc_assess", *args],
        capture_output=True,
        env=environment,
        timeout=timeout,
        cwd=kwargs.pop("cwd", ROOT),
        check=False,
        **kwargs,
    )


def result_json(wcc: Wcc, source: Path = EXAMPLE) -> dict[str, Any]:
    run = wcc("assess", str(source), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


# A. Internal errors: exit 3, a short message, the traceback only when asked --------------


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise ZeroDivisionError("a bug planted by the test")


def test_an_internal_error_exits_3_with_how_to_report_it(
    wcc: Wcc, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WCC_DEBUG", raising=False)
    monkeypatch.setattr("wcc_assess.usecases.assess.grade", _boom)
    run = wcc("assess", str(EXAMPLE))
    assert run.exit_code == 3
    assert "Traceback" not in run.stderr
    assert "internal error: wcc assess failed: ZeroDivisionError: a bug planted" in run.stderr
    assert "https://github.com/wcc-assess/wcc-assess/issues" in run.stderr  # pyproject's
    assert "--debug" in run.stderr and len(run.stderr.splitlines()) == 2


@pytest.mark.parametrize("how", ["--debug", "WCC_DEBUG"])
def test_the_traceback_only_with_debug(wcc: Wcc, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.setattr("wcc_assess.usecases.check.check_file", _boom)
    monkeypatch.setattr("wcc_assess.usecases.assess.grade", _boom)
    if how == "WCC_DEBUG":
        monkeypatch.setenv("WCC_DEBUG", "1")
        run = wcc("assess", str(EXAMPLE))
    else:
        monkeypatch.delenv("WCC_DEBUG", raising=False)
        run = wcc("--debug", "assess", str(EXAMPLE))
    assert run.exit_code == 3
    assert "Traceback (most recent call last)" in run.stderr
    assert "ZeroDivisionError: a bug planted by the test" in run.stderr
    assert "the traceback above" in run.stderr


def test_nothing_escapes_the_console_script_as_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    from wcc_assess.cli._app import run

    bare = typer.Typer()

    @bare.command()
    def explode() -> None:  # not guarded: the last line of defence is run()
        raise RuntimeError("outside any command's guard")

    monkeypatch.delenv("WCC_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["wcc"])
    with pytest.raises(SystemExit) as ended:
        run(bare)
    assert ended.value.code == 3
    err = capsys.readouterr().err
    assert "internal error: wcc failed: RuntimeError" in err and "Traceback" not in err


def _result_with(wcc: Wcc, change: Callable[[dict[str, Any]], Any]) -> str:
    data = result_json(wcc)
    change(data)
    return json.dumps(data)


def _deep(text: str) -> str:  # 2,000 levels, 8 KB: too deep for Python's own json
    return text.replace('"warnings": [', '"warnings": [' + "[" * 2000 + "]" * 2000 + ", ", 1)


def _level(value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["domains"][0]["level"] = value

    return change


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        where = data
        *parents, last = key.split("/")
        for part in parents:
            where = where[int(part)] if part.isdigit() else where[part]
        where[last] = value

    return change


HOSTILE_RESULTS: list[tuple[str, Callable[[str], str] | Callable[[dict[str, Any]], None], str]] = [
    ("deep", _deep, "nested more than 64 levels"),
    ("nan", _set("overall/score", float("nan")), "NaN is not a number JSON allows"),
    ("infinity", _set("overall/percent", float("inf")), "Infinity is not a number JSON allows"),
    ("big score", _set("overall/score", 10**4000), "a number written with 4,001 characters"),
    ("big version", _set("schema_version", "1." + "9" * 5000), "schema version"),
    ("huge float", lambda text: text.replace('"percent": ', '"percent": 1e999, "x": ', 1), "1e999"),
    ("surrogate", _set("organisation", "\ud800 ICB"), "lone surrogate"),
    ("level -5", _level(-5), "domains.C1.level: level -5 is not on the result's scale"),
    ("level 10^30", _level(10**30), "level 1000000000000000000000000000000 is not on"),
    ("percent", _set("overall/percent", 150.0), "overall.percent: percent 150 is out of range"),
    ("period", _set("period", "2025/26\n"), "is not a financial year"),
    ("full-width period", _set("period", "２０２５/26"), "U+FF12 FULLWIDTH DIGIT TWO"),
    ("date zero", _set("assessed_on", 0), "expected a date written YYYY-MM-DD, got the number 0"),
    ("timestamp", _set("assessed_on", "2025-10-14T00:00:00+01:00"), "write dates as YYYY-MM-DD"),
]


@pytest.mark.parametrize(
    ("change", "fragment"), [c[1:] for c in HOSTILE_RESULTS], ids=[c[0] for c in HOSTILE_RESULTS]
)
@pytest.mark.parametrize("command", ["assess", "trend", "cohort"])
def test_hostile_result_json_is_refused_everywhere_it_is_read(
    wcc: Wcc, tmp_path: Path, change: Any, fragment: str, command: str
) -> None:
    base = result_json(wcc, LAST_YEAR)
    text = json.dumps(base, allow_nan=True)
    if change.__code__.co_varnames[:1] == ("text",):
        text = change(text)
    else:
        change(base)
        text = json.dumps(base, allow_nan=True)
    hostile = tmp_path / "last.json"
    hostile.write_text(text, encoding="utf-8", errors="surrogatepass")
    if command == "assess":
        run = wcc("assess", str(EXAMPLE), "--baseline", str(hostile), "--format", "json")
        refused(run, "last.json", fragment)
    elif command == "trend":
        refused(wcc("trend", str(hostile), str(EXAMPLE)), "last.json", fragment)
    else:
        run = wcc("cohort", str(EXAMPLE), "--baseline", str(hostile), "--format", "json")
        assert run.exit_code == 2 and "Traceback" not in run.stderr
        [listed] = json.loads(run.stdout)["invalid"]
        assert listed["file"].endswith("last.json")
        said = [f"{e['path']}: {e['message']} ({e['hint']})" for e in listed["errors"]]
        assert any(fragment in line for line in said), said


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("domains:\n  C1:\n    C1.1: {level: " + "9" * 5000 + "}\n", "5,000 characters"),
        ("domains:\n  " + "7" * 5000 + ": {}\n", "5,000 characters"),
        ("organisation: {name: A, code: " + "0x" + "F" * 5000 + "}\n", "too long to be read"),
        ("organisation: {name: A, code: " + "1" * 3000 + ".5}\n", "too long to be read"),
        ("organisation: {name: A, code: !!int " + "1" * 200 + "}\n", "too long to be read"),
        ("organisation: {name: A, code: !!int 1:59:59}\n", "base-60"),
    ],
    ids=["value", "key", "hex", "float", "tagged", "tagged base-60"],
)
def test_huge_yaml_numbers_are_refused_where_they_stand(
    wcc: Wcc, write_yaml: Write, text: str, fragment: str
) -> None:
    path = write_yaml("framework: wcc\n" + text)
    out = refused(wcc("validate", str(path)), fragment, stream="stdout")
    assert re.search(r"\.yaml:\d+:\d+: error: ", out)


def test_base_60_numbers_are_text_in_any_field(wcc: Wcc, write_yaml: Write) -> None:
    data = wcc_submission()
    data["domains"]["C1"]["C1.1"]["narrative"] = "1:30"
    text = dump(data).replace("narrative: '1:30'", "narrative: 1:30")
    text = text.replace("level: 2", "level: 1:59:59:59", 1)
    run = wcc("validate", str(write_yaml(text)))
    out = refused(run, "expected a whole number, got the text '1:59:59:59'", stream="stdout")
    assert out.count("error:") == 1  # the narrative 1:30 is the text it says


def test_rich_markup_and_escapes_never_reach_a_terminal_as_markup(wcc: Wcc) -> None:
    from wcc_assess.render import ASSESS
    from wcc_assess.render.formats import AssessFormat
    from wcc_assess.render.interface import RenderOptions
    from wcc_assess.usecases.assess import AssessOptions, assess_file

    result = assess_file(ASSURANCE, AssessOptions(), generated_at="2026-11-30T00:00:00Z").result
    assert result.outcomes is not None
    hostile = "Life [/bold] expectancy [link=https://evil.example]click[/link] \x1b]8;;x\x07"
    measures = [m.model_copy(update={"name": hostile}) for m in result.outcomes.measures]
    outcomes = result.outcomes.model_copy(update={"measures": measures})
    doctored = result.model_copy(update={"outcomes": outcomes, "organisation": "[bold]Org"})
    table = ASSESS.render(doctored, AssessFormat.TABLE, RenderOptions(color=True, width=200))
    assert "Life [/bold] expectancy" in table and "[bold]Org" in table
    assert "\x1b]8;" not in table  # no OSC 8 link: only the escape, shown as text
    assert r"\x1b]8;;x\x07" in table


@POSIX
@pytest.mark.parametrize("command", [["assess", "-"], ["validate", "-"], ["explain", "-"]])
def test_a_closed_stdin_is_a_clear_refusal(command: list[str]) -> None:
    done = wcc_process(*command, preexec_fn=lambda: os.close(0))
    assert done.returncode == 2, done.stderr
    assert b"standard input is closed" in done.stderr + done.stdout
    assert b"Traceback" not in done.stderr


@POSIX
def test_a_symlink_loop_in_a_cohort_folder_with_an_output(wcc: Wcc, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "round").symlink_to(folder, target_is_directory=True)
    out = tmp_path / "cohort.json"
    run = wcc("cohort", str(folder), "--format", "json", "-o", str(out))
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["graded"] == 1
    [loop] = report["invalid"]
    assert loop["file"].endswith("loop.yaml") and "loop" in loop["errors"][0]["message"]
    # and as the output itself: a loop is nobody's input, and is not followed
    run = wcc("cohort", str(folder), "--format", "json", "-o", str(folder / "loop.yaml"))
    assert run.exit_code in (2, 0) and "Traceback" not in run.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_poisoned_file_never_takes_down_a_cohort(
    wcc: Wcc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    from wcc_assess.usecases import cohort

    for name in ("a", "poison", "c"):
        (tmp_path / f"{name}.yaml").write_text(
            EXAMPLE.read_text(encoding="utf-8").replace("QW9", f"Q{name.upper()[:2]}"),
            encoding="utf-8",
        )
    real = cohort._grade_yaml

    def sometimes(path: Path, name: str, settings: Any) -> Any:
        if path.name == "poison.yaml":
            raise KeyError("a bug planted in one file's grading")
        return real(path, name, settings)

    monkeypatch.setattr(cohort, "_grade_yaml", sometimes)  # forked workers inherit it
    run = wcc("cohort", str(tmp_path), "--format", "json", "--jobs", jobs)
    assert run.exit_code == 2 and "Traceback" not in run.stderr, run.stderr
    report = json.loads(run.stdout)
    assert report["graded"] == 2
    [poisoned] = report["invalid"]
    assert poisoned["file"].endswith("poison.yaml")
    message = poisoned["errors"][0]["message"]
    assert message.startswith("not graded: an internal error while grading it (KeyError")
    assert "issues" in poisoned["errors"][0]["hint"]


# B. Denial of service --------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("where", ["submission", "baseline", "framework", "cohort", "trend"])
def test_a_fifo_is_listed_not_read(tmp_path: Path, where: str) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    args = {
        "submission": ["assess", str(fifo)],
        "baseline": ["assess", str(EXAMPLE), "--baseline", str(fifo)],
        "framework": ["assess", str(EXAMPLE), "--framework", str(fifo)],
        "cohort": ["cohort", str(tmp_path), str(EXAMPLE)],
        "trend": ["trend", str(fifo), str(EXAMPLE)],
    }[where]
    done = wcc_process(*args, timeout=30)  # a blocked read would hang here
    assert done.returncode == 2, done.stderr
    assert b"is a named pipe (FIFO), not a regular file; it was not read" in done.stderr
    assert b"Traceback" not in done.stderr


@POSIX
def test_a_device_is_not_read(wcc: Wcc) -> None:
    refused(wcc("validate", "/dev/zero"), "is a character device", stream="stdout")


def test_diagnostics_are_capped_per_file(wcc: Wcc, write_yaml: Write) -> None:
    data = wcc_submission()
    data["domains"]["C1"].update({f"X{n}.{n}": {"level": 1} for n in range(3_000)})
    data.update({f"unknown{n}": n for n in range(70)})
    path = write_yaml(data)
    run = wcc("assess", str(path))
    lines = run.stderr.splitlines()
    assert run.exit_code == 2 and len(lines) <= 60
    assert "and 3,020 more errors not shown (only the first 50 are)" in run.stderr
    assert lines[-1] == "3,070 errors found; nothing was assessed."
    out = wcc("validate", str(path)).stdout
    assert out.rstrip().endswith("invalid (3,070 errors)")


def test_a_bad_cohort_file_is_parsed_with_positions_once_and_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wcc_assess.io import reading
    from wcc_assess.usecases import cohort, submissions

    data = wcc_submission()
    data["domains"]["C2"].update({f"Y{n}": 1 for n in range(500)})
    path = tmp_path / "bad.yaml"
    path.write_text(dump(data), encoding="utf-8")
    calls = {"positions": 0, "checks": 0}
    parse, check = reading.parse_yaml, submissions.submission_problems

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        calls["positions"] += 1
        return parse(*args, **kwargs)

    def counted_check(*args: Any, **kwargs: Any) -> Any:
        calls["checks"] += 1
        return check(*args, **kwargs)

    monkeypatch.setattr(reading, "parse_yaml", counted_parse)
    monkeypatch.setattr(submissions, "submission_problems", counted_check)
    [invalid] = cohort.grade_file(path, cohort.GradeSettings("x"))
    assert calls == {"positions": 1, "checks": 1}
    assert "500 more" in invalid.errors[-1].message or "more errors" in invalid.errors[-1].message


def test_base_60_costs_no_big_number_arithmetic(monkeypatch: pytest.MonkeyPatch) -> None:
    # The work measured is the number of base-60 conversions (each quadratic in the
    # number's length, as PyYAML does them): none, whatever the length.
    from wcc_assess.io import yamlsafe

    conversions = []
    real = yaml.SafeLoader.construct_yaml_int

    def counted(self: Any, node: Any) -> Any:
        conversions.append(len(node.value))
        return real(self, node)

    monkeypatch.setattr(yaml.SafeLoader, "construct_yaml_int", counted)
    number = "1" + ":59" * 100_000
    document = yamlsafe.parse_yaml(f"a: {number}\nb: [{number}, !!str 1:2]\n1:30: c\n")
    assert document.data == {"a": number, "b": [number, "1:2"], "1:30": "c"}
    assert conversions == []


def test_the_parser_stops_at_its_budget_of_values(monkeypatch: pytest.MonkeyPatch) -> None:
    # The work measured is the number of parser events read: a file of a million values
    # is refused after MAX_VALUES of them, whatever its length.
    from wcc_assess.io import yamlsafe

    events = 0

    class Counting(yamlsafe._Loader):  # type: ignore[misc, valid-type]
        def get_event(self) -> Any:
            nonlocal events
            events += 1
            return super().get_event()

    monkeypatch.setattr(yamlsafe, "_Loader", Counting)
    with pytest.raises(yamlsafe.YamlProblem, match="more than 100,000 values"):
        yamlsafe.parse_yaml("x:\n" + "  - 1\n" * 1_000_000)
    assert events <= yamlsafe.MAX_VALUES + 10


def test_many_badly_indented_lines_are_counted_not_each_reparsed(
    wcc: Wcc, write_yaml: Write
) -> None:
    path = write_yaml("framework: wcc\nx:\n" + "\tk: v\n" * 200_000)
    run = wcc("validate", str(path))
    assert run.exit_code == 2
    assert "and 199,950 more errors not shown" in run.stdout
    assert run.stdout.rstrip().endswith("invalid (200,000 errors)")


def _benchmark() -> Any:
    """``benchmarks/hostile.py``, whose worst cases the slow test runs."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("hostile", ROOT / "benchmarks" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOSTILE = _benchmark()


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HOSTILE.CASES))
def test_each_worst_case_file_is_refused_or_graded_promptly(tmp_path: Path, case: str) -> None:
    path, args = HOSTILE._write(tmp_path, case, *HOSTILE.CASES[case])
    assert path.stat().st_size <= 5 * 1024 * 1024
    done = wcc_process(*args, timeout=30)  # about a second of work; generous for a busy CI
    assert done.returncode in (0, 1, 2) and b"Traceback" not in done.stderr


# C. Nothing the user wrote is overwritten -------------------------------------------------


def _framework_copy(tmp_path: Path) -> Path:
    framework = tmp_path / "my-framework.yaml"
    framework.write_bytes((ROOT / "frameworks" / "wcc.yaml").read_bytes())
    return framework


def _linked(path: Path, how: str) -> Path:
    if how == "same":
        return path
    other = path.with_name(f"{how}-{path.name}")
    if how == "symlink":
        other.symlink_to(path.name)
    else:
        os.link(path, other)
    return other


@POSIX
@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize(
    "command",
    ["assess", "assess-report", "schema", "trend", "cohort", "init-force", "init-schema"],
)
def test_the_framework_file_is_never_overwritten(
    wcc: Wcc, tmp_path: Path, command: str, how: str
) -> None:
    framework = _framework_copy(tmp_path)
    before = framework.read_bytes()
    output = str(_linked(framework, how))
    args = {
        "assess": ["assess", str(EXAMPLE), "--framework", str(framework), "-o", output],
        "assess-report": [
            "assess",
            str(EXAMPLE),
            "--framework",
            str(framework),
            "--report",
            f"html={output}",
        ],
        "schema": ["schema", "--framework", str(framework), "-o", output],
        "trend": ["trend", str(EXAMPLE), "--framework", str(framework), "-o", output],
        "cohort": ["cohort", str(EXAMPLE), "--framework", str(framework), "-o", output],
        "init-force": ["init", "--framework", str(framework), "-o", output, "--force"],
        "init-schema": [
            "init",
            "--framework",
            str(framework),
            "-o",
            str(tmp_path / "new.yaml"),
            "--write-schema",
            "--schema",
            output,
            "--force",
        ],
    }[command]
    run = wcc(*args)
    assert run.exit_code == 2, (run.stdout, run.stderr)
    assert "refusing to write" in run.stderr and "Traceback" not in run.stderr
    assert framework.read_bytes() == before


@POSIX
@pytest.mark.parametrize("how", ["symlink", "hardlink"])
@pytest.mark.parametrize("role", ["submission", "baseline", "cohort member", "trend year"])
def test_no_input_is_overwritten_through_a_link(
    wcc: Wcc, tmp_path: Path, role: str, how: str
) -> None:
    source = tmp_path / "input.yaml"
    source.write_bytes((LAST_YEAR if role in ("baseline", "trend year") else EXAMPLE).read_bytes())
    before = source.read_bytes()
    output = str(_linked(source, how))
    args = {
        "submission": ["assess", str(source), "-o", output],
        "baseline": ["assess", str(EXAMPLE), "--baseline", str(source), "-o", output],
        "cohort member": ["cohort", str(tmp_path / "input.yaml"), "-o", output],
        "trend year": ["trend", str(source), str(EXAMPLE), "-o", output],
    }[role]
    run = wcc(*args)
    assert run.exit_code == 2 and "refusing to write" in run.stderr, run.stderr
    assert source.read_bytes() == before


@POSIX
def test_stdin_that_is_the_output_file_is_refused(tmp_path: Path) -> None:
    submission = tmp_path / "s.yaml"
    submission.write_bytes(EXAMPLE.read_bytes())
    before = submission.read_bytes()
    with submission.open("rb") as stdin:
        done = wcc_process("assess", "-", "-o", str(submission), stdin=stdin)
    assert done.returncode == 2, done.stderr
    assert b"refusing to write over" in done.stderr and b"standard input" in done.stderr
    assert submission.read_bytes() == before
    with submission.open("rb") as stdin:  # another output is fine
        done = wcc_process("assess", "-", "-o", str(tmp_path / "r.md"), stdin=stdin)
    assert done.returncode in (0, 1) and (tmp_path / "r.md").exists()


# D. Injection into terminals and CI logs --------------------------------------------------

INJECTED = "Evil\n::error file=x::pwned\r\n::add-mask::secret\n::stop-commands::tok"
CONTROLS = "a\x1b[2Jb\x1b]52;c;ZXZpbA==\x07c\x1b]8;;https://x\x07d\x9b31me\u202ef\u2066g\x85h"
RAW = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _workflow_commands(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("::")]


def test_no_diagnostic_starts_a_workflow_command(wcc: Wcc, tmp_path: Path) -> None:
    data = wcc_submission()
    data["domains"]["C1"][INJECTED] = {"level": 1}
    data[INJECTED] = "x"
    path = tmp_path / "Evil\n::error::named.yaml"
    path.write_text(dump(data), encoding="utf-8")
    for args in (["validate", str(path)], ["assess", str(path)], ["cohort", str(path)]):
        run = wcc(*args)
        assert run.exit_code == 2
        assert _workflow_commands(run.stdout + run.stderr) == [], args
        assert "\\n::error" in run.stdout + run.stderr  # shown, escaped, on its own line
    github = wcc("validate", "--format", "github", str(path)).stdout
    for line in github.splitlines():  # the github format's own commands, each well formed
        assert re.match(r"^::error file=[^,\n]*,line=\d+,col=\d+,title=wcc validate::", line)
        assert "\n" not in line and "%0A::" in line or "::error" not in line.split("::", 2)[2]


def test_no_report_line_starts_a_workflow_command(wcc: Wcc, tmp_path: Path) -> None:
    # Text over several lines (a narrative, a name, a reason) in every report a CI log may
    # show: no line of any of them starts with "::", even after spaces (the runner trims).
    data = parse_yaml_data(ASSURANCE.read_text(encoding="utf-8"))  # `on:` stays text
    data["organisation"]["name"] = INJECTED
    data["domains"]["C1"]["C1.1"]["narrative"] = INJECTED
    data["domains"]["C1"]["C1.1"]["evidence"][0]["title"] = INJECTED
    data["domains"]["C2"] = {"not_assessed": "  " + INJECTED}
    data["assessors"][0]["name"] = INJECTED
    path = tmp_path / "s.yaml"
    path.write_text(dump(data), encoding="utf-8")
    runs = [("assess", f) for f in ("table", "markdown", "html", "junit", "github")]
    runs += [("cohort", f) for f in ("table", "markdown", "html", "csv")]
    runs += [("trend", f) for f in ("table", "markdown", "html")]
    for command, fmt in runs:
        run = wcc(command, str(path), "--format", fmt)
        lines = (run.stdout + run.stderr).splitlines()
        commands = [line for line in lines if line.lstrip().startswith("::")]
        if fmt == "github":  # its own annotations, each one well formed
            assert all(re.match(r"^::(error|warning|notice) ", line) for line in commands)
            assert "%0A::error file=x::pwned" in run.stdout  # its line break, escaped
        else:
            assert commands == [], (command, fmt, commands)
    for subject in ("", "C1.1", "C1", "C2"):
        explained = wcc("explain", str(path), *([subject] if subject else [])).stdout
        assert not [line for line in explained.splitlines() if line.lstrip().startswith("::")]


def test_control_sequences_are_shown_escaped_everywhere(wcc: Wcc, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"]["name"] = f"NHS {CONTROLS} ICB"
    first = data["domains"]["C1"]["C1.1"]
    first["narrative"] = CONTROLS
    first["evidence"][0]["title"] = CONTROLS
    path = tmp_path / "s.yaml"
    path.write_text(dump(data), encoding="utf-8")
    outputs = {
        "table": wcc("assess", str(path)).stdout,
        "github": wcc("assess", str(path), "--format", "github").stdout,
        "explain": wcc("explain", str(path)).stdout + wcc("explain", str(path), "C1.1").stdout,
        "cohort": wcc("cohort", str(path)).stdout,
        "trend": wcc("trend", str(path)).stdout,
        "markdown": wcc("assess", str(path), "--format", "markdown").stdout,
    }
    for name, text in outputs.items():
        assert text, name
        assert not RAW.search(text), (name, RAW.findall(text))
        assert r"\x1b" in text or r"\\x1b" in text, name
        if name not in ("github", "cohort"):  # (the cohort table cuts the name short)
            assert r"\u202e" in text or r"\\u202e" in text, name


def test_markdown_never_mentions_anyone(wcc: Wcc, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"]["name"] = "@octocat and @nhs-england/assurance-team ICB"
    data["domains"]["C1"]["C1.1"]["narrative"] = "See #12, GH-34 and @board-secretary."
    data["assessors"][0]["name"] = "@dependabot"
    path = tmp_path / "s.yaml"
    path.write_text(dump(data), encoding="utf-8")
    documents = [
        wcc("assess", str(path), "--format", "markdown").stdout,
        wcc("cohort", str(path), "--format", "markdown").stdout,
        wcc("trend", str(path), "--format", "markdown").stdout,
    ]
    mention = re.compile(r"(?<![\w])@[A-Za-z0-9][\w-]*|#[0-9]+|\bGH-[0-9]+", re.I)
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    for document in documents:
        assert "@octocat" in document
        loose = []
        for token in parser.parse(document):
            for child in token.children or []:
                if child.type == "text":
                    loose += mention.findall(child.content)
            if token.type in ("html_block",):
                text = re.sub(r"<code>.*?</code>", "", token.content)
                loose += mention.findall(re.sub(r"<[^>]+>", " ", text))
        assert loose == [], loose


# E. Validation gaps -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "period", ["2026/27\n", "２０２６/２７", "٢٠٢٦/٢٧", " 2026/27", "2026/27 "], ids=repr
)
def test_a_period_is_ascii_digits_exactly(wcc: Wcc, write_yaml: Write, period: str) -> None:
    data = wcc_submission()
    data["period"] = period
    refused(wcc("validate", str(write_yaml(data))), "period: ", "financial year", stream="stdout")


def test_a_period_with_a_newline_cannot_slip_past_the_cohort_duplicate_rule(
    wcc: Wcc, write_yaml: Write
) -> None:
    one, two = wcc_submission(), wcc_submission()
    two["period"] = "2026/27\n"
    run = wcc("cohort", str(write_yaml(one)), str(write_yaml(two)), "--format", "json")
    assert run.exit_code == 2
    report = json.loads(run.stdout)
    assert report["graded"] == 1 and "financial year" in json.dumps(report["invalid"])


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("0", "expected a date written YYYY-MM-DD, got the number 0"),
        ("2026-10-14T10:00:00+01:00", "write dates as YYYY-MM-DD: 2026-10-14"),
        ("2026-10-14 10:00:00Z", "write dates as YYYY-MM-DD: 2026-10-14"),
        ("1760400000", "got the number 1760400000"),
        ("!!timestamp 2026-10-14T10:00:00Z", "is a date and time, not a date"),
    ],
)
def test_dates_are_a_day_written_yyyy_mm_dd(
    wcc: Wcc, write_yaml: Write, value: str, fragment: str
) -> None:
    text = dump(wcc_submission()).replace("assessed_on: '2026-10-01'", f"assessed_on: {value}")
    refused(wcc("validate", str(write_yaml(text))), "assessed_on: ", fragment, stream="stdout")


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object:os.system {}",
        "!!set {a: null}",
        "!!omap [a: 1]",
        "!custom [1, 2]",
        "!!python/object/apply:os.system [echo]",
    ],
)
def test_tags_on_mappings_and_lists_are_refused(wcc: Wcc, write_yaml: Write, tagged: str) -> None:
    text = dump(wcc_submission()).replace("assessors: []", "") + f"assessors: {tagged}\n"
    out = refused(wcc("validate", str(write_yaml(text))), "is not allowed", stream="stdout")
    assert re.search(r"\.yaml:\d+:12: error: the tag ", out)


def test_a_submission_in_json_syntax_is_a_baseline_too(wcc: Wcc, tmp_path: Path) -> None:
    data = yaml.safe_load(LAST_YEAR.read_text(encoding="utf-8"))
    path = tmp_path / "last.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    graded = wcc("assess", str(path), "--format", "json")
    assert graded.exit_code in (0, 1), graded.stderr
    run = wcc("assess", str(EXAMPLE), "--baseline", str(path), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    assert json.loads(run.stdout)["baseline"]["period"] == "2025/26"
    cohort = wcc("cohort", str(EXAMPLE), "--baseline", str(path), "--format", "json")
    assert json.loads(cohort.stdout)["baseline"] is not None, cohort.stderr
    # as json.dumps writes it by default: an emoji as a surrogate pair, which YAML refuses
    data["organisation"]["name"] = "Westmarsh \U0001f3e5 ICB"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert "\\ud83c\\udfe5" in path.read_text(encoding="utf-8")
    run = wcc("assess", str(EXAMPLE), "--baseline", str(path), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    assert wcc("assess", str(path), "--format", "json").exit_code in (0, 1)


def test_a_look_alike_id_names_the_character(wcc: Wcc, write_yaml: Write) -> None:
    data = wcc_submission()
    data["domains"]["С1"] = data["domains"].pop("C1")  # a Cyrillic С
    out = refused(wcc("validate", str(write_yaml(data))), stream="stdout")
    assert "unknown domain 'С1' ('С' is U+0421 CYRILLIC CAPITAL LETTER ES, not an ASCII " in out
    assert "did you mean C1?" in out
    explain = wcc("explain", str(EXAMPLE), "C1.１")
    refused(explain, "U+FF11 FULLWIDTH DIGIT ONE")


def test_a_bad_byte_after_cr_only_line_ends_is_located(wcc: Wcc, write_yaml: Write) -> None:
    lines = dump(wcc_submission()).encode().split(b"\n")
    lines[5] += b" \x81"  # not UTF-8, not Windows-1252 either
    path = write_yaml(b"\r".join(lines))
    out = refused(wcc("validate", str(path)), ":6:", "not valid UTF-8", stream="stdout")
    assert re.search(r":6:\d+: error: the file is not valid UTF-8", out)


# Every command under a locale that is not UTF-8 -------------------------------------------

LOCALES = {
    "C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    # en_US.ISO-8859-1 may not be installed; PYTHONIOENCODING gives Python the streams
    # that locale would give it.
    "latin-1": {
        "LC_ALL": "en_US.ISO-8859-1",
        "PYTHONUTF8": "0",
        "PYTHONIOENCODING": "iso-8859-1",
    },
}


def _every_command(tmp_path: Path) -> list[list[str]]:
    bad = EXAMPLES / "invalid" / "westmarsh-draft-with-errors.yaml"
    framework = ROOT / "frameworks" / "wcc.yaml"
    commands = [
        ["--version"],
        ["--help"],
        *([command, "--help"] for command in ("assess", "validate", "init", "schema")),
        *(["assess", str(ASSURANCE), "--format", f] for f in ("table", "markdown", "html")),
        *(["assess", str(ASSURANCE), "--format", f] for f in ("json", "junit", "github")),
        ["assess", str(EXAMPLE), "--baseline", str(LAST_YEAR), "--target", "2"],
        ["assess", str(bad)],
        ["validate", str(bad)],
        ["validate", str(bad), "--format", "github"],
        ["validate", str(EXAMPLE), str(framework)],
        ["init", "--organisation", "NHS Bro\u0308nte ICB", "--period", "2026/27"],
        ["init", "-o", str(tmp_path / "new.yaml"), "--write-schema"],
        ["schema"],
        ["schema", "--result"],
        ["explain", str(ASSURANCE)],
        ["explain", str(ASSURANCE), "C4.1"],
        ["explain", str(ASSURANCE), "finance"],
        ["explain", str(ASSURANCE), "life-expectancy"],
        ["explain", str(EXAMPLE), "nope"],
        ["trend", str(LAST_YEAR), str(EXAMPLE)],
        ["trend", str(LAST_YEAR), str(EXAMPLE), "--format", "markdown"],
        ["cohort", str(EXAMPLES), "--format", "table"],
        ["cohort", str(EXAMPLES), "--format", "csv"],
        ["frameworks", "list"],
        ["frameworks", "show", "wcc"],
        ["frameworks", "check", str(framework)],
    ]
    return commands


@pytest.mark.slow
@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_command_runs_in_a_locale_that_is_not_utf8(tmp_path: Path, locale: str) -> None:
    for args in _every_command(tmp_path):
        done = wcc_process(*args, env=LOCALES[locale], cwd=tmp_path)
        assert done.returncode in (0, 1, 2), (args, done.stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in done.stderr, args
        done.stdout.decode("utf-8")  # a report piped or redirected is UTF-8, whatever locale


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_a_report_in_a_latin1_locale_is_utf8_and_diagnostics_escape(
    tmp_path: Path, locale: str
) -> None:
    done = wcc_process("assess", str(ASSURANCE), "--format", "markdown", env=LOCALES[locale])
    assert done.returncode == 1, done.stderr
    assert "✅".encode() in done.stdout  # the document's own encoding
    data = wcc_submission()
    data["organisation"]["name"] = "Nové ✓ ICB"
    data["domains"]["C1"]["C1.✓"] = {"level": 1}
    path = tmp_path / "s.yaml"
    path.write_text(dump(data), encoding="utf-8")
    done = wcc_process("assess", str(path), env=LOCALES[locale])
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"unknown indicator 'C1.\\u2713'" in done.stderr  # escaped, not a crash


def test_file_modes_are_checked_not_guessed(tmp_path: Path) -> None:
    # A regular file that cannot be read is a refusal of its own, not a crash.
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root reads everything")
    path = tmp_path / "locked.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    path.chmod(0)
    done = wcc_process("validate", str(path))
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert done.returncode == 2 and b"cannot read the file" in done.stdout
