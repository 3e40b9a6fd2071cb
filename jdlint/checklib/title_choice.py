"""A title that still offers a choice of posts (JD107, part of ``consistency``).

Templates of qualification reference books list the names one post may carry: "ГЛАВНОГО
ВРАЧА (ДИРЕКТОРА, ЗАВЕДУЮЩЕГО, НАЧАЛЬНИКА)", "МЕТОДИСТА, ИНСТРУКТОРА-МЕТОДИСТА", "заведующего
отделом (отделением, лабораторией)". An instruction is written for one post of the staffing
table, so a title that keeps such a list while the body speaks of one of them leaves it open
which post the document describes.

This module owns the recognition of such a list in the position's title: two or more post
names (or organisational units) separated only by commas, semicolons, slashes or "или"
("arba"), inside brackets or not. One name in brackets ("администратора зала (метрдотеля)")
is the reference book's usual double name of one post, not a choice, and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from jdlint.checklib.phrases import (
    NounPhrase,
    TitleWords,
    TokenText,
    heads_in,
    title_words,
    tokenize_text,
)
from jdlint.core.model import Document, Finding
from jdlint.core.records import record

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_SEPARATORS = frozenset({",", ";", "/", "или", "либо", "arba"})
_TEXT, _LOWER = itemgetter(0), itemgetter(1)  # NOTE: ``Token.text``, ``Token.lower`` by position


@record(slots=True)
class Choice:
    """Alternatives offered by a title: their surfaces and the head lemmas of the posts."""

    names: tuple[str, ...]
    heads: frozenset[str]


def _is_name(t: TokenText, i: int, words: TitleWords) -> bool:
    tok = t.tokens[i]
    return t.is_head(i, words) or (tok.is_word and tok.lemma in words.units)


def _only_separators(t: TokenText, lo: int, hi: int) -> bool:
    between = t.tokens[lo:hi]
    return bool(between) and all(
        tok.text in _SEPARATORS or tok.lower in _SEPARATORS for tok in between)


def _bracket_lists(t: TokenText, words: TitleWords) -> list[list[str]]:
    """Lists of two or more post or unit names inside one pair of brackets."""
    out: list[list[str]] = []
    toks = t.tokens
    i = 0
    while i < len(toks):
        if toks[i].text != "(":
            i += 1
            continue
        close = next((k for k in range(i + 1, len(toks)) if toks[k].text in ("(", ")")), None)
        if close is None or toks[close].text != ")":
            i += 1
            continue
        items: list[list[int]] = [[]]
        for k in range(i + 1, close):
            if toks[k].text in _SEPARATORS or toks[k].lower in _SEPARATORS:
                items.append([])
            else:
                items[-1].append(k)
        if len(items) >= 2 and all(item and _is_name(t, item[0], words) for item in items):
            out.append([" ".join(toks[k].text for k in item) for item in items])
        i = close + 1
    return out


def title_choice(t: TokenText, words: TitleWords, lang: str) -> Choice | None:
    """The list of alternative posts a title offers, or None."""
    # NOTE: an exact bound (issue 19): both forms of a list hold a separator token (a bracket
    # list two items, a run only separators between its phrases), and most titles have none;
    # tested on every token's text and lower case in C before any phrase is placed.
    if (_SEPARATORS.isdisjoint(map(_TEXT, t.tokens))
            and _SEPARATORS.isdisjoint(map(_LOWER, t.tokens))):
        return None
    phrases = heads_in(t, words, lang)
    heads = {ph.head_lemma for ph in phrases}
    lists = _bracket_lists(t, words)
    if lists:
        names = tuple(name for group in lists for name in group)
        return Choice(names, frozenset(heads))
    # "МЕТОДИСТА, ИНСТРУКТОРА-МЕТОДИСТА": phrases next to each other with only a comma
    run: list[NounPhrase] = []
    for ph in phrases:
        if run and _only_separators(t, run[-1].end, ph.start):
            run.append(ph)
            continue
        if len(run) >= 2:
            break
        run = [ph]
    # NOTE: "старшего официанта, официанта" are two posts too: phrases differ, not heads.
    if len(run) >= 2 and len({ph.lemmas for ph in run}) >= 2:
        return Choice(tuple(ph.surface for ph in run), frozenset(ph.head_lemma for ph in run))
    return None


def _position_block(doc: Document, title_block: int) -> tuple[int, str] | None:
    """The block that holds the position's title, and the title's text in it."""
    if title_block >= 0:
        return title_block, doc.raw.blocks[title_block].text
    wanted = (doc.position or "").strip()
    if not wanted:
        return None
    span = doc.span
    # NOTE: the span's indices below the block count, as a range rather than a list of them.
    blocks = (range(span.start, min(span.stop, len(doc.raw.blocks)), span.step)
              if span.step > 0 else [i for i in span if i < len(doc.raw.blocks)])
    # NOTE: the heading line itself first, not a catalogue card quoting it ("ИНСТРУКЦИЯ "…"").
    for index in blocks:
        if doc.raw.blocks[index].text.strip() == wanted:
            return index, wanted
    for index in blocks:
        if wanted in doc.raw.blocks[index].text:
            return index, wanted
    return None


def choice_finding(doc: Document, ctx: RuleContext, title_block: int,
                   mentioned: set[str]) -> Iterator[Finding]:
    """One finding at the title when it offers a choice of posts and the body names one."""
    lang = doc.language or "ru"
    # NOTE: the rule's data only: compiled once per process (issue 19: keying the compiled
    # lists by the table built and hashed a tuple of every word, ~8 us a call)
    words = ctx.compiled(("title-words", lang), lambda: title_words(ctx.data, lang))
    place = _position_block(doc, title_block)
    if place is None:
        return
    block, text = place
    choice = title_choice(tokenize_text(text, lang), words, lang)
    # NOTE: a second signal: the body speaks of the post by one of the offered names, so the
    # list is a leftover of the template, not a post whose official name holds a comma.
    if choice is None or not choice.heads & mentioned:
        return
    details: Mapping[str, Any] = ctx.texts["detail"]
    names = ", ".join(choice.names)
    yield ctx.report(block, match=text.strip(), title=text.strip(),
                     detail=ctx.localized(details["choice"]).format(title=text.strip(),
                                                                    names=names),
                     data={"title": text.strip(), "alternatives": list(choice.names)})
