"""Concise output: one line per finding, ``path:para-or-line: [clause] CODE message``.

Made for pre-commit hooks, editors and grep: no colour, no excerpt. The number is the 1-based
TXT line or DOCX paragraph (the block number when neither is known); a DOCX paragraph split by
manual line breaks adds the line inside it, like a column: ``a.docx:1:20:``.
"""

from __future__ import annotations

from collections.abc import Sequence

from jdlint.model import Finding
from jdlint.results import FileResult

__all__ = ["render"]


def _number(finding: Finding) -> str:
    source = finding.source
    if source.line is not None:
        return str(source.line)
    if source.paragraph is not None:
        if source.subline is not None:
            return f"{source.paragraph}:{source.subline}"
        return str(source.paragraph)
    return str(source.block + 1)


def render(results: Sequence[FileResult]) -> str:
    """All findings of all files, one per line."""
    lines: list[str] = []
    for result in results:
        if result.error is not None:
            lines.append(f"{result.display_path}:1: JD001 {result.error}")
            continue
        for finding in result.findings:
            clause = f"[{finding.clause}] " if finding.clause else ""
            message = " ".join(finding.message.split())
            lines.append(f"{result.display_path}:{_number(finding)}: {clause}{finding.code} "
                         f"{message}")
    return "".join(f"{line}\n" for line in lines)
