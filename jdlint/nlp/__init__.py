"""The NLP layer: tokens, lemmas and lemma-based phrase matching for Russian and Lithuanian.

Public API: ``tokens``, ``lemmas``, ``lemma``, ``phrase_matcher`` (and the ``Token``,
``Match``, ``PhraseMatcher`` types). Importing this package is cheap: pymorphy3 and the
Lithuanian lookup table are loaded on first use, once per process (``jdlint.nlp.russian``,
``jdlint.nlp.lithuanian``); spaCy is never imported (see ``jdlint.nlp.tokenize`` for why).

Lemmas are case-folded with ё → е. Word → lemma results are cached per process, so a batch
pays for each distinct word once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jdlint.nlp import lithuanian, russian
from jdlint.nlp.matcher import Match, PhraseMatcher
from jdlint.nlp.tokenize import Token, split
from jdlint.text import fold

__all__ = [
    "Match",
    "PhraseMatcher",
    "Token",
    "clear_caches",
    "lemma",
    "lemmas",
    "phrase_matcher",
    "tokens",
]

_LEMMATIZERS: dict[str, Callable[[str], str]] = {
    "ru": russian.lemma,
    "lt": lithuanian.lemma,
}


def _lemmatizer(lang: str) -> Callable[[str], str]:
    try:
        return _LEMMATIZERS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r} (ru, lt)") from None


def lemma(word: str, lang: str) -> str:
    """Lemma of one word ("штрафа" → "штраф", "baudų" → "bauda"), case-folded, ё → е."""
    return _lemmatizer(lang)(fold(word.strip()))


def tokens(text: str, lang: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with lemmas; offsets index ``text``."""
    lemmatize = _lemmatizer(lang)
    out: list[Token] = []
    append = out.append
    for piece, start, end, kind in split(text):
        lower = piece.lower()
        if kind == "word":
            append(Token(piece, lower, lemmatize(fold(piece)), start, end, True))
        elif kind == "abbrev":
            # NOTE: "т. д." and "т.д." are one abbreviation; spaces are dropped from the lemma.
            append(Token(piece, lower, fold(piece).replace(" ", ""), start, end, True))
        else:
            append(Token(piece, lower, fold(piece), start, end, False))
    return tuple(out)


def lemmas(text: str, lang: str) -> tuple[str, ...]:
    """Lemmas of the words of ``text`` (abbreviations included, numbers and punctuation not)."""
    lemmatize = _lemmatizer(lang)
    return tuple(
        lemmatize(fold(piece)) if kind == "word" else fold(piece).replace(" ", "")
        for piece, _start, _end, kind in split(text)
        if kind == "word" or kind == "abbrev"
    )


def phrase_matcher(phrases: Iterable[str], lang: str) -> PhraseMatcher:
    """A matcher for ``phrases`` (see ``jdlint.nlp.matcher``); build once per rule set."""
    _lemmatizer(lang)
    return PhraseMatcher(phrases, lang, tokens)


def clear_caches() -> None:
    """Forget every cached word → lemma (tests, or after editing an override table)."""
    from jdlint.nlp.resources import overrides

    russian.lemma.cache_clear()
    lithuanian.lemma.cache_clear()
    overrides.cache_clear()
