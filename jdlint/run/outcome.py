"""What ``jdlint check`` and ``jdlint report`` both do to a plan's results after linting:
the unreadable paths become JD001 results, the results are put in display order, each config's
waivers (or ``--waivers``) are applied, then the ``--baseline``.

One code path for both commands, so that a report can never show a finding that ``check``
waived or recorded in the baseline (issue 17 item 2). ``ResultFilter`` does it one file at a
time (the report streams its files, issue 19); ``filter_results`` is it over a list. Raises
``UsageError`` for a missing or broken waiver or baseline file; the callers print it.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jdlint.core.errors import UsageError
from jdlint.core.model import Finding
from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.engine.pipeline import display_path
from jdlint.run.parallel import Job
from jdlint.run.runner import Plan
from jdlint.settings.waivers import Waiver, WaiverRun

if TYPE_CHECKING:
    from jdlint.settings.baseline import BaselineRun

__all__ = ["DisplayOrder", "Filtered", "ResultFilter", "display_order", "filter_results",
           "with_problems"]

T = TypeVar("T")


@record
class Filtered:
    """The results left to show, and what the waivers and the baseline did."""

    results: list[FileResult]
    waived: int = 0
    suppressed: int = 0
    fixed: int = 0
    warnings: tuple[str, ...] = ()


def with_problems(results: list[FileResult], work: Plan) -> list[FileResult]:
    """``results`` plus one JD001 result per path that could not be found, in display order."""
    out = list(results)
    out.extend(FileResult(display_path=p, format=None, error=reason)
               for p, reason in work.problems)
    out.sort(key=lambda r: r.display_path)
    return out


@record
class DisplayOrder:
    """A plan's jobs and unreadable paths in the order ``with_problems`` gives their results
    (a stable sort of the linted files by the name they are shown under, then the paths that
    could not be found merged in, jobs first on a tie), for the commands that stream."""

    jobs: list[Job]
    missing: list[FileResult]
    names: list[str]

    def merged(self, linted: Iterable[T], key: Callable[[T], str],
               wrap: Callable[[FileResult], T]) -> Iterator[T]:
        """``linted`` (results of ``jobs``, in their order) with the missing paths in place."""
        return heapq.merge(linted, map(wrap, self.missing), key=key)


def display_order(work: Plan) -> DisplayOrder:
    """``work``'s jobs and missing paths in display order (standard input under
    ``--stdin-filename``, as the results are shown)."""
    def shown(job: Job) -> str:
        name = display_path(job.target)
        return work.stdin_name if work.stdin_name and name == "-" else name

    jobs = sorted(work.jobs, key=shown)
    missing = sorted((FileResult(display_path=p, format=None, error=reason)
                      for p, reason in work.problems), key=lambda r: r.display_path)
    names = list(heapq.merge(map(shown, jobs), (r.display_path for r in missing)))
    return DisplayOrder(jobs, missing, names)


class ResultFilter:
    """Waivers first (each config's, or ``waivers`` for every file), then the baseline, one
    result at a time; ``finish`` gives the totals and warnings ``filter_results`` gives.

    ``names`` are the display paths of every result to come, in their order: the waiver files
    they need are checked and read here, in the order a batch meets them, then the baseline,
    so a missing file is reported before any linting and by the same message.
    """

    def __init__(self, work: Plan, names: list[str], *, waivers: Path | None = None,
                 baseline: Path | None = None) -> None:
        from jdlint.settings.waivers import default_waivers, load_waivers

        self._work, self._explicit = work, waivers
        self._default = default_waivers
        # NOTE: a config folder's default waiver file, looked for once a run (a stat per
        # file was ~0.1 ms of the parent's time per file, twice over)
        self._defaults: dict[Path, Path | None] = {}
        self._runs: dict[Path, WaiverRun] = {}
        self._load = load_waivers
        for name in names:
            path = self._waiver_path(name)
            if path is not None and path not in self._runs:
                self._open(path)
        self._baseline: BaselineRun | None = None
        if baseline is not None:
            # NOTE: here, not at the top: most runs have no baseline (a cold start saves ~3 ms)
            from jdlint.settings.baseline import BaselineRun, load_baseline

            self._baseline = BaselineRun(load_baseline(baseline))

    def _open(self, path: Path) -> WaiverRun:
        if not path.is_file():
            raise UsageError(f"waiver file {path} does not exist")
        run = self._runs[path] = WaiverRun(self._load(path))
        return run

    def _waiver_path(self, name: str) -> Path | None:
        if self._explicit is not None:
            return self._explicit
        resolved = self._work.resolved_for(name)
        if resolved is None:
            return None
        if resolved.config.waivers:
            return resolved.config.waivers
        root = resolved.config.root
        if root not in self._defaults:
            self._defaults[root] = self._default(root)
        return self._defaults[root]

    def changes(self, name: str) -> bool:
        """Whether ``apply`` may change the result shown as ``name`` (a waiver file governs
        it, or a baseline is read): when not, the result can be written as it comes."""
        return self._baseline is not None or self._waiver_path(name) is not None

    def apply(self, result: FileResult) -> FileResult:
        """``result`` with its waived and baselined findings removed."""
        path = self._waiver_path(result.display_path)
        if path is not None:
            run = self._runs.get(path) or self._open(path)
            result = run.apply(result)
        if self._baseline is not None:
            result = self._baseline.apply(result)
        return result

    def finish(self, results: list[FileResult],
               suppressed: list[tuple[str, Finding, Waiver]] | None = None) -> Filtered:
        """The totals once every result went through ``apply``; waived findings are added to
        ``suppressed`` when given, per waiver file in order (SARIF shows them)."""
        warnings: list[str] = []
        waived = 0
        for run in self._runs.values():
            waived += run.waived
            warnings.extend(run.warnings())
            if suppressed is not None:
                suppressed.extend(run.suppressed)
        if self._baseline is None:
            return Filtered(results, waived, warnings=tuple(warnings))
        return Filtered(results, waived, self._baseline.suppressed, self._baseline.fixed(),
                        tuple(warnings))


def filter_results(results: list[FileResult], work: Plan, *, waivers: Path | None = None,
                   baseline: Path | None = None,
                   suppressed: list[tuple[str, Finding, Waiver]] | None = None
                   ) -> Filtered:
    """Waivers first (each config's, or ``waivers`` for every file), then the baseline.
    Waived findings are appended to ``suppressed`` when given (SARIF shows them)."""
    chain = ResultFilter(work, [r.display_path for r in results], waivers=waivers,
                         baseline=baseline)
    return chain.finish([chain.apply(r) for r in results], suppressed)
