"""Linting the files of an HTML report one at a time, never holding their documents (issue 19).

Each file is linted (in a worker process when there are several, as ``jdlint check`` does)
and at once reduced to its ``FileFacts`` (what the page shows) and, for ``--repeated``, its
clause rows (``collection.tally.clause_rows``); its documents are dropped before the next file
is linted. The parent filters each file's findings (waivers, baseline: ``run.outcome.
ResultFilter``), counts the clause rows in a ``ClauseTally`` and keeps the facts. Files come
back in display order whatever the number of workers, with the unreadable paths in their
places, so the page is byte for byte the one a list of results gives.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import field, replace
from functools import partial
from pathlib import Path

from jdlint.collection.model import DocumentRef
from jdlint.collection.tally import ClauseRow, ClauseTally, clause_rows
from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.engine.pipeline import display_path
from jdlint.report.facts import FileFacts, facts_of
from jdlint.run.outcome import ResultFilter, display_order
from jdlint.run.parallel import Job, lint_job, worker_init
from jdlint.run.runner import Plan

__all__ = ["Piece", "Streamed", "lint_piece", "pieces", "stream_report"]

_CHUNK = 4  # files per task: a report's files are few; small chunks keep workers even


@record(slots=True)
class Piece:
    """What the report keeps of one file: its facts and (``--repeated``) its clause rows."""

    facts: FileFacts
    rows: tuple[tuple[DocumentRef, list[ClauseRow]], ...] = ()


def lint_piece(job: Job, min_words: int | None = None) -> Piece:
    """Lint one job and reduce it to a ``Piece``; its documents die here."""
    result = lint_job(job)
    rows = () if min_words is None else tuple(
        (DocumentRef(doc.raw.display_path, doc.index, doc.position), clause_rows(doc, min_words))
        for doc in result.documents if doc.classification == "instruction")
    return Piece(facts_of(result), rows)


def _chunk(jobs: Sequence[Job], min_words: int | None) -> list[Piece]:
    return [lint_piece(job, min_words) for job in jobs]


def _died(job: Job) -> Piece:
    return Piece(FileFacts(FileResult(
        display_path=display_path(job.target), format=None,
        error="the process linting this file died (killed, or out of memory); the other "
              "files were linted"), {}, {}))


def _alone(job: Job, min_words: int | None) -> Piece:
    """One job in a process of its own: if that process dies, only this file is lost."""
    with ProcessPoolExecutor(max_workers=1, initializer=worker_init) as pool:
        try:
            return pool.submit(_chunk, (job,), min_words).result()[0]
        except BrokenProcessPool:
            return _died(job)


def pieces(jobs: Sequence[Job], *, workers: int = 1, min_words: int | None = None
           ) -> Iterator[Piece]:
    """The pieces of ``jobs`` in their order, made by ``workers`` processes.

    At most two chunks per worker are in flight, so finished pieces never pile up. When a
    worker dies (the OOM killer, a signal) the pool breaks: the files not yet back are then
    linted one per process, so only the file that killed its worker is lost (as in check).
    """
    chunks = [tuple(jobs[i:i + _CHUNK]) for i in range(0, len(jobs), _CHUNK)]
    if workers <= 1 or len(chunks) < 2:
        for job in jobs:
            yield lint_piece(job, min_words)
        return
    work = partial(_chunk, min_words=min_words)
    todo = deque(chunks)
    with ProcessPoolExecutor(max_workers=workers, initializer=worker_init) as pool:
        pending: deque[tuple[tuple[Job, ...], Future[list[Piece]]]] = deque()
        try:
            while todo or pending:
                while todo and len(pending) < 2 * workers:
                    chunk = todo.popleft()
                    pending.append((chunk, pool.submit(work, chunk)))
                chunk, future = pending.popleft()
                try:
                    done = future.result()
                except BrokenProcessPool:
                    todo.extendleft(reversed([chunk, *(c for c, _ in pending)]))
                    pending.clear()
                    break
                yield from done
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    for chunk in todo:
        for job in chunk:
            yield _alone(job, min_words)


@record(frozen=False)
class Streamed:
    """A streamed report's files in display order, the waivers' warnings, and (``--repeated``)
    the clauses counted."""

    files: list[FileFacts] = field(default_factory=list)
    warnings: tuple[str, ...] = ()
    tally: ClauseTally | None = None


def stream_report(work: Plan, *, waivers: Path | None = None, baseline: Path | None = None,
                  repeated: bool = False, workers: int = 1,
                  min_words: int = 4) -> Streamed:
    """Lint ``work`` file by file into ``FileFacts``: the results ``with_problems`` and
    ``filter_results`` give, without any document left when the next file is linted.

    Raises ``UsageError`` (before linting) for a missing or broken waiver or baseline file.
    """
    order = display_order(work)
    jobs = order.jobs
    chain = ResultFilter(work, order.names, waivers=waivers, baseline=baseline)
    out = Streamed(tally=ClauseTally(min_words=min_words) if repeated else None)
    if any(isinstance(job.target, str) for job in jobs):
        workers = 1  # NOTE: standard input is this process's; a worker's is /dev/null
    stream = pieces(jobs, workers=workers, min_words=min_words if repeated else None)
    for piece in order.merged(stream, lambda p: p.facts.result.display_path,
                              lambda r: Piece(FileFacts(r, {}, {}))):
        facts = replace(piece.facts, result=chain.apply(piece.facts.result))
        if out.tally is not None:
            for ref, rows in piece.rows:
                out.tally.add_rows(ref, rows)
        out.files.append(facts)
    out.warnings = chain.finish([]).warnings
    return out
