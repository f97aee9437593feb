"""Use cases of frameworks: resolve one by id or file, check a framework file, list them.

A framework is read in two steps: its shape (the model, :mod:`wcc_assess.io.loading`), then
its consistency (:mod:`wcc_assess.core.lint`); a framework written as changes to another
(``extends:``) is first laid over its base (:mod:`wcc_assess.io.inherit`). A built-in
framework is read once per process, and once checked it is kept in the user's cache
(:mod:`wcc_assess.io.cache`), so that later runs load it ready-made.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wcc_assess.errors import Diagnostic, InputError, UsageError, WccError
from wcc_assess.io import cache as kept
from wcc_assess.io import frameworks as registry
from wcc_assess.io.loading import framework_model, locate, raise_located
from wcc_assess.io.reading import (
    display_name,
    is_framework_document,
    parse_document,
    read_document,
    read_text,
)
from wcc_assess.io.yamlsafe import Document
from wcc_assess.models.framework import Framework

if TYPE_CHECKING:
    from wcc_assess.io.inherit import Merged
    from wcc_assess.models.check import FileCheck

__all__ = [
    "Resolver",
    "builtin_frameworks",
    "check_framework_document",
    "check_framework_file",
    "framework_for_period",
    "framework_from_document",
    "load_framework_file",
    "pooled_resolver",
    "resolve_framework",
]

Resolver = Callable[[str], Framework]
"""Finds the framework a submission names (``wcc``, ``wcc@2009``)."""


def _base_of(spec: str, folder: Path | None) -> tuple[Framework, str]:
    """Return the framework ``extends: spec`` names, and how messages name it.

    ``spec`` is ``id@version`` (a built-in framework, pinned so that a new release of the
    base cannot change this one unseen) or a file, relative to the extending file's folder.
    """
    if registry.looks_like_path(spec):
        path = Path(spec)
        if folder is not None and not path.is_absolute():
            path = folder / path
        return load_framework_file(path), spec
    framework_id, version = registry.split_spec(spec)
    if not version:
        raise UsageError(
            f"extends names {framework_id!r} without a version; pin it, "
            f"e.g. extends: {framework_id}@{_builtin(framework_id, '').version}"
        )
    return resolve_framework(spec), spec


_RESOLVING: list[str] = []
"""The bases being resolved, innermost last: a base met again is a cycle."""


def _extended(document: Document, name: str, folder: Path | None) -> Merged | None:
    """Lay an extending file over its base; None for a file that extends nothing.

    Raises :class:`InputError` located at ``extends:`` for an unknown base or a cycle, and
    at the change for a change to something the base does not have.
    """
    from wcc_assess.io.inherit import merge

    spec = document.data.get("extends")
    if spec is None:
        return None
    where = document.locate(("extends",))
    if not isinstance(spec, str) or not spec.strip():
        message = "extends names the framework this one changes: id@version, or a file"
        raise InputError([Diagnostic.at(("extends",), message).located(name, where)])
    key = str((folder or Path()) / spec) if registry.looks_like_path(spec) else spec
    if key in _RESOLVING:
        chain = " -> ".join([*_RESOLVING[_RESOLVING.index(key) :], key])
        message = (
            f"a cycle of extends ({chain}): a framework cannot extend itself, directly or "
            "through others"
        )
        raise InputError([Diagnostic.at(("extends",), message).located(name, where)])
    _RESOLVING.append(key)
    try:
        base, base_name = _base_of(spec, folder)
    except UsageError as error:
        raise InputError([Diagnostic.at(("extends",), str(error)).located(name, where)]) from None
    finally:
        _RESOLVING.pop()
    merged = merge(base.model_dump(), document, base_name)
    raise_located(name, document, merged.problems)
    return merged


def framework_from_document(document: Document, name: str, folder: Path | None = None) -> Framework:
    """Validate a parsed framework file; raise :class:`InputError` listing every problem.

    A file that ``extends`` another is first laid over its base (``folder`` is where a
    base named by a relative path is looked for). Problems of shape (unknown fields, wrong
    types) are reported first; the consistency rules are checked once the shape is sound.
    """
    from wcc_assess.core.lint import problems  # not needed when the framework is cached

    merged = _extended(document, name, folder)
    if merged is not None:
        document = merged.document
    framework = framework_model(document, name)
    raise_located(name, document, problems(framework))
    return framework


def load_framework_file(source: Path | str) -> Framework:
    """Load and check a framework file; raise :class:`InputError` listing every problem."""
    folder = None if str(source) == "-" else Path(source).parent
    return framework_from_document(read_document(source), display_name(source), folder)


def check_framework_document(
    document: Document, name: str, folder: Path | None = None
) -> FileCheck:
    """Lint a parsed framework file; see :func:`check_framework_file`."""
    from wcc_assess.core.lint import lint
    from wcc_assess.models.check import FileCheck, FileKind

    data = document.data

    def checked(diagnostics: list[Diagnostic], framework: Framework | None = None) -> FileCheck:
        return FileCheck(name, FileKind.FRAMEWORK, diagnostics, framework)

    if isinstance(data, dict) and not is_framework_document(document) and "framework" in data:
        message = "this is a submission, not a framework (it has no scale)"
        hint = "check submissions with `wcc validate`"
        return checked(locate(name, document, [Diagnostic.at((), message, hint)]))
    try:
        merged = _extended(document, name, folder)
        own = merged.document if merged is not None else document
        framework = framework_model(own, name)
    except InputError as error:
        return checked(list(error.diagnostics))
    found = locate(name, own, lint(framework))
    found += locate(name, document, merged.warnings) if merged is not None else []
    errors = [d for d in found if d.is_error]
    if errors:
        return checked(errors)
    return checked(sorted(found, key=lambda d: (d.line or 0, d.column or 0)), framework)


def check_framework_file(source: Path | str) -> FileCheck:
    """Lint a framework file: every error and every warning, each located at line:column.

    Never raises for a bad file; unreadable or malformed files come back as errors.
    """
    from wcc_assess.models.check import FileCheck, FileKind

    try:
        document = read_document(source)
    except InputError as error:
        return FileCheck(str(source), FileKind.FRAMEWORK, list(error.diagnostics))
    folder = None if str(source) == "-" else Path(source).parent
    checked = check_framework_document(document, display_name(source), folder)
    return replace(checked, file=str(source))


@cache
def _fingerprint() -> str:
    """Return what a cached framework depends on besides its file: versions, model source."""
    import pydantic

    from wcc_assess import __version__
    from wcc_assess.io import inherit
    from wcc_assess.models import _base, assurance, framework

    sources = b"".join(
        Path(module.__file__ or "").read_bytes()
        for module in (_base, assurance, framework, inherit)
    )
    return f"{__version__} {pydantic.VERSION} {sys.version} {kept.cache_key(sources)}"


def _stamp(ref: str) -> str:
    """Return the content key of the built-in file ``ref`` (``id@version``) names now."""
    framework_id, version = registry.split_spec(ref)
    path = registry.builtin_file(framework_id, _kept_version(framework_id, version))
    return kept.cache_key(read_text(path))


def _stamps(framework: Framework) -> tuple[tuple[str, str], ...]:
    """Return the ref and content key of every built-in base ``framework`` extends."""
    stamps: list[tuple[str, str]] = []
    current = framework
    while current.extends is not None and not registry.looks_like_path(current.extends):
        stamps.append((current.extends, _stamp(current.extends)))
        framework_id, version = registry.split_spec(current.extends)
        current = _builtin(framework_id, _kept_version(framework_id, version))
    return tuple(stamps)


def _from_cache(cached: object, framework_id: str) -> Framework | None:
    """Return a cached framework if it is one of ``framework_id`` and its bases are unchanged.

    The bases are looked up as they are now (by ``id@version``); any doubt is a miss.
    """
    if not (isinstance(cached, tuple) and len(cached) == 2):
        return None
    framework, stamps = cached
    if not (isinstance(framework, Framework) and framework.id == framework_id):
        return None
    try:
        if any(_stamp(ref) != key for ref, key in stamps):
            return None
    except (WccError, OSError, ValueError, TypeError):
        return None
    return framework


def _kept_version(framework_id: str, version: str) -> str:
    """Return ``version`` if it has a file of its own (``<id>@<version>.yaml``), else ``""``."""
    return version if version in registry.builtin_versions(framework_id) else ""


@cache
def _builtin(framework_id: str, version: str = "") -> Framework:
    """Return a built-in framework, checked once and kept in the cache (see :mod:`.cache`).

    ``version`` is that of an ``<id>@<version>.yaml`` file, or ``""`` for the latest. An
    extending framework's entry also records its bases' contents, so that a changed base
    is never served stale.
    """
    path = registry.builtin_file(framework_id, version)
    text = read_text(path)
    key = kept.cache_key(text, _fingerprint())
    cached = _from_cache(kept.load("framework", key), framework_id)
    if cached is not None:
        return cached
    name = display_name(path)
    framework = framework_from_document(parse_document(text, name), name, path.parent)
    kept.store("framework", key, (framework, _stamps(framework)))
    return framework


def resolve_framework(spec: str) -> Framework:
    """Return the framework named by ``spec``: a built-in id, ``id@version``, or a file path.

    A bare id names the latest built-in version. Raises :class:`UsageError` when no such
    framework exists (with a suggestion), and :class:`InputError` when a framework file is
    invalid.
    """
    if registry.looks_like_path(spec):
        return load_framework_file(Path(spec))
    framework_id, version = registry.split_spec(spec)
    framework = _builtin(framework_id, _kept_version(framework_id, version))
    if version and version != framework.version:
        versions = [framework.version, *registry.builtin_versions(framework_id)]
        raise UsageError(
            f"framework {framework_id!r} is built in at version{'s' if len(versions) > 1 else ''} "
            f"{', '.join(repr(v) for v in versions)}, not {version!r}; pass another "
            "version's file with --framework PATH"
        )
    return framework


def framework_for_period(spec: str, period: str) -> tuple[Framework, str | None]:
    """Return the framework ``spec`` names for a submission of ``period``, and a note.

    A bare built-in id (``wcc``) picks the version whose ``periods`` hold the period
    (``2008/09`` gives ``wcc@2008``), else the latest. A pinned version or a file is used
    as given; the note says when its periods do not hold the period.
    """
    if registry.looks_like_path(spec) or "@" in spec:
        framework = resolve_framework(spec)
        periods = framework.periods
        if periods is not None and not periods.covers(period):
            return framework, (
                f"note: {framework.ref} is for {_years(periods.first, periods.last)}, not {period}"
            )
        return framework, None
    versions = [_builtin(spec, "")] + [
        _builtin(spec, version) for version in registry.builtin_versions(spec)
    ]
    for framework in versions:
        if framework.periods is not None and framework.periods.covers(period):
            return framework, None
    return versions[0], None


def _years(first: str, last: str | None) -> str:
    if last is None:
        return f"{first} onwards"
    return first if first == last else f"{first} to {last}"


def builtin_frameworks() -> list[Framework]:
    """Return every built-in framework: by id, the latest version first."""
    return [
        _builtin(framework_id, version)
        for framework_id in registry.builtin_ids()
        for version in ["", *registry.builtin_versions(framework_id)]
    ]


def pooled_resolver(pool: Sequence[Framework]) -> Resolver:
    """Return a resolver that tries ``pool`` first, then the built-in registry.

    ``pool`` holds the frameworks named on the command line. A submission's
    ``framework: id`` takes the first framework of that id in the pool, and ``id@version``
    the one of that version, if there is one.
    """

    def resolve(spec: str) -> Framework:
        framework_id, version = registry.split_spec(spec)
        for framework in pool:
            if framework.id == framework_id and version in ("", framework.version):
                return framework
        return resolve_framework(spec)

    return resolve
