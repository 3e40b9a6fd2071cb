"""The rich half of the text report: colour and wrapping at a terminal's width.

``jdlint.output.text`` calls ``render`` here only when the report is coloured, wrapped, or holds
a control character (rich strips some of them; the plain writer would not know which); a pipe
or a file gets the same bytes from the plain writer without importing rich (~40 ms of a cold
start). ``make_console`` is also the console of ``jdlint rules``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jdlint.core.model import Finding, Severity
from jdlint.core.results import FileResult

__all__ = ["SEVERITY_STYLE", "make_console", "render"]

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

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


def render(results: Sequence[FileResult], summary: str | None, *, color: bool,
           width: int | None) -> str:
    """The report through rich; ``summary`` is the closing line (None: none)."""
    buffer = io.StringIO()
    console = make_console(buffer, color, width)
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
    if summary is not None:
        console.print(Text(summary, style="bold"))
    return buffer.getvalue()
