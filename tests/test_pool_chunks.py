"""A pool's chunks (``run.parallel.chunk_sizes``): every file in exactly one chunk, in order,
at most 16 per chunk, and shrinking to single files at the end, so no worker is left with a
large last chunk while the others idle."""

from __future__ import annotations

import pytest

from jdlint.run.parallel import chunk_sizes


@pytest.mark.parametrize("files", [1, 2, 7, 31, 100, 999, 1000, 10_001])
@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_chunks_cover_every_file_once_and_shrink(files: int, workers: int) -> None:
    sizes = chunk_sizes(files, workers)
    assert sum(sizes) == files
    assert all(1 <= s <= 16 for s in sizes)
    assert sizes == sorted(sizes, reverse=True)
    # NOTE: the last chunk each worker takes holds one file
    assert sizes[-min(workers, len(sizes)):] == [1] * min(workers, len(sizes))


def test_a_large_batch_is_mostly_full_chunks() -> None:
    sizes = chunk_sizes(1000, 2)
    assert sizes.count(16) >= 50 and len(sizes) < 100
