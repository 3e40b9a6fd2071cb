"""``FileResult``: what linting one file produced, the unit every formatter receives.

A file either was read (``documents`` and ``findings``, ``error`` is None) or could not be read
(``error`` holds the JD001 reason, the design's tagged union). Formatters never run rules; the
CLI builds these records and hands a list of them to ``jdlint.output.format_results``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jdlint.model import Document, Finding, Format, Severity

__all__ = ["FileResult", "count_by_severity"]


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of one input file (or stdin, shown as ``display_path`` "-")."""

    display_path: str
    format: Format | None
    documents: tuple[Document, ...] = ()
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    language: str | None = None
    profile: str | None = None


def count_by_severity(results: Sequence[FileResult]) -> dict[Severity, int]:
    """Number of findings per severity over all files (every severity present, maybe 0)."""
    counts = dict.fromkeys(Severity, 0)
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return counts
