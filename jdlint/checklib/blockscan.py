"""Which blocks of a document may hold a literal of a ``literals.Prefilter``, from ONE scan of
the whole document (issue 19).

``Prefilter.live(text)`` lowercases a text and scans it for any of its patterns' literal words;
JD109 and the jurisdiction detector asked it once per block (JD109 twice: a block and the
line that continues its clause), and nearly every block holds none. ``BlockScan.hits`` scans
the blocks' lowercased texts joined into one string, with the literals as a trie-shaped regular
expression (``re`` tries an alternation's branches one after another at each position, a
trie's first letter once), and says which blocks hold one. For any other block ``live`` is
exactly ``BlockScan.always``, the patterns without literals:

* ``live(text)`` without an ``ALIEN`` character is ``always`` plus the patterns one of whose
  literals occurs in ``text.lower()``; a document holding an ``ALIEN`` character is not
  scanned (``hits`` gives None: ask ``live`` for every block);
* blocks are joined with a line break, and a literal holding a line break or a space (which
  could also span the join of a block with its next line) makes ``hits`` give None too, so a
  literal is found inside one block or not at all; lowercasing a text piece by piece gives the
  same literals as lowercasing it whole (only the Greek final sigma depends on its neighbours,
  and it is no literal).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

from jdlint.core import literals

__all__ = ["BlockScan", "block_scan"]

_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, their shared prefixes merged."""
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Node) -> str:
        alternatives = [re.escape(char) + emit(node[char]) for char in sorted(node) if char]
        if "" in node:
            return f"(?:{'|'.join(alternatives)})?" if alternatives else ""
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return emit(root)


class BlockScan:
    """One prefilter's literals, to scan the blocks of a document at once."""

    __slots__ = ("_scan", "always", "prefilter")

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.prefilter = literals.prefilter(tuple(patterns))
        anchors = self.prefilter.anchors
        self.always = [i for i, need in enumerate(anchors) if need is None]
        words = {s for need in anchors if need is not None for s in need}
        # NOTE: an empty literal would be in every text, one with a line break or a space could
        # span two blocks: ``hits`` then gives up (None) and every block is asked.
        usable = bool(words) and all(s and "\n" not in s and " " not in s for s in words)
        self._scan = re.compile(_trie(words)) if usable else None

    def hits(self, texts: Sequence[str]) -> set[int] | None:
        """Indices of ``texts`` that hold a literal; None when that cannot be told this way
        (then ``prefilter.live`` must be asked for every text)."""
        if self._scan is None:
            return None if any(self.prefilter.anchors) else set()
        joined = "\n".join(texts)
        if literals.ALIEN.search(joined):
            return None
        lows = [text.lower() for text in texts]
        # NOTE: where each lowercased text starts in the joined string ("İ" lowercases to two
        # characters, so the lengths are the lowercased ones).
        starts = list(accumulate((len(low) + 1 for low in lows), initial=0))
        return {bisect_right(starts, m.start()) - 1 for m in self._scan.finditer("\n".join(lows))}


@lru_cache(maxsize=64)
def block_scan(patterns: tuple[re.Pattern[str], ...]) -> BlockScan:
    """A ``BlockScan`` per list of patterns (compiled patterns are cached by ``re``, so a rule
    rebuilding its list per document gets the same key)."""
    return BlockScan(patterns)
