"""Per-document maps of places (``jdlint.checklib.places``), built once per document in the
rule context's memo and shared by the rules that ask (issue 19):

* ``citable``: ``places.citable_at(doc, block)`` walks the whole clause tree for one block, and
  JD106, JD107, JD108, JD109 and JD110 ask it for every finding (the walks were a fifth of
  JD108); the numbered clause each bullet belongs to is mapped in one walk (``places.owners``,
  one map per document shared with ``places.citable_in``);
* ``section_blocks``: ``places.blocks_of_sections(doc)``, which JD108 and JD110 both read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jdlint.checklib.places import blocks_of_sections, citable_in, owners
from jdlint.core.model import Clause, Document, Section

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["citable", "owners", "section_blocks"]


def citable(ctx: RuleContext, doc: Document, block: int) -> Clause | int:
    """``places.citable_at(doc, block)``, from the document's map of owners
    (``places.citable_in``, kept while the context lints ``doc``; another document's map is
    built for the call)."""
    if ctx.doc is doc:
        return citable_in(ctx, block)
    owner = owners(doc).get(block)
    if owner is None:
        return block
    return replace(owner, blocks=(*owner.blocks, block))


def section_blocks(ctx: RuleContext, doc: Document) -> list[tuple[int, Section]]:
    """``places.blocks_of_sections(doc)``, once per document (the list is shared: read it
    only)."""
    if ctx.doc is not doc:
        return blocks_of_sections(doc)
    return ctx.memo("section-blocks", lambda: blocks_of_sections(doc))
