"""Running many files: the result cache in front, a process pool behind, output order stable.

``run_jobs`` looks every file up in the cache, lints the misses in-process (one file, or
``jobs == 1``) or in a process pool of ``jobs`` workers (``executor.map``, so results come back
in input order whatever finishes first), stores new results, and returns one ``FileResult`` per
job in the order given. Workers rebuild rules from the plain ``Resolved`` settings once per
process (rule metadata holds read-only mappings, which do not pickle). A progress bar (rich,
on standard error) is shown only when asked for, which the CLI does for the text format on a
terminal and many files.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Final

from jdlint.core.results import FileResult
from jdlint.engine.pipeline import Settings, display_path, lint_file
from jdlint.engine.registry import Rule, load_rules
from jdlint.run.cache import ResultCache, code_version, file_digest
from jdlint.settings.resolve import Resolved

__all__ = ["Job", "default_jobs", "lint_job", "lint_job_light", "run_jobs"]

# NOTE: below this many files to lint, a pool costs more than it saves.
POOL_MIN_FILES: Final = 4


@dataclass(frozen=True)
class Job:
    """One file to lint with the settings of its config and its rules after per-file ignores."""

    target: Path | str
    resolved: Resolved
    codes: tuple[str, ...]


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


def lint_job_light(job: Job) -> FileResult:
    """``lint_job`` without the documents (their summaries instead): what a batch keeps, and
    what a worker pickles back (~70 KiB less per file)."""
    return lint_job(job).light()


def _run_chunk(keep_documents: bool, jobs: tuple[Job, ...]) -> list[FileResult]:
    """A worker's unit of work: several jobs, so that submitting costs little per file."""
    task = lint_job if keep_documents else lint_job_light
    return [task(job) for job in jobs]


def worker_init() -> None:
    """A worker ignores Ctrl-C (the parent decides and cancels) and dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def _died(job: Job) -> FileResult:
    return FileResult(display_path=display_path(job.target), format=None,
                      error="the process linting this file died (killed, or out of memory); "
                            "the other files were linted")


def _alone(job: Job, keep_documents: bool) -> FileResult:
    """One job in a process of its own: if that process dies, only this file is lost."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_run_chunk, keep_documents, (job,)).result()[0]
        except BrokenProcessPool:
            return _died(job)


def _collect(chunks: list[tuple[Job, ...]], futures: list[Future[list[FileResult]]],
             keep_documents: bool) -> Iterator[FileResult]:
    """Results in input order. When a worker dies (the OOM killer, a signal) the pool breaks
    and every unfinished chunk fails with it: finished chunks are kept, and the rest are
    linted one file per process, so the file that killed its worker is the only one lost."""
    broken = len(futures)
    for number, future in enumerate(futures):
        try:
            results = future.result()
        except BrokenProcessPool:
            broken = number
            break
        yield from results
    for chunk, future in zip(chunks[broken:], futures[broken:], strict=True):
        if future.done() and future.exception() is None:
            yield from future.result()
        else:
            for job in chunk:
                yield _alone(job, keep_documents)


def _execute(jobs: Sequence[Job], workers: int, stack: ExitStack, keep_documents: bool
             ) -> Iterator[FileResult]:
    """Results in input order; the pool (if any) is started here, before any progress thread.

    NOTE: every chunk is submitted now, which forks all workers now, so no thread of ours
    (rich's refresh thread) exists when a worker is forked.
    """
    if workers <= 1 or len(jobs) < POOL_MIN_FILES:
        task = lint_job if keep_documents else lint_job_light
        return map(task, jobs)
    workers = min(workers, len(jobs))
    size = max(1, min(16, len(jobs) // (workers * 8)))
    chunks = [tuple(jobs[i:i + size]) for i in range(0, len(jobs), size)]
    # NOTE: the context manager's shutdown(wait=True) is the clean one; an extra
    # shutdown(wait=False) left CPython's exit handler writing to a closed wake-up pipe
    # ("Exception ignored … Bad file descriptor" on stderr at exit).
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init)
    # NOTE: on an exception (Ctrl-C, SIGTERM, a formatter's error) the queued chunks are
    # cancelled, so the pool stops after the files being linted now instead of linting the rest.
    stack.push(lambda kind, *_: pool.shutdown(wait=True, cancel_futures=kind is not None))
    futures = [pool.submit(_run_chunk, keep_documents, chunk) for chunk in chunks]
    return _collect(chunks, futures, keep_documents)


def _progress(items: Iterable[FileResult], total: int) -> Iterator[FileResult]:
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


def run_jobs(jobs: Sequence[Job], *, workers: int = 1, cache: ResultCache | None = None,
             progress: Callable[[int], bool] | None = None,
             keep_documents: bool = False) -> list[FileResult]:
    """Results for ``jobs`` in the same order. ``progress(n)`` decides on a bar for n files.

    Results are light (``FileResult.light``: findings and document summaries) unless
    ``keep_documents``; a light cached result does not serve a caller that keeps documents.
    """
    results: list[FileResult | None] = [None] * len(jobs)
    todo: list[tuple[int, str | None]] = []
    settings_keys: dict[int, str] = {}
    # NOTE: findings depend on the date (which law version is in force, see RuleContext.today),
    # so a result is reused only on the day it was made.
    today = date.today().isoformat()
    for i, job in enumerate(jobs):
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
                if hit is not None and not (keep_documents and hit.is_light):
                    results[i] = hit if keep_documents else hit.light()
                    continue
        todo.append((i, key))
    with ExitStack() as stack:
        stream: Iterable[FileResult] = _execute([jobs[i] for i, _ in todo], workers, stack,
                                                keep_documents)
        if progress is not None and progress(len(todo)):
            stream = _progress(stream, len(todo))
        for (i, key), result in zip(todo, stream, strict=True):
            results[i] = result
            if cache is not None and key is not None and result.error is None:
                cache.put(key, result)
    return [r for r in results if r is not None]
