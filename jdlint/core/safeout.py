"""Writing jdlint's outputs without ever touching an input.

This module owns every file write a command makes on the user's behalf (``check -o``,
``--write-baseline``, ``report -o``, the commented Word copy, ``profstandard import -o``):

* :func:`refuse_inputs` compares an output path with every input (the files named on the
  command line *and* the files found inside folders) by resolved path and by device and inode,
  so neither a symlink nor a hard link to a document lets a report land on it;
* :func:`write_atomic` writes a regular file through a temporary file in the same folder and a
  rename, so a failed or interrupted write leaves the old file (or nothing), never half a
  report; a device or FIFO (``/dev/null``, ``/dev/stdout``) is written in place, since it
  cannot be renamed over and holds nothing to lose.

Errors are :class:`OutputError` with one line a person understands.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

__all__ = ["OutputError", "refuse_inputs", "write_atomic"]


class OutputError(Exception):
    """An output that may not or could not be written; ``str()`` is the one-line reason."""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def refuse_inputs(output: Path, inputs: Iterable[Path | str], what: str = "the output") -> None:
    """Raise :class:`OutputError` when ``output`` is (or links to) one of ``inputs``.

    An input that exists is compared by device and inode alone: were its resolved path the
    output's, both would name the same existing file, so the same node. Only an input that
    cannot be examined is compared by resolved path (a resolve is ~10 ``lstat`` calls; a batch
    of 1,000 files spent ~50 ms of its serial start on them, issue 19)."""
    out_id = _identity(output)
    out_path: Path | None = None
    for item in inputs:
        if isinstance(item, str):
            if item == "-":
                continue
            item = Path(item)
        item_id = _identity(item)
        if item_id is not None:
            same = out_id == item_id
        else:
            if out_path is None:
                out_path = _resolved(output)
            same = out_path is not None and out_path == _resolved(item)
        if same:
            raise OutputError(f"{what} {output} would overwrite the input {item}; "
                              "choose another file")


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes | str | Iterable[str | bytes]) -> None:
    """Write ``data`` (bytes, text, or chunks of text as UTF-8 and of bytes as they are) to
    ``path`` all or nothing."""
    chunks: Iterable[bytes]
    if isinstance(data, bytes):
        chunks = (data,)
    elif isinstance(data, str):
        chunks = (data.encode("utf-8", "backslashreplace"),)
    else:
        # NOTE: "backslashreplace": a file name that is not valid UTF-8 (surrogate escapes
        # from the file system) is shown escaped instead of failing the whole report. A
        # chunk in bytes is written as it is (a pool worker's JSON, output.json.file_text).
        chunks = (c if isinstance(c, bytes) else c.encode("utf-8", "backslashreplace")
                  for c in data)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(path, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
            return
        target = Path(os.path.realpath(path))
        if not target.parent.is_dir():
            raise OutputError(f"cannot write {path}: the folder {target.parent} does not exist")
        mode = _mode_for(target)
        import tempfile  # NOTE: here, not at the top: only a report written to a file needs it

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
