"""``wcc frameworks check``, ``wcc schema``, ``wcc explain``, and ``--framework PATH``
everywhere a built-in id is accepted."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.cli.conftest import Run
from tests.conftest import EXAMPLES, MINI, mini_submission
from wcc_assess.io.frameworks import builtin_dir, builtin_ids
from wcc_assess.models.result import RESULT_SCHEMA_VERSION

Wcc = Callable[..., Run]
Write = Callable[..., Path]


def mini_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    return data


# wcc frameworks check -----------------------------------------------------------------


def test_check_clean_builtins(wcc: Wcc) -> None:
    # every file, earlier versions too (wcc@2008.yaml, written as changes to wcc.yaml)
    paths = sorted(str(path) for path in builtin_dir().glob("*.yaml"))
    assert len(paths) > len(builtin_ids())
    run = wcc("frameworks", "check", "--strict", *paths)
    assert run.exit_code == 0, run.stdout
    assert re.search(
        r"wcc@2008\.yaml: ok, framework wcc@2008: 11 domains, 44 indicators$", run.stdout, re.M
    )
    assert re.search(
        r"bs11000\.yaml: ok, framework bs11000@2010: 8 domains, 26 indicators$", run.stdout, re.M
    )
    assert "warning" not in run.stdout


def test_check_errors_exit_2_with_locations(wcc: Wcc, write_yaml: Write) -> None:
    data = mini_data()
    data["scoring"]["evidence"]["rules"].insert(0, {"level": 1, "min_items": 1})
    data["scoring"]["bands"][1]["label"] = "Weak"
    path = write_yaml(data)
    run = wcc("frameworks", "check", str(path))
    assert run.exit_code == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    found = re.findall(
        rf"^{re.escape(str(path))}:(\d+):(\d+): error: ([\w. ]+): ", run.stdout, re.M
    )
    assert [where for _, _, where in found] == [
        "scoring.evidence.rules item 1.level",
        "scoring.bands item 2.label",
    ]
    assert "level: 1" in lines[int(found[0][0]) - 1]
    assert "label: Weak" in lines[int(found[1][0]) - 1]
    assert run.stdout.rstrip().endswith(f"{path}: invalid (2 errors)")


def test_check_warnings_exit_0_unless_strict(wcc: Wcc, write_yaml: Write) -> None:
    data = mini_data()
    data["domains"][0]["indicators"][0]["id"] = "X1"
    path = write_yaml(data)
    run = wcc("frameworks", "check", str(path))
    assert run.exit_code == 0
    assert re.search(
        r":\d+:\d+: warning: domains\.A\.indicators\.X1\.id: indicator 'X1' does not "
        r"start with its domain's id 'A'",
        run.stdout,
    )
    assert run.stdout.rstrip().endswith("ok, framework mini@1: 2 domains, 5 indicators (1 warning)")
    assert wcc("frameworks", "check", "--strict", str(path)).exit_code == 2


def test_check_json_and_github(wcc: Wcc, write_yaml: Write) -> None:
    data = mini_data()
    data["domains"][1]["indicators"][0]["descriptors"].pop(2)
    path = write_yaml(data)
    run = wcc("frameworks", "check", "--format", "json", str(path), str(MINI))
    assert run.exit_code == 2
    report = json.loads(run.stdout)
    assert [(r["valid"], r["errors"], r["warnings"]) for r in report] == [
        (False, 1, 0),
        (True, 0, 0),
    ]
    assert report[0]["diagnostics"][0]["message"] == "B.1 has no descriptor for level 2"
    github = wcc("frameworks", "check", "--format", "github", str(path))
    assert re.match(
        rf"::error file={re.escape(str(path))},line=\d+,col=\d+,"
        r"title=wcc frameworks check::domains\.B\.indicators\.B\.1\.descriptors: ",
        github.stdout,
    )


def test_check_refuses_a_submission(wcc: Wcc) -> None:
    run = wcc("frameworks", "check", str(EXAMPLES / "westmarsh-2026-27.yaml"))
    assert run.exit_code == 2
    assert "this is a submission, not a framework" in run.stdout


def test_validate_also_reports_framework_warnings(wcc: Wcc, write_yaml: Write) -> None:
    data = mini_data()
    data["domains"][0]["indicators"][0]["id"] = "X1"
    run = wcc("validate", str(write_yaml(data)))
    assert run.exit_code == 0 and ": warning: domains.A.indicators.X1.id" in run.stdout


# wcc schema ---------------------------------------------------------------------------


def test_schema_default_is_wcc(wcc: Wcc) -> None:
    run = wcc("schema")
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["framework"]["enum"] == ["wcc", "wcc@2009"]


def test_schema_result(wcc: Wcc) -> None:
    run = wcc("schema", "--result")
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    assert schema["title"] == "wcc-assess result"
    assert f"schema_version {RESULT_SCHEMA_VERSION}" in schema["description"]
    both = wcc("schema", "--result", "--framework", "wcc")
    assert both.exit_code == 2 and "drop --framework" in both.stderr


def test_schema_unknown_framework(wcc: Wcc) -> None:
    run = wcc("schema", "--framework", "bs1100")
    assert run.exit_code == 2 and "did you mean bs11000?" in run.stderr


def test_init_then_schema_end_to_end(
    wcc: Wcc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission = tmp_path / "westmarsh.yaml"
    assert (
        wcc(
            "init",
            "--framework",
            "wcc",
            "--organisation",
            "NHS Test ICB",
            "--code",
            "QT1",
            "--period",
            "2026/27",
            "-o",
            str(submission),
        ).exit_code
        == 0
    )
    text = submission.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match
    command = re.search(
        r"^# Create the schema named above, in this file's folder: wcc (schema .* -o (\S+))$",
        text,
        re.M,
    )
    assert command and command[2] == match[1]
    # run the command the comment gives, in the submission's folder
    monkeypatch.chdir(tmp_path)
    run = wcc(*shlex.split(command[1]))
    assert run.exit_code == 0
    schema = json.loads((tmp_path / match[1]).read_text(encoding="utf-8"))
    check = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )

    def jsonable(path: Path) -> Any:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        return data

    # the blank fails (no levels yet) in the editor as in wcc validate ...
    assert list(check.iter_errors(jsonable(submission)))
    assert wcc("validate", str(submission)).exit_code == 2
    # ... and once every indicator is rated, both accept it
    submission.write_text(
        text.replace("      level:  # 1-4", "      level: 1  # 1-4"), encoding="utf-8"
    )
    assert list(check.iter_errors(jsonable(submission))) == []
    assert wcc("validate", str(submission)).exit_code == 0


def test_init_shows_phases(wcc: Wcc) -> None:
    run = wcc("init", "--framework", "bs11000")
    assert run.exit_code == 0
    assert "  S1:  # Awareness (phase: Strategic)\n" in run.stdout
    assert "wcc schema --framework bs11000 -o bs11000.schema.json\n" in run.stdout


# wcc explain --------------------------------------------------------------------------


def test_explain_overall_domain_and_indicator(wcc: Wcc) -> None:
    path = str(EXAMPLES / "new-commissioning-harbourside.yaml")
    overall = wcc("explain", path)
    assert overall.exit_code == 0  # explaining is not gating, even when a gate fails
    assert "Gate: failed" in overall.stdout
    domain = wcc("explain", path, "nc3")
    assert domain.exit_code == 0
    assert domain.stdout.startswith("NC3 System leadership across organisations\n")
    assert "so 2 more" in domain.stdout
    indicator = wcc("explain", path, "NC4.2")
    assert "Capped: the claimed level 3 is capped at 2" in indicator.stdout


def test_explain_unknown_id(wcc: Wcc) -> None:
    run = wcc("explain", str(EXAMPLES / "westmarsh-2026-27.yaml"), "C4-2")
    assert run.exit_code == 2
    assert "wcc has no domain or indicator 'C4-2' (did you mean C4.2?)" in run.stderr
    assert run.stdout == ""


def test_explain_governance_and_outcomes(wcc: Wcc) -> None:
    path = str(EXAMPLES / "westmarsh-2026-27-assurance.yaml")
    area = wcc("explain", path, "Finance")
    assert area.exit_code == 0
    assert area.stdout.startswith("finance Finance (governance)\n")
    assert "Rating: Red, because finance.1 is rated red.\n" in area.stdout
    assert "Points: 0 for red; its sub-indicators total 8 of 12.\n" in area.stdout
    item = wcc("explain", path, "finance.1")
    assert item.exit_code == 0
    assert "  Counts: Red, the organisation's own (no panel rating)\n" in item.stdout
    assert item.stdout.endswith(
        "To reach amber\n"
        "  Amber means: The plan was met only with non-recurrent measures, or the forecast is off\n"
        "    plan with an agreed recovery plan.\n"
    )
    off = wcc("explain", path, "dementia-diagnosis")
    assert (
        "  2025/26: aspiration 65, actual 64.2: off track (64.2 < 65, difference -0.8); 0.8\n"
        "    percentage points short of the aspiration, beyond the tolerance of 0.5\n"
    ) in off.stdout
    assert "Status: off track, as in 2025/26, the latest year with an actual.\n" in off.stdout
    lagged = wcc("explain", path, "life-expectancy")
    assert "  2025/26 (2023-2025, pooled): aspiration 80.5, no actual yet\n" in lagged.stdout
    assert "Status: on track, as in 2024/25, the latest year with an actual.\n" in lagged.stdout
    on = wcc("explain", path, "breastfeeding")
    assert "  2025/26: aspiration 47, actual 47.3: on track (47.3 ≥ 47, difference +0.3)\n" in (
        on.stdout
    )
    assert "Status: on track, as in 2025/26, the latest year with an actual.\n" in on.stdout
    overall = wcc("explain", path)
    assert "Governance: strategy amber, finance red, board amber (2 of 6 points).\n" in (
        overall.stdout
    )
    assert "Outcomes: 6 of 10 measures on track, 2 within tolerance, 2 off track.\n" in (
        overall.stdout
    )


def test_explain_unknown_assurance_id(wcc: Wcc) -> None:
    path = str(EXAMPLES / "westmarsh-2026-27-assurance.yaml")
    run = wcc("explain", path, "breastfeading")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.endswith(
        f"{path} has no domain, indicator, governance area, governance sub-indicator or "
        "outcome measure 'breastfeading' (did you mean breastfeeding?)\n"
    )


def test_explain_invalid_submission(wcc: Wcc) -> None:
    run = wcc("explain", str(EXAMPLES / "invalid" / "westmarsh-draft-with-errors.yaml"))
    assert run.exit_code == 2 and "nothing was assessed" in run.stderr


def test_explain_target_option(wcc: Wcc) -> None:
    path = str(EXAMPLES / "westmarsh-2026-27.yaml")
    run = wcc("explain", path, "C11", "--target", "2")
    assert "(from --target on the command line); status: met" in " ".join(run.stdout.split())
    assert wcc("explain", path, "--target", "9").exit_code == 2


# --framework PATH everywhere ----------------------------------------------------------


@pytest.fixture
def custom(tmp_path: Path) -> tuple[Path, Path]:
    """A framework that is not built in, and a submission for it."""
    framework = tmp_path / "frameworks" / "mini.yaml"
    framework.parent.mkdir()
    shutil.copy(MINI, framework)
    submission = tmp_path / "mine.yaml"
    submission.write_text(yaml.safe_dump(mini_submission()), encoding="utf-8")
    return framework, submission


def test_framework_path_for_assess_validate_explain(wcc: Wcc, custom: tuple[Path, Path]) -> None:
    framework, submission = custom
    # the id alone is not built in ...
    assert wcc("validate", str(submission)).exit_code == 2
    # ... but the file works everywhere
    assert wcc("validate", "--framework", str(framework), str(submission)).exit_code == 0
    assessed = wcc("assess", "--framework", str(framework), str(submission), "-f", "json")
    assert assessed.exit_code == 0 and json.loads(assessed.stdout)["framework"]["id"] == "mini"
    explained = wcc("explain", "--framework", str(framework), str(submission), "A.1")
    assert explained.exit_code == 0 and "What a panel would expect to see: a1-3" in (
        explained.stdout
    )


def test_framework_path_for_schema(wcc: Wcc, custom: tuple[Path, Path]) -> None:
    framework, submission = custom
    run = wcc("schema", "--framework", str(framework))
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    assert schema["properties"]["framework"]["enum"] == ["mini", "mini@1"]
    assert list(schema["properties"]["domains"]["properties"]) == ["A", "B"]


def test_framework_path_for_init(wcc: Wcc, custom: tuple[Path, Path], tmp_path: Path) -> None:
    framework, _ = custom
    out = tmp_path / "blank.yaml"
    run = wcc(
        "init",
        "--framework",
        str(framework),
        "--organisation",
        "Test ICB",
        "--code",
        "T01",
        "-o",
        str(out),
    )
    assert run.exit_code == 0
    assert f"wcc validate --framework {framework} {out}" in run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=mini.schema.json\n")
    spec = os.path.relpath(framework, out.parent)
    assert f"this file's folder: wcc schema --framework {spec} -o mini.schema.json\n" in text
    assert f"pass --framework {framework} to" in text
    rated = text.replace("      level:  # 1-4", "      level: 1  # 1-4")
    out.write_text(rated, encoding="utf-8")
    assert wcc("validate", "--framework", str(framework), str(out)).exit_code == 0


def test_invalid_framework_path_is_exit_2_everywhere(
    wcc: Wcc, custom: tuple[Path, Path], write_yaml: Write
) -> None:
    _, submission = custom
    data = mini_data()
    data["scale"][1]["level"] = 5
    bad = write_yaml(data, name="bad-framework.yaml")
    for args in (
        ("assess", str(submission)),
        ("validate", str(submission)),
        ("explain", str(submission)),
        ("schema",),
        ("init",),
    ):
        run = wcc(*args, "--framework", str(bad))
        assert run.exit_code == 2, args
        assert f"{bad}:" in run.stderr and "levels must be consecutive" in run.stderr, args


def _assess(wcc: Wcc, name: str) -> tuple[int, dict[str, Any]]:
    run = wcc("assess", str(EXAMPLES / name), "-f", "json")
    return run.exit_code, json.loads(run.stdout)


def _indicators(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for d in result["domains"] for i in d["indicators"]}


def test_kestrel_vale_story(wcc: Wcc) -> None:
    """What examples/README.md says of the bs11000 example."""
    code, result = _assess(wcc, "bs11000-kestrel-vale.yaml")
    assert code == 0 and result["gate"]["status"] == "passed"
    levels = {d["id"]: d["level"] for d in result["domains"]}
    assert levels == {"S1": 3, "S2": 2, "S3": 2, "S4": 2, "S5": 2, "S6": 2, "S7": 2, "S8": 2}
    # the 2024 selection under the Provider Selection Regime is rated, not skipped
    assert result["domains"][3]["status"] == "met"
    indicators = _indicators(result)
    assert indicators["S3.1"]["capped"] and indicators["S3.1"]["effective_level"] == 2
    s53 = indicators["S5.3"]
    assert (s53["claimed_level"], s53["panel_level"], s53["effective_level"]) == (3, 2, 2)
    # the independent member sits on the panel, not among the assessors
    assert result["panel"]["members"][0]["name"] == "Dr Sarah Quinn"
    overall = result["overall"]
    # seven claims of level 3 capped: S3.1 (no recent item), and six whose evidence lacks the
    # relationship management plan or a decision, which level 3 of BS 11000 asks for
    assert overall["capped_count"] == 7
    assert (overall["score"], overall["percent"], overall["band"]) == (2.16, 38.5, "Emerging")


def test_harbourside_story(wcc: Wcc) -> None:
    code, result = _assess(wcc, "new-commissioning-harbourside.yaml")
    assert code == 1 and [f["domain"] for f in result["gate"]["failures"]] == ["NC3"]
    nc3 = result["domains"][2]
    assert (nc3["level"], nc3["score"], nc3["weight"], nc3["target"]) == (2, 2.6, 2.0, 3)
    indicators = _indicators(result)
    assert not indicators["NC1.4"]["assessed"] and indicators["NC4.2"]["capped"]
    # NC1.3 and NC2.1 show no decision: capped at 2 by the kinds level 3 asks for
    assert indicators["NC1.3"]["capped"] and indicators["NC2.1"]["capped"]
    # overall (1×3 + 1×2.25 + 2×2.6 + 1×2.25) / 5 = 2.54, 51.3%. The band
    # follows the levels (3, 2, 2, 2): every domain at 2, only one of four at 3, so "In
    # transition", whatever the percent (which once gave "New commissioner").
    overall = result["overall"]
    assert (overall["score"], overall["percent"], overall["band"]) == (
        2.54,
        51.3,
        "In transition",
    )


def test_fenmoor_story(wcc: Wcc) -> None:
    code, result = _assess(wcc, "commissioning-for-quality-fenmoor.yaml")
    assert code == 0 and result["gate"]["status"] == "none"
    indicators = _indicators(result)
    cq13 = indicators["CQ1.3"]
    assert cq13["capped"] and cq13["evidence_counted"] == 1
    assert [e["counted"] for e in cq13["evidence"]] == [True, False]
    assert indicators["CQ2.2"]["effective_level"] == 4
    # CQ6 is at level 1, so not every domain is at 2: the first band, whatever the percent.
    overall = result["overall"]
    assert indicators["CQ3.3"]["cap"]["kinds_missing"] == ["result"]
    assert (overall["score"], overall["percent"], overall["band"]) == (2.36, 45.4, "Reactive")


def test_frameworks_show_prints_phases(wcc: Wcc) -> None:
    run = wcc("frameworks", "show", "bs11000")
    assert run.exit_code == 0
    assert "\nS1 Awareness  [Strategic]\n" in run.stdout
    assert "\nS8 Exit strategy  [Management]\n" in run.stdout


def test_help_imports_no_heavy_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from wcc_assess.cli import app; "
        "print(sorted(m for m in sys.modules if m.startswith(('wcc_assess.models', "
        "'wcc_assess.core.scoring', 'wcc_assess.render.schema', "
        "'wcc_assess.render.explain', 'jsonschema', "
        "'jinja2'))))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=EXAMPLES.parent,
    )
    assert proc.stdout.strip() == "[]"
