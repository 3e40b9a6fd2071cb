"""Building the ``Block`` and ``Source`` records the line and paragraph readers make by the
thousand: the same objects the constructors make, without their ``__init__``.

Why (issue 19): ``Block`` and ``Source`` are frozen slotted records; their generated
``__init__`` sets each of their 20 fields through ``object.__setattr__`` and was ~5 % of
reading a DOCX or TXT file (7 % of a TXT). Here each slot's own descriptor sets it, which is
what ``object.__setattr__`` ends in, and every field is set (to its default when not given),
so the object is the one the constructor builds: equal, same hash, same repr, same pickling.
If the fields of either record are not the ones listed here (someone added or reordered one,
or gave it a ``__post_init__``), the builders are the constructors themselves.

Faster still (issue 19, round eight): each record is built as an instance of a plain class
with the same slots (its attribute stores are the interpreter's quick slot stores, not a call
of a descriptor each, ~3x faster) and then given its class by ``__class__`` assignment, which
CPython allows only between classes of the same layout and slot names; whether it allows it
is tried once at import (``shadow_of``), else the slot setters above are used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from jdlint.core.model import Block, BlockKind, Source

__all__ = ["FAST", "SHADOWS", "new_block", "new_source", "plain_record", "shadow_of",
           "slot_setters"]

# NOTE: (name, default) of every field, in order; dataclasses.MISSING for none
_BLOCK_FIELDS = (("index", dataclasses.MISSING), ("text", dataclasses.MISSING),
                 ("raw", dataclasses.MISSING), ("source", dataclasses.MISSING),
                 ("kind", "paragraph"), ("style", None), ("auto_number", None),
                 ("list_level", None), ("list_id", None), ("heading_level", None),
                 ("anchor", None))
_SOURCE_FIELDS = (("block", dataclasses.MISSING), ("start", 0), ("end", None), ("line", None),
                  ("paragraph", None), ("subline", None), ("cell", None), ("page", None),
                  ("note", None))


def plain_record(cls: type, expected: tuple[tuple[str, Any], ...]) -> bool:
    """Whether ``cls`` is a slotted record with exactly ``expected`` fields, no factories and
    no ``__post_init__``: then setting every slot builds what its ``__init__`` builds."""
    found = tuple((f.name, f.default) for f in dataclasses.fields(cls)
                  if f.default_factory is dataclasses.MISSING and f.init)
    return (found == expected and len(dataclasses.fields(cls)) == len(expected)
            and not hasattr(cls, "__post_init__")
            and tuple(getattr(cls, "__slots__", ())) == tuple(n for n, _ in expected))


def slot_setters(cls: type,
                 expected: tuple[tuple[str, Any], ...]) -> tuple[Callable[..., None], ...]:
    """Each field's slot setter, in the order of ``expected``."""
    return tuple(cls.__dict__[name].__set__ for name, _ in expected)


def shadow_of(cls: type) -> type | None:
    """A plain class with the slots of ``cls`` whose instances may become ``cls`` instances by
    ``__class__`` assignment (None when CPython refuses it for ``cls``)."""
    slots = cls.__dict__.get("__slots__")
    if slots is None:
        return None
    shadow = type(f"_{cls.__name__}Slots", (),
                  {"__slots__": (slots,) if isinstance(slots, str) else tuple(slots)})
    try:
        shadow().__class__ = cls
    except TypeError:
        return None
    return shadow


FAST = plain_record(Block, _BLOCK_FIELDS) and plain_record(Source, _SOURCE_FIELDS)
_new = object.__new__
_BlockSlots = shadow_of(Block) if FAST else None
_SourceSlots = shadow_of(Source) if FAST else None
SHADOWS = _BlockSlots is not None and _SourceSlots is not None

if SHADOWS:
    _BLOCK: Any = _BlockSlots
    _SOURCE: Any = _SourceSlots

    def new_block(index: int, text: str, raw: str, source: Source,
                  kind: BlockKind = "paragraph", style: str | None = None,
                  auto_number: str | None = None, list_level: int | None = None,
                  list_id: str | None = None, heading_level: int | None = None) -> Block:
        """``Block(index, text, raw, source, kind, style, auto_number, list_level, list_id,
        heading_level)``."""
        block = _BLOCK()
        block.index = index
        block.text = text
        block.raw = raw
        block.source = source
        block.kind = kind
        block.style = style
        block.auto_number = auto_number
        block.list_level = list_level
        block.list_id = list_id
        block.heading_level = heading_level
        block.anchor = None
        block.__class__ = Block
        built: Block = block
        return built

    def new_source(block: int, line: int | None = None, paragraph: int | None = None,
                   subline: int | None = None,
                   cell: tuple[int, int, int] | None = None) -> Source:
        """``Source(block=block, line=line, paragraph=paragraph, subline=subline, cell=cell)``."""
        source = _SOURCE()
        source.block = block
        source.start = 0
        source.end = None
        source.line = line
        source.paragraph = paragraph
        source.subline = subline
        source.cell = cell
        source.page = None
        source.note = None
        source.__class__ = Source
        built: Source = source
        return built

elif FAST:  # pragma: no cover - only where CPython refuses the class assignment
    (_b_index, _b_text, _b_raw, _b_source, _b_kind, _b_style, _b_auto, _b_level, _b_list,
     _b_heading, _b_anchor) = slot_setters(Block, _BLOCK_FIELDS)
    (_s_block, _s_start, _s_end, _s_line, _s_paragraph, _s_subline, _s_cell, _s_page,
     _s_note) = slot_setters(Source, _SOURCE_FIELDS)

    def new_block(index: int, text: str, raw: str, source: Source,
                  kind: BlockKind = "paragraph", style: str | None = None,
                  auto_number: str | None = None, list_level: int | None = None,
                  list_id: str | None = None, heading_level: int | None = None) -> Block:
        """``Block(index, text, raw, source, kind, style, auto_number, list_level, list_id,
        heading_level)``."""
        block: Block = _new(Block)
        _b_index(block, index)
        _b_text(block, text)
        _b_raw(block, raw)
        _b_source(block, source)
        _b_kind(block, kind)
        _b_style(block, style)
        _b_auto(block, auto_number)
        _b_level(block, list_level)
        _b_list(block, list_id)
        _b_heading(block, heading_level)
        _b_anchor(block, None)
        return block

    def new_source(block: int, line: int | None = None, paragraph: int | None = None,
                   subline: int | None = None,
                   cell: tuple[int, int, int] | None = None) -> Source:
        """``Source(block=block, line=line, paragraph=paragraph, subline=subline, cell=cell)``."""
        source: Source = _new(Source)
        _s_block(source, block)
        _s_start(source, 0)
        _s_end(source, None)
        _s_line(source, line)
        _s_paragraph(source, paragraph)
        _s_subline(source, subline)
        _s_cell(source, cell)
        _s_page(source, None)
        _s_note(source, None)
        return source

else:  # pragma: no cover - only when the records change

    def new_block(index: int, text: str, raw: str, source: Source,
                  kind: BlockKind = "paragraph", style: str | None = None,
                  auto_number: str | None = None, list_level: int | None = None,
                  list_id: str | None = None, heading_level: int | None = None) -> Block:
        """``Block(index, text, raw, source, kind, style, auto_number, list_level, list_id,
        heading_level)``."""
        return Block(index, text, raw, source, kind, style, auto_number, list_level, list_id,
                     heading_level)

    def new_source(block: int, line: int | None = None, paragraph: int | None = None,
                   subline: int | None = None,
                   cell: tuple[int, int, int] | None = None) -> Source:
        """``Source(block=block, line=line, paragraph=paragraph, subline=subline, cell=cell)``."""
        return Source(block=block, line=line, paragraph=paragraph, subline=subline, cell=cell)
