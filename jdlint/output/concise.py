"""Concise output: one line per finding, ``path:para-or-line: [clause] CODE message``.

Made for pre-commit hooks, editors and grep: no colour, no excerpt. The number is the 1-based
TXT line or DOCX paragraph (the block number when neither is known).
"""

from __future__ import annotations

from collections.abc import Sequence

from jdlint.model import Finding
from jdlint.results import FileResult

__all__ = ["render"]


def _number(finding: Finding) -> int:
    source = finding.source
    if source.line is not None:
        return source.line
    if source.paragraph is not None:
        return source.paragraph
    return source.block + 1


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
