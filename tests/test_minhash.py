"""MinHash without scipy (``jdlint.collection.minhash``): the same numbers datasketch 2.0 gave
(the reference values below were printed by datasketch 2.0.0, scheme "affine32", seed 1,
identity hash, before jdlint dropped it), the standard-library path equal to the numpy path,
and the estimate close to the true Jaccard similarity."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.collection import minhash


def test_permutations_are_datasketch_s() -> None:
    a, b = minhash.permutations(128)
    assert len(a) == len(b) == 128
    assert a[:3] == (3582191691, 4270784983, 1892572953)
    assert b[:3] == (214548472, 3287733501, 2301657549)
    assert (a[-1], b[-1]) == (348755713, 1195370327)
    assert all(x % 2 == 1 for x in a)  # odd: the affine map is a bijection mod 2³²


@pytest.mark.parametrize("use_numpy", [False, None])
def test_signatures_are_datasketch_s(use_numpy: bool | None) -> None:
    sig = minhash.signature(range(1, 51), 128, use_numpy=use_numpy)
    assert sig[:4] == (46086407, 125685939, 14312679, 55150329)
    assert minhash.signature([0xFFFFFFFF, 0, 12345], 16, use_numpy=use_numpy) == (
        1704103302, 2978619128, 1118300227, 2206252125, 1800426750, 953549216, 665167958,
        2252917204, 732513071, 1904615676, 1287270214, 20494663, 87072686, 2295290254,
        652268789, 1812575157)


def test_empty_set_has_the_maximal_signature() -> None:
    assert minhash.signature([], 8, use_numpy=False) == (minhash.MASK32,) * 8


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=300),
       st.sampled_from([1, 7, 64, 128]))
def test_standard_library_path_equals_numpy(values: list[int], num_perm: int) -> None:
    pytest.importorskip("numpy")
    assert minhash.signature(values, num_perm, use_numpy=False) == minhash.signature(
        values, num_perm, use_numpy=True)


def test_standard_library_path_equals_a_plain_loop() -> None:
    rng = random.Random(11)
    values = [rng.getrandbits(32) for _ in range(500)]
    a, b = minhash.permutations(32)
    mixed = [minhash._fmix32(v) for v in values]
    plain = tuple(min((x * h + y) & minhash.MASK32 for h in mixed)
                  for x, y in zip(a, b, strict=True))
    assert minhash.signature(values, 32, use_numpy=False) == plain


def test_estimate_is_close_to_the_true_jaccard() -> None:
    rng = random.Random(5)
    pool = rng.sample(range(2**32), 3000)
    first, second = set(pool[:2000]), set(pool[1000:])  # 1000 shared of 3000: J = 1/3
    estimate = minhash.similarity(minhash.signature(first, 128, use_numpy=False),
                                  minhash.signature(second, 128, use_numpy=False))
    assert abs(estimate - 1 / 3) < 0.12
    same = minhash.signature(first, 128, use_numpy=False)
    assert minhash.similarity(same, same) == 1.0
    with pytest.raises(ValueError):
        minhash.similarity(same, same[:10])


@pytest.mark.parametrize(("threshold", "num_perm", "expected"), [
    (0.3, 128, (37, 3)), (0.5, 128, (25, 5)), (0.7, 128, (14, 9)), (0.9, 128, (5, 25)),
    (0.7, 64, (8, 8)), (0.7, 256, (25, 10)),
])  # fmt: skip
def test_lsh_parameters_are_datasketch_s(threshold: float, num_perm: int,
                                         expected: tuple[int, int]) -> None:
    assert minhash.lsh_params(threshold, num_perm) == expected


def test_band_index_proposes_pairs_sharing_a_band() -> None:
    index = minhash.BandIndex(0.7, 128)
    base = list(range(100))
    near = [*base[:95], 1000, 1001, 1002, 1003, 1004]
    other = list(range(5000, 5100))
    sigs = [minhash.signature(v, 128, use_numpy=False) for v in (base, near, other)]
    for i, sig in enumerate(sigs):
        index.insert(i, sig)
    assert index.query(sigs[0]) >= {0, 1}
    assert 2 not in index.query(sigs[0])
    assert index.query(sigs[2]) == {2}
    with pytest.raises(ValueError):
        minhash.BandIndex(1.0, 128)
