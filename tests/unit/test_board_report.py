"""The board paper's parts that need no browser: peers, words, charts, Markdown that fits."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from itertools import combinations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MINI
from tests.render_support import FENBRIDGE, WESTMARSH, result_of
from tests.unit.test_cohort import ALPHA, BETA, DELTA, GAMMA, OPTIONS, domain, org
from wcc_assess.core.cohort import build_cohort
from wcc_assess.core.peers import peer_position, quartile
from wcc_assess.models.framework import Framework, Terms
from wcc_assess.models.result import PeerDomain
from wcc_assess.render import AssessFormat, render
from wcc_assess.render import _words as words
from wcc_assess.render._fit import DEFAULT_MAX_CHARS, truncate
from wcc_assess.render.interface import RenderOptions
from wcc_assess.render.svg import Bar, RadarAxis, bar_chart, radar_chart

SVG = "{http://www.w3.org/2000/svg}"


# Peers ---------------------------------------------------------------------------------


@dataclass
class _Figures:
    """The parts of a result that ranking among peers reads."""

    organisation_code: str
    period: str
    domains: list[object] = field(default_factory=list)


def test_quartiles_by_hand() -> None:
    # The place of rank r of n runs from 0 to 1: (r - 1) / (n - 1); a quarter of it each.
    assert [quartile(rank, 4) for rank in (1, 2, 3, 4)] == [1, 2, 3, 4]
    assert [quartile(rank, 3) for rank in (1, 2, 3)] == [1, 2, 4]  # 0, 1/2, 1
    assert [quartile(rank, 5) for rank in (1, 2, 3, 4, 5)] == [1, 1, 2, 3, 4]  # 0, 1/4 ...
    assert quartile(1, 1) == 1 and quartile(25, 100) == 1 and quartile(26, 100) == 2
    assert quartile(100, 100) == 4 and quartile(75, 100) == 3 and quartile(76, 100) == 4


def test_peer_ranks_by_hand() -> None:
    mini = Framework.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8")))
    cohort = build_cohort([ALPHA, BETA, GAMMA, DELTA], mini, OPTIONS)
    ours = _Figures("Z01", "2026/27", [domain("A", 2, 2.75), domain("B", 1, 1.5)])
    peers = peer_position(ours, cohort, "cohort.json")  # type: ignore[arg-type]
    assert peers.organisations == 4
    a, b = peers.domains
    # A: Alpha 3 (3.00), Beta 2 (2.50), Gamma 1 (1.33): only Alpha is above 2 (2.75).
    assert (a.rank, a.of, a.quartile, a.median_level) == (2, 4, 2, 2.0)
    # B: Alpha 1 (1.50) ties with us, so only Beta 2 (2.50) is above: 2nd of 3, the middle.
    assert (b.rank, b.of, b.quartile, b.median_level) == (2, 3, 2, 1.5)
    # Alpha itself is left out of its own peers, and a domain not assessed is not ranked.
    own = _Figures("A01", "2026/27", [domain("A", 3, 3.0), domain("B", None, None)])
    alpha = peer_position(own, cohort, "c.json")  # type: ignore[arg-type]
    assert alpha.organisations == 3
    assert (alpha.domains[0].rank, alpha.domains[0].of) == (1, 3)
    assert alpha.domains[1].model_dump() == {
        "id": "B",
        "rank": None,
        "of": 1,  # Beta alone: Gamma and Delta did not assess B either
        "quartile": None,
        "median_level": 2.0,
    }
    assert words.peer_text(alpha.domains[1]) == "not ranked (not assessed; 1 peer was)"
    same_code = org("Alpha Trust", "A01", 2.0, [domain("A", 2, 2.0)], period="2025/26")
    later = build_cohort([same_code, BETA], mini, OPTIONS)
    assert peer_position(own, later, "c.json").organisations == 2  # type: ignore[arg-type]


# Words ---------------------------------------------------------------------------------


def test_words_agree_with_their_numbers() -> None:
    wcc = Terms(domain="competency", domains="competencies")
    assert words.term(wcc) == "competency" and words.term(wcc, plural_form=True) == "competencies"
    assert [words.term(wcc, n) for n in (0, 1, 2)] == [
        "0 competencies",
        "1 competency",
        "2 competencies",
    ]
    assert words.plural(1, "indicator") == "1 indicator"
    assert [words.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
    assert words.weight_text(2.0) == "counts double" and words.weight_text(1.5) == (
        "counts 1.5 times"
    )
    assert words.peer_text(PeerDomain(id="C1", rank=3, of=12, quartile=1)) == (
        "3rd of 12, top quarter"
    )


def test_glossary_names_what_the_report_uses() -> None:
    fenbridge = result_of(FENBRIDGE)  # a panel rated two indicators; WCC weights are equal
    terms = [term for term, _ in words.glossary(fenbridge)]
    assert terms[:3] == ["Assessed level", "Effective level", "Capped"]
    assert "all-met" in terms and "Calibration gap" in terms and "Weight" not in terms
    text = render(fenbridge, AssessFormat.MARKDOWN)
    glossary = text.split("<summary>Glossary</summary>", 1)[1].split("</details>", 1)[0]
    assert "- **Capped**: an indicator whose effective level is below its claim" in glossary
    assert "- **All-met**: A domain's level is the highest level" in glossary
    html = render(fenbridge, AssessFormat.HTML)
    assert '<section id="glossary"' in html and "<dt>Effective level</dt>" in html


def test_no_phrase_is_said_twice_and_counts_agree() -> None:
    html = render(result_of(WESTMARSH[1]), AssessFormat.HTML)
    late = html.split("System winter plan 2026/27", 2)[2].split("</li>", 1)[0]  # its evidence
    assert "Not counted</span>" in late and "dated after the assessment (2026-10-14)<" in late
    assert late.lower().count("not counted") == 1
    text = render(result_of(FENBRIDGE), AssessFormat.MARKDOWN)
    assert "not counted: dated after" not in text and "not counted; not counted" not in text
    assert not re.search(r"\b1 (indicators|competencies|claims)\b", text)
    assert "The panel rated 2 indicators" in text or "It rated 2 indicators" in text


# Charts: labels never collide, fills stand out --------------------------------------------


def _boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """Return each text's box (left, top, right, bottom), measured generously."""
    boxes = []
    for text in ET.fromstring(svg).iter(f"{SVG}text"):
        size = float(text.attrib.get("font-size") or _inherited_size(svg, text))
        width = len(text.text or "") * size * 0.62
        x, y = float(text.attrib["x"]), float(text.attrib["y"])
        anchor = text.attrib.get("text-anchor") or _inherited_anchor(svg, text)
        left = {"end": x - width, "middle": x - width / 2}.get(anchor, x)
        boxes.append((text.text or "", left, y - size * 0.8, left + width, y + size * 0.2))
    return boxes


def _parent_attr(svg: str, element: ET.Element, name: str, default: str) -> str:
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if any(child.attrib == element.attrib for child in group):
            return group.attrib.get(name, default)
    return default


def _inherited_size(svg: str, element: ET.Element) -> str:
    return _parent_attr(svg, element, "font-size", "12")


def _inherited_anchor(svg: str, element: ET.Element) -> str:
    return _parent_attr(svg, element, "text-anchor", "start")


def _overlaps(boxes: list[tuple[str, float, float, float, float]]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for a, b in combinations(boxes, 2)
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


levels_of = st.sampled_from([[1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 1, 2, 3]])


@settings(max_examples=60, deadline=None)
@given(data=st.data(), count=st.integers(3, 14), scale=levels_of)
def test_radar_labels_never_collide(data: st.DataObject, count: int, scale: list[int]) -> None:
    level = st.one_of(st.none(), st.sampled_from(scale))
    axes = [
        RadarAxis(f"C{index + 1}", data.draw(level), data.draw(level)) for index in range(count)
    ]
    svg = radar_chart(axes, scale, title="t", desc="d")
    boxes = _boxes(svg)
    assert _overlaps(boxes) == []
    # No ring's number sits on a spoke: sample each spoke and look inside every number's box.
    root = ET.fromstring(svg)
    spokes = [line for line in root.iter(f"{SVG}line") if "class" not in line.attrib]
    rings = [box for box in boxes if box[0] in {str(level) for level in scale}]
    for line in spokes:
        x1, y1, x2, y2 = (float(line.attrib[k]) for k in ("x1", "y1", "x2", "y2"))
        for step in range(101):
            x, y = x1 + (x2 - x1) * step / 100, y1 + (y2 - y1) * step / 100
            assert not any(b[1] < x < b[3] and b[2] < y < b[4] for b in rings), (x, y)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), count=st.integers(1, 14), scale=levels_of)
def test_bar_labels_never_collide(data: st.DataObject, count: int, scale: list[int]) -> None:
    bars = []
    for index in range(count):
        level = data.draw(st.one_of(st.none(), st.sampled_from(scale)))
        score = None if level is None else data.draw(st.floats(scale[0], scale[-1]))
        text = "not assessed" if level is None else f"level {level} · {score:.2f}"
        bars.append(Bar(f"C{index + 10}", level, data.draw(st.sampled_from(scale)), score, text))
    svg = bar_chart(bars, scale, title="t", desc="d")
    assert _overlaps(_boxes(svg)) == []
    width = float(ET.fromstring(svg).attrib["width"])
    assert all(0 <= box[1] and box[3] <= width for box in _boxes(svg))  # nothing cut off


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_mark_stands_out_from_the_page() -> None:
    """Every filled mark and every line that carries meaning is at least 3:1 on white."""
    result = result_of(FENBRIDGE)
    html = render(result, AssessFormat.HTML)
    svgs = re.findall(r"<svg xmlns=.*?</svg>", html, flags=re.S)
    checked = 0
    for svg in svgs:
        for element in ET.fromstring(svg).iter():
            cls = element.attrib.get("class", "")
            if cls in {"level", "target", "score", "gap", "previous"} or element.tag == (
                f"{SVG}circle"
            ):
                for attr in ("fill", "stroke"):
                    colour = element.attrib.get(attr, "none")
                    opaque = attr == "stroke" or "fill-opacity" not in element.attrib
                    if colour.startswith("#") and colour.upper() != "#FFFFFF" and opaque:
                        assert _contrast(colour, "#FFFFFF") >= 3, (cls, attr, colour)
                        checked += 1
    assert checked > 20
    assert math.isclose(_contrast("#005EB8", "#FFFFFF"), 6.38, abs_tol=0.01)


# Markdown that fits ----------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.text(alphabet="ab |-✓é", max_size=40), st.sampled_from(["<details>", "</details>"])
        ),
        max_size=80,
    ),
    limit=st.integers(200, 2000),
)
def test_a_cut_report_fits_and_closes_what_it_opened(lines: list[str], limit: int) -> None:
    text = "\n".join(lines)
    cut = truncate(text, limit, "*cut*")
    assert len(cut) <= limit and cut.endswith("*cut*\n")
    body = cut[: -len("*cut*\n")]
    opened = text[: len(body)].count("<details>") - text[: len(body)].count("</details>")
    assert body.count("<details>") - body.count("</details>") <= max(opened, 0)
    kept = [line for line in body.split("\n") if line.strip() and line != "</details>"]
    assert all(line in [whole.rstrip() for whole in lines] + lines for line in kept)


def test_markdown_folds_then_cuts_at_the_limit() -> None:
    result = result_of(FENBRIDGE)
    full = render(result, AssessFormat.MARKDOWN)
    assert len(full) < DEFAULT_MAX_CHARS and "are left out to keep this report short" not in full
    assert render(result, AssessFormat.MARKDOWN, RenderOptions(max_chars=0)) == full
    folded = render(result, AssessFormat.MARKDOWN, RenderOptions(max_chars=len(full) - 1))
    assert len(folded) < len(full) and "- **C1.1" not in folded  # no narratives
    assert "Narratives and evidence are left out to keep this report short" in folded
    cut = render(result, AssessFormat.MARKDOWN, RenderOptions(max_chars=3000))
    assert len(cut) <= 3000 and cut.count("<details>") == cut.count("</details>")
    assert cut.rstrip().endswith(
        "For all of it: `wcc assess tests/data/reports/fenbridge-2026-27.yaml --format html`, "
        "or Markdown with `--max-chars 0`.*"
    )


def test_cohort_markdown_keeps_its_statistics_and_cuts_the_league() -> None:
    mini = Framework.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8")))
    many = [
        org(f"Trust number {i:04d} with a long name", f"T{i:04d}", 2.0, [domain("A", 2, 2.0)])
        for i in range(400)
    ]
    from wcc_assess.render import COHORT, CohortFormat

    cohort = build_cohort(many, mini, OPTIONS)
    full = COHORT.render(cohort, CohortFormat.MARKDOWN, RenderOptions(max_chars=0))
    assert len(full) > 20_000
    fitted = COHORT.render(cohort, CohortFormat.MARKDOWN, RenderOptions(max_chars=20_000))
    assert len(fitted) <= 20_000
    assert fitted.index("## Domains across the cohort") < fitted.index("## League table")
    assert "<summary>All 400 organisations</summary>" in fitted
    assert fitted.count("<details>") == fitted.count("</details>")
    assert "`wcc cohort PATH... --format html`" in fitted
    header = next(line for line in fitted.splitlines() if line.startswith("| Domain |"))
    assert header.count("|") == 7  # six columns, narrow enough for a comment


def test_a_headline_without_a_band_says_how_many_meet_their_target() -> None:
    """A framework may have no composite band (WCC had none): the headline never says None."""
    result = result_of(FENBRIDGE)
    plain = result.model_copy(
        update={"overall": result.overall.model_copy(update={"band": None, "band_meaning": None})}
    )
    html = render(plain, AssessFormat.HTML)
    headline = html.split('<div class="headline">', 1)[1].split("</div>", 1)[0]
    # The headline is the profile of levels (issue 13), with the targets met beside it.
    assert (
        '<p class="headline-figure">7 competencies at level 2, 3 at level 1, 1 not assessed</p>'
        in headline
    )
    assert "5 of 11 with a target meet it; 1 not evidenced, never counted as met" in headline
    assert "None" not in headline
    markdown = render(plain, AssessFormat.MARKDOWN)
    assert "band **None**" not in markdown and "· mean score 2.06 (35.2% of the way" in markdown
