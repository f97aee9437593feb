"""Every date field of every model is a calendar day written YYYY-MM-DD (issue 12).

Pydantic alone takes the number 0 for 1970-01-01 and a timestamp at midnight in any zone
for its date; ``models._base.Date`` refuses both. A field added later (a panel record, an
action's due date) inherits the rule by using ``Date``, which this test holds it to.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from datetime import date, datetime

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

import wcc_assess.models
from wcc_assess.models._base import Date, strict_date


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for module in pkgutil.iter_modules(wcc_assess.models.__path__):
        loaded = importlib.import_module(f"wcc_assess.models.{module.name}")
        found += [
            value
            for value in vars(loaded).values()
            if inspect.isclass(value) and issubclass(value, BaseModel) and value is not BaseModel
        ]
    return found


def _plain_dates(annotation: object) -> int:
    """Count the dates in an annotation that are not wrapped as ``Date``."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        if base is date:
            return 0 if any(getattr(m, "func", None) is strict_date for m in extra) else 1
        return _plain_dates(base)
    if annotation is date:
        return 1
    return sum(_plain_dates(arg) for arg in typing.get_args(annotation))


def test_every_date_field_is_a_strict_date() -> None:
    checked = 0
    for model in _models():
        for name, field in model.model_fields.items():
            strict = any(getattr(m, "func", None) is strict_date for m in field.metadata)
            if field.annotation is date:
                assert strict, f"{model.__name__}.{name} is a plain date"
                checked += 1
            elif "date" in repr(field.annotation):
                assert _plain_dates(field.annotation) == 0, f"{model.__name__}.{name}"
                checked += 1
    assert checked >= 8


@pytest.mark.parametrize(
    "value",
    [0, 1760400000, 2026.5, "2026-1-5", "14/10/2026", "2026-10-14T00:00:00Z", " 2026-10-14"],
)
def test_only_a_day_written_as_one_is_a_date(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Date).validate_python(value)
    with pytest.raises(ValidationError):
        TypeAdapter(Date).validate_python(datetime(2026, 10, 14))


def test_a_day_is_a_date() -> None:
    assert TypeAdapter(Date).validate_python("2026-10-14") == date(2026, 10, 14)
    assert TypeAdapter(Date).validate_python(date(2026, 10, 14)) == date(2026, 10, 14)
