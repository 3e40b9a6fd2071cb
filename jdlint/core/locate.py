"""Where a finding points and what it quotes: the clause of a block, the excerpt around the
matched words, and the fingerprint of a clause that survives renumbering (baselines and
waivers match on it). Used by the rule API when a check reports a finding.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from jdlint.core.model import Clause, Document, Source
from jdlint.core.text import fold

__all__ = ["EXCERPT_WIDTH", "clause_index", "cut_excerpt", "describe_source", "fingerprint_text",
           "phrase_pattern"]

EXCERPT_WIDTH: Final = 200

_LABEL_RE: Final = re.compile(r"^\s*(?:[IVXLC]+|[a-zа-яё])[.)]\s+", re.IGNORECASE)
_NOT_WORD_RE: Final = re.compile(r"[\W\d_]+")


# NOTE: several findings share a clause, and a batch repeats clauses: each clause text is
# reduced once (issue 19); a pure function of the text, bounded.
@lru_cache(maxsize=4096)
def fingerprint_text(text: str) -> str:
    """Clause text reduced to what survives renumbering and reflow.

    Case and ё folded, a leading letter/Roman label dropped, digits (so "2.3." and "3.1." are
    equal) and punctuation removed, whitespace folded.
    """
    text = _LABEL_RE.sub("", fold(text))
    return " ".join(_NOT_WORD_RE.sub(" ", text).split())


def describe_source(source: Source, lang: str) -> str:
    """``Source.describe()`` in the output language ("строка 12", "pastr. 41")."""
    return source.describe(lang)


def clause_index(doc: Document) -> dict[int, Clause]:
    """Block index → the innermost clause that contains it."""
    # NOTE: walk order visits parents before children, so the deepest clause of a block wins.
    index: dict[int, Clause] = {}
    for clause in doc.clauses():
        for block in clause.blocks:
            index[block] = clause
    return index


def phrase_pattern(match: str) -> re.Pattern[str]:
    """``match`` as a case-insensitive pattern in which any run of whitespace is a space."""
    # NOTE: reflowed text may break a phrase differently, so any whitespace run matches a space.
    parts = [re.escape(p) for p in match.split()]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def cut_excerpt(text: str, start: int, end: int, width: int = EXCERPT_WIDTH) -> str:
    """At most ``width`` characters of ``text`` around ``text[start:end]``, "…" where cut."""
    if len(text) <= width:
        return text.strip()
    length = max(end - start, 0)
    left = max(0, min(start - (width - length) // 2, len(text) - width))
    right = left + width
    piece = text[left:right].strip()
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")
