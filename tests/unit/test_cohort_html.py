"""The cohort HTML's chart layout and colours (the page itself is tested in tests/browser)."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import MINI
from tests.unit.test_cohort import ALPHA, BETA, DELTA, GAMMA, OPTIONS
from wcc_assess.core.cohort import build_cohort
from wcc_assess.models.framework import Framework
from wcc_assess.render import COHORT, CohortFormat
from wcc_assess.render.cohort.html import (
    BAR_WIDTH,
    INK,
    NOT_ASSESSED_FILL,
    _levels_chart,
    ink_on,
    ramp,
)
from wcc_assess.render.cohort.html import contrast as ours


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("count", [2, 3, 4, 5, 8])
def test_every_level_fill_stands_out_and_keeps_its_text_readable(count: int) -> None:
    fills = [ramp(index, count) for index in range(count)]
    assert len(set(fills)) == count  # each level its own shade
    assert all(contrast(fill, "#ffffff") >= 3 for fill in fills)  # a fill against the page
    inks = [ink_on(fill) for fill in fills]
    assert all(contrast(fill, ink) >= 4.5 for fill, ink in zip(fills, inks, strict=True) if ink)
    if count <= 5:  # every scale of the built-in frameworks: each count written on its bar
        assert None not in inks
    assert ours(fills[0], "#ffffff") == pytest.approx(contrast(fills[0], "#ffffff"))
    assert contrast(INK, NOT_ASSESSED_FILL) >= 4.5  # a gap: the page's own white


def test_stacked_bars_add_up_and_describe_themselves() -> None:
    mini = Framework.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8")))
    cohort = build_cohort([ALPHA, BETA, GAMMA, DELTA], mini, OPTIONS)
    chart = _levels_chart(cohort)
    a, b = chart.bars
    assert sum(s.width for s in a.segments) == pytest.approx(BAR_WIDTH, abs=0.05)
    # A: one organisation at each of levels 1, 2, 3 and one not assessed: four quarters.
    assert [s.width for s in a.segments] == [140.0, 140.0, 140.0, 140.0]
    assert [s.title for s in b.segments] == [
        "B Beta: 1 at level 1 One",
        "B Beta: 1 at level 2 Two",
        "B Beta: 2 at not assessed",
    ]
    assert "A Alpha: level 1: 1, level 2: 1, level 3: 1, level 4: 0, not assessed: 1." in (
        chart.description
    )
    html = COHORT.render(cohort, CohortFormat.HTML)
    assert html.count("<rect ") > 10 and chart.description in html
