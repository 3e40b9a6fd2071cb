"""Letter pairs that betray a wrong code page, counted for the TXT reader's legacy decoding.

A Latin letter touching a Cyrillic one ("Рias" for "Šias") and a lower-case letter followed
by a capital ("дОЛЖНОСТЬ" for KOI8 read as CP1251). This module owns their patterns and their
count: what ``len(pattern.findall(text))`` gives (left to right, matches not overlapping),
found without trying a two-letter pattern at every character of the sample (issue 19: the two
scans were most of scoring a code page).
"""

from __future__ import annotations

import re
from itertools import chain

__all__ = ["CASE_BREAK", "MIXED", "bad_pairs", "case_breaks", "mixed_pairs"]

_CYR = "\u0400-\u04ff"
_LAT = "A-Za-z\u00c0-\u024f"
_LT_LOWER = "ąčęėįšųūž"
_LOWER = "a-zа-яё" + _LT_LOWER
_UPPER = "A-ZА-ЯЁ" + _LT_LOWER.upper()
MIXED = re.compile(f"[{_LAT}][{_CYR}]|[{_CYR}][{_LAT}]")
CASE_BREAK = re.compile(f"[{_LOWER}][{_UPPER}]")
# NOTE: CASE_BREAK's matches found from their capital: the engine skips in C to the next
# capital instead of trying every letter. A lower-case letter is never a capital, so two
# matches cannot overlap and the count of capitals after a lower-case letter is the count.
_CAPITAL_AFTER_LOWER = re.compile(f"[{_UPPER}](?<=[{_LOWER}][{_UPPER}])")
_CYR_RUN = re.compile(f"[{_CYR}]+")
_LAT_RUN = re.compile(f"[{_LAT}]+")
_CYR_SET = frozenset(map(chr, range(0x400, 0x500)))
_LAT_SET = frozenset(map(chr, chain(range(ord("A"), ord("Z") + 1), range(ord("a"), ord("z") + 1),
                                    range(0xC0, 0x250))))
# Runs of the rarer script looked at one by one; past this many, the pattern does the count.
_FEW_RUNS = 64


def case_breaks(text: str) -> int:
    """``len(CASE_BREAK.findall(text))``."""
    return len(_CAPITAL_AFTER_LOWER.findall(text))


def mixed_pairs(text: str) -> int:
    """``len(MIXED.findall(text))``."""
    # NOTE: a text in one script has few runs of the other: look around those
    for runs, other in ((_LAT_RUN, _CYR_SET), (_CYR_RUN, _LAT_SET)):
        found = _around_runs(text, runs, other)
        if found is not None:
            return found
    return len(MIXED.findall(text))


def bad_pairs(text: str) -> int:
    """Mixed-script and broken-case pairs of ``text``, as the two patterns count them."""
    return mixed_pairs(text) + case_breaks(text)


def _around_runs(text: str, runs: re.Pattern[str], other: frozenset[str]) -> int | None:
    """MIXED's count from the maximal runs of one script (None past ``_FEW_RUNS`` of them).

    Every match is a letter of one script next to one of the other, so it sits at an edge
    of a run of either: the last letter of a run and the letter after it, or the letter
    before a run and its first. Those edges come in text order; as ``findall``, the scan
    takes the first and goes on two letters further.
    """
    count = 0
    free = 0  # NOTE: where the next match may start (the end of the last one)
    size = len(text)
    for n, match in enumerate(runs.finditer(text)):
        if n == _FEW_RUNS:
            return None
        start, end = match.span()
        if start - 1 >= free and text[start - 1] in other:
            count += 1
            free = start + 1
        if end < size and end - 1 >= free and text[end] in other:
            count += 1
            free = end + 1
    return count
