"""Test inputs: minimal valid OLE2 compound files (the container of Word 97-2003 .doc), so the
tests can tell a .doc, an encrypted .doc, an encrypted .docx and a damaged file apart without
shipping binary files.

This module owns :func:`ole_bytes` (a version-3 compound file: one FAT sector, one directory
sector, streams of at least 4,096 bytes so that no mini stream is needed) and
:func:`word_stream` (the start of a ``WordDocument`` stream: the FIB's magic and flags).
"""

from __future__ import annotations

import struct

__all__ = ["ole_bytes", "word_stream"]

_SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def word_stream(*, encrypted: bool = False) -> bytes:
    """A ``WordDocument`` stream: FIB magic 0xA5EC, nFib of Word 97, ``fEncrypted`` if asked."""
    fib = bytearray(4096)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 10, 0x0100 if encrypted else 0)
    return bytes(fib)


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` (at most 3) at its root."""
    if len(streams) > 3:
        raise ValueError("at most 3 streams")
    items = [(name, data.ljust(4096, b"\x00")) for name, data in streams.items()]
    fat: list[int] = [_FATSECT, _END]
    body = bytearray()
    starts: list[int] = []
    for _, data in items:
        count = -(-len(data) // _SECTOR)
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + count))
        fat.append(_END)
        body += data.ljust(count * _SECTOR, b"\x00")
    if len(fat) > _SECTOR // 4:
        raise ValueError("streams too large for one FAT sector")
    fat.extend([_FREE] * (_SECTOR // 4 - len(fat)))
    directory = bytearray()
    entries = [("Root Entry", 5, _END, 0)] + [
        (name, 2, start, len(data)) for (name, data), start in zip(items, starts, strict=True)]
    for i, (name, kind, start, size) in enumerate(entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        right = i + 1 if 0 < i < len(entries) - 1 else _NOSTREAM
        child = 1 if i == 0 and len(entries) > 1 else _NOSTREAM
        struct.pack_into("<HBBIII", entry, 0x40, len(encoded), kind, 1, _NOSTREAM, right, child)
        struct.pack_into("<IQ", entry, 0x74, start, size)
        directory += entry
    directory = directory.ljust(_SECTOR, b"\x00")
    header = bytearray(_SECTOR)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<I", header, 0x4C, 0)
    for k in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * k, _FREE)
    return bytes(header) + bytes(struct.pack(f"<{_SECTOR // 4}I", *fat)) + bytes(directory) \
        + bytes(body)
