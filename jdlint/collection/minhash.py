"""MinHash signatures and an LSH band index for the near-copy search, in the standard library
(numpy is used when it happens to be installed; it is not a dependency).

Owns ``permutations``, ``signature``, ``similarity``, ``lsh_params`` and ``BandIndex``. The
numbers are bit-identical to datasketch 2.0's default scheme ("affine32", seed 1) with an
identity hash function, which jdlint used before (datasketch requires scipy and numpy, 190 MB
that ``jdlint duplicates`` only needed for this):

* permutations: ``a = 2·u + 1`` (u < 2³¹) and ``b`` (< 2³²) drawn from MT19937 seeded as numpy's
  legacy ``RandomState(seed)`` seeds it (``init_genrand``), all ``a`` first, then all ``b``;
  Python's ``random`` is the same generator, so its state is set to that seed's state;
* a value ``h`` (a 32-bit shingle hash) is pre-mixed with MurmurHash3's 32-bit finaliser, then
  each permutation maps it to ``(a·h + b) mod 2³²``; the signature keeps each minimum;
* the LSH parameters (bands × rows) minimise the same weighted sum of false-positive and
  false-negative probability integrals; the integrands are polynomials of degree ≤ num_perm,
  so Gauss–Legendre quadrature with num_perm/2 + 1 nodes computes them exactly (to rounding).

Speed (2-core machine shared under load, 1,000 shingles, 128 permutations): numpy 1 ms, the
standard-library path 10 ms, a plain loop over values and permutations 37 ms. The
standard-library path packs the 128 permutations into one big integer with a 64-bit lane each,
so a few integer operations per value apply every permutation and keep every lane's minimum
(SWAR: a guard bit per lane tells where the new value is smaller).
"""

from __future__ import annotations

import math
import random
import sys
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

__all__ = ["BandIndex", "lsh_params", "permutations", "signature", "similarity"]

SEED = 1
MASK32 = 0xFFFFFFFF
_LANE = 8  # bytes per value in the packed integer
_ORDER = sys.byteorder  # memoryview "Q" casts read native order; pack the same way


def _mt19937_state(seed: int) -> tuple[int, ...]:
    """MT19937's 624-word state after ``init_genrand(seed)`` (numpy's legacy integer seed)."""
    state = [seed & MASK32]
    for i in range(1, 624):
        prev = state[-1]
        state.append((1812433253 * (prev ^ (prev >> 30)) + i) & MASK32)
    return tuple(state)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = SEED) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The ``(a, b)`` parameters of ``num_perm`` permutations (see the module docstring)."""
    rng = random.Random()
    # NOTE: position 624 makes the first draw regenerate the whole state, as numpy's does.
    rng.setstate((3, (*_mt19937_state(seed), 624), None))
    a = tuple((rng.getrandbits(32) & 0x7FFFFFFF) * 2 + 1 for _ in range(num_perm))
    b = tuple(rng.getrandbits(32) for _ in range(num_perm))
    return a, b


def _fmix32(h: int) -> int:
    """MurmurHash3's 32-bit finaliser (a bijection that spreads structured inputs)."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK32
    return h ^ (h >> 16)


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def _signature_numpy(np: Any, mixed: list[int], a: Sequence[int], b: Sequence[int]
                     ) -> tuple[int, ...]:
    hv = np.array(mixed, dtype=np.uint32).reshape(-1, 1)
    # NOTE: uint32 arithmetic wraps, which is the mod 2³² the permutations are defined by.
    values = hv * np.array(a, dtype=np.uint32) + np.array(b, dtype=np.uint32)
    return tuple(int(v) for v in values.min(axis=0))


@lru_cache(maxsize=8)
def _packed(num_perm: int) -> tuple[int, int, int, int]:
    """The permutations packed one per 64-bit lane: ``a``, ``b``, the low-32-bit mask and the
    guard bit (bit 32) of every lane."""
    a, b = permutations(num_perm)
    ones = _pack([1] * num_perm)
    return _pack(a), _pack(b), ones * MASK32, ones << 32


def _pack(values: Sequence[int]) -> int:
    return int.from_bytes(array("Q", values).tobytes(), _ORDER)


def _signature_lanes(mixed: list[int], num_perm: int) -> tuple[int, ...]:
    a, b, low, guard = _packed(num_perm)
    current = low
    for h in mixed:
        # NOTE: every lane at once: a·h + b < 2⁶⁴ never carries into the next lane.
        value = (a * h + b) & low
        # NOTE: (current + 2³²) − value stays in [1, 2³³) per lane, so no borrow crosses
        # a lane, and its bit 32 is set exactly where current ≥ value: there value wins.
        wins = (((current | guard) - value) & guard) >> 32
        current ^= (current ^ value) & (wins * MASK32)
    return tuple(memoryview(current.to_bytes(num_perm * _LANE, _ORDER)).cast("Q"))


def signature(values: Iterable[int], num_perm: int, *, use_numpy: bool | None = None
              ) -> tuple[int, ...]:
    """MinHash signature of a set of 32-bit values (``num_perm`` minima; all ``MASK32`` when
    the set is empty). ``use_numpy``: None uses numpy when it is installed; False never."""
    a, b = permutations(num_perm)
    mixed = sorted({_fmix32(v & MASK32) for v in values})
    if not mixed:
        return (MASK32,) * num_perm
    np = _numpy() if use_numpy is not False else None
    if use_numpy and np is None:
        raise RuntimeError("numpy is not installed")
    if np is not None:
        return _signature_numpy(np, mixed, a, b)
    return _signature_lanes(mixed, num_perm)


def similarity(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of equal minima."""
    if len(first) != len(second):
        raise ValueError("signatures of different lengths")
    return sum(1 for x, y in zip(first, second, strict=True) if x == y) / len(first)


def _gauss_legendre(count: int) -> tuple[tuple[float, float], ...]:
    """Nodes and weights on [-1, 1] (Newton's method on the Legendre polynomial)."""
    out = []
    for i in range(1, count + 1):
        x = math.cos(math.pi * (i - 0.25) / (count + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for k in range(2, count + 1):
                p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
            derivative = count * (x * p1 - p0) / (x * x - 1)
            step = p1 / derivative
            x -= step
            if abs(step) < 1e-16:
                break
        p0, p1 = 1.0, x
        for k in range(2, count + 1):
            p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
        derivative = count * (x * p1 - p0) / (x * x - 1)
        out.append((x, 2 / ((1 - x * x) * derivative * derivative)))
    return tuple(out)


@lru_cache(maxsize=32)
def lsh_params(threshold: float, num_perm: int, false_positive_weight: float = 0.5,
               false_negative_weight: float = 0.5) -> tuple[int, int]:
    """Bands and rows per band minimising the weighted probability of a false positive (a
    pair below ``threshold`` sharing a band) and of a false negative (above it, sharing none).
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError("threshold must be in [0, 1]")
    nodes = _gauss_legendre(num_perm // 2 + 1)

    def integral(low: float, high: float, bands: int, rows: int, collide: bool) -> float:
        half, mid = (high - low) / 2, (high + low) / 2
        total = 0.0
        for x, w in nodes:
            p = 1 - (1 - (mid + half * x) ** rows) ** bands
            total += w * (p if collide else 1 - p)
        return total * half

    best = (0, 0)
    lowest = math.inf
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            error = (false_positive_weight * integral(0.0, threshold, bands, rows, True)
                     + false_negative_weight * integral(threshold, 1.0, bands, rows, False))
            if error < lowest:
                lowest = error
                best = (bands, rows)
    return best


class BandIndex:
    """LSH over signatures: ``bands`` bands of ``rows`` minima; two signatures are candidates
    when one whole band is equal. Keys are the caller's indices of the signatures."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = lsh_params(threshold, num_perm)
        if self.bands < 2:
            raise ValueError("threshold too high for two bands")
        # NOTE: a band seen once holds its key as an int, a list only once another key shares
        # it: most bands of an archive are unique, and a list per band and document is the
        # bulk of the index at 100,000 documents.
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(self.bands)]

    def _keys(self, sig: Sequence[int]) -> Iterable[int]:
        # NOTE: a band's hash, not the band: an int per band and document instead of a tuple
        # of ``rows`` ints (100,000 documents). Two bands with one hash only add a candidate,
        # and every candidate is verified on the whole signatures.
        rows = self.rows
        return (hash(tuple(sig[i * rows:(i + 1) * rows])) for i in range(self.bands))

    def insert(self, key: int, sig: Sequence[int]) -> None:
        """Add ``key`` with its signature."""
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            held = table.get(band)
            if held is None:
                table[band] = key
            elif isinstance(held, int):
                table[band] = [held, key]
            else:
                held.append(key)

    def query(self, sig: Sequence[int]) -> set[int]:
        """Keys that share at least one band with ``sig``."""
        found: set[int] = set()
        for table, band in zip(self._tables, self._keys(sig), strict=True):
            held = table.get(band)
            if isinstance(held, int):
                found.add(held)
            elif held is not None:
                found.update(held)
        return found
