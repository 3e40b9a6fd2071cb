"""The result cache's entry format: a light ``FileResult`` as JSON data that cannot run code.

This module owns the encoding and the strict decoding of a cache entry. The cache is kept
between CI runs and may be written by anyone who can write the folder, so an entry is data, not
objects: every field is checked for its type when read, and anything unexpected (a missing
field, a wrong type, an unknown severity, an entry of another jdlint version) makes the whole
entry a miss. Only light results are stored (findings and document summaries, no documents).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, get_args

from jdlint.core.model import (
    NOTE_KINDS,
    Confidence,
    Finding,
    Format,
    LegalRef,
    SectionKind,
    Severity,
    Source,
    Suggestion,
)
from jdlint.core.results import DocumentSummary, FileResult

__all__ = ["EntryError", "decode", "encode"]

SCHEMA = 3  # 2: a suggestion's ``original`` (the words a fix replaces); 3: Source.note
_FORMATS = frozenset(get_args(Format))
_APPLICABILITY = frozenset(("display-only", "unsafe", "safe"))


class EntryError(ValueError):
    """A cache entry that is not exactly what this version of jdlint writes."""


def _source(s: Source) -> dict[str, Any]:
    return {"block": s.block, "start": s.start, "end": s.end, "line": s.line,
            "paragraph": s.paragraph, "subline": s.subline,
            "cell": list(s.cell) if s.cell is not None else None, "page": s.page,
            "note": list(s.note) if s.note is not None else None}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code, "name": f.name, "severity": f.severity.label,
        "confidence": f.confidence.value, "message": f.message, "source": _source(f.source),
        "clause": f.clause, "section": f.section.value if f.section is not None else None,
        "excerpt": f.excerpt,
        "legal_basis": [{"cite": r.cite, "url": r.url,
                         "valid_from": r.valid_from.isoformat() if r.valid_from else None,
                         "valid_to": r.valid_to.isoformat() if r.valid_to else None}
                        for r in f.legal_basis],
        "suggestion": None if f.suggestion is None else {
            "text": f.suggestion.text, "replacement": f.suggestion.replacement,
            "applicability": f.suggestion.applicability, "original": f.suggestion.original},
        "fingerprint": f.fingerprint, "related": [_source(s) for s in f.related],
        "data": f.data,
    }


def encode(result: FileResult, version: str) -> bytes | None:
    """The entry for ``result`` (made light), or None when it cannot be stored exactly."""
    light = result.light()
    body = {
        "schema": SCHEMA, "version": version, "display_path": light.display_path,
        "format": light.format, "error": light.error, "language": light.language,
        "profile": light.profile, "findings": [_finding(f) for f in light.findings],
        "summaries": [{"index": s.index, "title": s.title, "position": s.position,
                       "language": s.language, "profile": s.profile,
                       "classification": s.classification,
                       "start": _source(s.start) if s.start is not None else None,
                       "sections": list(s.sections)} for s in light.summaries],
    }
    try:
        text = json.dumps(body, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    # NOTE: a rule's free-form ``data`` holding tuples or other non-JSON values would come back
    # changed; such a result is simply not cached rather than served altered.
    try:
        if decode(text.encode("utf-8"), version) != light:
            return None
    except EntryError:
        return None
    return text.encode("utf-8")


def _get(obj: Any, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise EntryError(f"missing {key}")
    value = obj[key]
    if value is None and optional:
        return None
    # NOTE: bool is an int subclass: a true/false where a number belongs is malformed.
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise EntryError(f"bad {key}")
    if not isinstance(value, kind):
        raise EntryError(f"bad {key}")
    return value


def _int(obj: Any, key: str, *, optional: bool = False) -> int | None:
    value = _get(obj, key, int, optional=optional)
    if value is not None and value < 0:
        raise EntryError(f"bad {key}")
    return value  # type: ignore[no-any-return]


def _str(obj: Any, key: str, *, optional: bool = False) -> str | None:
    return _get(obj, key, str, optional=optional)  # type: ignore[no-any-return]


def _req_str(obj: Any, key: str) -> str:
    value = _str(obj, key)
    assert value is not None
    return value


def _read_source(obj: Any) -> Source:
    cell = _get(obj, "cell", list, optional=True)
    if cell is not None:
        if len(cell) != 3 or not all(isinstance(v, int) and not isinstance(v, bool)
                                     for v in cell):
            raise EntryError("bad cell")
        cell = (cell[0], cell[1], cell[2])
    note = _get(obj, "note", list, optional=True)
    if note is not None:
        if (len(note) != 2 or note[0] not in NOTE_KINDS or not isinstance(note[1], int)
                or isinstance(note[1], bool)):
            raise EntryError("bad note")
        note = (note[0], note[1])
    block = _int(obj, "block")
    start = _int(obj, "start")
    assert block is not None and start is not None
    return Source(block=block, start=start, end=_int(obj, "end", optional=True),
                  line=_int(obj, "line", optional=True),
                  paragraph=_int(obj, "paragraph", optional=True),
                  subline=_int(obj, "subline", optional=True), cell=cell,
                  page=_int(obj, "page", optional=True), note=note)


def _date(obj: Any, key: str) -> date | None:
    text = _str(obj, key, optional=True)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EntryError(f"bad {key}") from None


def _read_finding(obj: Any) -> Finding:
    try:
        severity = Severity.parse(_req_str(obj, "severity"))
        confidence = Confidence(_req_str(obj, "confidence"))
        section_name = _str(obj, "section", optional=True)
        section = SectionKind(section_name) if section_name is not None else None
    except ValueError:
        raise EntryError("bad enum") from None
    basis = tuple(LegalRef(cite=_req_str(r, "cite"), url=_str(r, "url", optional=True),
                           valid_from=_date(r, "valid_from"), valid_to=_date(r, "valid_to"))
                  for r in _get(obj, "legal_basis", list))
    raw_suggestion = _get(obj, "suggestion", dict, optional=True)
    suggestion = None
    if raw_suggestion is not None:
        applicability = _req_str(raw_suggestion, "applicability")
        if applicability not in _APPLICABILITY:
            raise EntryError("bad applicability")
        suggestion = Suggestion(text=_req_str(raw_suggestion, "text"),
                                replacement=_str(raw_suggestion, "replacement", optional=True),
                                applicability=applicability,  # type: ignore[arg-type]
                                original=_str(raw_suggestion, "original", optional=True))
    return Finding(
        code=_req_str(obj, "code"), name=_req_str(obj, "name"), severity=severity,
        confidence=confidence, message=_req_str(obj, "message"),
        source=_read_source(_get(obj, "source", dict)),
        clause=_str(obj, "clause", optional=True), section=section,
        excerpt=_req_str(obj, "excerpt"), legal_basis=basis, suggestion=suggestion,
        fingerprint=_req_str(obj, "fingerprint"),
        related=tuple(_read_source(s) for s in _get(obj, "related", list)),
        data=_get(obj, "data", dict, optional=True))


def _read_summary(obj: Any) -> DocumentSummary:
    start = _get(obj, "start", dict, optional=True)
    sections = _get(obj, "sections", list)
    if not all(isinstance(s, str) for s in sections):
        raise EntryError("bad sections")
    index = _int(obj, "index")
    assert index is not None
    return DocumentSummary(
        index=index, title=_str(obj, "title", optional=True),
        position=_str(obj, "position", optional=True),
        language=_str(obj, "language", optional=True),
        profile=_str(obj, "profile", optional=True),
        classification=_req_str(obj, "classification"),
        start=_read_source(start) if start is not None else None, sections=tuple(sections))


def decode(data: bytes, version: str) -> FileResult:
    """The light result an entry holds; :class:`EntryError` for anything malformed."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise EntryError("not JSON") from None
    if _get(body, "schema", int) != SCHEMA or _str(body, "version") != version:
        raise EntryError("another version")
    fmt = _str(body, "format", optional=True)
    if fmt is not None and fmt not in _FORMATS:
        raise EntryError("bad format")
    return FileResult(
        display_path=_req_str(body, "display_path"), format=fmt,  # type: ignore[arg-type]
        findings=tuple(_read_finding(f) for f in _get(body, "findings", list)),
        error=_str(body, "error", optional=True), language=_str(body, "language", optional=True),
        profile=_str(body, "profile", optional=True),
        summaries=tuple(_read_summary(s) for s in _get(body, "summaries", list)))
