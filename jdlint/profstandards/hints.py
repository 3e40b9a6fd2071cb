"""Exact prefilters for the regular expressions of ``jdlint.profstandards.detect``.

Owns the hints: expressions that match wherever detect's own expression could, but that
``re`` scans fast (each starts with a plain character set, so the scan skips in C to the
positions holding one of its characters; detect's expressions start with a case-insensitive
Cyrillic letter or a lookbehind, which makes ``re`` try every position: profiled at ~1.5 ms
per instruction of issue 19's set, for text that cites no standard). Where a hint finds
nothing, detect's expression finds nothing either, so it is not run: a text, or the blocks of
a document, none of whose characters could start a match.

The case-insensitive letters are spelled out as the classes ``re`` folds them to (``re.I``
also matches "ᲂ" U+1C82 for "о"); tests/test_perf_profstandard.py checks the classes against
``re`` over every code point.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Final

__all__ = ["CASES", "blocks_with", "code", "keyword", "otf_code", "tf_code"]

# NOTE: every character ``re.I`` matches for each lower-case letter the hints use.
CASES: Final = {"п": "Пп", "р": "Рр", "о": "Ооᲂ", "ф": "Фф", "с": "Ссᲃ", "т": "Ттᲄᲅ",
                "е": "Ее", "б": "Бб"}


def _folded(word: str) -> str:
    return "".join(f"[{CASES[c]}]" for c in word)


# NOTE: detect._KEYWORD starts "профессиональн…", "профстандарт" or "ПС" (any case).
keyword: Final = re.compile(f"[{CASES['п']}](?:{_folded('рофе')}|{_folded('рофс')}"
                            f"|[{CASES['с']}])")
# NOTE: detect._CODE itself, its lookbehind moved after the first digit (a digit before
# the lookbehind's last character, so the same test of the character before it): the same
# matches, found from a digit.
code: Final = re.compile(r"\d(?<![\d.,/]\d)\d\s?\.\s?\d{3}(?![\d]|[.,]\d)")
# NOTE: detect._TF_CODE holds "/", spaces, two digits, "." and a digit.
tf_code: Final = re.compile(r"/\s*\d{2}\.\d")
# NOTE: detect._OTF_CODE starts "ОТФ" or "обобщенн…" (any case).
otf_code: Final = re.compile(f"[{CASES['о']}](?:{_folded('тф')}|{_folded('боб')})")

# NOTE: no hint matches it, so no hint's match runs from one block into the next.
_SEPARATOR: Final = "\x00"


def blocks_with(texts: Sequence[str], *hints: re.Pattern[str]) -> list[int]:
    """Indices of ``texts`` where one of ``hints`` matches, ascending (one scan per hint over
    the texts joined: the same matches as text by text, since none crosses the separator)."""
    starts: list[int] = []
    at = 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    joined = _SEPARATOR.join(texts)
    found: set[int] = set()
    for hint in hints:
        for match in hint.finditer(joined):
            found.add(bisect_right(starts, match.start()) - 1)
    return sorted(found)
