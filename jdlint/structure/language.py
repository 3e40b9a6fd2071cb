"""Language of an instruction: Russian, Lithuanian, or undetermined (JD003).

Script decides first (Cyrillic vs Latin letters); Lithuanian is then confirmed by its own
letters (ą č ę ė į š ų ū ž) or common Lithuanian words, and Polish letters Lithuanian never
uses (ł ż ś ó …) count against it, so an English or Polish text is not taken for Lithuanian.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat

from jdlint.core.model import Language

_LT_LETTERS = frozenset("ąčęėįšųūž")
_LT_WORDS = frozenset(
    "ir yra su kad arba pagal darbuotojas darbuotojo pareigas pareigybės funkcijas "
    "atsakomybė teisės įmonės bendrovės vadovas vadovo skyriaus".split()
)
# NOTE: below this share of the minority script a document is one language; above the upper
# bound it is "too mixed to tell" (JD003).
_MIXED = 0.35
# NOTE: counted in C, never char by char (profiled: 10 ms of a 4-page document). Each letter
# class is counted through a single-byte code page that holds it: the code page maps its
# characters to bytes one to one, so after dropping what it cannot hold and deleting every
# other byte, the length is the count. cp1251 holds [а-яА-ЯёЁ]; cp1257 holds the Lithuanian
# letters and the Polish ones Lithuanian never uses (Polish shares ą and ę with Lithuanian, so
# those two alone prove nothing).
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LITHUANIAN = "ąčęėįšųūž"
_POLISH = "łżśćńźó"


def _deleting_all_but(chars: str, codec: str) -> bytes:
    keep = chars.encode(codec)
    return bytes(b for b in range(256) if b not in keep)


_NOT_CYR_BYTES = _deleting_all_but(_CYRILLIC + _CYRILLIC.upper(), "cp1251")
_NOT_LAT_BYTES = _deleting_all_but("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                   "ascii")
_NOT_LT_BYTES = _deleting_all_but(_LITHUANIAN + _LITHUANIAN.upper(), "cp1257")
_NOT_POLISH_BYTES = _deleting_all_but(_POLISH + _POLISH.upper(), "cp1257")
# What is stripped off a whitespace-separated word before it is looked up in _LT_WORDS.
_WORD_EDGES = ".,;:()"


def _ascii_core(word: str) -> bytes:
    """The longest run of ASCII letters in ``word`` ("mon" of "įmonės")."""
    runs = "".join(ch if ch.isascii() else " " for ch in word).split()
    return max(runs, key=len).encode("ascii")


# NOTE: a cheap exact bound for ``lithuanian_words`` (issue 19): a word that counts holds its
# ASCII core in one piece, and an ASCII letter of ``text.lower()`` comes from an ASCII letter of
# ``text`` except for these two (KELVIN SIGN, I WITH DOT ABOVE); so without them, a text whose
# cp1257 bytes (Cyrillic dropped, ASCII kept in place) hold none of the cores, lower-cased, has
# none of the words. Russian text nearly always passes; Lithuanian text is counted.
_LT_CORES = tuple(sorted({_ascii_core(w) for w in _LT_WORDS}, key=len))
_TO_ASCII_LOWER = ("\u0130", "\u212a")

Scores = tuple[tuple[str, float], ...]


def detect(texts: Iterable[str]) -> tuple[Language | None, Scores]:
    """Return the language and the script/letter scores behind the decision."""
    return _detect("\n".join(texts))


# NOTE: an instruction is usually the whole file, so the structure layer asks again with the
# same text; the answer depends on the text alone.
@lru_cache(maxsize=2)
def _detect(joined: str) -> tuple[Language | None, Scores]:
    cyr = cyrillic_letters(joined)
    baltic = joined.encode("cp1257", "ignore")
    lt_letters = len(baltic.translate(None, _NOT_LT_BYTES))
    lat = latin_letters(joined) + lt_letters
    lt_words = _lithuanian_words(joined, baltic)
    foreign = len(baltic.translate(None, _NOT_POLISH_BYTES))
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


def cyrillic_letters(text: str) -> int:
    """How many letters of ``text`` are in [а-яА-ЯёЁ]."""
    return len(text.encode("cp1251", "ignore").translate(None, _NOT_CYR_BYTES))


def lithuanian_letters(text: str) -> int:
    """How many letters of ``text`` are in [ąčęėįšųūžĄČĘĖĮŠŲŪŽ]."""
    return len(text.encode("cp1257", "ignore").translate(None, _NOT_LT_BYTES))


def polish_letters(text: str) -> int:
    """How many letters of ``text`` are in [łżśćńźóŁŻŚĆŃŹÓ]."""
    return len(text.encode("cp1257", "ignore").translate(None, _NOT_POLISH_BYTES))


def latin_letters(text: str) -> int:
    """How many letters of ``text`` are in [A-Za-z]."""
    return len(text.encode("ascii", "ignore").translate(None, _NOT_LAT_BYTES))


def _lithuanian_words(text: str, baltic: bytes) -> int:
    """``lithuanian_words(text)``, given ``text.encode("cp1257", "ignore")``: 0 at once when
    the bound above shows no word can count."""
    if not any(ch in text for ch in _TO_ASCII_LOWER):
        lowered = baltic.lower()
        if not any(core in lowered for core in _LT_CORES):
            return 0
    return lithuanian_words(text)


def lithuanian_words(text: str) -> int:
    """How many whitespace-separated words of ``text`` are common Lithuanian words once
    ".,;:()" are stripped off their ends (case-insensitive)."""
    # NOTE: in C (map / filter) rather than a generator over every word of the file: this
    # runs on the whole document's text (issue 19)
    return len(list(filter(_LT_WORDS.__contains__,
                           map(str.strip, text.lower().split(), repeat(_WORD_EDGES)))))
