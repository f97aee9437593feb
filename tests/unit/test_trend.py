"""Trend building and rendering, from results built in memory."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import mini_submission
from tests.unit.test_compare import MINI_2, framework, last_year, new_under_mini_2, rated
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.core.trend import build_trend
from wcc_assess.errors import UsageError
from wcc_assess.models.result import ChangeDirection, Result
from wcc_assess.models.submission import Submission
from wcc_assess.models.trend import Trend
from wcc_assess.render import TREND, RenderOptions, TrendFormat
from wcc_assess.render.trend.html import line_chart

STAMP = "2026-01-01T00:00:00Z"


def scored(data: dict[str, Any]) -> Result:
    return score(
        framework(),
        Submission.model_validate(data),
        ScoreOptions(generated_at=STAMP, source="x.yaml"),
    )


def year(period: str, **ratings: Any) -> dict[str, Any]:
    data = last_year(**ratings)
    start = int(period[:4])
    data.update(period=period, assessed_on=f"{start}-10-01")
    for domain in data["domains"].values():
        for entry in domain.values():
            for item in entry.get("evidence", []):
                item["date"] = f"{start}-06-01"
    return data


@pytest.fixture
def three_years() -> Trend:
    named = [
        ("c.yaml", scored(year("2026/27", A_1=rated(3), B_1=rated(3), B_2=rated(3)))),
        ("a.yaml", scored(year("2024/25", B_1=rated(1)))),
        ("b.yaml", scored(year("2025/26"))),
    ]
    return build_trend(named, generated_at=STAMP)


def test_periods_are_sorted_and_each_domain_has_a_point_per_period(three_years: Trend) -> None:
    assert [p.period for p in three_years.periods] == ["2024/25", "2025/26", "2026/27"]
    assert [p.source for p in three_years.periods] == ["a.yaml", "b.yaml", "c.yaml"]
    b = three_years.domains[1]
    assert [(p.level, p.score) for p in b.points] == [(1, 1.5), (2, 2.0), (3, 3.0)]
    a = three_years.domains[0]
    assert [(p.level, p.score) for p in a.points] == [(2, 2.0), (2, 2.0), (2, 2.2)]
    assert [p.overall_score for p in three_years.periods] == [1.83, 2.0, 2.47]
    assert b.change is not None and b.change.direction is ChangeDirection.IMPROVED
    assert a.change is not None and a.change.direction is ChangeDirection.UNCHANGED


def test_different_organisations_are_refused_naming_the_files() -> None:
    other = year("2025/26")
    other["organisation"] = {"name": "Other ICB", "code": "X99"}
    with pytest.raises(UsageError) as caught:
        build_trend(
            [("mine.yaml", scored(year("2024/25"))), ("theirs.yaml", scored(other))],
            generated_at=STAMP,
        )
    message = str(caught.value)
    assert message.startswith("a trend is of one organisation, but these files are of 2")
    assert (
        "mine.yaml (Test ICB, code T01" in message and "theirs.yaml (Other ICB, code X99" in message
    )


def test_the_same_period_twice_is_refused_naming_both_files() -> None:
    with pytest.raises(
        UsageError,
        match=re.escape("the period 2025/26 appears twice: in first.yaml and in second.json"),
    ):
        build_trend(
            [("first.yaml", scored(year("2025/26"))), ("second.json", scored(year("2025/26")))],
            generated_at=STAMP,
        )


def test_a_revision_is_followed() -> None:
    named = [("new.yaml", new_under_mini_2()), ("old.yaml", scored(year("2025/26", B_1=rated(1))))]
    built = build_trend(named, generated_at=STAMP)
    assert built.framework_version == MINI_2.version
    assert [d.id for d in built.domains] == ["A", "C"]
    c = built.domains[1]
    assert c.points[0].compared_with == ["B"] and c.points[0].note == "renamed from B"
    assert (c.points[0].level, c.points[1].level) == (1, 2)
    assert built.retired == []


def test_a_domain_with_no_counterpart_has_no_value() -> None:
    from tests.unit.test_compare import dom, revised

    fresh = revised(
        "2",
        {"version": "1", "map": {"B": []}},
        [dom("A", "A.1", "A.2", "A.3", weight=2), dom("N", "N.1")],
    )
    data = mini_submission()
    data["framework"] = "mini@2"
    data["domains"] = {"A": data["domains"]["A"], "N": {"N.1": rated(2)}}
    newest = score(fresh, Submission.model_validate(data), ScoreOptions(generated_at=STAMP))
    built = build_trend(
        [("old.yaml", scored(year("2025/26"))), ("new.yaml", newest)], generated_at=STAMP
    )
    n = built.domains[1]
    assert n.points[0].level is None and n.points[0].note == "no counterpart in framework version 1"
    assert n.change is not None and n.change.direction is ChangeDirection.NEW
    assert built.retired == ["B"]


def test_every_trend_format_has_a_renderer() -> None:
    assert all(TREND.renderer(fmt) for fmt in TrendFormat)


def test_markdown(three_years: Trend) -> None:
    text = TREND.render(three_years, TrendFormat.MARKDOWN)
    assert "## Trend: Test ICB (T01)" in text
    assert "| Id | Domain | 2024/25 | 2025/26 | 2026/27 | Since 2025/26 |" in text
    assert "| B | Beta | 1 (1.50) | 2 (2.00) | 3 (3.00) | ↑ improved 2→3 (score +1) |" in text
    assert "| A | Alpha | 2 (2.00) | 2 (2.00) | 2 (2.20) | → unchanged (score +0.2) |" in text
    assert "|  | **Mean score (percent)** | 1.83 (27.8%) | 2.00 (33.3%) | 2.47 (48.9%) |  |" in text


def test_json_is_the_trend(three_years: Trend) -> None:
    data = json.loads(TREND.render(three_years, TrendFormat.JSON))
    assert data["schema_version"] == "1.2"
    assert Trend.model_validate(data) == three_years


def test_html_is_self_contained_and_accessible(three_years: Trend) -> None:
    page = TREND.render(three_years, TrendFormat.HTML)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "https://" not in page and "<link" not in page
    assert page.count('role="img"') == 3  # the overall score and two domains
    assert (
        '<desc id="d-B-desc">B Beta: level 1 in 2024/25, 2 in 2025/26, 3 in 2026/27.</desc>' in page
    )
    assert "<caption>Domain levels by period (score in brackets)</caption>" in page
    assert '<th scope="row">B</th><td>Beta</td><td class="num">1 (1.50)</td>' in page


def test_html_escapes_what_came_from_submissions() -> None:
    data = year("2025/26")
    data["organisation"] = {"name": "<script>alert(1)</script> & Co", "code": "T01"}
    page = TREND.render(
        build_trend([("x.yaml", scored(data))], generated_at=STAMP), TrendFormat.HTML
    )
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def test_line_chart_breaks_the_line_where_a_value_is_missing() -> None:
    chart = line_chart("k", "T", ["a", "b", "c", "d"], [1, None, 2, 3], 1, 4, "level")
    assert len(chart.segments) == 1  # the lone first point is a marker, not a line
    assert len(chart.markers) == 3
    assert chart.description == "T: level 1 in a, no value in b, 2 in c, 3 in d."
    # Level 4 at the top, level 1 at the bottom of the plot area.
    tops = dict((label, y) for y, label in chart.gridlines)
    assert tops["4"] < tops["1"]


def test_table(three_years: Trend) -> None:
    text = TREND.render(three_years, TrendFormat.TABLE, RenderOptions(width=120))
    assert "Test ICB (T01) · trend" in text
    assert "↑ improved 2→3" in text and "Since 2025/26" in text


# Like with like (issue 13): the basis of each year, and a warning when it changes.
def test_a_change_of_basis_between_years_is_said() -> None:
    before = scored(year("2025/26", A_1=rated(3)))
    panel = year("2026/27", A_1=rated(3))
    panel["domains"]["A"]["A.1"].update(panel_level=1, panel_note="Not seen in practice.")
    after = scored(panel)
    trend = build_trend([("a.yaml", before), ("b.yaml", after)], generated_at=STAMP)
    assert [(p.period, p.basis) for p in trend.periods] == [
        ("2025/26", "self-assessed"),
        ("2026/27", "panel-indicators"),
    ]
    a, b = trend.domains
    assert [p.basis for p in a.points] == ["self-assessed", "panel-indicators"]
    assert [p.basis for p in b.points] == ["self-assessed", "self-assessed"]
    assert a.change is not None and (a.change.previous_basis, a.change.basis) == (
        "self-assessed",
        "panel-indicators",
    )
    assert b.change is not None and b.change.previous_basis is None
    assert trend.warnings == [
        "A: graded on different bases (2025/26 self-assessed, 2026/27 panel-moderated at "
        "indicator level); part of any change between those years is the change of basis"
    ]
    table = TREND.render(trend, TrendFormat.TABLE)
    assert "(basis changed)" in table and "Graded on" in table
    markdown = TREND.render(trend, TrendFormat.MARKDOWN)
    assert "| | Graded on | self-assessed | panel-moderated at indicator level | |" in (
        markdown.replace("|  |", "| |")
    )
