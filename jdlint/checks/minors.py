"""JD213 minors-working-time: an instruction that opens a post to workers under 18 and gives
them night work, overtime, trips or weekend work, or hours above the statutory limits.

The rule owns two things: deciding that the post is a minor's (one sentence names persons
under 18 and admits them to the post: a quotation of the Code's rules for minors in an adult's
instruction does not) and reading the hours a day and a week the text states. The banned
kinds of work are lemma phrases found by the generic phrase search (negations and bans such
as "не привлекается к работе в ночное время" stay silent).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from jdlint.checklib import jurisdiction as jur
from jdlint.checklib.matching import find, in_force, report
from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.core import literals
from jdlint.core.deferred import Deferred
from jdlint.core.model import Document, Finding
from jdlint.ruleapi import RuleContext, implements

_SENTENCE = re.compile(r"[^.!?;\n]+")


def _regex(data: Mapping[str, Any], key: str, lang: str) -> Deferred:
    # NOTE: compiled on first use: the prefilter reads only the sources of the minors' and
    # admitting words, which a typical document never runs (issue 19: a cold start)
    return Deferred(str(data[key][lang]), re.IGNORECASE)


def _texts(doc: Document) -> list[tuple[int, str]]:
    blocks = doc.raw.blocks
    return [(i, blocks[i].text) for i in doc.span if i not in doc.noise and i < len(blocks)]


def _minors_post(doc: Document, data: Mapping[str, Any], lang: str) -> tuple[bool, bool]:
    """(the post admits persons under 18, it admits them below 16)."""
    minors, admits = _regex(data, "minors", lang), _regex(data, "admits", lang)
    under16 = _regex(data, "under16", lang)
    found = young = False
    # NOTE: a match in a sentence is a match in its block (a sentence never holds a line
    # break or a stop, and the one look-behind, "не ", cannot see across one either), so a
    # block in which the literal words of either pattern are missing is not split into
    # sentences; a case-insensitive scan of every sentence was ~1 ms a document (issue 19).
    # The blocks that may name minors (rarer literals) are told for all blocks at once,
    # one pass per literal over the document; only those are asked for the admitting words
    # (common ones: "может", "должност"), as before block by block: half the cost of asking both
    # of every block.
    texts = [text for _index, text in _texts(doc)]
    may_admit = literals.prefilter((admits,)).live
    for text, named in zip(texts, live_per_block((minors,), texts), strict=True):
        if not named or not may_admit(text):
            continue
        for sentence in _SENTENCE.findall(text):
            if minors.search(sentence) and admits.search(sentence):
                found = True
                young = young or under16.search(sentence) is not None
    return found, young


def _hours(doc: Document, ctx: RuleContext, lang: str, young: bool,
           jtext: str) -> Iterator[Finding]:
    data = ctx.data
    limits: Mapping[str, int] = data["limits"][lang]
    for key in ("day", "week"):
        pattern = _regex(data, f"per_{key}", lang)
        limit = int(limits[f"{key}16" if young else key])
        for index, text in _texts(doc):
            for found in pattern.finditer(text):
                hours = int(next(g for g in found.groups() if g))
                if hours <= limit or hours > 24 * (7 if key == "week" else 1):
                    continue
                what = ctx.localized(ctx.texts["hours"][jur.detect(doc, ctx).code]).format(
                    hours=hours, per=ctx.localized(ctx.texts[key][lang]), limit=limit)
                yield ctx.report(index, match=found.group(0), what=what, jurisdiction=jtext,
                                 explain=_explain(ctx, doc),
                                 data={"kind": "hours", "per": key, "hours": hours,
                                       "limit": limit})


def _explain(ctx: RuleContext, doc: Document) -> str:
    return ctx.localized(ctx.texts["explain"][jur.detect(doc, ctx).code])


@implements("JD213")
def minors_working_time(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Banned work and excess hours in an instruction for a post open to minors."""
    sub, jtext = in_force(ctx, doc)
    if sub is None or doc.language is None:
        return
    ctx, lang = sub, doc.language
    is_minors, young = ctx.memo(("minors-post", lang),
                                lambda: _minors_post(doc, ctx.data, lang))
    if not is_minors:
        return
    code = jur.detect(doc, ctx).code
    what = ctx.localized(ctx.texts["ban"][code])
    for hit in find(doc, ctx):
        yield report(ctx, hit, what=what, jurisdiction=jtext, explain=_explain(ctx, doc),
                     data={"kind": "ban", "jurisdiction": code})
    yield from _hours(doc, ctx, lang, young, jtext)
