"""Vocabulary shared by frameworks, submissions and results for the rest of assurance.

World Class Commissioning assurance had three elements: health outcomes, the competencies
and governance. The competencies use the framework's numbered scale; governance is rated
red, amber or green, and each outcome measure has a direction in which it is better.
"""

from enum import StrEnum

__all__ = ["Better", "Rag"]


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
