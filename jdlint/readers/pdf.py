"""PDF reader: the text layer of a PDF (pypdf) → positioned lines per page → paragraphs.

This module owns opening a PDF safely and taking its text out with positions:

* Encrypted files are tried with the empty password (Word's "restrict editing" PDFs open so);
  any other password, a damaged file, a scan without a text layer: one line, no traceback.
* Bounds: the page count (:data:`MAX_PAGES`), the characters taken out, and the wall time
  (:data:`TIME_LIMIT`, checked between pages); pypdf itself caps every decompressed stream, so
  a compression bomb ends as "too large" instead of filling the memory.
* Each text-showing operator's text comes with its position and size (pypdf's
  ``visitor_text``); pieces on one baseline, in content-stream order, form a line. The stream
  order is the reading order of Word and LibreOffice exports (table cells one after the other),
  so the lines are not re-sorted; only their line number on the page comes from the position.

What is done with the lines (running headers, footers, page numbers, paragraphs, hyphens) is
:mod:`jdlint.readers.pdflayout`.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jdlint.core.errors import InputError
from jdlint.core.model import RawDocument
from jdlint.readers.limits import MAX_CHARS
from jdlint.readers.pdflayout import PdfLine, build_document

__all__ = ["MAX_PAGES", "TIME_LIMIT", "read_pdf"]

# NOTE: a job description runs to a few pages; 500 is two orders of magnitude above, and a
# 10,000-page file is refused before any page is parsed.
MAX_PAGES = 500
TIME_LIMIT = 30.0  # seconds for taking the text out of all pages

SCAN_REASON = ("PDF without a text layer (a scan or images of text): nothing to read; "
               "run OCR on it or export the original document as .docx")
_ROTATED = 0.05  # sine of the angle above which a piece of text is rotated (a watermark)


def _open(data: bytes) -> Any:
    """The pypdf reader of ``data``, decrypted with the empty password if need be."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("password-protected (encrypted) PDF: remove the password "
                             "or export the document again without one")
        count = len(reader.pages)
    except (FileNotDecryptedError, NotImplementedError):
        # NOTE: pypdf names an unsupported encryption (or a missing AES library) this way
        raise InputError("encrypted PDF that cannot be opened without its password") from None
    except PdfReadError as exc:
        raise InputError(f"damaged PDF: {_short(exc)}") from None
    if count > MAX_PAGES:
        raise InputError(f"document too long: {count:,} pages (limit {MAX_PAGES:,}); "
                         "a job description has a few")
    if count == 0:
        raise InputError("PDF without pages: nothing to read")
    return reader


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


def _page_lines(page: Any, number: int) -> list[PdfLine]:
    """The text lines of one page in content-stream order."""
    lines: list[PdfLine] = []
    height = float(page.mediabox.height) or 842.0
    bottom = float(page.mediabox.bottom)
    current: list[tuple[float, float, float, str]] = []

    def flush() -> None:
        text = "".join(piece[3] for piece in current)
        if text.strip():
            x = min(piece[0] for piece in current if piece[3].strip())
            y = current[0][1]
            size = max(piece[2] for piece in current)
            lines.append(PdfLine(page=number, x=x, y=y - bottom, size=size, text=text,
                                 height=height))
        current.clear()

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], _font: Any,
              font_size: float) -> None:
        if not text or text == "\n":
            return
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        if abs(b) > _ROTATED * scale or abs(c) > _ROTATED * scale or a < 0 or d < 0:
            return  # NOTE: rotated or mirrored text is a watermark or a margin note
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = abs(font_size) * scale
        if current and abs(y - current[0][1]) > max(1.0, 0.4 * min(size, current[0][2])):
            flush()
        current.append((x, y, size, text))

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def _extract(reader: Any) -> list[list[PdfLine]]:
    deadline = time.monotonic() + TIME_LIMIT
    pages: list[list[PdfLine]] = []
    chars = 0
    for number, page in enumerate(reader.pages, start=1):
        if time.monotonic() > deadline:
            raise InputError(f"PDF too slow to read: more than {TIME_LIMIT:.0f} s for "
                             f"{number - 1} of {len(reader.pages)} pages")
        lines = _page_lines(page, number)
        chars += sum(len(line.text) for line in lines)
        if chars > MAX_CHARS:
            raise InputError(f"document too long: more than {MAX_CHARS:,} characters of "
                             "text; a job description has tens of thousands")
        pages.append(lines)
    return pages


def read_pdf(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a PDF's text layer into a ``RawDocument``; raise InputError when unreadable."""
    from pypdf.errors import PdfReadError

    # NOTE: pypdf logs every oddity of a damaged file as a warning; the user gets one line.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = _open(data)
    try:
        pages = _extract(reader)
    except InputError:
        raise
    except (RecursionError, MemoryError):
        raise
    except PdfReadError as exc:
        raise InputError(f"damaged PDF: {_short(exc)}") from None
    except Exception as exc:
        # NOTE: a third-party parser fed hostile bytes fails in many ways (KeyError,
        # ValueError, LimitReachedError for a decompression bomb ...): one line, not a trace.
        name = type(exc).__name__
        if "Limit" in name:
            raise InputError("PDF too large once decompressed (a compression bomb?): "
                             "not read") from None
        raise InputError(f"damaged PDF: {name}: {_short(exc)}") from None
    if not any(pages):
        raise InputError(SCAN_REASON)
    return build_document(pages, path, display_path)
