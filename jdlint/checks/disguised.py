"""JD006 disguised-text: words hidden from search by invisible characters or look-alike letters.

The tokenizer already reads such words as what they imitate (``jdlint.nlp.disguise``), so the
other rules see them; this check reports each disguised word once per block, at its place in
the text as written.
"""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.core.model import Document, Finding
from jdlint.nlp.disguise import clean, disguise, hiding
from jdlint.ruleapi import RuleContext, implements


@implements("JD006")
def disguised_text(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Every disguised word of the instruction's own text (noise is left out)."""
    lang = doc.language or "ru"
    blocks = doc.raw.blocks
    noise, size = doc.noise, len(blocks)
    indices = [index for index in doc.span if index < size and index not in noise]
    texts = [blocks[index].text for index in indices]
    # NOTE: exactly the blocks ``may_hide`` says yes to, each text's answer kept across the
    # batch (``hiding``; issue 19)
    for at in hiding(texts):
        index, text = indices[at], texts[at]
        seen: set[str] = set()
        for token in ctx.nlp.tokens(text, lang):
            how = disguise(token.text) if token.is_word else None
            if how is None or token.text in seen:
                continue
            seen.add(token.text)
            yield ctx.report(index, match=token.text, word=clean(token.text),
                             how=ctx.localized(ctx.texts[how]),
                             hidden=ctx.localized(ctx.texts["hidden"]),
                             data={"kind": how, "word": clean(token.text)})
