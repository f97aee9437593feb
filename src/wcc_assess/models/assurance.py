"""Vocabulary shared by frameworks, submissions and results for the rest of assurance.

World Class Commissioning assurance had three elements: health outcomes, the competencies
and governance. The competencies use the framework's numbered scale; governance is rated
red, amber or green, and each outcome measure has a direction in which it is better.
"""

from collections.abc import Iterable
from enum import StrEnum

__all__ = ["Better", "EvidenceKind", "Rag", "kinds_phrase"]


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
