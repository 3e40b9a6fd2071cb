"""Human text output: findings grouped by file, then a summary line.

Per file a ``path`` header, then per finding its location (``Source.describe()``), clause path,
code, severity in its colour, message, and the excerpt dimmed on the next line. With a width
(``COLUMNS`` or the terminal's) long messages are wrapped by rich at word boundaries under
their own column (below the heading on narrow terminals); without one (a pipe, a file) each
finding stays on one line for grep. Colour only when
asked for or when writing to a terminal and ``NO_COLOR`` is not set (https://no-color.org);
the same text without escape codes otherwise, so it is safe in CI logs and files.

This module owns the plain report (no colour, no wrapping: what a pipe or file gets), written
without rich; colour and wrapping are ``jdlint.output.textrich``'s, imported only then.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence

from jdlint.core.model import Finding, Severity
from jdlint.core.results import FileResult, count_by_severity

__all__ = ["render", "summary_line", "use_color"]


def use_color(color: bool | None = None) -> bool:
    """Resolve ``color=None`` (auto): a TTY on stdout and no ``NO_COLOR`` in the environment."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _plain_finding(finding: Finding) -> Iterator[str]:
    """The finding as ``textrich._finding`` prints it without colour (the same columns)."""
    yield (f"  {finding.source.describe():<12} {finding.clause or '':<8} {finding.code} "
           f"{finding.severity.label:<7} {' '.join(finding.message.split())}")
    if finding.excerpt:
        yield f"{'':<24}{' '.join(finding.excerpt.split())}"


def _plain(results: Sequence[FileResult], summary: str | None) -> list[str]:
    """The uncoloured, unwrapped report as lines; rich would print the same characters."""
    lines: list[str] = []
    for result in results:
        if result.error is None and not result.findings:
            continue
        lines.append(result.display_path)
        if result.error is not None:
            lines.append(f"  JD001 error   {result.error}")
        for finding in result.findings:
            lines.extend(_plain_finding(finding))
        lines.append("")
    if summary is not None:
        lines.append(summary)
    return lines


def _has_control(lines: list[str]) -> bool:
    # NOTE: rich drops some control characters (CR, BEL, BS, VT, FF) and expands tabs; a
    # line holding any of them goes through rich so the bytes stay rich's.
    return any(ord(c) < 32 or c == "\x7f" for line in lines for c in line)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(results: Sequence[FileResult]) -> str:
    """"Found 3 problems (1 error, 2 warnings, 0 infos) in 2 files." and unreadable files,
    which are not counted as files checked ("No problems found in 0 files; 1 file could not
    be read." rather than a green "in 1 file")."""
    counts = count_by_severity(results)
    total = sum(counts.values())
    unreadable = sum(1 for r in results if r.error is not None)
    files = _plural(len(results) - unreadable, "file")
    if total:
        line = (f"Found {_plural(total, 'problem')} ({_plural(counts[Severity.ERROR], 'error')}, "
                f"{_plural(counts[Severity.WARNING], 'warning')}, "
                f"{_plural(counts[Severity.INFO], 'info')}) in {files}.")
    else:
        line = f"No problems found in {files}."
    if unreadable:
        line = f"{line[:-1]}; {_plural(unreadable, 'file')} could not be read (JD001)."
    return line


def render(results: Sequence[FileResult], *, color: bool | None = None,
           width: int | None = None, summary: bool = True) -> str:
    """The whole report as text (with ANSI colour codes only when ``color`` resolves true)."""
    closing = summary_line(results) if summary else None
    coloured = use_color(color)
    lines = _plain(results, closing) if not coloured and width is None else None
    if lines is not None and not _has_control(lines):
        text = "\n".join(lines) + "\n" if lines else ""
    else:
        from jdlint.output import textrich

        text = textrich.render(results, closing, color=coloured, width=width)
    # NOTE: rich pads wrapped rows to the full width; trailing blanks only upset diffs.
    return "".join(f"{line.rstrip()}\n" for line in text.splitlines())
