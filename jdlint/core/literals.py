"""Which of a list of regular expressions can match a text, told by the literal words each
match must contain (issue 19).

Rules such as JD109 and JD106, and the jurisdiction detector, run a few dozen regular
expressions over every block. Case-insensitive Cyrillic patterns get no literal-prefix scan
from ``re``, so each search walks the whole text in the regex engine, and nearly all of them
find nothing. ``Prefilter`` reads from each pattern's parse tree a set of literal strings one of
which every match contains (``required``: "гост" for ``ГОСТ\\s*Р\\s*6\\.30``), and for a text
keeps only the patterns whose literals occur in its lowercase form: one ``str.lower`` and one
case-sensitive scan for any of the literals (substring tests per literal only after a hit)
instead of a case-insensitive regex scan per pattern.

The test is a necessary condition, never a guess: ``Prefilter.live`` may keep a pattern that
then finds nothing, but never drops one that would match. Two things make it exact:

* only literal characters whose every case-insensitive partner (as ``re`` sees it) lowercases
  to the same character take part (``ANCHOR_LETTERS``, plain ASCII punctuation and digits, a
  few typographic signs); the partners that do not (``ALIEN``: "ſ", dotless "ı", "İ", the old
  Cyrillic letter forms U+1C80-1C86) make ``live`` keep every pattern for a text holding one;
* anything the walk does not understand (a back-reference, an unknown node, a parser that
  changed) gives "no literal known" for that pattern, which is then always kept.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Final, Protocol

__all__ = ["ALIEN", "ANCHOR_LETTERS", "Prefilter", "anchor_char", "prefilter", "required"]

# NOTE: letters whose case-insensitive partners in ``re`` all lowercase to the letter itself,
# except the ALIEN ones (tests/test_perf_rules.py scans all of Unicode for this).
ANCHOR_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz"
                                  "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
                                  "ąčęėįšųūž")
_SIGNS: Final = frozenset("«»„“”№–—…")
ALIEN: Final = re.compile("[\u0130\u0131\u017f\u1c80-\u1c86]")
_ALIEN_LOWER: Final = "[\u0131\u017f\u0307\u1c80-\u1c86]"

try:  # NOTE: the parser is private to ``re``; without it every pattern is simply kept.
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _parser = _c = None
# NOTE: the same two modules for other readers of a pattern's parse tree (catalogue.markerscan)
RE_PARSER: Any = _parser
RE_CONSTANTS: Any = _c

Anchors = frozenset[str]


class Source(Protocol):
    """What the prefilter reads of a pattern: a compiled one, or a ``core.deferred.Deferred``
    not compiled yet (issue 19)."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...


def anchor_char(code: int) -> str | None:
    """The lowercase character a literal stands for in the lowercased text, or None when the
    literal cannot take part (a cased letter outside ``ANCHOR_LETTERS``)."""
    char = chr(code)
    low = char.lower()
    if low in ANCHOR_LETTERS or char in _SIGNS or (char.isascii() and not char.isalpha()):
        return low
    return None


def _better(a: Anchors | None, b: Anchors | None) -> Anchors | None:
    """The more selective of two requirements: the longer shortest literal, then fewer."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _sequence(items: Iterable[tuple[Any, Any]]) -> Anchors | None:
    best: Anchors | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            char = anchor_char(av)
            if char is not None:
                run.append(char)
                continue
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # NOTE: zero-width: the literals on both sides stay adjacent
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        best = _better(best, _node(op, av))
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def _node(op: Any, av: Any) -> Anchors | None:
    """What one node that is not part of a literal run requires."""
    if op is _c.SUBPATTERN:
        return _sequence(av[3])
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        if av[0] < 1:
            return None
        need = _sequence(av[2])
        return _repeated(need, av[0]) if _one_char(av[2]) else need
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            need = _sequence(branch)
            if need is None:
                return None
            out |= need
        return frozenset(out)
    if op is _c.IN:
        chars = {anchor_char(a) if o is _c.LITERAL else None for o, a in av}
        if None in chars or not chars:
            return None
        return frozenset(c for c in chars if c is not None)
    return None


def _one_char(items: Any) -> bool:
    """True when ``items`` is one node that always matches exactly one character."""
    return len(items) == 1 and items[0][0] in (_c.LITERAL, _c.IN)


def _repeated(need: Anchors | None, times: int) -> Anchors | None:
    """``[XХ]{3,}``: three characters in a row, each one of ``need`` ("xxx", "xхx", …), when
    that makes a short list; the single characters otherwise."""
    if need is None or times < 2:
        return need
    count = min(times, 3)
    if len(need) ** count > 16:
        return need
    out = [""]
    for _ in range(count):
        out = [s + c for s in out for c in need]
    return frozenset(out)


def required(pattern: Source) -> Anchors | None:
    """Lowercase strings one of which every match of ``pattern`` contains (in the text's
    ``str.lower``), or None when no such set is known."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        return _sequence(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # NOTE: an unexpected tree only costs the speed-up
        return None


class Prefilter:
    """The patterns of a list that may match a text (``live``), in their order."""

    __slots__ = ("_all", "_always", "_pairs", "_scan", "anchors")

    def __init__(self, patterns: Sequence[Source]) -> None:
        self.anchors: tuple[Anchors | None, ...] = tuple(required(p) for p in patterns)
        self._all = list(range(len(self.anchors)))
        self._always = [i for i, need in enumerate(self.anchors) if need is None]
        self._pairs = tuple((s, i) for i, need in enumerate(self.anchors) if need is not None
                            for s in sorted(need))
        # NOTE: one case-sensitive scan of the lowercased text for any literal or ALIEN
        # character decides the common case (none: only the patterns without literals); the
        # per-literal substring tests run only after a hit. "İ" lowercases to "i" + U+0307,
        # so the combining dot stands for it in the lowercased text.
        # The scan is compiled on the first ``live``: most prefilters are only read through
        # ``anchors`` (``live_per_block``), and its compile was ~3 ms of a cold check (issue 19).
        words = sorted({s for s, _ in self._pairs}, key=lambda s: (-len(s), s))
        self._scan: re.Pattern[str] | str = "|".join([*map(re.escape, words), _ALIEN_LOWER])

    def live(self, text: str) -> list[int]:
        """Indices of the patterns that may match in ``text`` (every one, when unsure)."""
        low = text.lower()
        if isinstance(self._scan, str):
            self._scan = re.compile(self._scan)
        if self._scan.search(low) is None:
            return list(self._always)
        if ALIEN.search(text):
            return list(self._all)
        hit = {i for s, i in self._pairs if s in low}
        hit.update(self._always)
        return sorted(hit)


@lru_cache(maxsize=64)
def prefilter(patterns: tuple[Source, ...]) -> Prefilter:
    """A ``Prefilter`` per list of patterns (rules rebuild their pattern lists per document;
    compiled patterns are cached by ``re``, so the same list gives the same key)."""
    return Prefilter(patterns)
