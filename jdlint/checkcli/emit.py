"""What ``jdlint check`` prints besides the report, and how it ends: messages on standard
error (``-q`` keeps errors only, ``-v`` adds details), ``--statistics``, the report written
to standard output or a file, exit codes (0 clean, 1 findings, 2 errors)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from jdlint.core.model import Severity
from jdlint.core.records import record

if TYPE_CHECKING:
    from jdlint.core.results import FileResult
    from jdlint.run.runner import Plan

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "Messages", "emit_chunks", "exit_code",
           "statistics", "terminal_width"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@record
class Messages:
    """Lines on standard error, prefixed "jdlint:"; ``quiet`` drops all but errors."""

    quiet: bool = False
    verbose: bool = False

    def error(self, message: str) -> None:
        click.echo(f"jdlint: error: {message}", err=True)

    def fail(self, message: str) -> NoReturn:
        """A usage or configuration error: one line, no usage banner, exit 2."""
        self.error(message)
        sys.exit(EXIT_ERROR)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"jdlint: warning: {message}", err=True)

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"jdlint: {message}", err=True)

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(f"jdlint: {message}", err=True)


def terminal_width() -> int | None:
    """Columns to wrap the text report at: ``COLUMNS``, else the terminal's; None (no
    wrapping: one line per finding, for pipes, files and grep) when neither is known."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) >= 20:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def statistics(results: Sequence[FileResult], fmt: str) -> str:
    """Findings per rule, most frequent first (ruff's ``--statistics``): a table, or JSON when
    the output format is a JSON one."""
    counts: Counter[tuple[str, str]] = Counter()
    severity: dict[str, Severity] = {}
    for result in results:
        for finding in result.findings:
            counts[(finding.code, finding.name)] += 1
            severity[finding.code] = max(severity.get(finding.code, finding.severity),
                                         finding.severity)
    unreadable = sum(1 for r in results if r.error is not None)
    if unreadable:
        counts[("JD001", "unreadable-file")] += unreadable
        severity["JD001"] = Severity.ERROR
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt in ("json", "json-lines", "sarif", "gitlab"):
        data = [{"code": code, "name": name, "count": n, "severity": severity[code].label}
                for (code, name), n in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{n:>5}  {code:<8} {severity[code].label:<8} {name}\n"
                   for (code, name), n in rows)


def _utf8_stdout() -> bool:
    """Whether UTF-8 bytes that click writes to standard output's binary layer are the bytes
    its text layer would write (a UTF-8 encoding, no line-ending translation). click writes
    text to ``sys.stdout`` itself when its encoding is UTF-8."""
    import codecs

    stream = sys.stdout
    try:
        utf8 = codecs.lookup(stream.encoding or "ascii").name == "utf-8"
        stream.buffer.write(b"")  # NOTE: click's own test of a binary writer
    except (LookupError, AttributeError, TypeError, ValueError, OSError):
        return False
    return utf8 and os.linesep == "\n"


def emit_chunks(chunks: Iterable[str | bytes], output: Path | None, messages: Messages
                ) -> None:
    """Write the report piece by piece to standard output, or all or nothing to ``output``.
    A piece in bytes is the strict UTF-8 of its text (``output.json.file_text``)."""
    from jdlint.core.safeout import OutputError, write_atomic

    if output is None:
        raw: bool | None = None
        for chunk in chunks:
            if isinstance(chunk, bytes):
                if raw is None:
                    raw = _utf8_stdout()
                if not raw:
                    chunk = chunk.decode()
            # NOTE: color=True: click would strip escape codes off a pipe, but the report
            # holds them only when --color/FORCE_COLOR asked for them.
            click.echo(chunk, nl=False, color=True)
        return
    try:
        write_atomic(output, chunks)
    except OutputError as exc:
        messages.fail(str(exc))


def exit_code(results: Sequence[FileResult], work: Plan, fail_on: str | None,
              exit_zero: bool) -> int:
    """2 when a file could not be read, else 1 when a finding reaches ``fail-on``, else 0."""
    if any(r.error for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    for result in results:
        resolved = work.resolved_for(result.display_path)
        threshold = Severity.parse(fail_on) if fail_on else \
            (resolved.fail_on if resolved else Severity.ERROR)
        if any(f.severity >= threshold for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK
