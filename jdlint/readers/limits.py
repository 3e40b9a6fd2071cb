"""Size limits that apply to every reader once the text is out: paragraphs and characters.

This module owns the limits that keep one hostile or absurd file (100,000 paragraphs, a 20 MiB
line) from taking unbounded time and memory in the structure layer and the rules: a job
description runs to a few pages (a few hundred paragraphs, 5,000-50,000 characters), so the
limits sit two orders of magnitude above that. Byte limits of the files themselves live in
:mod:`jdlint.readers` (they are checked before reading); ZIP and XML limits in
:mod:`jdlint.readers.docx`.
"""

from __future__ import annotations

from jdlint.core.errors import InputError

__all__ = ["MAX_CHARS", "MAX_LINES", "MAX_PARAGRAPHS", "check_text_size", "too_long"]

MAX_PARAGRAPHS = 20_000  # blocks (non-empty lines, DOCX paragraphs and sub-lines)
MAX_LINES = 100_000  # physical TXT lines, blank ones included (checked before splitting)
MAX_CHARS = 2_000_000  # characters of text in all blocks


def too_long(count: int, what: str, limit: int, *, more: bool = False) -> InputError:
    """The reason for a document over a limit: "document too long: 100,000 paragraphs …"."""
    amount = f"more than {limit:,}" if more else f"{count:,}"
    return InputError(f"document too long: {amount} {what} (limit {limit:,}); "
                      "a job description has a few hundred")


def check_text_size(paragraphs: int, chars: int) -> None:
    """Raise :class:`InputError` when a read document has too many blocks or characters."""
    if paragraphs > MAX_PARAGRAPHS:
        raise too_long(paragraphs, "paragraphs", MAX_PARAGRAPHS)
    if chars > MAX_CHARS:
        raise InputError(f"document too long: {chars:,} characters of text "
                         f"(limit {MAX_CHARS:,}); a job description has tens of thousands")
