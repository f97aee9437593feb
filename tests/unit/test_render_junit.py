"""JUnit XML as Jenkins and GitLab read it: counts, test cases, failures and skips."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.render_support import FENBRIDGE, WESTMARSH, result_of
from wcc_assess.render import OutputFormat, render


def junit(path: Path = FENBRIDGE, target: int | None = None) -> tuple[str, ET.Element]:
    text = render(result_of(path, target=target), OutputFormat.JUNIT)
    return text, ET.fromstring(text.encode())


def test_document_shape_and_counts() -> None:
    text, root = junit()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    for element in (root, suite):
        assert {k: element.attrib[k] for k in ("tests", "failures", "errors", "skipped")} == {
            "tests": "11",
            "failures": "5",
            "errors": "0",
            "skipped": "1",
        }
    assert suite.attrib["timestamp"] == "2026-09-21T14:13:20"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.attrib["timestamp"])
    assert suite.attrib["name"] == (
        "wcc 2009 assessment of NHS Fenbridge Integrated Care Board (QF7), 2026/27"
    )
    cases = suite.findall("testcase")
    assert len(cases) == 11
    assert {case.attrib["classname"] for case in cases} == {"wcc.QF7"}
    assert cases[0].attrib["name"] == "C1 Locally lead the NHS"
    assert all(case.attrib["time"] == "0" for case in cases)
    properties = {p.attrib["name"]: p.attrib["value"] for p in suite.iter("property")}
    assert properties["overall_score"] == "2.06" and properties["band"] == "Developing"
    assert properties["gate"] == "failed"


def test_below_target_is_a_failure_naming_level_target_and_what_holds_it_down() -> None:
    _, root = junit()
    cases = {case.attrib["name"]: case for case in root.iter("testcase")}
    failure = cases["C1 Locally lead the NHS"].find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "below-target"
    assert failure.attrib["message"] == (
        "level 2, target 3; held down by C1.2 at 2 (the panel's level; 3 was claimed), "
        "C1.3 at 2 (capped from 3 by the evidence rules)"
    )
    body = failure.text or ""
    assert body.startswith("C1 Locally lead the NHS is at level 2, below its target of 3")
    assert "  Capped: the claimed level 3 is capped at 2" in body
    assert "  Level 3 needs: In an annual stakeholder survey most provider, council" in body
    met = cases["C3 Engage with public and patients"]
    assert met.find("failure") is None and met.find("skipped") is None


def test_not_assessed_domain_is_skipped_with_its_reason() -> None:
    _, root = junit()
    case = [c for c in root.iter("testcase") if c.attrib["name"].startswith("C11 ")][0]
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.attrib["message"] == (
        "not assessed: Financial competencies are assessed by the regional finance review "
        "this year, not by self-assessment."
    )


def test_warnings_go_to_system_out() -> None:
    _, root = junit()
    out = root.find("testsuite/system-out")
    assert out is not None and (out.text or "").startswith("warning: C3.3: evidence")


def test_passing_and_ungated_assessments() -> None:
    _, passing = junit(target=1)
    assert passing.attrib["failures"] == "0" and passing.find(".//failure") is None
    _, ungated = junit(WESTMARSH[0])
    assert ungated.attrib["failures"] == "0" and ungated.attrib["skipped"] == "0"
    case = ungated.find("testsuite/testcase")
    assert case is not None
    assert (case.findtext("system-out") or "").startswith("Level 3, no target; score 3.00")
