"""Footnotes, endnotes and text boxes: the text Word shows beside the body, kept apart from it.

This module owns how every paragraph reader (DOCX, ODT, RTF) marks the blocks of such a note
(``Source.note`` = ("footnote", 2), ``Source.paragraph`` = the body paragraph holding its mark
or anchor) and puts them after the body's blocks, ordered by their anchor, so that the body's
block indices, clauses and sections are exactly what they are without notes. The structure
layer reads the body only; ``jdlint.engine.lint`` lints the notes with the text rules.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from jdlint.core.model import Block, BlockKind

__all__ = ["BoxStory", "attach_notes", "read_textbox", "tag_note"]


class BoxStory(Protocol):
    """The text-box story of a paragraph reader (DOCX or ODT): where box blocks go."""

    out: list[Block]
    anchor: int

    @property
    def kind(self) -> str: ...

    def container(self, el: Any, cell: tuple[int, int, int] | None, depth: int) -> None: ...


def read_textbox(box: BoxStory, el: Any, depth: int, count: Callable[[], int],
                 where: Callable[[], int]) -> None:
    """Read the text box ``el`` into ``box``, numbered ``count()`` and anchored at the body
    paragraph ``where()``; in a header or footer story the box is that story's own text."""
    if box.kind != "textbox":
        box.container(el, None, depth + 1)
        return
    number, start, outer = count(), len(box.out), box.anchor
    box.anchor = where()
    box.container(el, None, depth + 1)
    tag_note(box.out, start, "textbox", number, box.anchor)
    box.anchor = outer


def tag_note(blocks: list[Block], start: int, kind: BlockKind, number: int,
             paragraph: int | None) -> None:
    """Mark ``blocks[start:]`` that are not marked yet as note ``number`` of ``kind`` whose mark
    sits in body paragraph ``paragraph`` (a text box nested in another was marked first)."""
    for i in range(start, len(blocks)):
        block = blocks[i]
        if block.source.note is not None:
            continue
        # NOTE: a line or a cell inside the note is not a place in the body: the comment of the
        # report goes on the whole paragraph holding the mark.
        source = replace(block.source, note=(kind, number), paragraph=paragraph, subline=None,
                         cell=None, line=None)
        blocks[i] = replace(block, kind=kind, source=source, list_level=None, list_id=None,
                            heading_level=None)


def attach_notes(body: Sequence[Block], *stories: Sequence[Block]) -> tuple[Block, ...]:
    """The body's blocks, then the notes' blocks ordered by anchor (stable: footnotes, endnotes,
    text boxes in the order given), re-indexed, each with ``anchor`` = its body block."""
    notes = [b for story in stories for b in story]
    if not notes:
        return tuple(body)
    numbers = [b.source.paragraph if b.source.paragraph is not None else 0 for b in body]
    # NOTE: body paragraph numbers only grow in reading order; a monotone guard keeps bisect
    # valid even if a reader ever repeats one.
    for i in range(1, len(numbers)):
        numbers[i] = max(numbers[i], numbers[i - 1])
    anchored: list[tuple[int, Block]] = []
    for block in notes:
        anchored.append((_anchor(numbers, block.source.paragraph), block))
    anchored.sort(key=lambda pair: pair[0])
    out = list(body)
    for at, block in anchored:
        index = len(out)
        out.append(replace(block, index=index, source=replace(block.source, block=index),
                           anchor=at if at >= 0 else None))
    return tuple(out)


def _anchor(numbers: list[int], paragraph: int | None) -> int:
    """The body block of the paragraph holding a mark; for an empty paragraph (a text box
    alone on its line) the block before it, whose section it sits in, else the first one."""
    if not numbers:
        return -1
    if paragraph is None:
        return len(numbers) - 1
    at = bisect_left(numbers, paragraph)
    if at < len(numbers) and numbers[at] == paragraph:
        return at
    return max(at - 1, 0)
