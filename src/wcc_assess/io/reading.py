"""Reading an input file (or stdin) as text, and parsing it as a YAML mapping with positions.

Everything that cannot be an input is refused here with a located
:class:`~wcc_assess.errors.InputError`: a directory, a missing file, a file over
:data:`MAX_BYTES`, a UTF-16 or binary file, bytes that are not UTF-8, an empty file,
malformed YAML and a top level that is not a mapping. A new kind of input file (a
workbook, say) is read by a module beside this one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wcc_assess.errors import Diagnostic, InputError
from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml

__all__ = [
    "MAX_BYTES",
    "WORKBOOK_SUFFIXES",
    "display_name",
    "is_framework_document",
    "is_workbook",
    "parse_document",
    "read_bytes",
    "read_document",
    "read_text",
    "text_of",
]

MAX_BYTES = 5 * 1024 * 1024
"""Files larger than this (5 MB) are refused before they are parsed."""
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
"""Files read as workbooks (:mod:`wcc_assess.io.workbook`; a macro-enabled one only to be
refused, saying why)."""


def is_workbook(source: Path | str) -> bool:
    """Tell whether ``source`` names a workbook (by its suffix)."""
    return str(source).lower().endswith(WORKBOOK_SUFFIXES)


def display_name(source: Path | str) -> str:
    """Return how a source is named in messages (``<stdin>`` for ``-``)."""
    return "<stdin>" if str(source) == "-" else str(source)


def _read_bytes(source: Path | str, name: str) -> bytes:
    limit = f"the file is larger than the {MAX_BYTES // 1024 // 1024} MB limit"
    try:
        if str(source) == "-":
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        path = Path(source)
        if path.is_dir():
            raise InputError.one(name, "is a directory, not a file")
        if not path.exists():
            raise InputError.one(name, "no such file")
        if path.stat().st_size > MAX_BYTES:
            raise InputError.one(name, limit)
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError.one(name, f"cannot read the file: {error.strerror or error}") from None


def read_bytes(source: Path | str) -> bytes:
    """Read a file (or ``-`` for stdin) of at most :data:`MAX_BYTES`, refusing a larger one."""
    name = display_name(source)
    raw = _read_bytes(source, name)
    if len(raw) > MAX_BYTES:
        raise InputError.one(
            name, f"the input is larger than the {MAX_BYTES // 1024 // 1024} MB limit"
        )
    return raw


def read_text(source: Path | str) -> str:
    """Read a UTF-8 text file (or ``-`` for stdin), refusing what cannot be a YAML input."""
    return text_of(read_bytes(source), display_name(source))


def text_of(raw: bytes, name: str) -> str:
    """Decode an input's bytes as UTF-8 text, refusing what cannot be a YAML input."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.one(name, "the file is UTF-16 encoded", "save it as UTF-8")
    if b"\x00" in raw:
        raise InputError.one(name, "the file is binary, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"the file is not valid UTF-8 (byte {error.start})"
        raise InputError.one(name, message, "save it as UTF-8", line=line) from None
    if not text.strip():
        raise InputError.one(name, "the file is empty", "see `wcc init` for a starting point")
    return text


def read_document(source: Path | str, *, allow_aliases: bool = False) -> Document:
    """Read and parse a YAML file whose top level must be a mapping."""
    return parse_document(read_text(source), display_name(source), allow_aliases=allow_aliases)


def parse_document(text: str, name: str, *, allow_aliases: bool = False) -> Document:
    """Parse YAML text (read by :func:`read_text`) whose top level must be a mapping."""
    try:
        document = parse_yaml(text, allow_aliases=allow_aliases)
    except YamlProblem as problem:
        raise InputError(
            [
                Diagnostic(
                    file=name,
                    line=problem.line,
                    column=problem.column,
                    message=problem.message,
                    hint=problem.hint,
                )
            ]
        ) from None
    if not isinstance(document.data, dict):
        found = "nothing" if document.data is None else type(document.data).__name__
        raise InputError.one(
            name,
            f"the top level must be a mapping, not {found}",
            "the file should start with `framework: ...`",
            line=1,
            column=1,
        )
    return document


def is_framework_document(document: Document) -> bool:
    """Tell a framework file from a submission: frameworks have a ``scale``."""
    return isinstance(document.data, dict) and "scale" in document.data
