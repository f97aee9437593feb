"""The HTML report's content and structure, checked by parsing it (the browser tests look)."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.render_support import FENBRIDGE, WESTMARSH, result_of, scan_html
from wcc_assess.core.scoring import ScoreOptions, score
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission
from wcc_assess.render import AssessFormat, render


@pytest.fixture(scope="module")
def html() -> str:
    return render(result_of(FENBRIDGE), AssessFormat.HTML)


def test_self_contained_with_no_script_and_no_external_reference(html: str) -> None:
    scan = scan_html(html)
    names = {name for name, _ in scan.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for name, attrs in scan.tags:
        assert not [a for a in attrs if a.startswith("on")], name
        for attr in ("src", "srcset", "action", "formaction", "xlink:href", "poster"):
            assert attr not in attrs, (name, attr)
        if "href" in attrs:
            href = attrs["href"]
            assert href.startswith(("#", "https://fenbridge.example.")), href
    assert "url(" not in html and "@import" not in html
    csp = [a for a in scan.named("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"].startswith("default-src 'none'")


def test_header_names_the_assessment(html: str) -> None:
    scan = scan_html(html)
    # The paper's title (by default the framework's, never its id) heads page 1.
    assert (
        "<h1>World Class Commissioning organisational competencies: annual assessment "
        "2026/27</h1>" in html
    )
    text = scan.all_text
    for expected in (
        "NHS Fenbridge Integrated Care Board (QF7)",
        "2026/27",
        "20 November 2026",
        # the front sheet's line on the framework: its own summary
        "A Department of Health framework of 2007-2010 for NHS commissioners, reused here",
        "Draft",
        "Developing",
        "2.06",
        "35.2%",
    ):
        assert expected in text, expected
    assert scan.named("html")[0]["lang"] == "en-GB"


def test_charts_have_text_alternatives(html: str) -> None:
    svgs = re.findall(r"<svg xmlns=.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    radar_desc = re.search(r'<desc id="radar-desc">(.*?)</desc>', html, flags=re.S)
    assert radar_desc is not None
    assert "C1 Locally lead the NHS: level 2, target 3." in radar_desc.group(1)
    assert "C11 Make sound financial investments: not assessed, target 2." in radar_desc.group(1)
    assert 'class="target"' in svgs[0] and "stroke-dasharray" in svgs[0]
    bars_desc = re.search(r'<desc id="bars-desc">(.*?)</desc>', html, flags=re.S)
    assert bars_desc is not None and "C4: level 2, target 3, score 2.75." in bars_desc.group(1)


def test_tables_are_semantic(html: str) -> None:
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    # domains, key documents, the panel's moderation (Fenbridge's panel rated two
    # indicators), one per domain, two rules tables (evidence rules and the scale: WCC has
    # no bands), the crosswalk appendix
    assert len(tables) == 1 + 1 + 1 + 11 + 2 + 1
    for table in tables:
        assert "<caption>" in table
        assert '<th scope="col"' in table
    domain_table = tables[0]
    rows = re.findall(r"<tbody>(.*?)</tbody>", domain_table, flags=re.S)[0].count("<tr>")
    assert rows == 11
    assert domain_table.count('<th scope="row">') == 12  # 11 domains and the overall row


def test_status_is_never_colour_alone(html: str) -> None:
    chips = re.findall(r'<span class="status status-([a-z-]+)">.*?</span>(.*?)</span>', html)
    assert chips
    words = {
        "met": "Met",
        "below": "Below target",
        "not-assessed": "Not assessed",
        "not-evidenced": "Not evidenced",
        "no-target": "No target",
    }
    for kind, label in chips:
        assert label == words[kind]
    # C11 has a target but was not assessed: not evidenced, never "not assessed" and met.
    assert ("below", "Below target") in chips and ("not-evidenced", "Not evidenced") in chips


def test_domain_detail(html: str) -> None:
    detail = html.split('id="detail-title"')[1].split('id="rules-title"')[0]
    assert detail.count('<section class="domain"') == 11
    c1 = detail.split('<section class="domain"')[1]
    assert (
        "Held below target by</strong> C1.2 at 2 (the panel&#39;s level; 3 was claimed); "
        "C1.3 at 2 (capped from 3 by the evidence rules)." in c1
    )
    assert (
        "<strong>Capped:</strong> the claimed level 3 is capped at 2: level 3 needs 2 "
        "evidence items" in c1
    )
    assert "<strong>Panel (level 2):</strong> The panel heard from partners" in c1
    assert (
        '<a href="https://fenbridge.example.nhs.uk/plans/joint-forward-plan-2026" '
        'rel="noopener noreferrer">Joint forward plan 2026-2031</a>' in c1
    )
    assert '<span class="ref">Board paper 2026/118</span>' in c1
    assert '<time datetime="2026-03-26">26 March 2026</time>' in c1
    assert '<span class="not-counted">Not counted</span>' in c1
    assert "same ref as an earlier item; counted once" in c1
    assert "(the submission&#39;s target for this domain)" in c1
    c11 = detail.split('<section class="domain"')[11]
    assert "<strong>Not evidenced:</strong> Financial competencies are assessed" in c11
    assert c11.count('<td colspan="4" class="muted">Not assessed</td>') == 4
    assert "<article" not in c11


def test_next_steps_warnings_and_not_assessed(html: str) -> None:
    steps = html.split('id="next-steps-title"')[1].split('id="detail-title"')[0]
    order = re.findall(r'<span class="domain-id">(C\d+)</span>', steps)
    assert order == ["C1", "C2", "C4", "C6", "C9", "C3", "C5", "C7", "C8", "C10"]
    assert "The claim already reaches level 3; the evidence does not yet support it" in steps
    assert "C3.3: evidence &#39;You said, we did: stroke services&#39; is dated 2026-12-02" in html
    assert "C3.4</span> Using patient experience intelligence: The patient participation" in html


def test_how_this_was_scored_reads_the_rules_in_force() -> None:
    data = yaml.safe_load((FENBRIDGE.parents[1] / "frameworks" / "mini.yaml").read_text())
    data["scoring"]["method"] = "mean"
    data["scoring"]["evidence"]["recent_months"] = 18
    data["scoring"]["bands"][1]["label"] = "Getting there"
    framework = Framework.model_validate(data)
    submission = Submission.model_validate(
        {
            "framework": "mini",
            "organisation": {"name": "T", "code": "T1"},
            "period": "2026/27",
            "assessed_on": "2026-10-01",
            "domains": {
                "A": {"A.1": {"level": 1}, "A.2": {"level": 1}, "A.3": {"level": 1}},
                "B": {"B.1": {"level": 1}, "B.2": {"level": 1}},
            },
        }
    )
    result = score(framework, submission, ScoreOptions(generated_at="2026-01-01T00:00:00Z"))
    html = render(result, AssessFormat.HTML)
    rules = html.split('id="rules-title"')[1]
    assert "whole-number part of the weighted mean" in rules
    assert "all-met" not in rules
    assert "dated within the 18 months before the assessment" in rules
    assert (
        '<th scope="row">Getting there</th><td>Every domain at level 2 (Two) or above</td>' in rules
    )
    assert (
        '<th scope="row">Level 3 and above</th><td class="num">2</td>'
        '<td class="num">1</td>' in rules
    )


def test_print_stylesheet(html: str) -> None:
    assert "@page { size: A4; margin: 16mm 15mm 18mm; }" in html
    assert "h2, h3, h4, h5, caption, .domain-head { break-after: avoid; }" in html
    assert (
        ".front-sheet { break-after: page; }" in html
        and ".appendix { break-before: page; }" in html
    )
    assert "thead { display: table-header-group; }" in html
    # The phone layout is for screens: on A4 the charts stay two to a row.
    assert "@media screen and (max-width: 48rem)" in html and "@media (max-width" not in html
    assert '@top-left { content: "NHS\\20 Fenbridge\\20 Integrated' in html
    assert 'counter(page) " of " counter(pages)' in html


def test_no_targets_report() -> None:
    html = render(result_of(WESTMARSH[0]), AssessFormat.HTML)
    assert "No targets were set" in html
    assert 'class="target"' not in html
    assert "Target (dashed)" not in html


def test_ids_are_unique_and_every_label_reference_resolves(html: str) -> None:
    scan = scan_html(html)
    ids = [attrs["id"] for _, attrs in scan.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    references = [ref for _, attrs in scan.tags for ref in attrs.get("aria-labelledby", "").split()]
    assert references and set(references) <= set(ids)
    internal = [attrs["href"][1:] for attrs in scan.named("a") if attrs["href"].startswith("#")]
    assert set(internal) <= set(ids)
