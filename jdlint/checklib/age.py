"""What JD211 (``jdlint.checks.labour``) reads as an age requirement: an upper bound ("до 35
лет", "ne vyresnis kaip 45") or a lower bound above the statutory minimums ("старше 25 лет"),
by language, and the exact cheap tests that spare most blocks the patterns.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["AGE", "AGE_CUE", "AGE_HINTS", "LAWFUL_MIN_AGE", "age_bounds"]

AGE: Final = {
    "ru": [
        # NOTE: requirement lists write "Возраст - до 35 лет", "Возраст: 25–40 лет".
        re.compile(r"возраст\w*\s*[-–—:]?\s*(?:от\s+(?P<lo>\d{2})\s*)?(?:лет\s+)?"
                   r"(?:до\s+(?P<hi>\d{2}))?", re.IGNORECASE),
        re.compile(r"возраст\w*\s*[-–—:]?\s*(?:от\s+)?(?P<lo>\d{2})\s*[-–—]\s*(?:до\s+)?"
                   r"(?P<hi>\d{2})\s*(?:лет|год)|возраст\w*\s*[-–—:]?\s*(?:не\s+более|максимум)\s+"
                   r"(?P<hi2>\d{2})", re.IGNORECASE),
        re.compile(r"не\s+старше\s+(?P<hi>\d{2})|(?<!не )моложе\s+(?P<hi2>\d{2})|"
                   r"(?:не\s+моложе|старше)\s+(?P<lo>\d{2})", re.IGNORECASE),
    ],
    "lt": [
        re.compile(r"(?:nuo\s+(?P<lo>\d{2})\s+)?iki\s+(?P<hi>\d{2})\s+metų\s+amži\w+",
                   re.IGNORECASE),
        re.compile(r"amži\w+\s*[-–—:]?\s*(?:nuo\s+(?P<lo>\d{2})\s+)?(?:metų\s+)?iki\s+"
                   r"(?P<hi>\d{2})", re.IGNORECASE),
        re.compile(r"ne\s+vyresn\w+\s+(?:kaip|nei)\s+(?P<hi>\d{2})|(?<!ne )jaunesn\w+\s+"
                   r"(?:kaip|nei)\s+(?P<hi2>\d{2})|ne\s+jaunesn\w+\s+(?:kaip|nei)\s+"
                   r"(?P<lo>\d{2})|amži\w+\s*(?:[–:-]\s*)?nuo\s+(?P<lo2>\d{2})", re.IGNORECASE),
    ],
}
# NOTE: statutes set minimum ages up to 21 (transport, security, weapons): lower bounds up to
# this age are lawful requirements; any upper bound is not.
LAWFUL_MIN_AGE: Final = 21


# NOTE: a literal every match of a language's age patterns holds (same flags): a block
# without one is not searched three times (issue 19: JD211 ran them over every block).
AGE_CUE: Final = {
    "ru": re.compile(r"возраст|старше|моложе", re.IGNORECASE),
    "lt": re.compile(r"amži|vyresn|jaunesn", re.IGNORECASE),
}


# NOTE: substrings the lower-cased text holds wherever ``AGE_CUE`` matches, unless it holds one of
# the other characters: case-insensitive ``re`` is slow on Cyrillic (~12 µs a block, issue 19),
# ``str.lower`` and ``in`` are not. Exact: ``re.I`` matches "з", "р", "ш", "е", "м", "л", "ж",
# "a", "m", "ž", "v", "y", "r", "e", "j", "u", "n" in their two cases only, and
# ``lower`` maps each of those to the small letter; the "о" of "моложе" is also matched by
# "ᲂ" (U+1C82), which ``lower`` keeps, so a text holding it is searched as before.
# tests/test_perf_age.py checks the letters' cases against ``re`` over every code point.
AGE_HINTS: Final = {
    "ru": (("зр", "рше", "молож"), "ᲂ"),     # возраст, старше, моложе
    "lt": (("amž", "vyre", "jaune"), ""),     # amži…, vyresn…, jaunesn…
}


def age_bounds(lang: str, text: str) -> tuple[int, int] | None:
    """(start, end) of the first unlawful age bound in ``text``, None when there is none."""
    cue = AGE_CUE.get(lang)
    if cue is None:
        return None
    hints, others = AGE_HINTS[lang]
    lowered = text.lower()
    if not any(hint in lowered for hint in hints) and not (others and others in text):
        return None
    if cue.search(text) is None:
        return None
    for pattern in AGE[lang]:
        for m in pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v}
            if not groups:
                continue
            high = groups.get("hi") or groups.get("hi2")
            low = groups.get("lo") or groups.get("lo2")
            if high or (low and int(low) > LAWFUL_MIN_AGE):
                return m.start(), m.end()
    return None
