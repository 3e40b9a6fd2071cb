"""Text normalisation shared by the readers and the rules: one place decides what a
"character" is, so offsets found in normalised text can be mapped back to the raw text."""

from __future__ import annotations

import re
import unicodedata

# NOTE: soft hyphen, zero-width characters and BOM are invisible in Word; dropping them keeps
# "обязан\u00adности" equal to "обязанности" for every rule.
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u3000"), " ")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WS = re.compile(r"[ \t]+")


def normalize(raw: str) -> str:
    """Normalise one block of text: NFC, spaces unified, invisible and control chars removed.

    Tabs become spaces and runs of spaces collapse to one; leading/trailing spaces are kept
    out. Line breaks are not expected inside a block (readers split on them).
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.translate(_DROP).translate(_SPACES)
    # NOTE: \x1f is Word's optional hyphen in old files: removing it rejoins the word.
    text = _CONTROL.sub("", text.replace("\t", " "))
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case- and ё-folded form for comparisons ("Ёлка" → "елка")."""
    return text.casefold().replace("ё", "е")
