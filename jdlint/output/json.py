"""JSON output, version 1: the public contract of design.md §5.

Keys required by the contract are always present (``null`` when unknown); extra keys (the
documents found in a file, finer location fields, the related locations) may be added but never
renamed or removed without bumping ``version``.

``stream_chunks`` writes the report of a batch whose pool workers sent some files' text
already written (``file_text``, ``run.transfer.Rendered``): the same bytes as ``render``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from jdlint.core import jsontext
from jdlint.core.model import Finding, Severity, Source
from jdlint.core.results import DocumentSummary, FileResult, count_by_severity

if TYPE_CHECKING:
    from jdlint.run.transfer import Rendered

__all__ = ["VERSION", "file_text", "finding_to_dict", "render", "render_chunks",
           "results_to_dict", "stream_chunks"]

VERSION = 1


def _location(source: Source) -> dict[str, Any]:
    return {"line": source.line, "paragraph": source.paragraph, "subline": source.subline,
            "cell": list(source.cell) if source.cell else None, "block": source.block,
            "start": source.start, "end": source.end, "page": source.page,
            "note": _note(source)}


def _note(source: Source) -> dict[str, Any] | None:
    """A footnote's, endnote's or text box's kind and number (``paragraph`` holds its mark)."""
    if source.note is None:
        return None
    return {"kind": source.note[0], "number": source.note[1]}


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
        "fix": _fix(finding),
        "fingerprint": finding.fingerprint,
        "related": [_location(s) for s in finding.related],
        "data": finding.data,
    }


def _fix(finding: Finding) -> dict[str, Any] | None:
    """The wording the rule proposes (``check --diff``): the words, the new ones, and whether
    the change is safe; None when it proposes none."""
    s = finding.suggestion
    if s is None or s.applicability == "display-only" or s.replacement is None \
            or s.original is None:
        return None
    return {"from": s.original, "to": s.replacement, "safe": s.applicability == "safe"}


def _document(doc: DocumentSummary) -> dict[str, Any]:
    return {"index": doc.index, "title": doc.title, "position": doc.position,
            "language": doc.language, "profile": doc.profile,
            "classification": doc.classification,
            "start": _location(doc.start) if doc.start else None,
            "sections": list(doc.sections)}


def _file(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.display_path,
        "format": result.format,
        "language": result.language,
        "profile": result.profile,
        "error": None if result.error is None else {"code": "JD001", "message": result.error},
        "findings": [finding_to_dict(f) for f in result.findings],
        "documents": [_document(d) for d in result.document_summaries()],
    }


def _summary(results: Sequence[FileResult]) -> dict[str, Any]:
    counts = count_by_severity(results)
    return {"files": len(results), "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO],
            "unreadable": sum(1 for r in results if r.error is not None)}


def results_to_dict(results: Sequence[FileResult]) -> dict[str, Any]:
    """The whole report as plain data (what ``render`` serialises)."""
    return {"version": VERSION, "files": [_file(r) for r in results],
            "summary": _summary(results)}


def _dumps(value: Any, indent: int) -> str:
    # NOTE: json escapes every control character inside strings, so the only line breaks in
    # its output are its own: indenting them nests the text one level deeper.
    return jsontext.dumps(value, indent)  # NOTE: json.dumps(…, indent=2), faster (issue 19)


_HEAD = '{\n  "version": ' + json.dumps(VERSION) + ',\n  "files": '


def _tail(files: int, counts: dict[Severity, int], unreadable: int) -> str:
    summary = {"files": files, "errors": counts[Severity.ERROR],
               "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO],
               "unreadable": unreadable}
    return ("\n  ]" if files else "[]") + ',\n  "summary": ' + _dumps(summary, 2) + "\n}\n"


def render_chunks(results: Iterable[FileResult]) -> Iterator[str]:
    """``render``'s text in pieces, one per file, taking ``results`` one at a time: a caller
    that writes each piece as it comes, from a stream of results, never holds the report nor
    the batch's findings (88 KiB of JSON per typical instruction, most of it the JD403
    matrix; a 5,000-file batch is ~440 MB of text)."""
    yield _HEAD
    counts = dict.fromkeys(Severity, 0)
    files = unreadable = 0
    for result in results:
        # NOTE: ``data`` comes from rules and may hold values json cannot encode; str() them.
        yield ("[\n" if files == 0 else ",\n") + " " * 4 + _dumps(_file(result), 4)
        files += 1
        unreadable += result.error is not None
        for finding in result.findings:
            counts[finding.severity] += 1
    yield _tail(files, counts, unreadable)


def file_text(result: FileResult) -> bytes | str:
    """One file's piece of the report, after its indent: UTF-8 bytes as orjson wrote them
    (a pool worker's, so the parent neither decodes nor encodes them), or the text when it
    holds a character strict UTF-8 cannot encode (a lone surrogate from a file name), which
    the writer of the report treats as it does the rest of its text."""
    text = jsontext.encode(_file(result), 4)
    if isinstance(text, bytes):
        return text
    try:
        return text.encode()
    except UnicodeEncodeError:
        return text


def stream_chunks(items: Iterable[FileResult | Rendered]) -> Iterator[str | bytes]:
    """``render_chunks`` over results some of which come as their text already written
    (``file_text`` in a pool worker): the same text, that piece as UTF-8 bytes."""
    yield _HEAD
    severities = tuple(Severity)
    counts = dict.fromkeys(Severity, 0)
    files = unreadable = 0
    for item in items:
        lead = "[\n    " if files == 0 else ",\n    "
        files += 1
        if isinstance(item, FileResult):
            # NOTE: bytes here too (one process, a cache hit): no decoding, no encoding
            text = file_text(item)
            unreadable += item.error is not None
            for finding in item.findings:
                counts[finding.severity] += 1
        else:
            text = item.text
            unreadable += item.error
            for severity, count in zip(severities, item.counts, strict=True):
                counts[severity] += count
        # NOTE: one piece per file, as render_chunks: standard output is flushed per piece
        yield lead.encode() + text if isinstance(text, bytes) else lead + text
    yield _tail(files, counts, unreadable)


def render(results: Sequence[FileResult]) -> str:
    """JSON text, UTF-8 friendly (Cyrillic and Lithuanian letters are not escaped).

    The same text as ``json.dumps(results_to_dict(results), indent=2)``, built one file at a
    time: the plain-data tree of a whole batch (and the encoder's pieces of it) is never held
    at once, which was the peak of a large batch's memory.
    """
    return "".join(render_chunks(results))
