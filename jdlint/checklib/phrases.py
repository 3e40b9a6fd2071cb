"""Job-title noun phrases, the grammar shared by the consistency checks JD107 (``consistency``)
and JD108 (``subordination``); JD110 (``employer``) uses its word lists.

Noun phrases are compared by lemmas, so grammatical forms never count as differences
("менеджера по работе с ключевыми клиентами" = "Менеджер по работе с ключевыми клиентами";
"vadybininko" = "vadybininkas"). Word lists (which nouns are job titles, which verbs make the
position the subject, which words name an organisational unit …) are data in the rules' YAML
options; this module owns their compilation (``TitleWords``), the tokens of a block
(``TokenText``) and the grammar of a phrase (``NounPhrase``):

* a job-title phrase is built around a head noun from ``heads``. Russian puts adjectives before
  the head and genitive / "по …" complements after it ("системный администратор",
  "диспетчер контактного центра", "менеджер по работе с клиентами"), found with pymorphy3's
  part-of-speech tags; Lithuanian puts the genitive modifiers before the head ("Pagrindinės
  paskyros vadybininkas"), found by position. Where a phrase lies (``phrase_span``,
  ``spans_in``) is worked out apart from the phrase itself (``build_phrase``), so that a
  check testing phrases by their position builds only those it keeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import Any, NamedTuple

from jdlint import nlp
from jdlint.core.records import record
from jdlint.core.text import fold
from jdlint.nlp import Token, wordstore
from jdlint.nlp.doctext import shared_nlp

_LEMMA = itemgetter(2)  # NOTE: ``Token.lemma``, read by position
_ROMAN = re.compile(r"^[IVX]{1,4}$")
_ABBREV = re.compile(r"^[A-ZА-ЯЁ0-9]{2,}$")
# NOTE: compiled once, not looked up in ``re``'s cache per word (other modules' patterns
# push it out: issue 19).
_LT_GENITIVE = re.compile(r"(ų|os|ės|io|o|aus|ies|ojo|iojo|osios|iosios|asis|ysis|ioji|"
                          r"oji|ės|is|us)$")
# NOTE: pymorphy3 lemmatises the participle-nouns to their verbs ("заведующему" → "заведовать").
_ABLT_HEADS = frozenset({"заведующий", "управляющий", "заведовать", "управлять"})


# ---------------------------------------------------------------------------- word lists

@record(slots=True)
class TitleWords:
    """A rule's word lists for one language, each word reduced to its lemma."""

    heads: frozenset[str]
    managers: frozenset[str]
    generic: frozenset[str]
    units: frozenset[str]
    fillers: frozenset[str]
    predicates: frozenset[str]
    owners: frozenset[str]
    top: frozenset[str]
    strong: frozenset[str]


def lemma_set(words: Iterable[str], lang: str) -> frozenset[str]:
    out: set[str] = set()
    for word in words:
        for part in str(word).split():
            out.add(nlp.lemma(part, lang))
    return frozenset(out)


@lru_cache(maxsize=16)
def _compile_words(lang: str, items: tuple[tuple[str, tuple[str, ...]], ...]) -> TitleWords:
    data = dict(items)
    return TitleWords(**{key: lemma_set(data.get(key, ()), lang) for key in TitleWords.__slots__})


@lru_cache(maxsize=64)
def stem_filter(words: tuple[str, ...], lemmas: frozenset[str]) -> re.Pattern[str]:
    """A cheap test that a text may hold one of ``words``: their first five letters (and their
    lemmas'), so that blocks without any of them are never tokenised. Only whether it finds
    one is meant, not which (its match is the shortest stem at the first place one starts)."""
    return re.compile(_prefix_tree(_stems(words, lemmas)))


@lru_cache(maxsize=64)
def stem_starts(words: tuple[str, ...], lemmas: frozenset[str]) -> frozenset[str]:
    """The first characters of ``stem_filter(words, lemmas)``'s stems: every match of it
    starts with one (an empty stem, which matches anywhere, gives the empty string)."""
    return frozenset(stem[:1] for stem in _stems(words, lemmas))


def _stems(words: tuple[str, ...], lemmas: frozenset[str]) -> set[str]:
    stems = {fold(w)[:5] for w in words} | {w[:5] for w in lemmas}
    for w in list(stems):
        stems.update(part[:5] for part in w.split("-") if part)
    return stems


def _prefix_tree(stems: set[str]) -> str:
    """An alternation of ``stems`` factored by common prefixes ("ме(?:нед|хан)"): the regex
    engine tries one branch per letter instead of every stem at every place (issue 19: half
    the time of the flat list). A stem that begins with another stem is left out: wherever it is
    found, the shorter one is too."""
    if not stems or "" in stems:
        return ""
    branches = []
    for first in sorted({stem[0] for stem in stems}):
        rest = _prefix_tree({stem[1:] for stem in stems if stem[0] == first})
        branches.append(re.escape(first) + rest)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def title_words(options: Mapping[str, Any], lang: str) -> TitleWords:
    table: Mapping[str, Any] = options.get("words", {}).get(lang, {})
    items = tuple(sorted((k, tuple(v)) for k, v in table.items()))
    return _compile_words(lang, items)


# ---------------------------------------------------------------------------- tokens

@lru_cache(maxsize=1 << 14)
@wordstore.stored("tags", lambda v: [v[0], wordstore.word_set(v[1])],
                  lambda d: (wordstore.text(d[0]), wordstore.as_word_set(d[1])))
def ru_tags(word: str) -> tuple[str, frozenset[str]]:
    """POS of the first parse and every case any parse allows (Russian)."""
    from jdlint.nlp import russian

    parses = russian.analyzer().parse(word)
    if not parses:
        return "", frozenset()
    pos = str(parses[0].tag.POS or "")
    cases = frozenset(str(p.tag.case) for p in parses if p.tag.case)
    return pos, cases


@lru_cache(maxsize=1 << 14)
@wordstore.stored("adj-cases", wordstore.word_set, wordstore.as_word_set)
def _ru_adj_cases(word: str) -> frozenset[str]:
    """Every case an adjective or participle parse allows (Russian): "главного" is first
    parsed as the noun "главное", yet before "бухгалтера" it is the adjective."""
    from jdlint.nlp import russian

    return frozenset(str(p.tag.case) for p in russian.analyzer().parse(word)
                     if p.tag.POS in ("ADJF", "PRTF") and p.tag.case)


@record(slots=True)
class TokenText:
    """Tokens of a block with a segment number each (a segment ends at . ; : etc.)."""

    text: str
    tokens: tuple[Token, ...]

    def is_head(self, i: int, words: TitleWords) -> bool:
        tok = self.tokens[i]
        if not tok.is_word:
            return False
        if tok.lemma in words.heads:
            return True
        # NOTE: "инженер-программист", "офис-менеджер": a hyphenated title counts by its parts.
        return "-" in tok.text and any(p in words.heads for p in tok.lemma.split("-"))


def tokenize_text(text: str, lang: str) -> TokenText:
    # NOTE: JD107 and JD108 read the same blocks (and web copies repeat them): the tokens come
    # from the file's shared cache (``jdlint.nlp.doctext``), dropped with the file.
    return TokenText(text, shared_nlp().tokens(text, lang))


def _is_punct(tok: Token) -> bool:
    return not tok.is_word and not tok.lemma[:1].isalnum()


@record(slots=True)
class NounPhrase:
    """A noun phrase around a head: token range [start, end), the head's index, its text."""

    start: int
    end: int
    head: int
    surface: str
    head_lemma: str
    lemmas: tuple[str, ...]      # every word lemma of the phrase, in order
    quals: frozenset[str]        # the words that tell one title from another (as _key)
    keys: frozenset[str]         # every word of the phrase (as _key)


class Span(NamedTuple):
    """Where a noun phrase lies: token range [start, end) and its head's index, as in
    ``NounPhrase`` (whose other fields ``build_phrase`` works out from it)."""

    start: int
    end: int
    head: int


def noun_phrase(t: TokenText, head: int, lang: str, words: TitleWords, lo: int = 0) -> NounPhrase:
    return build_phrase(t, phrase_span(t, head, lang, words, lo), lang, words)


def phrase_span(t: TokenText, head: int, lang: str, words: TitleWords, lo: int = 0) -> Span:
    """Where the phrase around ``head`` starts and ends, without building it: JD107 tests
    most phrases by their position only and builds the few it keeps (issue 19)."""
    toks = t.tokens
    start = end = head
    if lang == "ru":
        # adjectives before the head ("системный администратор", "главного бухгалтера")
        head_cases = ru_tags(fold(toks[head].text))[1]
        while start - 1 >= lo and head - start < 2:
            prev = toks[start - 1]
            if not prev.is_word or prev.lemma in words.fillers:
                break
            # NOTE: the adjective must agree with the head: "их составляющим специалист" is
            # not one phrase.
            if not _ru_adj_cases(fold(prev.text)) & head_cases:
                break
            start -= 1
        # complements after it: genitives, "по …", "с …", abbreviations, "II категории"
        in_pp = False
        i = head + 1
        while i < len(toks) and i - head <= 8:
            tok = toks[i]
            if tok.text in ("-", "–", "—") and i + 1 < len(toks) and t.is_head(i + 1, words):
                # NOTE: "заместитель председателя правления – директор Учреждения" is one
                # person with two titles.
                in_pp = False
                end = i + 1
                i += 2
                continue
            if not tok.is_word and not _ROMAN.match(tok.text):
                break
            low = tok.lower
            if low in ("по", "с", "со"):
                in_pp = True
                i += 1
                continue
            if _ABBREV.match(tok.text) or _ROMAN.match(tok.text):
                i += 1
                end = i - 1
                continue
            pos, cases = ru_tags(fold(tok.text))
            # NOTE: "заведующий складом", "управляющий делами" govern the instrumental.
            governed = cases & ({"gent", "ablt"} if toks[head].lemma in _ABLT_HEADS else {"gent"})
            if pos not in ("NOUN", "ADJF", "PRTF") or (not in_pp and not governed):
                break
            if t.is_head(i, words) and not in_pp and pos == "NOUN" and "gent" not in cases:
                break
            end = i
            i += 1
        while end > head and toks[end].lower in ("по", "с", "со"):
            end -= 1
    else:
        # Lithuanian: genitive modifiers come before the head
        while start - 1 >= lo and head - start < 5:
            prev = toks[start - 1]
            if (not prev.is_word or prev.lemma in words.fillers or prev.lemma in words.predicates
                    or len(prev.text) < 3):
                break
            if not _LT_GENITIVE.search(prev.lower):
                break
            start -= 1
    return Span(start, end + 1, head)


def build_phrase(t: TokenText, span: Span, lang: str, words: TitleWords) -> NounPhrase:
    """The phrase at ``span`` (``phrase_span``) with its text, lemmas and comparison keys."""
    toks = t.tokens
    start, stop, head = span
    raw_start = toks[start].start
    raw_end = toks[stop - 1].end
    lemmas = tuple(tok.lemma for tok in toks[start:stop] if tok.is_word)
    return NounPhrase(start, stop, head, t.text[raw_start:raw_end], toks[head].lemma, lemmas,
                   _quals(toks[start:stop], toks[head], lang, words),
                   frozenset(_key(tok, lang) for tok in toks[start:stop] if tok.is_word))


def _key(tok: Token, lang: str) -> str:
    """The comparison form of a qualifier: the lemma (ru); a 5-letter stem (lt), because the
    Lithuanian lookup table lemmatises some inflected adjectives inconsistently
    ("vyriausiojo" → "vyrus", "vyriausiasis" → "vyriausias")."""
    return tok.lemma if lang == "ru" else fold(tok.text)[:5]


def _quals(toks: Sequence[Token], head: Token, lang: str, words: TitleWords) -> frozenset[str]:
    """Words that distinguish titles: everything but the head, fillers, units and names."""
    items = [tok for tok in toks if tok.is_word]
    if lang == "ru":
        # cut at the first unit word ("отдела", "службы", "склада") and the adjectives before it
        cut = len(items)
        for n, tok in enumerate(items):
            if tok is not head and tok.lemma in words.units:
                cut = n
                while cut - 1 >= 0 and items[cut - 1] is not head and \
                        ru_tags(fold(items[cut - 1].text))[0] in ("ADJF", "PRTF"):
                    cut -= 1
                break
        items = items[:cut]
    else:
        # Lithuanian: modifiers before the last unit word belong to the unit
        last = -1
        for n, tok in enumerate(items):
            if tok is not head and tok.lemma in words.units:
                last = n
        items = items[last + 1:]
    # NOTE: in a heading typed in capitals ("ГЛАВНОГО БУХГАЛТЕРА") a word is no abbreviation.
    # NOTE: the head's case first: it decides for almost every phrase without the count.
    capitals = head.text.isupper() and sum(1 for tok in items if _ABBREV.match(tok.text)) >= 2
    return frozenset(_key(tok, lang) for tok in items
                     if tok is not head and tok.lemma not in words.fillers
                     and (capitals or not _ABBREV.match(tok.text)) and not _ROMAN.match(tok.text)
                     and tok.lower not in ("по", "с", "со"))


def heads_in(t: TokenText, words: TitleWords, lang: str, lo: int = 0,
              hi: int | None = None) -> list[NounPhrase]:
    """Non-overlapping title phrases between token ``lo`` and ``hi``."""
    return [build_phrase(t, span, lang, words) for span in spans_in(t, words, lang, lo, hi)]


def spans_in(t: TokenText, words: TitleWords, lang: str, lo: int = 0,
             hi: int | None = None) -> list[Span]:
    """Where ``heads_in``'s phrases lie, in its order, none of them built."""
    hi = len(t.tokens) if hi is None else hi
    out: list[Span] = []
    covered = -1
    toks, heads = t.tokens, words.heads
    # NOTE: the tokens that may head a phrase picked in one comprehension: ``TokenText.is_head``
    # can only be true of a word whose lemma is a head or that has a hyphen, and the method
    # still decides those (issue 19: called for every token of every block JD107 reads).
    # NOTE: without a hyphen in the text no token has one, and the lemma test runs in C
    # (``compress`` over the tokens' lemmas, a named tuple's third field).
    if "-" in t.text:
        found = [k for k, tok in enumerate(toks[lo:hi], lo)
                 if tok.lemma in heads or "-" in tok.text]
    else:
        found = list(compress(count(lo), map(heads.__contains__, map(_LEMMA, toks[lo:hi]))))
    for i in found:
        if i <= covered or not toks[i].is_word or not t.is_head(i, words):
            continue
        ph = phrase_span(t, i, lang, words, lo)
        if lang == "lt" and out and ph.start <= out[-1].end - 1:
            # NOTE: "skyriaus vedėjo pavaduotojas": the later head wins in Lithuanian.
            out.pop()
        out.append(ph)
        covered = ph.end - 1
    return out
