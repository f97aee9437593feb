"""Safe YAML reading that keeps line and column for every value.

PyYAML's own composer recurses (and crashes on very deep nesting), merges duplicate keys
silently and expands aliases. This module drives the C parser's event stream itself and
builds plain Python data, so that it can:

- reject duplicate keys (naming both lines), anchors and aliases (no alias bombs),
  non-scalar keys, multiple documents and nesting deeper than :data:`MAX_DEPTH`;
- reject tags on mappings and lists (``!!set``, ``!!python/object:...``) as it rejects
  unknown tags on single values, and numbers written with more than :data:`MAX_NUMBER`
  characters (no field needs one; converting one costs time);
- read YAML 1.1's base-60 numbers (``1:59:59``) as the text they were written as, and a
  date only when it is written ``YYYY-MM-DD`` (``2026-1-5`` and timestamps stay text, so
  that the model says how to write them), each in time linear in its length;
- record the position of every value and key under its path, for located error messages,
  and how each value that is not text was written (``01234``, ``NO``), so that a message
  can say what was read and how to write it;
- put the parser's syntax errors into plain words with advice (a tab used to indent, a
  colon inside unquoted text, text over two lines), with the line to show under them
  (:mod:`.yamlsyntax`, imported only for a file that does not parse);
- warn when ``" #"`` cuts unquoted text short (YAML reads the rest as a comment).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

__all__ = [
    "ODD_SPACES",
    "space_name",
    "MAX_DEPTH",
    "MAX_NUMBER",
    "MAX_VALUES",
    "Document",
    "YamlProblem",
    "parse_yaml",
    "parse_yaml_data",
]

MAX_DEPTH = 64
"""Deeper nesting than this is rejected: no framework or submission needs it."""
MAX_VALUES = 100_000
"""More values (scalars, mappings and lists) than this are rejected, so that a hostile file
is refused in well under a second; a full WCC submission has a few thousand."""
MAX_NUMBER = 100
"""A number written with more characters than this is refused (quoted, it is text)."""

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
        excerpt: str | None = None,
    ) -> None:
        super().__init__(message, line, column, hint)
        self.message, self.line, self.column, self.hint = message, line, column, hint
        self.excerpt = excerpt
        """The line of text at fault, shown with a caret under ``column``."""
        self.parser_error: yaml.MarkedYAMLError | None = None
        """For a syntax error, the parser's own (see :mod:`.yamlsyntax`)."""
        self.last: Any = None
        """For a syntax error, the last single value read before it."""

    def __eq__(self, other: object) -> bool:
        """Two problems are the same when they say the same at the same place."""
        return isinstance(other, YamlProblem) and self.args == other.args

    __hash__ = None  # type: ignore[assignment]


class Document:
    """Parsed data plus where each value (and each mapping key) stands in the text.

    ``positions`` holds the 1-based (line, column) of the value at each path,
    ``key_positions`` that of the key introducing each mapping entry, ``written`` how each
    value that is not text was written (``01234`` for the number 668), and ``warnings``
    what was accepted but is worth a look (text cut short by ``" #"``). A workbook's data
    (:mod:`wcc_assess.io.workbook`) has ``sheets`` too: the sheet of each position, whose
    (row, column) it then is.
    """

    __slots__ = ("data", "key_positions", "notes", "positions", "sheets", "warnings", "written")

    def __init__(
        self,
        data: Any,
        positions: dict[Path, tuple[int, int]] | None = None,
        key_positions: dict[Path, tuple[int, int]] | None = None,
        sheets: dict[Path, str] | None = None,
    ) -> None:
        self.data = data
        self.positions: dict[Path, tuple[int, int]] = positions if positions is not None else {}
        self.key_positions: dict[Path, tuple[int, int]] = (
            key_positions if key_positions is not None else {}
        )
        self.sheets = sheets
        self.notes: list[Any] = []
        """What reading found besides the data: a workbook's problems and warnings
        (:class:`~wcc_assess.errors.Diagnostic` at field paths)."""
        self.written: dict[Path, str] = {}
        self.warnings: list[YamlProblem] = []

    def _found(self, path: Path) -> tuple[Path, tuple[int, int]] | None:
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            value = self.positions.get(prefix)
            key = self.key_positions.get(prefix)
            if value is not None and key is not None:
                return prefix, key if value[0] > key[0] else value
            if value is not None or key is not None:
                return prefix, value or key  # type: ignore[return-value]
        return None

    def locate(self, path: Path) -> tuple[int, int] | None:
        """Return the position of ``path``, or of its deepest known ancestor.

        A block mapping or list is located at its key (the line a reader looks for);
        a scalar at its value.
        """
        found = self._found(path)
        return found[1] if found else None

    def place(self, path: Path) -> tuple[int, int] | tuple[int, int, str] | None:
        """Return where ``path`` stands as :meth:`locate` finds it, with its sheet if any."""
        found = self._found(path)
        if found is None:
            return None
        sheet = self.sheets.get(found[0]) if self.sheets is not None else None
        return found[1] if sheet is None else (*found[1], sheet)

    def sheet_order(self) -> dict[str, int]:
        """Each sheet of a workbook's data by the order it was read in (empty for text)."""
        names = dict.fromkeys(self.sheets.values()) if self.sheets is not None else {}
        return {name: index for index, name in enumerate(names)}

    def line_of(self, path: Path) -> int | None:
        """Return the line of ``path`` (as :meth:`locate` finds it), or None.

        A workbook has no lines (reports do not point into it): always None.
        """
        if self.sheets is not None:
            return None
        where = self.locate(path)
        return where[0] if where else None


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NUMBER_TAGS = frozenset({_INT_TAG, _FLOAT_TAG})
_SCALAR_TAGS = frozenset(
    {
        _INT_TAG,
        _FLOAT_TAG,
        _TIMESTAMP_TAG,
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    }
)
"""The standard tags a single value may carry (``!!str`` aside); any other is refused."""
_COLLECTION_TAGS = {
    yaml.MappingStartEvent: frozenset({"!", "tag:yaml.org,2002:map"}),
    yaml.SequenceStartEvent: frozenset({"!", "tag:yaml.org,2002:seq"}),
}
"""The only tags a mapping or a list may carry: the ones that change nothing."""
ODD_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
)
"""Spaces that are not YAML's: a key starting with one was indented with it."""
_constructor = yaml.SafeLoader("")  # only its scalar constructors are used


def _too_long(value: str, event: Any) -> YamlProblem:
    return _problem(
        f"a number written with {len(value):,} characters is too long to be read",
        event,
        "no field needs a number this long; if it is text, put it in quotes",
    )


def _tagged(event: Any) -> Any:
    """Read a value with an explicit tag (``!!int 3``): standard scalar tags only."""
    value: str = event.value
    tag = event.tag
    if tag == _STR_TAG:
        return value
    if tag not in _SCALAR_TAGS:
        raise _problem(
            f"the tag {_short_tag(tag)} is not allowed",
            event,
            "remove it: a submission holds plain values, mappings and lists only",
        )
    if tag in _NUMBER_TAGS and (":" in value or len(value) > MAX_NUMBER):
        if len(value) > MAX_NUMBER:
            raise _too_long(value, event)
        raise _problem(
            f"{value!r} is a base-60 number, which is not read",
            event,
            "write the number in decimal",
        )
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as error:
        raise _problem(f"cannot read the {_short_tag(tag)} value {value!r}", event) from error


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


def _scalar(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        return _tagged(event)
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
        if len(value) > MAX_NUMBER:
            resolved = _constructor.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            if resolved in _NUMBER_TAGS and ":" not in value:
                raise _too_long(value, event)
            return value  # text, a base-60 number or a timestamp: read as text
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _DATE.match(value):
            try:
                return _dt.date.fromisoformat(value)
            except ValueError:
                return value  # not a real date: left as text, the model says why
        resolved = _constructor.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if resolved == _TIMESTAMP_TAG or (resolved in _NUMBER_TAGS and ":" in value):
            return value  # a date not written YYYY-MM-DD, a time, or a base-60 number: text
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
    written = doc.written
    # Each frame: [container, path, is_mapping, pending_key, key_lines]
    stack: list[list[Any]] = []
    anchors: dict[str, Any] = {}
    last: Any = None  # the last single value, for a quote left open
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
                    last = event
                else:
                    if event.tag is not None and event.tag not in _COLLECTION_TAGS[kind]:
                        raise _collection_tag(event)
                    value = {} if kind is yaml.MappingStartEvent else []
            elif kind is yaml.AliasEvent:
                if not allow_aliases:
                    raise _problem(
                        f"aliases (*{event.anchor}) are not allowed",
                        event,
                        "write the value out in full; if it is text starting with *, "
                        "put it in quotes",
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
                        if type(key) is str and key[:1] in ODD_SPACES:
                            raise _odd_space(key, event)
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
            if type(event) is yaml.ScalarEvent and not event.style:
                if type(value) is not str:
                    written[path] = event.value
                elif " " in value and stack and stack[-1][2]:
                    _cut_short(text, event, doc)
            if event.anchor is not None:
                anchors[event.anchor] = value
            if kind is not yaml.ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _problem(f"the data is nested more than {MAX_DEPTH} levels deep", event)
                stack.append([value, path, kind is yaml.MappingStartEvent, _NO_KEY, {}])
    except yaml.MarkedYAMLError as error:
        raise _unexplained(error, last) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    if not root_set:
        doc.data = None
    return doc


def _collection_tag(event: Any) -> YamlProblem:
    what = "mapping" if type(event) is yaml.MappingStartEvent else "list"
    return _problem(
        f"the tag {_short_tag(event.tag)} on a {what} is not allowed",
        event,
        "remove it: a submission holds plain values, mappings and lists only",
    )


def space_name(char: str) -> str:
    """Name a character used as indentation: ``a tab``, ``a no-break space (U+00A0)``."""
    import unicodedata

    if char == "\t":
        return "a tab"
    return f"a {unicodedata.name(char, 'unusual space').lower()} (U+{ord(char):04X})"


def _unexplained(error: yaml.MarkedYAMLError, last: Any) -> YamlProblem:
    """Return the parser's syntax error as it said it, with what explains it.

    :func:`wcc_assess.io.yamlsyntax.explain` puts it into plain words (only a file that does
    not parse needs that module).
    """
    where: Any = error.problem_mark or error.context_mark
    reason = error.problem or error.context or "malformed YAML"
    if "nesting depth" in reason:
        # libyaml (0.2.5 and later) has a nesting limit of its own, which may fire
        # before ours when its scanner reads ahead: say the same thing either way.
        message = f"the data is nested more than {MAX_DEPTH} levels deep"
    else:
        message = f"malformed YAML: {reason}"
    problem = YamlProblem(
        message, where.line + 1 if where else None, where.column + 1 if where else None
    )
    problem.parser_error, problem.last = error, last
    return problem


def _odd_space(key: str, event: Any) -> YamlProblem:
    return _problem(
        f"this line is indented with {space_name(key[0])}; YAML indents with ordinary spaces only",
        event,
        "replace it with spaces; it often comes with text copied from Word or a web page",
    )


_COMMENT_AFTER = re.compile(r"[ \t]+#")


def _cut_short(text: str, event: Any, doc: Document) -> None:
    """Warn when unquoted text is followed by ``" #"`` on its line: the rest was dropped."""
    end = event.end_mark
    found = _COMMENT_AFTER.match(text, end.index)
    if found is None:
        return
    at = found.end() - 1
    line_end = text.find("\n", at)
    dropped = text[at : line_end if line_end >= 0 else len(text)].rstrip("\r")
    start = text.rfind("\n", 0, event.start_mark.index) + 1
    doc.warnings.append(
        YamlProblem(
            f'the text stops before {dropped[:30]!r}: YAML reads " #" and what follows '
            "as a comment",
            end.line + 1,
            end.column + 1 + (at - end.index),
            "if the rest belongs to the text, put the whole text in quotes",
            text[start : line_end if line_end >= 0 else len(text)],
        )
    )


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


class _Refused(Exception):
    """Raised by the fast path for anything :func:`parse_yaml` would refuse."""


def parse_yaml_data(text: str, *, allow_aliases: bool = False, locate: bool = True) -> Any:
    """Return the data :func:`parse_yaml` would return, without recording any position.

    About twice as quick for the same C parser events, for inputs expected to be valid
    (the files of a cohort). Whatever :func:`parse_yaml` refuses is refused here too: the
    text is then parsed again by :func:`parse_yaml`, so the :class:`YamlProblem` raised is
    exactly its own, located. A caller that finds the data invalid and wants positions for
    its messages parses again with :func:`parse_yaml`; so does one that passes
    ``locate=False``, which turns any refusal into an unlocated :class:`YamlProblem`.
    """
    try:
        return _data_only(text, allow_aliases)
    except (_Refused, YamlProblem, yaml.YAMLError):
        if not locate:  # the caller parses again itself
            raise YamlProblem("refused by the fast path") from None
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
                if event.tag is not None and event.tag not in _COLLECTION_TAGS[kind]:
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
                        if key in frame[0] or (type(key) is str and key[:1] in ODD_SPACES):
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
