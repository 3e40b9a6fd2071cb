"""Footnotes, endnotes and text boxes linted by the text rules, in the section of their anchor.

The readers put the notes' blocks after the body's (``jdlint.readers.notes``) and the structure
layer never sees them, so no structure rule (missing sections, numbering, duplicates) is
confused by them. This module owns the view of one instruction that the text rules get for its
notes: the same document (title, language, profile, jurisdiction) whose span is its notes and
whose sections are the sections of the body paragraphs holding their marks, so that a fine in
a footnote to a responsibility clause is found where a fine in the clause is, and a blank in a
text box where one in the body is. The engine keeps only findings on the notes themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jdlint.catalogue.ruledata import RuleMeta
from jdlint.core.model import NOTE_KINDS, Block, Clause, Document, Section, SectionKind
from jdlint.core.records import record

__all__ = ["NoteView", "note_view", "reads_notes"]

# NOTE: the rules that read sentences one block at a time; the structure rules (JD101-JD105,
# JD107-JD110) and the duplicate and standard rules judge the body's clauses and sections.
# JD205 states the instruction's jurisdiction once, decided on the body: not a note's finding.
_GROUPS = frozenset(("labour",))
_CODES = frozenset(("JD006", "JD106"))
_NOT = frozenset(("JD205",))


def reads_notes(meta: RuleMeta) -> bool:
    """Whether a rule also runs on the footnotes, endnotes and text boxes."""
    if meta.code in _NOT:
        return False
    return meta.code in _CODES or bool(_GROUPS.intersection(meta.groups))


@record(slots=True)
class NoteView:
    """The notes of one instruction as a document for the text rules."""

    doc: Document
    blocks: frozenset[int]  # the note blocks findings may point at
    clauses: dict[int, Clause]  # note block → the clause holding its mark


def _owner(block: Block, documents: Sequence[Document]) -> int:
    """The document whose span holds the note's anchor (else the nearest one)."""
    anchor = block.anchor if block.anchor is not None else 0
    best, distance = 0, None
    for i, doc in enumerate(documents):
        span = doc.span
        gap = 0 if anchor in span else min(abs(anchor - span.start), abs(anchor - span.stop + 1))
        if distance is None or gap < distance:
            best, distance = i, gap
    return best


def _within(notes: list[Block], span: range | None) -> range | None:
    inside = [b.index for b in notes if span is not None and b.anchor in span]
    return range(min(inside), max(inside) + 1) if inside else None


def note_view(me: int, documents: Sequence[Document],
              clauses: dict[int, Clause]) -> NoteView | None:
    """The view of the notes of ``documents[me]`` (None when it has none); ``clauses`` is its
    body's block → clause index."""
    doc = documents[me]
    blocks = doc.raw.blocks
    notes = [b for b in blocks if b.kind in NOTE_KINDS and _owner(b, documents) == me]
    if not notes:
        return None
    sections: list[Section] = []
    for block in notes:
        anchor = block.anchor if block.anchor is not None else -1
        home = doc.section_of_block(anchor)
        kind = home.kind if home is not None else SectionKind.UNKNOWN
        last = sections[-1] if sections else None
        if last is not None and last.kind is kind and last.blocks.stop == block.index:
            sections[-1] = replace(last, blocks=range(last.blocks.start, block.index + 1))
        else:
            sections.append(Section(kind, home.heading if home else "", None, (),
                                    range(block.index, block.index + 1)))
    view = replace(doc, span=range(notes[0].index, notes[-1].index + 1),
                   sections=tuple(sections), noise=frozenset(),
                   approval=_within(notes, doc.approval),
                   acknowledgement=_within(notes, doc.acknowledgement))
    marks = {b.index: clauses[b.anchor] for b in notes
             if b.anchor is not None and b.anchor in clauses}
    return NoteView(view, frozenset(b.index for b in notes), marks)
