"""JUnit XML as Jenkins and GitLab read it: counts, test cases, failures and skips."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from tests.conftest import MINI, mini_submission
from tests.render_support import FENBRIDGE, WESTMARSH, result_of
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission
from wcc_assess.render import AssessFormat, render


def junit(
    path: Path = FENBRIDGE, target: int | None = None, *, allow: bool = False
) -> tuple[str, ET.Element]:
    result = result_of(path, target=target, allow_not_evidenced=allow)
    text = render(result, AssessFormat.JUNIT)
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
            "failures": "6",  # 5 below target, and C11: a target, but not assessed
            "errors": "0",
            "skipped": "0",
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
    assert properties["mean_score"] == "2.06" and properties["band"] == ""
    assert properties["profile"] == "7 competencies at level 2, 3 at level 1, 1 not assessed"
    assert properties["gate"] == "failed" and properties["draft"] == "true"


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


def test_not_evidenced_domain_fails_unless_allowed() -> None:
    _, root = junit()
    case = [c for c in root.iter("testcase") if c.attrib["name"].startswith("C11 ")][0]
    failure = case.find("failure")
    assert failure is not None and failure.attrib["type"] == "not-evidenced"
    assert failure.attrib["message"] == (
        "C11 Make sound financial investments has a target of 2 but was not assessed "
        "(Financial competencies are assessed by the regional finance review this year, not by "
        "self-assessment.): not evidenced"
    )
    _, allowed = junit(allow=True)
    case = [c for c in allowed.iter("testcase") if c.attrib["name"].startswith("C11 ")][0]
    skipped = case.find("skipped")
    assert skipped is not None and case.find("failure") is None
    assert skipped.attrib["message"] == (
        "not evidenced (allowed; not counted as met): Financial competencies are assessed by "
        "the regional finance review this year, not by self-assessment."
    )


def test_not_assessed_domain_without_a_target_is_skipped_with_its_reason() -> None:
    data = mini_submission()
    data["domains"]["B"] = {"not_assessed": "merged into A this year"}
    data["targets"] = {"A": 2}
    framework = Framework.model_validate(yaml.safe_load(MINI.read_text()))
    result = score(
        framework, Submission.model_validate(data), ScoreOptions(generated_at="2026-01-01T00:00Z")
    )
    root = ET.fromstring(render(result, AssessFormat.JUNIT).encode())
    case = [c for c in root.iter("testcase") if c.attrib["name"] == "B Beta"][0]
    skipped = case.find("skipped")
    assert skipped is not None and case.find("failure") is None
    assert skipped.attrib["message"] == "not assessed: merged into A this year"


def test_warnings_go_to_system_out() -> None:
    _, root = junit()
    out = root.find("testsuite/system-out")
    assert out is not None and (out.text or "").startswith("warning: C3.3: evidence")


def test_passing_and_ungated_assessments() -> None:
    _, passing = junit(target=1, allow=True)
    assert passing.attrib["failures"] == "0" and passing.find(".//failure") is None
    _, ungated = junit(WESTMARSH[0])
    assert ungated.attrib["failures"] == "0" and ungated.attrib["skipped"] == "0"
    case = ungated.find("testsuite/testcase")
    assert case is not None
    assert (case.findtext("system-out") or "").startswith("Level 3, no target; score 3.00")
