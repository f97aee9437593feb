"""A submission's data as clean YAML a reviewer can diff: ``wcc convert`` from a workbook.

Fields come in the order the YAML form is written in (framework, organisation, period ...;
level, narrative, evidence ...), domains and indicators in the framework's order, each
with its title as a comment. Text is double-quoted (a JSON string is a YAML string, so
nothing in it can be taken for YAML syntax); long narratives are folded over several lines
(``>-``) and text with line breaks kept as a literal block (``|-``) when that can be read
back exactly; otherwise, or when ``blocks`` is False, a quoted string on one line.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from typing import Any

__all__ = ["submission_yaml"]

_ORDER = {
    name: index
    for index, name in enumerate(
        [
            "framework", "organisation", "name", "code", "period", "assessed_on",
            "assessors", "role", "targets", "default", "domains", "level", "rating",
            "not_assessed", "narrative", "evidence", "title", "ref", "date", "panel_level",
            "panel_rating", "panel_note", "panel", "members", "governance", "outcomes",
            "id", "unit", "better", "baseline", "value", "trajectory", "actuals", "source",
            "tolerance", "absolute", "percent", "data_period", "kind", "years", "checked",
            "interests", "ratings", "rationale", "enquiries", "domain", "question",
            "response", "by", "on", "sign_off", "board_approved_on",
        ]
    )
}  # fmt: skip
_PLAIN_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")
_PLAIN_WORD = re.compile(r"^[a-z][a-z-]*$")
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})
_NEVER = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff\\ud800-\\udfff"
_BLOCK_SAFE = re.compile(rf"[^\s{_NEVER}](?:[^\t\r{_NEVER}]*[^\s{_NEVER}])?", re.S)
"""Text a block scalar carries exactly: printable, no tab or carriage return, no space at
either end (the whole text must match)."""
_FOLD_AT = 88
_BREAK_SECTIONS = frozenset({"domains", "panel", "governance", "outcomes"})


def _key(key: Any) -> str:
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML_WORDS else _quoted(text)


def _float(value: float) -> str:
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_WORD.fullmatch(text) and text not in _YAML_WORDS:
        return text
    return _quoted(text)


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
"""What YAML may not carry as it is (or reads as a line break): written as an escape."""


def _quoted(text: str) -> str:
    """Return a double-quoted YAML string (JSON's form, which YAML reads), escaped."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def _block(value: str, indent: str, room: int) -> list[str] | None:
    """Return a long text as a folded or literal block; None if it would not read back."""
    if not _BLOCK_SAFE.fullmatch(value) or value.startswith(("#", "-", "?", ":")):
        return None
    if "\n" in value:
        lines = value.split("\n")
        if any(line != line.rstrip() or line.startswith(" ") for line in lines):
            return None
        return ["|-", *(f"{indent}{line}" if line else "" for line in lines)]
    if len(value) <= room or "  " in value or " " not in value:
        return None
    wrapped = textwrap.wrap(
        value, max(_FOLD_AT - len(indent), 40), break_long_words=False, break_on_hyphens=False
    )
    if " ".join(wrapped) != value:
        return None
    return [">-", *(f"{indent}{line}" for line in wrapped)]


class _Writer:
    def __init__(self, titles: dict[str, str], blocks: bool) -> None:
        self.titles = titles
        self.blocks = blocks
        self.lines: list[str] = []

    def mapping(self, data: dict[Any, Any], depth: int) -> None:
        indent = "  " * depth
        for key in sorted(data, key=lambda k: _ORDER.get(k, len(_ORDER))):
            value = data[key]
            if depth == 0 and key in _BREAK_SECTIONS and self.lines:
                self.lines.append("")
            self.entry(f"{indent}{_key(key)}:", value, depth, self.titles.get(str(key)))

    def entry(self, head: str, value: Any, depth: int, title: str | None) -> None:
        comment = f"  # {title}" if title and isinstance(value, dict) and value else ""
        if isinstance(value, dict):
            if not value:
                self.lines.append(f"{head} {{}}")
                return
            self.lines.append(head + comment)
            self.mapping(value, depth + 1)
        elif isinstance(value, list):
            if not value:
                self.lines.append(f"{head} []")
                return
            self.lines.append(head)
            self.sequence(value, depth + 1)
        else:
            self.scalar(head, value, depth)

    def scalar(self, head: str, value: Any, depth: int) -> None:
        if isinstance(value, str) and self.blocks:
            block = _block(value, "  " * (depth + 1), _FOLD_AT - len(head) - 1)
            if block is not None:
                self.lines.append(f"{head} {block[0]}")
                self.lines.extend(block[1:])
                return
        self.lines.append(f"{head} {_scalar(value)}")

    def sequence(self, items: list[Any], depth: int) -> None:
        indent = "  " * depth
        for item in items:
            if isinstance(item, dict) and item:
                start = len(self.lines)
                self.mapping(item, depth + 1)
                first = self.lines[start]
                self.lines[start] = f"{indent}- {first[len(indent) + 2 :]}"
            else:
                self.entry(f"{indent}-", item, depth, None)


def submission_yaml(
    data: dict[str, Any], titles: dict[str, str], header: list[str], *, blocks: bool = True
) -> str:
    """Return ``data`` as YAML, ``header`` lines as comments first, ``titles`` beside ids."""
    writer = _Writer(titles, blocks)
    writer.lines += [f"# {line}" if line else "#" for line in header]
    writer.mapping(data, 0)
    return "\n".join(writer.lines) + "\n"
