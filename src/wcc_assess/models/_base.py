"""The one base of every model: strict (unknown keys are errors), frozen, built on first use.

The scorer builds a result's models with ``model_construct`` (from a checked framework and
submission: validating them again would only cost start-up). A cohort builds hundreds of
them per file, and pydantic's own ``model_construct`` looks up aliases for every field of
every call, so :class:`Model` does the same work the short way for the models it can: no
aliases, no private attributes, no post-init hook, unknown keys not kept, which is every
model of this package. It sets the same four attributes pydantic's does, with the fields in
declaration order (the order they are written in JSON), and hands any other model to
pydantic. ``tests/unit/test_models_construct.py`` holds the two to the same results.
"""

import re
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, NamedTuple, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

__all__ = ["Date", "Model", "Plan", "plan", "strict_date"]

_ISO_DAY = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def strict_date(value: Any) -> date:
    """Accept a date, or text written exactly ``YYYY-MM-DD``; refuse everything else.

    Pydantic alone would take the number 0 for 1970-01-01 and a timestamp at midnight (in
    any zone) for its date; a submission or a result means a calendar day, written as one.
    The refusals are error types of their own (``date_form``, ``date_time``), which the
    reader puts into words with the value as written.
    """
    if isinstance(value, datetime):
        raise PydanticCustomError("date_time", "a date and time, not a date")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_form", "not a day of the calendar") from None
    raise PydanticCustomError("date_form", "not a date written YYYY-MM-DD")


Date = Annotated[date, BeforeValidator(strict_date)]
"""A calendar day, written ``YYYY-MM-DD`` (every date field of every model is one)."""

_set = object.__setattr__
_LATER = object()
"""A field's place in the template, filled per instance (required, or a default to copy)."""
_SHARED = (type(None), bool, int, float, str, bytes, tuple, frozenset)
"""Defaults that instances may share: immutable ones (others are copied, as pydantic does)."""


class Model(BaseModel):
    """Unknown fields are errors; instances are immutable; validators build on first use."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # The pydantic mypy plugin gives each model a model_construct of its own fields (so the
    # scorer's calls are checked); for this field-less base that signature clashes with
    # BaseModel's, hence the ignore.
    @classmethod
    def model_construct(  # type: ignore[override]
        cls, _fields_set: set[str] | None = None, **values: Any
    ) -> Self:
        """Build an instance from trusted values, as :meth:`BaseModel.model_construct` does."""
        quick = plan(cls)
        if quick is None or not quick.required <= values.keys() <= quick.names:
            return super().model_construct(_fields_set, **values)
        built = quick.template.copy()  # every field, in declaration order
        built.update(values)
        for name, field in quick.later:
            if name not in values:
                built[name] = field.get_default(call_default_factory=True)
        made = cls.__new__(cls)
        _set(made, "__dict__", built)
        _set(made, "__pydantic_fields_set__", set(values) if _fields_set is None else _fields_set)
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made


class Plan(NamedTuple):
    """How :meth:`Model.model_construct` builds a model's instances."""

    template: dict[str, Any]
    """Every field in declaration order: its shared default, or a place for its value."""
    required: frozenset[str]
    names: frozenset[str]
    later: tuple[tuple[str, FieldInfo], ...]
    """Fields with a default made for each instance (a factory's, or a copy)."""


@cache
def plan(cls: type[BaseModel]) -> Plan | None:
    """Return how to build a model's instances the short way, or None if it is not plain.

    Plain: no field has an alias, the model has no private attribute and no post-init hook,
    and it does not keep unknown keys: pydantic's ``model_construct`` would then only fill
    the defaults.
    """
    if (
        cls.__pydantic_root_model__
        or cls.__private_attributes__
        or cls.__pydantic_post_init__
        or cls.model_config.get("extra") == "allow"
    ):
        return None
    fields = cls.model_fields  # a class attribute on every pydantic 2 release
    if any(f.alias is not None or f.validation_alias is not None for f in fields.values()):
        return None
    template: dict[str, Any] = {}
    later: list[tuple[str, FieldInfo]] = []
    for name, field in fields.items():
        shared = field.default_factory is None and isinstance(field.default, _SHARED)
        template[name] = field.default if shared and not field.is_required() else _LATER
        if not shared and not field.is_required():
            later.append((name, field))
    required = frozenset(name for name, field in fields.items() if field.is_required())
    return Plan(template, required, frozenset(fields), tuple(later))
