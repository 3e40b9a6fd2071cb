"""Words disguised with invisible characters or look-alike letters, read as what they imitate.

A fine can hide from a phrase rule as "штр\u200bаф" (a zero-width space), "штра\u0301ф" (a
stress mark), "ш\u2066траф" (a bidi isolate) or "штpaф" (Latin p and a). This module owns:

* ``GLUE``: the characters that may stand inside a word without changing it — format
  characters (Unicode category Cf: soft hyphen, zero-width and bidi controls, word joiner,
  invisible operators, U+180E), the combining grapheme joiner, variation selectors and the
  combining marks left after NFC (a stress mark on a Russian vowel; й, ё, ą, č, ė … are
  composed first, so they stay letters);
* ``clean(word)``: the word as it imitates: NFC, glue removed, and in a word of mixed scripts
  each hyphen-separated part mapped to its main script by ``rules/lang/lookalikes.yaml``
  ("IT-отдел" has two single-script parts and is left alone);
* ``disguise(word)``: why a word was disguised ("invisible", "lookalike"), or None. A soft
  hyphen alone is ordinary hyphenation and is not a disguise;
* ``may_hide(text)``: the cheap test of a whole text, and ``hiding(texts)``: which of a
  document's blocks it says yes to, each text's answer kept across a batch.

The tokenizer keeps such a word one token with its offsets into the original text, and the
lemma is taken from ``clean``; so every phrase rule sees the word, and locations, excerpts
and Word comments still point at the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Final

from jdlint.nlp.resources import rules_dir

__all__ = ["GLUE", "clean", "disguise", "hiding", "may_hide", "suspect"]

# NOTE: a regex character class (no brackets) used inside the tokenizer's word pattern.
GLUE: Final = (r"\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F"
               r"\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0"
               r"\u0300-\u036F\U000E0000-\U000E007F\U000E0100-\U000E01EF")
_GLUE_RE: Final = re.compile(f"[{GLUE}]")
_SOFT_HYPHEN: Final = "\u00ad"
# NOTE: the scripts of a suspect word's parts and the suspect test itself are needed only
# after ``may_hide`` said yes, which most documents never do: they are compiled on first use
# (re's own cache, ``_suspect``), ~1.7 ms of a cold check (issue 19).
_CYRILLIC: Final = r"[а-яёА-ЯЁіІ]"
_LATIN: Final = r"[a-zA-Ząčęėįšųūž]"
_GREEK: Final = r"[α-ωΑ-Ω]"
_CYRILLIC_ONLY: Final = re.compile(r"[а-яёА-ЯЁ]")
_SUSPECT: Final = f"[{GLUE}]|[а-яёА-ЯЁ][^-]*[a-zA-Zα-ωΑ-Ω]|[a-zA-Zα-ωΑ-Ω][^-]*[а-яёА-ЯЁ]"


@cache
def _suspect() -> re.Pattern[str]:
    return re.compile(_SUSPECT)


# NOTE: ``suspect`` of every word at once: glue, or two scripts inside one run of word
# characters ("штpaф"). A text without either holds no suspect word, so its tokens need not be
# looked at one by one.
_MIXED_RUN: Final = re.compile(
    r"[а-яёА-ЯЁ][\w'’]*[a-zA-Zα-ωΑ-Ω]|[a-zA-Zα-ωΑ-Ω][\w'’]*[а-яёА-ЯЁ]")


# NOTE: a mixed run needs a Cyrillic letter and a Latin or Greek one somewhere in the text;
# most blocks are in one script, and these two scans in C are much cheaper than _MIXED_RUN,
# which backtracks over every word (issue 19: may_hide was ~5 % of a document's CPU).
_ANY_OTHER: Final = re.compile(r"[a-zA-Zα-ωΑ-Ω]")


def may_hide(text: str) -> bool:
    """Cheap test of a whole text: could any of its words be disguised?"""
    if _GLUE_RE.search(text) is not None:
        return True
    return (_CYRILLIC_ONLY.search(text) is not None and _ANY_OTHER.search(text) is not None
            and _MIXED_RUN.search(text) is not None)


# NOTE: ``hiding``'s answers per text, kept across the files of a batch (see ``hiding``);
# bounded in characters by emptying (recomputing is all it costs): ~2 MB of text at most.
HIDING_CHARS = 1 << 20
_HIDING_TEXT = 1000  # NOTE: a longer text is tested each time
_HIDING: dict[str, bool] = {}
_NUMBER_HEAD = "0123456789 .)\t\u00a0"
_hiding_chars = 0


def hiding(texts: Sequence[str]) -> list[int]:
    """The indices of ``texts`` that ``may_hide``, ascending (what testing each gives).

    Each text's answer is kept across the files of a batch (issue 19: ~150 blocks a document
    were scanned three times each, and a batch repeats about half of its block texts); the
    answer depends on the text alone.
    """
    global _hiding_chars
    kept = _HIDING
    out: list[int] = []
    for n, text in enumerate(texts):
        # NOTE: a typed clause number ("2.1. ") holds no letter and no glue, so no search of
        # ``may_hide`` finds anything in it, and none of their matches (each starts at a
        # letter or is one glue character) starts there: the text without it gets the same
        # answer. Keyed by the rest, which recurs across a batch while the numbered text
        # (a TXT line) is new in most files.
        key = text.lstrip(_NUMBER_HEAD)
        found = kept.get(key)
        if found is None:
            found = may_hide(key)
            if len(key) <= _HIDING_TEXT:
                if _hiding_chars + len(key) > HIDING_CHARS:
                    kept.clear()
                    _hiding_chars = 0
                kept[key] = found
                _hiding_chars += len(key)
        if found:
            out.append(n)
    return out


def suspect(word: str) -> bool:
    """Cheap test: could ``word`` be disguised (glue inside, or two scripts in one part)?"""
    return _suspect().search(word) is not None


@cache
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    import yaml  # NOTE: only a disguised word needs the table; importing jdlint.nlp stays cheap

    data = yaml.safe_load((rules_dir() / "lang" / "lookalikes.yaml").read_text(encoding="utf-8"))
    return ({ord(k): v for k, v in data["to_cyrillic"].items()},
            {ord(k): v for k, v in data["to_latin"].items()})


def _part(part: str) -> str:
    cyrillic = len(re.findall(_CYRILLIC, part))
    other = len(re.findall(_LATIN, part)) + len(re.findall(_GREEK, part))
    if not cyrillic or not other:
        return part
    to_cyrillic, to_latin = _tables()
    return part.translate(to_cyrillic if cyrillic >= other else to_latin)


@lru_cache(maxsize=4096)
def clean(word: str) -> str:
    """``word`` as it imitates (see the module docstring); ``word`` itself when not disguised."""
    if not suspect(word):
        return word
    text = _GLUE_RE.sub("", unicodedata.normalize("NFC", word))
    return "-".join(_part(p) for p in text.split("-"))


def disguise(word: str) -> str | None:
    """"invisible" or "lookalike" when ``word`` hides another word, else None."""
    if not suspect(word):
        return None
    composed = unicodedata.normalize("NFC", word)
    if _GLUE_RE.sub("", composed.replace(_SOFT_HYPHEN, "")) != composed.replace(_SOFT_HYPHEN, ""):
        return "invisible"
    plain = _GLUE_RE.sub("", composed)
    return "lookalike" if clean(word) != plain else None
