"""Input dispatch: which reader gets a file, decided by its bytes.

This module owns:

* :func:`read_path`, :func:`read_bytes`, :func:`read_stdin`: size limits, OS errors turned into
  one-line ``InputError`` reasons, and the choice of reader by content through the table of
  formats (:mod:`jdlint.readers.formats`: ODT, DOCX, .doc, …); images, archives and formats
  without a reader → a reason naming the real type; anything else → TXT reader.
  Files are opened read-only and never written.

Which files a command-line path means (folders walked, excludes, .gitignore) is
:mod:`jdlint.run.scan`'s, for every command.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from jdlint.core.errors import InputError
from jdlint.core.model import RawDocument
from jdlint.readers.formats import (
    MAX_DOCX_BYTES,
    MAX_TXT_BYTES,
    OLE_MAGIC,
    SUFFIXES,
    ZIP_MAGIC,
    FileFormat,
    detect,
)

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_TXT_BYTES",
    "NOT_REGULAR_REASON",
    "SUFFIXES",
    "read_bytes",
    "read_path",
    "read_stdin",
    "sniff",
]

MIB = 1024 * 1024
STDIN = "-"
_WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
_HEAD = 16  # NOTE: the head only chooses the byte limit; the format is chosen on all bytes

NOT_REGULAR_REASON = ("not a regular file (a FIFO, device or socket): not read; "
                      "pipe a document into '-' instead")

# magic bytes → (what the content is, the reason given when the name does not pretend otherwise)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF document", "PDF is not supported: export the document as .docx or .txt"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"II*\x00", "a TIFF image", ""),
    (b"MM\x00*", "a TIFF image", ""),
    (b"\x1f\x8b", "a gzip archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
    (b"Rar!\x1a\x07", "a RAR archive", ""),
    (b"\x7fELF", "an executable program", ""),
)


def _size(size: int) -> str:
    """A byte count for people: "73.2 MiB", "50 MiB", "12 KiB"."""
    if size < MIB:
        return f"{-(-size // 1024)} KiB"
    return f"{size / MIB:.1f}".removesuffix(".0") + " MiB"


def _limit(fmt: FileFormat) -> int:
    # NOTE: looked up at call time, so that the limits stay module attributes one can set.
    return MAX_DOCX_BYTES if fmt.limit == "package" else MAX_TXT_BYTES


def _too_large(size: int, limit: int) -> InputError:
    return InputError(f"file too large ({_size(size)}; limit {_size(limit)})")


def _os_reason(exc: OSError, verb: str = "cannot read") -> str:
    """The OS error in plain words: "cannot read: permission denied"."""
    if isinstance(exc, IsADirectoryError):
        return f"{verb}: it is a directory, not a file"
    if isinstance(exc, PermissionError):
        return f"{verb}: permission denied"
    if isinstance(exc, FileNotFoundError):
        return f"{verb}: no such file or directory"
    if exc.errno == errno.ELOOP:
        return f"{verb}: symbolic link loop"
    text = exc.strerror or (os.strerror(exc.errno) if exc.errno else "") or "unknown error"
    return f"{verb}: {text.lower()}"


def sniff(data: bytes) -> str | None:
    """What non-text content ``data`` starts with ("a PNG image"), "zip", "ole", or None."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    for magic, noun, _ in _MAGIC:
        if data.startswith(magic):
            return noun
    return None


def _reject(data: bytes, kind: str, suffix: str) -> InputError:
    """The reason for content that is not a document we read (kind from :func:`sniff`)."""
    if suffix in _WORD_SUFFIXES:
        return InputError(f"named {suffix} but is not a Word document: the content is {kind}")
    for _, noun, reason in _MAGIC:
        if noun == kind and reason:
            return InputError(reason)
    return InputError(f"not a text or Word document: the content is {kind}")


def read_bytes(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a document from its bytes, choosing the reader by content; raise InputError."""
    try:
        return _read_bytes(data, path, display_path)
    except (RecursionError, MemoryError):
        # NOTE: the readers bound nesting and sizes; this is the last line of defence so that
        # one pathological file is reported (JD001) and the others are still linted.
        raise InputError("document too complex to read (nesting or size beyond the limits)"
                         ) from None


def _read_bytes(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    suffix = path.suffix.lower() if path is not None else ""
    fmt = detect(data, suffix)
    if fmt is not None:
        limit = _limit(fmt)
        if len(data) > limit:
            raise _too_large(len(data), limit)
        return fmt.read(data, path, display_path)
    # NOTE: the text reader (and html.entities, its markup cleaner's) is imported only for a
    # file of no detected format; a DOCX never needs it (issue 19, cold start)
    from jdlint.readers.txt import read_txt

    kind = sniff(data)
    if kind is not None:
        raise _reject(data, kind, suffix)
    if len(data) > MAX_TXT_BYTES:
        raise _too_large(len(data), MAX_TXT_BYTES)
    if suffix in _WORD_SUFFIXES:
        if not data.strip():
            raise InputError(f"named {suffix} but is not a Word document: the file is empty")
        try:
            read_txt(data, path, display_path)
        except InputError:
            content = "binary data"
        else:
            content = "plain text (rename it to .txt)"
        raise InputError(f"named {suffix} but is not a Word document: the content is {content}")
    return read_txt(data, path, display_path)


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_path(path: Path) -> RawDocument:
    """Read one file (opened read-only, checked against the size limits before reading)."""
    suffix = path.suffix.lower()
    try:
        # NOTE: O_NONBLOCK so that opening a FIFO returns at once instead of waiting for a
        # writer; anything but a regular file is then refused (standard input is "-").
        with open(path, "rb", opener=_open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError("cannot read: it is a directory, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(NOT_REGULAR_REASON)
            head = handle.read(_HEAD)
            fmt = detect(head, suffix)
            if fmt is None and (kind := sniff(head)) is not None:
                raise _reject(head, kind, suffix)
            limit = MAX_TXT_BYTES if fmt is None else _limit(fmt)
            if info.st_size > limit:
                raise _too_large(info.st_size, limit)
            # NOTE: bounded even if the file grows while it is read. The size fstat gave (and
            # a byte more, to see it grow) is asked for first: a read of the limit allocated
            # the limit's 50 MiB for every file (issue 19: ~60 µs a file); a file that did grow
            # is read on to the limit, so the bytes are those one read to the limit gives.
            data = head + handle.read(max(min(limit, info.st_size) + 1 - len(head), 0))
            if info.st_size < len(data) <= limit:
                data += handle.read(limit + 1 - len(data))
            if len(data) > limit:
                raise InputError(f"file too large (more than {_size(limit)})")
    except OSError as exc:
        raise InputError(_os_reason(exc)) from None
    return read_bytes(data, path, str(path))


def read_stdin() -> RawDocument:
    """Read a document from standard input (display path "-")."""
    limit = max(MAX_DOCX_BYTES, MAX_TXT_BYTES)
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as exc:
        raise InputError(_os_reason(exc)) from None
    if len(data) > limit:
        raise InputError(f"input too large (more than {_size(limit)})")
    return read_bytes(data, None, STDIN)
