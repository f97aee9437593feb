"""Reading an input file (or stdin) as text, and parsing it as a YAML mapping with positions.

Everything that cannot be an input is refused here with a located
:class:`~wcc_assess.errors.InputError`: a directory, a missing file, anything that is not a
regular file (a FIFO, a device, a socket: opened without blocking and never read), a
closed stdin, a file over :data:`MAX_BYTES`, a UTF-16 or binary file, bytes that are not
UTF-8 (a file saved as Windows-1252 is recognised as such), an empty file, malformed YAML
and a top level that is not a mapping. Every file read is remembered for the command
(:func:`files_read`), so that no report is ever written over one. A new kind of input file
(a workbook, say) is read by a module beside this one, through :func:`read_bytes`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from dataclasses import replace
from pathlib import Path

from wcc_assess.errors import MAX_DIAGNOSTICS, Diagnostic, InputError, capped, unlisted
from wcc_assess.io.yamlsafe import Document, YamlProblem, parse_yaml

__all__ = [
    "MAX_BYTES",
    "WORKBOOK_SUFFIXES",
    "FileId",
    "display_name",
    "files_read",
    "forget_reads",
    "is_framework_document",
    "is_workbook",
    "is_result_document",
    "is_submission_data",
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


FileId = tuple[int, int]
"""A file's device and inode: the same file under any name, link or symlink."""

_read: set[FileId] = set()

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def forget_reads() -> None:
    """Start a command afresh: no file has been read yet."""
    _read.clear()


def files_read() -> frozenset[FileId]:
    """Return every file (device, inode) this command has read so far, stdin included."""
    return frozenset(_read)


def display_name(source: Path | str) -> str:
    """Return how a source is named in messages (``<stdin>`` for ``-``).

    A name holding bytes that are not text in the file system's encoding shows them as
    backslash escapes, so that it can be printed and written anywhere.
    """
    if str(source) == "-":
        return "<stdin>"
    name = str(source)
    if any("\udc80" <= char <= "\udcff" for char in name):
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def _not_regular(mode: int) -> str | None:
    """Name what a file is when it is not a regular file (None when it is one)."""
    return next(
        (what for test, what in _KINDS if test(mode)),
        None if stat.S_ISREG(mode) else "a special file",
    )


def _read_stdin(name: str) -> bytes:
    stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    closed = InputError.one(name, "standard input is closed", "give the file's name instead of -")
    if stream is None or stream.closed:
        raise closed
    try:
        info = os.fstat(stream.fileno())
    except (ValueError, OSError):  # not backed by a descriptor (a test's stand-in): fine
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        _read.add((info.st_dev, info.st_ino))
    try:
        return bytes(stream.read(MAX_BYTES + 1))
    except (ValueError, OSError):
        raise closed from None


def _refuse_kind(mode: int, name: str) -> None:
    """Refuse anything but a regular file, saying what it is."""
    if stat.S_ISDIR(mode):
        raise InputError.one(name, "is a directory, not a file")
    what = _not_regular(mode)
    if what is not None:
        raise InputError.one(
            name,
            f"is {what}, not a regular file; it was not read",
            "wcc reads regular files only, and standard input when given -",
        )


def _open_regular(path: Path, name: str) -> int:
    """Open ``path`` for reading without blocking; refuse anything but a regular file.

    What the path leads to is looked at before it is opened (opening a FIFO or a socket
    could block or fail), and the open file is looked at again (it may have been swapped).
    """
    try:
        _refuse_kind(os.stat(path).st_mode, name)
    except FileNotFoundError:
        dangling = os.path.islink(path)
        raise InputError.one(
            name, "is a symbolic link to a file that does not exist" if dangling else "no such file"
        ) from None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    info = os.fstat(descriptor)
    try:
        _refuse_kind(info.st_mode, name)
    except InputError:
        os.close(descriptor)
        raise
    _read.add((info.st_dev, info.st_ino))
    return descriptor


def read_bytes(source: Path | str) -> bytes:
    """Return the bytes of a regular file (or of stdin for ``-``), at most ``MAX_BYTES``.

    Raises :class:`InputError` for a missing file, a directory, anything that is not a
    regular file (never opened in a way that could block), a closed stdin, an unreadable
    file (a symlink loop, no permission) and a file over the size limit.
    """
    name = display_name(source)
    limit = f"the file is larger than the {MAX_BYTES // 1024 // 1024} MB limit"
    if str(source) == "-":
        raw = _read_stdin(name)
    else:
        try:
            descriptor = _open_regular(Path(source), name)
            with os.fdopen(descriptor, "rb") as handle:
                if os.fstat(handle.fileno()).st_size > MAX_BYTES:
                    raise InputError.one(name, limit)
                raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise InputError.one(
                    name, "is a symbolic link that leads round in a loop"
                ) from None
            reason = error.strerror or str(error)
            raise InputError.one(name, f"cannot read the file: {reason}") from None
    if len(raw) > MAX_BYTES:
        raise InputError.one(
            name, f"the input is larger than the {MAX_BYTES // 1024 // 1024} MB limit"
        )
    return raw


_BREAK = re.compile(rb"\r\n|\r|\n")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _position(raw: bytes, offset: int) -> tuple[int, int, str]:
    """Return the 1-based line and column of byte ``offset``, and its line (text so far).

    Lines end at LF, CR LF or a lone CR (old Mac files), as YAML counts them.
    """
    starts = [match.end() for match in _BREAK.finditer(raw, 0, offset)]
    start = starts[-1] if starts else 0
    before = raw[start:offset].decode("utf-8", "replace")
    end = _BREAK.search(raw, offset)
    line_text = raw[start : end.start() if end else len(raw)].decode("utf-8", "replace")
    return len(starts) + 1, len(before) + 1, line_text


def _utf16_without_bom(raw: bytes) -> str | None:
    """Tell UTF-16 text without a byte-order mark: every other byte is zero."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, order in ((odd, even, "little-endian"), (even, odd, "big-endian")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            return order
    return None


def _encoding_problem(raw: bytes, name: str, error: UnicodeDecodeError) -> InputError:
    """Say where the first byte that is not UTF-8 is, and what the file was probably saved as."""
    line, column, text = _position(raw, error.start)
    byte = raw[error.start]
    try:
        raw.decode("cp1252")
        windows = not _CP1252_UNDEFINED.intersection(raw)
    except UnicodeDecodeError:
        windows = False
    if windows:
        char = bytes([byte]).decode("cp1252")
        message = (
            f"the file is saved as Windows-1252 (by Excel or Notepad?), not UTF-8: byte "
            f"0x{byte:02X} ({char!r} in Windows-1252) is not UTF-8"
        )
        hint = "save it as UTF-8 (Notepad: Save as, Encoding: UTF-8; Excel: CSV UTF-8)"
    else:
        message = f"the file is not valid UTF-8: byte 0x{byte:02X} cannot start a character here"
        hint = "save it as UTF-8"
    return InputError.one(name, message, hint, line=line, column=column, excerpt=text)


def read_text(source: Path | str) -> str:
    """Read a UTF-8 text file (or ``-`` for stdin), refusing what cannot be a YAML input."""
    return text_of(read_bytes(source), display_name(source))


def text_of(raw: bytes, name: str) -> str:
    """Decode an input's bytes as UTF-8 text, refusing what cannot be a YAML input."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.one(name, "the file is UTF-16 encoded", "save it as UTF-8")
    order = _utf16_without_bom(raw)
    if order is not None:
        raise InputError.one(
            name,
            f"the file is UTF-16 encoded ({order}, without a byte-order mark)",
            "save it as UTF-8",
        )
    if b"\x00" in raw:
        line, column, _ = _position(raw, raw.index(b"\x00"))
        raise InputError.one(
            name,
            "the file is binary, not YAML text (it holds a zero byte)",
            line=line,
            column=column,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _encoding_problem(raw, name, error) from None
    if not text.strip():
        raise InputError.one(name, "the file is empty", "see `wcc init` for a starting point")
    return text


def read_document(source: Path | str, *, allow_aliases: bool = False) -> Document:
    """Read and parse a YAML file whose top level must be a mapping."""
    return parse_document(read_text(source), display_name(source), allow_aliases=allow_aliases)


def _diagnostic(problem: YamlProblem) -> Diagnostic:
    return Diagnostic(
        file="",
        line=problem.line,
        column=problem.column,
        message=problem.message,
        hint=problem.hint,
        excerpt=problem.excerpt,
    )


def _syntax_problems(text: str, first: YamlProblem, allow_aliases: bool) -> list[Diagnostic]:
    """Every syntax problem that can be found: tabs and odd spaces, then the parser's.

    A tab or a non-breaking space used for indentation is found on every line at once
    (a scan of the text); the text is then parsed again with those lines indented as their
    neighbours suggest, so that the next problem of another kind is reported too (unless
    there are more such lines than are shown: then they are the problem).
    """
    from wcc_assess.io.yamlsyntax import explain, indentation_problems, reindented

    found, total = indentation_problems(text, MAX_DIAGNOSTICS)
    if not found:
        return [_diagnostic(explain(first, text))]
    if total <= MAX_DIAGNOSTICS:
        repaired = reindented(text)
        try:
            parse_yaml(repaired, allow_aliases=allow_aliases)
        except YamlProblem as later:
            if later.line not in {problem.line for problem in found}:
                found.append(explain(later, repaired))
    found.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
    more = [unlisted(total - MAX_DIAGNOSTICS, "lines indented with tabs")][
        : total > MAX_DIAGNOSTICS
    ]
    return [*map(_diagnostic, found), *more]


def parse_document(text: str, name: str, *, allow_aliases: bool = False) -> Document:
    """Parse YAML text (read by :func:`read_text`) whose top level must be a mapping."""
    try:
        document = parse_yaml(text, allow_aliases=allow_aliases)
    except YamlProblem as problem:
        as_json = _json_document(text, name)
        if as_json is not None:
            return as_json
        problems = _syntax_problems(text, problem, allow_aliases)
        raise InputError(capped([replace(d, file=name) for d in problems])) from None
    if not isinstance(document.data, dict):
        found = "nothing" if document.data is None else _kind(document.data)
        raise InputError.one(
            name,
            f"the top level must be a mapping, not {found}",
            "the file should start with `framework: ...`",
            line=1,
            column=1,
        )
    return document


def _json_document(text: str, name: str) -> Document | None:
    """Read JSON that YAML refuses (an emoji escaped as a surrogate pair), without positions.

    JSON is YAML almost always, and the YAML parser gives every value its line; where it
    is not, the JSON is still read (its messages then name field paths, not lines).
    """
    if not text.lstrip().startswith("{"):
        return None
    from wcc_assess.io.jsonsafe import load_json

    try:
        data = load_json(text, name, "")
    except InputError:
        return None
    return Document(data=data) if isinstance(data, dict) else None


def _kind(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "text"
    return "a single value"


def is_framework_document(document: Document) -> bool:
    """Tell a framework file from a submission: frameworks have a ``scale``."""
    return isinstance(document.data, dict) and "scale" in document.data


def is_submission_data(data: object) -> bool:
    """Tell a submission (in YAML or JSON syntax) by its fields: framework and domains."""
    return (
        isinstance(data, dict)
        and "framework" in data
        and "domains" in data
        and "schema_version" not in data
    )


def is_result_document(data: object) -> bool:
    """Tell a result of ``wcc assess --format json`` (or a cohort report) by its fields."""
    return (
        isinstance(data, dict)
        and "schema_version" in data
        and ("overall" in data or data.get("kind") == "cohort" or "generated_at" in data)
    )
