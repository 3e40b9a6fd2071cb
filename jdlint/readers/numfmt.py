"""Word's number formats and list-label pieces: a counter in a ``numFmt`` ("IV", "в", "05"),
the glyphs of Symbol-font bullets, and a level text cut into literal pieces and level
references ("%1.%2." → "", 0, ".", 1, "."), and a label drawn from such a plan and the
counters. Shared by the DOCX and ODT numbering readers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jdlint.core.errors import InputError

__all__ = ["MAX_COUNTER", "MAX_LABEL", "MAX_LEVELS", "PUA_GLYPHS", "RUSSIAN_LOWER", "Plan",
           "bullet_glyph", "fill", "format_number", "template"]

MAX_COUNTER = 32767  # the largest w:start Word accepts
MAX_LEVELS = 9  # w:ilvl 0-8
MAX_LABEL = 256  # characters of one rendered label ("2.3.", "а)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

# NOTE: Word draws bullets from the Symbol/Wingdings fonts with private-use code points; a
# reader that copies them verbatim produces "\uf0b7". These are the glyphs the fonts show.
PUA_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓"}

# NOTE: russianLower skips ё, й, ъ, ь (29 letters; ы is kept). Source: LibreOffice i18npool
# defaultnumberingprovider.cxx, table_CyrillicLowerLetter_ru, which its DOCX import maps
# russianLower to (writerfilter ConversionHelper: CHARS_CYRILLIC_LOWER_LETTER_RU). Word was
# not available to confirm; ы is the only letter on which sources disagree.
RUSSIAN_LOWER = "абвгдежзиклмнопрстуфхцчшщыэюя"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _letters(n: int, alphabet: str) -> str:
    # NOTE: Word's alphabetic formats repeat the letter after the alphabet runs out:
    # a..z, aa..zz, aaa.. (not the spreadsheet-style aa, ab). Word's counters stop at 32767;
    # beyond that (a hostile w:start) the number is shown in digits, never as a letter
    # repeated a million times.
    if n <= 0 or n > MAX_COUNTER:
        return str(n)
    count = len(alphabet)
    return alphabet[(n - 1) % count] * ((n - 1) // count + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out: list[str] = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """Render counter value ``n`` in an OOXML ``numFmt`` (unknown formats fall back to decimal)."""
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "russianLower":
        return _letters(n, RUSSIAN_LOWER)
    if fmt == "russianUpper":
        return _letters(n, RUSSIAN_LOWER.upper())
    if fmt == "none":
        return ""
    return str(n)


def bullet_glyph(text: str) -> str:
    """Map Symbol-font private-use characters of a bullet to the glyphs Word shows."""
    if _PRIVATE_USE.search(text) is None:
        return text  # NOTE: nearly every label (issue 19)
    out = []
    for ch in text:
        if "\ue000" <= ch <= "\uf8ff":
            # NOTE: an unknown private-use bullet is still a bullet: show the generic one.
            out.append(PUA_GLYPHS.get(ch, "•"))
        else:
            out.append(ch)
    return "".join(out)


# NOTE: cut once per level text, not per paragraph (issue 19); "%²" / "%١" stay literal.
_LEVEL_REF = re.compile(r"%([0-9])")


@lru_cache(maxsize=1024)
def template(text: str) -> tuple[str | int, ...]:
    """A level text as literal pieces and 0-based level references."""
    out: list[str | int] = []
    for n, part in enumerate(_LEVEL_REF.split(text)):
        if n % 2 == 0:
            if part:
                out.append(part)
        elif 0 <= int(part) - 1 < MAX_LEVELS:
            out.append(int(part) - 1)
    return tuple(out)


# A level's label as literal pieces (bullet glyphs already mapped) and (level, start, format)
# references; a string or None: the same label every time.
Plan = str | None | tuple[str | tuple[int, int, str], ...]


def fill(plan: Plan, counters: list[int | None]) -> str | None:
    """The label ``plan`` (``NumberingState``'s plan of a level) draws with ``counters``."""
    if not isinstance(plan, tuple):
        return plan  # no text, or a bullet: the same label every time
    out: list[str] = []
    for part in plan:
        if isinstance(part, str):
            out.append(part)
        else:
            k, start, fmt = part
            value = counters[k]
            value = start if value is None else value
            out.append(str(value) if fmt == "decimal" else format_number(value, fmt))
    # NOTE: the literal pieces are ``bullet_glyph``'d in the plan: it maps character by
    # character and no number format draws a private-use character
    label = "".join(out).strip()
    if len(label) > MAX_LABEL:
        # NOTE: 255 characters of "%1%1…" with letter counters near 32767 make 160,000
        # characters per paragraph; real labels are under twenty.
        raise InputError(f"numbering label has {len(label):,} characters (limit {MAX_LABEL})")
    return label or None
