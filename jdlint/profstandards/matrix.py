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

__all__ = ["HEAD", "SOFT", "Side", "side", "soft", "soft_matches"]

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


_Column = tuple[frozenset[str], tuple[tuple[str, float, float], ...], float]


class Columns:
    """The actions of a matrix read once: each action's lemmas with their weights (and the
    weights times ``SOFT``) and its total, and an index from a lemma to the actions holding
    it, so a duty's row adds only the weights of the actions it touches. The additions are
    those of the pair-by-pair formula in the same order, so the floats are the same."""

    __slots__ = ("_columns", "_index", "width")

    def __init__(self, actions: Sequence[Sequence[str]], weights: Mapping[str, float],
                 default: float) -> None:
        columns: list[_Column | None] = []
        index: dict[str, list[int]] = {}
        for j, action in enumerate(actions):
            if not action:
                columns.append(None)
                continue
            head = action[0]
            total = 0.0
            terms: list[tuple[str, float, float]] = []
            for lem in dict.fromkeys(action):
                # NOTE: a labour action starts with the activity ("Диагностика
                # неисправностей ..."): that word counts double, so "ремонтирует неисправные
                # узлы" is no diagnosis.
                w = weights.get(lem, default) * (HEAD if lem == head else 1.0)
                total += w
                terms.append((lem, w, w * SOFT))
                index.setdefault(lem, []).append(j)
            columns.append((frozenset(action), tuple(terms), total))
        self._columns = columns
        self._index = {lem: tuple(js) for lem, js in index.items()}
        self.width = len(columns)

    def sparse(self, pool: set[str], softly: set[str]) -> list[tuple[int, float]]:
        """``(action, score)`` for the actions sharing a lemma with ``pool`` (the duty's
        lemmas) or ``softly`` (the action lemmas they softly match), by action; every other
        action scores 0.0 (weights are positive: 0.0 / total is 0.0)."""
        touched: set[int] = set()
        index = self._index
        for lem in pool | softly if softly else pool:
            found = index.get(lem)
            if found:
                touched.update(found)
        out: list[tuple[int, float]] = []
        columns = self._columns
        for j in sorted(touched):
            column = columns[j]
            assert column is not None  # NOTE: an empty action is in no index entry
            _lemmas, terms, total = column
            got = 0.0
            # NOTE: the pair formula adds w · 1.0, w · 0.8 or w · 0.0 for every lemma; with
            # positive finite weights w · 1.0 is w and adding w · 0.0 = +0.0 to a sum that
            # started at +0.0 changes nothing, so only the first two are added (same floats).
            for lem, w, w_soft in terms:
                if lem in pool:
                    got += w
                elif lem in softly:
                    got += w_soft
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

    __slots__ = ("_partners", "_vocabulary", "columns")

    def __init__(self, actions: Sequence[Sequence[str]], weights: Mapping[str, float],
                 default: float) -> None:
        self.columns = Columns(actions, weights, default)
        self._vocabulary = _Vocabulary(lem for action in actions for lem in action)
        self._partners: dict[str, frozenset[str]] = {}

    def softly(self, pool: Iterable[str]) -> set[str]:
        """The action lemmas some lemma of ``pool`` softly matches (``soft`` is symmetric:
        the same pairs as each action lemma's partners among the duties' lemmas)."""
        out: set[str] = set()
        known = self._partners
        for lem in pool:
            found = known.get(lem)
            if found is None:
                found = self._vocabulary.partners(lem)
                if len(known) < _MAX_PARTNERS:
                    known[lem] = found
            if found:
                out |= found
        return out

    def rows(self, duties: Sequence[Sequence[str]]) -> list[list[tuple[int, float]]]:
        """The sparse row (``Columns.sparse``) of each duty."""
        out: list[list[tuple[int, float]]] = []
        for duty in duties:
            if not duty:
                out.append([])
                continue
            pool = set(duty)
            out.append(self.columns.sparse(pool, self.softly(pool)))
        return out


_SIDES: dict[tuple[object, ...], Side] = {}


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
