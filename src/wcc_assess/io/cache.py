r"""A small cache of checked objects in the user's cache folder, keyed by content hash.

``wcc`` reads a built-in framework on nearly every run; checking it (parsing the YAML with
positions, validating the model, linting) costs more than the rest of a small assessment.
The checked framework is kept here, pickled, under a key made of everything it was made
from: the file's bytes, this tool's version, pydantic's and Python's versions, and the
source of the model modules. A changed file or a changed model gives another key, so a
stale entry is never served; an entry that cannot be read is ignored (and replaced).

The folder is ``$WCC_CACHE_DIR``, else the platform's user cache folder
(``$XDG_CACHE_HOME/wcc-assess``, ``~/.cache/wcc-assess``, ``~/Library/Caches/wcc-assess``,
``%LOCALAPPDATA%\wcc-assess\Cache``). ``WCC_CACHE_DIR=off`` turns the cache off. On POSIX
an entry is read only from a folder and file the user owns and nobody else can write to,
since unpickling runs code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "cache_key", "load", "store"]

_FORMAT = "1"
"""Bump when what is stored changes shape."""


def cache_dir() -> Path | None:
    """Return the cache folder, or None when the cache is turned off."""
    chosen = os.environ.get("WCC_CACHE_DIR", "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "wcc-assess" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "wcc-assess"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "wcc-assess"


def cache_key(*parts: bytes | str) -> str:
    """Return a key for an object made from ``parts`` (and this cache's format)."""
    digest = hashlib.sha256(_FORMAT.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:40]


def _private(path: Path) -> bool:
    """Whether only the current user could have written ``path`` (always true off POSIX)."""
    if not hasattr(os, "getuid"):
        return True
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{kind}-{key}.pickle" if folder is not None else None


def load(kind: str, key: str) -> object | None:
    """Return the object stored under ``key``, or None (missing, unreadable, not private)."""
    entry = _entry(kind, key)
    try:
        if entry is None or not entry.is_file():
            return None
        if not (_private(entry.parent) and _private(entry)):
            return None
        with entry.open("rb") as handle:
            value: object = pickle.load(handle)  # our own entry, in a private folder
        return value
    except Exception:  # a cache that cannot be read is a cache miss
        return None


def store(kind: str, key: str, value: object) -> None:
    """Keep ``value`` under ``key``, atomically; never fail (the cache is only a cache)."""
    entry = _entry(kind, key)
    if entry is None:
        return
    temporary: str | None = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(entry.parent):
            return
        with tempfile.NamedTemporaryFile(
            "wb", dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except Exception:  # an unwritable cache is no cache
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
