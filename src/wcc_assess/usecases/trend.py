"""Build a trend: several periods of one organisation, from submissions or results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wcc_assess.core.trend import build_trend
from wcc_assess.errors import UsageError
from wcc_assess.models.trend import Trend
from wcc_assess.usecases.assess import load_earlier
from wcc_assess.usecases.frameworks import resolve_framework

__all__ = ["TrendOutcome", "trend_of_files"]


@dataclass(frozen=True, slots=True)
class TrendOutcome:
    """The trend, and every file read."""

    trend: Trend
    inputs: list[Path | str] = field(default_factory=list)


def trend_of_files(
    files: Sequence[Path], frameworks: Sequence[str] = (), *, generated_at: str
) -> TrendOutcome:
    """Read each file (a submission or a result) and build the organisation's trend.

    ``frameworks`` (ids or files) lend framework versions to the submissions. Raises
    :class:`UsageError` for files of several organisations or two of one period.
    """
    if sum(str(path) == "-" for path in files) > 1:
        raise UsageError("standard input (-) can be read only once")
    pool = [resolve_framework(spec) for spec in frameworks]
    named = [
        (str(path), load_earlier(path, generated_at=generated_at, frameworks=pool))
        for path in files
    ]
    inputs: list[Path | str] = [*files, *(spec for spec in frameworks if Path(spec).is_file())]
    return TrendOutcome(build_trend(named, generated_at=generated_at), inputs)
