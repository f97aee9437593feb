"""The HTML report as a person sees it, in a real headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.render_support import FENBRIDGE, WESTMARSH, hostile_result, result_of
from wcc_assess.models.result import Result
from wcc_assess.render import AssessFormat, render

pytestmark = pytest.mark.browser

CONTRAST_JS = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const inSvg = el instanceof SVGElement;
    const fg = parse(inSvg ? style.fill : style.color).slice(0, 3);
    // Text drawn on a bar (the cohort's stacked bars) stands on the rect just before it.
    const under = inSvg ? el.previousElementSibling : null;
    const onBar = el.classList.contains('in-bar') && under && under.tagName === 'rect';
    const page = inSvg ? [255, 255, 255] : background(el);
    const bg = onBar ? parse(getComputedStyle(under).fill).slice(0, 3) : page;
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    checked += 1;
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) {
      failures.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}`);
    }
  }
  return {checked, failures};
}
"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "westmarsh-2026-27.html"
    path.write_text(render(result_of(WESTMARSH[1]), AssessFormat.HTML), encoding="utf-8")
    return path


class Watched:
    """A page with its console messages, page errors, requests and dialogs recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


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


def test_loads_without_errors_or_network_requests(open_page: Any, report_file: Path) -> None:
    watched = open_page(report_file)
    assert watched.requests == [report_file.as_uri()]
    assert not [m for m in watched.console if m.startswith(("error", "warning"))]
    assert watched.errors == [] and watched.dialogs == []
    assert watched.page.title() == (
        "World Class Commissioning organisational competencies: annual assessment 2026/27: "
        "NHS Westmarsh Integrated Care Board, 2026/27"
    )


def test_charts_are_visible_with_real_size(open_page: Any, report_file: Path) -> None:
    page = open_page(report_file).page
    for selector in ("svg[aria-labelledby^='radar']", "svg[aria-labelledby^='bars']"):
        chart = page.locator(selector)
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 200
    level = page.locator("svg polygon.level").bounding_box()
    assert level is not None and level["width"] > 50 and level["height"] > 50
    assert page.locator("svg polygon.target").count() == 1


def test_everything_shows_with_javascript_off(open_page: Any, report_file: Path) -> None:
    page = open_page(report_file, javascript=False).page
    for heading in (
        "Headline",
        "Recommendation",
        "Summary",
        "Gaps",
        "Next steps",
        "Competency by competency",
        "How this was scored",
        "Glossary",
    ):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    assert page.locator("table.domains tbody tr").count() == 11
    assert page.locator("section.domain").count() == 11
    for index in range(11):
        assert page.locator("section.domain").nth(index).is_visible()
    assert page.get_by_role("img", name="Competency levels against targets").is_visible()
    assert page.get_by_text("C6.2 Investment plans linked to need and outcomes").first.is_visible()
    assert page.locator("text=Below target").first.is_visible()


def test_prints_on_a4(browser: Any, report_file: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(report_file.as_uri())
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    assert pdf.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) > 3
    assert boxes
    for x0, y0, x1, y1 in boxes:
        width, height = float(x1) - float(x0), float(y1) - float(y0)
        assert abs(width - 595) < 2 and abs(height - 842) < 2, (width, height)


@pytest.mark.parametrize("media", ["screen", "print"])
def test_text_contrast_meets_wcag_aa(open_page: Any, report_file: Path, media: str) -> None:
    page = open_page(report_file).page
    page.emulate_media(media=media)
    outcome = page.evaluate(CONTRAST_JS)
    assert outcome["checked"] > 300
    assert outcome["failures"] == []


def test_fits_a_phone_screen(open_page: Any, report_file: Path) -> None:
    page = open_page(report_file, width=390).page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_hostile_report_runs_nothing(open_page: Any, tmp_path: Path) -> None:
    result: Result = hostile_result()
    path = tmp_path / "hostile.html"
    path.write_text(render(result, AssessFormat.HTML), encoding="utf-8")
    watched = open_page(path)
    page = watched.page
    assert watched.dialogs == [] and watched.errors == []
    assert watched.requests == [path.as_uri()]
    assert page.locator("script, img, iframe").count() == 0
    assert page.locator("h1").inner_text().startswith("Hostile <script>alert('title')</script>")
    assert "Evil <script>alert('org')</script> & Co" in page.locator(".masthead dl").inner_text()
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert [h for h in hrefs if not h.startswith("#")] == [
        "https://ok.example/path?q=%3Cscript%3E&x=%22quote%22%27%28paren%29%7Cpipe%60tick"
    ]


def test_fenbridge_report_with_a_not_assessed_domain(open_page: Any, tmp_path: Path) -> None:
    path = tmp_path / "fenbridge.html"
    path.write_text(render(result_of(FENBRIDGE), AssessFormat.HTML), encoding="utf-8")
    page = open_page(path).page
    assert page.locator("svg text", has_text="C11 n/a").is_visible()
    assert (
        page.locator(".gate-failed")
        .inner_text()
        .startswith(
            "GATE: FAILED\n\n✗ 5 of 11 competencies with a target meet it; 5 are below it; "
            "1 is not evidenced: C11"
        )
    )
