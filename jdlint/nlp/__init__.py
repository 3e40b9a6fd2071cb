"""The NLP layer: tokens, lemmas and lemma-based phrase matching for Russian and Lithuanian.

Public API: ``tokens``, ``lemmas``, ``lemma``, ``phrase_matcher``, ``set_tokenizer``,
``tokenizer`` (and the ``Token``, ``Match``, ``PhraseMatcher`` types). Importing this package
is cheap: pymorphy3 and the Lithuanian lookup table are loaded on first use, once per process
(``jdlint.nlp.russian``, ``jdlint.nlp.lithuanian``).

Two tokenizer backends cut the text, the lemmatisers are the same for both:

* "regex" (default, ``jdlint.nlp.tokenize``): no set-up; spaCy is never imported;
* "spacy" (``jdlint.nlp.spacy_backend``): spaCy's blank "ru" / "lt" tokenizers, tuned to the
  same token definition; ``import spacy`` + ``spacy.blank`` cost ~0.9 s once per process,
  which alone would spend the 1 s cold budget of a one-file ``jdlint check``. spaCy is the
  optional extra ``jdlint[spacy]``; choosing this backend without it is a ``ValueError``
  that names the extra.

The backend is ``set_tokenizer("regex" | "spacy")``, else ``$JDLINT_TOKENIZER`` (read once, on
first use), else "regex". It is per process: worker processes are forked and inherit it.

Lemmas are case-folded with ё → е. Word → lemma results are cached per process, so a batch
pays for each distinct word once; so are the tokens of recently seen texts (bounded), so a
line repeated across the files of a batch is tokenised once.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

from jdlint.core.text import fold
from jdlint.nlp import lithuanian, matcher, russian
from jdlint.nlp.disguise import clean, may_hide, suspect
from jdlint.nlp.matcher import Match, PhraseMatcher
from jdlint.nlp.tokenize import Token, TokenKind, make, pattern, split

__all__ = [
    "Match",
    "PhraseMatcher",
    "Token",
    "clear_caches",
    "fragment",
    "known",
    "lemma",
    "lemmas",
    "moved_tokens",
    "phrase_matcher",
    "set_tokenizer",
    "tokenizer",
    "tokens",
]

TOKENIZERS = ("regex", "spacy")
ENV_VAR = "JDLINT_TOKENIZER"

_tokenizer: str | None = None

_LEMMATIZERS: dict[str, Callable[[str], str]] = {
    "ru": russian.lemma,
    "lt": lithuanian.lemma,
}


def _lemmatizer(lang: str) -> Callable[[str], str]:
    try:
        return _LEMMATIZERS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r} (ru, lt)") from None


def _checked(name: str, source: str) -> str:
    value = name.strip().lower()
    if value not in TOKENIZERS:
        raise ValueError(f"{source}: unknown tokenizer {name!r} (regex, spacy)")
    if value == "spacy":
        from jdlint.nlp import spacy_backend

        # NOTE: spaCy is an extra; said here, once, rather than as an ImportError in a rule.
        if not spacy_backend.available():
            raise ValueError(f"{source}: {spacy_backend.MISSING}")
    return value


def set_tokenizer(name: str) -> None:
    """Use the "regex" or the "spacy" tokenizer backend in this process from now on.

    Token tuples cached by callers (``jdlint.checklib.matching``) are not cleared: choose the
    backend before linting.
    """
    global _tokenizer
    _tokenizer = _checked(name, "set_tokenizer")
    _clear_texts()  # NOTE: this module's own text cache follows the backend


def tokenizer() -> str:
    """The backend in use: set by ``set_tokenizer``, else ``$JDLINT_TOKENIZER``, else "regex"."""
    global _tokenizer
    if _tokenizer is None:
        _tokenizer = _checked(os.environ.get(ENV_VAR) or "regex", ENV_VAR)
    return _tokenizer


def _split(text: str, lang: str) -> Iterator[tuple[str, int, int, TokenKind]]:
    if (_tokenizer or tokenizer()) == "spacy":
        from jdlint.nlp import spacy_backend

        return spacy_backend.split(text, lang)
    return split(text)


def lemma(word: str, lang: str) -> str:
    """Lemma of one word ("штрафа" → "штраф", "baudų" → "bauda"), case-folded, ё → е."""
    return _lemmatizer(lang)(fold(word.strip()))


# NOTE: a document repeats its words, and a batch its vocabulary: each distinct piece is
# lower-cased, folded and looked up in the lemmatiser's LRU once per process, then one dict
# lookup gives both (issue 19: fold + lower + the LRU call were ~40 % of tokenising). Keyed
# by language for words, by kind for the rest (their lemma does not depend on the language).
# Bounded by emptying: a cleared cache only costs recomputation.
WORD_CACHE_SIZE = 1 << 16
_WORDS: dict[str, dict[str, tuple[str, str]]] = {lang: {} for lang in _LEMMATIZERS}
_OTHERS: dict[str, dict[str, tuple[str, str]]] = {
    kind: {} for kind in ("abbrev", "number", "url", "punct")}


def _word(piece: str, lang: str, hides: bool) -> tuple[str, str]:
    """(lower, lemma) of a word piece; a disguised word ("штр\u200bаф", "штpaф") is
    lemmatised as it imitates, its text and offsets stay as written."""
    if hides and suspect(piece):
        return piece.lower(), _LEMMATIZERS[lang](fold(clean(piece)))
    words = _WORDS[lang]
    found = words.get(piece)
    if found is None:
        if len(words) >= WORD_CACHE_SIZE:
            words.clear()
        found = words[piece] = (piece.lower(), _LEMMATIZERS[lang](fold(piece)))
    return found


def _other(piece: str, kind: str) -> tuple[str, str]:
    """(lower, lemma) of a piece that is not a word."""
    cache = _OTHERS[kind]
    found = cache.get(piece)
    if found is None:
        if len(cache) >= WORD_CACHE_SIZE:
            cache.clear()
        # NOTE: "т. д." and "т.д." are one abbreviation; spaces are dropped from the lemma.
        lemma_ = fold(piece).replace(" ", "") if kind == "abbrev" else fold(piece)
        found = cache[piece] = (piece.lower(), lemma_)
    return found


# NOTE: the tokens of a text are kept across the files of a batch, least recently used
# evicted first (issue 19): files of one batch repeat whole lines (headings, standard
# clauses, one instruction as DOCX and as text). On the 100 generated files of bench and on
# the 171 real ones of the shared set, 62 % and 73 % of the texts tokenised per file had been
# tokenised for an earlier file. Bounded by the tokens held (~200 bytes each with their
# texts, so ~13 MB at most); a text longer than 1/16 of the bound is not kept.
TEXT_CACHE_TOKENS = 1 << 16
_TEXTS: OrderedDict[tuple[str, str], tuple[Token, ...]] = OrderedDict()
_held = 0


def _clear_texts() -> None:
    global _held, _moved_held
    _TEXTS.clear()
    _held = 0
    _MOVED.clear()
    _moved_held = 0


# NOTE: a TXT block keeps its typed number ("2.1. Вести учёт"), so the whole text is new in
# most files while its tail recurs with a number of the same length ("3.1. "): the tail's
# tokens moved by the number's length are kept across the batch too (issue 19: on the 100
# generated files of bench, 69 % of the numbered texts tokenised per file). Exact: a
# function of the tail's tokens, which this module's caches hold, and of the shift; cleared
# with them. Bounded like ``_TEXTS``, least recently used evicted first.
MOVED_CACHE_TOKENS = 1 << 15
_MOVED: OrderedDict[tuple[str, str, int], tuple[Token, ...]] = OrderedDict()
_moved_held = 0


def moved_tokens(tail: str, lang: str, shift: int,
                 build: Callable[[], tuple[Token, ...]]) -> tuple[Token, ...]:
    """``tokens(tail, lang)`` with every offset moved by ``shift``: ``build()``'s answer, which
    must be that, kept across the batch (see ``MOVED_CACHE_TOKENS``)."""
    global _moved_held
    key = (tail, lang, shift)
    found = _recall(_MOVED, key)
    if found is None:
        found = build()
        _moved_held = _hold(_MOVED, key, found, _moved_held, MOVED_CACHE_TOKENS)
    return found


def tokens(text: str, lang: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with lemmas; offsets index ``text``."""
    global _held
    key = (text, lang)
    found = _recall(_TEXTS, key)
    if found is None:
        found = _tokens(text, lang)
        _held = _hold(_TEXTS, key, found, _held, TEXT_CACHE_TOKENS)
    return found


_Key = TypeVar("_Key", tuple[str, str], tuple[str, str, int])


def _recall(cache: OrderedDict[_Key, tuple[Token, ...]], key: _Key) -> tuple[Token, ...] | None:
    """A batch cache's entry, refreshed as the most recently used; None when it has none."""
    found = cache.get(key)
    if found is not None:
        try:
            cache.move_to_end(key)
        except KeyError:  # NOTE: evicted by another thread since: simply not refreshed
            pass
    return found


def _hold(cache: OrderedDict[_Key, tuple[Token, ...]], key: _Key, found: tuple[Token, ...],
          held: int, bound: int) -> int:
    """Keep ``found`` in a batch cache bounded by ``bound`` tokens (a text longer than 1/16 of
    it is not kept), least recently used out first; the tokens held afterwards."""
    size = len(found)
    if size <= bound >> 4 and key not in cache:
        cache[key] = found
        held += size
        while held > bound and cache:
            try:
                held -= len(cache.popitem(last=False)[1])
            except KeyError:  # NOTE: emptied by another thread meanwhile
                break
    return held


def _tokens(text: str, lang: str) -> tuple[Token, ...]:
    """``tokens`` without the text cache."""
    words = _WORDS.get(lang)
    if words is None:
        _lemmatizer(lang)  # NOTE: raises the ValueError naming the languages
        raise AssertionError(lang)
    out: list[Token] = []
    append = out.append
    hides = may_hide(text)  # NOTE: one search of the text instead of one per word
    if (_tokenizer or tokenizer()) == "spacy":
        for piece, start, end, kind in _split(text, lang):
            if kind == "word":
                lower, lemma_ = _word(piece, lang, hides)
            else:
                lower, lemma_ = _other(piece, kind)
            append(make(Token, (piece, lower, lemma_, start, end,
                                kind == "word" or kind == "abbrev")))
        return tuple(out)
    # NOTE: the regex backend's matches are read here rather than through ``split``: the
    # generator and its tuples were ~15 % of tokenising (issue 19). Same pieces, same kinds.
    for m in pattern(text).finditer(text):
        piece = m.group()
        group = m.lastgroup
        start, end = m.span()
        if group == "word":
            found = None if hides else words.get(piece)
            if found is None:
                found = _word(piece, lang, hides)
            append(make(Token, (piece, found[0], found[1], start, end, True)))
        else:
            lower, lemma_ = _other(piece, group)  # type: ignore[arg-type]
            append(make(Token, (piece, lower, lemma_, start, end, group == "abbrev")))
    return tuple(out)


def lemmas(text: str, lang: str) -> tuple[str, ...]:
    """Lemmas of the words of ``text`` (abbreviations included, numbers and punctuation not)."""
    lemmatize = _lemmatizer(lang)
    hides = may_hide(text)
    return tuple(
        lemmatize(fold(clean(piece) if hides and suspect(piece) else piece)) if kind == "word"
        else fold(piece).replace(" ", "")
        for piece, _start, _end, kind in _split(text, lang)
        if kind == "word" or kind == "abbrev"
    )


def known(word: str, lang: str) -> bool:
    """Whether ``word`` is a form the language's dictionary knows (pymorphy3 for Russian, the
    lemma table for Lithuanian)."""
    folded = fold(word)
    if lang == "lt":
        return folded in lithuanian.table().forms
    return russian.known(folded)


@lru_cache(maxsize=256)
def fragment(word: str, lang: str) -> bool:
    """Whether ``word`` is the start of a word cut in the middle ("назначенн", "numerėl"): no
    dictionary form itself, but the beginning of one. A word merely missing from the
    dictionary (a trade term, a typo) is not a fragment."""
    folded = fold(word)
    if len(folded) < 2 or known(folded, lang):
        return False
    if lang == "lt":
        return any(form.startswith(folded) for form in lithuanian.table().forms)
    return russian.begins_known(folded)


def phrase_matcher(phrases: Iterable[str], lang: str) -> PhraseMatcher:
    """A matcher for ``phrases`` (see ``jdlint.nlp.matcher``); build once per rule set."""
    _lemmatizer(lang)
    return PhraseMatcher(phrases, lang, tokens)


def clear_caches() -> None:
    """Forget every cached word → lemma (tests, or after editing an override table)."""
    from jdlint.nlp.resources import overrides

    russian.lemma.cache_clear()
    lithuanian.lemma.cache_clear()
    for cache in (*_WORDS.values(), *_OTHERS.values()):
        cache.clear()
    _clear_texts()
    matcher.forget_texts()
    overrides.cache_clear()
