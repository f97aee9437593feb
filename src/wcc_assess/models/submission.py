"""The submission model: an organisation's self-assessment against one framework.

The model checks shape and types; the loader checks the submission against its framework
(known ids, every indicator present, levels on the scale).
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

__all__ = [
    "Assessor",
    "DomainEntry",
    "Evidence",
    "IndicatorEntry",
    "Organisation",
    "Submission",
    "suggest",
]

Text = Annotated[StrictStr, Field(min_length=1)]

_PERIOD = re.compile(r"^(\d{4})/(\d{2})$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Model):
    """Who is assessed."""

    name: Text
    code: Text
    """The organisation's code (e.g. its ODS code); quote it if it looks like a number."""


class Assessor(_Model):
    """A person who contributed to the self-assessment."""

    name: Text
    role: StrictStr | None = None


class Evidence(_Model):
    """One item of evidence: a document, data set or decision a panel could look at."""

    title: Text
    ref: Text
    """Where to find it: a URL, a document reference or a board paper number."""
    date: date
    """When the evidence was produced or approved."""


def _reason(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError('a reason is required: not_assessed: "<why it was not assessed>"')
    return value


class IndicatorEntry(_Model):
    """The rating of one indicator, or the reason it was not assessed."""

    level: StrictInt | None = None
    narrative: StrictStr = ""
    evidence: list[Evidence] = Field(default_factory=list)
    panel_level: StrictInt | None = None
    panel_note: StrictStr | None = None
    not_assessed: StrictStr | None = None

    _check_reason = field_validator("not_assessed")(_reason)

    @model_validator(mode="after")
    def _rated_or_skipped(self) -> Self:
        if self.not_assessed is None and self.level is None:
            raise ValueError(
                'level is required (or skip the indicator with not_assessed: "<reason>")'
            )
        if self.not_assessed is not None and (
            self.level is not None or self.panel_level is not None
        ):
            raise ValueError("an indicator is either rated (level) or not_assessed, not both")
        return self


class DomainEntry(_Model):
    """A domain's indicator ratings, or the reason the whole domain was not assessed.

    In YAML a domain is a mapping of indicator id to rating, or ``not_assessed: "<reason>"``.
    """

    not_assessed: StrictStr | None = None
    indicators: dict[str, IndicatorEntry] = Field(default_factory=dict)

    _check_reason = field_validator("not_assessed")(_reason)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if "not_assessed" in data and data["not_assessed"] is None:
                raise ValueError('a reason is required: not_assessed: "<why it was not assessed>"')
            indicators = {key: value for key, value in data.items() if key != "not_assessed"}
            result: dict[str, Any] = {"indicators": indicators}
            if "not_assessed" in data:
                result["not_assessed"] = data["not_assessed"]
            return result
        return data

    @model_validator(mode="after")
    def _skipped_whole(self) -> Self:
        if self.not_assessed is not None and self.indicators:
            raise ValueError(
                "a domain marked not_assessed cannot also rate indicators; "
                "remove the ratings or mark single indicators not_assessed instead"
            )
        return self


class Submission(_Model):
    """An organisation's self-assessment for one period."""

    framework: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*(@[^@\s]+)?$")]
    """The framework id, optionally pinned to a version: ``wcc`` or ``wcc@2009``."""
    organisation: Organisation
    period: StrictStr
    """The financial year assessed, e.g. ``2026/27``."""
    assessed_on: date
    assessors: list[Assessor] = Field(default_factory=list)
    targets: dict[str, StrictInt] = Field(default_factory=dict)
    """Target levels: ``default`` for every domain, or per domain id."""
    domains: dict[str, DomainEntry]

    @field_validator("period")
    @classmethod
    def _financial_year(cls, value: str) -> str:
        match = _PERIOD.match(value)
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f"{value!r} is not a financial year such as 2026/27")
        return value

    @property
    def framework_id(self) -> str:
        """The framework id without any version pin."""
        return self.framework.partition("@")[0]

    @property
    def framework_version(self) -> str | None:
        """The pinned framework version, if any."""
        return self.framework.partition("@")[2] or None


def suggest(word: str, choices: list[str]) -> str | None:
    """Return ``did you mean X?`` for the closest choice, or list the choices."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if close:
        return f"did you mean {close[0]}?"
    if len(choices) <= 12:
        return f"expected one of {', '.join(choices)}"
    return None
