"""Turning parsed documents into models, with every problem located at file:line:column.

The model errors of a document (pydantic's) are translated into plain-words diagnostics
at the field paths users write
(:func:`model_problems`), and any diagnostics at field paths (these, and those of the
checks in :mod:`wcc_assess.core`) are located in the document (:func:`locate`). Nothing
here prints or exits; all problems of a file are raised together as one
:class:`~wcc_assess.errors.InputError`.
"""

from __future__ import annotations

import keyword
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from wcc_assess.errors import Diagnostic, InputError, Loc, suggest
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
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
}


_BOUND_WORDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    hint = None
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        hint = "put it in quotes to make it text"
    return f"expected {_TYPE_WORDS[kind]}, got {_describe(value)}", hint


def _date_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    return f"{_describe(value)} is not a date", "write dates as YYYY-MM-DD"


def _pattern_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    pattern = (item.get("ctx") or {}).get("pattern", "")
    hint = f"it must match {pattern}" if pattern else None
    return f"{_describe(value)} is not in the expected form", hint


def _empty_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    return "must not be empty", None


def _enum_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    expected = str((item.get("ctx") or {}).get("expected", ""))
    hint = None
    if isinstance(value, str):
        lowered = value.strip().lower()
        hyphenated = "-".join(lowered.replace("_", " ").split())
        if lowered != value and f"'{lowered}'" in expected:
            hint = f"write it as {lowered}"
        elif hyphenated != lowered and f"'{hyphenated}'" in expected:
            hint = f"write it as {hyphenated}"
    return f"expected {expected}, got {_describe(value)}", hint


def _bound_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    bound = next(iter((item.get("ctx") or {}).values()), None)
    size = "small" if kind.startswith("greater") else "large"
    if isinstance(bound, float) and bound.is_integer():
        bound = int(bound)
    hint = f"it must be {_BOUND_WORDS[kind]} {bound}" if bound is not None else None
    return f"{_describe(value)} is too {size}", hint


def _value_words(kind: str, value: Any, item: _ItemError) -> tuple[str, str | None]:
    return str(item["msg"]).removeprefix("Value error, "), None


_Words = Callable[[str, Any, _ItemError], tuple[str, str | None]]

_WORDS: dict[str, _Words] = {
    **dict.fromkeys(_TYPE_WORDS, _type_words),
    **dict.fromkeys(_BOUND_WORDS, _bound_words),
    "string_pattern_mismatch": _pattern_words,
    "string_too_short": _empty_words,
    "too_short": _empty_words,
    "enum": _enum_words,
    "value_error": _value_words,
    "assertion_error": _value_words,
}
"""How each kind of model error is put into words: (message, hint)."""


def _problem(
    item: _ItemError, model: type[BaseModel], translate: Callable[[Loc], Loc]
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
    words = _WORDS.get(kind)
    if words is None and kind.startswith(("date", "datetime")):
        words = _date_words
    if words is None:
        return Diagnostic.at(loc, str(item["msg"]))
    message, hint = words(kind, value, item)
    return Diagnostic.at(loc, message, hint)


def model_problems(
    error: ValidationError,
    model: type[BaseModel],
    translate: Callable[[Loc], Loc] = lambda loc: loc,
) -> list[Diagnostic]:
    """Put a model's validation errors into plain words, at the paths users write.

    ``translate`` maps a model's error location to what the user wrote.
    """
    return [_problem(item, model, translate) for item in error.errors(include_url=False)]


def locate(name: str, document: Document, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return ``diagnostics`` located in ``document`` (named ``name``), in the order given."""
    return [d.located(name, document.locate(d.loc)) for d in diagnostics]


def raise_located(
    name: str, document: Document, diagnostics: list[Diagnostic], *, by_line: bool = False
) -> None:
    """Raise every diagnostic as one located :class:`InputError`, if there is any.

    Duplicates are dropped; ``by_line`` sorts them by where they stand in the file.
    """
    if not diagnostics:
        return
    unique = list(dict.fromkeys(diagnostics))
    if by_line:
        unique.sort(key=lambda d: document.locate(d.loc) or (0, 0))
    raise InputError(locate(name, document, unique))


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


def submission_model(data: dict[str, Any]) -> tuple[Submission | None, list[Diagnostic]]:
    """Validate a submission's shape: the model, or None and every problem found."""
    try:
        return Submission.model_validate(data), []
    except ValidationError as error:
        return None, model_problems(error, Submission, _submission_loc)


def framework_model(document: Document, name: str) -> Framework:
    """Validate a framework file's shape; raise :class:`InputError` listing every problem.

    The consistency rules (:mod:`wcc_assess.core.lint`) are checked once the shape is sound.
    """
    try:
        return Framework.model_validate(document.data)
    except ValidationError as error:
        raise InputError(locate(name, document, model_problems(error, Framework))) from None
