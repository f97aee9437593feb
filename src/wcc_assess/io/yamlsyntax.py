"""A YAML syntax error in plain words: what went wrong, where, and how to put it right.

The parser's own words (libyaml's "mapping values are not allowed in this context") mean
little to someone filling in a form. :func:`syntax_problem` turns the common mistakes into
advice at the line where the mistake is (a tab or a non-breaking space used to indent, a
colon inside unquoted text, text over two lines, a quote or a bracket left open), with the
line to show under the message; :func:`indentation_problems` finds every badly indented
line at once, and :func:`reindented` repairs them for a second parse that finds the next
mistake. Imported only when a file does not parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import yaml

from wcc_assess.io.yamlsafe import MAX_DEPTH, ODD_SPACES, YamlProblem, space_name

__all__ = ["explain", "indentation_problems", "reindented", "syntax_problem"]

_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as the end of a line."""
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):\s+(.*\S)\s*$")
_INDENT_CHARS = re.compile("^[ \t" + "".join(sorted(ODD_SPACES)) + "]*")


class _Fault(NamedTuple):
    """A syntax error as the parser saw it, with the text around it."""

    problem: str
    context: str
    line: int
    """0-based, as the parser counts."""
    column: int
    context_line: int | None
    lines: list[str]

    def text(self, line: int | None = None) -> str:
        number = self.line if line is None else line
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def char(self) -> str:
        text = self.text()
        return text[self.column] if 0 <= self.column < len(text) else ""

    def at(self, message: str, hint: str | None = None, line: int | None = None) -> YamlProblem:
        number = self.line if line is None else line
        column = self.column if line is None else len(_INDENT_CHARS.match(self.text(line))[0])  # type: ignore[index]
        return YamlProblem(message, number + 1, column + 1, hint, self.text(number))


def _quoted_hint(fault: _Fault) -> str:
    """Advise quoting the value of the faulty line: ``narrative: "The plan: agreed"``."""
    found = _KEY_VALUE.match(fault.text())
    if found is None:
        return "put the text in quotes"
    value = found[3].replace("\\", "\\\\").replace('"', '\\"')
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f'put the text in quotes: {found[2]}: "{shown}"'


def _unstartable(fault: _Fault) -> YamlProblem:
    char = fault.char()
    if char == "\t":
        return fault.at(
            "a tab is used here; YAML allows only spaces for indentation",
            "replace the tab with spaces",
        )
    if char in ODD_SPACES:
        return fault.at(
            f"a non-breaking or unusual space (U+{ord(char):04X}) is used here",
            "replace it with an ordinary space",
        )
    shown = repr(char) if char else "this character"
    return fault.at(f"unquoted text cannot start with {shown}", _quoted_hint(fault))


def _colon(fault: _Fault) -> YamlProblem:
    before = fault.text()[: fault.column]
    if ": " in before or before.rstrip().endswith(":"):
        return fault.at(
            "a colon followed by a space inside unquoted text starts a new key here",
            _quoted_hint(fault),
        )
    return fault.at(
        "this line is indented more than the keys around it",
        "line it up with the other keys of its mapping",
        line=fault.line,
    )


def _no_colon(fault: _Fault) -> YamlProblem:
    line = fault.context_line if fault.context_line is not None else fault.line
    key = fault.text(line).strip().partition(": ")[0]
    if len(key) > 1024:
        return fault.at(
            f"this key is too long: {len(key):,} characters, and YAML allows 1,024",
            "no field needs a key this long; is this the right file?",
            line=line,
        )
    return fault.at(
        "this line is not `key: value` (it has no colon); if it continues the text of "
        "the line above, that text needs quotes",
        "put the whole text in quotes, or write `narrative: >` and indent the lines of "
        "text under it",
        line=fault.context_line if fault.context_line is not None else fault.line,
    )


def _unclosed(fault: _Fault) -> YamlProblem:
    opened = fault.context_line if fault.context_line is not None else fault.line
    return YamlProblem(
        f"a quote opened on line {opened + 1} is never closed",
        opened + 1,
        None,
        "close the quote at the end of the text",
        fault.text(opened),
    )


def _escape(fault: _Fault) -> YamlProblem:
    return fault.at(
        "inside double quotes a backslash starts an escape such as \\n, and this one is not valid",
        "use single quotes ('C:\\reports'), or write each backslash twice",
    )


def _misaligned(fault: _Fault) -> YamlProblem:
    return fault.at(
        "this line is not indented like the lines around it",
        "line each key up with the other keys of its mapping, and each - with the other "
        "items of its list",
        line=fault.line,
    )


def _unclosed_flow(fault: _Fault) -> YamlProblem:
    opened = (fault.context_line if fault.context_line is not None else fault.line) + 1
    return fault.at(
        f"malformed YAML: a list [ or mapping {{ opened on line {opened} is not closed, or "
        "a comma is missing between its items",
        "close each [ with ] and each { with }, with commas between the items",
    )


_FAULTS: tuple[tuple[str, Callable[[_Fault], YamlProblem]], ...] = (
    (
        "tab character",
        lambda fault: fault.at(
            "a tab is used for indentation; YAML allows only spaces", "replace the tab with spaces"
        ),
    ),
    ("cannot start any token", _unstartable),
    ("mapping values are not allowed", _colon),
    ("could not find expected ':'", _no_colon),
    ("found unexpected end of stream", _unclosed),
    ("escape", _escape),
    ("did not find expected key", _misaligned),
    ("expected <block end>", _misaligned),
    ("did not find expected '-' indicator", _misaligned),
    ("did not find expected ',' or", _unclosed_flow),
    (
        "expected alphabetic or numeric character",
        lambda fault: fault.at(
            "unquoted text cannot start with & or *: YAML reads them as an anchor or an alias",
            _quoted_hint(fault),
        ),
    ),
)
"""The parser's words for the common mistakes, and how each is put to the user."""


def _open_quote(last: Any, where: Any, text: str) -> YamlProblem | None:
    """Blame a quoted text that ran on over several lines up to the error: its open quote."""
    if last is None or last.style not in ('"', "'") or where is None:
        return None
    start, end = last.start_mark.line, last.end_mark.line
    if end == start or not end <= where.line <= end + 1:
        return None
    return YamlProblem(
        f"a quote opened on line {start + 1} runs on to line {end + 1}: is it closed where "
        "the text ends?",
        start + 1,
        last.start_mark.column + 1,
        "close the quote at the end of the text; inside the text write a quote twice ('') "
        'in single quotes, or as \\" in double quotes',
        _LINE_BREAKS.split(text)[start],
    )


def explain(problem: YamlProblem, text: str) -> YamlProblem:
    """Return ``problem`` in plain words when it is the parser's syntax error, else as it is."""
    if problem.parser_error is None:
        return problem
    return syntax_problem(problem.parser_error, text, problem.last)


def syntax_problem(error: yaml.MarkedYAMLError, text: str, last: Any = None) -> YamlProblem:
    """Put a syntax error into plain words with advice, at the line where the mistake is."""
    where: Any = error.problem_mark or error.context_mark
    quote = _open_quote(last, where, text)
    if quote is not None:
        return quote
    problem, context = error.problem or "", error.context or ""
    if "nesting depth" in problem:
        # libyaml (0.2.5 and later) has a nesting limit of its own, which may fire
        # before ours when its scanner reads ahead: say the same thing either way.
        return YamlProblem(
            f"the data is nested more than {MAX_DEPTH} levels deep",
            where.line + 1 if where else None,
            where.column + 1 if where else None,
        )
    if where is None:
        return YamlProblem(f"malformed YAML: {problem or context}")
    fault = _Fault(
        problem,
        context,
        where.line,
        where.column,
        error.context_mark.line if error.context_mark is not None else None,
        _LINE_BREAKS.split(text),
    )
    for words, explain in _FAULTS:
        if words in problem:
            return explain(fault)
    return fault.at(f"malformed YAML: {problem or context}")


@cache
def _bad_indent() -> re.Pattern[str]:
    """Return the start of a line of content indented with a tab or an odd space.

    Compiled when first needed (a file that does not parse): it costs milliseconds.
    """
    odd = "".join(sorted(ODD_SPACES))
    return re.compile(
        "(?:^|(?<=[\r\n\x85\u2028\u2029]))[ ]*([\t" + odd + "])[ \t" + odd + "]*(?=[^\\s])"
    )


def indentation_problems(text: str, limit: int = 50) -> tuple[list[YamlProblem], int]:
    """Find the lines indented with a tab or a space that is not YAML's (a text scan).

    YAML indents with spaces only; a tab or a non-breaking space (pasted from Word) in a
    line's indentation is the commonest reason a hand-edited file does not parse. Returns
    the first ``limit`` such lines as problems, and how many there are in all.
    """
    found: list[YamlProblem] = []
    matches = _bad_indent().finditer(text)
    line, counted_to = 1, 0
    for match in matches:
        start = match.start()
        line += len(_LINE_BREAKS.findall(text, counted_to, start))
        counted_to = start
        end = _LINE_BREAKS.search(text, start)
        found.append(
            YamlProblem(
                f"this line is indented with {space_name(match[1])}; YAML indents with "
                "ordinary spaces only",
                line,
                match.start(1) - start + 1,
                "replace it with spaces",
                text[start : end.start() if end else len(text)],
            )
        )
        if len(found) == limit:
            break
    return found, len(found) + sum(1 for _ in matches)


def reindented(text: str) -> str:
    """Return ``text`` with each badly indented line indented as its neighbours suggest.

    A line indented with tabs or odd spaces gets the indentation of the last line of
    content before it, two more when that line opens a mapping (ends with ``:``), so that
    a second parse finds the mistakes of other kinds. Lines keep their numbers.
    """
    out: list[str] = []
    previous, opens = 0, False
    for line in _LINE_BREAKS.split(text):
        indent = _INDENT_CHARS.match(line)[0]  # type: ignore[index]
        body = line[len(indent) :]
        if not body.strip():
            out.append(line)
            continue
        if indent.strip(" "):
            indent = " " * (previous + (2 if opens else 0))
            line = indent + body
        if not body.startswith("#"):
            previous, opens = len(indent), body.split(" #")[0].rstrip().endswith(":")
        out.append(line)
    return "\n".join(out)
