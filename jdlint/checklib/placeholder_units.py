"""JD106's units: the text of one clause, or of a run of unnumbered blocks, joined from its
blocks, with the block of each offset (``placeholder_gaps`` looks for holes in them).

Split from ``placeholder_gaps.py`` (issue 19) to keep each module under 400 lines: the blanks
of a form often sit in paragraphs (or table cells) of their own, so a sentence is read across
the blocks of its clause, or of its run of unnumbered blocks; date fields that the structure
layer took for clause numbers ("00.00.00") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from jdlint.core.model import Block, Clause, Document

__all__ = ["Unit", "date_blocks", "is_date_path", "units"]

_DATE_PATH = re.compile(r"\d{2}\.\d{2}\.(?:\d{2}|\d{4})")


class Unit(NamedTuple):
    """Text of one clause or of a run of unnumbered blocks, with the block of each offset
    (a named tuple: a frozen dataclass's ``__init__`` cost ~2 µs a unit, issue 19)."""

    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, block index)
    clause: bool
    numbered: bool = False
    # NOTE: offsets in ``text`` where one block ends and the next begins after a real break
    # (an empty line or paragraph between them, or a Word paragraph end): a sentence may stop
    # there although the joined text runs on.
    breaks: tuple[int, ...] = ()

    def block_at(self, offset: int) -> int:
        """The block that holds ``offset`` of the joined text."""
        return self._bounds(offset)[0]

    def _bounds(self, offset: int) -> tuple[int, int, int]:
        block, begin = self.starts[0][1], 0
        end = len(self.text)
        for n, (start, index) in enumerate(self.starts):
            if start > offset:
                break
            block, begin = index, start
            end = self.starts[n + 1][0] - 1 if n + 1 < len(self.starts) else len(self.text)
        return block, begin, end

    def piece(self, start: int, end: int, anchor: int) -> tuple[int, str]:
        """The block holding ``anchor`` and the part of ``text[start:end]`` inside it."""
        block, begin, stop = self._bounds(anchor)
        return block, self.text[max(start, begin):min(end, stop)].strip()



def _broken(a: Block, b: Block) -> bool:
    """True if block ``b`` does not simply continue the line of ``a`` (hard-wrapped text)."""
    if a.source.line is not None and b.source.line is not None:
        return b.source.line - a.source.line > 1
    return True


def _join(blocks: Sequence[Block], indices: Sequence[int], clause: bool,
          numbered: bool = False) -> Unit | None:
    if len(indices) == 1:
        # NOTE: most clauses are one block: no break, no joining (issue 19)
        text = blocks[indices[0]].text.strip()
        return Unit(text, ((0, indices[0]),), clause, numbered) if text else None
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    breaks: list[int] = []
    offset = 0
    previous: Block | None = None
    for index in indices:
        block = blocks[index]
        text = block.text.strip()
        if not text:
            continue
        # NOTE: a line (or Word paragraph) that starts in lower case continues the sentence.
        if previous is not None and not text[:1].islower() and (
                _broken(previous, block) or not text[:1].isalpha()):
            breaks.append(offset - 1)
        starts.append((offset, index))
        parts.append(text)
        offset += len(text) + 1
        previous = block
    if not parts:
        return None
    return Unit(" ".join(parts), tuple(starts), clause, numbered, tuple(breaks))


def is_date_path(path: str) -> bool:
    """"00.00.00", "05.01.2003": a date field that the structure layer may take for a clause."""
    # NOTE: a date path has eight characters at least; most paths ("2.5") are told by length
    return len(path) >= 8 and _DATE_PATH.fullmatch(path.strip(".")) is not None


def date_blocks(doc: Document) -> frozenset[int]:
    """Blocks of "clauses" numbered by a date field ("00.00.00 № 00") and of their children."""
    out: set[int] = set()

    def visit(clause: Clause, inside: bool) -> None:
        inside = inside or is_date_path(clause.path)
        if inside:
            out.update(clause.blocks)
        for child in clause.children:
            visit(child, inside)

    for section in doc.sections:
        for clause in section.clauses:
            visit(clause, False)
    return frozenset(out)


def units(doc: Document, reported: set[int], clauses: Sequence[Clause] | None = None,
          dates: frozenset[int] | None = None) -> Iterator[Unit]:
    """Each clause (own blocks only) and each run of unnumbered, non-heading blocks
    (``clauses``, ``dates``: ``doc.clauses()``, ``date_blocks(doc)`` if the caller has them)."""
    blocks = doc.raw.blocks
    owned: set[int] = set()
    dates = date_blocks(doc) if dates is None else dates
    for clause in doc.clauses() if clauses is None else clauses:
        first = clause.blocks[0]
        if first in dates:
            continue
        owned.update(clause.blocks)
        if first in reported:
            continue
        own = [i for i in clause.blocks if i < len(blocks) and i not in doc.noise]
        unit = _join(blocks, own, True, bool(clause.number)) if own else None
        if unit is not None:
            yield unit
    skip = owned.union(doc.noise, (s.heading_block for s in doc.sections
                                   if s.heading_block is not None))  # NOTE: ends a run
    run: list[int] = []
    for index in [*doc.span, -1]:
        if index < 0 or index in skip:
            if run:
                unit = _join(blocks, run, False)
                if unit is not None:
                    yield unit
                run = []
            continue
        if index < len(blocks):
            if run and blocks[run[-1]].source.note != blocks[index].source.note:
                # NOTE: two footnotes (or a note and a text box) are never one sentence
                unit = _join(blocks, run, False)
                if unit is not None:
                    yield unit
                run = []
            run.append(index)
