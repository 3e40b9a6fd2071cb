"""The text of a clause as JD301 and the collection tools compare it (``normalize_clause``).

Case and ё folded, quotes, punctuation, list markers and a leading clause number removed,
whitespace folded. Numbers *inside* the text stay ("указанной в п. 2.1" ≠ "указанной в
п. 2.2"), so the lead-ins of a profstandard-style instruction do not pair.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jdlint.core.text import fold

__all__ = ["normalize_clause"]

# NOTE: a leading marker the structure layer left in the text ("2.3.", "1)", "а)", "–", "•").
_MARKER_RE = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*[.)]?|[a-zа-яё][.)]|[ivxlc]+[.)]|[-–—•·*▪►○◦])\s+)+")
_PUNCT_RE = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


# NOTE: a pure function of the text, asked twice per clause by the duplicate search (its rows
# and its shingles) and again for every clause an archive repeats; JD301 asks it per clause.
@lru_cache(maxsize=8192)
def normalize_clause(text: str) -> str:
    """The text JD301 compares: "2.4. Готовит «отчёт» (и/или) т.д." → "готовит отчет и или т д"."""
    text = _MARKER_RE.sub("", fold(text))
    text = _PUNCT_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()
