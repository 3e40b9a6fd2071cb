"""``FileResult``: what linting one file produced, the unit every formatter receives.

A file either was read (``documents`` and ``findings``, ``error`` is None) or could not be read
(``error`` holds the JD001 reason, the design's tagged union). Formatters never run rules; the
CLI builds these records and hands a list of them to ``jdlint.output.format_results``.

A batch keeps every result until the report is printed, and a whole ``Document`` (raw blocks,
clause tree) costs ~400 KiB, so ``run_jobs`` hands back *light* results by default: the findings
and a ``DocumentSummary`` per document (what the formatters print), no documents. Callers that
need the structure (``jdlint report``) ask for the documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jdlint.core.model import Document, Finding, Format, Severity, Source
from jdlint.core.records import record

__all__ = ["DocumentSummary", "FileResult", "count_by_severity"]


@record(slots=True)
class DocumentSummary:
    """The facts about one document of a file that the output shows (JSON ``documents``)."""

    index: int
    title: str | None
    position: str | None
    language: str | None
    profile: str | None
    classification: str
    start: Source | None
    sections: tuple[str, ...]

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        """The summary of ``doc``."""
        blocks = doc.raw.blocks
        first = blocks[doc.span.start].source if doc.span.start < len(blocks) else None
        return cls(doc.index, doc.title, doc.position, doc.language, doc.profile,
                   doc.classification, first, tuple(s.kind.value for s in doc.sections))


@record(slots=True)
class FileResult:
    """The outcome of one input file (or stdin, shown as ``display_path`` "-")."""

    display_path: str
    format: Format | None
    documents: tuple[Document, ...] = ()
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    language: str | None = None
    profile: str | None = None
    summaries: tuple[DocumentSummary, ...] = ()

    @property
    def is_light(self) -> bool:
        """True when the documents were dropped (only their summaries are kept)."""
        return bool(self.summaries) and not self.documents

    def document_summaries(self) -> tuple[DocumentSummary, ...]:
        """One summary per document of the file, in order."""
        return self.summaries or tuple(DocumentSummary.of(d) for d in self.documents)

    def light(self) -> FileResult:
        """This result without its documents (their summaries instead): what a batch keeps."""
        if not self.documents:
            return self
        return replace(self, documents=(), summaries=self.document_summaries())


def count_by_severity(results: Sequence[FileResult]) -> dict[Severity, int]:
    """Number of findings per severity over all files (every severity present, maybe 0)."""
    counts = dict.fromkeys(Severity, 0)
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return counts
