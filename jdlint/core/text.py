"""Text normalisation shared by the readers, the structure layer and the rules: one place
decides what a character, a word and a (light) stem are."""

from __future__ import annotations

import re
import unicodedata

# NOTE: soft hyphen, zero-width characters and BOM are invisible in Word; dropping them keeps
# "обязан\u00adности" equal to "обязанности" for every rule.
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u3000"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WS = re.compile(r"[ \t]+")
_ODD = re.compile("[" + "".join(map(chr, {**_DROP, **_SPACES})) + "]")


def normalize(raw: str) -> str:
    """Normalise one block of text: NFC, spaces unified, invisible and control chars removed.

    Tabs become spaces and runs of spaces collapse to one; leading/trailing spaces are kept
    out. Line breaks are not expected inside a block (readers split on them).
    """
    # NOTE: each step runs only when a cheap check shows it would change something; on
    # Cyrillic text str.translate is the most expensive part of reading a TXT file.
    text = raw if raw.isascii() else unicodedata.normalize("NFC", raw)
    if _ODD.search(text):
        text = text.translate(_DROP).translate(_SPACES)
    if "\t" in text:
        text = text.replace("\t", " ")
    if _CONTROL.search(text):
        # NOTE: \x1f is Word's optional hyphen in old files: removing it rejoins the word.
        text = _CONTROL.sub("", text)
    if "  " in text:
        text = _WS.sub(" ", text)
    return text.strip()


def fold(text: str) -> str:
    """Case- and ё-folded form for comparisons ("Ёлка" → "елка")."""
    return text.casefold().replace("ё", "е")


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

# NOTE: a deliberately small inflection stripper for recognising headings and markers
# ("обязанности" = "обязанностей", "funkcijos" = "funkcijas"); the NLP layer (pymorphy3,
# Lithuanian lookup) does real lemmatisation for the rules. Longest endings first.
_ENDINGS = sorted(
    {
        # Russian noun/adjective/participle endings
        "ями",
        "ами",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "иях",
        "ах",
        "ях",
        "ов",
        "ев",
        "ей",
        "ий",
        "ый",
        "ой",
        "ая",
        "яя",
        "ое",
        "ее",
        "ие",
        "ые",
        "ым",
        "им",
        "ых",
        "их",
        "ую",
        "юю",
        "ом",
        "ем",
        "а",
        "я",
        "о",
        "е",
        "и",
        "ы",
        "у",
        "ю",
        "ь",
        "й",
        # Lithuanian endings
        "iuose",
        "uose",
        "iams",
        "ioms",
        "iems",
        "ėms",
        "ams",
        "oms",
        "ims",
        "ose",
        "ėse",
        "iaus",
        "ius",
        "iai",
        "ių",
        "ios",
        "ią",
        "io",
        "ės",
        "es",
        "as",
        "is",
        "ys",
        "us",
        "ai",
        "ei",
        "os",
        "ą",
        "ę",
        "į",
        "ų",
        "ū",
        "ė",
        "u",
        "y",
    },
    key=len,
    reverse=True,
)


def words(text: str) -> list[str]:
    """Folded words of a text (letters and inner hyphens only)."""
    return _WORD.findall(fold(text))


def light_stem(word: str) -> str:
    """Strip one inflectional ending, keeping at least four letters of stem."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def stems(text: str) -> list[str]:
    """Light stems of the words of a text, in order."""
    return [light_stem(w) for w in words(text)]


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str, *, any_case: bool = False) -> int | None:
    """"IV" (or "IV.") → 4: a Roman numeral up to C; None when ``text`` is not one.

    Lower case ("iv") counts only with ``any_case``: a lower-case "c" or "v" is far more often
    a list letter than a numeral. The one parser of the package: clause markers, chapter
    headings and the numbering check all read numerals here."""
    text = text.strip().rstrip(".")
    if any_case:
        text = text.upper()
    total, prev = 0, 0
    for ch in reversed(text):
        value = _ROMAN_DIGITS.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def comma_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept both "--select JD1 --select JD2" and "--select JD1,JD2" (a repeated option)."""
    return tuple(part.strip() for v in values for part in v.split(",") if part.strip())
