"""Safe YAML reading that keeps line and column for every value.

PyYAML's own composer recurses (and crashes on very deep nesting), merges duplicate keys
silently and expands aliases. This module drives the C parser's event stream itself and
builds plain Python data, so that it can:

- reject duplicate keys (naming both lines), anchors and aliases (no alias bombs),
  non-scalar keys, multiple documents and nesting deeper than :data:`MAX_DEPTH`;
- record the position of every value and key under its path, for located error messages.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "MAX_VALUES", "Document", "YamlProblem", "parse_yaml", "parse_yaml_data"]

MAX_DEPTH = 64
"""Deeper nesting than this is rejected: no framework or submission needs it."""
MAX_VALUES = 100_000
"""More values (scalars, mappings and lists) than this are rejected, so that a hostile file
is refused in well under a second; a full WCC submission has a few thousand."""

try:  # the C parser; the pure-Python one is a fallback only
    _Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """The text is not acceptable YAML; located at 1-based line and column."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, line, column, hint)
        self.message, self.line, self.column, self.hint = message, line, column, hint

    def __eq__(self, other: object) -> bool:
        """Two problems are the same when they say the same at the same place."""
        return isinstance(other, YamlProblem) and self.args == other.args

    __hash__ = None  # type: ignore[assignment]


class Document:
    """Parsed data plus where each value (and each mapping key) stands in the text.

    ``positions`` holds the 1-based (line, column) of the value at each path,
    ``key_positions`` that of the key introducing each mapping entry.
    """

    __slots__ = ("data", "key_positions", "positions")

    def __init__(
        self,
        data: Any,
        positions: dict[Path, tuple[int, int]] | None = None,
        key_positions: dict[Path, tuple[int, int]] | None = None,
    ) -> None:
        self.data = data
        self.positions: dict[Path, tuple[int, int]] = positions if positions is not None else {}
        self.key_positions: dict[Path, tuple[int, int]] = (
            key_positions if key_positions is not None else {}
        )

    def locate(self, path: Path) -> tuple[int, int] | None:
        """Return the position of ``path``, or of its deepest known ancestor.

        A block mapping or list is located at its key (the line a reader looks for);
        a scalar at its value.
        """
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            value = self.positions.get(prefix)
            key = self.key_positions.get(prefix)
            if value is not None and key is not None:
                return key if value[0] > key[0] else value
            if value is not None or key is not None:
                return value or key
        return None

    def line_of(self, path: Path) -> int | None:
        """Return the line of ``path`` (as :meth:`locate` finds it), or None."""
        where = self.locate(path)
        return where[0] if where else None


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d\d?-\d\d?$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
_STR_TAG = "tag:yaml.org,2002:str"
_constructor = yaml.SafeLoader("")  # only its scalar constructors are used


def _scalar(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        if tag == _STR_TAG:
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return _constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            raise _problem(f"cannot read the {tag!r} value {value!r}", event) from error
    if event.style or not event.implicit[0]:
        return value  # quoted or block scalar: always a string
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "-+.":
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _DATE.match(value):
            try:
                return _dt.date.fromisoformat("-".join(part.zfill(2) for part in value.split("-")))
            except ValueError:
                return value  # not a real date: left as text, the model says why
        resolved = _constructor.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if resolved != _STR_TAG:
            node = yaml.ScalarNode(resolved, value, event.start_mark, event.end_mark)
            try:
                return _constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError):
                return value
    return value


def _key(value: Any, event: Any) -> str | int:
    """Return a mapping key: text or a whole number, never a boolean.

    YAML 1.1 reads ``on``, ``off``, ``yes`` and ``no`` as booleans; as a key that is never
    what a submission means (``sign_off: {by: …, on: 2026-11-25}``), so such a key keeps
    its text. Other values (dates, decimals) become their text, as before.
    """
    if isinstance(value, bool):
        return str(event.value)
    return value if isinstance(value, (str, int)) else str(value)


def _problem(message: str, event: Any, hint: str | None = None) -> YamlProblem:
    mark = event.start_mark
    return YamlProblem(message, mark.line + 1, mark.column + 1, hint)


# Long: one loop over the C parser's events, kept whole because it runs once per event of
# every file (a function call per event costs a tenth of a cohort's parse time), and each
# refusal needs the event in hand to say where it is.
def parse_yaml(text: str, *, allow_aliases: bool = False) -> Document:
    """Parse one YAML document into plain data with positions.

    Raises :class:`YamlProblem` for malformed YAML, duplicate keys, anchors and aliases
    (unless ``allow_aliases``), non-scalar keys, several documents, or excessive nesting.
    """
    loader = _Loader(text)
    doc = Document(data=None)
    positions = doc.positions
    key_positions = doc.key_positions
    # Each frame: [container, path, is_mapping, pending_key, key_lines]
    stack: list[list[Any]] = []
    anchors: dict[str, Any] = {}
    root_set = False
    documents = 0
    budget = MAX_VALUES
    try:
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            budget -= 1
            if budget < 0:
                raise _problem(
                    f"the document holds more than {MAX_VALUES:,} values",
                    event,
                    "a submission needs far fewer; is this the right file?",
                )
            if (
                kind is yaml.ScalarEvent
                or kind is yaml.MappingStartEvent
                or (kind is yaml.SequenceStartEvent)
            ):
                if event.anchor is not None and not allow_aliases:
                    raise _problem(
                        f"anchors (&{event.anchor}) are not allowed",
                        event,
                        "write the value out in full",
                    )
                if kind is yaml.ScalarEvent:
                    value: Any = _scalar(event)
                elif kind is yaml.MappingStartEvent:
                    value = {}
                else:
                    value = []
            elif kind is yaml.AliasEvent:
                if not allow_aliases:
                    raise _problem(
                        f"aliases (*{event.anchor}) are not allowed",
                        event,
                        "write the value out in full",
                    )
                value = anchors[event.anchor]
                kind = yaml.ScalarEvent  # treated as a finished value below
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _problem(
                        "the file holds more than one YAML document",
                        event,
                        "remove the extra '---' and what follows it",
                    )
                continue
            elif kind is yaml.StreamEndEvent:
                break
            else:
                continue

            if stack:
                frame = stack[-1]
                container = frame[0]
                if frame[2]:  # a mapping
                    if frame[3] is _NO_KEY:
                        if kind is not yaml.ScalarEvent or isinstance(value, (dict, list)):
                            raise _problem("mapping keys must be plain text", event)
                        key = _key(value, event)
                        if key in frame[4]:
                            line, _ = frame[4][key]
                            raise _problem(
                                f"duplicate key {key!r} (first defined on line {line})",
                                event,
                                "each key may appear only once in a mapping",
                            )
                        mark = event.start_mark
                        frame[4][key] = (mark.line + 1, mark.column + 1)
                        key_positions[(*frame[1], key)] = frame[4][key]
                        frame[3] = key
                        continue
                    path = (*frame[1], frame[3])
                    container[frame[3]] = value
                    frame[3] = _NO_KEY
                else:
                    path = (*frame[1], len(container))
                    container.append(value)
            else:
                path = ()
                doc.data = value
                root_set = True
            mark = event.start_mark
            positions[path] = (mark.line + 1, mark.column + 1)
            if event.anchor is not None:
                anchors[event.anchor] = value
            if kind is not yaml.ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _problem(f"the data is nested more than {MAX_DEPTH} levels deep", event)
                stack.append([value, path, kind is yaml.MappingStartEvent, _NO_KEY, {}])
    except yaml.MarkedYAMLError as error:
        where: Any = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "malformed YAML"
        if "nesting depth" in reason:
            # libyaml (0.2.5 and later) has a nesting limit of its own, which may fire
            # before ours when its scanner reads ahead: say the same thing either way.
            message = f"the data is nested more than {MAX_DEPTH} levels deep"
        else:
            message = f"malformed YAML: {reason}"
        raise YamlProblem(
            message,
            where.line + 1 if where else None,
            where.column + 1 if where else None,
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    if not root_set:
        doc.data = None
    return doc


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


class _Refused(Exception):
    """Raised by the fast path for anything :func:`parse_yaml` would refuse."""


def parse_yaml_data(text: str, *, allow_aliases: bool = False) -> Any:
    """Return the data :func:`parse_yaml` would return, without recording any position.

    About twice as quick for the same C parser events, for inputs expected to be valid
    (the files of a cohort). Whatever :func:`parse_yaml` refuses is refused here too: the
    text is then parsed again by :func:`parse_yaml`, so the :class:`YamlProblem` raised is
    exactly its own, located. A caller that finds the data invalid and wants positions for
    its messages parses again with :func:`parse_yaml`.
    """
    try:
        return _data_only(text, allow_aliases)
    except (_Refused, YamlProblem, yaml.YAMLError):
        return parse_yaml(text, allow_aliases=allow_aliases).data


# Long: the same event loop as parse_yaml without positions, the cohort's fast path; its
# locals are bound once and its branches inlined for speed (see parse_yaml_data).
def _data_only(text: str, allow_aliases: bool) -> Any:
    """Run the loop of :func:`parse_yaml` without positions.

    Raises :class:`_Refused` (without a description) for anything it would refuse.
    """
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    loader = _Loader(text)
    get_event = loader.get_event
    # Each frame: [container, is_mapping, pending_key]
    stack: list[list[Any]] = []
    anchors: dict[str, Any] = {}
    data: Any = None
    documents = 0
    budget = MAX_VALUES
    try:
        while True:
            event: Any = get_event()
            kind = type(event)
            budget -= 1
            if budget < 0:
                raise _Refused
            if kind is scalar_event:
                if event.anchor is not None and not allow_aliases:
                    raise _Refused
                value: Any = _scalar(event)
                opens = False
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None and not allow_aliases:
                    raise _Refused
                value = {} if kind is mapping_start else []
                opens = True
            elif kind in ends:
                stack.pop()
                continue
            elif kind is yaml.AliasEvent:
                if not allow_aliases:
                    raise _Refused
                value = anchors[event.anchor]
                opens = False
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused
                continue
            elif kind is yaml.StreamEndEvent:
                break
            else:
                continue

            if stack:
                frame = stack[-1]
                if frame[1]:  # a mapping
                    pending = frame[2]
                    if pending is _NO_KEY:
                        if opens or isinstance(value, (dict, list)):
                            raise _Refused
                        key = _key(value, event)
                        if key in frame[0]:
                            raise _Refused
                        frame[2] = key
                        continue
                    frame[0][pending] = value
                    frame[2] = _NO_KEY
                else:
                    frame[0].append(value)
            else:
                data = value
            if event.anchor is not None:
                anchors[event.anchor] = value
            if opens:
                if len(stack) >= MAX_DEPTH:
                    raise _Refused
                stack.append([value, kind is mapping_start, _NO_KEY])
    finally:
        loader.dispose()
    return data
