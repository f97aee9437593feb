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


def test_radar_without_every_target_draws_markers_not_a_polygon() -> None:
    axes = [RadarAxis("A", 2, 3), RadarAxis("B", 2, None), RadarAxis("C", None, 2)]
    svg = parse(radar_chart(axes, LEVELS, title="t", desc="d"))
    assert svg.find("svg:polygon[@class='target']", NS) is None
    assert len(svg.findall("svg:rect", NS)) == 2  # one diamond per target
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "C n/a" in labels  # not assessed: at the centre and labelled
    level = svg.find("svg:polygon[@class='level']", NS)
    assert level is not None and points(level)[2] == (220.0, 220.0)


def test_radar_escapes_labels() -> None:
    svg = radar_chart([RadarAxis("<b>&", 1, 1)] * 3, LEVELS, title="<t>", desc="d")
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg and "&lt;t&gt;" in svg


def test_bar_geometry() -> None:
    # Plot from x=46 over 300 px for 1..4: score 2.5 is half-way (150 px); target 3 at x=246.
    bars = [Bar("A", 2.5, 3, "2.50"), Bar("B", 1.0, None, "1.00"), Bar("C", None, 2, "n/a")]
    svg = parse(bar_chart(bars, LEVELS, title="t", desc="d"))
    assert svg.attrib["role"] == "img"
    rects = svg.findall("svg:rect", NS)
    assert [(r.attrib["x"], r.attrib["width"]) for r in rects] == [("46", "150.0"), ("46", "2.0")]
    targets = svg.findall("svg:line[@class='target']", NS)
    assert [t.attrib["x1"] for t in targets] == ["246.0", "146.0"]
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert {"A", "B", "C", "2.50", "1.00", "n/a"} <= set(texts)


def test_charts_are_byte_stable() -> None:
    axes = [RadarAxis(f"C{i}", i % 4 + 1, 2) for i in range(11)]
    assert radar_chart(axes, LEVELS, title="t", desc="d") == radar_chart(
        axes, LEVELS, title="t", desc="d"
    )
    assert "-0.0" not in radar_chart(axes, LEVELS, title="t", desc="d")
