"""Which blocks of a document a phrase matcher may find something in: the per-document
lemma → blocks index shared by every phrase rule, and each matcher's candidate blocks.

``candidate_blocks`` is what ``jdlint.checklib.matching.find`` (and JD204's regime) search:
the blocks holding every lemma of one of the matcher's phrases (``PhraseMatcher.find`` finds
nothing in any other block). The index lists only the lemmas some matcher asked about (the
"wanted" lemmas), which is all ``candidate_blocks`` reads; the wanted set and each text's
share of it are kept across the files of a batch by ``jdlint.nlp.matcher``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jdlint import nlp
from jdlint.checklib import phrase_context
from jdlint.core.model import Document
from jdlint.nlp import matcher as phrase_index
from jdlint.nlp.doctext import number_heads
from jdlint.nlp.matcher import PhraseMatcher

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["candidate_blocks"]


def candidate_blocks(doc: Document, ctx: RuleContext, matcher: PhraseMatcher) -> set[int]:
    """The blocks of ``doc`` where ``matcher`` may find something: those holding every lemma
    of one of its phrases (``matcher.find`` finds nothing in any other block). Once per
    document and matcher; the set is shared, read it only."""
    def collect() -> set[int]:
        where = _lemma_blocks(doc, ctx, matcher)
        candidates: set[int] = set()
        groups = _by_first(matcher)
        # NOTE: a phrase whose first lemma no block holds has no candidate: the keys views
        # intersect in C, and only the phrases of a first lemma the document holds are walked
        # (issue 19: every phrase of every matcher was, once per document).
        for first in groups.keys() & where.keys():
            for lemmas in groups[first]:
                # NOTE: "в пределах переменной части …" starts with a lemma of nearly every
                # block; the blocks holding all of its lemmas are few (issue 19).
                held: set[int] | None = None
                for lemma in lemmas:
                    found = where.get(lemma)
                    if not found:
                        held = None
                        break
                    held = set(found) if held is None else held.intersection(found)
                    if not held:
                        break
                if held:
                    candidates |= held
        return candidates

    return ctx.memo(("phrase-candidates", matcher), collect)


@lru_cache(maxsize=256)
def _phrase_lemmas(matcher: PhraseMatcher) -> tuple[tuple[str, ...], ...]:
    """The distinct lemmas of each phrase as the matcher compiled them (``patterns``: lemmas
    and gap widths, exactly what ``find`` compares), first lemma first."""
    return tuple(tuple(dict.fromkeys(p for p in pattern if isinstance(p, str)))
                 for pattern in matcher.patterns())


@lru_cache(maxsize=256)
def _by_first(matcher: PhraseMatcher) -> dict[str, list[tuple[str, ...]]]:
    """``_phrase_lemmas`` grouped by their first lemma (read it only)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for lemmas in _phrase_lemmas(matcher):
        if lemmas:
            out.setdefault(lemmas[0], []).append(lemmas)
    return out


@lru_cache(maxsize=256)
def _all_lemmas(matcher: PhraseMatcher) -> frozenset[str]:
    """Every lemma of every phrase of ``matcher``: what its candidates are read from."""
    return frozenset(lemma for lemmas in _phrase_lemmas(matcher) for lemma in lemmas)


def _lemma_blocks(doc: Document, ctx: RuleContext, matcher: PhraseMatcher
                  ) -> dict[str, list[int]]:
    """Lemma → the blocks of ``doc`` where a matcher sees it (all blocks, any scope), for
    every lemma of the matcher's phrases (and those of the matchers that asked before)."""
    # NOTE: the memo holds a slot per document, filled (and refilled when a matcher brings
    # new lemmas) here: ``ctx.memo`` keeps the first value it is given.
    slot: list[tuple[frozenset[str], dict[str, list[int]]]] = ctx.memo(
        ("lemma-blocks", matcher.lang, matcher.tokenize), list)
    if slot and _all_lemmas(matcher) <= slot[0][0]:
        return slot[0][1]
    tokenize, lang = matcher.tokenize, matcher.lang
    version, wanted = phrase_index.wanted(tokenize, lang, _all_lemmas(matcher))
    # NOTE: a matcher with a lemma no earlier one had (the first files of a process only)
    # rebuilds the document's index for the grown set.
    if slot:
        # NOTE: a rebuild (a matcher with new lemmas, ~20 times on a process's first file):
        # each block's lemma set is taken once per document and intersected in C, not
        # gathered from its tokens again (the cold start paid ~20 full passes).
        where = _index_of(ctx.memo(("block-lemma-sets", lang, tokenize), lambda: [
            frozenset([tok.lemma for tok in tokenize(block.text, lang)])
            for block in doc.raw.blocks]), wanted)
    else:
        # NOTE: a numbered text is looked up as its number and its clause (issue 19, TXT)
        # only for the shared tokens, which are ``nlp.tokens``'s (see ``lemma_blocks``)
        texts = [block.text for block in doc.raw.blocks]
        cuts = number_heads(texts) if tokenize is phrase_context.tokens else None
        where = phrase_index.lemma_blocks(texts, tokenize, lang, nlp.tokenizer(), version,
                                          wanted, cuts)
    slot[:] = [(wanted, where)]
    return where


def _index_of(lemma_sets: list[frozenset[str]], wanted: frozenset[str]
              ) -> dict[str, list[int]]:
    """Wanted lemma → the blocks whose lemma set holds it, in block order."""
    out: dict[str, list[int]] = {}
    for index, lemmas in enumerate(lemma_sets):
        for lemma in lemmas & wanted:
            found = out.get(lemma)
            if found is None:
                out[lemma] = [index]
            else:
                found.append(index)
    return out
