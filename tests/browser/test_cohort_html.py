"""The cohort HTML report as a person sees it, in a real headless Chromium."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.browser.test_html_report import CONTRAST_JS, Watched
from tests.conftest import ROOT
from wcc_assess.cli import app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path_factory.mktemp("cohort")
    generate(30, folder / "now", seed=3, period="2026/27")
    generate(28, folder / "before", seed=3, period="2025/26")
    (folder / "now" / "broken.yaml").write_text("framework: wcc\nperiod: [\n", encoding="utf-8")
    path = folder / "cohort.html"
    result = CliRunner().invoke(
        app,
        [
            "cohort",
            str(folder / "now"),
            "--baseline",
            str(folder / "before"),
            "--format",
            "html",
            "-o",
            str(path),
            "--quiet",
        ],
    )
    assert result.exit_code == 2, result.output  # broken.yaml is listed, the rest graded
    return path


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def opener(path: Path, *, javascript: bool = True, width: int = 1100) -> Watched:
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": 900}
        )
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto(path.as_uri())
        watched.page.wait_for_load_state("load")
        return watched

    yield opener
    for context in contexts:
        context.close()


def test_loads_without_errors_or_network_requests(open_page: Any, cohort_file: Path) -> None:
    watched = open_page(cohort_file)
    assert watched.requests == [cohort_file.as_uri()]
    assert not [m for m in watched.console if m.startswith(("error", "warning"))]
    assert watched.errors == [] and watched.dialogs == []
    assert watched.page.title() == (
        "Cohort report: World Class Commissioning organisational competencies, 2026/27"
    )


def test_charts_and_tables_show_with_javascript_off(open_page: Any, cohort_file: Path) -> None:
    page = open_page(cohort_file, javascript=False).page
    # WCC has no composite band, so there is no chart of bands.
    assert page.get_by_role("img", name=re.compile("by band")).count() == 0
    for name in ("Organisations at each level, by domain", "Mean score by domain"):
        chart = page.get_by_role("img", name=name)
        assert chart.is_visible(), name
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 80
    assert page.locator("svg rect").count() > 40
    for heading in ("Summary", "League table", "Domains across the cohort", "Not graded (1 file)"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    assert page.get_by_role("heading", name=re.compile("^Improvement since")).is_visible()
    league = page.get_by_role("table", name="League table of 30 organisations")
    assert league.locator("tbody tr").count() == 30
    assert page.get_by_text("broken.yaml", exact=False).first.is_visible()


def test_prints_on_a4(browser: Any, cohort_file: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(cohort_file.as_uri())
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert pdf.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) > 2
    for x0, y0, x1, y1 in boxes:
        width, height = float(x1) - float(x0), float(y1) - float(y0)
        assert abs(width - 595) < 2 and abs(height - 842) < 2, (width, height)


@pytest.mark.parametrize("media", ["screen", "print"])
def test_text_contrast_meets_wcag_aa(open_page: Any, cohort_file: Path, media: str) -> None:
    page = open_page(cohort_file).page
    page.emulate_media(media=media)
    outcome = page.evaluate(CONTRAST_JS)
    assert outcome["checked"] > 300
    assert outcome["failures"] == []


def test_fits_a_phone_screen(open_page: Any, cohort_file: Path) -> None:
    page = open_page(cohort_file, width=390).page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
