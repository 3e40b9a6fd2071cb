"""Which of a professional standard's function names a document quotes, by lemmas.

Owns the content lemmas of a text (its lemmas without function words and one-letter tokens),
the content lemmas of each block of a document joined as one string (kept per text across the
files of a batch), and the fuzzy test that a text holds a name (``quoted_in``: rapidfuzz's
``partial_ratio``, with an exact common-subsequence prefilter, ``lcs_floor``).
``jdlint.profstandards.detect`` asks it which labour and generalised functions a document names.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from jdlint import nlp
from jdlint.core.model import Document
from jdlint.nlp.doctext import HEAD_CHARS, number_head

__all__ = ["STOP", "content_lemmas", "content_lemmas_all", "lcs_floor", "names_in_text",
           "quoted_in"]

STOP: Final = frozenset(
    "и или а также либо в во на по с со к ко о об обо от до для из за при под над без через "
    "они их его ее её он она оно свой весь все этот тот который что как не ни же бы ли то "
    "том число т.д т.п др иной другой настоящий".split())


def content_lemmas(text: str, lang: str = "ru") -> tuple[str, ...]:
    """Lemmas of ``text`` without function words and one-letter tokens."""
    return content_lemmas_all((text,), lang)[0]


def content_lemmas_all(texts: Iterable[str], lang: str = "ru") -> list[tuple[str, ...]]:
    """``content_lemmas`` of each text (the file's shared lemmas looked up once, not per
    text: issue 19)."""
    from jdlint.nlp.doctext import shared_nlp  # NOTE: the tokens of the file being linted

    lemmas = shared_nlp().lemmas
    # NOTE: list comprehensions: tuple() of a generator resumes it per lemma (~2x slower).
    return [tuple([lem for lem in lemmas(text, lang) if lem not in STOP and len(lem) > 1])
            for text in texts]


@lru_cache(maxsize=4096)
def _joined_lemmas(name: str, backend: str) -> str:
    """The content lemmas of a standard's function name, joined; kept across files (the
    same names were tokenised for every instruction claiming the standard; issue 19) and
    keyed by the tokenizer backend, which may change between two files."""
    del backend  # NOTE: part of the key only
    return " ".join(content_lemmas(name))


# NOTE: a block's Russian lemmas joined, as (the length of all of them joined, the content
# ones joined), kept per text across the files of a batch (issue 19: every block of an
# instruction citing a standard had its lemmas gathered and joined twice, and a batch repeats
# about half of its block texts), per tokenizer backend. Like ``_joined_lemmas``, an answer
# depends only on the text and the backend's lemmas. Bounded in characters by emptying.
BLOCKS_CHARS = 1 << 20
_BLOCK_TEXT = 1000  # NOTE: a longer block is read each time
_BLOCKS: dict[str, dict[str, tuple[int, str]]] = {}
_blocks_chars = 0


def _tail(text: str, backend: str) -> str:
    """``text`` without a typed clause number, when that has the same lemmas: with the regex
    backend, the head ``doctext.number_head`` cuts ("2.1. ", "3) ", "- ") is tokenised apart
    from the rest and holds no word (its exactness argument), so the lemmas are the rest's. A
    TXT line keeps its number, so it is new in most files while the rest recurs across a batch
    (issue 19)."""
    if backend != "regex" or not text or text[0] not in HEAD_CHARS:
        return text
    end = number_head(text)
    return text[end:] if end else text


def _block_lemmas(text: str, kept: dict[str, tuple[int, str]], backend: str
                  ) -> tuple[int, str]:
    """(length of all the lemmas of ``text`` joined, its content lemmas joined), kept in
    ``kept`` (the table of ``_BLOCKS`` of the tokenizer ``backend``) for the text and, when it
    is a numbered clause, for the clause without its number (``_tail``)."""
    global _blocks_chars
    from jdlint.nlp.doctext import shared_nlp

    key = _tail(text, backend)
    found = kept.get(key)
    if found is None:
        lemmas = shared_nlp().lemmas(key, "ru")
        found = (len(" ".join(lemmas)),
                 " ".join([lem for lem in lemmas if lem not in STOP and len(lem) > 1]))
    for one in {text, key}:
        if len(one) <= _BLOCK_TEXT and one not in kept:
            if _blocks_chars + len(one) > BLOCKS_CHARS:
                for table in _BLOCKS.values():
                    table.clear()  # NOTE: in place: ``kept`` is one of them
                _blocks_chars = 0
            kept[one] = found
            _blocks_chars += len(one)
    return found


def names_in_text(doc: Document, names: Sequence[str]) -> set[int]:
    """Indices of ``names`` that some block of the document quotes (lemma partial match)."""
    backend = nlp.tokenizer()
    wanted = [(n, joined) for n, joined in ((n, _joined_lemmas(name, backend))
                                            for n, name in enumerate(names))
              if len(joined.split()) >= 3]
    if not wanted:
        return set()
    shortest = min(len(joined) for _n, joined in wanted)
    blocks = doc.raw.blocks
    noise, size = doc.noise, len(blocks)
    kept = _BLOCKS.setdefault(backend, {})
    # NOTE: comprehensions, not one loop with its tests and appends (~170 blocks a document;
    # issue 19); a block's entry is a non-empty tuple, so ``or`` computes only what is missing
    raw = [blocks[i].text for i in doc.span if i < size and i not in noise]
    entries = [kept.get(text) or _block_lemmas(text, kept, backend) for text in raw
               if len(text) > 15]
    # NOTE: the content lemmas joined are a subsequence of all the lemmas joined, so no
    # longer: a block whose lemmas joined are shorter than every name holds none of them
    # (``quoted_in`` reads only texts at least as long as the name; issue 19).
    texts = [content for length, content in entries if length >= shortest]
    # NOTE: sorted by length once: each name is looked for only in the texts at least as long.
    texts.sort(key=len)
    sizes = [len(t) for t in texts]
    return {n for n, joined in wanted
            if _holds(joined, texts[bisect_left(sizes, len(joined)):])}


def quoted_in(wanted: str, texts: Sequence[str], cutoff: int = 95) -> bool:
    """True when some text at least as long as ``wanted`` holds it with
    ``fuzz.partial_ratio`` ≥ ``cutoff``."""
    return _holds(wanted, [t for t in texts if len(t) >= len(wanted)], cutoff)


def _holds(wanted: str, longer: Sequence[str], cutoff: int = 95) -> bool:
    """``quoted_in`` of texts all at least as long as ``wanted`` (in any order)."""
    # NOTE: exact prefilter (issue 19): only texts sharing a long enough common subsequence
    # with the name can reach the cut-off (``lcs_floor``); one bit-parallel C pass drops
    # ~99 % of them before the costlier partial_ratio alignment (one C scan too).
    close = process.extract(wanted, longer, scorer=LCSseq.similarity,
                            score_cutoff=lcs_floor(len(wanted), cutoff), limit=None)
    return bool(close) and process.extractOne(wanted, [c[0] for c in close],
                                              scorer=fuzz.partial_ratio,
                                              score_cutoff=cutoff) is not None


def lcs_floor(size: int, cutoff: int = 95) -> int:
    """The least common-subsequence length a text must share with a needle of ``size``
    characters for ``fuzz.partial_ratio`` to reach ``cutoff`` (an integer percentage).

    partial_ratio is the Indel ratio 200·L/(|a|+|b|) of the needle (or a part of it) and
    a part of the text, one of the two ``size`` long, each at least L long, L their common
    subsequence; so it is at most 200·L/(size+L), which grows with L, and L is at most the
    needle's common subsequence with the whole text. A text whose common subsequence is
    below the least L with 200·L ≥ cutoff·(size+L) can never score ``cutoff``.
    """
    return -(-cutoff * size // (200 - cutoff))
