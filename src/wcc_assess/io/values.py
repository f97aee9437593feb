"""A workbook cell's value as the field it fills expects it, generously where it is unambiguous.

People type into spreadsheets what they see: ``3 `` with a trailing space, ``3.0``, a date
as ``14/10/2026``, an organisation code that the spreadsheet took for a number. Each kind of
field (:class:`~wcc_assess.models.workbook.CellKind`) reads what can mean only one thing,
says when it read something loosely (a warning), and explains what it cannot read (a
problem, with what would be valid). Anything else is passed on as it is, for the models to
judge with their usual words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from wcc_assess.io.xlsx import Cell, FormulaWithoutValue
from wcc_assess.models.workbook import CHOICE_NOT_ASSESSED, CellKind

__all__ = ["NOT_ASSESSED", "Converted", "convert", "is_not_assessed"]

_Words = tuple[str, str | None]


class _NotAssessed:
    """The level or rating drop-downs' "Not assessed"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return CHOICE_NOT_ASSESSED


NOT_ASSESSED = _NotAssessed()


def is_not_assessed(value: object) -> bool:
    """Whether a converted value is the drop-downs' "Not assessed"."""
    return value is NOT_ASSESSED


class Converted(NamedTuple):
    """A cell's value for its field, and what to say about it."""

    value: Any
    problem: _Words | None = None
    warning: _Words | None = None


_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
_INTEGER = re.compile(r"^[+-]?\d+(\.0+)?$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_RAG = {"red": "red", "amber": "amber", "green": "green", "r": "red", "a": "amber", "g": "green"}


def _whole(value: Any) -> Any:
    """Return a whole number from a number or text that is one; anything else as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(float(value.strip()))
    return value


def _text(value: Any, what: str = "text", example: str = "it") -> Converted:
    if isinstance(value, bool):
        return Converted(value)
    if isinstance(value, int):
        return Converted(str(value))
    if isinstance(value, float):
        return Converted(str(int(value)) if value.is_integer() else repr(value))
    if isinstance(value, (date, datetime)):
        return Converted(
            value,
            (
                f"the cell holds a date where {what} is expected",
                f"format the cell as text and type {example} again",
            ),
        )
    return Converted(value)


def _level(value: Any) -> Converted:
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.lower() == CHOICE_NOT_ASSESSED.lower():
            return Converted(NOT_ASSESSED)
        word = _NUMBER_WORDS.get(stripped.lower())
        if word is not None:
            return Converted(
                word,
                warning=(
                    f"{stripped!r} was read as level {word}",
                    "choose the level from the drop-down",
                ),
            )
    whole = _whole(value)
    if isinstance(whole, int) and not isinstance(whole, bool):
        return Converted(whole)
    if isinstance(whole, (str, float)):
        shown = whole if isinstance(whole, float) else whole.strip()
        return Converted(
            value,
            (
                f"{shown!r} is not a level",
                "choose a whole level from the drop-down, or Not assessed (with a reason)",
            ),
        )
    return Converted(value)


def _rag(value: Any) -> Converted:
    if not isinstance(value, str):
        return Converted(value)
    stripped = value.strip().lower()
    if stripped == CHOICE_NOT_ASSESSED.lower():
        return Converted(NOT_ASSESSED)
    if stripped in _RAG:
        return Converted(_RAG[stripped])
    return Converted(value)


def _number(value: Any) -> Converted:
    if isinstance(value, str):
        stripped = value.strip().replace("\u2212", "-")
        if _DECIMAL.match(stripped):
            number = float(stripped)
            return Converted(int(number) if _INTEGER.match(stripped) else number)
        if re.match(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", stripped):
            return Converted(
                value,
                (
                    f"{stripped!r} is text, not a number",
                    f"type it without commas: {stripped.replace(',', '')}",
                ),
            )
    return Converted(value)


def _day_first_hint(text: str) -> str:
    match = _DAY_FIRST.match(text)
    if match:
        try:
            day = date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return "type a date, or text written YYYY-MM-DD"
        return f"if you meant {day:%-d %B %Y}, type it as a date or as {day.isoformat()}"
    return "type a date, or text written YYYY-MM-DD"


def _date(value: Any) -> Converted:
    if isinstance(value, datetime):
        return Converted(
            value, (f"{value.isoformat(sep=' ')} has a time of day", "type the date alone")
        )
    if isinstance(value, date):
        return Converted(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 2_958_465:
            day = _EXCEL_EPOCH + timedelta(days=int(value))
            return Converted(
                day,
                warning=(
                    f"{value!r} was read as {day.isoformat()} (a date's serial number)",
                    "format the cell as a date",
                ),
            )
        return Converted(
            value, (f"{value!r} is not a date", "type a date, or text written YYYY-MM-DD")
        )
    if isinstance(value, str):
        stripped = value.strip()
        if _ISO_DATE.match(stripped):
            try:
                return Converted(date.fromisoformat(stripped))
            except ValueError:
                return Converted(value, (f"{stripped!r} is not a date", "no such day"))
        return Converted(value, (f"{stripped!r} is text, not a date", _day_first_hint(stripped)))
    return Converted(value)


def _period(value: Any) -> Converted:
    if isinstance(value, str):
        return Converted(value.strip())
    return _text(value, "a financial year", "the year as 2026/27")


def _choice(value: Any) -> Converted:
    return Converted(value.strip().lower() if isinstance(value, str) else value)


def _identifier(value: Any) -> Converted:
    if isinstance(value, str):
        return Converted(value.strip())
    return _text(value)


_SEPARATORS = re.compile(r"[,;\s]+")


def _ids(value: Any) -> Converted:
    """Ids separated by commas (or semicolons, or spaces) as a list; one id as a list of one."""
    if isinstance(value, str):
        return Converted([part for part in _SEPARATORS.split(value) if part])
    converted = _text(value)
    return converted if converted.problem else Converted([converted.value])


def _items(value: Any) -> Converted:
    """Names separated by semicolons (or line breaks) as a list; one name as a list of one."""
    if isinstance(value, str):
        return Converted([part.strip() for part in re.split(r"[;\n]", value) if part.strip()])
    converted = _text(value)
    return converted if converted.problem else Converted([converted.value])


_KINDS: dict[CellKind, Callable[[Any], Converted]] = {
    CellKind.TEXT: _text,
    CellKind.ID: _identifier,
    CellKind.WHOLE: lambda value: Converted(_whole(value)),
    CellKind.LEVEL: _level,
    CellKind.RAG: _rag,
    CellKind.NUMBER: _number,
    CellKind.DATE: _date,
    CellKind.PERIOD: _period,
    CellKind.CHOICE: _choice,
    CellKind.IDS: _ids,
    CellKind.ITEMS: _items,
}


def convert(cell: Cell, kind: CellKind) -> Converted:
    """Return ``cell``'s value read as ``kind``, with what to say about it."""
    value = cell.value
    if kind is CellKind.TEXT and type(value) is str and not cell.formula:
        return Converted(value)  # most cells: text where text is expected
    if isinstance(value, FormulaWithoutValue):
        return Converted(
            value,
            (
                f"the cell holds a formula (={value.formula}) with no calculated value",
                "type the value, not a formula",
            ),
        )
    if cell.error:
        return Converted(value, (f"the cell shows the error {value}", "type the value itself"))
    converted = _KINDS[kind](value)
    if cell.formula and converted.problem is None:
        shown = "Not assessed" if is_not_assessed(converted.value) else repr(converted.value)
        return converted._replace(
            warning=(
                f"the cell holds a formula; its last calculated value {shown} was read",
                "type the value, not a formula, so that it cannot change",
            )
        )
    return converted
