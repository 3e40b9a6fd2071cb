"""Counting which profile markers occur in a whole instruction, cheaply and exactly (issue 19).

A profile's markers are case-insensitive patterns searched over a document's whole text; ``re``
gets no literal scan for them, so a search that finds nothing walks the text position by
position. Most markers start with a literal word ("pareigybės\\s+lygmuo") that is common in the
documents while the whole marker is rare. This module reads from each pattern's parse tree

* ``needs``: sets of lowercase literals of which every match contains one each (all literal
  runs of the pattern, not only the most selective one: "pareigybės" *and* "lygmuo"), and
* ``starts``: lowercase literals one of which every match starts with,

and then answers "does the marker occur" with substring tests on the lowercased text and
``match`` attempts only where a start literal stands. Both are necessary conditions, so the
answer equals ``pattern.search(text) is not None``:

* literal characters take part only through ``core.literals.anchor_char`` (every
  case-insensitive partner lowercases to the same character), and a text holding an ``ALIEN``
  character takes the plain search;
* match positions are read in the lowercased text, so the lowercased text must have the
  text's length (``str.lower`` maps one character to one except "İ"); otherwise plain search;
* a node the walk does not understand gives no requirement (``needs``) or no start literal
  (``starts`` None: plain search).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from jdlint.core.literals import ALIEN, RE_CONSTANTS, RE_PARSER, anchor_char

__all__ = ["Plan", "count_hits", "plan", "starts"]

# NOTE: re's private parser, as core.literals imports it; None there: every marker is searched
_parser: Any = RE_PARSER
_c: Any = RE_CONSTANTS

Strings = frozenset[str]
# NOTE: a start literal standing this often makes ``match`` at each place dearer than one
# search from the first place.
_MAX_TRIES = 24


def _run(items: Sequence[tuple[Any, Any]], k: int) -> str:
    """The literal characters (lowercase) from ``items[k]`` on, up to the first other node."""
    out: list[str] = []
    for op, av in items[k:]:
        if op is not _c.LITERAL:
            break
        char = anchor_char(av)
        if char is None:
            break
        out.append(char)
    return "".join(out)


def _starts(items: Sequence[tuple[Any, Any]]) -> Strings | None:
    """Literals one of which every match of the node sequence ``items`` starts with."""
    for k, (op, av) in enumerate(items):
        rest = list(items[k + 1 :])
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # NOTE: zero-width: the match starts with what follows
        if op is _c.LITERAL:
            run = _run(items, k)
            return frozenset({run}) if run else None
        if op is _c.SUBPATTERN:
            return _starts([*av[3], *rest])
        if op is _c.BRANCH:
            return _union([_starts([*branch, *rest]) for branch in av[1]])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            # NOTE: at most one round ("(pro)?gimnazij"): the body then ``rest``; more rounds:
            # the body alone, as a second round would break a run joined with ``rest``
            first = _starts([*av[2], *rest]) if av[1] == 1 else _starts(av[2])
            return first if av[0] >= 1 else _union([first, _starts(rest)])
        return None
    return None  # NOTE: the empty sequence starts with nothing known


def _union(parts: Sequence[Strings | None]) -> Strings | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return frozenset(out)


def _needs(items: Sequence[tuple[Any, Any]]) -> list[Strings]:
    """Sets of literals such that every match of ``items`` contains one of each set."""
    out: list[Strings] = []
    k = 0
    while k < len(items):
        op, av = items[k]
        run = _run(items, k) if op is _c.LITERAL else ""
        if run:
            out.append(frozenset({run}))
            k += len(run)
            continue
        if op is _c.SUBPATTERN:
            out.extend(_needs(av[3]))
        elif op is _c.BRANCH:
            found = _union([_starts(branch) for branch in av[1]])
            if found is not None:
                out.append(found)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_needs(av[2]))
        k += 1
    return out


def starts(pattern: re.Pattern[str]) -> Strings | None:
    """Lowercase literals one of which every match of ``pattern`` starts with, or None."""
    try:
        found = _starts(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # NOTE: an unexpected tree only costs the speed-up
        return None
    return found if found and all(found) else None


def _needs_of(pattern: re.Pattern[str]) -> tuple[Strings, ...]:
    try:
        return tuple(n for n in _needs(_parser.parse(pattern.pattern, pattern.flags)) if n)
    except Exception:  # NOTE: an unexpected tree only costs the speed-up
        return ()


Plan = tuple[tuple[re.Pattern[str], tuple[Strings, ...], Strings | None], ...]


@lru_cache(maxsize=64)
def plan(markers: tuple[re.Pattern[str], ...]) -> Plan:
    """Each marker with its ``needs`` and ``starts`` (cached per marker list)."""
    if _parser is None or not all(isinstance(m.pattern, str) for m in markers):
        return tuple((m, (), None) for m in markers)
    return tuple((m, _needs_of(m), starts(m)) for m in markers)


@lru_cache(maxsize=2)
def _lower(text: str) -> str | None:
    """The lowercased text, or None when its positions or literals cannot be trusted."""
    # NOTE: cached: choose_profile asks two profiles about the same text in a row
    low = text.lower()
    return None if len(low) != len(text) or ALIEN.search(text) else low


def _occurs(marker: re.Pattern[str], text: str, low: str, first: Strings) -> bool:
    """``marker.search(text)``, tried only where one of ``first`` stands in ``low``."""
    places = sorted(p for s in first for p in _places(low, s))
    if len(places) > _MAX_TRIES:
        return marker.search(text, places[0]) is not None
    return any(marker.match(text, p) for p in places)


def _places(low: str, literal: str) -> list[int]:
    out: list[int] = []
    at = low.find(literal)
    while at >= 0 and len(out) <= _MAX_TRIES:
        out.append(at)
        at = low.find(literal, at + 1)
    return out


def count_hits(markers: tuple[re.Pattern[str], ...], text: str) -> int:
    """How many of ``markers`` occur in ``text`` (equal to searching each one)."""
    low = _lower(text)
    if low is None:
        return sum(1 for m in markers if m.search(text))
    hits = 0
    for marker, needs, first in plan(markers):
        if not all(any(s in low for s in need) for need in needs):
            continue
        if first is None:
            hits += marker.search(text) is not None
        else:
            hits += _occurs(marker, text, low, first)
    return hits
