"""The text around a phrase match: tokens, sentences, negation and quotation of the law.

``jdlint.checklib.matching.find`` drops a match that is negated ("работодатель не вправе применять
штрафы", "штрафы не применяются", "draudžiama") or that sits inside a quotation of an article;
Python checks use the same sentence splitter and matchers; ``excused`` is both tests of one
match, its answer kept per sentence across a batch. Tokens come from the file's shared
``DocumentNLP`` (``jdlint.nlp.doctext``), so every rule tokenises a text once per file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from jdlint import nlp
from jdlint.core.deferred import Deferred
from jdlint.nlp.doctext import shared_nlp
from jdlint.nlp.matcher import PhraseMatcher

__all__ = ["NEGATIONS", "NEGATIONS_AFTER", "STOPS", "excused", "matcher", "negated",
           "negated_after", "quoted_law", "sentences", "tokens"]

STOPS: Final = frozenset(".!?;…")

# NOTE: cues of a negation or prohibition that cancel a match after them in one sentence.
# They are lemma patterns like the rules' own. A bare "не" up to two words before the match
# also negates it ("не несет полной материальной ответственности").
NEGATIONS: Final[dict[str, tuple[str, ...]]] = {
    "ru": ("не вправе", "не иметь право", "не допускаться", "не допускать", "недопустимый",
           "запрещаться", "запрещать", "запрещено", "запрет", "не применяться", "не применять",
           "не мочь", "не подлежать", "не налагаться", "не устанавливаться", "не производиться",
           "не взыскиваться", "не нести", "исключаться", "не предусматривать"),
    "lt": ("draudžiama", "draudžiamas", "uždrausta", "negali", "negalima", "neturi teisės",
           "netaikoma", "netaikomos", "netaikomi", "netaikomas", "neleidžiama", "nenumato",
           "nenumatyta", "nėra"),
}
# NOTE: predicate negations after the match ("штрафы к работнику не применяются",
# "visiškos materialinės atsakomybės sutartys netaikomos").
NEGATIONS_AFTER: Final[dict[str, tuple[str, ...]]] = {
    "ru": ("не применяться", "не подлежать", "не допускаться", "не взыскиваться",
           "не производиться", "не устанавливаться", "не налагаться", "не удерживаться",
           "не возмещаться", "запрещаться", "запрещено", "недопустимый", "не допустимый",
           # NOTE: "штрафы … не могут применяться", "… не является дисциплинарным
           # взысканием": the modal or the copula carries the negation.
           "не мочь", "не являться", "не производить", "не применять"),
    "lt": ("netaikoma", "netaikomos", "netaikomi", "netaikomas", "draudžiama", "draudžiamos",
           "nebėra", "panaikinta", "panaikintos", "panaikinti", "negalioja", "neleidžiama",
           "neleidžiamos", "negali", "negalima", "nėra", "nedaromos", "nedaroma", "nedaromi",
           "neskiriamos", "neskiriama", "neskiriami", "neišskaičiuojama", "neatsako"),
}
_BARE_NEGATION: Final = {"ru": frozenset({"не", "ни"}), "lt": frozenset({"ne", "nei"})}
_QUOTES: Final = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")
# NOTE: asked only of a phrase inside quotation marks: compiled on first use (issue 19)
_LAW: Final = Deferred(r"\b(ст\.|стать\w+|кодекс\w*|закон\w*|ТК\b|str\.|straipsn\w*|"
                         r"kodeks\w*|įstatym\w*)", re.IGNORECASE)


def tokens(text: str, lang: str) -> tuple[nlp.Token, ...]:
    """The tokens of ``text`` (once per text of the file being linted)."""
    # NOTE: every rule tokenises the same blocks; lemmas are cached per word by the NLP layer,
    # the token tuples per text of the file being linted (``jdlint.nlp.doctext``), shared with the
    # other rules and dropped with the file (a process-wide cache grew each worker by ~40 MB).
    return shared_nlp().tokens(text, lang)


def matcher(phrases: Sequence[str], lang: str) -> PhraseMatcher:
    """A lemma matcher of ``phrases`` over the shared tokens."""
    return PhraseMatcher(phrases, lang, tokens)


def sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a block: split at . ! ? ; and line breaks (not inside "ст.")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for tok in tokens(text, lang):
        if not tok.is_word and tok.text in STOPS:
            spans.append((start, tok.end))
            start = tok.end
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece_start = s
        for line in text[s:e].split("\n"):
            out.append((piece_start, piece_start + len(line)))
            piece_start += len(line) + 1
    return [(s, e) for s, e in out if text[s:e].strip()]


def negated(text: str, start: int, lang: str, extra: Sequence[str]) -> bool:
    """A negation or prohibition before ``start`` in the sentence ``text``."""
    before = text[:start]
    toks = [t for t in tokens(before, lang) if t.is_word]
    if any(t.lower in _BARE_NEGATION.get(lang, ()) for t in toks[-3:]):
        return True
    cues = _negation_matcher(lang, tuple(extra))
    return bool(cues.find(before))


@lru_cache(maxsize=64)
def _negation_matcher(lang: str, extra: tuple[str, ...]) -> PhraseMatcher:
    return matcher([*NEGATIONS.get(lang, ()), *extra], lang)


@lru_cache(maxsize=8)
def _after_matcher(lang: str) -> PhraseMatcher:
    return matcher(NEGATIONS_AFTER.get(lang, ()), lang)


def negated_after(text: str, end: int, lang: str) -> bool:
    """A negated predicate after ``end`` ("штрафы не применяются")."""
    return bool(_after_matcher(lang).find(text[end:]))


def quoted_law(text: str, start: int, end: int) -> bool:
    """The span inside quotation marks in a sentence that cites an article or a code."""
    for q in _QUOTES.finditer(text):
        if q.start() < start and end <= q.end():
            return bool(_LAW.search(text))
    return False


# NOTE: how many answers ``excused`` keeps in the table it is given (emptied when full), and
# the longest sentence it keeps one for: ~0.5 MB a table at most (one table per phrase rule).
EXCUSED_SIZE = 1 << 9
EXCUSED_TEXT = 400


def excused(sentence: str, start: int, end: int, lang: str, extra: tuple[str, ...],
            negation: bool = True, quotation: bool = True,
            kept: dict[tuple[object, ...], bool] | None = None) -> bool:
    """A negation around the match ``sentence[start:end]`` (with ``negation``) or a quotation of
    the law holding it (with ``quotation``).

    With ``kept`` (a rule's table, ``ctx.compiled``), the answers are kept across the files of
    a batch: a batch repeats its clauses, and each match in one was tokenised and matched twice
    more, before and after it (issue 19). An answer depends only on the key, the tokenizer
    backend included."""
    if kept is None:
        return _excused(sentence, start, end, lang, extra, negation, quotation)
    key = (sentence, start, end, lang, extra, negation, quotation, nlp.tokenizer())
    found = kept.get(key)
    if found is None:
        found = _excused(sentence, start, end, lang, extra, negation, quotation)
        if len(sentence) <= EXCUSED_TEXT:
            if len(kept) >= EXCUSED_SIZE:
                kept.clear()
            kept[key] = found
    return found


def _excused(sentence: str, start: int, end: int, lang: str, extra: tuple[str, ...],
             negation: bool, quotation: bool) -> bool:
    if negation and (negated(sentence, start, lang, extra) or negated_after(sentence, end, lang)):
        return True
    return quotation and quoted_law(sentence, start, end)
