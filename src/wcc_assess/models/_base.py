"""The one base of every model: strict (unknown keys are errors), frozen, built on first use."""

from pydantic import BaseModel, ConfigDict

__all__ = ["Model"]


class Model(BaseModel):
    """Unknown fields are errors; instances are immutable; validators build on first use."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
