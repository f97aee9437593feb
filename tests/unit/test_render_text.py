"""The one Markdown escape function, text cleaning, and which refs become links."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wcc_assess.render._safety import clean, collapse, escape_markdown, safe_url
from wcc_assess.render._safety import css_string as _css_string

GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def cell_text(escaped: str) -> list[str]:
    """Render ``escaped`` as the middle cell of a GFM table row; return the cells' text."""
    source = f"| a | b | c |\n| - | - | - |\n| x | {escaped} | z |\n"
    rendered = GFM.render(source)
    body = rendered.split("<tbody>")[1]
    cells = re.findall(r"<td>(.*?)</td>", body, flags=re.S)
    for cell in cells:  # the only markup escaping adds: a mention or a reference as code
        for code in re.findall(r"<code>(.*?)</code>", cell):
            assert re.fullmatch(r"@[\w/-]+|#[0-9]+|GH-[0-9]+", html.unescape(code), re.I), code
    cells = [re.sub(r"</?code>", "", cell) for cell in cells]
    return [html.unescape(re.sub(r"<[^>]+>", "\x00TAG\x00", cell)) for cell in cells]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain words", "plain words"),
        ("a | b", r"a \| b"),
        ("`code`", r"\`code\`"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("**bold** _it_ ~~del~~", r"\*\*bold\*\* \_it\_ \~\~del\~\~"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("costs $5 and $6", r"costs \$5 and \$6"),
        ("back\\slash", "back\\\\slash"),
        ("&amp; stays literal", "&amp;amp; stays literal"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("12. not a list", r"12\. not a list"),
        ("3) not a list", r"3\) not a list"),
        ("2.50", r"2\.50"),
        ("line one\n\nline two\n  # three", r"line one line two # three"),
        ("  padded  ", "padded"),
        ("bell\x07 and esc\x1b", "bell\\\\x07 and esc\\\\x1b"),
        (
            "ask @octocat or @nhs-org/governance-team",
            "ask `@octocat` or `@nhs-org/governance-team`",
        ),
        ("see #123 and GH-7, mail a@b.nhs.uk", "see `#123` and `GH-7`, mail a@b.nhs.uk"),
        ("#1 in the region", "`#1` in the region"),
    ],
)
def test_escape_markdown(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&|`*_[]()!#$~\\-+=.:/\"'\n1@G")), max_size=40))
def test_escaped_text_renders_as_exactly_itself_in_a_table_cell(raw: str) -> None:
    cells = cell_text(escape_markdown(raw))
    assert len(cells) == 3
    assert cells[1] == collapse(raw)


def test_clean_replaces_what_no_format_can_carry() -> None:
    assert clean("ok\tand\nnew\r") == "ok\tand\nnew\r"
    assert (
        clean("nul\x00 bell\x07 del\x7f c1\x85x\x9f")
        == r"nul\x00 bell\x07 del\x7f c1\x85x\x9f"  # every C1 control, NEL too, visibly
    )
    assert clean("lone \ud800 surrogate") == r"lone \ud800 surrogate"
    assert clean("\ufffe\uffff") == r"\ufffe\uffff"
    assert clean("\x1b]52;c;ZXZpbA==\x07") == r"\x1b]52;c;ZXZpbA==\x07"  # OSC 52, inert
    assert clean("a\u202eb\u2066c\u200fd") == r"a\u202eb\u2066c\u200fd"
    assert clean("café – “quotes” ✓") == "café – “quotes” ✓"


@pytest.mark.parametrize(
    ("ref", "url"),
    [
        ("https://example.nhs.uk/a/b?c=d#e", "https://example.nhs.uk/a/b?c=d#e"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://Example.org/x", "HTTPS://Example.org/x"),
        ("  https://example.org/trimmed  ", "https://example.org/trimmed"),
        (
            'https://ok.example/p?q=<s>&x="q"\'(p)|`t`',
            "https://ok.example/p?q=%3Cs%3E&x=%22q%22%27%28p%29%7C%60t%60",
        ),
        ("https://example.org/already%20encoded", "https://example.org/already%20encoded"),
    ],
)
def test_http_refs_become_safe_urls(ref: str, url: str) -> None:
    assert safe_url(ref) == url


@pytest.mark.parametrize(
    "ref",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "javascript://example.org/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "Board paper 2026/030",
        "https://",
        "https:evil.example",
        "https://evil.example/a b",
        "https://evil.example/\x00",
        "https://[bad",
        "",
    ],
)
def test_other_refs_are_not_links(ref: str) -> None:
    assert safe_url(ref) is None


def test_css_string_escapes_everything_but_letters_and_digits() -> None:
    quoted = _css_string('NHS "X" </style><script>')
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert '"' not in inner and "<" not in inner and ">" not in inner
    assert inner.startswith("NHS\\20 \\22 X\\22 ")
