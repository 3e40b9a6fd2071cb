"""GitHub Actions workflow annotations: ``::error file=…,line=…,title=…::message`` per finding.

GitHub shows these on the pull request's changed files. DOCX findings use the paragraph number
as the line (a Word file has no lines; the message says "para N" so nobody looks for a line).
Values are escaped as the workflow-command syntax requires (``%``, CR, LF; ``:`` and ``,`` in
properties). Severity maps to error / warning / notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from jdlint.core.model import Finding, Severity
from jdlint.core.results import FileResult

__all__ = ["render"]

_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _line(finding: Finding) -> tuple[int, str]:
    source = finding.source
    if source.line is not None:
        return source.line, ""
    if source.paragraph is not None:
        return source.paragraph, f"para {source.paragraph}, "
    return source.block + 1, ""


def render(results: Sequence[FileResult]) -> str:
    """One annotation line per finding (and per unreadable file)."""
    lines: list[str] = []
    for result in results:
        path = _prop(result.display_path)
        if result.error is not None:
            lines.append(f"::error file={path},line=1,title={_prop('JD001 unreadable-file')}::"
                         f"{_data(result.error)}")
            continue
        for finding in result.findings:
            line, where = _line(finding)
            clause = f"clause {finding.clause}: " if finding.clause else ""
            message = " ".join(finding.message.split())
            col = f",col={finding.source.start + 1}" if finding.source.line is not None else ""
            lines.append(f"::{_LEVEL[finding.severity]} file={path},line={line}{col},"
                         f"title={_prop(f'{finding.code} {finding.name}')}::"
                         f"{_data(f'{where}{clause}{message}')}")
    return "".join(f"{line}\n" for line in lines)
