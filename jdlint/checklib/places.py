"""Places a lawyer can cite: the numbered clause of a bullet, the blocks of the sections, and
"п. 2.3" / "2.3 p." / "cl. 2.3" labels for messages that list where something is said.

Shared by the consistency checks (JD107 position name, JD108 subordination, JD110 employer)
and by the checks that report inside bullets (JD105, JD106).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from jdlint.core.model import Clause, Document, Section

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["OWNERS_KEY", "blocks_of_sections", "citable_at", "citable_in", "join_places", "owners",
           "place"]


def citable_at(doc: Document, block: int) -> Clause | int:
    """Where to report a finding in ``block`` so that a lawyer can cite it.

    A bullet has no number in Word ("1.6 •1" is only the structure layer's address), so a
    finding inside a bullet is reported at the numbered clause the bullet belongs to ("1.6"),
    still pointing at the bullet's own line: the clause is returned with ``block`` added to
    its blocks. Anything else is reported at the block itself.
    """
    owner: Clause | None = None

    def visit(clause: Clause, numbered: Clause | None) -> None:
        nonlocal owner
        here = clause if clause.number else numbered
        if block in clause.blocks and here is not None and here is not clause:
            owner = here
        for child in clause.children:
            visit(child, here)

    for section in doc.sections:
        for clause in section.clauses:
            visit(clause, None)
    if owner is None:
        return block
    return replace(owner, blocks=(*owner.blocks, block))


# NOTE: one map per document, shared with ``place_maps.citable`` (JD108, JD109, JD110) through
# the same memo key.
OWNERS_KEY = "citable-owners"


def citable_in(ctx: RuleContext, block: int) -> Clause | int:
    """``citable_at(ctx.doc, block)``, from the document's map of owners made once per document
    (``ctx.memo``): each ``citable_at`` walks every clause, and a message that lists where a
    variant is said asks it for each place (issue 19)."""
    found = ctx.memo(OWNERS_KEY, lambda: owners(ctx.doc))
    owner = found.get(block)
    if owner is None:
        return block
    return replace(owner, blocks=(*owner.blocks, block))


def owners(doc: Document) -> dict[int, Clause]:
    """Block → the numbered clause ``citable_at`` reports it at, for blocks that have one.

    The walk is ``citable_at``'s: clauses in document order, depth first, each with its nearest
    numbered ancestor-or-self; a later clause holding the block overrides an earlier one, as
    there.
    """
    out: dict[int, Clause] = {}

    def visit(clause: Clause, numbered: Clause | None) -> None:
        here = clause if clause.number else numbered
        if here is not None and here is not clause:
            for index in clause.blocks:
                out[index] = here
        for child in clause.children:
            visit(child, here)

    for section in doc.sections:
        for clause in section.clauses:
            visit(clause, None)
    return out


def blocks_of_sections(doc: Document) -> list[tuple[int, Section]]:
    """(block, section) for every heading and clause block, noise and sign-offs excluded."""
    skip = set(doc.noise)
    for rng in (doc.approval, doc.acknowledgement):
        if rng is not None:
            skip.update(rng)
    out: list[tuple[int, Section]] = []
    seen: set[int] = set()
    size = len(doc.raw.blocks)
    for section in doc.sections:
        indices: list[int] = []
        if section.heading_block is not None:
            indices.append(section.heading_block)
        # NOTE: ``section.all_clauses()`` walked with a stack, in the same order, without
        # its recursion and intermediate tuples (issue 19: JD107, JD108 and JD110 each ask).
        stack = list(reversed(section.clauses))
        while stack:
            clause = stack.pop()
            indices.extend(clause.blocks)
            stack.extend(reversed(clause.children))
        for index in indices:
            if index not in skip and index not in seen and index < size:
                seen.add(index)
                out.append((index, section))
    out.sort(key=_first)
    return out


def _first(item: tuple[int, Section]) -> int:
    return item[0]


_PLACE = {
    "ru": {"title": "заголовок", "section": "раздел {n}", "clause": "п. {c}"},
    "lt": {"title": "antraštė", "section": "{n} skyrius", "clause": "{c} p."},
    "en": {"title": "title", "section": "section {n}", "clause": "cl. {c}"},
}


def place(ctx: RuleContext, block: int, section: Section | None) -> str:
    """Where ``block`` is, as a message names it: the title, a section or a clause."""
    words = _PLACE.get(ctx.lang, _PLACE["en"])
    if block < 0:
        return words["title"]
    if section is not None and section.heading_block == block and section.number:
        return words["section"].format(n=section.number.rstrip("."))
    at = citable_in(ctx, block)
    clause = at if isinstance(at, Clause) else ctx.clause_at(block)
    if clause is not None and clause.path:
        return words["clause"].format(c=clause.path)
    return ctx.where(ctx.block_source(block))


def join_places(places: Sequence[str], limit: int = 6) -> str:
    """The distinct places, at most ``limit`` of them, joined for a message."""
    unique = list(dict.fromkeys(places))
    shown = ", ".join(unique[:limit])
    return shown + (", …" if len(unique) > limit else "")
