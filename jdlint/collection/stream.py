"""Reading a collection for ``jdlint duplicates`` in worker processes, one file at a time.

A worker reads and structures one file and returns its *digest*: per instruction, the
reference, the clause rows of ``collection.duplicates.clause_rows`` and the MinHash signature.
The parent keeps digests only in ``ClauseTally`` and ``CopyIndex``: documents are never held,
so the memory of a search grows with the distinct clauses, not with the collection (issue 19).
Files are digested in the order given, so the output does not depend on the number of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path

from jdlint.collection.duplicates import NUM_PERM, sign
from jdlint.collection.model import DocumentRef
from jdlint.collection.tally import ClauseRow, clause_rows
from jdlint.core.errors import InputError
from jdlint.core.records import record

__all__ = ["FileDigest", "digest_file", "digests"]

_CHUNK = 16  # files per task: one round trip per chunk, not per file


@record(slots=True)
class FileDigest:
    """What the duplicate search needs of one file, or why it could not be read."""

    path: str
    instructions: tuple[tuple[DocumentRef, list[ClauseRow], tuple[int, ...] | None], ...] = ()
    error: str | None = None


def digest_file(target: Path, min_words: int = 4, num_perm: int = NUM_PERM) -> FileDigest:
    """Read and structure ``target`` and digest its instructions."""
    from jdlint.readers import read_path
    from jdlint.structure import analyse

    try:
        documents = analyse(read_path(target)).documents
    except InputError as exc:
        return FileDigest(str(target), error=exc.reason)
    items = tuple((DocumentRef(doc.raw.display_path, doc.index, doc.position),
                   clause_rows(doc, min_words), sign(doc, num_perm))
                  for doc in documents if doc.classification == "instruction")
    return FileDigest(str(target), items)


def digests(targets: Sequence[Path], *, jobs: int = 1, min_words: int = 4,
            num_perm: int = NUM_PERM) -> Iterator[FileDigest]:
    """The digests of ``targets`` in their order, computed by ``jobs`` worker processes.

    At most a few chunks per worker are in flight: results wait in the parent only until
    their turn, so a slow consumer never piles up a collection's digests in memory.
    Raises ``concurrent.futures.process.BrokenProcessPool`` when a worker dies (killed, out
    of memory); the caller reports it in one line.
    """
    work = partial(_digest_chunk, min_words=min_words, num_perm=num_perm)
    chunks = [targets[i:i + _CHUNK] for i in range(0, len(targets), _CHUNK)]
    if jobs <= 1 or len(chunks) < 2:
        for chunk in chunks:
            yield from work(chunk)
        return
    from jdlint.run.parallel import worker_init

    window = 2 * jobs
    with ProcessPoolExecutor(max_workers=jobs, initializer=worker_init) as pool:
        pending: deque[Future[list[FileDigest]]] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(work, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _digest_chunk(chunk: Sequence[Path], min_words: int, num_perm: int) -> list[FileDigest]:
    return [digest_file(path, min_words, num_perm) for path in chunk]
