"""Reading a JSON document safely: what ``json.loads`` accepts but no input of ours may hold.

A result or cohort JSON file comes back as an input (a baseline, a trend year, a cohort
member), so it is read as warily as YAML: ``NaN`` and ``Infinity`` (not JSON, though
Python writes and reads them), numbers written with more than
:data:`~wcc_assess.io.yamlsafe.MAX_NUMBER` characters (converting one costs time, and
``1e999`` is infinite), nesting deeper than :data:`~wcc_assess.io.yamlsafe.MAX_DEPTH`, and
lone surrogates in any string (not text, and no report could be written
with one) are each refused with a located :class:`~wcc_assess.errors.InputError`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from wcc_assess.errors import Diagnostic, InputError, Loc, readable_path
from wcc_assess.io.yamlsafe import MAX_DEPTH, MAX_NUMBER

__all__ = ["load_json"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_NUMBER = re.compile(r"-?[0-9][0-9.eE+-]{" + str(MAX_NUMBER) + ",}")
_CONSTANT = re.compile(r"-?\b(?:NaN|Infinity)\b")


class _Refused(Exception):
    """A value ``json.loads`` would take but we do not; its token is found in the text."""

    def __init__(self, message: str, token: re.Pattern[str]) -> None:
        super().__init__(message)
        self.message, self.token = message, token


def _constant(name: str) -> float:
    raise _Refused(f"{name} is not a number JSON allows", _CONSTANT)


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER:
        raise _Refused(f"a number written with {len(text):,} characters is too long", _LONG_NUMBER)
    return int(text)


def _real(text: str) -> float:
    if len(text) > MAX_NUMBER:
        raise _Refused(f"a number written with {len(text):,} characters is too long", _LONG_NUMBER)
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"{text} is too large to be a number", re.compile(re.escape(text)))
    return value


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _refusal(name: str, message: str, text: str, offset: int | None, hint: str) -> InputError:
    line, column = _position(text, offset) if offset is not None else (None, None)
    return InputError([Diagnostic(name, message, line=line, column=column, hint=hint)])


def _walk(data: Any, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH and lone surrogates in keys and strings."""
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if len(loc) > MAX_DEPTH:
            raise InputError.one(name, f"the data is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise InputError(
                    [
                        Diagnostic(
                            name,
                            "a string holds a lone surrogate (\\ud800-\\udfff), which is not text",
                            path=readable_path(loc, data),
                            hint="a file written by wcc never holds one; is it the right file?",
                        )
                    ]
                )
        elif isinstance(value, dict):
            stack.extend((item, (*loc, key)) for key, item in value.items())
            stack.extend((key, (*loc, key)) for key in value)
        elif isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))


def load_json(text: str, name: str, hint: str) -> Any:
    """Parse JSON text, refusing what no input of ours may hold; ``hint`` says what to give."""
    try:
        data = json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_real)
    except json.JSONDecodeError as error:
        raise InputError.one(
            name, f"not valid JSON: {error.msg}", hint, line=error.lineno, column=error.colno
        ) from None
    except RecursionError:
        raise _refusal(
            name, f"the data is nested more than {MAX_DEPTH} levels deep", text, None, hint
        ) from None
    except _Refused as refused:
        found = refused.token.search(text)
        raise _refusal(
            name, refused.message, text, found.start() if found else None, hint
        ) from None
    _walk(data, name)
    return data
