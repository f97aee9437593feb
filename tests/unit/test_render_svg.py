"""The inline SVG charts, with coordinates computed by hand."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wcc_assess.render.svg import Bar, RadarAxis, bar_chart, radar_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
LEVELS = [1, 2, 3, 4]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def points(element: ET.Element) -> list[tuple[float, float]]:
    pairs = element.attrib["points"].split()
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in pairs)]


def test_radar_has_a_text_alternative_and_is_valid_xml() -> None:
    svg = parse(radar_chart([RadarAxis("A", 1, None)] * 3, LEVELS, title="T <1>", desc="D & d"))
    assert svg.attrib["role"] == "img"
    assert svg.attrib["aria-labelledby"] == "radar-title radar-desc"
    assert svg.find("svg:title", NS).text == "T <1>"  # type: ignore[union-attr]
    assert svg.find("svg:desc", NS).text == "D & d"  # type: ignore[union-attr]


def test_radar_geometry() -> None:
    # Four spokes: up, right, down, left from the centre (220, 220), radius 160, four rings:
    # level L lies at 160 * L / 4 from the centre on the 1..4 scale.
    axes = [RadarAxis("N", 4, 2), RadarAxis("E", 2, 2), RadarAxis("S", 1, 3), RadarAxis("W", 3, 3)]
    svg = parse(radar_chart(axes, LEVELS, title="t", desc="d"))
    level = svg.find("svg:polygon[@class='level']", NS)
    target = svg.find("svg:polygon[@class='target']", NS)
    assert level is not None and target is not None
    assert points(level) == [(220.0, 60.0), (300.0, 220.0), (220.0, 260.0), (100.0, 220.0)]
    assert points(target) == [(220.0, 140.0), (300.0, 220.0), (220.0, 340.0), (100.0, 220.0)]
    assert target.attrib["stroke-dasharray"]  # dashed: colour is not the only cue
    rings = [p for p in svg.iter("{http://www.w3.org/2000/svg}polygon") if "class" not in p.attrib]
    assert len(rings) == 4  # one grid ring per scale level
    assert points(rings[0])[0] == (220.0, 180.0)
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert ["N", "E", "S", "W"] == labels[-4:]
    assert ["1", "2", "3", "4"] == labels[:4]
    # The rings' numbers stand half-way between the first two spokes (45 degrees here).
    ring = next(t for t in svg.iter("{http://www.w3.org/2000/svg}text") if t.text == "4")
    assert (ring.attrib["x"], ring.attrib["y"]) == ("333.1", "110.9")


def test_radar_leaves_a_gap_for_a_domain_not_assessed() -> None:
    axes = [RadarAxis("A", 2, 3), RadarAxis("B", 2, None), RadarAxis("C", None, 2)]
    svg = parse(radar_chart(axes, LEVELS, title="t", desc="d"))
    assert svg.find("svg:polygon[@class='target']", NS) is None
    assert len(svg.findall("svg:rect", NS)) == 2  # one diamond per target
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "C n/a" in labels
    level = svg.find("svg:polygon[@class='level']", NS)
    assert level is not None
    # Only A and B are in the shape: nothing is drawn at the centre, which would read as 0.
    assert len(points(level)) == 2 and (220.0, 220.0) not in points(level)
    gap = svg.find("svg:line[@class='gap']", NS)
    assert gap is not None and gap.attrib["stroke-dasharray"]  # C's spoke, dotted


def test_bar_geometry() -> None:
    # Bars are levels on a scale from 0 (x=50) to 4 (x=310): 65 px a level. A's level 1 runs
    # to x=115, short of its target 2 (x=180), even though its score 2.5 (x=212.5) is past
    # it: the score is a hollow circle, never the bar.
    bars = [
        Bar("A", 1, 2, 2.5, "level 1 · 2.50"),
        Bar("B", 3, None, 3.25, "level 3 · 3.25"),
        Bar("C", None, 2, None, "not assessed"),
    ]
    svg = parse(bar_chart(bars, LEVELS, title="t", desc="d"))
    assert svg.attrib["role"] == "img"
    levels = svg.findall("svg:rect[@class='level']", NS)
    assert [(r.attrib["x"], r.attrib["width"]) for r in levels] == [("50", "65.0"), ("50", "195.0")]
    scores = svg.findall("svg:circle[@class='score']", NS)
    assert [c.attrib["cx"] for c in scores] == ["212.5", "261.2"]
    assert all(c.attrib["fill"] == "#FFFFFF" for c in scores)  # hollow: a secondary mark
    targets = svg.findall("svg:line[@class='target']", NS)
    assert [t.attrib["x1"] for t in targets] == ["180.0", "180.0"]
    gap = svg.find("svg:rect[@class='gap']", NS)
    assert gap is not None and gap.attrib["fill"] == "none" and gap.attrib["stroke-dasharray"]
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert {"A", "B", "C", "level 1 · 2.50", "level 3 · 3.25", "not assessed"} <= set(texts)


def test_charts_are_byte_stable() -> None:
    axes = [RadarAxis(f"C{i}", i % 4 + 1, 2) for i in range(11)]
    assert radar_chart(axes, LEVELS, title="t", desc="d") == radar_chart(
        axes, LEVELS, title="t", desc="d"
    )
    assert "-0.0" not in radar_chart(axes, LEVELS, title="t", desc="d")
