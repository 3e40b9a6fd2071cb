"""One ``jdlint check`` run from its ``CheckOptions``: plan (scan, configs, selection), lint
(cache, processes), waivers and baseline, then the report and the exit code.

Configuration and usage mistakes found here are one "jdlint: error:" line and exit 2, without
click's usage banner (the command line itself parsed fine). Paths that do not exist are named
on standard error and still reported as JD001, the other files linted; a run that finds no
document at all is exit 2 ("no documents found"), never a green "0 files".
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from jdlint.checkcli.emit import (
    EXIT_ERROR,
    EXIT_OK,
    Messages,
    emit_chunks,
    exit_code,
    statistics,
    terminal_width,
)
from jdlint.checkcli.options import CheckOptions, split
from jdlint.core.errors import UsageError
from jdlint.output import MACHINE_FORMATS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from jdlint.core.results import FileResult
    from jdlint.output.sarif import Suppressed
    from jdlint.run.cache import ResultCache
    from jdlint.run.runner import Plan

__all__ = ["run_check"]

PROGRESS_MIN_FILES = 20


def _plan(options: CheckOptions, messages: Messages) -> Plan:
    from jdlint import nlp
    from jdlint.run.runner import plan
    from jdlint.settings.resolve import Overrides

    overrides = Overrides(
        select=split(options.select) if options.select else None,
        extend_select=split(options.extend_select), ignore=split(options.ignore),
        fail_on=options.fail_on, lang=options.lang, output_lang=options.output_lang,
        profile=options.profile, preview=options.preview)
    try:
        nlp.tokenizer()  # NOTE: a bad $JDLINT_TOKENIZER stops the run here, not in a rule
        return plan(options.paths, overrides, explicit_config=options.config_file,
                    isolated=options.isolated, force_exclude=options.force_exclude,
                    scan_options=options.scan_options(), stdin_name=options.stdin_filename)
    except (UsageError, ValueError) as exc:
        messages.fail(str(exc))


def _report_scan(work: Plan, options: CheckOptions, messages: Messages) -> None:
    """Warnings (links not followed, config keys, document types skipped) and ``-v`` details."""
    for warning in (*work.warnings, *work.scan.type_warnings()):
        messages.warn(warning)
    for path in work.scan.missing:
        messages.error(f"{path}: no such file or directory")
    for path, reason in work.scan.skipped:
        messages.detail(f"skipped {path}: {reason}")
    if options.verbose:
        for job in work.jobs:
            messages.detail(f"{work.display(job.target)}: settings from "
                            f"{job.resolved.config.label}")


def _nothing_found(work: Plan, options: CheckOptions, messages: Messages) -> None:
    """Exit 2 when no document was found; exit 0 when pre-commit's files were all excluded."""
    if work.jobs or work.problems:
        return
    if options.force_exclude and (work.excluded or work.scan.skipped):
        sys.exit(EXIT_OK)  # NOTE: every staged file excluded by the config: nothing to block
    skipped = len(work.scan.skipped)
    note = f" ({skipped} file{'' if skipped == 1 else 's'} skipped; -v lists them)" \
        if skipped else ""
    messages.fail(f"no documents found in {', '.join(options.paths)}{note}")


def run_check(options: CheckOptions) -> None:
    """Run ``jdlint check`` and exit with its code."""
    from jdlint.run.gcwindow import open_window

    # NOTE: first, before the imports below and the rules (``_plan``) load
    open_window()
    from jdlint import __version__
    from jdlint.catalogue.ruledata import rules_dir
    from jdlint.core.cachedir import default_cache_dir
    from jdlint.core.rulestore import use_folder

    messages = Messages(quiet=options.quiet, verbose=options.verbose)
    # NOTE: the compiled rule catalogue is read before any config is found, so from the
    # folder named on the command line or the default one; --no-cache turns it off too.
    folder = None if options.no_cache else options.cache_dir or default_cache_dir()
    use_folder(folder, rules_dir(), version=__version__)
    _use_word_store(folder)
    work = _plan(options, messages)
    _report_scan(work, options, messages)
    _nothing_found(work, options, messages)
    if options.show_files:
        for job in work.jobs:
            print(work.display(job.target))
        sys.exit(EXIT_OK)
    _refuse_inputs(work, options, messages)
    from jdlint.checkcli.stream import stream_json, streams

    if streams(options):
        from jdlint.run.parallel import default_jobs

        sys.exit(stream_json(work, options, messages, cache=_cache(work, options, messages),
                             workers=options.jobs or default_jobs(),
                             progress=_progress_rule(options)))
    results = _lint(work, options, messages)
    suppressed: list[Suppressed] = []
    try:
        results = _post(results, work, options, messages, suppressed)
    except UsageError as exc:
        messages.fail(str(exc))
    if options.write_baseline is not None:
        sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)
    if options.diff:
        _diff(results, work, options, messages)
    _report(results, work, options, messages, suppressed)
    sys.exit(exit_code(results, work, options.fail_on, options.exit_zero))


def _report(results: list[FileResult], work: Plan, options: CheckOptions,
            messages: Messages, suppressed: list[Suppressed]) -> None:
    from jdlint.output import format_results

    if options.statistics:
        emit_chunks((statistics(results, options.fmt),), options.output, messages)
    elif options.fmt == "json":
        # NOTE: JSON is written file by file: a batch of thousands of files never exists as
        # one string in memory (bench/ANALYSIS.md).
        from jdlint.output.json import render_chunks

        emit_chunks(render_chunks(results), options.output, messages)
    else:
        width = terminal_width() if options.output is None else None
        text = format_results(results, options.fmt, color=options.use_color(),
                              catalogue=work.catalogue, width=width,
                              summary=not options.quiet, suppressed=suppressed)
        emit_chunks((text,), options.output, messages)


def _diff(results: list[FileResult], work: Plan, options: CheckOptions,
          messages: Messages) -> None:
    """``--diff``: the proposed changes; exit 1 when there are any (ruff's ``--diff``), 2 when
    a file could not be read."""
    from jdlint.output.fixdiff import render_diff

    text, count = render_diff(results, unsafe=options.unsafe_fixes,
                              lang=options.output_lang or "en")
    emit_chunks((text,), options.output, messages)
    unreadable = [r for r in results if r.error]
    for r in unreadable:
        if r.display_path not in work.scan.missing:  # NOTE: already named by the scan
            messages.error(f"{r.display_path}: JD001 {r.error}")
    hidden = 0 if options.unsafe_fixes else render_diff(results, unsafe=True)[1] - count
    fixes = "fix" if count == 1 else "fixes"
    messages.note(f"{count} {fixes} proposed" +
                  (f"; {hidden} more with --unsafe-fixes" if hidden else ""))
    sys.exit(EXIT_ERROR if unreadable else 1 if count else EXIT_OK)


def _use_word_store(folder: Path | None) -> None:
    """pymorphy3's answers from earlier runs (``nlp.wordstore``), keyed by the code's version
    as the result cache is (without house rules: they do not change what pymorphy3 says)."""
    from jdlint.nlp import wordstore
    from jdlint.run.cache import code_version

    wordstore.use_folder(folder, lambda: code_version(()))


def _cache(work: Plan, options: CheckOptions, messages: Messages) -> ResultCache | None:
    """The result cache this run reads and writes (``--cache-dir``, a config's ``cache-dir``,
    the config's folder, or the user's cache), or None with ``--no-cache``."""
    from jdlint.core.cachedir import DEFAULT_DIR, config_cache_dir, default_cache_dir
    from jdlint.core.rulestore import save
    from jdlint.nlp.wordstore import save_at_exit
    from jdlint.run.cache import ResultCache

    if options.no_cache:
        return None
    folder = options.cache_dir
    for resolved in work.resolved.values():
        config = resolved.config
        if folder is None and config.cache_dir is not None:
            folder = config_cache_dir(config.cache_dir, config.root)
            if folder is None:
                messages.warn(f"{config.label}: cache-dir '{config.cache_dir}' is not a "
                              "folder inside the config's own folder; the default cache "
                              "folder is used")
                folder = config.root / DEFAULT_DIR
        elif folder is None and config.path is not None:
            folder = config.root / DEFAULT_DIR
    cache = ResultCache(folder or default_cache_dir())
    save(cache.folder)  # NOTE: only if it is the folder the catalogue was read from
    save_at_exit(cache.folder)  # NOTE: the same for the word store, once the files are linted
    return cache


def _progress_rule(options: CheckOptions) -> Callable[[int], bool]:
    def show_progress(count: int) -> bool:
        return (not options.no_progress and not options.quiet
                and options.fmt not in MACHINE_FORMATS and count >= PROGRESS_MIN_FILES
                and sys.stderr.isatty())

    return show_progress


def _lint(work: Plan, options: CheckOptions, messages: Messages) -> list[FileResult]:
    from jdlint.core.results import FileResult
    from jdlint.run.parallel import default_jobs, run_jobs

    results = run_jobs(work.jobs, workers=options.jobs or default_jobs(),
                       cache=_cache(work, options, messages),
                       progress=_progress_rule(options))
    if work.stdin_name:
        results = [replace(r, display_path=work.stdin_name) if r.display_path == "-" else r
                   for r in results]
    results.extend(FileResult(display_path=p, format=None, error=reason)
                   for p, reason in work.problems)
    results.sort(key=lambda r: r.display_path)
    return results


def _post(results: list[FileResult], work: Plan, options: CheckOptions,
          messages: Messages, suppressed: list[Suppressed]) -> list[FileResult]:
    """Waivers, then the baseline (read, or written): ``run.outcome.filter_results``, the same
    call ``jdlint report`` makes, so the two commands never disagree on what is shown."""
    from jdlint.run.outcome import filter_results
    from jdlint.settings.baseline import write_baseline as write

    writing = options.write_baseline is not None
    done = filter_results(results, work, waivers=options.waivers_file,
                          baseline=None if writing else options.baseline, suppressed=suppressed)
    for warning in done.warnings:
        messages.warn(warning)
    machine = options.fmt in MACHINE_FORMATS
    if options.write_baseline is not None:
        count = write(options.write_baseline, done.results)
        messages.note(f"wrote {count} finding(s) to {options.write_baseline}")
        return done.results
    if done.suppressed and not machine:
        messages.note(f"{done.suppressed} finding(s) recorded in {options.baseline} not shown")
    if done.fixed:
        messages.warn(f"{done.fixed} finding(s) recorded in {options.baseline} no longer "
                      f"occur; rewrite it with --write-baseline {options.baseline} to keep it "
                      "tight")
    if done.waived and not machine:
        messages.note(f"{done.waived} finding(s) waived")
    return done.results


def _refuse_inputs(work: Plan, options: CheckOptions, messages: Messages) -> None:
    """Exit 2 before linting when an output would land on an input (found in a folder too)."""
    from jdlint.core.safeout import OutputError, refuse_inputs

    inputs = [job.target for job in work.jobs]
    try:
        for path, flag in ((options.output, "-o"), (options.write_baseline, "--write-baseline")):
            if path is not None:
                refuse_inputs(path, inputs, flag)
    except OutputError as exc:
        messages.fail(str(exc))
