"""Legacy Word 97-2003 ``.doc``/``.dot``: what an OLE compound file is, and its text via
LibreOffice.

This module owns the inspection of compound files (OLE2) with ``olefile``: a ``.doc`` (a
``WordDocument`` stream) is told apart from an encrypted one (the FIB's ``fEncrypted`` bit, or
an ``EncryptionInfo`` stream), from an encrypted ``.docx`` (an ``EncryptedPackage`` stream:
Office wraps a password-protected DOCX in OLE), from Excel and PowerPoint files and from a
damaged container; each gets its one-line reason. A readable ``.doc`` is converted to DOCX by
:mod:`jdlint.readers.convert` and read by the DOCX reader, so it gives the same blocks, numbering
and findings as the DOCX Word would save; the result says ``format: doc``.
"""

from __future__ import annotations

import io
import struct
from dataclasses import replace
from pathlib import Path
from typing import Literal

from jdlint.core.errors import InputError
from jdlint.core.model import RawDocument

__all__ = ["ENCRYPTED_DOC_REASON", "ENCRYPTED_REASON", "OleKind", "inspect_ole", "read_doc"]

ENCRYPTED_REASON = (
    "password-protected (encrypted) Word document: remove the password in Word and save again"
)
ENCRYPTED_DOC_REASON = ("password-protected (encrypted) Word 97-2003 .doc: remove the password "
                        "in Word and save again")
CORRUPT_REASON = "corrupt or truncated Word 97-2003 .doc: the OLE container cannot be read"
_WORD_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100

OleKind = Literal["doc", "encrypted-doc", "encrypted-docx", "excel", "powerpoint", "other",
                  "corrupt"]


def _raw_names(data: bytes) -> OleKind:
    # NOTE: a container olefile cannot walk may still name its streams plainly in UTF-16;
    # an EncryptedPackage there is a password-protected DOCX whatever else is broken.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted-docx"
    return "corrupt"


def inspect_ole(data: bytes) -> OleKind:
    """What an OLE compound file holds, read from its directory and the Word FIB."""
    import olefile  # type: ignore[import-untyped, unused-ignore]

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # NOTE: olefile raises many kinds on a damaged container
        return _raw_names(data)
    try:
        names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
        if not names:
            return _raw_names(data)  # NOTE: every Office file has streams: a damaged directory
        if "EncryptedPackage" in names:
            return "encrypted-docx"
        if "WordDocument" in names:
            if "EncryptionInfo" in names:
                return "encrypted-doc"
            with ole.openstream("WordDocument") as stream:
                fib = stream.read(12)
            if len(fib) < 12:
                return "corrupt"
            ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib,
                                                                                   10)[0]
            if ident != _WORD_IDENT:
                return "corrupt"
            return "encrypted-doc" if flags & _F_ENCRYPTED else "doc"
        if names & {"Workbook", "Book"}:
            return "excel"
        if "PowerPoint Document" in names:
            return "powerpoint"
        return "other"
    except Exception:  # NOTE: a stream that points outside the file, a FAT loop
        return "corrupt"
    finally:
        ole.close()


def read_doc(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a Word 97-2003 document (converted to DOCX by LibreOffice); ``InputError`` with one
    line for an encrypted, damaged or foreign OLE file, or when LibreOffice is not there."""
    kind = inspect_ole(data)
    suffix = path.suffix.lower() if path is not None else ""
    if kind == "encrypted-docx":
        raise InputError(ENCRYPTED_REASON)
    if kind == "encrypted-doc":
        raise InputError(ENCRYPTED_DOC_REASON)
    if kind == "corrupt":
        raise InputError(CORRUPT_REASON)
    if kind == "excel":
        raise InputError("not a Word document: the content is an Excel 97-2003 workbook")
    if kind == "powerpoint":
        raise InputError("not a Word document: the content is a PowerPoint 97-2003 "
                         "presentation")
    if kind == "other":
        raise InputError("not a Word document: the content is an OLE file of another program")
    from jdlint.readers.convert import to_docx
    from jdlint.readers.docx import read_docx

    docx = to_docx(data, ".dot" if suffix == ".dot" else ".doc", "Word 97-2003 .doc")
    return replace(read_docx(docx, path, display_path), format="doc")
