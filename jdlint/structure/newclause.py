"""Building the ``Clause`` records of a clause tree (one per numbered or listed item of every
instruction) slot by slot, as :mod:`jdlint.readers.blocks` builds blocks: the object the
constructor builds, without its frozen ``__init__`` (eight ``object.__setattr__`` calls); the
constructor itself if Clause's fields ever differ from the ones listed here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from jdlint.core.model import Clause
from jdlint.readers.blocks import plain_record, shadow_of, slot_setters

__all__ = ["FAST", "new_clause"]

_FIELDS = (("label", dataclasses.MISSING), ("path", dataclasses.MISSING),
           ("number", dataclasses.MISSING), ("text", dataclasses.MISSING),
           ("blocks", dataclasses.MISSING), ("depth", 0), ("auto", False), ("children", ()))
FAST = plain_record(Clause, _FIELDS)
_new = object.__new__


def new_clause(label: str, path: str, number: tuple[int, ...], text: str,
               blocks: tuple[int, ...], depth: int, auto: bool,
               children: tuple[Clause, ...]) -> Clause:
    """``Clause(label, path, number, text, blocks, depth, auto, children)``."""
    if _SHADOW is not None:
        # NOTE: the plain class with Clause's slots, then given its class (``readers.blocks``)
        made = _SHADOW()
        made.label = label
        made.path = path
        made.number = number
        made.text = text
        made.blocks = blocks
        made.depth = depth
        made.auto = auto
        made.children = children
        made.__class__ = Clause
        shadowed: Clause = made
        return shadowed
    if not FAST:  # pragma: no cover - only when Clause changes
        return Clause(label, path, number, text, blocks, depth, auto, children)
    clause: Clause = _new(Clause)
    _label(clause, label)
    _path(clause, path)
    _number(clause, number)
    _text(clause, text)
    _blocks(clause, blocks)
    _depth(clause, depth)
    _auto(clause, auto)
    _children(clause, children)
    return clause


_SHADOW: Any = shadow_of(Clause) if FAST else None
if FAST:
    _label, _path, _number, _text, _blocks, _depth, _auto, _children = slot_setters(
        Clause, _FIELDS)
