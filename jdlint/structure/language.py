"""Language of an instruction: Russian, Lithuanian, or undetermined (JD003).

Script decides first (Cyrillic vs Latin letters); Lithuanian is then confirmed by its own
letters (ą č ę ė į š ų ū ž) or common Lithuanian words, and Polish letters Lithuanian never
uses (ł ż ś ó …) count against it, so an English or Polish text is not taken for Lithuanian.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jdlint.core.model import Language

_LT_LETTERS = frozenset("ąčęėįšųūž")
_LT_WORDS = frozenset(
    "ir yra su kad arba pagal darbuotojas darbuotojo pareigas pareigybės funkcijas "
    "atsakomybė teisės įmonės bendrovės vadovas vadovo skyriaus".split()
)
# NOTE: below this share of the minority script a document is one language; above the upper
# bound it is "too mixed to tell" (JD003).
_MIXED = 0.35
# NOTE: counted by regex in C, not char by char (profiled: 10 ms of a 4-page document).
_CYR = re.compile("[а-яА-ЯёЁ]")
_LAT = re.compile("[A-Za-z]")
_LT = re.compile("[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]")
# Letters of Polish (and other Latin-script neighbours) that Lithuanian never uses: Polish
# shares ą and ę with Lithuanian, so those two alone prove nothing.
_NOT_LT = re.compile("[łżśćńźóŁŻŚĆŃŹÓ]")
# A whitespace-separated word that is one of _LT_WORDS once ".,;:()" are stripped off its ends.
_LT_WORD = re.compile(r"(?<!\S)[.,;:()]*(?:" + "|".join(sorted(_LT_WORDS, key=len, reverse=True))
                      + r")[.,;:()]*(?!\S)")


def detect(texts: Iterable[str]) -> tuple[Language | None, tuple[tuple[str, float], ...]]:
    """Return the language and the script/letter scores behind the decision."""
    joined = "\n".join(texts)
    cyr = len(_CYR.findall(joined))
    lt_letters = len(_LT.findall(joined))
    lat = len(_LAT.findall(joined)) + lt_letters
    lt_words = len(_LT_WORD.findall(joined.lower()))
    foreign = len(_NOT_LT.findall(joined))
    letters = cyr + lat
    if letters < 20:
        return None, (("letters", float(letters)),)
    cyr_share = cyr / letters
    lt_share = lt_letters / max(lat, 1)
    scores = (("cyrillic", round(cyr_share, 3)), ("lithuanian_letters", round(lt_share, 4)),
              ("lithuanian_words", float(lt_words)))
    if cyr_share >= 1 - _MIXED:
        return "ru", scores
    if cyr_share <= _MIXED and (lt_share >= 0.004 or lt_words >= 3) and (
        foreign * 2 < lt_letters or lt_words >= 3
    ):
        return "lt", scores
    return None, scores
