"""JD302's second test: a short clause of a list that repeats part of a longer one.

Whole-clause similarity (``jdlint.checks.duplicates``) misses a clause that restates part of
a longer clause of the same list, because the long clause says more. This module owns that
containment test: all stems of the short clause stand in the long one, or all but one minor
qualifier (never the clause's action, never a word that carries its weight).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

__all__ = ["contained_in", "contained_pairs"]

# NOTE: the one stem a short clause may add carries at most this share of its TF-IDF weight:
# a qualifier (0.12-0.17 on real lists), not the object of another duty ("бюджет": 0.28).
_MINOR = 0.2


def contained_pairs(stems: Sequence[tuple[str, ...]], lists: Sequence[Hashable], min_stems: int,
                    vectors: Sequence[Mapping[str, float]],
                    sets: Sequence[frozenset[str]] | None = None) -> list[tuple[int, int, float]]:
    """Pairs of one list where every stem of one clause (at least ``min_stems`` of them) is
    also in another, longer clause: the short clause repeats part of the long one ("… and
    returns the loading equipment to suppliers" inside a longer duty, then again as a duty of
    its own). Whole-clause similarity misses these, because the long clause says more.
    Scored by the share of the short clause's stems found in the long one. Per clause:
    ``stems`` in order, ``lists`` the list it belongs to (clauses of other lists never pair),
    ``vectors`` its TF-IDF weights (``duplicates.weights``), ``sets`` its distinct stems
    when the caller has them (``clausesim.distinct_stems``)."""
    if sets is None:
        sets = [frozenset(s) for s in stems]
    keys = list(lists)
    # NOTE: an index from stem to the clauses of a list that hold it: only clauses sharing all
    # but one of a clause's stems are compared (profiled: a test of every pair of a list was
    # the costliest part of JD302). One index per list rather than one keyed by (list, stem):
    # a list's key is a tuple whose hash is not kept, so it is hashed once per clause, not
    # once per stem (issue 19).
    postings: dict[Hashable, dict[str, list[int]]] = {}
    members: dict[Hashable, list[int]] = {}
    for i, own in enumerate(sets):
        if len(own) >= min_stems:
            key = keys[i]
            index = postings.get(key)
            if index is None:
                index = postings[key] = {}
                members[key] = []
            members[key].append(i)
            for stem in own:
                held = index.get(stem)
                if held is None:
                    index[stem] = [i]
                else:
                    held.append(i)
    out: dict[tuple[int, int], float] = {}
    for key, index in postings.items():
        contained_in(members[key], index, stems, sets, vectors, min_stems, out)
    return [(i, j, score) for (i, j), score in sorted(out.items())]


def contained_in(members: Sequence[int], index: Mapping[str, Sequence[int]],
                 stems: Sequence[tuple[str, ...]], sets: Sequence[frozenset[str]],
                 vectors: Sequence[Mapping[str, float]], min_stems: int,
                 out: dict[tuple[int, int], float]) -> None:
    """``contained_pairs`` of the clauses ``members`` of one list, added to ``out`` (pair →
    score). ``index``: stem → the clauses of the list holding it, in any order; it may hold
    clauses of fewer than ``min_stems`` stems too (they never pair: a partner is at least as
    long as a clause of ``min_stems``), so JD302's pair search lends its own
    (``clausesim.similar_and_contained``)."""
    for i in members:
        own = sets[i]
        size = len(own)
        if size < min_stems or not size:
            continue
        # NOTE: a partner holds all of ``own`` but at most one stem, so it holds at least one
        # of any two stems of ``own``: the postings of the two rarest stems list every
        # partner. Counting the shared stems over every posting of ``own`` (the form this
        # replaced, kept in tests/test_perf_nlp2.py) was a fifth of JD302 (issue 19).
        lists_ = sorted(map(index.__getitem__, own), key=len)
        if len(lists_[-1]) == 1 or (size > 1 and len(lists_[1]) == 1):
            # NOTE: no other clause of the list holds any of its stems, or two of them are
            # its own (each posting lists the clause itself): no partner (most clauses of a
            # long list, issue 19)
            continue
        found = set(lists_[0]).union(lists_[1]) if size > 1 else lists_[0]
        for j in found:
            if j == i:
                continue
            other = sets[j]
            if len(other) < size or len(own - other) > 1:
                continue
            pair = (i, j) if i < j else (j, i)
            if pair in out:
                continue
            score = _contained(stems, sets, vectors, *pair, min_stems)
            if score > 0:
                out[pair] = score


def _contained(stems: Sequence[tuple[str, ...]], sets: Sequence[frozenset[str]],
               vectors: Sequence[Mapping[str, float]], i: int, j: int, min_stems: int) -> float:
    a, b = sets[i], sets[j]
    first, short, long = (i, a, b) if len(a) <= len(b) else (j, b, a)
    gone = short - long
    if short == long or len(gone) > 1:
        return 0.0
    # NOTE: one stem of a long enough short clause may differ (a qualifier such as
    # "сельскохозяйственного" added to a list item restated further down), but never its
    # first one, the action: "соблюдать правила …" is not "контролировать соблюдение правил".
    if gone and (len(short) < min_stems + 2 or len(long) <= len(short)
                 or stems[first][0] in gone
                 or sum(vectors[first][g] for g in gone) > _MINOR * sum(vectors[first].values())):
        return 0.0
    return round(100.0 * (len(short) - len(gone)) / len(short), 1)
