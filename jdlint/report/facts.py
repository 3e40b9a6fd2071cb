"""What the HTML report needs of one linted file, kept small and in no language (``FileFacts``).

A parsed ``Document`` costs hundreds of KiB; the page shows only a few things of it: the
words each finding marks in its block, the visible paragraph numbers the findings refer to,
and per instruction its title, position, language, profile, the section kinds present and the
jurisdiction decided. ``facts_of`` takes these while the documents are alive and drops them,
so ``jdlint report`` can lint a thousand files holding only these records (issue 19). The
report's language is decided from all files, so the records are turned into the page's words
only at the end (``jdlint.report.view``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from jdlint.core.model import Block, Document, SectionKind
from jdlint.core.records import record
from jdlint.core.results import FileResult

if TYPE_CHECKING:
    from jdlint.checklib.jurisdiction import Jurisdiction

__all__ = ["FileFacts", "InstructionFacts", "facts_of", "visible_paragraphs"]

# NOTE: the paragraph references a rule writes in its message ("п. 2.4 (абз. 41)"); the view
# renumbers them (``view.renumber``), so their numbers are the ones to keep.
PARA_REF: Final = re.compile(r"(?P<word>абз\.|pastr\.|\bpara)\s(?P<n>\d+)")

Span = tuple[int, int, int]  # block, start, end of a finding's source


@record(slots=True)
class InstructionFacts:
    """One instruction of a file, as far as the report shows it."""

    title: str | None
    position: str | None
    language: str | None
    profile: str | None
    present: frozenset[SectionKind]  # the kinds with a heading or clauses
    jurisdiction: Jurisdiction | None  # None when the language is unknown


@record(slots=True)
class FileFacts:
    """One file: its light result (findings, summaries), the words each finding marks, the
    visible numbers of the paragraphs its findings name, and its instructions."""

    result: FileResult
    matches: dict[Span, str]
    visible: dict[int, int]
    instructions: tuple[InstructionFacts, ...] = ()


def visible_paragraphs(blocks: tuple[Block, ...] | list[Block]) -> dict[int, int]:
    """Reader paragraph number → its number counting only paragraphs with text, as a person
    counts them in Word (empty spacer paragraphs are not counted)."""
    numbers = sorted({b.source.paragraph for b in blocks if b.source.paragraph is not None})
    return {p: i for i, p in enumerate(numbers, 1)}


def _instruction(doc: Document) -> InstructionFacts:
    from jdlint.checklib import jurisdiction as jur

    present = frozenset(s.kind for s in doc.sections if s.heading or s.clauses)
    decided = jur.detect(doc) if doc.language is not None else None
    return InstructionFacts(doc.title, doc.position, doc.language, doc.profile, present,
                            decided)


def facts_of(result: FileResult) -> FileFacts:
    """The facts of ``result`` (with its documents); the result kept is light."""
    if not result.documents:
        return FileFacts(result.light(), {}, {})
    blocks = result.documents[0].raw.blocks
    matches: dict[Span, str] = {}
    wanted: set[int] = set()
    for finding in result.findings:
        src = finding.source
        if src.end is not None and 0 <= src.block < len(blocks):
            matches[(src.block, src.start, src.end)] = blocks[src.block].text[src.start:src.end]
        if src.paragraph is not None:
            wanted.add(src.paragraph)
        texts = (finding.message, finding.suggestion.text if finding.suggestion else "")
        wanted.update(int(m.group("n")) for text in texts for m in PARA_REF.finditer(text))
    visible = visible_paragraphs(blocks)
    # NOTE: only the numbers a finding can ask for; a lookup of any other number misses in
    # the whole mapping too, so the view's words are the same.
    kept = {p: visible[p] for p in sorted(wanted) if p in visible}
    instructions = tuple(_instruction(d) for d in result.documents
                         if d.classification == "instruction")
    return FileFacts(result.light(), matches, kept, instructions)
