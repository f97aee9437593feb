"""Every output format has exactly one renderer module, and renders from the result only."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import DATA, EXAMPLES
from tests.render_support import FENBRIDGE, result_of
from wcc_assess.models.result import DomainResult
from wcc_assess.render import (
    ACTIONS,
    ASSESS,
    COHORT,
    TREND,
    AssessFormat,
    Family,
    RenderOptions,
    render,
)
from wcc_assess.render.diagnostics import framework_check_report, validate_report
from wcc_assess.render.formats import CheckFormat
from wcc_assess.usecases.check import check_file, check_framework_path


def test_every_format_has_a_renderer() -> None:
    assert all(ASSESS.renderer(fmt) for fmt in AssessFormat)
    assert {fmt.value for fmt in AssessFormat} == {
        "table",
        "markdown",
        "html",
        "json",
        "junit",
        "github",
    }


@pytest.mark.parametrize("fmt", list(AssessFormat))
def test_renderer_module_shape(fmt: AssessFormat) -> None:
    module = importlib.import_module(ASSESS.module(fmt))
    assert module.__name__ == f"wcc_assess.render.assess.{fmt.value}"
    assert module.__doc__
    signature = inspect.signature(module.render)
    assert list(signature.parameters) == ["result", "options"]
    assert ASSESS.renderer(fmt) is module.render


@pytest.mark.parametrize("fmt", list(AssessFormat))
def test_each_format_renders_a_result_deterministically(fmt: AssessFormat) -> None:
    result = result_of(FENBRIDGE)
    first = render(result, fmt, RenderOptions())
    assert first.strip()
    assert first.endswith("\n")
    assert render(result_of(FENBRIDGE), fmt, RenderOptions()) == first


@pytest.mark.parametrize("fmt", [AssessFormat.MARKDOWN, AssessFormat.HTML, AssessFormat.JUNIT])
def test_renderers_show_the_results_numbers_and_never_recompute(fmt: AssessFormat) -> None:
    """Give C1 a level and score its indicators could never produce: the report shows them."""
    result = result_of(FENBRIDGE)
    c1 = result.domain("C1")
    odd: DomainResult = c1.model_copy(update={"level": 4, "score": 3.21, "percent": 73.7})
    doctored = result.model_copy(
        update={"domains": [odd if d.id == "C1" else d for d in result.domains]}
    )
    text = render(doctored, fmt)
    if fmt is AssessFormat.JUNIT:
        assert "level 4, target 3" in text and "Score 3.21" in text
    elif fmt is AssessFormat.MARKDOWN:
        assert "| C1 Locally lead the NHS | 4 World class | 3 | ❌ below | 3.21 |" in text
    else:
        assert "3.21 (73.7%)" in text and "4 World class" in text


def test_templates_ship_inside_the_package() -> None:
    from importlib.resources import files

    templates = files("wcc_assess") / "templates"
    names = {entry.name for entry in templates.iterdir()}
    assert {"report.md.j2", "report.html.j2", "report.css"} <= names


@pytest.mark.parametrize(
    ("fmt", "jinja"), [("json", False), ("table", False), ("junit", False), ("markdown", True)]
)
def test_jinja_is_imported_only_for_template_formats(fmt: str, jinja: bool) -> None:
    code = (
        "import sys\n"
        "from wcc_assess.cli import app\n"
        "try:\n"
        f"    app(['assess', {str(FENBRIDGE)!r}, '-f', {fmt!r}, '-q'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json\n"
        "print(json.dumps('jinja2' in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(proc.stderr.strip().splitlines()[-1]) is jinja


@pytest.mark.parametrize(
    ("family", "fmt"),
    [(family, fmt) for family in (ASSESS, COHORT, TREND, ACTIONS) for fmt in family.formats],
    ids=lambda value: getattr(value, "name", None) or str(value),
)
def test_every_member_of_every_family_has_its_module(family: Family[Any, Any], fmt: Any) -> None:
    module = importlib.import_module(family.module(fmt))
    assert module.__name__ == f"{family.package}.{fmt.value}"
    assert module.__doc__
    assert len(inspect.signature(module.render).parameters) == 2
    assert list(inspect.signature(module.render).parameters)[1] == "options"
    assert family.renderer(fmt) is module.render


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_check_format_reports_both_kinds_of_check(fmt: CheckFormat) -> None:
    submission = check_file(EXAMPLES / "westmarsh-2026-27.yaml")
    framework = check_framework_path(DATA / "frameworks" / "mini.yaml")
    assert validate_report([submission], fmt)  # a warning, as an annotation too
    report = framework_check_report([framework], fmt)
    assert "mini.yaml" in report if fmt is not CheckFormat.GITHUB else report == ""
