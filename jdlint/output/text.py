"""Human text output (rich): findings grouped by file, then a summary line.

Per file a ``path`` header, then per finding its location (``Source.describe()``), clause path,
code, severity in its colour, message, and the excerpt dimmed on the next line. Colour only when
asked for or when writing to a terminal and ``NO_COLOR`` is not set (https://no-color.org);
the same text without escape codes otherwise, so it is safe in CI logs and files.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from jdlint.model import Finding, Severity
from jdlint.results import FileResult, count_by_severity

__all__ = ["SEVERITY_STYLE", "make_console", "render", "use_color"]

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def use_color(color: bool | None = None) -> bool:
    """Resolve ``color=None`` (auto): a TTY on stdout and no ``NO_COLOR`` in the environment."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def make_console(buffer: io.StringIO, color: bool) -> Console:
    """A console writing into ``buffer``; soft wrap so long messages are not cut mid-word."""
    return Console(file=buffer, force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, highlight=False,
                   soft_wrap=True, width=120, emoji=False)


def _finding(finding: Finding) -> list[Text]:
    head = Text("  ")
    head.append(f"{finding.source.describe():<12} ", style="dim")
    head.append(f"{finding.clause or '':<8} ", style="bold")
    head.append(f"{finding.code} ", style="bold")
    head.append(f"{finding.severity.label:<7} ", style=SEVERITY_STYLE[finding.severity])
    head.append(" ".join(finding.message.split()))
    lines = [head]
    if finding.excerpt:
        lines.append(Text(f"{'':<24}{' '.join(finding.excerpt.split())}", style="dim"))
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(results: Sequence[FileResult]) -> str:
    """"Found 3 problems (1 error, 2 warnings, 0 infos) in 2 files." and unreadable files."""
    counts = count_by_severity(results)
    total = sum(counts.values())
    unreadable = sum(1 for r in results if r.error is not None)
    files = _plural(len(results), "file")
    if total:
        line = (f"Found {_plural(total, 'problem')} ({_plural(counts[Severity.ERROR], 'error')}, "
                f"{_plural(counts[Severity.WARNING], 'warning')}, "
                f"{_plural(counts[Severity.INFO], 'info')}) in {files}.")
    else:
        line = f"No problems found in {files}."
    if unreadable:
        line += f" {unreadable} could not be read."
    return line


def render(results: Sequence[FileResult], *, color: bool | None = None) -> str:
    """The whole report as text (with ANSI colour codes only when ``color`` resolves true)."""
    buffer = io.StringIO()
    console = make_console(buffer, use_color(color))
    for result in results:
        if result.error is None and not result.findings:
            continue
        console.print(Text(result.display_path, style="bold underline"))
        if result.error is not None:
            line = Text("  JD001 ", style="bold")
            line.append("error   ", style=SEVERITY_STYLE[Severity.ERROR])
            line.append(result.error)
            console.print(line)
        for finding in result.findings:
            for line in _finding(finding):
                console.print(line)
        console.print()
    console.print(Text(summary_line(results), style="bold"))
    return buffer.getvalue()
