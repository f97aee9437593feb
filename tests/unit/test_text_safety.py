"""The same hostile strings, rendered by every renderer family, come out equally safe.

One submission carries, in every free-text field, HTML, rich markup, terminal escape
sequences (clear screen, an OSC 52 clipboard write, an OSC 8 link), C1 controls, bidi
overrides, a GitHub workflow command and a spreadsheet formula. It is rendered by every
format of every family: assess, cohort, trend, explain and the diagnostics of ``wcc
validate`` (for a file whose very name is hostile). Every output that people read must
carry none of the unsafe characters of :data:`wcc_assess.render._safety.UNSAFE` and must
show the markup as text; every HTML page has the one hardened head; JSON round-trips.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, evidence, mini_submission
from tests.render_support import scan_html
from wcc_assess.core.actions import plan_report
from wcc_assess.core.cohort import CohortOptions, build_cohort
from wcc_assess.core.trend import build_trend
from wcc_assess.io.xlsx import read_xlsx
from wcc_assess.models.actions import ActionFilters
from wcc_assess.models.result import Result
from wcc_assess.render import (
    ACTIONS,
    ASSESS,
    COHORT,
    TREND,
    ActionsFormat,
    AssessFormat,
    CohortFormat,
    TrendFormat,
)
from wcc_assess.render._safety import UNSAFE
from wcc_assess.render.diagnostics import framework_check_report, validate_report
from wcc_assess.render.explain import explain
from wcc_assess.render.formats import CheckFormat
from wcc_assess.render.interface import RenderOptions
from wcc_assess.usecases.assess import AssessOptions, assess_file
from wcc_assess.usecases.check import check_file, check_framework_path

MINI_ASSURANCE = DATA / "frameworks" / "mini-assurance.yaml"
STAMP = "2026-09-21T14:13:20Z"

ESCAPES = "\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;https://evil.example\x1b\\osc8\x1b]8;;\x1b\\"
HOSTILE = (
    "<script>alert(1)</script> [bold]rich[/bold] [link=https://evil.example]x[/link] "
    f"{ESCAPES} c1\x85\x9b31m bidi\u202eesrever\u2066iso\u2069 "
    "\n::error file=x.yaml::injected\n=HYPERLINK(1) | `tick` # heading"
)
"""One string with every kind of payload; every free-text field of the submission holds it."""

IN_A_NAME = "\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\u202e"
"""What a file name can hold of the escapes (no ``/``)."""

SGR = re.compile("\x1b\\[[0-9;]*m")
"""The colour codes the terminal renderers write themselves (with ``color`` on)."""


def hostile_submission(period: str = "2026/27", assessed_on: str = "2026-10-01") -> str:
    data = mini_submission()
    data.update(framework="mini-assurance", period=period, assessed_on=assessed_on)
    data["organisation"] = {"name": f"Org {HOSTILE}", "code": "X1"}
    data["assessors"] = [{"name": HOSTILE, "role": HOSTILE}]
    data["targets"] = {"default": 3}
    for domain in data["domains"].values():
        for entry in domain.values():
            entry.update(narrative=HOSTILE, panel_level=entry["level"], panel_note=HOSTILE)
            entry["evidence"] = [
                {"title": HOSTILE, "ref": HOSTILE, "date": "2026-01-10"},
                *evidence(1, prefix="ok"),
            ]
    data["domains"]["B"]["B.2"] = {"not_assessed": HOSTILE}
    data["panel"] = {"date": "2026-11-01", "members": [{"name": HOSTILE, "role": HOSTILE}]}
    item = {"rating": "red", "narrative": HOSTILE, "evidence": [], "panel_note": HOSTILE}
    data["governance"] = {
        "G": {"G.1": {**item, "panel_rating": "amber"}, "G.2": {"not_assessed": HOSTILE}},
        "H": {"not_assessed": HOSTILE},
    }
    data["outcomes"] = [
        {
            "id": measure,
            "name": HOSTILE,
            "unit": HOSTILE,
            "better": better,
            "source": HOSTILE,
            "baseline": {"period": "2023/24", "value": 12345.67},
            "trajectory": {"2024/25": 1.5, "2025/26": 2.25},
            "actuals": {"2024/25": 1.25},
        }
        for measure, better in (("le", "higher"), ("gap", "lower"))
    ]
    # Every field of the development plan holds the payload too (ids cannot: they are
    # checked against a pattern); one action is overdue, one dropped with a reason.
    data["actions"] = [
        {
            "id": "A1",
            "for": ["A.1"],
            "action": HOSTILE,
            "owner": HOSTILE,
            "due": "2026-05-01",
            "status": "open",
            "note": HOSTILE,
        },
        {
            "id": "A2",
            "for": ["B"],
            "action": HOSTILE,
            "owner": HOSTILE,
            "due": "2027-03-31",
            "status": "dropped",
            "reason": HOSTILE,
            "note": HOSTILE,
        },
    ]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def graded(path: Path, **options: Any) -> Result:
    framework = str(MINI_ASSURANCE)
    chosen = AssessOptions(framework=framework, fail_on_red=True, **options)
    return assess_file(path, chosen, generated_at=STAMP).result


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    earlier = folder / "earlier.yaml"
    earlier.write_text(hostile_submission("2025/26", "2025-10-01"), encoding="utf-8")
    now = folder / f"now {IN_A_NAME}.yaml"  # the file name is hostile too
    now.write_text(hostile_submission(), encoding="utf-8")
    broken = folder / f"broken {IN_A_NAME}.yaml"
    broken.write_text(f"framework: mini\n{HOSTILE!r}: 1\n", encoding="utf-8")
    return {"earlier": earlier, "now": now, "broken": broken}


def outputs(files: dict[str, Path]) -> Iterator[tuple[str, str]]:
    """Every output of every family, named ``family/format``."""
    earlier = graded(files["earlier"])
    result = graded(files["now"], baseline=files["earlier"], fail_on_regression=True)
    for color in (False, True):
        options = RenderOptions(color=color, width=400)
        for fmt in AssessFormat:
            yield f"assess/{fmt.value}/color={color}", ASSESS.render(result, fmt, options)
        cohort = build_cohort([result], _framework(), CohortOptions(STAMP), baseline=[earlier])
        for cohort_fmt in CohortFormat:
            yield (
                f"cohort/{cohort_fmt.value}/color={color}",
                COHORT.render(cohort, cohort_fmt, options),
            )
        trend = build_trend([("earlier", earlier), ("now", result)], generated_at=STAMP)
        for trend_fmt in TrendFormat:
            yield f"trend/{trend_fmt.value}/color={color}", TREND.render(trend, trend_fmt, options)
        plan = plan_report(result, ActionFilters(), generated_at=STAMP)
        for plan_fmt in ActionsFormat:
            yield f"actions/{plan_fmt.value}/color={color}", ACTIONS.render(plan, plan_fmt, options)
    for subject in (None, "A", "A.1", "G", "G.1", "le"):
        yield f"explain/{subject}", explain(result, _framework(), subject)
    checks = [check_file(files["now"]), check_file(files["broken"])]
    for check_fmt in CheckFormat:
        yield f"validate/{check_fmt.value}", validate_report(checks, check_fmt)
        framework_checks = [check_framework_path(files["broken"])]
        yield (
            f"frameworks-check/{check_fmt.value}",
            framework_check_report(framework_checks, check_fmt),
        )


def _framework() -> Any:
    from wcc_assess.usecases.frameworks import load_framework_file

    return load_framework_file(MINI_ASSURANCE)


def test_every_family_is_equally_safe(files: dict[str, Path]) -> None:
    seen = set()
    for name, text in outputs(files):
        family, fmt = name.split("/")[:2]
        seen.add(family)
        if fmt == "xlsx":  # a workbook: text stored as text, cleaned, never a formula
            assert isinstance(text, bytes)
            cells = [
                cell for sheet in read_xlsx(text, name).sheets for cell in sheet.cells.values()
            ]
            assert not [cell for cell in cells if cell.formula], name
            texts = [cell.value for cell in cells if isinstance(cell.value, str)]
            assert not [value for value in texts if UNSAFE.search(value)], name
            continue
        if fmt == "json":
            json.loads(text)  # the data itself, escaped by the serialiser: it round-trips
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), name
            continue
        plain = SGR.sub("", text)
        assert not UNSAFE.search(plain), (name, UNSAFE.findall(plain)[:5])
        if fmt == "html":  # one hardened head on every page
            tags = scan_html(text)
            metas = tags.named("meta")
            csp = [m["content"] for m in metas if m.get("http-equiv") == "Content-Security-Policy"]
            assert len(csp) == 1 and "default-src 'none'" in csp[0], name
            assert {"name": "referrer", "content": "no-referrer"} in metas, name
            assert not tags.named("script"), name
        if fmt in ("markdown", "html", "junit"):
            assert "<script>alert(1)" not in text, name
        if fmt == "table" or family == "explain" or name == "validate/text":
            assert "[bold]rich[/bold]" in plain, name  # rich markup is shown, not obeyed
        if fmt == "github":
            assert all(line.startswith("::") for line in text.splitlines()), name
        if fmt == "csv":
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
            assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))], name
        if fmt == "ics":
            lines = text.split("\r\n")
            assert all(len(line.encode("utf-8")) <= 75 for line in lines), name
            assert all(":" in line or line.startswith(" ") or not line for line in lines), name
            assert not [line for line in lines if line.startswith("::")], name
    assert seen == {
        "assess",
        "cohort",
        "trend",
        "explain",
        "validate",
        "frameworks-check",
        "actions",
    }


def test_an_outcome_value_reads_the_same_in_every_format(files: dict[str, Path]) -> None:
    """12345.67 was 12345.7 in the terminal and 12345.67 in Markdown: one wording now."""
    result = graded(files["now"])
    for fmt in (AssessFormat.TABLE, AssessFormat.MARKDOWN, AssessFormat.HTML):
        assert "12345.67" in ASSESS.render(result, fmt, RenderOptions(width=400)), fmt
    assert "12345.67" in explain(result, _framework(), "le")
