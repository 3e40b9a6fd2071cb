"""Which of a list of patterns may match each block of a document (issue 19).

``literals.Prefilter.live`` answers this for one text; JD106 (its placeholder patterns), JD109
(superseded acts), JD213 (the minors' words) and the jurisdiction detector ask it for every
block of the instruction, and ``live_per_block`` gives the same answers for all of them from one
pass per literal over the whole document: the one per-document form of ``live`` (it replaced
``blockscan``, one trie-shaped regex scan for any literal then ``live`` of each block holding
one, ~25-30 % slower on JD109's and the jurisdiction's patterns). ``spaced`` tells whether
two texts joined by a space may hold a literal neither holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from jdlint.core import literals
from jdlint.nlp.doctext import HEAD_CHARS, number_heads

__all__ = ["ALIEN_CHARS", "live_per_block", "spaced"]

# NOTE: the characters ``literals.ALIEN`` matches (tests/test_perf_jd106.py checks them over
# all of Unicode): one memchr each over a document instead of a regex scan of it.
ALIEN_CHARS = ("\u0130", "\u0131", "\u017f", *map(chr, range(0x1C80, 0x1C87)))


# NOTE: signs that are rare in an instruction's text: a pattern that needs one of them is
# anchored on it (``signs=True``) rather than on longer literals, because one character is
# found ~100 times faster than a string of two or more (one memchr-like scan against ~2 ns a
# character; issue 19: JD106's organisation form "ООО «…»" was 16 scans for "ооо", "ип", "гуп"
# … where its quote marks take 4, and its "20__ г." year two where "_" takes one).
_RARE_SIGNS = frozenset('«»„“”"[]№_§@#*{}<>|\\~^')


def _top_level(pattern: literals.Source) -> list[literals.Anchors]:
    """What each top-level item of ``pattern`` requires, as ``literals.required`` reads it (runs
    of literal characters, then each other node; zero-width items require nothing): every
    match contains one literal of each of these sets, and ``required`` keeps the longest."""
    parser, c = literals.RE_PARSER, literals.RE_CONSTANTS
    if parser is None or not isinstance(pattern.pattern, str):
        return []
    try:
        items = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # NOTE: an unexpected tree only costs the speed-up
        return []
    out: list[literals.Anchors] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            char = literals.anchor_char(av)
            if char is not None:
                run.append(char)
                continue
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        # NOTE: the same reading of one node as ``required``'s (its private walk, kept in one
        # place so both always agree on what a node requires)
        need = literals._node(op, av)
        if need is not None:
            out.append(need)
    if run:
        out.append(frozenset({"".join(run)}))
    return out


def _anchors(pattern: literals.Source, signs: bool) -> literals.Anchors | None:
    """``literals.required(pattern)``, or with ``signs`` the fewest rare signs of one top-level
    item when some item needs nothing else."""
    if signs:
        cheap = [need for need in _top_level(pattern) if need <= _RARE_SIGNS]
        if cheap:
            return min(cheap, key=lambda need: (len(need), sorted(need)))
    return literals.required(pattern)


@lru_cache(maxsize=64)
def _literal_table(regexes: tuple[literals.Source, ...], signs: bool = False
                   ) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], tuple[int, ...]]:
    """``literals.Prefilter``'s literals for these patterns (with ``signs``, ``_anchors``'),
    each with the patterns it stands for, and the patterns with no literal known (always run).

    NOTE: a literal that contains another literal of the same pattern ("оао" and "ао") is left
    out: wherever it occurs the shorter one does too, so the pattern is kept all the same, and
    every literal costs one pass over the document (issue 19)."""
    anchors = (tuple(_anchors(p, True) for p in regexes) if signs
               else literals.prefilter(regexes).anchors)
    table: dict[str, list[int]] = {}
    for number, need in enumerate(anchors):
        for literal in sorted(need or ()):
            if not any(other != literal and other in literal for other in need or ()):
                table.setdefault(literal, []).append(number)
    return (tuple((literal, tuple(numbers)) for literal, numbers in table.items()),
            tuple(i for i, need in enumerate(anchors) if need is None))


@lru_cache(maxsize=64)
def spaced(regexes: tuple[literals.Source, ...]) -> bool:
    """True when a literal of these patterns holds a space: it may then span two texts joined
    by one, and ``live`` of the joined text is more than the union of the texts' ``live``."""
    return any(" " in s for need in literals.prefilter(regexes).anchors if need for s in need)


# NOTE: a block's answer depends only on its text (and the patterns): the clauses of one
# employer's or one generator's instructions recur across a batch (~55 % of the characters of
# the wild and the generated sets), and only the texts not seen yet are scanned (issue 19).
# Bounded: at most _KNOWN_LISTS pattern lists, each of at most _KNOWN_TEXTS texts and
# _KNOWN_CHARS characters (beyond one call's own texts); strings only, never a document.
_KNOWN_LISTS = 16
_KNOWN_TEXTS = 8192
_KNOWN_CHARS = 1_000_000


@lru_cache(maxsize=_KNOWN_LISTS)
def _known(regexes: tuple[literals.Source, ...], signs: bool
           ) -> tuple[dict[str, tuple[int, ...]], dict[tuple[int, ...], tuple[int, ...]],
                      list[int]]:
    """The answers kept for these patterns: text → answer, each distinct answer once (a new
    tuple per text kept would be one more object for every full garbage collection to
    visit: ~8,000 of them made a long run's collections slower than the scans saved), and
    the characters kept."""
    return {}, {}, [0]


# NOTE: the characters a head cut by ``number_head`` can end with
_HEAD_ENDS = frozenset(" \t\u00a0)")

_Pairs = tuple[tuple[str, tuple[int, ...]], ...]


@lru_cache(maxsize=64)
def _head_literals(regexes: tuple[literals.Source, ...], signs: bool) -> tuple[_Pairs, _Pairs]:
    """The literals of ``_literal_table`` that can start inside a typed clause number
    (``doctext.number_head``): those made of a head's characters only, which then lie in the
    head ("22.08.1996", a date of JD109), and those that can reach past it, which hold a
    character a head ends with (its blank or ")") after a first one a head is made of. Any
    other literal starting in the head would end in it, or cross its last character."""
    pairs, _ = _literal_table(regexes, signs)
    inside = tuple((literal, numbers) for literal, numbers in pairs
                   if HEAD_CHARS.issuperset(literal))
    across = tuple((literal, numbers) for literal, numbers in pairs
                   if literal[0] in HEAD_CHARS and not HEAD_CHARS.issuperset(literal)
                   and not _HEAD_ENDS.isdisjoint(literal))
    return inside, across


def live_per_block(regexes: tuple[literals.Source, ...], texts: Sequence[str],
                   signs: bool = False) -> list[list[int]]:
    """``literals.prefilter(regexes).live(text)`` for each of ``texts``, the blocks of one
    document (with ``signs``, the same test on the rare signs a pattern needs, when it needs
    some: a pattern is then kept for fewer or other blocks, never dropped where it matches).
    Texts seen before with the same patterns are answered from a bounded cache.

    NOTE: a text led by a typed clause number (a TXT block, "2.1. Вести учёт") is kept and
    scanned as its tail, the clause (issue 19: the clause recurs across a batch, the number
    does not). Exact: the head ``number_head`` cuts is digits, spaces, "." and ")" only and
    lowercases to itself, so the whole text's lowercase is the head then the tail's (the
    final-sigma rule sees no cased letter before the cut either way) and holds the tail's
    occurrences; any other occurrence starts in the head, so its literal starts with a head
    character (``_head_literals``: a few dates and numbers of JD109), and those are looked
    for in the whole text, starting before the cut; no ALIEN character is a head character."""
    known, answers, size = _known(regexes, signs)
    cuts = number_heads(texts)
    keys = [text[cut:] if cut else text for text, cut in zip(texts, cuts, strict=True)]
    new = [key for key in dict.fromkeys(keys) if key not in known]
    if new:
        added = sum(map(len, new))
        if len(known) + len(new) > _KNOWN_TEXTS or size[0] + added > _KNOWN_CHARS:
            known.clear()
            answers.clear()
            new = list(dict.fromkeys(keys))
            size[0], added = 0, sum(map(len, new))
        size[0] += added
        for key, live in zip(new, _scan(regexes, new, signs), strict=True):
            answer = tuple(live)
            known[key] = answers.setdefault(answer, answer)
    out = [list(known[key]) for key in keys]
    inside, across = _head_literals(regexes, signs)
    if inside or across:
        for n, (text, cut) in enumerate(zip(texts, cuts, strict=True)):
            if not cut:
                continue
            head = text[:cut]
            extra = {number for literal, numbers in inside if literal in head
                     for number in numbers}
            if across:
                low = text.lower()
                extra.update(number for literal, numbers in across if literal[0] in head
                             and low.find(literal, 0, cut - 1 + len(literal)) >= 0
                             for number in numbers)
            if not extra.issubset(out[n]):
                out[n] = sorted(extra.union(out[n]))
    return out


def _scan(regexes: tuple[literals.Source, ...], texts: Sequence[str], signs: bool
          ) -> list[list[int]]:
    """``live_per_block`` without the cache: one pass per literal over the texts joined.

    NOTE: ``live`` scanned every block for any of all the patterns' literals with one regex
    alternation, ~1.3 ms a document (issue 19). Here each literal is looked for in the
    lowercased blocks joined, one ``str.find`` over the document, and each occurrence that lies
    inside one block gives that block its pattern (the rest of the block is then skipped).
    Exact: a block's lowercase is a piece of the join, and an occurrence across the separator
    counts for no block; a text with an ALIEN character keeps every pattern, as ``live`` does."""
    pairs, always = _literal_table(regexes, signs)
    original = "\n".join(texts)
    # NOTE: the join lowercased at once, when no character lowercases to more than one (no
    # character lowercases to none, so equal lengths tell it; only "İ" grows): the blocks then
    # start where they did. The one case-dependent mapping, the Greek final sigma, sees a
    # line break at a block's edge either way, and is no literal.
    joined = original.lower()
    if len(joined) == len(original):
        starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    else:
        lows = [text.lower() for text in texts]
        joined = "\n".join(lows)
        starts = list(accumulate((len(low) + 1 for low in lows), initial=0))
    hits: dict[int, set[int]] = {}
    # NOTE: a one-character test is a memchr, ~100 times faster than a longer literal's scan;
    # a literal one of whose characters the document lacks is not looked for.
    chars: dict[str, bool] = {}
    for literal, numbers in pairs:
        if len(literal) > 1 and not all(
                chars[ch] if ch in chars else chars.setdefault(ch, ch in joined)
                for ch in literal):
            continue
        at = joined.find(literal)
        while at >= 0:
            block = bisect_right(starts, at) - 1
            if at + len(literal) < starts[block + 1]:
                hits.setdefault(block, set()).update(numbers)
                at = joined.find(literal, starts[block + 1])
            else:
                at = joined.find(literal, at + 1)
    alien = any(ch in original for ch in ALIEN_CHARS)
    out: list[list[int]] = []
    for block, text in enumerate(texts):
        if alien and literals.ALIEN.search(text):
            out.append(list(range(len(regexes))))
        elif block in hits:
            out.append(sorted(hits[block].union(always)))
        else:
            out.append(list(always))
    return out
