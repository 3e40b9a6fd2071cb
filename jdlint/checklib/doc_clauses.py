"""Every clause of a document (``Document.clauses()``), walked once per document for the
rules that ask for it (issue 19).

``Document.clauses()`` walks the section tree anew on every call (~20 µs for a typical
instruction), and JD105, JD106, JD109 and JD303 each asked for it. The tuple is kept in the
document's rule memo, which the engine drops with the file, so nothing outlives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jdlint.core.model import Clause, Document

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["doc_clauses"]


def doc_clauses(doc: Document, ctx: RuleContext) -> tuple[Clause, ...]:
    """``doc.clauses()``, computed once per document and shared through ``ctx.memo``."""
    # NOTE: one memo serves a document and its notes' view (another Document): the key names
    # the document, and the kept pair is checked to be this very one.
    kept = ctx.memo(("doc-clauses", id(doc)), lambda: (doc, doc.clauses()))
    if kept[0] is not doc:
        return doc.clauses()
    return kept[1]
