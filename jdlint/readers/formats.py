"""The table of document formats jdlint reads: one row per format, one place to add a reader.

This module owns :data:`FORMATS`. A row says how its content is recognised (a test on the
bytes, so that a .docx that is really RTF or an old .doc is read as what it is; the name is a
hint only for text formats that have no magic bytes), which function reads it (imported only
when a file of that kind comes), which suffixes a folder scan picks up, its MIME type (SARIF),
whether its blocks are a word processor's paragraphs or lines of text (the structure layer
treats a paragraph document as one whole instruction, a text as a possible web copy with
noise), and its byte limit. Locations are said in each format's own terms by the reader's
``Source`` fields (``paragraph``; ``line``; ``page`` with the line on it for a paged format).

Rows are tried in order; the TXT row is last and takes whatever no other row claims (after the
dispatcher has refused images, archives and other binary content with a reason). A new reader
adds one row before it.
"""

from __future__ import annotations

import importlib
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from jdlint.core.records import record

if TYPE_CHECKING:
    from jdlint.core.model import RawDocument

__all__ = ["FORMATS", "MAX_DOCX_BYTES", "MAX_TXT_BYTES", "SUFFIXES", "FileFormat", "by_name",
           "detect", "is_paragraph_format", "mime_type"]

MIB: Final = 1024 * 1024
MAX_DOCX_BYTES: Final = 50 * MIB
MAX_TXT_BYTES: Final = 20 * MIB

ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME: Final = b"application/vnd.oasis.opendocument.text"
# NOTE: ODF requires an uncompressed first member "mimetype"; its text starts at offset 38.
_ODF_HEAD: Final = b"mimetype"

Reader = Callable[[bytes, "Path | None", str], "RawDocument"]


@record(slots=True)
class FileFormat:
    """One readable format (see the module docstring)."""

    name: str
    detect: Callable[[bytes, str], bool]  # (bytes or their first 512, lower-case suffix)
    reader: str  # "module:function", imported on first use
    suffixes: tuple[str, ...]  # picked up by a folder scan
    mime: str
    layout: Literal["paragraphs", "lines"]
    # NOTE: which byte limit of jdlint.readers applies: "package" (MAX_DOCX_BYTES) for
    # containers and binary formats, "text" (MAX_TXT_BYTES) for text formats.
    limit: Literal["package", "text"]

    def read(self, data: bytes, path: Path | None, display_path: str) -> RawDocument:
        """Read ``data`` with this format's reader (raises ``InputError``)."""
        module, function = self.reader.split(":")
        # NOTE: a loaded module from sys.modules, as import_module would return it, without
        # its import machinery (issue 19: ~1 % of reading a DOCX); looked up per file, the
        # function stays replaceable (tests patch it)
        loaded = sys.modules.get(module)
        reader: Reader = getattr(loaded if loaded is not None else
                                 importlib.import_module(module), function)
        return reader(data, path, display_path)


def is_odt(data: bytes, suffix: str = "") -> bool:
    """An OpenDocument text (or text template): by its "mimetype" member, first as ODF asks,
    else anywhere in the ZIP's directory (some tools do not write it first)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    if data[30:38] == _ODF_HEAD:
        return data[38:38 + len(_ODT_MIME)] == _ODT_MIME
    if len(data) <= 512:
        return False  # NOTE: only the head was given: the ZIP directory is at the end
    if b"content.xml" not in data or b"mimetype" not in data:
        # NOTE: member names are stored as they are (ASCII stays ASCII in CP437 and UTF-8):
        # a DOCX is told without opening its directory (issue 19)
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" not in names or "content.xml" not in names:
                return False
            info = zf.getinfo("mimetype")
            if info.file_size > 200:
                return False
            return zf.read(info).strip().startswith(_ODT_MIME)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError):
        return False


def is_zip(data: bytes, suffix: str = "") -> bool:
    """Any ZIP: the DOCX reader names what else it is (a workbook, a presentation)."""
    return data.startswith(ZIP_MAGIC)


def is_ole(data: bytes, suffix: str = "") -> bool:
    """A compound file (OLE2): Word 97-2003 .doc, or an encrypted .docx, told apart on reading."""
    return data.startswith(OLE_MAGIC)


def is_rtf(data: bytes, suffix: str = "") -> bool:
    """Rich Text Format, whatever the name says (Word saves ".doc" files as RTF too)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def is_pdf(data: bytes, suffix: str = "") -> bool:
    """A PDF (its text layer is read; a scan without one is refused on reading)."""
    return data.startswith(b"%PDF")


def is_html(data: bytes, suffix: str = "") -> bool:
    """A saved web page: by its name, or by a head that opens an HTML document."""
    from jdlint.readers.web import web_kind

    return web_kind(data, suffix) == "html"


def is_mhtml(data: bytes, suffix: str = "") -> bool:
    """A web archive (MIME multipart/related holding the page)."""
    from jdlint.readers.web import web_kind

    return web_kind(data, suffix) == "mhtml"


def is_markdown(data: bytes, suffix: str = "") -> bool:
    """Markdown, by its name only (its content is plain text to anything else)."""
    return suffix in (".md", ".markdown")


def _anything(data: bytes, suffix: str = "") -> bool:
    return True


FORMATS: tuple[FileFormat, ...] = (
    FileFormat("odt", is_odt, "jdlint.readers.odt:read_odt", (".odt", ".ott"),
               "application/vnd.oasis.opendocument.text", "paragraphs", "package"),
    FileFormat("docx", is_zip, "jdlint.readers.docx:read_docx", (".docx",),
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "paragraphs", "package"),
    FileFormat("doc", is_ole, "jdlint.readers.legacy:read_doc", (".doc", ".dot"),
               "application/msword", "paragraphs", "package"),
    FileFormat("rtf", is_rtf, "jdlint.readers.rtf:read_rtf", (".rtf",), "application/rtf",
               "paragraphs", "package"),
    FileFormat("pdf", is_pdf, "jdlint.readers.pdf:read_pdf", (".pdf",), "application/pdf",
               "lines", "package"),
    FileFormat("mhtml", is_mhtml, "jdlint.readers.web:read_mhtml", (".mhtml", ".mht"),
               "multipart/related", "lines", "text"),
    FileFormat("html", is_html, "jdlint.readers.web:read_html", (".html", ".htm"),
               "text/html", "lines", "text"),
    # NOTE: .md is read when named, never collected from folders (READMEs and notes live there)
    FileFormat("md", is_markdown, "jdlint.readers.md:read_md", (), "text/markdown",
               "lines", "text"),
    FileFormat("txt", _anything, "jdlint.readers.txt:read_txt", (".txt",), "text/plain",
               "lines", "text"),
)

SUFFIXES: Final = frozenset(s for f in FORMATS for s in f.suffixes)


def detect(data: bytes, suffix: str) -> FileFormat | None:
    """The first row other than TXT whose test claims ``data``; None for text or anything the
    dispatcher must refuse."""
    for fmt in FORMATS:
        if fmt.name != "txt" and fmt.detect(data, suffix):
            return fmt
    return None


def by_name(name: str) -> FileFormat | None:
    """The row named ``name`` ("odt"), or None."""
    return next((f for f in FORMATS if f.name == name), None)


def is_paragraph_format(name: str) -> bool:
    """True when the format's blocks are a word processor's paragraphs (DOCX, ODT, .doc, RTF)
    rather than lines of text (TXT, web copies)."""
    fmt = by_name(name)
    return fmt is not None and fmt.layout == "paragraphs"


def mime_type(name: str) -> str:
    """The MIME type of a format (SARIF's artifact ``mimeType``)."""
    fmt = by_name(name)
    return fmt.mime if fmt is not None else "application/octet-stream"
