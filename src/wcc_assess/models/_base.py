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

from functools import cache
from typing import Any, Self

from pydantic import BaseModel, ConfigDict
from pydantic.fields import FieldInfo

__all__ = ["Model", "plain_fields"]

_set = object.__setattr__


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
        fields = plain_fields(cls)
        if fields is None:
            return super().model_construct(_fields_set, **values)
        built: dict[str, Any] = {}
        given: set[str] = set()
        for name, field in fields:
            if name in values:
                built[name] = values[name]
                given.add(name)
            elif field is not None:
                built[name] = field.get_default(call_default_factory=True)
        made = cls.__new__(cls)
        _set(made, "__dict__", built)
        _set(made, "__pydantic_fields_set__", given if _fields_set is None else _fields_set)
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made


@cache
def plain_fields(cls: type[BaseModel]) -> tuple[tuple[str, FieldInfo | None], ...] | None:
    """Return a model's fields (with the field when it has a default), or None if not plain.

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
    fields = cls.__pydantic_fields__
    if any(f.alias is not None or f.validation_alias is not None for f in fields.values()):
        return None
    return tuple((name, None if f.is_required() else f) for name, f in fields.items())
