"""JSON output, version 1: the public contract of design.md §5.

Keys required by the contract are always present (``null`` when unknown); extra keys (the
documents found in a file, finer location fields, the related locations) may be added but never
renamed or removed without bumping ``version``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from jdlint.model import Document, Finding, Severity, Source
from jdlint.results import FileResult, count_by_severity

__all__ = ["VERSION", "finding_to_dict", "render", "results_to_dict"]

VERSION = 1


def _location(source: Source) -> dict[str, Any]:
    return {"line": source.line, "paragraph": source.paragraph, "subline": source.subline,
            "cell": list(source.cell) if source.cell else None, "block": source.block,
            "start": source.start, "end": source.end}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding in the §5 shape (plus ``related`` and ``data``)."""
    location = _location(finding.source)
    location["clause"] = finding.clause
    location["section"] = finding.section.value if finding.section else None
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "confidence": finding.confidence.value,
        "message": finding.message,
        "location": location,
        "excerpt": finding.excerpt,
        "legal_basis": [
            {"cite": ref.cite, "url": ref.url,
             "valid_from": ref.valid_from.isoformat() if ref.valid_from else None,
             "valid_to": ref.valid_to.isoformat() if ref.valid_to else None}
            for ref in finding.legal_basis
        ],
        "suggestion": finding.suggestion.text if finding.suggestion else None,
        "fingerprint": finding.fingerprint,
        "related": [_location(s) for s in finding.related],
        "data": finding.data,
    }


def _document(doc: Document) -> dict[str, Any]:
    blocks = doc.raw.blocks
    first = blocks[doc.span.start].source if doc.span.start < len(blocks) else None
    return {"index": doc.index, "title": doc.title, "position": doc.position,
            "language": doc.language, "profile": doc.profile,
            "classification": doc.classification,
            "start": _location(first) if first else None,
            "sections": [s.kind.value for s in doc.sections]}


def results_to_dict(results: Sequence[FileResult]) -> dict[str, Any]:
    """The whole report as plain data (what ``render`` serialises)."""
    files = []
    for result in results:
        files.append({
            "path": result.display_path,
            "format": result.format,
            "language": result.language,
            "profile": result.profile,
            "error": None if result.error is None else {"code": "JD001",
                                                        "message": result.error},
            "findings": [finding_to_dict(f) for f in result.findings],
            "documents": [_document(d) for d in result.documents],
        })
    counts = count_by_severity(results)
    summary = {"files": len(results), "errors": counts[Severity.ERROR],
               "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO],
               "unreadable": sum(1 for r in results if r.error is not None)}
    return {"version": VERSION, "files": files, "summary": summary}


def render(results: Sequence[FileResult]) -> str:
    """JSON text, UTF-8 friendly (Cyrillic and Lithuanian letters are not escaped)."""
    # NOTE: ``data`` comes from rules and may hold values json cannot encode; str() them.
    return json.dumps(results_to_dict(results), ensure_ascii=False, indent=2, default=str) + "\n"
