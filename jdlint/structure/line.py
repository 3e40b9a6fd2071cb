"""The ``Line`` record: one block with its role and parsed marker.

It lives apart from ``jdlint.structure.lines`` (which classifies lines) so that the passes that
only read and rewrite lines, like ``falsenum``, need not import the classifier that calls them.
"""

from __future__ import annotations

from typing import Literal

from jdlint.core.model import Block, SectionKind
from jdlint.core.records import record
from jdlint.structure.markers import Marker

__all__ = ["Line", "Role"]

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
