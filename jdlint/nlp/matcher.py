"""Phrase matching on lemma sequences: a rule lists words or phrases in any form, and every
inflection of them in a text matches.

A phrase is split into tokens like any text and each word becomes its lemma; a ``*`` stands
for a gap of up to ``GAP`` tokens ("лишение * премии" matches "лишение квартальной премии"
and "лишение премии"; "* *" allows twice as many). Text tokens are words, abbreviations and
numbers; punctuation is skipped, but a match never crosses a sentence stop (``. ! ? ;``) or
a line break.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, KeysView, Sequence
from contextlib import contextmanager
from itertools import repeat

from jdlint.core.records import record
from jdlint.nlp.tokenize import Token

GAP = 2
WILDCARD = "*"
_STOPS = frozenset(".!?;…")

# NOTE: a pattern is lemmas and gap widths (ints); it starts and ends with a lemma.
Pattern = tuple[str | int, ...]


@record(slots=True)
class Match:
    """A phrase found in a text: character offsets into the text, and the phrase as listed."""

    start: int
    end: int
    phrase: str


class PhraseMatcher:
    """Finds lemma-sequence matches of a fixed list of phrases (build once, use per text)."""

    __slots__ = ("_index", "_lang", "_tokenize", "phrases")

    def __init__(
        self,
        phrases: Iterable[str],
        lang: str,
        tokenize: Callable[[str, str], Sequence[Token]],
    ) -> None:
        self._lang = lang
        self._tokenize = tokenize
        self.phrases: tuple[str, ...] = tuple(dict.fromkeys(phrases))
        self._index: dict[str, list[_Entry]] = {}
        for phrase in self.phrases:
            pattern = self._compile(phrase)
            if pattern and isinstance(pattern[0], str):
                self._index.setdefault(pattern[0], []).append(_entry(pattern, phrase))
        for entries in self._index.values():
            # NOTE: longer phrases first, so at one position the fullest match comes first.
            entries.sort(key=lambda e: -len(e[0]))

    def _compile(self, phrase: str) -> Pattern:
        out: list[str | int] = []
        for part in phrase.split():
            if part == WILDCARD:
                if out and isinstance(out[-1], int):
                    out[-1] += GAP
                elif out:
                    out.append(GAP)
                continue
            out.extend(t.lemma for t in self._tokenize(part, self._lang) if _matchable(t))
        while out and isinstance(out[-1], int):
            out.pop()
        return tuple(out)

    @property
    def first_lemmas(self) -> KeysView[str]:
        """The first lemma of every phrase: ``find`` finds nothing in a text without one."""
        return self._index.keys()

    def patterns(self) -> tuple[Pattern, ...]:
        """Every phrase as ``find`` compares it (lemmas and gap widths), grouped by first
        lemma in the order first lemmas were met, longer phrases first within a group."""
        return tuple(entry[0] for entries in self._index.values() for entry in entries)

    def text_lemmas(self, text: str) -> KeysView[str]:
        """The lemmas ``find`` sees in ``text`` (its matchable tokens; prepared once per
        text while ``caching``)."""
        return _prepare(self._tokenize, self._lang, text).positions.keys()

    @property
    def lang(self) -> str:
        """The language of the phrases and of the texts."""
        return self._lang

    @property
    def tokenize(self) -> Callable[[str, str], Sequence[Token]]:
        """The tokenizer the matcher reads texts with."""
        return self._tokenize

    def find(self, text: str) -> list[Match]:
        """Every match in ``text``, ordered by start (longer first at one start)."""
        prepared = _prepare(self._tokenize, self._lang, text)
        positions = prepared.positions
        index = self._index
        # NOTE: the keys views intersect in C, walking the smaller of the two.
        first = positions.keys() & index.keys()
        if not first:
            return []
        if len(first) == 1:
            starts = positions[next(iter(first))]
        else:
            starts = sorted([i for lem in first for i in positions[lem]])
        lemmas, items = prepared.lemmas, prepared.items
        n = len(lemmas)
        found: list[Match] = []
        for i in starts:
            for pattern, phrase, tail, second, window in index[lemmas[i]]:
                if tail is None:
                    # NOTE: the walk can only succeed if the phrase's second word stands
                    # within its reach (right after the first, or within the gap); most
                    # starts fail this C-level test and are never walked (issue 19).
                    if second not in lemmas[i + 1:i + 1 + window]:
                        continue
                    end = _match_at(pattern, lemmas, prepared.segments(), i)
                    if end is None:
                        continue
                elif tail:
                    # NOTE: segments never decrease, so the last token of the run shares the
                    # first one's segment exactly when every token between does.
                    end = i + len(tail)
                    if end >= n or lemmas[i + 1:end + 1] != tail:
                        continue
                    segments = prepared.segments()
                    if segments[end] != segments[i]:
                        continue
                else:
                    end = i  # NOTE: a one-word phrase
                found.append(Match(items[i].start, items[end].end, phrase))
        return found


# NOTE: an index entry: the pattern, the phrase as listed, and for a phrase without a gap its
# lemmas after the first (matched by one list comparison, not the backtracking walk); for a
# phrase with a gap, its second lemma and how many tokens after the first it may stand at.
_Entry = tuple[Pattern, str, list[str] | None, str, int]


def _entry(pattern: Pattern, phrase: str) -> _Entry:
    if not any(isinstance(p, int) for p in pattern):
        return pattern, phrase, [p for p in pattern[1:] if isinstance(p, str)], "", 0
    # NOTE: a pattern ends with a lemma, so a gap is always followed by one.
    gap = pattern[1]
    if isinstance(gap, int):
        second = pattern[2]
        assert isinstance(second, str)
        return pattern, phrase, None, second, gap + 1
    return pattern, phrase, None, gap, 1


class _Prepared:
    """A text as every matcher sees it: its matchable tokens, their lemmas, where each lemma
    occurs (computed once per text, not per matcher) and, only when a phrase of several words
    is tried on it, the sentence segment of each matchable token."""

    __slots__ = ("_segments", "_text", "_tokens", "items", "lemmas", "positions")

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self._text = text
        self._tokens = tokens
        self._segments: list[int] | None = None
        self.items = [t for t in tokens if t.is_word or t.lemma[:1].isdigit()]  # _matchable
        self.lemmas = [t.lemma for t in self.items]
        positions: dict[str, list[int]] = {}
        for i, lem in enumerate(self.lemmas):
            found = positions.get(lem)
            if found is None:
                positions[lem] = [i]
            else:
                found.append(i)
        self.positions = positions

    def segments(self) -> list[int]:
        """The segment of each item: a sentence stop (``. ! ? ; …``) or a line break between
        two tokens starts a new one. Most texts are only looked up by their first lemmas, so
        this is computed on first need (issue 19)."""
        if self._segments is None:
            text = self._text
            segments: list[int] = []
            segment = 0
            last_end = 0
            # NOTE: a text without a line break (most blocks) skips that test per token.
            lines = "\n" in text
            for tok in self._tokens:
                if lines:
                    if "\n" in text[last_end : tok.start]:
                        segment += 1
                    last_end = tok.end
                if tok.is_word or tok.lemma[:1].isdigit():
                    segments.append(segment)
                elif tok.text in _STOPS:
                    segment += 1
            self._segments = segments
        return self._segments


# NOTE: every rule's matchers look at the same blocks, so while the engine lints one file
# (``caching``) each text is prepared once; outside it nothing is kept (a tokenizer backend
# switched between two calls must be seen). Keyed by the tokenizer function too.
_PREPARED: dict[tuple[Callable[[str, str], Sequence[Token]], str, str], _Prepared] | None = None


@contextmanager
def caching() -> Iterator[None]:
    """Prepare each text once for every matcher inside this block (one file's lint)."""
    global _PREPARED
    outer = _PREPARED
    if outer is None:
        _PREPARED = {}
    try:
        yield
    finally:
        if outer is None:
            _PREPARED = None


def _prepare(tokenize: Callable[[str, str], Sequence[Token]], lang: str, text: str
             ) -> _Prepared:
    cache = _PREPARED
    key = (tokenize, lang, text)
    if cache is not None:
        found = cache.get(key)
        if found is not None:
            return found
    prepared = _Prepared(text, tokenize(text, lang))
    if cache is not None:
        cache[key] = prepared
    return prepared


def _matchable(tok: Token) -> bool:
    return tok.is_word or tok.lemma[:1].isdigit()


def _match_at(pattern: Pattern, lemmas: list[str], segments: list[int], i: int) -> int | None:
    """Index of the last token of a match of ``pattern`` starting at ``i``, or None."""
    seg = segments[i]
    n = len(lemmas)

    def walk(p: int, j: int) -> int | None:
        # NOTE: p indexes the pattern, j the next text token; pattern[0] matched at i.
        if p == len(pattern):
            return j - 1
        want = pattern[p]
        if isinstance(want, int):
            for skip in range(want + 1):
                k = j + skip
                if k >= n or segments[k] != seg:
                    return None
                if lemmas[k] == pattern[p + 1]:
                    end = walk(p + 2, k + 1)
                    if end is not None:
                        return end
            return None
        if j < n and segments[j] == seg and lemmas[j] == want:
            return walk(p + 1, j + 1)
        return None

    return walk(1, i + 1)


# NOTE: the per-document lemma → blocks index of the phrase rules
# (``jdlint.checklib.lemma_index``) lists only the lemmas some matcher asked about, the
# "wanted" ones, per tokenizer and language, with a version bumped whenever the set grows
# (matchers are compiled once per rule, so it stops growing after the first files). Emptied
# past WANTED_SIZE all the same: an index keeps the set it was built with.
WANTED_SIZE = 1 << 16
_WANTED: dict[tuple[Callable[[str, str], Sequence[Token]], str], tuple[int, frozenset[str]]] = {}
_wanted_version = 0
# NOTE: a batch repeats ~55 % of its block texts (issue 19): each text's share of the wanted
# lemmas is kept across the files of a batch, valid for one version of the set and keyed by
# everything a text's lemmas depend on (the caller's key names the tokenizer backend). Bounded
# by emptying (recomputing is all it costs); the values are short tuples of lemmas.
TEXT_LEMMAS_SIZE = 1 << 12
_TEXT_LEMMAS: dict[tuple[object, str, str], tuple[int, dict[str, tuple[str, ...]]]] = {}


def forget_texts() -> None:
    """Drop every text's kept lemmas (``nlp.clear_caches``: an override table may have been
    edited, and the key does not name it)."""
    _TEXT_LEMMAS.clear()


def wanted(tokenize: Callable[[str, str], Sequence[Token]], lang: str, lemmas: frozenset[str]
           ) -> tuple[int, frozenset[str]]:
    """``(version, the wanted lemmas)`` of ``tokenize`` and ``lang``, grown by ``lemmas``."""
    global _wanted_version
    key = (tokenize, lang)
    version, found = _WANTED.get(key, (-1, frozenset()))
    if not lemmas <= found:
        if len(found) >= WANTED_SIZE:
            found = frozenset()
        _wanted_version += 1
        # NOTE: a new frozenset, never one changed in place: an index built from the old one
        # stays what it says it is.
        version, found = _WANTED[key] = (_wanted_version, found | lemmas)
    return version, found


def lemma_blocks(texts: Sequence[str], tokenize: Callable[[str, str], Sequence[Token]],
                 lang: str, backend: str, version: int, lemmas: frozenset[str],
                 cuts: Sequence[int] | None = None) -> dict[str, list[int]]:
    """Lemma → the indexes of the texts where one of their tokens has it, for the lemmas of
    ``lemmas`` (the wanted set of ``version``; ``backend`` names the tokenizer backend).

    ``cuts`` (``doctext.number_heads`` of the texts, given only for a ``tokenize`` that is
    ``nlp.tokens``'s answer) split each numbered text ("2.1. Вести учёт", a TXT block) into
    its number and its clause, each looked up as a text of its own (issue 19: the clause
    recurs across a batch, the whole text does not). Exact: at such a cut the text's tokens
    are the number's then the clause's, moved (``DocumentNLP._numbered``), so its lemmas are
    the union of theirs."""
    # NOTE: a defaultdict allocates a list per new lemma only (issue 19); a plain dict is
    # returned, readers use ``get``.
    out: defaultdict[str, list[int]] = defaultdict(list)
    # NOTE: one dict of texts per tokenizer, language and backend, replaced when the wanted
    # set grows: a block costs one lookup by its text (whose hash the string keeps).
    key = (tokenize, lang, backend)
    kept = _TEXT_LEMMAS.get(key)
    if kept is None or kept[0] != version:
        kept = _TEXT_LEMMAS[key] = (version, {})
    cache = kept[1]
    for index, (text, head) in enumerate(zip(texts, cuts or repeat(0), strict=False)):
        clause = text[head:] if head else text
        found = cache.get(clause)
        if found is None:
            found = _text_lemmas(clause, cache, tokenize, lang, lemmas)
        if head:
            number = cache.get(text[:head])
            if number is None:
                number = _text_lemmas(text[:head], cache, tokenize, lang, lemmas)
            if number:
                found = tuple(set(found).union(number))
        for lemma in found:
            out[lemma].append(index)
    return dict(out)


def _text_lemmas(text: str, cache: dict[str, tuple[str, ...]],
                 tokenize: Callable[[str, str], Sequence[Token]], lang: str,
                 lemmas: frozenset[str]) -> tuple[str, ...]:
    """The wanted ``lemmas`` among those of ``text``'s tokens, kept in ``cache`` (read there
    by the caller first)."""
    # NOTE: the lemma of every token, not only of those ``find`` walks (words and numbers): a
    # superset, since a text listed once too often is only searched.
    found = tuple({tok.lemma for tok in tokenize(text, lang)} & lemmas)
    if len(cache) >= TEXT_LEMMAS_SIZE:
        cache.clear()
    cache[text] = found
    return found
