"""Finding the files a command names (files, folders searched recursively, globs).

And naming one file as seen from another's folder.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from wcc_assess.errors import Diagnostic, UsageError
from wcc_assess.models.cohort import InvalidSubmission

__all__ = ["BASELINE_SUFFIXES", "SUBMISSION_SUFFIXES", "expand_paths", "relative_path"]

SUBMISSION_SUFFIXES = (".yaml", ".yml", ".xlsx", ".xlsm")
"""What a folder is searched for: submissions, in YAML or as workbooks (a macro-enabled
one is found so that it is listed as refused, not silently passed over)."""
BASELINE_SUFFIXES = (*SUBMISSION_SUFFIXES, ".json")
"""What a baseline folder is searched for: submissions, result and cohort JSON files."""
_GLOB_CHARS = frozenset("*?[")


def _walk(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under ``folder`` with one of ``suffixes``, sorted; hidden entries are skipped.

    So are ``~$name.xlsx`` files: Excel's marks that a workbook is open, not workbooks.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / f
            for f in sorted(files)
            if not f.startswith((".", "~$")) and f.lower().endswith(suffixes)
        )
    return found


class _Found:
    """The files found so far, each once, in the order found."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.missing: list[InvalidSubmission] = []
        self._seen: set[str] = set()

    def add(self, path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in self._seen:
            self._seen.add(key)
            self.files.append(path)


def _expand_glob(text: str, suffixes: tuple[str, ...], found: _Found) -> None:
    matches = sorted(glob.glob(text, recursive=True))
    if not matches:
        found.missing.append(InvalidSubmission.one(Diagnostic(text, "the pattern matches no file")))
    for match in matches:
        matched = Path(match)
        for file in _walk(matched, suffixes) if matched.is_dir() else [matched]:
            found.add(file)


def expand_paths(
    specs: Sequence[str | Path], suffixes: tuple[str, ...] = SUBMISSION_SUFFIXES
) -> tuple[list[Path], list[InvalidSubmission]]:
    """Turn command-line paths into the files they name.

    Files are taken as given, folders searched recursively for ``suffixes`` (hidden files and
    folders skipped) and glob patterns (``**`` too) expanded. Returns the files in the order
    given (each folder's and pattern's sorted), each file once, and an entry for each path
    that names nothing. Raises :class:`UsageError` for ``-``.
    """
    found = _Found()
    for spec in specs:
        text = str(spec)
        if text == "-":
            raise UsageError("a cohort is read from files and folders, not standard input")
        path = Path(text)
        if path.is_dir():
            files = _walk(path, suffixes)
            if not files:
                message = f"the folder holds no {', '.join(suffixes[:-1])} or {suffixes[-1]} file"
                found.missing.append(InvalidSubmission.one(Diagnostic(text, message)))
            for file in files:
                found.add(file)
        elif path.exists():
            found.add(path)
        elif _GLOB_CHARS & set(text):
            _expand_glob(text, suffixes, found)
        else:
            found.missing.append(InvalidSubmission.one(Diagnostic(text, "no such file or folder")))
    return found.files, found.missing


def relative_path(path: Path, folder: Path) -> str:
    """Return ``path`` as seen from ``folder``, with forward slashes (as editors read it).

    On Windows two drives have no relative path: then the absolute path is returned.
    """
    try:
        return Path(os.path.relpath(path.absolute(), folder.absolute())).as_posix()
    except ValueError:
        return path.absolute().as_posix()
