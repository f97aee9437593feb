"""The full assurance report (scorecard, governance, outcome charts, panel) in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_html_report import CONTRAST_JS, open_page
from tests.render_support import ASSURANCE, result_of
from wcc_assess.render import AssessFormat, render

pytestmark = pytest.mark.browser

__all__ = ["open_page"]  # the fixture, shared with the main HTML report's tests


@pytest.fixture(scope="module")
def assurance_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "westmarsh-2026-27-assurance.html"
    result = result_of(ASSURANCE, fail_on_red=True)
    path.write_text(render(result, AssessFormat.HTML), encoding="utf-8")
    return path


def test_loads_cleanly_and_shows_every_section(open_page: Any, assurance_file: Path) -> None:
    watched = open_page(assurance_file, javascript=False)
    assert watched.requests == [assurance_file.as_uri()]
    assert watched.errors == [] and watched.dialogs == []
    page = watched.page
    for heading in ("Assurance scorecard", "Governance", "Health outcomes", "Panel judgement"):
        assert page.locator("h2", has_text=heading).first.is_visible(), heading
    cards = page.locator(".scorecard .card")
    assert cards.count() == 3
    boxes = [cards.nth(index).bounding_box() for index in range(3)]
    assert all(box is not None for box in boxes)
    tops = {round(box["y"]) for box in boxes if box is not None}
    assert len(tops) == 1  # side by side
    assert page.locator(".scorecard .rag-red").inner_text().endswith("Red")


def test_outcome_charts_are_drawn_with_real_size(open_page: Any, assurance_file: Path) -> None:
    page = open_page(assurance_file).page
    charts = page.locator("svg[aria-labelledby^='outcome-']")
    assert charts.count() == 10
    for index in range(10):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 250 and box["height"] > 100
    line = page.locator("svg[aria-labelledby^='outcome-1-'] polyline.actual").bounding_box()
    assert line is not None and line["width"] > 50
    assert page.get_by_role(
        "img", name="Life expectancy at birth, all persons (years): aspiration and actual by year"
    ).is_visible()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_text_contrast_meets_wcag_aa(open_page: Any, assurance_file: Path, media: str) -> None:
    page = open_page(assurance_file).page
    page.emulate_media(media=media)
    outcome = page.evaluate(CONTRAST_JS)
    assert outcome["checked"] > 500
    assert outcome["failures"] == []


def test_fits_a_phone_screen(open_page: Any, assurance_file: Path) -> None:
    page = open_page(assurance_file, width=390).page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_scorecard_prints_on_its_own_first_page(browser: Any, assurance_file: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(assurance_file.as_uri())
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) > 5
