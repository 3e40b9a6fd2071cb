"""``jdlint check --output-format json`` streamed (issue 19): each file's result goes from the
workers through the waivers and the baseline (``run.outcome.ResultFilter``) straight into the
report, and only counts are kept for the summary and the exit code, so the memory of a batch
of 10,000 files is that of one file. The text is the one the list-based path writes, byte for
byte: the same display order (the linted files, then the unreadable paths, stable), the same
filters, the same summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from jdlint.checkcli.emit import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Messages, emit_chunks
from jdlint.checkcli.options import CheckOptions
from jdlint.core.errors import UsageError
from jdlint.core.model import Severity

if TYPE_CHECKING:
    from jdlint.core.results import FileResult
    from jdlint.run.cache import ResultCache
    from jdlint.run.runner import Plan
    from jdlint.run.transfer import Rendered

__all__ = ["stream_json", "streams"]


def streams(options: CheckOptions) -> bool:
    """Whether this run's report can be written as the results come: JSON, nothing that needs
    every result first (``--statistics``, ``--diff``, ``--write-baseline``)."""
    return (options.fmt == "json" and not options.statistics and not options.diff
            and options.write_baseline is None)


class _Outcome:
    """What the exit code needs of the results seen so far."""

    def __init__(self, work: Plan, fail_on: str | None) -> None:
        self.work = work
        self.fixed = Severity.parse(fail_on) if fail_on else None
        self.unreadable = False
        self.failing = False

    def see(self, result: FileResult | Rendered) -> None:
        from jdlint.core.results import FileResult

        if isinstance(result, FileResult):
            self.unreadable = self.unreadable or result.error is not None
            worst = max((f.severity for f in result.findings), default=0)
        else:
            self.unreadable = self.unreadable or result.error
            worst = result.worst
        if self.failing or not worst:
            return
        threshold = self.fixed
        if threshold is None:
            resolved = self.work.resolved_for(result.display_path)
            threshold = resolved.fail_on if resolved else Severity.ERROR
        self.failing = worst >= threshold

    def code(self, exit_zero: bool) -> int:
        if self.unreadable:
            return EXIT_ERROR
        return EXIT_OK if exit_zero or not self.failing else EXIT_FINDINGS


def stream_json(work: Plan, options: CheckOptions, messages: Messages, *,
                cache: ResultCache | None, workers: int,
                progress: Callable[[int], bool]) -> int:
    """Lint, filter and write the JSON report file by file; the exit code. A pool's worker
    writes the text of each file that no waiver file nor baseline can change (issue 19)."""
    from jdlint.core.results import FileResult
    from jdlint.engine.pipeline import display_path
    from jdlint.output.json import file_text, stream_chunks
    from jdlint.run.outcome import ResultFilter, display_order
    from jdlint.run.parallel import Job, Rendering, iter_items

    stdin_name = work.stdin_name
    order = display_order(work)
    try:
        chain = ResultFilter(work, order.names, waivers=options.waivers_file,
                             baseline=options.baseline)
    except UsageError as exc:
        messages.fail(str(exc))
    outcome = _Outcome(work, options.fail_on)

    def unchanged(job: Job) -> bool:
        return not chain.changes(display_path(job.target))

    rendering = Rendering(file_text, unchanged, keep=cache is not None)

    def filtered() -> Iterator[FileResult | Rendered]:
        items = iter_items(order.jobs, workers=workers, cache=cache, progress=progress,
                           rendering=rendering)
        linted = (replace(r, display_path=stdin_name)
                  if stdin_name and isinstance(r, FileResult) and r.display_path == "-"
                  else r for r in items)
        for result in order.merged(linted, lambda r: r.display_path, lambda r: r):
            # NOTE: a Rendered result is one ``chain`` leaves as it is (``unchanged``)
            shown = chain.apply(result) if isinstance(result, FileResult) else result
            outcome.see(shown)
            yield shown

    emit_chunks(stream_chunks(filtered()), options.output, messages)
    done = chain.finish([])
    for warning in done.warnings:
        messages.warn(warning)
    if done.fixed:
        messages.warn(f"{done.fixed} finding(s) recorded in {options.baseline} no longer "
                      f"occur; rewrite it with --write-baseline {options.baseline} to keep it "
                      "tight")
    return outcome.code(options.exit_zero)
