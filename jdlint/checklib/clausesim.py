"""JD302's whole-clause similarity: the clause records the duplicate rules compare (``Copy``,
``Candidate``), the TF-IDF vectors of their stems (``weights``) and the scored pairs of one
list (``similarity_pairs``); ``similar_and_contained`` gives those and the pairs of
``jdlint.checklib.containment`` from one stem index per list. What a clause's lemmas, stems and
scope are is ``jdlint.checks.duplicates``'s; this module owns how two such clauses are scored.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, repeat
from operator import mul, truediv
from typing import NamedTuple

from jdlint.checklib.containment import contained_in, contained_pairs
from jdlint.core.model import Clause

__all__ = ["Candidate", "Copy", "distinct_stems", "similar_and_contained", "similarity_pairs",
           "weights"]


# NOTE: named tuples rather than frozen dataclasses: one of each is built per clause of every
# document, and a frozen dataclass sets each field through ``object.__setattr__`` (twice the
# cost; issue 19). Both are immutable and compared by their fields either way.
class Copy(NamedTuple):
    """One place of a repeated clause; ``scope`` says which clauses it may be compared with
    by JD302 (its section and the lead-in of its list, numbers ignored)."""

    clause: Clause
    section: int
    key: str
    scope: tuple[int, str]

    @property
    def block(self) -> int:
        """The block the clause starts in."""
        return self.clause.first_block


class Candidate(NamedTuple):
    """A clause as JD302 compares it."""

    copy: Copy
    lemmas: tuple[str, ...]
    stems: tuple[str, ...]
    figures: tuple[str, ...]
    # NOTE: ``frozenset(stems)`` when the maker has it (``duplicates.candidates`` keeps one per
    # lemma sequence, so a clause a batch repeats does not build it again: issue 19).
    unique: frozenset[str] | None = None


# NOTE: a clause's distinct stems (first occurrences first) and 1 + log(count) of each
_Repeats = dict[tuple[str, ...], tuple[tuple[str, ...], tuple[float, ...]]]
# NOTE: ~1 KB an entry at most, so ~4 MB
_REPEATS_MAX = 1 << 12


def weights(items: Sequence[Candidate], repeats: _Repeats | None = None,
            sets: Sequence[frozenset[str]] | None = None) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of the stems, IDF over the clauses of this instruction: the words
    every clause of the document repeats ("инфокоммуникационных систем") weigh little.
    ``repeats``: a clause's distinct stems and their counts' factors, per stem sequence, kept
    by the caller across documents (a function of the stems: issue 19, counting them was a
    third of this function; the rule keeps one through ``ctx.compiled``). ``sets``:
    ``distinct_stems(items)`` when the caller has them."""
    if repeats is None:
        repeats = {}
    if sets is None:
        sets = distinct_stems(items)
    frequency = Counter(chain.from_iterable(sets))
    total = len(items) + 1
    # NOTE: the IDF factor is a function of a stem's count, and a document's stems have a few
    # distinct counts: one logarithm per count, not per stem; the same float operations on
    # the same operands, so the same weights (issue 19).
    counts = frequency.values()
    logs = {n: math.log(total / (n + 0.5)) for n in set(counts)}
    idf = dict(zip(frequency, map(logs.__getitem__, counts), strict=True))
    factor = idf.__getitem__
    vectors: list[dict[str, float]] = []
    for item, unique in zip(items, sets, strict=True):
        stems = item.stems
        if len(unique) == len(stems):
            # NOTE: no stem repeated (most clauses): (1 + log(1)) * idf is 1.0 * idf, the
            # same float, without counting the stems. ``map`` over C callables rather than
            # comprehensions: the same products, summed and divided in the same order.
            values = list(map(factor, stems))
            norm = math.sqrt(sum(map(mul, values, values))) or 1.0
            vectors.append(dict(zip(stems, map(truediv, values, repeat(norm)), strict=True)))
            continue
        keys, tfs = _repeats(stems, repeats)
        # NOTE: (1 + log(n)) * idf, squared, summed and divided in the stems' first order, as
        # the comprehensions over ``Counter(stems)`` this replaced did: the same floats.
        values = list(map(mul, tfs, map(factor, keys)))
        norm = math.sqrt(sum(map(mul, values, values))) or 1.0
        vectors.append(dict(zip(keys, map(truediv, values, repeat(norm)), strict=True)))
    return vectors


def _repeats(stems: tuple[str, ...], kept: _Repeats) -> tuple[tuple[str, ...], tuple[float, ...]]:
    found = kept.get(stems)
    if found is None:
        counts = Counter(stems)
        found = (tuple(counts), tuple([1 + math.log(n) for n in counts.values()]))
        if len(kept) >= _REPEATS_MAX:
            kept.clear()  # NOTE: bounded by emptying, like ``duplicates``' kept derivations
        kept[stems] = found
    return found


def distinct_stems(items: Sequence[Candidate]) -> list[frozenset[str]]:
    """Each clause's set of stems: the kept one, else built (in the stems' order, so either
    way the same set, iterated in the same order)."""
    return [frozenset(item.stems) if item.unique is None else item.unique for item in items]


def similarity_pairs(items: Sequence[Candidate], *, min_lemmas: int, floor: float = 0.0,
                     vectors: Sequence[Mapping[str, float]] | None = None,
                     ) -> list[tuple[int, int, float]]:
    """Scored pairs (i < j, similarity 0–100) of clauses in one scope with the same figures.

    Similarity is the lower of two scores: rapidfuzz ``token_sort_ratio`` of the content
    lemmas (inflection and word order do not count) and the cosine of the TF-IDF stem vectors
    (what the two clauses share must be what distinguishes them from the other clauses).
    """
    vectors = vectors if vectors is not None else weights(items)
    found, _ = _dots(items, vectors, min_lemmas=min_lemmas, floor=floor)
    return _scored(items, found, floor)


def similar_and_contained(items: Sequence[Candidate], *, min_lemmas: int, floor: float,
                          min_stems: int, repeats: _Repeats | None = None,
                          ) -> tuple[list[tuple[int, int, float]], list[tuple[int, int, float]]]:
    """``similarity_pairs(items, …)`` and ``containment.contained_pairs`` of the same clauses
    (each list by its scope and figures, ``min_stems``): the latter searched in the stem index
    of each list the former builds, not in a second one (issue 19: building it was 60 % of the
    containment search). That index holds every clause of ``min_lemmas`` lemmas, so when a
    clause of ``min_stems`` distinct stems has fewer lemmas (never for ``candidates``' clauses
    unless ``min_stems`` < ``min_lemmas``), containment builds its own as before.
    ``repeats``: as ``weights`` takes it."""
    sets = distinct_stems(items)
    vectors = weights(items, repeats, sets)
    stems = [item.stems for item in items]
    out: dict[tuple[int, int], float] = {}

    def visit(members: Sequence[int], index: Mapping[str, Sequence[int]]) -> None:
        contained_in(members, index, stems, sets, vectors, min_stems, out)

    found, whole = _dots(items, vectors, min_lemmas=min_lemmas, floor=floor,
                         visit=(visit, sets, min_stems))
    if whole:
        contained = [(i, j, score) for (i, j), score in sorted(out.items())]
    else:
        contained = contained_pairs(stems, [(c.copy.scope, c.figures) for c in items],
                                    min_stems, vectors, sets)
    return _scored(items, found, floor), contained


def _scored(items: Sequence[Candidate], found: list[tuple[int, int, float]], floor: float
            ) -> list[tuple[int, int, float]]:
    """The pairs of ``found`` (i, j, dot product) whose similarity reaches ``floor``."""
    from rapidfuzz import fuzz

    out: list[tuple[int, int, float]] = []
    joined: dict[int, str] = {}
    for i, j, dot in found:
        cosine = 100.0 * dot
        if cosine < floor:
            continue
        if i not in joined:
            joined[i] = " ".join(items[i].lemmas)
        if j not in joined:
            joined[j] = " ".join(items[j].lemmas)
        ratio = fuzz.token_sort_ratio(joined[i], joined[j])
        score = min(cosine, float(ratio))
        if score >= floor:
            out.append((i, j, score))
    return out


# NOTE: what ``_dots`` calls with each list's members and stem index, with the clauses' stem
# sets and the fewest stems the callee looks at (``similar_and_contained``)
_Visit = tuple[Callable[[Sequence[int], Mapping[str, Sequence[int]]], None],
               Sequence[frozenset[str]], int]


def _dots(items: Sequence[Candidate], vectors: Sequence[Mapping[str, float]], *,
          min_lemmas: int, floor: float, visit: _Visit | None = None,
          ) -> tuple[list[tuple[int, int, float]], bool]:
    """The pairs (i < j, in order) worth scoring, with the dot product of their vectors: long
    enough, same scope, same figures and, when ``floor`` is positive, able to reach it.

    With no floor every pair of a scope is scored; the dot products then come from an
    inverted index: each clause adds ``w * v[stem]`` to the partners holding ``stem``,
    walking its own stems in order, which is the sum the pairwise form computed (the products
    of the shared stems in the order of the first clause's vector, from zero): the same float.

    With a floor, a pair must share a "heavy" stem of each clause (``_heavy``): a pair sharing
    only light stems of one clause has a cosine below the floor (Cauchy-Schwarz). Light stems
    are the common ones, with the long postings, so few pairs are looked at, and each is summed
    as the pairwise form did (issue 19; that form is kept in tests/test_perf_jd302.py).

    ``visit``: called with each list of two clauses or more and its complete stem index
    (stem → members holding it) when every clause of the visit's stem count is in a list;
    the flag returned says whether it was (else it is never called)."""
    groups: dict[tuple[tuple[int, str], tuple[str, ...]], list[int]] = defaultdict(list)
    whole = True
    for i, item in enumerate(items):
        if len(item.lemmas) >= min_lemmas:
            groups[(item.copy.scope, item.figures)].append(i)
        elif visit is not None and len(visit[1][i]) >= visit[2]:
            whole = False  # NOTE: a clause the visit looks at is in no list
    call = visit[0] if visit is not None and whole else None
    found: list[tuple[int, int, float]] = []
    # NOTE: the margin covers the rounding of the float sums the bound is made of.
    limit = (floor / 100.0) ** 2 - 1e-9
    for members in groups.values():
        if len(members) < 2:
            continue
        # NOTE: clauses taken last to first, so the index holds only later clauses (j > i).
        by_stem: dict[str, list[int]] = {}
        heavy: dict[int, frozenset[str]] = {}
        for i in reversed(members):
            own = vectors[i]
            if floor > 0.0:
                mine = heavy[i] = _heavy(own, limit)
                partners = {j for stem in mine for j in by_stem.get(stem, ())}
                for j in partners:
                    other = vectors[j]
                    if not heavy[j].isdisjoint(own):
                        found.append((i, j, sum([w * other[stem] for stem, w in own.items()
                                                 if stem in other])))
            else:
                acc: dict[int, float] = {}
                for stem, w in own.items():
                    for j in by_stem.get(stem, ()):
                        acc[j] = acc.get(j, 0.0) + w * vectors[j][stem]
                found.extend([(i, j, acc.get(j, 0.0)) for j in members if j > i])
            for stem in own:
                later = by_stem.get(stem)
                if later is None:
                    by_stem[stem] = [i]
                else:
                    later.append(i)
        if call is not None:
            call(members, by_stem)
    found.sort()  # NOTE: (i, j) is unique, so the dot product never decides the order
    return found, call is not None


def _heavy(vector: Mapping[str, float], limit: float) -> frozenset[str]:
    """The stems of a unit ``vector`` outside its lightest ones whose squares sum below
    ``limit``: a partner sharing none of them shares only light stems ``L``, and its cosine is
    at most ``|vector restricted to L|`` < ``sqrt(limit)``."""
    total = 0.0
    for cut in sorted(vector.values()):
        total += cut * cut
        if total >= limit:
            # NOTE: stems tied with the cut stay heavy: fewer light stems, the bound holds.
            return frozenset([stem for stem, value in vector.items() if value >= cut])
    return frozenset()  # NOTE: the light stems reach no ``limit``: a cut above every weight
