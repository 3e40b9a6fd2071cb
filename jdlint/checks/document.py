"""Document-level checks (JD0xx): what the file is, rather than what the instruction says.

These run on every document of a file whatever its language or classification (the engine
guarantees it), and they only report facts established by the reader and the structure layer:
the classification (JD002), the language decision (JD003), how many instructions one file holds
(JD004) and tracked changes or comments left in a DOCX (JD005). JD001 (unreadable file) is not a
check: it is the file-level error record the CLI builds when reading fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jdlint.core.model import Document, Finding, Source
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


def _start(doc: Document) -> int:
    """First non-empty, non-noise block of a document (0 for an empty file, so there is one)."""
    blocks = doc.raw.blocks
    for index in doc.span:
        if index < len(blocks) and blocks[index].text.strip() and index not in doc.noise:
            return index
    return doc.span.start if doc.span.start < len(blocks) else 0


@implements("JD002")
def not_a_job_description(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a document the structure layer classified as something other than an instruction."""
    kind = doc.classification
    if kind == "instruction":
        return
    kinds: Mapping[str, Mapping[str, Any]] = ctx.texts["kinds"]
    # NOTE: a classification this version does not know still gets a sensible message.
    entry = kinds.get(kind) or kinds["unknown"]
    yield ctx.report(_start(doc), kind=ctx.localized(entry["name"]),
                     why=ctx.localized(entry["why"]), data={"classification": kind})


@implements("JD003")
def language_undetermined(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report an instruction whose language could not be decided (content rules did not run)."""
    if doc.language is not None or doc.classification != "instruction":
        return
    # NOTE: all-zero scores say nothing to a reader; name the absence instead.
    scores = ", ".join(f"{lang} {score:.2f}" for lang, score in doc.language_scores
                       if score > 0)
    yield ctx.report(_start(doc), scores=scores or ctx.localized(ctx.texts["no_scores"]),
                     data={"scores": dict(doc.language_scores)})


@implements("JD004")
def several_documents_in_file(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report, once per file, that it holds several instructions, at the start of the second."""
    # NOTE: once per file: the second instruction carries the finding, because that is where a
    # reader of the file is surprised; the first one is where the file starts anyway.
    if doc.count < 2 or doc.index != 1:
        return
    siblings = sorted({d.index: d for d in ctx.file_documents}.values(), key=lambda d: d.index)
    sources = [ctx.block_source(_start(d)) for d in siblings]
    starts = ", ".join(ctx.where(s) for s in sources)
    yield ctx.report(_start(doc), count=doc.count, starts=starts,
                     related=[s for d, s in zip(siblings, sources, strict=True) if d is not doc],
                     data={"count": doc.count, "starts": [s.block for s in sources]})


@implements("JD005")
def unresolved_revisions_or_comments(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report tracked changes and comments left in a DOCX, once per file, at the first place
    and naming every place, so each can be found in Word."""
    revisions = doc.raw.revisions
    if not revisions.any or doc.index != 0:
        return
    sources = [ctx.block_source(b) for b in revisions.blocks]
    places = ", ".join(_place(ctx, s) for s in sources) or "—"
    yield ctx.report(revisions.blocks[0] if revisions.blocks else 0,
                     insertions=revisions.insertions, deletions=revisions.deletions,
                     moves=revisions.moves, comments=revisions.comments, places=places,
                     related=sources[1:],
                     data={"insertions": revisions.insertions, "deletions": revisions.deletions,
                           "moves": revisions.moves, "comments": revisions.comments,
                           "blocks": list(revisions.blocks)})


def _place(ctx: RuleContext, source: Source) -> str:
    clause = ctx.clause_of(source.block)
    where = ctx.where(source)
    return f"{clause} ({where})" if clause else where
