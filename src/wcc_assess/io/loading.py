"""Turning parsed documents into models, with every problem located at file:line:column.

The model errors of a document (pydantic's) are translated into plain-words diagnostics
at the field paths users write
(:func:`model_problems`), and any diagnostics at field paths (these, and those of the
checks in :mod:`wcc_assess.core`) are located in the document (:func:`locate`). Nothing
here prints or exits; all problems of a file are raised together as one
:class:`~wcc_assess.errors.InputError`.
"""

from __future__ import annotations

import datetime as _dt
import keyword
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from wcc_assess.errors import (
    MAX_DIAGNOSTICS,
    Diagnostic,
    InputError,
    Loc,
    capped,
    non_ascii,
    readable_path,
    suggest,
    unlisted,
)
from wcc_assess.io.yamlsafe import Document
from wcc_assess.models.framework import Framework
from wcc_assess.models.submission import Submission

__all__ = [
    "framework_model",
    "locate",
    "model_problems",
    "raise_located",
    "submission_model",
]

_ItemError = Mapping[str, Any]


def _unwrap(annotation: Any) -> list[Any]:
    """Return the model classes reachable one container level down from ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _optional_of(annotation: Any) -> Any:
    """Return ``X`` for ``X | None`` (and ``Annotated[X, ...] | None``), else ``annotation``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        present = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(present) == 1:
            annotation = present[0]
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _written(part: str | int) -> str | int:
    """Return a field name as a document writes it: ``for_`` (a Python keyword) is ``for``."""
    if isinstance(part, str) and part.endswith("_") and keyword.iskeyword(part[:-1]):
        return part[:-1]
    return part


def _field(model: type[BaseModel], name: str) -> Any:
    """Return the field a document names ``name`` (``for`` is the field ``for_``)."""
    fields = model.model_fields
    return fields.get(name) or (fields.get(f"{name}_") if keyword.iskeyword(name) else None)


def _field_names(model: type[BaseModel]) -> list[str]:
    """Return the field names as a document writes them."""
    return sorted(str(_written(name)) for name in model.model_fields)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Walk ``loc`` through the model's fields; return the model that owns the last part."""
    current: Any = model
    index = 0
    while index < len(loc):
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = _field(current, str(loc[index]))
        if info is None:
            return current
        annotation = _optional_of(info.annotation)
        index += 1
        origin = typing.get_origin(annotation)
        if origin in (list, dict):
            index += 1
            annotation = typing.get_args(annotation)[-1]
        candidates = _unwrap(annotation)
        if index >= len(loc):
            return current
        current = candidates[0] if candidates else None
    return current if isinstance(current, type) else None


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing_size": "a whole number of a sensible size",
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dataclass_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "none_required": "nothing",
    "date_type": "a date written YYYY-MM-DD",
    "datetime_type": "a date and time",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
}
"""What each type error expected, in words."""

_BOUND_WORDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}

_OCTAL = re.compile(r"[-+]?0(o?)[0-7_]+")
_HEX = re.compile(r"[-+]?0x[0-9a-fA-F_]+")
_BINARY = re.compile(r"[-+]?0b[01_]+")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


class Words(NamedTuple):
    """A model error in our words: the message, a hint, and the field it is about."""

    message: str
    hint: str | None = None
    field: str | None = None
    """A field of the failing mapping the problem is really about (``level``), if any."""


class _Seen(NamedTuple):
    """What the reader saw: the value, how it was written (when not text), and where."""

    value: Any
    written: str | None
    loc: Loc


def _short(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 40 else shown[:36] + "...'"


def _number_as_written(value: int, written: str) -> str:
    """Say how YAML read a number written in another base: ``the number 668 (...)``."""
    if _OCTAL.fullmatch(written):
        return f"the number {value}: YAML reads {written}, with its leading 0, as an octal number"
    if _HEX.fullmatch(written):
        return f"the number {value}: YAML reads {written} as a hexadecimal number"
    if _BINARY.fullmatch(written):
        return f"the number {value}: YAML reads {written} as a binary number"
    return f"the number {value} (written {written})"


def _describe(value: Any, written: str | None = None) -> str:
    """Say what was read, in words: ``'three'``, ``2.5``, ``true``, ``nothing``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        word = str(value).lower()
        if written is not None and written.lower() != word:
            return f"{word}: YAML reads {written} as {word}"
        return word
    if isinstance(value, int) and written is not None and written.lstrip("+-") != str(abs(value)):
        return _number_as_written(value, written)
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if isinstance(value, _dt.datetime):
        return f"the date and time {written or value.isoformat()}"
    if isinstance(value, _dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return _short(value)
    text = written if written is not None else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _key_of(loc: Loc) -> str | None:
    last = loc[-1] if loc else None
    return last if isinstance(last, str) else None


def _as_text_hint(seen: _Seen) -> str:
    """``quote it: code: "01234"`` (what was written, in quotes)."""
    text = seen.written if seen.written is not None else str(seen.value).lower()
    key = _key_of(seen.loc)
    return f'put it in quotes to make it text: {key + ": " if key else ""}"{text}"'


def _type_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    value = seen.value
    expected = _TYPE_WORDS[kind]
    got = _describe(value, seen.written)
    hint = None
    if kind == "string_type" and isinstance(value, (int, float, bool, _dt.date)):
        hint = _as_text_hint(seen)
    elif kind.startswith("int") and isinstance(value, str) and value.strip().isdecimal():
        key = _key_of(seen.loc)
        hint = f"remove the quotes: {key + ': ' if key else ''}{value.strip()}"
        got = f"the text {_short(value)}"
    elif kind.startswith(("int", "float")) and isinstance(value, str):
        got = f"the text {_short(value)}"
    return Words(f"expected {expected}, got {got}", hint)


def _date_guess(text: str) -> str | None:
    """Return how ``text`` is written as a date (``2026-01-05``), when that can be told."""
    text = text.strip()
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([Tt ].*)?", text)
    if found:
        year, month, day = int(found[1]), int(found[2]), int(found[3])
        return _valid_day(year, month, day)
    found = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", text)
    if found:
        day, month, year = int(found[1]), int(found[2]), int(found[3])
        written = _valid_day(year, month, day)
        if written is not None:
            return f"{written} (if that is {day} {_MONTHS[month - 1]} {year})"
    return None


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    value = seen.value
    if isinstance(value, _dt.datetime):
        day = value.date().isoformat()
        return Words(
            f"{_describe(value, seen.written)} is a date and time, not a date",
            f"write the date only: {day}",
        )
    if isinstance(value, str):
        guess = _date_guess(value)
        hint = f"write dates as YYYY-MM-DD: {guess}" if guess else "write dates as YYYY-MM-DD"
        if guess is None and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            return Words(f"{_short(value)} is not a date: no such day", hint)
        return Words(f"{_short(value)} is not a date", hint)
    got = _describe(value, seen.written)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        got = f"the number {got}"
    return Words(
        f"expected a date written YYYY-MM-DD, got {got}",
        "write dates as YYYY-MM-DD, e.g. 2026-10-14",
    )


def _pattern_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    pattern = (item.get("ctx") or {}).get("pattern", "")
    foreign = non_ascii(seen.value) if isinstance(seen.value, str) else None
    hint = foreign or (f"it must match {pattern}" if pattern else None)
    return Words(f"{_describe(seen.value)} is not in the expected form", hint)


def _empty_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    return Words("must not be empty")


def _long_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    limit = (item.get("ctx") or {}).get("max_length")
    return Words("is too long", f"at most {limit} characters" if limit is not None else None)


def _enum_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    expected = str((item.get("ctx") or {}).get("expected", ""))
    value = seen.value
    hint = None
    if isinstance(value, str):
        lowered = value.strip().lower()
        hyphenated = "-".join(lowered.replace("_", " ").split())
        if lowered != value and f"'{lowered}'" in expected:
            hint = f"write it as {lowered}"
        elif hyphenated != lowered and f"'{hyphenated}'" in expected:
            hint = f"write it as {hyphenated}"
    return Words(f"expected {expected}, got {_describe(value, seen.written)}", hint)


def _bound_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    bound = next(iter((item.get("ctx") or {}).values()), None)
    size = "small" if kind.startswith("greater") else "large"
    if isinstance(bound, float) and bound.is_integer():
        bound = int(bound)
    hint = f"it must be {_BOUND_WORDS[kind]} {bound}" if bound is not None else None
    return Words(f"{_describe(seen.value, seen.written)} is too {size}", hint)


def _value_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return Words(message)


def _unrated(field: str, member: str, hint: str) -> _Translate:
    """Word a member without its rating (``level``, ``rating``): at the key, when written."""

    def words(kind: str, seen: _Seen, item: _ItemError) -> Words:
        if isinstance(seen.value, dict) and field in seen.value:
            return Words(f"no {field} yet", hint, field=field)
        return Words(f"{field} is required: add `{field}:` under the {member}", hint)

    return words


def _reason_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    return Words(
        "not_assessed is given without a reason",
        'say why it was not assessed: not_assessed: "<reason>"',
        field="not_assessed",
    )


def _unknown_words(kind: str, seen: _Seen, item: _ItemError) -> Words:
    return Words(f"{_describe(seen.value, seen.written)} is not valid here")


_Translate = Callable[[str, _Seen, _ItemError], Words]

_WORDS: dict[str, _Translate] = {
    **dict.fromkeys(_TYPE_WORDS, _type_words),
    **dict.fromkeys(_BOUND_WORDS, _bound_words),
    "string_pattern_mismatch": _pattern_words,
    "string_too_short": _empty_words,
    "too_short": _empty_words,
    "string_too_long": _long_words,
    "too_long": _long_words,
    "enum": _enum_words,
    "literal_error": _enum_words,
    "value_error": _value_words,
    "assertion_error": _value_words,
    "level_missing": _unrated(
        "level", "indicator", 'give it a level, or skip it with not_assessed: "<reason>"'
    ),
    "rating_missing": _unrated(
        "rating",
        "sub-indicator",
        'rate it red, amber or green, or skip it with not_assessed: "<reason>"',
    ),
    "reason_missing": _reason_words,
}
"""How each kind of model error is put into words; any other kind gets
:func:`_unknown_words` (the library's own wording never reaches the user)."""


def _words_for(kind: str) -> _Translate:
    if kind in _WORDS:
        return _WORDS[kind]
    if kind.startswith(("date", "datetime", "time")):
        return _date_words
    return _unknown_words


def _problem(
    item: _ItemError,
    model: type[BaseModel],
    translate: Callable[[Loc], Loc],
    written: Callable[[Loc], str | None],
) -> Diagnostic:
    raw_loc: Loc = tuple(item["loc"])
    loc = translate(raw_loc)
    kind, value = item["type"], item.get("input")
    if kind == "missing":
        return Diagnostic.at(loc[:-1], f"the field {loc[-1]!r} is required")
    if kind == "extra_forbidden":
        owner = _model_at(model, raw_loc)
        allowed = _field_names(owner) if owner else []
        hint = suggest(str(loc[-1]), allowed) if allowed else None
        return Diagnostic.at(loc, f"unknown field {loc[-1]!r}", hint)
    seen = _Seen(value, written(loc) if not isinstance(value, str) else None, loc)
    words = _words_for(kind)(kind, seen, item)
    at = (*loc, words.field) if words.field else loc
    return Diagnostic.at(at, words.message, words.hint)


def _nothing_written(loc: Loc) -> str | None:
    return None


def model_problems(
    error: ValidationError,
    model: type[BaseModel],
    translate: Callable[[Loc], Loc] = lambda loc: loc,
    written: Callable[[Loc], str | None] = _nothing_written,
) -> list[Diagnostic]:
    """Put a model's validation errors into plain words, at the paths users write.

    This is the one place where pydantic's error types become our words (none of its own
    wording reaches a user). ``translate`` maps a model's error location to what the user
    wrote; ``written`` returns how the value at a path was written in the file, when it is
    not text (``01234``, ``NO``), so that a message can say what was read.
    """
    items = error.errors(include_url=False)
    found = [_problem(item, model, translate, written) for item in items[:MAX_DIAGNOSTICS]]
    if len(items) > MAX_DIAGNOSTICS:
        found.append(unlisted(len(items) - MAX_DIAGNOSTICS, "problems of shape"))
    return found


def locate(name: str, document: Document, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return ``diagnostics`` located in ``document`` (named ``name``), in the order given.

    A workbook's diagnostics carry their sheet; one at a sheet's cell without a field path
    (its ``loc`` starts with ``@``) keeps the path it has. Each path is said as users read
    it: a list element by its ``id`` when it has one (``domains.C3``, not ``domains.2``),
    else counted from one (``evidence item 1``).
    """
    located = []
    for diagnostic in diagnostics:
        if diagnostic.omitted:  # a count of problems, not one at a place
            located.append(replace(diagnostic, file=name))
            continue
        where = document.place(diagnostic.loc)
        at_field = bool(diagnostic.loc) and not str(diagnostic.loc[0]).startswith("@")
        path = readable_path(diagnostic.loc, document.data) if at_field else diagnostic.path
        located.append(replace(diagnostic.located(name, where), path=path))
    return located


_NO_LEVEL = "no level yet"


def _unrated_summary(diagnostics: list[Diagnostic], workbook: bool) -> list[Diagnostic]:
    """One line after many "no level yet" errors: how many indicators still need a level."""
    count = sum(d.message.startswith((_NO_LEVEL, "level is required")) for d in diagnostics)
    if count < 2:
        return []
    hint = (
        "choose each one's level on the Ratings sheet, or Not assessed with a reason"
        if workbook
        else 'give each a level, or skip it with not_assessed: "<reason>"'
    )
    return [Diagnostic.at((), f"{count} indicators have no level yet", hint, severity="warning")]


def raise_located(
    name: str, document: Document, diagnostics: list[Diagnostic], *, by_line: bool = False
) -> None:
    """Raise every diagnostic as one located :class:`InputError`, if there is any.

    Duplicates are dropped; ``by_line`` sorts them by where they stand in the file. At most
    :data:`~wcc_assess.errors.MAX_DIAGNOSTICS` are kept, then a line saying how many more;
    many indicators without a level end with a line that counts them.
    """
    if not diagnostics:
        return
    unique = list(dict.fromkeys(diagnostics))
    if by_line:
        sheets = document.sheet_order()
        unique.sort(key=lambda d: (d.omitted > 0, *_order(document, sheets, d.loc)))
    workbook = document.sheets is not None
    summary = [d.located(name, None) for d in _unrated_summary(unique, workbook)]
    raise InputError([*locate(name, document, capped(unique)), *summary])


def _order(document: Document, sheets: dict[str, int], loc: Loc) -> tuple[int, int, int]:
    """Sort key of a diagnostic: by line (in a workbook, by sheet, then row and column)."""
    where = document.place(loc)
    if where is None:
        return (0, 0, 0)
    sheet = sheets.get(where[2], 0) if len(where) == 3 else 0
    return (sheet, where[0], where[1])


def _submission_loc(loc: Loc) -> Loc:
    """Map a model error location to what users write.

    Drops the models' internal ``indicators`` and ``sub_indicators`` levels (users write
    domain → indicator, area → sub-indicator) and pydantic's ``[key]`` marker (an error in
    a mapping key is located at the key), and names ``for_`` as it is written: ``for``.
    """
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
    loc = tuple(_written(part) for part in loc)
    if len(loc) > 2 and (loc[0], loc[2]) in (
        ("domains", "indicators"),
        ("governance", "sub_indicators"),
    ):
        return (*loc[:2], *loc[3:])
    return loc


def submission_model(
    data: dict[str, Any], written: Callable[[Loc], str | None] = _nothing_written
) -> tuple[Submission | None, list[Diagnostic]]:
    """Validate a submission's shape: the model, or None and every problem found.

    ``written`` says how a value that is not text was written (``Document.written.get``).
    """
    try:
        return Submission.model_validate(data), []
    except ValidationError as error:
        return None, model_problems(error, Submission, _submission_loc, written)


def framework_model(document: Document, name: str) -> Framework:
    """Validate a framework file's shape; raise :class:`InputError` listing every problem.

    The consistency rules (:mod:`wcc_assess.core.lint`) are checked once the shape is sound.
    """
    try:
        return Framework.model_validate(document.data)
    except ValidationError as error:
        found = model_problems(error, Framework, written=document.written.get)
        raise InputError(capped(locate(name, document, found))) from None
