"""The registry of built-in frameworks: YAML files shipped inside the package.

In a wheel the files sit in ``wcc_assess/frameworks/``; in a source checkout they are read
from the top-level ``frameworks/`` folder, so an editable install sees edits at once. This
module only finds the files; :mod:`wcc_assess.usecases.frameworks` loads and checks them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from wcc_assess.errors import UsageError, suggest

__all__ = ["builtin_dir", "builtin_file", "builtin_ids", "looks_like_path", "split_spec"]


@cache
def builtin_dir() -> Path:
    """Return the folder holding the built-in framework files."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "frameworks"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "frameworks"


def builtin_ids() -> list[str]:
    """Return the ids of the built-in frameworks, sorted."""
    return sorted(path.stem for path in builtin_dir().glob("*.yaml"))


def looks_like_path(spec: str) -> bool:
    """Tell a framework file (``frameworks/x.yaml``, ``-``) from a built-in id."""
    return "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml")) or spec == "-"


def split_spec(spec: str) -> tuple[str, str]:
    """Split ``id@version`` into its id and version (``""`` when not pinned)."""
    framework_id, _, version = spec.partition("@")
    return framework_id, version


def builtin_file(framework_id: str) -> Path:
    """Return the file of a built-in framework; raise :class:`UsageError` (with a suggestion)."""
    known = builtin_ids()
    if framework_id not in known:
        hint = suggest(framework_id, known)
        raise UsageError(
            f"unknown framework {framework_id!r}"
            + (f" ({hint})" if hint else "")
            + "; `wcc frameworks list` lists the built-in ones, and a framework file of "
            "your own is named by its path (e.g. frameworks/mine.yaml)"
        )
    return builtin_dir() / f"{framework_id}.yaml"
