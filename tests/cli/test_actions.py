"""The development plan from the command line: bad input, ``wcc actions`` in every format,
``--fail-on-overdue`` on ``wcc assess``, and the annual cycle's commands."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest

from tests.cli.conftest import Run
from tests.conftest import DATA, EXAMPLES, ROOT, assert_golden, wcc_submission
from wcc_assess.cli.actions import StatusName
from wcc_assess.io.yamlsafe import parse_yaml_data
from wcc_assess.models.actions import ActionStatus
from wcc_assess.models.cohort import COHORT_SCHEMA_VERSION
from wcc_assess.render.actions.ics import fold, text_value, uid

Wcc = Callable[..., Run]
Write = Callable[..., Path]
NEW = EXAMPLES / "westmarsh-2026-27.yaml"
OLD = EXAMPLES / "westmarsh-2025-26.yaml"
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"
GOLDEN = DATA / "golden" / "actions"


def line_of(path: Path, text: str, after: int = 0) -> int:
    """The 1-based line of the first line (from ``after``) that starts with ``text``."""
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and line.startswith(text))


def with_actions(actions: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    data = wcc_submission()
    data.update(more)
    data["actions"] = actions
    return data


def good(action_id: str = "A1", **more: Any) -> dict[str, Any]:
    return {
        "id": action_id,
        "for": ["C11.2"],
        "action": "Monthly financial risk review with providers",
        "owner": "Deputy Director of Finance",
        "due": "2027-03-31",
        "status": "open",
    } | more


# Bad input: each a located error, exit 2, all reported at once.
def test_every_bad_action_is_reported_at_once_with_its_line(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(
        with_actions(
            [
                good("A1"),
                good("A1"),  # duplicate id
                good("A2", status="in progress"),  # a status outside the list
                good("A3", status="dropped"),  # dropped without a reason
                good("A4", due="next March"),  # not a date
                good("A5", **{"for": ["C11.2", "C11.9", "C77"]}),  # ids the framework lacks
                good("A6", reason="it was hard"),  # a reason for an action not dropped
                good("A7", raised="2027/28"),  # raised after the period assessed
                good("A8", **{"for": []}),
                good("A9", fro=["C1"]),
            ]
        )
    )
    run = wcc("validate", str(path))
    assert run.exit_code == 2 and "Traceback" not in run.stdout + run.stderr
    name = str(path)
    dash = "- id: "
    starts = [line_of(path, dash)]
    for _ in range(9):
        starts.append(line_of(path, dash, starts[-1]))

    def at(index: int, text: str) -> int:
        return line_of(path, text, starts[index] - 1)

    expected = [
        (
            at(1, "- id: A1"),
            "actions item 2.id: duplicate action id 'A1' "
            "(ids are unique; the first A1 is actions item 1)",
        ),
        (
            at(2, "  status:"),
            "actions.A2.status: expected 'open', 'in-progress', 'done' or "
            "'dropped', got 'in progress' (write it as in-progress)",
        ),
        (
            at(3, "  status:"),
            "actions.A3.status: a dropped action needs a reason (add reason: "
            '"<why it was dropped>")',
        ),
        (at(4, "  due:"), "actions.A4.due: 'next March' is not a date (write dates as YYYY-MM-DD)"),
        (
            at(5, "  - C11.9"),
            "actions.A5.for item 2: unknown domain or indicator 'C11.9' (did you mean C11.4?)",
        ),
        (
            at(5, "  - C77"),
            "actions.A5.for item 3: unknown domain or indicator 'C77' (did you mean C7?)",
        ),
        (
            at(6, "  reason:"),
            "actions.A6.reason: a reason is given only for a dropped action, "
            "and this one is open (put other remarks in note)",
        ),
        (
            at(7, "  raised:"),
            "actions.A7.raised: raised in 2027/28, after the period assessed "
            "(2026/27) (an action is raised in 2026/27 or an earlier period)",
        ),
        (at(8, "  for:"), "actions.A8.for: must not be empty"),
        (at(9, "  fro:"), "actions.A9.fro: unknown field 'fro' (did you mean for?)"),
    ]
    for line, message in expected:
        assert re.search(
            rf"^{re.escape(name)}:{line}:\d+: error: {re.escape(message)}$", run.stdout, flags=re.M
        ), (message, run.stdout)
    assert f"{name}: invalid (10 errors)" in run.stdout
    assessed = wcc("assess", str(path))
    assert assessed.exit_code == 2 and assessed.stdout == ""
    assert "10 errors found; nothing was assessed." in assessed.stderr


@pytest.mark.parametrize(
    ("actions", "fragment"),
    [
        ("not a list", "actions: expected a list, got 'not a list'"),
        (
            [good(due=20270331)],
            "actions.A1.due: expected a date written YYYY-MM-DD, got the number 20270331",
        ),
        ([good(owner="")], "actions.A1.owner: must not be empty"),
        ([good(id="A 1")], "actions item 1.id: 'A 1' is not in the expected form"),
        ([good(raised="2026-27")], "actions.A1.raised: '2026-27' is not a financial year"),
        ([{"id": "A1"}], "actions.A1: the field 'action' is required"),
    ],
)
def test_other_bad_actions(wcc: Wcc, write_yaml: Write, actions: Any, fragment: str) -> None:
    run = wcc("assess", str(write_yaml(with_actions(actions))))
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert fragment in run.stderr, run.stderr


def test_a_due_date_before_the_period_is_a_warning_not_an_error(
    wcc: Wcc, write_yaml: Write
) -> None:
    path = write_yaml(with_actions([good(due="2026-03-01")]))
    run = wcc("validate", str(path))
    assert run.exit_code == 0
    assert "warning: actions.A1: due 2026-03-01, before the period 2026/27 began" in run.stdout


def test_the_submission_schema_knows_the_plan(wcc: Wcc) -> None:
    import jsonschema

    schema = json.loads(wcc("schema").stdout)
    plan = schema["properties"]["actions"]
    validator = jsonschema.Draft202012Validator(schema)
    for path in (NEW, OLD, ASSURANCE):
        data = json.loads(json.dumps(parse_yaml_data(path.read_text("utf-8")), default=str))
        assert not list(validator.iter_errors(data)), path
    item = plan["items"]
    assert item["properties"]["status"]["enum"] == [s.value for s in ActionStatus]
    dropped = {**good(status="dropped")}
    errors = list(jsonschema.Draft7Validator(item).iter_errors(dropped))
    assert errors and "'reason' is a required property" in errors[0].message


# wcc assess --fail-on-overdue.
def test_fail_on_overdue(wcc: Wcc) -> None:
    run = wcc("assess", str(NEW), "--target", "1", "--fail-on-overdue", "-f", "json")
    assert run.exit_code == 1
    result = json.loads(run.stdout)
    assert [(f["kind"], f["action"], f["domain"]) for f in result["gate"]["failures"]] == [
        ("overdue-action", "A5", "C5")
    ]
    assert result["gate"]["failures"][0]["message"] == (
        "action A5 (Finish the data quality improvement plan, starting with an audit of "
        "community services coding with the community trust) is overdue by 14 days: due "
        "2026-09-30, in-progress; owner Chief Digital and Information Officer"
    )
    assert "gate failed: action A5 (Finish" in run.stderr
    assert wcc("assess", str(NEW), "--target", "1").exit_code == 0
    github = wcc("assess", str(NEW), "--target", "1", "--fail-on-overdue", "-f", "github")
    assert github.stdout.splitlines()[0].startswith(
        f"::error file={NEW},line={line_of(NEW, '  - id: A5')},title=wcc assess%3A "
        "overdue-action::action A5"
    )
    markdown = wcc("assess", str(NEW), "--target", "1", "--fail-on-overdue", "-f", "markdown")
    assert "**❌ 1 action overdue**" in markdown.stdout


def test_github_annotations_point_at_the_action_and_the_gap(wcc: Wcc) -> None:
    run = wcc("assess", str(NEW), "--baseline", str(OLD), "-f", "github")
    lines = run.stdout.splitlines()
    overdue = [line for line in lines if "overdue action" in line]
    assert overdue == [
        f"::warning file={NEW},line={line_of(NEW, '  - id: A5')},title=wcc assess%3A overdue "
        "action::action A5 Finish the data quality improvement plan, starting with an audit of "
        "community services coding with the community trust (Chief Digital and Information "
        "Officer, due 30 September 2026, in progress, overdue by 14 days)"
    ]
    gaps = [line for line in lines if "no action planned" in line]
    assert gaps == [
        f"::warning file={NEW},line={line_of(NEW, '  C10:  #')},title=wcc assess%3A no action "
        "planned::C10 Manage the local health system: level 2, below its target of 3; no open or "
        "in-progress action is for it"
    ]
    vanished = [line for line in lines if "vanished" in line]
    assert vanished == [
        f"::warning file={NEW},title=wcc assess%3A vanished action::action A8 (Take the "
        "programme budgeting and benchmarking results to the Board before each investment "
        "round), open at the 2025/26 assessment, is not in this year's plan, and not said to be "
        "done or dropped"
    ]


# wcc actions.
SUFFIX = {"table": ".txt", "markdown": ".md", "csv": ".csv", "json": ".json", "ics": ".ics"}


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_golden_actions(wcc: Wcc, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """The Westmarsh 2026/27 plan in every format; regenerate with UPDATE_GOLDEN=1."""
    monkeypatch.chdir(ROOT)
    run = wcc("actions", NEW.relative_to(ROOT).as_posix(), "-f", fmt)
    assert run.exit_code == 0, run.stderr
    assert_golden(run.stdout, GOLDEN / f"westmarsh-2026-27{SUFFIX[fmt]}")


def test_the_markdown_task_list(wcc: Wcc) -> None:
    text = wcc("actions", str(NEW), "-f", "markdown").stdout
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(items) == 8
    assert sum(line.startswith("- [x]") for line in items) == 5  # four done, one dropped
    assert "- [x] ~~**A6** Agree a joint delivery plan" in text
    assert "- [ ] **A5** Finish the data quality improvement plan" in text
    assert "⏰ In progress, overdue by 14 days" in text
    headings = re.findall(r"^### (C\d+) ", text, flags=re.M)
    assert headings == ["C2", "C5", "C6", "C7", "C9", "C11"]
    assert "⚠️ **No open or in-progress action for:** C10 Manage the local health system" in text


def test_filters(wcc: Wcc) -> None:
    def ids(*args: str) -> list[str]:
        rows = csv.DictReader(io.StringIO(wcc("actions", str(NEW), "-f", "csv", *args).stdout))
        return [row["id"] for row in rows]

    assert ids() == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A9"]
    assert ids("--owner", "finance") == ["A1", "A3", "A9"]
    assert ids("--status", "open", "--status", "in-progress") == ["A3", "A5", "A9"]
    assert ids("--overdue") == ["A5"]
    assert ids("--owner", "chief finance", "--status", "done") == ["A1"]
    assert ids("--owner", "nobody") == []
    table = wcc("actions", str(NEW), "--owner", "finance", "--status", "done").stdout
    assert "1 of the plan's 8 actions (owner contains “finance”; status done)" in table


def test_exit_codes(wcc: Wcc, write_yaml: Write) -> None:
    assert wcc("actions", str(NEW)).exit_code == 0
    failed = wcc("actions", str(NEW), "--fail-on-overdue")
    assert failed.exit_code == 1
    assert wcc("actions", str(NEW), "--fail-on-overdue", "--owner", "finance").exit_code == 0
    plain = write_yaml(wcc_submission())
    empty = wcc("actions", str(plain), "--fail-on-overdue")
    assert empty.exit_code == 0 and "The submission lists no actions." in empty.stdout
    assert wcc("actions", str(plain), "--status", "closed").exit_code == 2
    broken = write_yaml(with_actions([good(status="later")]))
    assert wcc("actions", str(broken)).exit_code == 2


def test_status_choices_are_the_models() -> None:
    assert [s.value for s in StatusName] == [s.value for s in ActionStatus]


def test_csv_is_rfc_4180_and_defused(wcc: Wcc, write_yaml: Write) -> None:
    path = write_yaml(
        with_actions(
            [
                good("A1", action='=HYPERLINK("http://evil.example","x"), "quoted"\nnext line'),
                good("A2", owner="+44 20 7946 0000", note="@SUM(1)", status="done"),
                good("A3", status="dropped", reason="-1 for the budget"),
            ]
        )
    )
    out = path.with_suffix(".csv")
    assert wcc("actions", str(path), "-f", "csv", "-o", str(out)).exit_code == 0
    text = out.read_bytes().decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "").replace('quoted""\nnext', "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:5] == ["organisation", "code", "period", "id", "for"]
    assert all(len(row) == len(rows[0]) for row in rows)
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert '\'=HYPERLINK("http://evil.example","x"), "quoted"\nnext line' in cells
    assert "'+44 20 7946 0000" in cells and "'@SUM(1)" in cells and "'-1 for the budget" in cells


# iCalendar, read by a real parser.
def calendar(text: str) -> Any:
    return icalendar.Calendar.from_ical(text.encode("utf-8"))


def ics_of(wcc: Wcc, path: Path, tmp_path: Path) -> str:
    out = tmp_path / f"{path.stem}.ics"
    assert wcc("actions", str(path), "-f", "ics", "-o", str(out)).exit_code == 0
    return out.read_bytes().decode("utf-8")


def test_ics_parses_with_a_real_icalendar_parser(wcc: Wcc, tmp_path: Path) -> None:
    text = ics_of(wcc, NEW, tmp_path)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    events = calendar(text).walk("VEVENT")
    assert len(events) == 8
    a5 = next(e for e in events if str(e["SUMMARY"]).startswith("A5"))
    assert a5["DTSTART"].dt == date(2026, 9, 30) and a5["DTEND"].dt == date(2026, 10, 1)
    assert str(a5["SUMMARY"]).endswith("(overdue)")
    assert "Owner: Chief Digital and Information Officer" in str(a5["DESCRIPTION"])
    assert "Status: In progress, overdue by 14 days" in str(a5["DESCRIPTION"])
    # DTSTAMP is the report's timestamp: SOURCE_DATE_EPOCH=1790000000 in these tests.
    assert a5["DTSTAMP"].dt.isoformat() == "2026-09-21T14:13:20+00:00"
    dropped = next(e for e in events if str(e["SUMMARY"]).startswith("Dropped: A6"))
    assert str(dropped["STATUS"]) == "CANCELLED"
    assert str(a5["UID"]) == uid("QW9", "A5")


def test_ics_uids_are_stable_from_year_to_year(wcc: Wcc) -> None:
    def uids(path: Path) -> dict[str, str]:
        events = calendar(wcc("actions", str(path), "-f", "ics").stdout).walk("VEVENT")
        return {str(e["SUMMARY"]).split(" due:")[0].split()[-1]: str(e["UID"]) for e in events}

    old, new = uids(OLD), uids(NEW)
    assert len(set(new.values())) == len(new)
    assert {key: old[key] for key in old.keys() & new.keys()} == {
        key: new[key] for key in old.keys() & new.keys()
    }


HOSTILE = (
    "a;b,c\\d\ne:f <script>alert(1)</script> \x1b[2J bidi\u202eok "
    "=HYPERLINK(1) ünïcödé 日本語テキスト " * 3
)


def test_ics_escapes_and_folds_hostile_text(wcc: Wcc, write_yaml: Write, tmp_path: Path) -> None:
    path = write_yaml(with_actions([good(action=HOSTILE, owner=HOSTILE, note=HOSTILE)]))
    text = ics_of(wcc, path, tmp_path)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
        assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
    (event,) = calendar(text).walk("VEVENT")
    summary = str(event["SUMMARY"])
    assert summary.startswith("A1 due: a;b,c\\d\ne:f <script>") or summary.startswith(
        "A1 due: a;b,c\\d"
    )
    description = str(event["DESCRIPTION"])
    assert "a;b,c\\d\ne:f <script>alert(1)</script> \\x1b[2J bidi\\u202eok" in description
    assert "日本語テキスト" in description


@pytest.mark.parametrize(
    "line",
    ["x" * 200, "é" * 100, "日" * 60 + "a" * 7, "DESCRIPTION:" + "😀" * 40, "short"],
)
def test_folding_never_splits_a_character(line: str) -> None:
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line


def test_text_values_are_escaped() -> None:
    assert text_value("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert (
        text_value("bell\x07 esc\x1b") == "bell\\\\x07 esc\\\\x1b"
    )  # shown escaped, then a TEXT backslash


# The annual cycle: init --from, rate, assess with the baseline, actions.
def fill_levels(text: str) -> str:
    return re.sub(r"^      level:  # .*$", "      level: 1", text, flags=re.M)


@pytest.mark.parametrize("source", [OLD, NEW, ASSURANCE], ids=lambda p: p.stem)
def test_init_from_last_year_validates_once_rated(wcc: Wcc, tmp_path: Path, source: Path) -> None:
    last = parse_yaml_data(source.read_text("utf-8"))
    out = tmp_path / "next.yaml"
    run = wcc("init", "--from", str(source), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text("utf-8")
    data = parse_yaml_data(text)
    start = int(last["period"][:4]) + 1
    assert data["period"] == f"{start}/{(start + 1) % 100:02d}"
    assert data["assessed_on"] == last["assessed_on"].replace(year=last["assessed_on"].year + 1)
    for key in ("framework", "organisation", "assessors"):
        assert data[key] == last[key], key
    assert data.get("targets") == last.get("targets")
    assert all(
        entry == {"level": None, "narrative": "", "evidence": []}
        for domain in data["domains"].values()
        for entry in domain.values()
    )
    live = [a for a in last["actions"] if a["status"] in ("open", "in-progress")]
    assert [a["id"] for a in data["actions"]] == [a["id"] for a in live]
    for carried, was in zip(data["actions"], live, strict=True):
        assert carried["raised"] == was.get("raised", last["period"])
        for key in ("for", "action", "owner", "due", "status", "note"):
            assert carried.get(key) == was.get(key), key
    if "outcomes" in last:
        assert data["outcomes"] == last["outcomes"]
    assert "panel" not in data and "governance" not in data
    assert wcc("validate", str(out)).exit_code == 2  # levels are blank
    out.write_text(fill_levels(text), encoding="utf-8")
    assert wcc("validate", str(out)).exit_code == 0, wcc("validate", str(out)).stdout


def test_init_from_shows_last_years_level_and_the_plans_state(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "2027-28.yaml"
    run = wcc("init", "--from", str(NEW), "-o", str(out))
    text = out.read_text("utf-8")
    assert "  C10:  # Manage the local health system; 2026/27: level 2" in text
    assert "      level:  # 1-4; 2026/27: 4" in text  # C4.1
    assert (
        "      level:  # 1-4; 2026/27: 2 (claimed 3, capped by the evidence rules)" in text
    )  # C6.1
    assert "      level:  # 1-4; 2026/27: not assessed (The joint wider-determinants" in text
    assert "    status: in-progress  # 2026/27: in progress, overdue by 14 days" in text
    assert "# Not carried, done or dropped in 2026/27: A1, A2, A4, A6, A7." in text
    assert "assessed_on: 2027-10-14" in text
    assert run.stderr.startswith(
        f"wrote {out} for 2027/28 from {NEW} (2026/27): carried actions A3, A5, A9; rate every "
        "indicator afresh"
    )


def test_init_from_never_overwrites(wcc: Wcc, tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused = wcc("init", "--from", str(NEW), "-o", str(out))
    assert refused.exit_code == 2 and "already exists; pass --force" in refused.stderr
    assert out.read_text("utf-8") == "mine\n"
    before = NEW.read_bytes()
    over_input = wcc("init", "--from", str(NEW), "-o", str(NEW), "--force")
    assert over_input.exit_code == 2 and "over the input file" in over_input.stderr
    assert NEW.read_bytes() == before
    assert wcc("init", "--from", str(NEW), "-o", str(out), "--force").exit_code == 0


def test_init_from_options(wcc: Wcc, tmp_path: Path, write_yaml: Write) -> None:
    out = tmp_path / "later.yaml"
    run = wcc("init", "--from", str(OLD), "--period", "2027/28", "--code", "QW8", "-o", str(out))
    assert run.exit_code == 0
    data = parse_yaml_data(out.read_text("utf-8"))
    assert (data["period"], data["assessed_on"], data["organisation"]["code"]) == (
        "2027/28",
        date(2027, 10, 15),
        "QW8",
    )
    same = wcc("init", "--from", str(OLD), "--period", "2025/26")
    assert same.exit_code == 2 and "--period 2025/26 is not after 2025/26" in same.stderr
    bad = wcc("init", "--from", str(OLD), "--period", "next year")
    assert bad.exit_code == 2 and "is not a financial year" in bad.stderr
    broken = write_yaml(with_actions([good(status="later")]))
    invalid = wcc("init", "--from", str(broken))
    assert invalid.exit_code == 2 and "actions.A1.status" in invalid.stderr
    leap = wcc_submission()
    leap.update(period="2023/24", assessed_on="2024-02-29")
    to_stdout = wcc("init", "--from", str(write_yaml(leap)))
    assert "assessed_on: 2025-02-28" in to_stdout.stdout


def test_the_annual_cycle_in_five_commands(wcc: Wcc, tmp_path: Path) -> None:
    """README: init --from, rate, validate, assess with the baseline, actions."""
    out = tmp_path / "2027-28.yaml"
    assert wcc("init", "--from", str(NEW), "-o", str(out)).exit_code == 0
    out.write_text(fill_levels(out.read_text("utf-8")), encoding="utf-8")
    assert wcc("validate", str(out)).exit_code == 0
    run = wcc("assess", str(out), "--baseline", str(NEW), "-f", "json")
    result = json.loads(run.stdout)
    followed = result["actions"]["follow_up"]
    assert followed["period"] == "2026/27"
    # Carried, the most overdue first: on 14 October 2027 A5 (due 30 September 2026) is
    # 379 days overdue, A3 and A9 (due 31 March 2027) 197 days.
    assert [(i["id"], i["outcome"], i["days_overdue"]) for i in followed["items"]] == [
        ("A5", "carried", 379),
        ("A3", "carried", 197),
        ("A9", "carried", 197),
    ]
    plan = wcc("actions", str(out), "--overdue", "-f", "csv").stdout
    assert [row["id"] for row in csv.DictReader(io.StringIO(plan))] == ["A3", "A5", "A9"]


# The plan in a cohort and a trend.
def test_trend_counts_each_years_plan(wcc: Wcc) -> None:
    run = wcc("trend", str(OLD), str(NEW), "-f", "json")
    periods = {p["period"]: p["actions"] for p in json.loads(run.stdout)["periods"]}
    assert periods["2025/26"] == {
        "total": 8,
        "open": 6,
        "in_progress": 2,
        "done": 0,
        "dropped": 0,
        "overdue": 0,
        "raised": 8,
    }
    assert periods["2026/27"] == {
        "total": 8,
        "open": 1,
        "in_progress": 2,
        "done": 4,
        "dropped": 1,
        "overdue": 1,
        "raised": 1,
    }
    table = wcc("trend", str(OLD), str(NEW)).stdout
    assert re.search(r"Actions raised\s+│\s+8\s+│\s+1", table), table
    assert re.search(r"Overdue\s+│\s+0\s+│\s+1", table), table


def test_cohort_counts_each_organisations_overdue_actions(
    wcc: Wcc, tmp_path: Path, write_yaml: Write
) -> None:
    plain = write_yaml(wcc_submission(), name="plain.yaml")  # T01: no plan
    run = wcc("cohort", str(NEW), str(plain), "-f", "json")
    cohort = json.loads(run.stdout)
    assert cohort["schema_version"] == COHORT_SCHEMA_VERSION
    rows = {e["code"]: (e["actions_overdue"], e["gaps_without_action"]) for e in cohort["league"]}
    assert rows == {"QW9": (1, 1), "T01": (None, 0)}
    assert cohort["actions"] == {
        "organisations": 1,
        "without": 1,
        "overdue": 1,
        "with_overdue": 1,
        "with_unplanned_gaps": 1,
    }
    out = tmp_path / "cohort.csv"
    assert wcc("cohort", str(NEW), str(plain), "-f", "csv", "-o", str(out)).exit_code == 1
    table = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
    assert [(r["code"], r["actions_overdue"], r["gaps_without_action"]) for r in table] == [
        ("QW9", "1", "1"),
        ("T01", "", "0"),
    ]
    markdown = wcc("cohort", str(NEW), str(plain), "-f", "markdown").stdout
    assert "| Overdue actions |" in markdown
    assert (
        "1 organisation lists a plan; 1 action overdue in all, at 1 organisation; 1 with a gap "
        "that no action covers; 1 lists no plan" in markdown
    )
    html = wcc("cohort", str(NEW), str(plain), "-f", "html").stdout
    assert '<th scope="col" class="num">Overdue actions</th>' in html
    without = wcc("cohort", str(plain), "-f", "markdown").stdout
    assert "Overdue actions" not in without


def test_init_from_a_framework_of_ones_own(wcc: Wcc, tmp_path: Path, write_yaml: Write) -> None:
    from tests.conftest import MINI, mini_submission

    data = mini_submission()
    data["actions"] = [
        {"id": "X1", "for": "B", "action": "a", "owner": "o", "due": "2027-01-31", "status": "open"}
    ]
    last = write_yaml(data, name="mini-2026-27.yaml")
    out = tmp_path / "mini-2027-28.yaml"
    run = wcc("init", "--from", str(last), "--framework", str(MINI), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text("utf-8")
    assert f"# mini is not built in: pass --framework {MINI}" in text
    assert wcc("validate", str(out), "--framework", str(MINI)).exit_code == 2
    out.write_text(fill_levels(text.replace("level:  # 1-4", "level:  # x")), encoding="utf-8")
    checked = wcc("validate", str(out), "--framework", str(MINI))
    assert checked.exit_code == 0, checked.stdout
    assert [a["id"] for a in parse_yaml_data(out.read_text("utf-8"))["actions"]] == ["X1"]
    assert wcc("init", "--from", str(last)).exit_code == 2  # mini is not built in


def test_explain_sums_the_plan_up(wcc: Wcc) -> None:
    text = wcc("explain", str(NEW)).stdout
    assert (
        "Development plan: 8 actions: 1 open, 2 in progress, 4 done, 1 dropped; 1 overdue; no\n"
        "  open or in-progress action for C10." in text
    )


COHORT_SUFFIX = {
    "table": ".txt",
    "markdown": ".md",
    "csv": ".csv",
    "html": ".html",
    "json": ".json",
}


@pytest.mark.parametrize("fmt", list(COHORT_SUFFIX))
def test_golden_cohort_with_plans(wcc: Wcc, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """A cohort where one organisation lists a plan and one does not; UPDATE_GOLDEN=1."""
    monkeypatch.chdir(ROOT)
    files = [
        NEW.relative_to(ROOT).as_posix(),
        (DATA / "reports" / "fenbridge-2026-27.yaml").relative_to(ROOT).as_posix(),
    ]
    run = wcc("cohort", *files, "-f", fmt)
    assert run.exit_code == 1, run.stderr
    assert_golden(run.stdout, GOLDEN / f"cohort{COHORT_SUFFIX[fmt]}")
