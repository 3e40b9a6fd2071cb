"""``jdlint report`` end to end: lint the inputs exactly as ``jdlint check`` does (the same
plan, selection, waivers and baseline: ``jdlint.run.runner`` and ``jdlint.run.outcome``), then write
the HTML report or the commented Word copy. The input files are only read; writing over an
input is refused.

The HTML report streams its files (``jdlint.report.stream``): each file is linted and reduced
to what the page shows before the next, so a thousand files do not mean a thousand documents
in memory (issue 19). The Word copy has one input file and keeps its document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.core.safeout import OutputError, refuse_inputs, write_atomic

if TYPE_CHECKING:
    from jdlint.run.runner import Plan

EXIT_OK, EXIT_ERROR = 0, 2
T = TypeVar("T")


@record
class Selection:
    """The options the report shares with ``jdlint check`` (None / empty = not given)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    preview: bool = False
    config: Path | None = None
    isolated: bool = False
    waivers: Path | None = None
    baseline: Path | None = None
    # NOTE: folders are scanned as by ``check`` (``jdlint.run.scan``): its exclude options
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True


def _warn(message: str) -> None:
    click.echo(f"jdlint: warning: {message}", err=True)


def plan_report(paths: Sequence[str], lang: str | None, out: Path, chosen: Selection) -> Plan:
    """The files to lint with the settings ``jdlint check`` would use for each; refuse an
    ``out`` that is one of the inputs, including those in folders."""
    from jdlint.core.errors import UsageError
    from jdlint.run.runner import plan
    from jdlint.run.scan import ScanOptions
    from jdlint.settings.resolve import Overrides

    overrides = Overrides(select=chosen.select, extend_select=chosen.extend_select,
                          ignore=chosen.ignore, lang=chosen.lang, output_lang=lang,
                          preview=chosen.preview)
    from jdlint import nlp

    try:
        nlp.tokenizer()  # NOTE: a bad $JDLINT_TOKENIZER stops here, as in check, not in a rule
        scan_options = ScanOptions(exclude=chosen.exclude, extend_exclude=chosen.extend_exclude,
                                   respect_gitignore=chosen.respect_gitignore)
        work = plan(paths, overrides, explicit_config=chosen.config, isolated=chosen.isolated,
                    scan_options=scan_options)
        refuse_inputs(out, [job.target for job in work.jobs], "the report")
    except (UsageError, OutputError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    for warning in (*work.warnings, *work.scan.type_warnings()):
        _warn(warning)
    return work


def lint_for_report(paths: Sequence[str], lang: str | None, out: Path,
                    chosen: Selection) -> tuple[list[FileResult], bool]:
    """Lint as ``jdlint check`` would, keeping the documents, then apply the waivers and the
    baseline (the Word copy: one file)."""
    from jdlint.core.errors import UsageError
    from jdlint.run.outcome import filter_results, with_problems
    from jdlint.run.parallel import run_jobs

    work = plan_report(paths, lang, out, chosen)
    results = with_problems(run_jobs(work.jobs, workers=1, keep_documents=True), work)
    try:
        done = filter_results(results, work, waivers=chosen.waivers, baseline=chosen.baseline)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    for warning in done.warnings:
        _warn(warning)
    return done.results, bool(work.problems)


def _report_lang(results: Sequence[FileResult], lang: str | None) -> str:
    if lang:
        return lang
    # NOTE: a tie goes to the set's first language, as it always has
    langs = [r.language for r in results if r.language]
    return max(set(langs), key=langs.count) if langs else "en"


def _write(out: Path, data: str | bytes | Iterable[str]) -> None:
    try:
        write_atomic(out, data)
    except OutputError as exc:
        click.echo(f"jdlint: {exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None


def _drained(items: list[T]) -> Iterator[T]:
    """The items of ``items`` in order, each removed from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def run_report(paths: Sequence[str], *, fmt: str, output: str, lang: str | None,
               redline: bool, repeated: int | None = None,
               chosen: Selection | None = None, jobs: int | None = None) -> int:
    """Write the report; return the exit code (2 when an input could not be read).
    ``jobs``: worker processes for the HTML report (default: the cores available)."""
    chosen = chosen or Selection()
    out = Path(output)
    try:
        refuse_inputs(out, paths, "the report")
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "docx":
        return _docx_report(paths, out, lang, redline, chosen)
    from jdlint.core.errors import UsageError
    from jdlint.report.html import html_chunks
    from jdlint.report.stream import stream_report
    from jdlint.report.view import views_of, with_repeated
    from jdlint.run.parallel import default_jobs

    checked_on = date.today().isoformat()
    work = plan_report(paths, lang, out, chosen)
    try:
        done = stream_report(work, waivers=chosen.waivers, baseline=chosen.baseline,
                             repeated=repeated is not None, workers=jobs or default_jobs())
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    for warning in done.warnings:
        _warn(warning)
    errors = [(f.result.display_path, f.result.error) for f in done.files if f.result.error]
    report_lang = _report_lang([f.result for f in done.files], lang)
    # NOTE: each file's facts are dropped once its part of the view is made
    view = views_of(_drained(done.files), report_lang, checked_on)
    if done.tally is not None and repeated is not None:
        view = with_repeated(view, done.tally.result(repeated))
        done.tally.close()
    del done
    _write(out, html_chunks(view))
    for name, error in errors:
        click.echo(f"{name}: JD001 {error}", err=True)
    return EXIT_ERROR if work.problems or errors else EXIT_OK


def _input_bytes(path: str) -> bytes:
    """The input DOCX again, bounded by the reader's size limit and from a regular file only
    (the package limits are applied again by ``WordCopy``)."""
    import os
    import stat

    from jdlint.core.errors import InputError
    from jdlint.readers import MAX_DOCX_BYTES

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        with open(path, "rb", opener=lambda p, _: os.open(p, flags)) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError("not a regular file")
            data = handle.read(MAX_DOCX_BYTES + 1)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if len(data) > MAX_DOCX_BYTES:
        raise InputError("file too large")
    return data


def _docx_report(paths: Sequence[str], out: Path, lang: str | None, redline: bool,
                 chosen: Selection) -> int:
    from jdlint.core.errors import InputError
    from jdlint.report.docx import proposals_of, redlined_copy

    if len(paths) != 1 or paths[0] == "-":
        raise click.UsageError("--format docx takes exactly one input file")
    results, _ = lint_for_report(paths, lang, out, chosen)
    result = results[0]
    if result.error or not result.documents:
        click.echo(f"{result.display_path}: JD001 {result.error or 'not read'}", err=True)
        return EXIT_ERROR
    # NOTE: the document the findings were made from, not a second reading of the file.
    raw = result.documents[0].raw
    report_lang = _report_lang(results, lang)
    try:
        data = _input_bytes(paths[0]) if raw.format == "docx" else None
        copy, placed, changes = redlined_copy(data, raw, result.findings, report_lang,
                                              redline=redline)
    except InputError as exc:
        click.echo(f"{paths[0]}: JD001 {exc.reason}", err=True)
        return EXIT_ERROR
    _write(out, copy)
    click.echo(f"{out}: {placed} comment(s) by jdlint", err=True)
    if redline:
        # NOTE: said even when 0, so a lawyer knows the copy's text was not changed.
        total = proposals_of(result.findings)
        click.echo(f"{out}: {total} {'change' if total == 1 else 'changes'} proposed "
                   f"({changes} as tracked changes, {total - changes} in comments)", err=True)
    return EXIT_OK
