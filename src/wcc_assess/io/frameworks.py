"""The registry of built-in frameworks, shipped inside the package as YAML files.

In a wheel the files sit in ``wcc_assess/frameworks/``; in a source checkout they are read
from the top-level ``frameworks/`` folder, so an editable install sees edits at once.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from wcc_assess.errors import UsageError

if TYPE_CHECKING:
    from wcc_assess.models.framework import Framework

__all__ = ["builtin_dir", "builtin_ids", "looks_like_path", "resolve_framework"]


@cache
def builtin_dir() -> Path:
    """Return the folder holding the built-in framework files."""
    packaged = resources.files("wcc_assess") / "frameworks"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "frameworks"


def builtin_ids() -> list[str]:
    """Return the ids of the built-in frameworks, sorted."""
    return sorted(path.stem for path in builtin_dir().glob("*.yaml"))


def looks_like_path(spec: str) -> bool:
    """Tell a framework file (``frameworks/x.yaml``, ``-``) from a built-in id."""
    return "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml")) or spec == "-"


@cache
def _load_builtin(framework_id: str) -> Framework:
    from wcc_assess.io.loading import load_framework

    return load_framework(builtin_dir() / f"{framework_id}.yaml")


def resolve_framework(spec: str) -> Framework:
    """Return the framework named by ``spec``: a built-in id, ``id@version``, or a file path.

    Raises :class:`UsageError` when no such framework exists (with a suggestion), and
    :class:`~wcc_assess.errors.InputError` when a framework file is invalid.
    """
    if looks_like_path(spec):
        from wcc_assess.io.loading import load_framework

        return load_framework(Path(spec))
    framework_id, _, version = spec.partition("@")
    known = builtin_ids()
    if framework_id not in known:
        from wcc_assess.models.submission import suggest

        hint = suggest(framework_id, known)
        raise UsageError(
            f"unknown framework {framework_id!r}"
            + (f" ({hint})" if hint else "")
            + "; see `wcc frameworks list`, or pass a framework file with --framework PATH"
        )
    framework = _load_builtin(framework_id)
    if version and version != framework.version:
        raise UsageError(
            f"framework {framework_id!r} is built in at version {framework.version!r}, "
            f"not {version!r}; pass the older framework's file with --framework PATH"
        )
    return framework
