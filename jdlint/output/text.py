"""Human text output (rich): findings grouped by file, then a summary line.

Per file a ``path`` header, then per finding its location (``Source.describe()``), clause path,
code, severity in its colour, message, and the excerpt dimmed on the next line. With a width
(``COLUMNS`` or the terminal's) long messages are wrapped by rich at word boundaries under
their own column (below the heading on narrow terminals); without one (a pipe, a file) each
finding stays on one line for grep. Colour only when
asked for or when writing to a terminal and ``NO_COLOR`` is not set (https://no-color.org);
the same text without escape codes otherwise, so it is safe in CI logs and files.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jdlint.core.model import Finding, Severity
from jdlint.core.results import FileResult, count_by_severity

__all__ = ["SEVERITY_STYLE", "make_console", "render", "use_color"]

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def use_color(color: bool | None = None) -> bool:
    """Resolve ``color=None`` (auto): a TTY on stdout and no ``NO_COLOR`` in the environment."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


# NOTE: below this width the heading (location, clause, code, severity: ~40 columns) leaves
# too little room beside it, so the message goes under it.
_SIDE_BY_SIDE = 100


def make_console(buffer: io.StringIO, color: bool, width: int | None = None) -> Console:
    """A console writing into ``buffer``: wrapping at ``width``, or (None) never wrapping, so
    a pipe or a file gets whole lines and a terminal never cuts a word in two."""
    return Console(file=buffer, force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, highlight=False,
                   soft_wrap=width is None, width=width or 120, emoji=False)


def _heading(finding: Finding) -> Text:
    head = Text("  ")
    head.append(f"{finding.source.describe():<12} ", style="dim")
    head.append(f"{finding.clause or '':<8} ", style="bold")
    head.append(f"{finding.code} ", style="bold")
    head.append(f"{finding.severity.label:<7}", style=SEVERITY_STYLE[finding.severity])
    return head


def _finding(finding: Finding) -> list[Text | Table]:
    head = _heading(finding)
    head.append(" " + " ".join(finding.message.split()))
    lines: list[Text | Table] = [head]
    if finding.excerpt:
        lines.append(Text(f"{'':<24}{' '.join(finding.excerpt.split())}", style="dim"))
    return lines


def _wrapped(finding: Finding, width: int) -> list[Text | Table]:
    """The finding for a terminal of ``width`` columns: message wrapped under itself."""
    body = Text(" ".join(finding.message.split()))
    if finding.excerpt:
        body.append("\n" + " ".join(finding.excerpt.split()), style="dim")
    grid = Table.grid(padding=0)
    head = _heading(finding)
    if width >= _SIDE_BY_SIDE:
        head.append(" ")
        grid.add_column(no_wrap=True, width=head.cell_len)
        grid.add_column(ratio=1)
        grid.add_row(head, body)
        return [grid]
    grid.add_column(width=6, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("", body)
    return [head, grid]


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
    buffer = io.StringIO()
    console = make_console(buffer, use_color(color), width)
    for result in results:
        if result.error is None and not result.findings:
            continue
        console.print(Text(result.display_path, style="bold underline"))
        if result.error is not None:
            unread = Text("  JD001 ", style="bold")
            unread.append("error   ", style=SEVERITY_STYLE[Severity.ERROR])
            unread.append(result.error)
            console.print(unread)
        for finding in result.findings:
            for line in _finding(finding) if width is None else _wrapped(finding, width):
                console.print(line)
        console.print()
    if summary:
        console.print(Text(summary_line(results), style="bold"))
    # NOTE: rich pads wrapped rows to the full width; trailing blanks only upset diffs.
    return "".join(f"{line.rstrip()}\n" for line in buffer.getvalue().splitlines())
