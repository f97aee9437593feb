"""Grading many files: find them, grade each with the scorer, keep only small summaries.

This is the I/O side of ``wcc cohort``; :mod:`wcc_assess.core.cohort` does the statistics.
Each file is read, validated, scored and reduced to an
:class:`~wcc_assess.models.cohort.OrganisationSummary` (or the file's problems) before the
next one is read, so memory holds summaries, never documents. Large cohorts are graded by
a pool of worker processes, a chunk of files at a time (a worker that dies leaves its
files listed as not graded, never a hung run); the framework is loaded once per
process (workers forked on Linux inherit it already loaded).
"""

from __future__ import annotations

import gc
import glob
import json
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wcc_assess.errors import Diagnostic, InputError, UsageError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from wcc_assess.io.loading import LoadedSubmission
    from wcc_assess.models.cohort import InvalidSubmission, OrganisationSummary
    from wcc_assess.models.framework import Framework

__all__ = [
    "BASELINE_SUFFIXES",
    "PARALLEL_MIN_FILES",
    "SUBMISSION_SUFFIXES",
    "GradeSettings",
    "Graded",
    "default_workers",
    "expand_paths",
    "grade_file",
    "grade_files",
]

SUBMISSION_SUFFIXES = (".yaml", ".yml")
"""What a folder is searched for: submissions."""
BASELINE_SUFFIXES = (".yaml", ".yml", ".json")
"""What a baseline folder is searched for: submissions, result and cohort JSON files."""
PARALLEL_MIN_FILES = 48
"""Below this many files, starting worker processes costs more than it saves."""
MAX_WORKERS = 8
"""More workers than this add memory without adding speed for files of this size."""
_GLOB_CHARS = frozenset("*?[")

Graded = list["OrganisationSummary | InvalidSubmission"]
"""What one file gives: one summary (a cohort JSON file gives many), or its problems."""


def _invalid(
    name: str,
    message: str,
    hint: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> InvalidSubmission:
    from wcc_assess.models.cohort import InvalidSubmission, Problem

    return InvalidSubmission(
        file=name, errors=[Problem(file=name, message=message, hint=hint, line=line, column=column)]
    )


def _from_diagnostics(name: str, diagnostics: Sequence[Diagnostic]) -> InvalidSubmission:
    from wcc_assess.models.cohort import InvalidSubmission, Problem

    return InvalidSubmission(
        file=name,
        errors=[
            Problem(
                file=d.file,
                message=d.message,
                line=d.line,
                column=d.column,
                path=d.path,
                hint=d.hint,
                severity=d.severity,
            )
            for d in diagnostics
        ],
    )


def _walk(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under ``folder`` with one of ``suffixes``, sorted; hidden entries are skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / f
            for f in sorted(files)
            if not f.startswith(".") and f.lower().endswith(suffixes)
        )
    return found


def expand_paths(
    specs: Sequence[str | Path], suffixes: tuple[str, ...] = SUBMISSION_SUFFIXES
) -> tuple[list[Path], list[InvalidSubmission]]:
    """Turn command-line paths into the files they name.

    Files are taken as given, folders searched recursively for ``suffixes`` (hidden files and
    folders skipped) and glob patterns (``**`` too) expanded. Returns the files in the order
    given (each folder's and pattern's sorted), each file once, and an entry for each path
    that names nothing. Raises :class:`UsageError` for ``-``.
    """
    files: list[Path] = []
    missing: list[InvalidSubmission] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for spec in specs:
        text = str(spec)
        if text == "-":
            raise UsageError("a cohort is read from files and folders, not standard input")
        path = Path(text)
        if path.is_dir():
            found = _walk(path, suffixes)
            if not found:
                missing.append(
                    _invalid(text, "the folder holds no " + " or ".join(suffixes) + " file")
                )
            for file in found:
                add(file)
        elif path.exists():
            add(path)
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                missing.append(_invalid(text, "the pattern matches no file"))
            for match in matches:
                matched = Path(match)
                for file in _walk(matched, suffixes) if matched.is_dir() else [matched]:
                    add(file)
        else:
            missing.append(_invalid(text, "no such file or folder"))
    return files, missing


@dataclass(frozen=True, slots=True)
class GradeSettings:
    """How every file of a cohort is graded (sent once to each worker process)."""

    generated_at: str
    framework: str | None = None
    """``--framework``: an id, ``id@version`` or a file; None for each submission's own."""
    target: int | None = None
    """``--target`` for every domain."""


@cache
def _framework(spec: str) -> Framework:
    """Resolve a framework once per process (a file given as a path is read once too)."""
    from wcc_assess.io.frameworks import resolve_framework

    return resolve_framework(spec)


def _load_submission(path: Path, name: str, chosen: Framework | None) -> LoadedSubmission:
    """Load a submission, quickly when it is valid.

    The fast path parses without recording positions (most files of a cohort are valid);
    a file with any problem is read again the ordinary way, so that its diagnostics are
    located exactly as ``wcc validate`` locates them.
    """
    from wcc_assess.io.loading import (
        is_framework_document,
        read_document,
        read_text,
        submission_from_document,
    )
    from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml_data

    text = read_text(path)
    try:
        data = parse_yaml_data(text)
    except YamlProblem:
        data = None
    if isinstance(data, dict) and not is_framework_document(Document(data=data)):
        try:
            return submission_from_document(Document(data=data), name, chosen, resolve=_framework)
        except InputError:
            pass
    document = read_document(path)
    if is_framework_document(document):
        raise InputError(
            [
                Diagnostic(
                    file=name,
                    line=1,
                    column=1,
                    message="is a framework file, not a submission",
                    hint="give it with --framework PATH",
                )
            ]
        )
    return submission_from_document(document, name, chosen, resolve=_framework)


def _grade_yaml(path: Path, name: str, settings: GradeSettings) -> Graded:
    from wcc_assess.core.cohort import summarise
    from wcc_assess.core.scoring import ScoreOptions, score

    chosen = _framework(settings.framework) if settings.framework else None
    loaded = _load_submission(path, name, chosen)
    levels = loaded.framework.levels
    if settings.target is not None and settings.target not in levels:
        return [
            _invalid(
                name,
                f"--target {settings.target} is not on the "
                f"{loaded.framework.id} scale ({levels[0]}..{levels[-1]})",
            )
        ]
    result = score(
        loaded.framework,
        loaded.submission,
        ScoreOptions(generated_at=settings.generated_at, source=name, target=settings.target),
    )
    return [summarise(result)]


def _grade_json(path: Path, name: str) -> Graded:
    """Read a result (``wcc assess --format json``) or a cohort (``wcc cohort --format json``)."""
    from pydantic import ValidationError

    from wcc_assess.core.cohort import summarise
    from wcc_assess.io.loading import read_text
    from wcc_assess.models.cohort import CohortResult, OrganisationSummary
    from wcc_assess.models.result import Result

    text = read_text(path)
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        return [
            _invalid(name, f"malformed JSON: {error.msg}", line=error.lineno, column=error.colno)
        ]
    is_cohort = isinstance(data, dict) and data.get("kind") == "cohort"
    try:
        if is_cohort:
            cohort = CohortResult.model_validate(data)
            return [
                OrganisationSummary(**entry.model_dump(exclude={"rank"})) for entry in cohort.league
            ]
        result = Result.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        what = "cohort report" if is_cohort else "result"
        return [
            _invalid(
                name,
                f"not a wcc {what} JSON file: {where}: {first['msg']}",
                "give a file written by `wcc assess --format json` or `wcc cohort --format json`",
            )
        ]
    return [summarise(result.model_copy(update={"source": name}))]


def grade_file(path: Path, settings: GradeSettings) -> Graded:
    """Grade one file: a submission (YAML), or a result or cohort JSON file (baselines).

    Never raises for a bad file: its problems come back as an invalid entry.
    """
    from wcc_assess.io.loading import display_name

    name = display_name(path)
    try:
        if path.suffix.lower() == ".json":
            return _grade_json(path, name)
        return _grade_yaml(path, name, settings)
    except InputError as error:
        return [_from_diagnostics(name, error.diagnostics)]
    except UsageError as error:  # e.g. the submission names an unknown framework file
        return [_invalid(name, str(error))]


_settings: GradeSettings | None = None


def _init_worker(settings: GradeSettings) -> None:
    global _settings
    _settings = settings
    # Ctrl-C is the parent's to handle: it stops the pool (no traceback from each worker).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if settings.framework:
        try:
            _framework(settings.framework)  # once per worker (inherited when forked)
        except (InputError, UsageError):
            pass  # reported per file, like any other problem


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
    if settings.framework:
        try:
            _framework(settings.framework)  # load before forking so workers inherit it
        except (InputError, UsageError):
            pass
    if workers <= 1:
        outcomes: list[Graded] = []
        for path in paths:
            outcomes.append(grade_file(path, settings))
            report(1)
        return outcomes
    size = max(1, min(8, math.ceil(count / (workers * 4))))
    chunks = [list(paths[start : start + size]) for start in range(0, count, size)]
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


def _lost(path: Path) -> InvalidSubmission:
    from wcc_assess.io.loading import display_name

    return _invalid(
        display_name(path),
        "not graded: the worker process grading it stopped unexpectedly",
        "run again with --jobs 1 to find the file that causes it",
    )
