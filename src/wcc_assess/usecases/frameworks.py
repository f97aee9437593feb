"""Use cases of frameworks: resolve one by id or file, check a framework file, list them.

A framework is read in two steps: its shape (the model, :mod:`wcc_assess.io.loading`), then
its consistency (:mod:`wcc_assess.core.lint`). A built-in framework is read once per
process, and once checked it is kept in the user's cache (:mod:`wcc_assess.io.cache`), so
that later runs load it ready-made.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from wcc_assess.errors import Diagnostic, InputError, UsageError
from wcc_assess.io import cache as kept
from wcc_assess.io import frameworks as registry
from wcc_assess.io.loading import framework_model, locate, raise_located
from wcc_assess.io.reading import display_name, parse_document, read_document, read_text
from wcc_assess.io.yamlsafe import Document
from wcc_assess.models.framework import Framework

if TYPE_CHECKING:
    from wcc_assess.models.check import FileCheck

__all__ = [
    "Resolver",
    "builtin_frameworks",
    "check_framework_document",
    "check_framework_file",
    "framework_from_document",
    "load_framework_file",
    "pooled_resolver",
    "resolve_framework",
]

Resolver = Callable[[str], Framework]
"""Finds the framework a submission names (``wcc``, ``wcc@2009``)."""


def framework_from_document(document: Document, name: str) -> Framework:
    """Validate a parsed framework file; raise :class:`InputError` listing every problem.

    Problems of shape (unknown fields, wrong types) are reported first; the consistency
    rules are checked once the shape is sound.
    """
    from wcc_assess.core.lint import problems  # not needed when the framework is cached

    framework = framework_model(document, name)
    raise_located(name, document, problems(framework))
    return framework


def load_framework_file(source: Path | str) -> Framework:
    """Load and check a framework file; raise :class:`InputError` listing every problem."""
    return framework_from_document(read_document(source), display_name(source))


def check_framework_document(document: Document, name: str) -> FileCheck:
    """Lint a parsed framework file; see :func:`check_framework_file`."""
    from wcc_assess.core.lint import lint
    from wcc_assess.models.check import FileCheck, FileKind

    data = document.data

    def checked(diagnostics: list[Diagnostic], framework: Framework | None = None) -> FileCheck:
        return FileCheck(name, FileKind.FRAMEWORK, diagnostics, framework)

    if isinstance(data, dict) and "scale" not in data and "framework" in data:
        message = "this is a submission, not a framework (it has no scale)"
        hint = "check submissions with `wcc validate`"
        return checked(locate(name, document, [Diagnostic.at((), message, hint)]))
    try:
        framework = framework_model(document, name)
    except InputError as error:
        return checked(list(error.diagnostics))
    found = locate(name, document, lint(framework))
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
    return replace(check_framework_document(document, display_name(source)), file=str(source))


@cache
def _fingerprint() -> str:
    """Return what a cached framework depends on besides its file: versions, model source."""
    import pydantic

    from wcc_assess import __version__
    from wcc_assess.models import _base, assurance, framework

    sources = b"".join(
        Path(module.__file__ or "").read_bytes() for module in (_base, assurance, framework)
    )
    return f"{__version__} {pydantic.VERSION} {sys.version} {kept.cache_key(sources)}"


@cache
def _builtin(framework_id: str) -> Framework:
    """Return a built-in framework, checked once and kept in the cache (see :mod:`.cache`)."""
    path = registry.builtin_file(framework_id)
    text = read_text(path)
    key = kept.cache_key(text, _fingerprint())
    cached = kept.load("framework", key)
    if isinstance(cached, Framework) and cached.id == framework_id:
        return cached
    name = display_name(path)
    framework = framework_from_document(parse_document(text, name), name)
    kept.store("framework", key, framework)
    return framework


def resolve_framework(spec: str) -> Framework:
    """Return the framework named by ``spec``: a built-in id, ``id@version``, or a file path.

    Raises :class:`UsageError` when no such framework exists (with a suggestion), and
    :class:`InputError` when a framework file is invalid.
    """
    if registry.looks_like_path(spec):
        return load_framework_file(Path(spec))
    framework_id, version = registry.split_spec(spec)
    framework = _builtin(framework_id)
    if version and version != framework.version:
        raise UsageError(
            f"framework {framework_id!r} is built in at version {framework.version!r}, "
            f"not {version!r}; pass the older framework's file with --framework PATH"
        )
    return framework


def builtin_frameworks() -> list[Framework]:
    """Return every built-in framework, by id."""
    return [resolve_framework(framework_id) for framework_id in registry.builtin_ids()]


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
