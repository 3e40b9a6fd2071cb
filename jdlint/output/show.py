"""``jdlint show``: the recognised structure of a file, as text for a person or as JSON.

Shows what the parser understood — instructions found, their sections and numbered clauses
exactly as Word shows the numbers, approval and acknowledgement blocks, and the web noise
that was set aside — so a user can check the basis of every finding.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from jdlint.core.model import NOTE_KINDS, Block, Clause, Document, RawDocument, Source
from jdlint.core.records import record
from jdlint.structure import FileAnalysis

__all__ = ["ShowResult", "render_json", "render_text"]

_EXCERPT = 90
_MAX_NOTES = 200  # note lines printed as text (JSON lists them all)


@record(slots=True)
class ShowResult:
    """One file for ``jdlint show``: its analysis, or the reason it could not be read."""

    display_path: str
    analysis: FileAnalysis | None
    error: str | None = None


def _loc(source: Source) -> dict[str, Any]:
    return {"line": source.line, "paragraph": source.paragraph, "subline": source.subline,
            "cell": list(source.cell) if source.cell else None, "page": source.page,
            "note": list(source.note) if source.note else None}


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs of block indices as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _clause_dict(clause: Clause, blocks: tuple[Block, ...]) -> dict[str, Any]:
    return {"number": clause.path or None, "label": clause.label or None,
            "depth": clause.depth, "auto_numbered": clause.auto, "text": clause.text,
            "location": _loc(blocks[clause.first_block].source)}


def _document_dict(doc: Document) -> dict[str, Any]:
    blocks = doc.blocks
    first = blocks[doc.span.start].source if doc.span.stop > doc.span.start else None
    last = blocks[doc.span.stop - 1].source if doc.span.stop > doc.span.start else None
    return {
        "index": doc.index + 1,
        "classification": doc.classification,
        "language": doc.language,
        "profile": doc.profile,
        "title": doc.title,
        "position": doc.position,
        "start": _loc(first) if first else None,
        "end": _loc(last) if last else None,
        "approval": _range_dict(doc.approval, blocks),
        "acknowledgement": _range_dict(doc.acknowledgement, blocks),
        "sections": [
            {"kind": s.kind.value, "number": s.number, "heading": s.heading or None,
             "location": _loc(blocks[s.blocks.start].source) if len(s.blocks) else None,
             "clauses": [_clause_dict(c, blocks) for c in s.all_clauses()]}
            for s in doc.sections
        ],
    }


def _range_dict(r: range | None, blocks: tuple[Block, ...]) -> dict[str, Any] | None:
    if r is None or not len(r):
        return None
    return {"start": _loc(blocks[r.start].source), "end": _loc(blocks[r.stop - 1].source)}


def _noise_dicts(analysis: FileAnalysis) -> list[dict[str, Any]]:
    blocks = analysis.raw.blocks
    return [{"start": _loc(blocks[a].source), "end": _loc(blocks[b].source),
             "blocks": b - a + 1, "text": blocks[a].text[:_EXCERPT]}
            for a, b in _runs(analysis.noise)]


def render_json(results: Sequence[ShowResult]) -> str:
    """Structure as data: files → documents → sections → clauses (numbers as Word shows)."""
    files = []
    for res in results:
        entry: dict[str, Any] = {"path": res.display_path, "error": None}
        if res.error is not None or res.analysis is None:
            entry["error"] = {"code": "JD001", "message": res.error}
            entry["documents"] = []
        else:
            raw = res.analysis.raw
            entry.update(format=raw.format, encoding=raw.encoding,
                         documents=[_document_dict(d) for d in res.analysis.documents
                                    if d.classification == "instruction"],
                         classification=_classification(res.analysis),
                         noise=_noise_dicts(res.analysis),
                         notes=[{"location": _loc(b.source), "text": b.text[:_EXCERPT]}
                                for b in _notes(raw)],
                         revisions={"insertions": raw.revisions.insertions,
                                    "deletions": raw.revisions.deletions,
                                    "comments": raw.revisions.comments})
        files.append(entry)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"


def _notes(raw: RawDocument) -> list[Block]:
    """Footnotes, endnotes and text boxes: read beside the body, never its structure."""
    return [b for b in raw.blocks if b.kind in NOTE_KINDS]


def _classification(analysis: FileAnalysis) -> str:
    kinds = {d.classification for d in analysis.documents}
    return "instruction" if "instruction" in kinds else next(iter(kinds), "unknown")


def _where(raw: RawDocument, index: int) -> str:
    return raw.blocks[index].source.describe()


def _cut(text: str, width: int = _EXCERPT) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(results: Sequence[ShowResult]) -> str:
    """Structure for a person: one indented outline per instruction, noise summarised."""
    out: list[str] = []
    for res in results:
        if res.error is not None or res.analysis is None:
            out.append(res.display_path)
            out.append(f"  error: JD001 {res.error}")
            out.append("")
            continue
        analysis = res.analysis
        raw = analysis.raw
        out.append(f"{res.display_path} ({raw.format})")
        instructions = [d for d in analysis.documents if d.classification == "instruction"]
        if not instructions:
            kind = _classification(analysis)
            out.append(f"  no job description found: the text reads as {kind}")
        for doc in instructions:
            out.extend(_doc_lines(doc, len(instructions)))
        notes = _notes(raw)
        if notes:
            out.append(f"  notes: {len(notes)} block(s) of footnotes, endnotes and text boxes, "
                       "linted by the text rules, not part of the structure")
            for block in notes[:_MAX_NOTES]:
                out.append(f"    * {block.source.describe()}: {_cut(block.text, 70)}")
            if len(notes) > _MAX_NOTES:
                out.append(f"    … {len(notes) - _MAX_NOTES} more")
        noise = _runs(analysis.noise)
        if noise:
            total = len(analysis.noise)
            out.append(f"  noise: {total} block(s) set aside in {len(noise)} run(s)")
            for a, b in noise:
                span = _where(raw, a) if a == b else f"{_where(raw, a)}–{_where(raw, b)}"
                out.append(f"    ~ {span}: {_cut(raw.blocks[a].text, 70)}")
        out.append("")
    return "\n".join(out)


def _doc_lines(doc: Document, count: int) -> list[str]:
    raw = doc.raw
    lines = [
        f"  instruction {doc.index + 1} of {count}: {_where(raw, doc.span.start)}–"
        f"{_where(raw, doc.span.stop - 1)}, language {doc.language or '?'}, "
        f"profile {doc.profile or '?'}",
        f"    title: {doc.title or '—'}",
        f"    position: {doc.position or '—'}",
    ]
    if doc.approval:
        lines.append(f"    approval: {_where(raw, doc.approval.start)}")
    for section in doc.sections:
        number = f"{section.number}. " if section.number else ""
        heading = section.heading or "(no heading)"
        where = _where(raw, section.blocks.start) if len(section.blocks) else ""
        lines.append(f"    [{section.kind.value}] {number}{heading}  ({where})")
        for clause in section.all_clauses():
            label = clause.path or "¶"
            pad = "  " * clause.depth
            lines.append(f"      {pad}{label:<8} {_cut(clause.text, 80)}  "
                         f"({_where(raw, clause.first_block)})")
    if doc.acknowledgement:
        lines.append(f"    sign-off: {_where(raw, doc.acknowledgement.start)}")
    hidden = len(doc.noise)
    if hidden:
        lines.append(f"    noise inside: {hidden} block(s)")
    return lines
