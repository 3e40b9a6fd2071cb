"""The spaCy tokenizer backend: ``spacy.blank("ru")`` / ``spacy.blank("lt")`` tokenizers (no
model, nothing downloaded: the blank pipelines ship with spaCy), tuned to cut text where
``jdlint.nlp.tokenize`` does, so both backends give the rules the same tokens.

Owns the per-process pipelines (one per language, created, and spaCy imported, on first use)
and ``split(text, lang)``, which yields the same ``(text, start, end, kind)`` spans as
``jdlint.nlp.tokenize.split``. Chosen with ``jdlint.nlp.set_tokenizer("spacy")`` or
``JDLINT_TOKENIZER=spacy``; the regex stays the default because ``import spacy`` +
``spacy.blank`` cost ~0.9 s per process (figures in ``jdlint.nlp.tokenize``). spaCy is not a
dependency of the default install (with thinc, blis, numpy and pydantic it is ~250 MB) but
the extra ``jdlint[spacy]``: ``available`` tells whether it is installed without importing it.

What is changed in spaCy's blank tokenizer, and why (each is a case where spaCy's default
rules and jdlint's token definition differ; the rules' phrases and lemmas rely on the latter):

* special cases: spaCy's own exceptions (emoticons, "°C.", month abbreviations) are replaced
  by jdlint's abbreviation list (``tokenize.SINGLE_ABBREVIATIONS``, ``MULTI_ABBREVIATIONS``)
  in lower, Title and UPPER case, and "Ф.И.О." → "Ф." + "И.О." (a form in every signature
  block; the regex finds the listed "и.о." inside it);
* ``token_match``: a whole word ("инженер-программист", "COVID-19", "E-mail"), a number with
  separators ("2.3.1", "0,5") or a single-letter abbreviation ("п.", "Д.") stays one token
  before any affix or infix is tried — spaCy's default infixes cut hyphenated words, and its
  suffixes take the dot off "п.";
* infixes: spaCy's are replaced by two rules: every punctuation mark inside a leftover chunk
  is a token ("ознакомлен(а", "4-ОД", "1–3", "/____/", "i.SAF"; spaCy keeps these whole, and
  its letter-hyphen-letter infix cuts "водителя-курьера"), but not a dot ending an initial
  or between digits; and a boundary after an initial ("Д.А." → "Д." + "А.", "п.2.3" → "п." + "2.3");
* prefixes and suffixes: spaCy's, except that "..." is three dots (three sentence stops for
  the phrase matcher, as in the regex) and "+" is cut off before a digit too ("+7");
* a post-merge step joins abbreviations written with a space ("т. д.", "t. y."): spaCy splits
  on spaces before any rule runs, so no tokenizer rule can keep them together.

Token kinds come from ``jdlint.nlp.tokenize.kind`` (one definition for both backends); the
equivalence over ``corpus/src`` is tested in ``tests/test_nlp_spacy.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jdlint.nlp.disguise import GLUE
from jdlint.nlp.tokenize import (
    MULTI_ABBREVIATIONS,
    NUMBER,
    SINGLE_ABBREVIATIONS,
    WORD,
    TokenKind,
    kind,
)

LANGS = ("ru", "lt")
MISSING = "the spaCy tokenizer needs spaCy, an optional extra: pip install 'jdlint[spacy]'"

_pipelines: dict[str, Any] = {}

_TOKEN_MATCH = re.compile(rf"(?:{WORD}|{NUMBER}|[^\W\d_]\.)\Z")
_INITIAL_END = r"(?<=(?<![^\W_])[^\W\d_]\.)(?=[^\W_])"
# NOTE: every punctuation mark but the dot, and the dot when it does not end an initial or
# sit between digits; "_" is a word character for regexes but punctuation for jdlint.
_PUNCT_INFIX = r"[^\w\s.]|_|(?<!(?<![^\W_])[^\W\d_])(?<!\d(?=\.\d))\."
# NOTE: "ФИО" written with dots: the regex reads the listed "и.о." inside it.
_SPLIT_SPECIALS = {"Ф.И.О.": ("Ф.", "И.О."), "ф.и.о.": ("ф.", "и.о.")}
# NOTE: "..." is three stops for the regex (and for the phrase matcher), one token for spaCy;
# "+" before a digit is cut off ("+7") as the regex does.
_ELLIPSIS = r"\.\.+"
_PREFIX_FIX = {_ELLIPSIS: "", r"\+(?![0-9])": r"\+"}
_MULTI_RE = re.compile(
    "|".join(r"\.\s?".join(map(re.escape, a.split("."))) + r"\." for a in MULTI_ABBREVIATIONS),
    re.IGNORECASE,
)
_MAX_PARTS = max(len(a.split(".")) for a in MULTI_ABBREVIATIONS)
# NOTE: token texts repeat; classifying each distinct one once halves the backend's time.
_kind = lru_cache(maxsize=1 << 16)(kind)


def _cases(word: str) -> set[str]:
    return {word, word[:1].upper() + word[1:], word.upper()}


def _customise(nlp: Any) -> None:
    """Give a blank pipeline a tokenizer with jdlint's token definition (module docstring).

    A new ``Tokenizer`` is built (~20 ms, special cases loaded once) rather than the blank
    one's attributes set one by one: each setter reloads every special case.
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    rules: dict[str, list[dict[str, str]]] = {}
    for abbr in (*SINGLE_ABBREVIATIONS, *MULTI_ABBREVIATIONS):
        for form in _cases(abbr + "."):
            rules[form] = [{"ORTH": form}]
    for form, parts in _SPLIT_SPECIALS.items():
        rules[form] = [{"ORTH": part} for part in parts]
    prefixes = [_PREFIX_FIX.get(rule, rule) for rule in defaults.prefixes or ()]
    suffixes = [rule for rule in defaults.suffixes or () if rule != _ELLIPSIS]
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex([r for r in prefixes if r]).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex([_INITIAL_END, _PUNCT_INFIX]).finditer,
        token_match=_TOKEN_MATCH.match,
        url_match=nlp.tokenizer.url_match,
    )


def available() -> bool:
    """True when spaCy is installed (found, not imported)."""
    import importlib.util

    return importlib.util.find_spec("spacy") is not None


def pipeline(lang: str) -> Any:
    """The process's blank spaCy pipeline for ``lang`` (spaCy imported on the first call)."""
    nlp = _pipelines.get(lang)
    if nlp is None:
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r} (ru, lt)")
        try:
            import spacy
        except ImportError:
            raise RuntimeError(MISSING) from None

        nlp = spacy.blank(lang)
        _customise(nlp)
        _pipelines[lang] = nlp
    return nlp


def loaded(lang: str) -> bool:
    """True once the pipeline of ``lang`` has been created in this process."""
    return lang in _pipelines


def _merge_spaced(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join "т." + "д." into "т. д." where the regex reads one listed abbreviation."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(spans)
    while i < n:
        start, end = spans[i]
        if text[end - 1] == ".":
            for parts in range(min(_MAX_PARTS, n - i), 1, -1):
                last = spans[i + parts - 1][1]
                if _MULTI_RE.fullmatch(text, start, last):
                    end = last
                    i += parts - 1
                    break
        out.append((start, end))
        i += 1
    return out


_GLUE_ONLY = re.compile(f"[{GLUE}]+")
_HAS_GLUE = re.compile(f"[{GLUE}]")


def _glued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the pieces spaCy cuts at an invisible character ("штр", "\u200b", "аф") into the
    one word the regex backend reads ("штр\u200bаф"), so a disguised word is one token in both
    backends (``jdlint.nlp.disguise``). Glue after a word joins it; a word begun right after a
    word that ends in glue continues it; punctuation after the glue stays apart."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and out[-1][1] == start:
            prev_start, _ = out[-1]
            prev = text[prev_start:start]
            piece = text[start:end]
            word_before = any(ch.isalpha() for ch in prev)
            if word_before and (_GLUE_ONLY.fullmatch(piece)
                                or (_GLUE_ONLY.fullmatch(prev[-1]) and piece[:1].isalpha())):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def split(text: str, lang: str) -> Iterator[tuple[str, int, int, TokenKind]]:
    """Yield ``(text, start, end, kind)`` for every token of ``text``, as
    ``jdlint.nlp.tokenize.split`` does, cut by spaCy's tokenizer."""
    doc = pipeline(lang).make_doc(text)
    spans = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
    if "." in text:
        spans = _merge_spaced(text, spans)
    if _HAS_GLUE.search(text):
        spans = _glued(text, spans)
    for start, end in spans:
        piece = text[start:end]
        yield piece, start, end, _kind(piece)
