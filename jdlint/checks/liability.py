"""JD202 full-liability-without-agreement: the phrase rule plus the posts of the statutory list.

The patterns and contexts are data (``rules/JD202.yaml``) run by the phrase engine
(``jdlint.checklib.matching``). What a phrase rule cannot see is the post the instruction is for:
a cashier or a storekeeper works on the Government's list of posts with which a written
full-liability agreement may be concluded (ТК РФ ст. 244; Постановление Минтруда РФ от
31.12.2002 № 85), so "является материально ответственным лицом" in such an instruction
states a status the agreement gives, and is not reported. Imposing full liability itself
("несет полную материальную ответственность") is reported for every post.

When the post was not read (a title merged with the approval block, a web copy without a
title), the instruction still names its own post: in the header lines before the first
section ("Старшего кассира …") or as the subject of several general clauses ("Назначение на
должность кассира …", "Кассир должен знать …"). Either signal stands in for the title here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from jdlint import nlp
from jdlint.checklib.matching import phrase_findings
from jdlint.core.model import Document, Finding
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return n > 0 and any(tuple(words[i:i + n]) == tuple(part) for i in range(len(words) - n + 1))


def _names(text: str, posts: Sequence[Sequence[str]], lang: str) -> bool:
    words = nlp.lemmas(text, lang)
    return any(_contains(words, post) for post in posts)


def _unread_post_listed(doc: Document, posts: Sequence[Sequence[str]], lang: str) -> bool:
    """The post was not read: does the text itself say it is a listed one?"""
    if not doc.sections:
        return False
    first = doc.sections[0]
    # NOTE: the header lines between the document's start and its first section carry the
    # post's name in the genitive under "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ".
    head_end = first.heading_block if first.heading_block is not None else first.blocks.start
    header = [b.text for b in doc.raw.blocks[doc.span.start:head_end]
              if b.index not in doc.noise]
    if any(_names(text, posts, lang) for text in header):
        return True
    # NOTE: a colleague named once ("передает выручку кассиру") is not the post; the post is
    # the subject of the general provisions, named in two clauses or more.
    clauses = [c.text for c in first.all_clauses()]
    return sum(_names(text, posts, lang) for text in clauses) >= 2


@lru_cache(maxsize=16)
def _post_lemmas(posts: tuple[str, ...], lang: str, _backend: str) -> tuple[tuple[str, ...], ...]:
    """The lemmas of each listed post, once per process and tokenizer backend (they were
    lemmatised per document)."""
    return tuple(nlp.lemmas(post, lang) for post in posts)


def on_statutory_list(doc: Document, posts: Sequence[str]) -> bool:
    """True when the instruction's post names one of ``posts`` (compared by lemmas)."""
    lang = doc.language or "ru"
    wanted = _post_lemmas(tuple(posts), lang, nlp.tokenizer())
    if not doc.position:
        return _unread_post_listed(doc, wanted, lang)
    return _names(doc.position, wanted, lang)


@implements("JD202")
def full_liability_without_agreement(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Full material liability without its legal ground (the phrase rule, see the module)."""
    lang = doc.language or "ru"
    posts = (ctx.phrases.get("listed_posts") or {}).get(lang) or ()
    status = set((ctx.phrases.get("status_phrases") or {}).get(lang) or ())
    # NOTE: whether the post is on the list is asked only for a status phrase found (most
    # documents have none; issue 19); the answer is kept for the next one.
    listed: bool | None = None
    for finding in phrase_findings(doc, ctx):
        if finding.data and finding.data.get("phrase") in status:
            if listed is None:
                listed = on_statutory_list(doc, posts)
            if listed:
                continue
        yield finding
