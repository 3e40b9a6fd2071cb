"""Running many files: the result cache in front, a process pool behind, output order stable.

``iter_results`` looks every file up in the cache, lints the misses in-process (one file, or
``jobs == 1``) or in a process pool of ``jobs`` workers (a few chunks of files in flight per
worker, results taken in input order whatever finishes first), stores new results, and yields
one ``FileResult`` per job in the order given, keeping none (``run_jobs`` lists them).
Workers rebuild rules from the plain ``Resolved`` settings once per process (rule metadata
holds read-only mappings, which do not pickle); a pool that forks gets them, the analysers
and the readers built once in the parent instead (``run.warm``), and results come back
through compact reducers (``run.transfer``), or, for the JSON report, as the report text
the worker wrote (``iter_items`` with ``render``). A progress bar (rich, on standard error) is
shown only when asked for, which the CLI does for the text format on a terminal and many
files.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.engine.pipeline import Settings, display_path, lint_file
from jdlint.engine.registry import Rule, load_rules
from jdlint.run.cache import ResultCache, code_version, file_digest
from jdlint.run.gcwindow import settle as _settle_gc
from jdlint.settings.resolve import Resolved

if TYPE_CHECKING:
    from concurrent.futures import Future

    from jdlint.run.transfer import Render, Rendered

# NOTE: concurrent.futures.process (multiprocessing, ~20 ms) is imported where a pool is made:
# a run of one file, or with --jobs 1, never starts one.

__all__ = ["Job", "Rendering", "default_jobs", "iter_items", "iter_results", "lint_job",
           "lint_job_light", "run_jobs"]

# NOTE: below this many files to lint, a pool costs more than it saves.
POOL_MIN_FILES: Final = 4


@record(slots=True)
class Job:
    """One file to lint with the settings of its config and its rules after per-file ignores.

    The file is kept as its path's string, ``target`` builds the ``Path``: a batch holds one
    job per file in the parent and in every worker forked from it, and a ``Path`` with its
    cached parts cost ~0.5 KB of the ~1 KB a file the plan held (issue 19: 185 MB in the
    parent at 100,000 files). ``stdin`` marks "-", standard input, kept as a string.
    """

    name: str
    resolved: Resolved
    codes: tuple[str, ...]
    stdin: bool = False

    @classmethod
    def of(cls, target: Path | str, resolved: Resolved, codes: tuple[str, ...]) -> Job:
        """The job for a file (a ``Path``) or for standard input (the string "-")."""
        return cls(str(target), resolved, codes, isinstance(target, str))

    @property
    def target(self) -> Path | str:
        """The file as a ``Path``, or "-" for standard input."""
        return self.name if self.stdin else Path(self.name)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # NOTE: not on macOS or Windows
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=32)
def _rules(rule_dirs: tuple[Path, ...], codes: tuple[str, ...]) -> tuple[Rule, ...]:
    from jdlint.catalogue.rulepacks import catalogue_with

    every = load_rules(catalogue_with(rule_dirs))
    return tuple(every[c] for c in codes if c in every)


def _settings(resolved: Resolved) -> Settings:
    return Settings(language=resolved.language, output_lang=resolved.output_lang,
                    profile=resolved.profile, severities=resolved.severities,
                    options=resolved.options)



def lint_job(job: Job) -> FileResult:
    """Lint one job (in a worker or in-process); a crash becomes the file's error, not a stop."""
    rules = _rules(job.resolved.config.extend_rules, job.codes)
    try:
        return lint_file(job.target, rules, _settings(job.resolved))
    except Exception as exc:  # NOTE: a bug in one file's analysis must not stop a batch
        return FileResult(display_path=display_path(job.target), format=None,
                          error=f"internal error while linting this file ({type(exc).__name__}:"
                                f" {exc}); please report it")
    finally:
        _settle_gc()


def lint_job_light(job: Job) -> FileResult:
    """``lint_job`` without the documents (their summaries instead): what a batch keeps, and
    what a worker pickles back (~70 KiB less per file)."""
    return lint_job(job).light()


@record
class Rendering:
    """Which pooled results travel as their report text (``transfer.Rendered``): ``render``
    writes it (a module-level function, sent by reference), for the jobs ``wanted`` accepts;
    ``keep`` sends the result along (the result cache stores it)."""

    render: Render
    wanted: Callable[[Job], bool]
    keep: bool = False


def _run_chunk(keep_documents: bool, jobs: tuple[Job, ...], render: Render | None = None,
               keep: bool = False, wanted: tuple[bool, ...] = ()
               ) -> list[FileResult | Rendered]:
    """A worker's unit of work: several jobs, so that submitting costs little per file; the
    light results ``wanted`` (by position) as ``render``'s text."""
    from jdlint.nlp.wordstore import flush_part

    task = lint_job if keep_documents else lint_job_light
    results: list[FileResult | Rendered] = [task(job) for job in jobs]
    flush_part()  # NOTE: a worker never exits through atexit; the parent merges its parts
    if render is not None:
        from jdlint.run.transfer import rendered

        results = [rendered(r, render, keep) if w and isinstance(r, FileResult) else r
                   for r, w in zip(results, wanted, strict=True)]
    return results


def worker_init() -> None:
    """A worker ignores Ctrl-C (the parent decides and cancels) and dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from jdlint.run.transfer import register

    register()  # NOTE: a spawned worker's own; a forked one has the parent's already
    if sys.platform.startswith("linux"):
        # NOTE: PR_SET_PDEATHSIG (1): when the parent is killed (even by SIGKILL, which it
        # cannot handle) the kernel sends this worker SIGTERM, so no worker outlives the run
        # holding its standard output open. Best effort: without libc, nothing changes.
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent died before the call above
            os._exit(1)


_Pending = tuple[tuple[Job, ...], "Future[list[FileResult | Rendered]]"]


def _died(job: Job) -> FileResult:
    return FileResult(display_path=display_path(job.target), format=None,
                      error="the process linting this file died (killed, or out of memory); "
                            "the other files were linted")


def _alone(job: Job, keep_documents: bool) -> FileResult:
    """One job in a process of its own: if that process dies, only this file is lost."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return cast(FileResult, pool.submit(_run_chunk, keep_documents, (job,)).result()[0])
        except BrokenProcessPool:
            return _died(job)


# NOTE: chunks in flight per worker: enough that a worker never waits for the parent, few
# enough that finished results never pile up in the parent (issue 19: flat memory).
_WINDOW: Final = 3


def chunk_sizes(files: int, workers: int) -> list[int]:
    """How many files each chunk of a pool takes, in order: a share of the files still left
    (at most 16, so results stream), shrinking to single files at the end, so that no worker
    idles for long while another finishes a large last chunk (issue 19: with 16-file chunks to
    the end, one core of two idled ~0.2 s of a 10 s batch)."""
    sizes: list[int] = []
    left = files
    while left > 0:
        size = max(1, min(16, left // (workers * 4)))
        sizes.append(size)
        left -= size
    return sizes


def _collect(chunks: deque[tuple[Job, ...]], pending: deque[_Pending],
             submit: Callable[[tuple[Job, ...]], Future[list[FileResult | Rendered]]],
             window: int, keep_documents: bool) -> Iterator[FileResult | Rendered]:
    """Results in input order, a new chunk submitted as each one comes back. When a worker
    dies (the OOM killer, a signal) the pool breaks and every unfinished chunk fails with it:
    finished chunks are kept, and the rest are linted one file per process, so the file that
    killed its worker is the only one lost."""
    from concurrent.futures.process import BrokenProcessPool

    broken = False
    while pending and not broken:
        chunk, future = pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            pending.appendleft((chunk, future))
            break
        while chunks and len(pending) < window:
            following = chunks.popleft()
            try:
                pending.append((following, submit(following)))
            except BrokenProcessPool:  # NOTE: a worker died since: a broken pool takes nothing
                chunks.appendleft(following)
                broken = True
                break
        yield from results
    for chunk, future in pending:
        if future.done() and future.exception() is None:
            yield from future.result()
        else:
            for job in chunk:
                yield _alone(job, keep_documents)
    for chunk in chunks:
        for job in chunk:
            yield _alone(job, keep_documents)


def _execute(jobs: Sequence[Job], workers: int, stack: ExitStack, keep_documents: bool,
             rendering: Rendering | None = None) -> Iterator[FileResult | Rendered]:
    """Results in input order; the pool (if any) is started here, before any progress thread.

    NOTE: the first chunks are submitted now, which forks every worker now, so no thread of
    ours (rich's refresh thread) exists when a worker is forked; later chunks go to the same
    workers as earlier ones come back.
    """
    if workers <= 1 or len(jobs) < POOL_MIN_FILES:
        task = lint_job if keep_documents else lint_job_light
        return map(task, jobs)
    from concurrent.futures import ProcessPoolExecutor

    from jdlint.run.transfer import register
    from jdlint.run.warm import warm

    register()
    # NOTE: before the pool forks its workers, so that they inherit the rules and analysers
    warm(jobs, _rules)
    workers = min(workers, len(jobs))
    chunks: deque[tuple[Job, ...]] = deque()
    start = 0
    for size in chunk_sizes(len(jobs), workers):
        chunks.append(tuple(jobs[start:start + size]))
        start += size
    # NOTE: the context manager's shutdown(wait=True) is the clean one; an extra
    # shutdown(wait=False) left CPython's exit handler writing to a closed wake-up pipe
    # ("Exception ignored … Bad file descriptor" on stderr at exit).
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init)
    # NOTE: on an exception (Ctrl-C, SIGTERM, a formatter's error) the queued chunks are
    # cancelled, so the pool stops after the files being linted now instead of linting the rest.
    stack.push(lambda kind, *_: pool.shutdown(wait=True, cancel_futures=kind is not None))

    def submit(chunk: tuple[Job, ...]) -> Future[list[FileResult | Rendered]]:
        if rendering is None or keep_documents:
            return pool.submit(_run_chunk, keep_documents, chunk)
        wanted = tuple(rendering.wanted(job) for job in chunk)
        if not any(wanted):
            return pool.submit(_run_chunk, keep_documents, chunk)
        return pool.submit(_run_chunk, keep_documents, chunk, rendering.render,
                           rendering.keep, wanted)

    window = _WINDOW * workers
    pending: deque[_Pending] = deque()
    while chunks and len(pending) < window:
        chunk = chunks.popleft()
        pending.append((chunk, submit(chunk)))
    return _collect(chunks, pending, submit, window, keep_documents)


def _progress(items: Iterable[FileResult | Rendered], total: int
              ) -> Iterator[FileResult | Rendered]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("lint", total=total)
        for item in items:
            bar.advance(task)
            yield item


def iter_results(jobs: Sequence[Job], *, workers: int = 1, cache: ResultCache | None = None,
                 progress: Callable[[int], bool] | None = None,
                 keep_documents: bool = False) -> Iterator[FileResult]:
    """Results for ``jobs`` in the same order, each yielded as soon as it and those before it
    are done; nothing is kept once yielded, so a consumer that writes each result out holds one
    file's findings at a time. ``progress(n)`` decides on a bar for the n files to lint.

    Results are light (``FileResult.light``: findings and document summaries) unless
    ``keep_documents``; a light cached result does not serve a caller that keeps documents.
    """
    return cast(Iterator[FileResult], iter_items(jobs, workers=workers, cache=cache,
                                                 progress=progress,
                                                 keep_documents=keep_documents))


def iter_items(jobs: Sequence[Job], *, workers: int = 1, cache: ResultCache | None = None,
               progress: Callable[[int], bool] | None = None, keep_documents: bool = False,
               rendering: Rendering | None = None) -> Iterator[FileResult | Rendered]:
    """``iter_results``, where a pool's worker sends the light results ``rendering`` wants
    as ``transfer.Rendered``; a result linted here (one process, a cache hit, standard
    input, a file retried alone) stays a ``FileResult``."""
    plan: list[tuple[bool, str | None]] = []  # per job: served by the cache, its cache key
    settings_keys: dict[int, str] = {}
    # NOTE: findings depend on the date (which law version is in force, see RuleContext.today),
    # so a result is reused only on the day it was made.
    today = date.today().isoformat()
    for job in jobs:
        key = None
        if cache is not None and isinstance(job.target, Path):
            digest = file_digest(job.target)
            if digest is not None:
                rid = id(job.resolved)
                if rid not in settings_keys:
                    settings_keys[rid] = job.resolved.key()
                version = f"{code_version(job.resolved.config.extend_rules)}:{today}"
                key = cache.key(digest, display_path(job.target),
                                f"{settings_keys[rid]}:{','.join(job.codes)}", version)
                hit = cache.get(key)
                # NOTE: only whether it serves: the entry is read again at its turn, so hits
                # are not held while the misses are linted
                if hit is not None and not (keep_documents and hit.is_light):
                    plan.append((True, key))
                    continue
        plan.append((False, key))
    # NOTE: standard input ("-") is this process's: a pool worker's is /dev/null, so such a
    # job is linted here at its turn, never in the pool
    todo = [job for job, (hit, _) in zip(jobs, plan, strict=True)
            if not hit and not job.stdin]
    with ExitStack() as stack:
        stream: Iterable[FileResult | Rendered] = _execute(todo, workers, stack,
                                                           keep_documents, rendering)
        if progress is not None and progress(len(todo)):
            stream = _progress(stream, len(todo))
        linted = iter(stream)
        for job, (served, key) in zip(jobs, plan, strict=True):
            result: FileResult | Rendered
            if served and cache is not None and key is not None:
                again = cache.get(key)
                if again is not None:
                    yield again if keep_documents else again.light()
                    continue
                # NOTE: the entry went away (another run pruned it): lint the file here
                result = (lint_job if keep_documents else lint_job_light)(job)
            elif isinstance(job.target, str):
                result = (lint_job if keep_documents else lint_job_light)(job)
            else:
                result = next(linted)
            if cache is not None and key is not None and not _failed(result):
                kept = result if isinstance(result, FileResult) else result.result
                if kept is not None:
                    cache.put(key, kept)
            yield result


def _failed(item: FileResult | Rendered) -> bool:
    return item.error is not None if isinstance(item, FileResult) else item.error


def run_jobs(jobs: Sequence[Job], *, workers: int = 1, cache: ResultCache | None = None,
             progress: Callable[[int], bool] | None = None,
             keep_documents: bool = False) -> list[FileResult]:
    """``iter_results`` as a list: one result per job, in the order given."""
    return list(iter_results(jobs, workers=workers, cache=cache, progress=progress,
                             keep_documents=keep_documents))
