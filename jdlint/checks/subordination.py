"""Consistency of whom the employee reports to (JD108).

This module owns the subordination statements ("подчиняется …", "в подчинении …",
"pavaldus …") and, as weaker evidence, whose orders the employee must carry out
("невыполнение распоряжений X"); alternatives inside one statement ("начальнику отдела продаж
(коммерческому директору)") are one statement, and top management ("генеральный директор",
"tiesioginis vadovas") never conflicts with a direct manager. Roles are job-title phrases of
``phrases``; the position's own title comes from ``consistency`` (JD107).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import field
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from jdlint.checklib.mentions import same_title, title_phrase
from jdlint.checklib.phrases import (
    NounPhrase,
    TitleWords,
    TokenText,
    heads_in,
    lemma_set,
    noun_phrase,
    ru_tags,
    stem_filter,
    stem_starts,
    title_words,
    tokenize_text,
)
from jdlint.checklib.place_maps import citable, section_blocks
from jdlint.core.model import Clause, Document, Finding, Severity
from jdlint.core.records import record
from jdlint.core.text import fold
from jdlint.nlp.doctext import HEAD_CHARS, number_heads
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


@record(frozen=False, slots=True)
class _Statement:
    block: int
    roles: list[NounPhrase]
    primary: bool
    keys: list[tuple[str, ...]] = field(default_factory=list)
    text: TokenText | None = None
    direct: bool = False  # "подчиняется непосредственно …", "tiesiogiai pavaldus …"


def _role_key(ph: NounPhrase, words: TitleWords) -> tuple[str, ...]:
    return tuple(lem for lem in ph.lemmas if lem not in words.fillers
                 and lem not in ("по", "с", "со"))


def _roles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return True
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _scope_end(t: TokenText, start: int, lang: str) -> int:
    toks = t.tokens
    i = start
    while i < len(toks):
        tok = toks[i]
        if tok.text in (".", ";", "!", "?", "…"):
            break
        if lang == "ru" and tok.is_word:
            pos, _ = ru_tags(fold(tok.text))
            if pos in ("VERB", "INFN", "GRND"):
                break
        i += 1
    return i


@lru_cache(maxsize=64)
def _lemma_set(words: tuple[str, ...], lang: str) -> frozenset[str]:
    """``lemma_set`` of a trigger list, once per process (it was once per document)."""
    return lemma_set(words, lang)


def _statements(doc: Document, words: TitleWords, lang: str,
                options: Mapping[str, Any], indices: list[int]) -> list[_Statement]:
    """The subordination and orders statements of the blocks ``indices`` (the heading and
    clause blocks of the sections)."""
    table = options.get("triggers", {}).get(lang, {})
    primary = _lemma_set(tuple(table.get("primary", ())), lang)
    reverse = _lemma_set(tuple(table.get("reverse", ())), lang)
    orders = _lemma_set(tuple(table.get("orders", ())), lang)
    orders_lt = frozenset(fold(w) for w in table.get("orders", ()))
    order_verbs = _lemma_set(tuple(table.get("order_verbs", ())), lang)
    direct = _lemma_set(tuple(table.get("direct", ())), lang)
    listed = tuple(str(w) for key in ("primary", "orders") for w in table.get(key, ()))
    triggers = stem_filter(listed, primary | orders)
    # NOTE: no stem starts with a character of a typed number or dash: a numbered text holds
    # a stem exactly when its clause does (see ``_triggered``)
    cut = HEAD_CHARS.isdisjoint(stem_starts(listed, primary | orders))
    out: list[_Statement] = []
    tails = _clause_tails(doc)
    for index in _triggered(doc, indices, triggers, cut):
        text = doc.raw.blocks[index].text
        # NOTE: a statement wrapped onto the clause's next line ("… заместителю директора" /
        # "и директору предприятия.") is read whole.
        for more in tails.get(index, ()):
            if text.rstrip().endswith((".", ";", "!", "?")):
                break
            text = f"{text} {doc.raw.blocks[more].text}"
        t = tokenize_text(text, lang)
        toks = t.tokens
        consumed = -1
        for i, tok in enumerate(toks):
            if not tok.is_word or i <= consumed:
                continue
            if tok.lemma in primary:
                before = [x.lemma for x in toks[max(0, i - 2):i] if x.is_word]
                if any(b in reverse for b in before):
                    continue
                end = _scope_end(t, i + 1, lang)
                roles = heads_in(t, words, lang, i + 1, end)
                if roles:
                    said = any(x.is_word and x.lemma in direct
                               for x in toks[max(0, i - 3):end])
                    out.append(_Statement(index, roles, True, text=t, direct=said))
                    consumed = end
            elif lang == "ru" and tok.lemma in orders:
                before = [x.lemma for x in toks[max(0, i - 3):i] if x.is_word]
                if not any(b in order_verbs for b in before):
                    continue
                k = i + 1
                while k < len(toks) and (toks[k].lemma in orders or toks[k].lower in
                                         ("и", ",", "или") or toks[k].lemma in words.fillers):
                    k += 1
                if k < len(toks) and t.is_head(k, words):
                    ph = noun_phrase(t, k, lang, words, k)
                    out.append(_Statement(index, [ph], False))
                    consumed = ph.end
            elif lang == "lt" and tok.lower in orders_lt and i >= 1 and t.is_head(i - 1, words):
                # NOTE: "vykdo tiesioginio vadovo pavedimus": the verb governs the accusative
                # form, so forms are listed, not lemmas ("direktoriaus įsakymu paskirtas" is
                # an appointment, not an order to follow).
                ph = noun_phrase(t, i - 1, lang, words)
                verbs = [x.lemma for x in toks[max(0, ph.start - 3):ph.start] if x.is_word]
                if any(b in order_verbs for b in verbs):
                    out.append(_Statement(index, [ph], False))
                    consumed = i
    return out


def _triggered(doc: Document, indices: list[int], triggers: re.Pattern[str],
               cut: bool = False) -> list[int]:
    """The ``indices`` whose block's folded text holds a trigger stem, in order.

    NOTE: whether a text holds a stem depends on the text only: the clauses of a batch's
    instructions recur (~55 % of the characters), and only the texts not seen yet with these
    triggers are scanned (issue 19; bounded per trigger pattern). With ``cut`` (no stem
    starts with a character ``doctext.number_head`` cuts), a text led by a typed number or
    dash is looked up as its clause (a TXT block: the clause recurs, the number not). Exact:
    the head folds to itself and folding is per character, so the text's folded form is the
    head then the clause's, and a stem found in it starts in the clause."""
    blocks = doc.raw.blocks
    texts = [blocks[i].text for i in indices]
    if cut:
        texts = [text[head:] if head else text
                 for text, head in zip(texts, number_heads(texts), strict=True)]
    known, size = _known_triggered(triggers)
    new = [text for text in dict.fromkeys(texts) if text not in known]
    if new:
        added = sum(map(len, new))
        if len(known) + len(new) > _KNOWN_TEXTS or size[0] + added > _KNOWN_CHARS:
            known.clear()
            new = list(dict.fromkeys(texts))
            size[0], added = 0, sum(map(len, new))
        size[0] += added
        known.update(zip(new, _scan_triggered(new, triggers), strict=True))
    return [i for i, text in zip(indices, texts, strict=True) if known[text]]


_KNOWN_TEXTS = 8192
_KNOWN_CHARS = 1_000_000  # NOTE: beyond one call's own texts


@lru_cache(maxsize=8)
def _known_triggered(triggers: re.Pattern[str]) -> tuple[dict[str, bool], list[int]]:
    """Text → whether its folded form holds one of ``triggers``' stems, and the characters
    kept."""
    return {}, [0]


def _scan_triggered(texts: list[str], triggers: re.Pattern[str]) -> list[bool]:
    """For each of ``texts``, whether its folded form holds a trigger stem.

    ``triggers`` is a ``stem_filter``: escaped literals joined by "|". The texts are folded
    and scanned joined by line breaks, once (issue 19: a fold and a scan per block); a match
    starts in a text exactly when its folded form holds a stem, since no stem holds a line
    break (one that did, or the empty stem, gives the scan per text). Folding never shortens
    a character, so a folded join as long as the join maps offsets one to one; otherwise
    ("ß" → "ss") the texts are scanned one by one too.
    """
    joined = "\n".join(texts)
    folded = fold(joined)
    if "\n" in triggers.pattern or triggers.match("") or len(folded) != len(joined):
        return [triggers.search(fold(text)) is not None for text in texts]
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    hit = {bisect_right(starts, m.start()) - 1 for m in triggers.finditer(folded)}
    return [n in hit for n in range(len(texts))]


def _clause_tails(doc: Document) -> dict[int, tuple[int, ...]]:
    """For each block of a clause, the clause's blocks that follow it."""
    out: dict[int, tuple[int, ...]] = {}
    for section in doc.sections:
        for clause in section.all_clauses():
            blocks = clause.blocks
            for j, block in enumerate(blocks[:-1]):
                out.setdefault(block, tuple(blocks[j + 1:j + 3]))
    return out


@implements("JD108")
def subordination_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a clause that names another direct manager than an earlier clause."""
    lang = doc.language or "ru"
    words = title_words(ctx.data, lang)
    found = title_phrase(doc, words, lang)
    statements = _statements(doc, words, lang, ctx.data,
                             [index for index, _section in section_blocks(ctx, doc)])
    details: Mapping[str, Any] = ctx.texts["detail"]
    kept: list[_Statement] = []
    doubled: set[int] = set()
    for st in statements:
        pair = _two_direct(st, words, found[0] if found is not None else None)
        if pair is not None and st.block not in doubled:
            doubled.add(st.block)
            first, second = pair
            yield ctx.report(citable(ctx, doc, st.block), match=first.surface,
                             other=second.surface,
                             detail=ctx.localized(details["two_direct"]).format(
                                 first=first.surface, second=second.surface),
                             data={"here": first.surface, "other": second.surface,
                                   "kind": "two_direct"})
    for st in statements:
        roles = []
        for ph in st.roles:
            key = _role_key(ph, words)
            if found is not None and same_title(ph, found[0]):
                continue  # "в подчинении менеджера" names the employee, not the boss
            if frozenset(key) <= words.top:
                continue  # top management never conflicts with a direct manager
            roles.append(ph)
            st.keys.append(key)
        st.roles = roles
        if roles:
            kept.append(st)
    firsts = [st for st in kept if st.primary]
    if not firsts:
        return
    done: list[_Statement] = []
    for st in kept:
        if st.primary and not done:
            done.append(st)
            continue
        earlier = [d for d in done if d.primary] if st.primary else firsts
        clash = next((d for d in earlier if d.block != st.block and not any(
            _roles_compatible(a, b) for a in st.keys for b in d.keys)), None)
        agrees = any(_roles_compatible(a, b) for d in earlier for a in st.keys
                     for b in d.keys)
        if clash is not None and not agrees and st.block not in doubled:
            other = " / ".join(ph.surface for ph in clash.roles)
            here = " / ".join(ph.surface for ph in st.roles)
            cited = citable(ctx, doc, clash.block)
            clause = cited if isinstance(cited, Clause) else ctx.clause_at(clash.block)
            where = (ctx.localized(details["in_clause"]).format(clause=clause.path)
                     if clause is not None and clause.path else
                     ctx.localized(details["in_text"]).format(
                         where=ctx.where(ctx.block_source(clash.block))))
            template = details["primary"] if st.primary else details["orders"]
            yield ctx.report(citable(ctx, doc, st.block), match=st.roles[0].surface,
                             severity=None if st.primary else Severity.INFO,
                             other=other, other_place=where,
                             detail=ctx.localized(template).format(
                                 match=here, other=other, other_place=where),
                             related=[ctx.block_source(clash.block)],
                             data={"here": here, "other": other,
                                   "kind": "subordination" if st.primary else "orders"})
        if st.primary:
            done.append(st)


# Words that, between two managers, make the second one a deputy, a functional or a temporary
# boss rather than a second direct one ("…, а в его отсутствие — …", "по вопросам …").
_NOT_SECOND = frozenset({"а", "в", "во", "при", "отсутствие", "период", "время", "случай",
                         "также", "или", "либо", "по", "через", "для", "за", "arba", "nesant",
                         "taip", "pat", "kai", "per", "o"})
_AND = frozenset({"и", ",", "ir"})


def _two_direct(st: _Statement, words: TitleWords,
                title: NounPhrase | None) -> tuple[NounPhrase, NounPhrase] | None:
    """Two different managers joined by "и" / a comma in one "directly reports to" statement.

    Alternatives in brackets ("начальнику отдела (коммерческому директору)", the template's
    "(директору; иному должностному лицу)") are one manager with another name, or a blank
    (JD106): never two managers.
    """
    if not st.primary or not st.direct or st.text is None:
        return None
    toks = st.text.tokens
    depth_at: list[int] = []
    depth = 0
    for tok in toks:
        if tok.text == "(":
            depth += 1
        depth_at.append(depth)
        if tok.text == ")":
            depth = max(0, depth - 1)
    roles = [ph for ph in st.roles if depth_at[ph.head] == 0
             and (title is None or not same_title(ph, title))]
    for a, b in pairwise(roles):
        gap = [tok for k, tok in enumerate(toks[a.end:b.start], start=a.end)
               if depth_at[k] == 0 and tok.text not in ("(", ")")]
        if any(tok.lower in _NOT_SECOND for tok in gap):
            continue
        if not any(tok.lower in _AND for tok in gap):
            continue
        if _roles_compatible(_role_key(a, words), _role_key(b, words)):
            continue
        return a, b
    return None
