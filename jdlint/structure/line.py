"""The ``Line`` record: one block with its role and parsed marker.

It lives apart from ``jdlint.structure.lines`` (which classifies lines) so that the passes that
only read and rewrite lines, like ``falsenum``, need not import the classifier that calls them.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from jdlint.core.model import Block, SectionKind
from jdlint.core.records import record
from jdlint.readers.blocks import plain_record, shadow_of, slot_setters
from jdlint.structure.markers import Marker

__all__ = ["Line", "Role", "new_line"]

Role = Literal["title", "approval", "ack", "heading", "clause", "sub", "bullet", "prose", "part"]


@record(slots=True)
class Line:
    """A block with its role and parsed marker."""

    block: Block
    role: Role
    marker: Marker | None
    body: str
    kind: SectionKind | None = None
    lead_in: SectionKind | None = None

    @property
    def index(self) -> int:
        """File-wide block index."""
        return self.block.index

    @property
    def numbered(self) -> bool:
        """A decimal or Roman numbered line (clause or heading)."""
        return self.marker is not None and self.marker.kind in ("decimal", "roman")

    @property
    def multilevel(self) -> bool:
        """A clause numbered on two or more levels ("2.3")."""
        return (self.marker is not None and self.marker.kind == "decimal"
                and len(self.marker.numbers) > 1)


# NOTE: a Line per block of every file, the classifier's cache handing out a new one each time:
# built slot by slot as ``readers.blocks`` builds blocks (the object ``Line(...)`` builds;
# the constructor itself if the fields ever differ from these)
_FIELDS = (("block", dataclasses.MISSING), ("role", dataclasses.MISSING),
           ("marker", dataclasses.MISSING), ("body", dataclasses.MISSING), ("kind", None),
           ("lead_in", None))
FAST = plain_record(Line, _FIELDS)
_new = object.__new__


def new_line(block: Block, role: Role, marker: Marker | None, body: str,
             kind: SectionKind | None = None, lead_in: SectionKind | None = None) -> Line:
    """``Line(block, role, marker, body, kind, lead_in)``."""
    if _SHADOW is not None:
        # NOTE: built as the plain class with Line's slots, then given its class (quick slot
        # stores instead of a descriptor call each, as ``readers.blocks`` builds blocks)
        made = _SHADOW()
        made.block = block
        made.role = role
        made.marker = marker
        made.body = body
        made.kind = kind
        made.lead_in = lead_in
        made.__class__ = Line
        shadowed: Line = made
        return shadowed
    if not FAST:  # pragma: no cover - only when Line changes
        return Line(block, role, marker, body, kind, lead_in)
    line: Line = _new(Line)
    _set_block(line, block)
    _set_role(line, role)
    _set_marker(line, marker)
    _set_body(line, body)
    _set_kind(line, kind)
    _set_lead_in(line, lead_in)
    return line


_SHADOW: Any = shadow_of(Line) if FAST else None
if FAST:
    _set_block, _set_role, _set_marker, _set_body, _set_kind, _set_lead_in = slot_setters(
        Line, _FIELDS)
