"""The models' quick ``model_construct`` builds exactly what pydantic's own would."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, Field

import wcc_assess.models
from tests.render_support import ASSURANCE, WESTMARSH, result_of
from wcc_assess.models._base import Model, plan


def every_model() -> list[type[Model]]:
    for info in pkgutil.iter_modules(wcc_assess.models.__path__):
        importlib.import_module(f"wcc_assess.models.{info.name}")
    found: list[type[Model]] = []
    queue: list[type[Model]] = [Model]
    while queue:
        cls = queue.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("wcc_assess.models."):
                found.append(sub)
                queue.append(sub)
    return found


def walk(value: object) -> Iterator[BaseModel]:
    """Every model instance in a tree of models, lists and dicts."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from walk(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)


def state(model: BaseModel) -> tuple[Any, ...]:
    return (
        type(model),
        list(model.__dict__.items()),
        model.__pydantic_fields_set__,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


def test_every_model_of_the_package_takes_the_quick_way() -> None:
    models = every_model()
    assert len(models) > 40
    assert [cls.__name__ for cls in models if plan(cls) is None] == []


@pytest.mark.parametrize("path", [*WESTMARSH, ASSURANCE], ids=lambda p: p.stem)
def test_a_result_rebuilt_either_way_is_the_same(path: Any) -> None:
    result = result_of(path)
    seen = 0
    for model in walk(result):
        given = {name: model.__dict__[name] for name in model.model_fields_set}
        ours = type(model).model_construct(**given)
        theirs = BaseModel.model_construct.__func__(type(model), **given)  # type: ignore[attr-defined]
        assert state(ours) == state(theirs)
        seen += 1
    assert seen > 100
    assert (
        result.model_dump_json()
        == type(result).model_validate_json(result.model_dump_json()).model_dump_json()
    )


def test_defaults_and_factories_are_filled_and_a_model_that_is_not_plain_goes_to_pydantic() -> None:
    class WithDefaults(Model):
        name: str
        tags: list[str] = Field(default_factory=list)
        note: str | None = None

    made = WithDefaults.model_construct(name="a")
    assert state(made) == state(
        BaseModel.model_construct.__func__(WithDefaults, name="a")  # type: ignore[attr-defined]
    )
    assert made.tags == [] and made.tags is not WithDefaults.model_construct(name="b").tags
    assert list(made.__dict__) == ["name", "tags", "note"]
    pydantic_s = BaseModel.model_construct.__func__  # type: ignore[attr-defined]
    assert state(WithDefaults.model_construct(note="n")) == state(
        pydantic_s(WithDefaults, note="n")
    )
    assert state(WithDefaults.model_construct(name="a", other=1)) == state(
        pydantic_s(WithDefaults, name="a", other=1)
    )
    assert state(WithDefaults.model_construct({"name"}, name="a", note="n")) == state(
        pydantic_s(WithDefaults, {"name"}, name="a", note="n")
    )

    class Aliased(Model):
        name: str = Field(alias="Name")

    assert plan(Aliased) is None
    assert Aliased.model_construct(Name="x").name == "x"
