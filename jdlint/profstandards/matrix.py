"""The arithmetic of the JD403 matrix: duty lemmas × labour action lemmas → scores.

Owns the lemma-level similarity of ``jdlint.profstandards.coverage`` (which owns what the
matrix means): the soft match of two lemmas (``_soft``: a derivational pair, 0.8), each
action's weighted lemmas (``_Columns``), and the standard's side of the matrix prepared once
per process (``side``): the actions' columns, an index from a lemma to the actions holding it,
and, per duty lemma, the action lemmas it softly matches. A duty's row is then computed only
for the actions it shares a lemma or a soft partner with (every other score is 0.0), with the
same additions in the same order as scoring each pair alone, so the same floats (issue 19).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, process

__all__ = ["HEAD", "SOFT", "Columns", "Side", "side", "soft", "soft_matches"]

HEAD: Final = 2.0
SOFT: Final = 0.8  # a derivational pair (shared prefix or close spelling)
# NOTE: a process keeps the sides of the few standards (and claimed pools) it meets; the
# soft partners of the duty lemmas met so far stay with their side, up to a bound.
_MAX_SIDES: Final = 32
_MAX_PARTNERS: Final = 50_000


@lru_cache(maxsize=65536)
def soft(a: str, b: str) -> float:
    """1.0 for the same lemma, 0.8 for a derivational pair, else 0.0 (symmetric)."""
    if a == b:
        return 1.0
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common >= 5 and common >= 0.5 * min(len(a), len(b)):
        return SOFT
    if min(len(a), len(b)) > 5 and fuzz.ratio(a, b) >= 85:
        return SOFT
    return 0.0


class _Vocabulary:
    """Lemmas that may softly match others, indexed for the two rules of ``soft``: by their
    first five letters (the prefix rule) and, for the ratio rule, the lemmas longer than five
    whose length can reach ratio 85 against a given length."""

    __slots__ = ("_by_prefix", "_longer", "_near")

    def __init__(self, lemmas: Iterable[str]) -> None:
        vocab = sorted(set(lemmas))
        self._by_prefix: dict[str, list[str]] = {}
        for d in vocab:
            self._by_prefix.setdefault(d[:5], []).append(d)
        self._longer = [d for d in vocab if len(d) > 5]
        self._near: dict[int, list[str]] = {}

    def partners(self, lem: str) -> frozenset[str]:
        """The lemmas of the vocabulary other than ``lem`` that ``soft`` matches with it.
        Candidates: the same first five letters, and rapidfuzz's own scan for ratio ≥ 85;
        each confirmed with ``soft`` itself."""
        candidates = set(self._by_prefix.get(lem[:5], ()))
        if len(lem) > 5:
            # NOTE: fuzz.ratio is 200·LCS / (la + lb), at most 200·min / (la + lb): a lemma
            # can reach 85 only against lengths with 2·min / (la + lb) ≥ 0.85; rapidfuzz is
            # handed only those (with a margin).
            size = len(lem)
            choices = self._near.get(size)
            if choices is None:
                choices = self._near[size] = [
                    d for d in self._longer if 2 * min(size, len(d)) >= 0.84 * (size + len(d))]
            candidates.update(d for d, _score, _i in process.extract(
                lem, choices, scorer=fuzz.ratio, score_cutoff=85, limit=None))
        candidates.discard(lem)
        return frozenset(d for d in candidates if soft(lem, d) > 0.0)


def soft_matches(actions: Sequence[Sequence[str]], vocabulary: Iterable[str]
                 ) -> dict[str, frozenset[str]]:
    """For each lemma of ``actions``, the other lemmas of ``vocabulary`` it softly matches
    (``soft`` 0.8). ``soft`` of two different lemmas is 0.8 or 0, so a duty's best soft
    score for a lemma is 0.8 exactly when its lemmas meet this set."""
    vocab = _Vocabulary(vocabulary)
    return {lem: vocab.partners(lem) for lem in {lem for action in actions for lem in action}}


class Columns:
    """The actions of a matrix read once: each action's lemmas with their weights (and the
    weights times ``SOFT``) and its total, indexed by lemma, so a duty's row adds only the
    weights of the lemmas it shares (or softly matches) with each action. The additions are
    those of the pair-by-pair formula in the same order, so the floats are the same."""

    __slots__ = ("_lemmas", "_postings", "_totals", "width")

    def __init__(self, actions: Sequence[Sequence[str]], weights: Mapping[str, float],
                 default: float) -> None:
        totals: list[float] = []
        # NOTE: lemma → (action, the lemma's place in it, weight, weight · SOFT)
        postings: dict[str, list[tuple[int, int, float, float]]] = {}
        for j, action in enumerate(actions):
            total = 0.0
            head = action[0] if action else None
            for place, lem in enumerate(dict.fromkeys(action)):
                # NOTE: a labour action starts with the activity ("Диагностика
                # неисправностей ..."): that word counts double, so "ремонтирует неисправные
                # узлы" is no diagnosis.
                w = weights.get(lem, default) * (HEAD if lem == head else 1.0)
                total += w
                postings.setdefault(lem, []).append((j, place, w, w * SOFT))
            totals.append(total)
        self._totals = totals
        self._postings = {lem: tuple(found) for lem, found in postings.items()}
        self._lemmas = frozenset(postings)
        self.width = len(actions)

    def sparse(self, pool: set[str], softly: set[str]) -> list[tuple[int, float]]:
        """``(action, score)`` for the actions sharing a lemma with ``pool`` (the duty's
        lemmas) or ``softly`` (the action lemmas they softly match), by action; every other
        action scores 0.0 (weights are positive: 0.0 / total is 0.0).

        The pair formula adds, lemma by lemma of the action, w · 1.0 (in ``pool``), else
        w · 0.8 (in ``softly``), else w · 0.0. With positive finite weights w · 1.0 is w, and
        adding w · 0.0 = +0.0 to a sum that started at +0.0 changes nothing: so only the
        lemmas found are added, in their places' order: the same floats."""
        found: dict[int, list[tuple[int, float]]] = {}
        postings = self._postings
        # NOTE: most of a duty's lemmas are in no action: the set operation (in C) leaves
        # only those that are.
        for lem in pool & self._lemmas:
            for j, place, w, _w_soft in postings[lem]:
                terms = found.get(j)
                if terms is None:
                    found[j] = [(place, w)]
                else:
                    terms.append((place, w))
        if softly:
            for lem in softly - pool:
                for j, place, _w, w_soft in postings[lem]:
                    terms = found.get(j)
                    if terms is None:
                        found[j] = [(place, w_soft)]
                    else:
                        terms.append((place, w_soft))
        out: list[tuple[int, float]] = []
        totals = self._totals
        for j in sorted(found):
            terms = found[j]
            if len(terms) == 1:
                got = 0.0 + terms[0][1]
            else:
                terms.sort()
                got = 0.0
                for _place, value in terms:
                    got += value
            total = totals[j]
            out.append((j, got / total if total else 0.0))
        return out

    def row(self, pool: set[str], softly: set[str]) -> list[float]:
        """The scores of one duty against every action (``sparse`` spread out)."""
        out = [0.0] * self.width
        for j, score in self.sparse(pool, softly):
            out[j] = score
        return out


class Side:
    """The standard's side of a matrix, prepared once per process and kept: the columns of
    the actions and the soft partners (among the actions' lemmas) of every duty lemma met."""

    __slots__ = ("_partners", "_rows", "_softened", "_vocabulary", "columns")

    def __init__(self, actions: Sequence[Sequence[str]], weights: Mapping[str, float],
                 default: float) -> None:
        self.columns = Columns(actions, weights, default)
        self._vocabulary = _Vocabulary(lem for action in actions for lem in action)
        self._partners: dict[str, frozenset[str]] = {}
        # NOTE: the duty lemmas kept in ``_partners`` that have partners (few): a duty's
        # lemmas are matched against it by one set operation, not looked up one by one.
        self._softened: set[str] = set()
        # NOTE: a duty's row depends only on its set of lemmas (``sparse`` sums a term per
        # lemma in the lemma's place order), and a batch repeats duties (issue 19)
        self._rows: dict[frozenset[str], tuple[tuple[int, float], ...]] = {}

    def softly(self, pool: Iterable[str]) -> set[str]:
        """The action lemmas some lemma of ``pool`` softly matches (``soft`` is symmetric:
        the same pairs as each action lemma's partners among the duties' lemmas)."""
        lemmas = pool if isinstance(pool, set) else set(pool)
        out: set[str] = set()
        known = self._partners
        for lem in lemmas.difference(known):  # NOTE: met for the first time
            found = self._vocabulary.partners(lem)
            if len(known) < _MAX_PARTNERS:
                known[lem] = found
                if found:
                    self._softened.add(lem)
            out |= found
        for lem in lemmas & self._softened:
            out |= known[lem]
        return out

    def rows(self, duties: Sequence[Sequence[str]]) -> list[tuple[tuple[int, float], ...]]:
        """The sparse row (``Columns.sparse``) of each duty."""
        out: list[tuple[tuple[int, float], ...]] = []
        kept = self._rows
        for duty in duties:
            key = frozenset(duty)
            row = kept.get(key)
            if row is None:
                if not key:
                    row = ()
                else:
                    pool = set(key)
                    row = tuple(self.columns.sparse(pool, self.softly(pool)))
                if len(kept) >= _MAX_ROWS:
                    kept.clear()
                kept[key] = row
            out.append(row)
        return out


_SIDES: dict[tuple[object, ...], Side] = {}
_MAX_ROWS = 8192


def side(key: tuple[object, ...], actions: Callable[[], Sequence[Sequence[str]]],
         weights: Mapping[str, float]) -> Side:
    """The prepared side for ``key``, built from ``actions()`` and ``weights`` on first use;
    ``key`` must name the standard, the tokenizer backend and the actions (the same key, the
    same actions and weights). Lemmas missing from ``weights`` weigh its largest weight."""
    found = _SIDES.get(key)
    if found is None:
        if len(_SIDES) >= _MAX_SIDES:
            _SIDES.clear()
        default = max(weights.values(), default=1.0)
        found = _SIDES[key] = Side(actions(), weights, default)
    return found
