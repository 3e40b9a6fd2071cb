"""Exact prefilters for the regular expressions of ``jdlint.profstandards.detect``.

Owns the hints: expressions that match wherever detect's own expression could, but that
``re`` scans fast. detect's expressions start with a case-insensitive Cyrillic letter or a
lookbehind, so ``re`` tries them at every position (profiled at ~1.5 ms per instruction of
issue 19's set, for text that cites no standard); even a leading character class is tested
character by character. Each hint starts with one literal character instead, rare in Russian
text where possible ("ф", "б", "."), which ``re`` finds with a fast scan, and checks the rest
around it with lookbehinds. A case-insensitive word is one hint per spelling of the leading
letter. Where no hint of a group finds anything, detect's expression finds nothing either, so
it is not run: on a text, or on the blocks of a document, none of which could hold a match.

The case-insensitive letters are spelled out as the classes ``re`` folds them to (``re.I``
also matches "ᲂ" U+1C82 for "о"); tests/test_perf_profstandard_hints.py checks the classes
against ``re`` over every code point.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Final

__all__ = ["CASES", "blocks_with", "code", "found", "keyword", "otf_code", "tf_code"]

# NOTE: every character ``re.I`` matches for each lower-case letter the hints use.
CASES: Final = {"п": "Пп", "р": "Рр", "о": "Ооᲂ", "ф": "Фф", "с": "Ссᲃ", "т": "Ттᲄᲅ",
                "е": "Ее", "б": "Бб"}


def _led(word: str, lead: int, after: str = "") -> tuple[re.Pattern[str], ...]:
    """Hints for ``word`` in any case (then ``after``), one per spelling of its letter at
    ``lead``: that letter, the letters before it as a lookbehind, the letters after it."""
    def cls(c: str) -> str:
        return f"[{CASES[c]}]"

    before = "".join(cls(c) for c in word[:lead])
    rest = "".join(cls(c) for c in word[lead + 1:]) + after
    return tuple(re.compile(re.escape(v) + (f"(?<={before}{re.escape(v)})" if before else "")
                            + rest) for v in CASES[word[lead]])


# NOTE: detect._KEYWORD starts "профе…" (профессиональн), "профс…" (профстандарт) or "пс"
# (ПС), any case: led by the "ф" of the first two, by the "п" of the last.
keyword: Final = (*_led("проф", 3, f"[{CASES['е']}{CASES['с']}]"), *_led("пс", 0))
# NOTE: detect._CODE holds two digits, maybe a space, ".", maybe a space, three digits.
code: Final = (re.compile(r"\.(?:(?<=\d\d\.)|(?<=\d\d\s\.))\s?\d{3}"),)
# NOTE: detect._TF_CODE holds "/", spaces, two digits, "." and a digit.
tf_code: Final = (re.compile(r"/\s*\d{2}\.\d"),)
# NOTE: detect._OTF_CODE starts "ОТФ" or "обобщенн…", any case.
otf_code: Final = (*_led("отф", 2), *_led("обоб", 3))


def found(hints: Sequence[re.Pattern[str]], text: str) -> bool:
    """Whether one of ``hints`` matches in ``text``."""
    return any(hint.search(text) for hint in hints)


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
