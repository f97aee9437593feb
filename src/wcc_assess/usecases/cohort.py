"""Grade a cohort: find the files, grade each one, keep only small summaries, build the report.

Each file is read, checked, scored and reduced to an
:class:`~wcc_assess.models.cohort.OrganisationSummary` (or the file's problems) before the
next one is read, so memory holds summaries, never documents. Large cohorts are graded by
a pool of worker processes, a chunk of files at a time (a worker that dies leaves its
files listed as not graded, never a hung run); every worker grades with
:func:`grade_file`, the same use case as one process. The framework named with
``--framework`` is resolved once, before the workers start (forked workers inherit it);
the statistics are in :mod:`wcc_assess.core.cohort`.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wcc_assess.core.cohort import CohortOptions, build_cohort, summarise
from wcc_assess.core.scoring import ScoreOptions, check_target, score
from wcc_assess.errors import Diagnostic, InputError, UsageError, issues_url
from wcc_assess.io.jsonsafe import load_json
from wcc_assess.io.paths import BASELINE_SUFFIXES, expand_paths
from wcc_assess.io.reading import display_name, is_submission_data, read_text
from wcc_assess.io.results import COHORT_HINT, cohort_baseline_from_data
from wcc_assess.models.cohort import CohortResult, InvalidSubmission, OrganisationSummary, RankBy
from wcc_assess.models.framework import Framework
from wcc_assess.usecases.assess import checked_result
from wcc_assess.usecases.frameworks import resolve_framework
from wcc_assess.usecases.submissions import load_submission_quickly

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

__all__ = [
    "MAX_WORKERS",
    "PARALLEL_MIN_FILES",
    "CohortOutcome",
    "CohortRequest",
    "GradeSettings",
    "Graded",
    "default_workers",
    "grade_cohort",
    "grade_file",
    "grade_files",
]

PARALLEL_MIN_FILES = 48
"""Below this many files, starting worker processes costs more than it saves."""
MAX_WORKERS = 8
"""More workers than this add memory without adding speed for files of this size."""

Graded = list[OrganisationSummary | InvalidSubmission]
"""What one file gives: one summary (a cohort JSON file gives many), or its problems."""

Progress = Callable[[int], AbstractContextManager[Callable[[int], None]]]
"""Given the number of files, a context yielding a callback told of each batch graded."""


@dataclass(frozen=True, slots=True)
class GradeSettings:
    """How every file of a cohort is graded (sent once to each worker process)."""

    generated_at: str
    framework: Framework | None = None
    """``--framework``, resolved once; None grades each submission against its own."""
    target: int | None = None
    """``--target`` for every domain."""
    allow_not_evidenced: bool = False
    """``--allow-not-evidenced`` for every submission."""


@dataclass(frozen=True, slots=True)
class CohortRequest:
    """What ``wcc cohort`` was asked to grade, and how."""

    paths: Sequence[str]
    """Files, folders and glob patterns of the cohort."""
    framework: str | None = None
    target: int | None = None
    baseline: Sequence[str] = ()
    """Last year's cohort: files, folders and globs of submissions, results or a cohort."""
    jobs: int | None = None
    """Worker processes; None chooses (:func:`default_workers`)."""
    rank_by: str = RankBy.SCORE.value
    """``--rank``: the order of the league table (``score`` or ``governance-first``)."""
    allow_not_evidenced: bool = False


@dataclass(frozen=True, slots=True)
class CohortOutcome:
    """The cohort report's data, and every file read."""

    cohort: CohortResult
    inputs: list[Path | str] = field(default_factory=list)


def _grade_yaml(path: Path, name: str, settings: GradeSettings) -> Graded:
    loaded = load_submission_quickly(path, settings.framework, resolve_framework)
    options = ScoreOptions(
        generated_at=settings.generated_at,
        source=name,
        target=settings.target,
        allow_not_evidenced=settings.allow_not_evidenced,
    )
    return [summarise(score(loaded.framework, loaded.submission, options))]


def _grade_json(path: Path, name: str, settings: GradeSettings) -> Graded:
    """Read a result, a cohort report or a submission written in JSON syntax (graded).

    A result is what ``wcc assess --format json`` writes, a cohort report what ``wcc
    cohort --format json`` writes.
    """
    data = load_json(read_text(path), name, COHORT_HINT)
    if is_submission_data(data):
        return _grade_yaml(path, name, settings)
    found = cohort_baseline_from_data(data, name)
    if isinstance(found, list):
        return list(found)
    if isinstance(found, InvalidSubmission):
        return [found]
    return [summarise(checked_result(found, name), source=name)]


def _internal(name: str, error: BaseException) -> InvalidSubmission:
    """Return a file whose grading hit a bug as not graded, with how to report the bug."""
    detail = f"{type(error).__name__}: {str(error).strip()[:160]}".rstrip(": ")
    return InvalidSubmission.one(
        Diagnostic(
            name,
            f"not graded: an internal error while grading it ({detail})",
            hint=f"this is a bug in wcc-assess, not in the file; please report it at "
            f"{issues_url()}",
        )
    )


def grade_file(path: Path, settings: GradeSettings) -> Graded:
    """Grade one file: a submission (YAML), or a result or cohort JSON file (baselines).

    Never raises: a bad file's problems come back as an invalid entry, and so does an
    internal error (a bug) met while grading it, so that one poisoned file never takes
    down a cohort.
    """
    name = display_name(path)
    try:
        if path.suffix.lower() == ".json":
            return _grade_json(path, name, settings)
        return _grade_yaml(path, name, settings)
    except InputError as error:
        return [InvalidSubmission.of(name, error.diagnostics)]
    except UsageError as error:  # e.g. an unknown framework, a target off the scale
        return [InvalidSubmission.one(Diagnostic(name, str(error)))]
    except Exception as error:  # noqa: BLE001 - a bug: this file is not graded, the rest are
        return [_internal(name, error)]


_settings: GradeSettings | None = None


def _init_worker(settings: GradeSettings) -> None:
    global _settings
    _settings = settings
    # Ctrl-C is the parent's to handle: it stops the pool (no traceback from each worker).
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _grade_chunk(paths: list[Path]) -> list[Graded]:
    assert _settings is not None, "the worker was not initialised"
    return [grade_file(path, _settings) for path in paths]


def default_workers(files: int) -> int:
    """Return how many worker processes to grade ``files`` files with.

    1 (no pool) for small cohorts, else one per usable core, at most :data:`MAX_WORKERS`,
    and no more than the work can keep busy.
    """
    if files < PARALLEL_MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS, files // (PARALLEL_MIN_FILES // 2)))


def _context() -> BaseContext:
    # fork is cheap (workers inherit the imported modules and the loaded framework) and safe
    # here because the pool is started before any thread; elsewhere use the platform default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _lost(path: Path) -> InvalidSubmission:
    return InvalidSubmission.one(
        Diagnostic(
            display_name(path),
            "not graded: the worker process grading it stopped unexpectedly",
            hint="run again with --jobs 1 to find the file that causes it",
        )
    )


def _in_pool(
    paths: Sequence[Path], settings: GradeSettings, workers: int, report: Callable[[int], None]
) -> list[Graded]:
    size = max(1, min(8, math.ceil(len(paths) / (workers * 4))))
    chunks = [list(paths[start : start + size]) for start in range(0, len(paths), size)]
    done: list[list[Graded] | None] = [None] * len(chunks)
    # Objects alive now are inherited by forked workers; frozen, the workers' collector
    # never walks them, so their memory pages stay shared instead of being copied.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers, mp_context=_context(), initializer=_init_worker, initargs=(settings,)
        ) as pool:
            futures = {pool.submit(_grade_chunk, chunk): i for i, chunk in enumerate(chunks)}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    done[index] = future.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory, a crash)
                    done[index] = [[_lost(path)] for path in chunks[index]]
                report(len(chunks[index]))
    finally:
        gc.unfreeze()
    return [graded for chunk in done if chunk is not None for graded in chunk]


def grade_files(
    paths: Sequence[Path],
    settings: GradeSettings,
    *,
    workers: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> list[Graded]:
    """Grade every file, in parallel when it pays; return the outcomes in the files' order.

    ``workers`` None chooses :func:`default_workers`; 1 grades in this process.
    ``on_progress(n)`` is called as each batch of ``n`` files is finished.
    """
    count = len(paths)
    workers = default_workers(count) if workers is None else max(1, min(workers, count or 1))
    report = on_progress or (lambda done: None)
    if workers > 1:
        return _in_pool(paths, settings, workers, report)
    outcomes: list[Graded] = []
    for path in paths:
        outcomes.append(grade_file(path, settings))
        report(1)
    return outcomes


def _flat(graded: list[Graded]) -> list[OrganisationSummary | InvalidSubmission]:
    return [outcome for per_file in graded for outcome in per_file]


def _cohort_framework(
    chosen: Framework | None, graded: Sequence[OrganisationSummary]
) -> tuple[Framework, str | None]:
    """Return the cohort's framework, and why it is that one when not given.

    ``--framework`` when given; else the framework most of the graded files were graded
    against (on a tie, the first such file's): a cohort compares like with like, so a file
    of another framework is listed as not graded rather than the whole cohort refused.
    """
    if chosen is not None:
        return chosen, None
    counts = Counter(summary.framework for summary in graded)
    ref, count = max(counts.items(), key=lambda item: item[1])  # first of the most common
    first = next(summary for summary in graded if summary.framework == ref)
    why = None
    if len(counts) > 1:
        why = f"the framework of {count} of its {len(graded)} graded files"
    try:
        return resolve_framework(first.framework), why
    except UsageError:
        raise UsageError(
            f"{first.source} was graded against {first.framework}, which is "
            "not a built-in framework; pass --framework PATH"
        ) from None


def _problems(outcomes: Sequence[OrganisationSummary | InvalidSubmission]) -> InputError:
    return InputError(
        [
            problem
            for item in outcomes
            if isinstance(item, InvalidSubmission)
            for problem in item.errors
        ]
    )


def grade_cohort(
    request: CohortRequest, *, generated_at: str, progress: Progress | None = None
) -> CohortOutcome:
    """Grade every file of a cohort (and of its baseline) and build the cohort's report.

    Raises :class:`InputError` when not one file could be graded (listing every problem),
    and :class:`UsageError` for options that cannot apply.
    """
    chosen = resolve_framework(request.framework) if request.framework else None
    if chosen is not None:
        check_target(chosen, request.target)
    files, missing = expand_paths(request.paths)
    base_files, base_missing = expand_paths(request.baseline, BASELINE_SUFFIXES)
    if not files:
        raise _problems(missing)
    settings = GradeSettings(generated_at, chosen, request.target, request.allow_not_evidenced)
    start = progress or (lambda total: nullcontext(lambda done: None))
    with start(len(files) + len(base_files)) as advance:
        graded = grade_files(files, settings, workers=request.jobs, on_progress=advance)
        base_graded = grade_files(base_files, settings, workers=request.jobs, on_progress=advance)
    outcomes = [*missing, *_flat(graded)]
    summaries = [o for o in outcomes if isinstance(o, OrganisationSummary)]
    if not summaries:  # not one organisation graded: nothing to report on
        raise _problems(outcomes)
    framework, why = _cohort_framework(chosen, summaries)
    cohort = build_cohort(
        outcomes,
        framework,
        CohortOptions(
            generated_at=generated_at,
            target=request.target,
            rank_by=RankBy(request.rank_by),
            framework_choice=why,
        ),
        baseline=[*base_missing, *_flat(base_graded)] if request.baseline else None,
    )
    inputs: list[Path | str] = [*files, *base_files]
    if request.framework and Path(request.framework).is_file():
        inputs.append(request.framework)
    return CohortOutcome(cohort, inputs)
