"""Vocabulary shared by frameworks, submissions and results for the rest of assurance.

World Class Commissioning assurance had three elements: health outcomes, the competencies
and governance. The competencies use the framework's numbered scale; governance is rated
red, amber or green, and each outcome measure has a direction in which it is better, a
tolerance within which a miss is not called off track, and a data period for its figures.
"""

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import Field, StrictFloat, StrictInt, model_validator

from wcc_assess.models._base import Model

__all__ = ["Better", "DataPeriod", "EvidenceKind", "PeriodKind", "Rag", "Tolerance", "kinds_phrase"]


class Rag(StrEnum):
    """A red / amber / green rating, worst first."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        """The rating as a word for reports (``Red``), never a colour alone."""
        return self.value.capitalize()


class Better(StrEnum):
    """Which direction of an outcome measure is an improvement."""

    HIGHER = "higher"
    """More is better (e.g. life expectancy)."""
    LOWER = "lower"
    """Less is better (e.g. a gap in life expectancy, a rate of avoidable admissions)."""


class EvidenceKind(StrEnum):
    """What an evidence item shows, as an assurance panel triangulated it.

    Panels looked for intent (a plan), a decision taken on it, a result measured and the
    view of partners; a framework may ask for kinds by level (level 3: a decision and a
    result, not two plans).
    """

    PLAN = "plan"
    """Intent: a strategy, policy or plan."""
    DECISION = "decision"
    """A decision taken: minutes, an approved paper, a signed contract or agreement."""
    RESULT = "result"
    """What happened: data, an audit, an evaluation, a benchmark."""
    PARTNER_VIEW = "partner-view"
    """Partners' view: a survey of partners, letters, a Healthwatch or LINk report."""
    OTHER = "other"
    """Anything else a panel could look at."""

    @property
    def label(self) -> str:
        """The kind in words for reports (``partner view``)."""
        return self.value.replace("-", " ")


def kinds_phrase(kinds: Iterable[EvidenceKind]) -> str:
    """Put kinds of evidence into words, in the order first given: ``a decision and 2 results``.

    Cap messages (the scorer's) and rule texts (the reports') say kinds the same way.
    """
    counts: dict[EvidenceKind, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    parts = [
        f"a {kind.label}" if number == 1 else f"{number} {kind.label}s"
        for kind, number in counts.items()
    ]
    if len(parts) < 3:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


_Amount = Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]


class Tolerance(Model):
    """How far an actual may fall short of its aspiration and still be *within tolerance*.

    Either an ``absolute`` amount in the measure's unit (``0.3`` years) or a ``percent`` of
    the aspiration (``2`` for 2%). In YAML a bare number is the absolute amount.
    """

    absolute: _Amount | None = None
    percent: Annotated[StrictFloat, Field(ge=0, le=100, allow_inf_nan=False)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return {"absolute": float(data)}
        return data

    @model_validator(mode="after")
    def _one_of(self) -> Self:
        if (self.absolute is None) == (self.percent is None):
            raise ValueError(
                "give a tolerance as a number in the measure's unit (tolerance: 0.3) or as "
                "a percentage of the aspiration (tolerance: {percent: 2}), not both"
            )
        return self


class PeriodKind(StrEnum):
    """What the figures of an outcome measure cover."""

    FINANCIAL_YEAR = "financial-year"
    """The financial year itself (April to March): ``2024/25``."""
    CALENDAR_YEAR = "calendar-year"
    """The calendar year that ends in the financial year (its December): ``2024``."""


class DataPeriod(Model):
    """The period a measure's figure covers, for the financial year it is filed under.

    Life expectancy is published for three calendar years pooled: ``{kind: calendar-year,
    years: 3}`` words the figure filed under 2024/25 as ``2022-2024, pooled``.
    """

    kind: PeriodKind = PeriodKind.FINANCIAL_YEAR
    years: Annotated[StrictInt, Field(ge=1, le=10)] = 1
    """How many years are pooled into one figure (1: a single year)."""
