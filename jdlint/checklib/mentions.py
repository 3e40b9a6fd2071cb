"""Mentions of another post that name a colleague or a boss, not the position (JD107).

``consistency`` reads the phrases that must name the position itself; this module owns the
signals that a phrase in such a place still names someone else: a plural ("Продавцы по
графику …", "Pardavėjai …": an instruction is written for one employee), and a manager who is
the subject of a clause that also names the employee (he acts on the post).
"""

from __future__ import annotations

from functools import lru_cache

from jdlint.checklib.phrases import NounPhrase, TitleWords, heads_in, tokenize_text
from jdlint.core.model import Document
from jdlint.core.text import fold
from jdlint.nlp import Token, wordstore


def same_title(mention: NounPhrase, title: NounPhrase) -> bool:
    """The same title: the same head, and only words of the title besides (a short form)."""
    return mention.head_lemma == title.head_lemma and mention.quals <= title.keys


def is_plural(tok: Token, lang: str) -> bool:
    """An instruction is written for one employee: a plural title names a group."""
    if lang == "lt":
        return tok.lower.endswith(("ai", "ų", "ams", "ams"))
    return _ru_plural(fold(tok.text))


# NOTE: a pure function of the written form, as ``phrases.ru_tags``: documents name their posts
# in the same few forms ("менеджер", "менеджера"), and each answer is a pymorphy3 parse
# (issue 19: a tenth of JD107's own time even when asked once per form of a document).
@lru_cache(maxsize=1 << 12)
@wordstore.stored("plural", decode=wordstore.flag)
def _ru_plural(word: str) -> bool:
    """Every noun parse of ``word`` is plural (Russian), and there is one."""
    from jdlint.nlp import russian

    nouns = [p for p in russian.analyzer().parse(word) if p.tag.POS == "NOUN"]
    return bool(nouns) and all(p.tag.number == "plur" for p in nouns)



def acts_on_employee(text: str, boss: NounPhrase, title: NounPhrase, words: TitleWords,
                      lang: str) -> bool:
    """A manager who is the subject of a clause that also names the employee ("Директор
    вправе поручить кассиру …", "Vedėjas skiria darbuotojui …") acts on the post: he is the
    boss, not another name of the position."""
    t = tokenize_text(text, lang)
    if any(tok.is_word and tok.lemma in words.generic for tok in t.tokens):
        return True
    if lang == "lt":
        # NOTE: the Lithuanian table misses some case forms ("kasininkui"): compare stems.
        stem = fold(title.head_lemma)[:max(4, len(title.head_lemma) - 3)]
        return any(tok.is_word and fold(tok.text).startswith(stem)
                   for k, tok in enumerate(t.tokens) if not boss.start <= k < boss.end)
    return any(ph.start != boss.start and same_title(ph, title)
               for ph in heads_in(t, words, lang))


def title_phrase(doc: Document, words: TitleWords, lang: str) -> tuple[NounPhrase, int] | None:
    """The position as the heading names it, and the block it is in (-1 = doc.position)."""
    if doc.position:
        t = tokenize_text(doc.position, lang)
        phrases = heads_in(t, words, lang)
        if phrases:
            return phrases[0], -1
    # NOTE: the structure layer may take a department line for the position ("ОТДЕЛ …
    # СИСТЕМЫ" over "НАЧАЛЬНИК"): look at the short lines between the heading and section 1.
    # NOTE: a section opened by a clause has no heading: its first clause ends the head too,
    # or a sign-off line far below ("Руководитель структурного подразделения") is taken.
    starts = [s.heading_block if s.heading_block is not None else
              min((b for c in s.clauses for b in c.blocks), default=None) for s in doc.sections]
    first = min((b for b in starts if b is not None), default=doc.span.stop)
    approval = doc.approval or range(0)
    for index in range(doc.span.start, min(first, doc.span.stop)):
        if index in approval or index in doc.noise or index >= len(doc.raw.blocks):
            continue
        text = doc.raw.blocks[index].text
        if not text or len(text.split()) > 8:
            continue
        t = tokenize_text(text, lang)
        phrases = [p for p in heads_in(t, words, lang)
                   if p.head_lemma not in words.generic or p.quals]
        if phrases:
            return phrases[0], index
    return None
