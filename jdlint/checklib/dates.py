"""Dates written in an instruction: numeric, ISO, Russian and Lithuanian words for months.

The approval block's latest date is the date the instruction was approved
(``document_date``): JD109 grades an outdated reference by it and JD4xx picks the
professional standard's version in force on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from jdlint.core.model import Document

_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_LT_MONTHS = {
    "sausio": 1, "vasario": 2, "kovo": 3, "balandžio": 4, "gegužės": 5, "birželio": 6,
    "liepos": 7, "rugpjūčio": 8, "rugsėjo": 9, "spalio": 10, "lapkričio": 11, "gruodžio": 12,
}
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")
_RU_DATE = re.compile(r"«?(\d{1,2})»?\s+([а-яё]+)\s+((?:19|20)\d\d)", re.IGNORECASE)
_LT_DATE = re.compile(r"((?:19|20)\d\d)\s*m\.\s*([a-ząčęėįšųūž]+)\s+(\d{1,2})\s*d\.",
                      re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dates_in(text: str) -> Iterator[date]:
    for m in _NUMERIC_DATE.finditer(text):
        found = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if found:
            yield found
    for m in _ISO_DATE.finditer(text):
        found = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            yield found
    for m in _RU_DATE.finditer(text):
        word = m.group(2).casefold()
        month = next((n for stem, n in _RU_MONTHS.items()
                      if word.startswith(stem) and (stem != "ма" or word in ("мая", "май"))),
                     None)
        if month:
            found = _safe(int(m.group(3)), month, int(m.group(1)))
            if found:
                yield found
    for m in _LT_DATE.finditer(text):
        month = _LT_MONTHS.get(m.group(2).casefold())
        if month:
            found = _safe(int(m.group(1)), month, int(m.group(3)))
            if found:
                yield found


def document_date(doc: Document) -> date | None:
    """The date the instruction was approved, read from its approval block (None if absent)."""
    if doc.approval is None:
        return None
    blocks = doc.raw.blocks
    dates = [d for i in doc.approval if i < len(blocks) for d in _dates_in(blocks[i].text)]
    return max(dates) if dates else None
