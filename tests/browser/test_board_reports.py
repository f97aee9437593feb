"""Every report as a board secretary and a phone user meet it, in a real headless Chromium.

Each example submission's HTML report, a cohort report and a trend report are rendered
once, then, for each:

- at 1280 px and at 390 px: axe-core finds no violation, the page never scrolls sideways
  (a wide table scrolls in its own focusable region, or stacks its rows), and a full-page
  screenshot is kept;
- printed to A4 by Chromium without its own header and footer: page 1 is the front sheet,
  the summary of an assessment fits in four pages before the appendix, the running footer
  counts the pages right, and, read back from the PDF's text layout, no page ends with a
  heading, a caption or a table's header row; every page is rasterised with pdftoppm.

The screenshots, PDFs and page images go to ``build/report-artifacts/`` (the README's
"Testing the reports"), which CI keeps as artifacts. axe-core comes from npm: the file in
``WCC_AXE_JS``, else ``.ci/npm/node_modules/axe-core/axe.min.js`` under the repository; a
missing axe-core fails the tests in CI and skips them elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from wcc_assess.cli import app

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"
ARTIFACTS = ROOT / "build" / "report-artifacts"
ASSESSMENTS = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
PAGES = [*ASSESSMENTS, "cohort", "trend"]
WIDTHS = [1280, 390]
SUMMARY_PAGES = 4
"""The summary of an assessment (after the front sheet, before the appendix) fits in this."""

MM = 72 / 25.4
A4_HEIGHT = 297 * MM
TOP_MARGIN, BOTTOM_MARGIN = 16 * MM, 18 * MM
"""The page margins of ``@page`` in _base.css: the running header and footer sit in them."""


def _axe_path() -> Path | None:
    named = os.environ.get("WCC_AXE_JS")
    candidates = [Path(named)] if named else []
    candidates.append(ROOT / ".ci" / "npm" / "node_modules" / "axe-core" / "axe.min.js")
    return next((path for path in candidates if path.is_file()), None)


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the report checks must run in CI, but {reason}", pytrace=False)
    pytest.skip(reason)


def _run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render every example, a cohort and a trend to HTML, once."""
    folder = tmp_path_factory.mktemp("board")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(24, folder / "cohort", seed=7, period="2026/27")
    generate(22, folder / "before", seed=7, period="2025/26")
    cohort_json = folder / "cohort.json"
    _run("cohort", str(folder / "cohort"), "-f", "json", "-o", str(cohort_json), "-q")
    out: dict[str, Path] = {}
    for name in ASSESSMENTS:
        out[name] = folder / f"{name}.html"
        # The assurance example shows every column: the panel's, last year's and the peers'.
        peers = [
            "--peers",
            str(cohort_json),
            "--baseline",
            str(EXAMPLES / "westmarsh-2025-26.yaml"),
        ]
        peers = peers if name == "westmarsh-2026-27-assurance" else []
        _run(
            "assess",
            str(EXAMPLES / f"{name}.yaml"),
            "-f",
            "html",
            "-o",
            str(out[name]),
            "-q",
            *peers,
        )
    out["cohort"] = folder / "cohort.html"
    before = ["--baseline", str(folder / "before")]
    _run("cohort", str(folder / "cohort"), *before, "-f", "html", "-o", str(out["cohort"]), "-q")
    out["trend"] = folder / "trend.html"
    westmarsh = [str(EXAMPLES / f"westmarsh-{y}.yaml") for y in ("2025-26", "2026-27")]
    _run("trend", *westmarsh, "-f", "html", "-o", str(out["trend"]), "-q")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def axe() -> Path:
    path = _axe_path()
    if path is None:
        _missing("axe-core is missing: npm install --prefix .ci/npm axe-core@4, or set WCC_AXE_JS")
    assert path is not None
    return path


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    # The reports' Content-Security-Policy forbids every script; axe-core is one.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


AXE_RUN = """
async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_every_report_is_accessible_at_both_widths(
    page: Any, pages: dict[str, Path], axe: Path, name: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(pages[name].as_uri())
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}px.png"), full_page=True)
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(AXE_RUN)
    assert violations == [], f"{name} at {width} px: {violations}"
    sideways = page.evaluate("document.documentElement.scrollWidth")
    assert sideways <= width, f"{name} at {width} px scrolls sideways ({sideways} px wide)"
    if width == 1280 and name in ASSESSMENTS:  # on a desktop, every column is in view
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('.table-scroll')]
                 .filter((e) => e.scrollWidth > e.clientWidth + 1)
                 .map((e) => e.getAttribute('aria-label'))"""
        )
        assert hidden == [], f"{name} at 1280 px: tables wider than the page: {hidden}"


def test_wide_tables_scroll_in_regions_a_keyboard_reaches(
    page: Any, pages: dict[str, Path]
) -> None:
    for name in PAGES:
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(pages[name].as_uri())
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('table')].filter((t) => {
                 const r = t.getBoundingClientRect();
                 if (r.right <= innerWidth + 1) return false;
                 const box = t.closest('[tabindex="0"][role="region"][aria-label]');
                 return !box || getComputedStyle(box).overflowX !== 'auto';
               }).map((t) => t.caption ? t.caption.textContent.trim() : t.outerHTML.slice(0, 60))"""
        )
        assert clipped == [], f"{name}: tables wider than a phone outside a scroll region"


class Line(NamedTuple):
    y: float
    text: str


def pdf_lines(pdf_page: Any) -> list[Line]:
    """Return a PDF page's lines of text inside the margins, top to bottom."""
    fragments: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if BOTTOM_MARGIN < y < A4_HEIGHT - TOP_MARGIN:
                fragments.append((y, x, text.strip()))

    pdf_page.extract_text(visitor_text=visit)
    rows: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in fragments:
        key = next((k for k in rows if abs(k - y) <= 2.5), y)
        rows.setdefault(key, []).append((x, text))
    return [
        Line(y, _norm(" ".join(text for _, text in sorted(rows[y]))))
        for y in sorted(rows, reverse=True)
    ]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufb00", "ff").replace("\ufb01", "fi")).strip()


HEADINGS_JS = """
() => [...document.querySelectorAll(
    'h1, h2, h3, h4, h5, caption, figcaption, thead tr, .appendix-label, .gate-title'
  )].map((e) => e.innerText.replace(/\\s+/g, ' ').trim()).filter((t) => t.length > 2)
"""


def ends_with_heading(lines: list[Line], headings: set[str]) -> str | None:
    """Return the heading that the last line (or the last two) of a page is, if any."""
    if not lines:
        return None
    last = lines[-1].text
    two = f"{lines[-2].text} {last}" if len(lines) > 1 else last
    for heading in headings:
        normal = _norm(heading)
        if last == normal or (two == normal) or (normal.endswith(last) and two.endswith(normal)):
            return heading
    return None


@pytest.mark.parametrize("name", PAGES)
def test_every_report_prints_as_a_board_paper(page: Any, pages: dict[str, Path], name: str) -> None:
    from pypdf import PdfReader

    if shutil.which("pdftoppm") is None:
        _missing("pdftoppm is missing (apt-get install poppler-utils)")
    page.goto(pages[name].as_uri())
    headings = set(page.evaluate(HEADINGS_JS))
    first_heading = page.evaluate("document.querySelector('h1').innerText")
    pdf = ARTIFACTS / f"{name}.pdf"
    page.pdf(path=str(pdf), print_background=True, prefer_css_page_size=True)
    reader = PdfReader(str(pdf))
    count = len(reader.pages)
    layouts = [pdf_lines(p) for p in reader.pages]
    texts = [_norm(p.extract_text()) for p in reader.pages]

    squeezed = re.sub(r"\s", "", " ".join(line.text for line in layouts[0]))
    assert re.sub(r"\s", "", first_heading) in squeezed  # page 1 is the front sheet
    assert "file://" not in " ".join(texts)  # no browser header or footer
    assert f"Page {count} of {count}" in texts[-1]
    for number, lines in enumerate(layouts, start=1):
        heading = ends_with_heading(lines, headings)
        assert heading is None, f"{name}: page {number} of {count} ends with {heading!r}"
    if name in ASSESSMENTS:
        appendix = next(i for i, t in enumerate(texts, 1) if "Appendix: the detail" in t)
        front = texts[0].lower()
        assert "status" in front and "headline" in front and "gate" in front
        assert "Summary" not in " ".join(line.text for line in layouts[0])
        assert 2 < appendix <= 2 + SUMMARY_PAGES, f"{name}: the appendix starts on page {appendix}"
    for old in ARTIFACTS.glob(f"{name}-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(pdf), str(ARTIFACTS / f"{name}-page")], check=True
    )
    assert len(list(ARTIFACTS.glob(f"{name}-page-*.png"))) == count


def test_windows_high_contrast_keeps_the_level_pips_and_charts(
    page: Any, pages: dict[str, Path]
) -> None:
    page.emulate_media(forced_colors="active")
    page.goto(pages["westmarsh-2026-27-assurance"].as_uri())
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    canvas, on, off = page.evaluate(
        """() => ['html', '.pips i.on', '.pips i:not(.on)'].map(
             (s) => getComputedStyle(document.querySelector(s)).backgroundColor)"""
    )
    # A level reached is a pip filled in the text colour; the others stay the page's colour.
    assert off == canvas and on not in (canvas, "transparent", "rgba(0, 0, 0, 0)")
    bar = page.evaluate("getComputedStyle(document.querySelector('svg.chart rect.level')).fill")
    assert bar == "rgb(0, 94, 184)"  # the chart keeps its own colours on its white plate
    page.screenshot(path=str(ARTIFACTS / "westmarsh-2026-27-assurance-forced-colours.png"))


def test_a_page_ending_with_a_heading_is_caught() -> None:
    headings = {"Competency by competency", "Indicators of C2", "A heading long enough to wrap"}
    body = [Line(700, "C1.4 Communicating the case for change 3 1 1 2 of 2")]
    assert ends_with_heading(body, headings) is None
    assert ends_with_heading([*body, Line(80, "Indicators of C2")], headings) == "Indicators of C2"
    wrapped = [*body, Line(90, "A heading long enough"), Line(78, "to wrap")]
    assert ends_with_heading(wrapped, headings) == "A heading long enough to wrap"
    # A table row that starts like a heading is not one.
    assert ends_with_heading([Line(80, "Indicators of C2 3 – 3")], headings) is None
