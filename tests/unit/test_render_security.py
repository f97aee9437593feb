"""A hostile submission (and framework) comes out inert in every format.

tests/data/reports/hostile.yaml puts script tags, event handlers, ``javascript:`` and
``data:`` refs, CDATA ends, control characters, Markdown, rich markup and template syntax
into every free-text field.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from markdown_it import MarkdownIt

from tests.render_support import hostile_result, scan_html
from wcc_assess.models.result import Result
from wcc_assess.render import AssessFormat, RenderOptions, render
from wcc_assess.render._safety import collapse

GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "main", "section",
    "footer", "article", "p", "h1", "h2", "h3", "h4", "h5", "dl", "dt", "dd", "ul", "ol", "li",
    "span", "strong", "em", "small", "br", "time", "a", "table", "caption", "thead", "tbody",
    "tfoot", "tr", "th", "td", "figure", "figcaption", "svg", "desc", "g", "polygon",
    "line", "circle", "rect", "text", "i", "details", "summary", "sub", "code", "hr",
}  # fmt: skip
GOOD_LINK = "https://ok.example/path?q=%3Cscript%3E&x=%22quote%22%27%28paren%29%7Cpipe%60tick"


@pytest.fixture(scope="module")
def result() -> Result:
    return hostile_result()


def assert_inert_html(document: str, allowed_links: set[str]) -> None:
    scan = scan_html(document)
    for name, attrs in scan.tags:
        assert name in SAFE_TAGS, f"unexpected <{name}>"
        for attr, value in attrs.items():
            assert not attr.startswith("on"), (name, attr)
            assert "javascript:" not in value.lower() or attr in ("content", "aria-label"), (
                name,
                attr,
                value,
            )
        if name == "a":
            assert attrs["href"] in allowed_links, attrs["href"]
    assert not [c for c in scan.comments if "comment" in c]


def test_html_is_inert(result: Result) -> None:
    document = render(result, AssessFormat.HTML)
    assert_inert_html(document, {GOOD_LINK, "#summary"})
    links = scan_html(document).named("a")
    external = [a for a in links if not a["href"].startswith("#")]
    assert [a["href"] for a in external] == [GOOD_LINK]
    assert external[0]["rel"] == "noopener noreferrer"
    # the payloads are there, as text
    assert "&lt;script&gt;alert(&#39;narrative&#39;)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=alert(&#39;org&#39;)" not in document  # org has no img
    assert "&lt;img src=x onerror=alert(&#39;assessor&#39;)&gt;" in document
    assert "javascript:alert(&#39;ref&#39;)" in document  # shown as text, not a link
    # only one <style> element, and the payloads inside CSS strings are hex-escaped
    assert document.count("</style>") == 1
    style = document.split("<style>")[1].split("</style>")[0]
    assert "<" not in style.split("@page", 1)[1]
    assert "\x07" not in document and "\x1b" not in document and "\x01" not in document


def test_markdown_is_inert(result: Result) -> None:
    text = render(result, AssessFormat.MARKDOWN)
    rendered = GFM.render(text)
    assert_inert_html(rendered, {GOOD_LINK})
    assert [a["href"] for a in scan_html(rendered).named("a")] == [GOOD_LINK]
    # every table row still has its five cells: pipes in the payloads are escaped
    table = GFM.render(text).split("<table>")[1].split("</table>")[0]
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        assert len(re.findall(r"<t[dh][^>]*>", row)) == 5
    # the raw-HTML spots (<summary>) are HTML-escaped, so nothing closes <details> early
    assert text.count("<details>") == text.count("</details>")
    assert "\x07" not in text and "\x1b" not in text


def test_junit_is_well_formed_and_keeps_the_text(result: Result) -> None:
    text = render(result, AssessFormat.JUNIT)
    root = ET.fromstring(text.encode())
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.attrib["name"] for c in cases] == [
        "A Alpha <script>alert('domain')</script>",
        "B Beta ]]> </testcase> [red]rich[/red] [/]",
    ]
    assert cases[0].attrib["classname"] == "hostile.X1</code><img src=x onerror=alert('code')>"
    # B has the framework's default target but was not assessed: not evidenced, a failure.
    failed = cases[1].find("failure")
    assert failed is not None and failed.attrib["type"] == "not-evidenced"
    assert "(<img src=x onerror=alert('domain reason')> `code` ]]>" in failed.attrib["message"]
    properties = {p.attrib["name"]: p.attrib["value"] for p in suite.iter("property")}
    assert properties["organisation"] == collapse(result.organisation)
    assert "\\x07bell" in properties["organisation"]
    assert "]]>" not in text  # > is always written as &gt;
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


def test_junit_failure_text_with_cdata_end_and_control_characters(result: Result) -> None:
    doctored = result.model_copy(update={"warnings": ["ends ]]> here \x00\x1b[0m"]})
    root = ET.fromstring(render(doctored, AssessFormat.JUNIT).encode())
    assert root.findtext("testsuite/system-out") == "warning: ends ]]> here \\x00\\x1b[0m\n"


def test_json_round_trips_the_text(result: Result) -> None:
    data = json.loads(render(result, AssessFormat.JSON))
    assert data["organisation"] == result.organisation


@pytest.mark.parametrize("color", [False, True])
def test_table_shows_markup_as_text(result: Result, color: bool) -> None:
    text = render(result, AssessFormat.TABLE, RenderOptions(color=color, width=200))
    assert "[bold]rich[/bold] [/]" in text
    assert "[link=https://evil.example]rich link[/link]" in text
    assert "\x1b]8;" not in text  # no terminal hyperlink was made
    assert "\x07" not in text
