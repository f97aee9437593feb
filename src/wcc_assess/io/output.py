"""Writing reports: to stdout, or atomically to a file that is never one of the inputs."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from wcc_assess.errors import UsageError
from wcc_assess.io.reading import FileId, files_read

__all__ = ["check_outputs", "emit", "needs_writing", "refuse_to_overwrite", "write_atomic"]


def _file_id(path: Path) -> FileId | None:
    """Return the (device, inode) a path leads to, through links; None if it leads nowhere."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # missing, a symlink loop, a name the system refuses
        return None
    return (info.st_dev, info.st_ino)


def _same_file(a: Path, b: Path) -> bool:
    """Tell whether two paths name one file.

    The same name, or (through hard links and symbolic links) the same device and inode.
    A symlink loop is nobody's file.
    """
    if os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b)):
        return True
    found = _file_id(a)
    return found is not None and found == _file_id(b)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applied)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes: a workbook) to ``path`` through a temporary file and a rename.

    A failure leaves no half-written file: either the old content or the new one.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: the folder {directory} does not exist")
    handle = None
    try:
        handle = tempfile.NamedTemporaryFile(
            "wb", dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
        with handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(path))
        os.replace(handle.name, path)
    except OSError as error:
        if handle is not None:
            Path(handle.name).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _to_stdout(text: str | bytes) -> None:
    if isinstance(text, str):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if sys.stdout.isatty():
        raise UsageError("a workbook is not for a terminal: write it to a file with -o FILE.xlsx")
    sys.stdout.flush()
    sys.stdout.buffer.write(text)
    sys.stdout.buffer.flush()


def check_outputs(outputs: Iterable[Path | None], inputs: Iterable[Path | str] = ()) -> None:
    """Refuse, before anything is written, outputs that are inputs or named twice.

    An input is any file in ``inputs`` and any file this command has read (the submission,
    a framework file, a baseline, a cohort's members, standard input when it is a file:
    :func:`~wcc_assess.io.reading.files_read`), under any name, hard link or symbolic link.
    ``None`` and ``-`` stand for stdout and are never refused.
    """
    files = [path for path in outputs if path is not None and str(path) != "-"]
    sources = [Path(source) for source in inputs if str(source) != "-"]
    read = files_read()
    for index, output in enumerate(files):
        for source in sources:
            if _same_file(output, source):
                raise UsageError(f"refusing to write the report over the input file {source}")
        if _file_id(output) in read:
            raise UsageError(
                f"refusing to write over {output}: it is one of the files this command read "
                "(standard input included)"
            )
        for other in files[:index]:
            if output == other or _same_file(output, other):
                raise UsageError(f"{output} is named for two reports; give each its own file")


def refuse_to_overwrite(output: Path | None) -> None:
    """Refuse to write over an existing file (``wcc init`` without ``--force``)."""
    if output is not None and str(output) != "-" and output.exists():
        raise UsageError(f"{output} already exists; pass --force to overwrite it")


def needs_writing(path: Path, text: str, force: bool) -> bool:
    """Say whether ``text`` must be written to ``path``: not when the file already holds it.

    A different file already there is never replaced without ``force``.
    """
    if path.is_dir():
        raise UsageError(f"cannot write the schema to {path}: it is a folder")
    if not path.is_file():  # nothing there, or a device or pipe: never read it
        return True
    try:
        same = path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        same = False
    if not same and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    return not same


def emit(text: str | bytes, output: Path | None, inputs: Iterable[Path | str] = ()) -> None:
    """Send a report to ``output`` (atomically) or to stdout when it is None or ``-``.

    A device or pipe (``/dev/null``, a FIFO) is written to directly: replacing it with a
    regular file would be wrong. Bytes (a workbook) go to stdout only when it is not a
    terminal.
    """
    if output is None or str(output) == "-":
        _to_stdout(text)
        return
    check_outputs([output], inputs)
    if output.exists() and not output.is_file() and not output.is_dir():
        try:
            with output.open("wb") as handle:
                handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        except OSError as error:
            raise UsageError(f"cannot write {output}: {error.strerror or error}") from None
        return
    write_atomic(output, text)
