"""Consistency of the employer's name (JD110).

This module owns the organisation names (a legal form with a quoted name, "ООО «Альфа»",
"«УП Квант-АС»", "UAB „Kodo fabrikas“"): it takes the employer from the approval block and the
heading, and tells a spelling variant of the employer's name (same letters once case, spaces,
hyphens and quotes are ignored, or nearly the same: info) from another company (warning).
Counterparties named in a sentence about contracts, clients or suppliers are not reported.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from jdlint.checklib.phrases import lemma_set
from jdlint.checklib.place_maps import citable, section_blocks
from jdlint.checklib.places import join_places as _join_places
from jdlint.checklib.places import place as _place
from jdlint.core.model import Document, Finding, Severity
from jdlint.core.records import record
from jdlint.core.text import fold
from jdlint.nlp.doctext import HEAD_CHARS, number_head
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.nlp.doctext import DocumentNLP
    from jdlint.ruleapi import RuleContext


@record(slots=True)
class _Org:
    block: int
    surface: str
    form: str
    name: str
    key: str


def _org_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", fold(name))


@lru_cache(maxsize=8)
def _org_regexes(forms: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alt = "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in forms),
                          key=len, reverse=True))
    quote = r"[«\"„“”]"
    name = r"[^«»\"„“”\n]{1,80}?"
    formed = re.compile(
        rf"(?<![\w])(?P<form>{alt})\s*{quote}(?P<name>{name})[»\"“”]"
        rf"|{quote}(?P<form2>{alt})\s+(?P<name2>{name})[»\"“”]", re.IGNORECASE)
    bare = re.compile(rf"{quote}(?P<name>{name})[»\"“”]")
    return formed, bare


# NOTE: each branch of both regexes of ``_org_regexes`` holds one of these characters.
_QUOTES = "«»\"„“”"
_QUOTE_CHAR = re.compile(f"[{_QUOTES}]")


def _orgs(doc: Document, indices: Iterable[int], forms: Sequence[str],
          canonical: Mapping[str, str]) -> list[_Org]:
    out: list[_Org] = []
    blocks = doc.raw.blocks
    noise, size = doc.noise, len(blocks)
    key = (tuple(forms), tuple(canonical.items()))
    chosen = [index for index in indices if index < size and index not in noise]
    texts = [blocks[index].text for index in chosen]
    clause_only = _clause_only(key[0])
    # NOTE: every name is quoted: only the blocks with a quote are read (issue 19)
    for at in _quoted(texts):
        text = texts[at]
        # NOTE: a text led by a typed number ("2.1. ", a TXT block) is read as its clause,
        # which recurs across a batch (issue 19); see ``_clause_only``
        cut = number_head(text) if clause_only else 0
        if cut:
            text = text[cut:]
        orgs = _text_orgs(text, *key) if len(text) <= _KEPT_TEXT else \
            _text_orgs.__wrapped__(text, *key)
        out.extend(_Org(chosen[at], *found) for found in orgs)
    return out


@lru_cache(maxsize=8)
def _clause_only(forms: tuple[str, ...]) -> bool:
    """Whether ``_text_orgs`` of a text led by a number ``number_head`` cuts (digits, blanks,
    "." and ")") is that of its clause: every branch of ``_org_regexes`` starts with a quote
    or a form, so with no form starting with a head's character no match starts in the head
    (its digits are no letters, even ignoring case); the one look-behind, before a form, sees
    a head's last character (a blank or ")") as it sees the clause's start; what a match
    holds (strings, no offsets) is then the clause's."""
    return all(form[:1] and form[0] not in HEAD_CHARS and not form[0].isspace()
               for form in forms)


def _quoted(texts: Sequence[str]) -> list[int]:
    """The indices of ``texts`` holding a quote (``_QUOTE_CHAR``), ascending: each quote looked
    for with ``str.find`` over the texts joined, resumed at the next text after each hit (the
    class searched block by block was ~75 µs a document, issue 19; this ~25). Exact: a quote
    is one character, and the separator is none."""
    joined = "\n".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    found: set[int] = set()
    for quote in _QUOTES:
        at = joined.find(quote)
        while at >= 0:
            block = bisect_right(starts, at) - 1
            found.add(block)
            at = joined.find(quote, starts[block + 1])
    return sorted(found)


_KEPT_TEXT = 1000  # NOTE: a longer block is read each time (the cache stays a few MB at most)


# NOTE: what a block names depends only on its text and the rule's forms: the header and the
# clauses naming the employer recur across a batch (issue 19: ~half the blocks with quotes).
@lru_cache(maxsize=4096)
def _text_orgs(text: str, forms: tuple[str, ...], canonical: tuple[tuple[str, str], ...]
               ) -> tuple[tuple[str, str, str, str], ...]:
    """(surface, form, name, key) of each organisation named in ``text``, in order."""
    formed, bare = _org_regexes(forms)
    long_forms = dict(canonical)
    out: list[tuple[str, str, str, str]] = []
    taken: list[tuple[int, int]] = []
    for m in formed.finditer(text):
        form = m.group("form") or m.group("form2") or ""
        name = (m.group("name") or m.group("name2") or "").strip()
        if not _org_key(name):
            continue
        form = long_forms.get(fold(" ".join(form.split())), form)
        out.append((m.group(0), form, name, _org_key(name)))
        taken.append(m.span())
    for m in bare.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        name = m.group("name").strip()
        if _org_key(name):
            out.append((m.group(0), "", name, _org_key(name)))
    return tuple(out)


# NOTE: the same keys are compared in every document of a batch (the employer's name with each
# name the document holds): an answer depends on the two keys only.
@lru_cache(maxsize=4096)
def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    # NOTE: real_quick_ratio and quick_ratio are upper bounds of ratio (difflib's own
    # documented order), so a pair they rule out is never similar (issue 19).
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85
            and matcher.ratio() >= 0.85)


def _sentence_has(text: str, start: int, lemmas: frozenset[str], lang: str,
                  shared: DocumentNLP) -> bool:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start))
    right_candidates = [p for p in (text.find(".", start), text.find(";", start)) if p >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    # NOTE: the file's shared lemmas (exactly ``nlp.lemmas``), so from the batch's token
    # cache: the sentences naming a counterparty recur across a batch (issue 19).
    return not lemmas.isdisjoint(shared.lemmas(text[left + 1:right], lang))


@implements("JD110")
def organisation_name_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report another company's name, and the employer's name spelled in different ways."""
    lang = doc.language or "ru"
    # NOTE: the rule's tables depend on its YAML only: read once per process (issue 19: the
    # counterparty words were lemmatised for every document).
    forms, canonical, counterparty = ctx.compiled(("organisations", lang),
                                                  lambda: _tables(ctx.data, lang))
    details: Mapping[str, Any] = ctx.texts["detail"]

    first_section = min((s.heading_block for s in doc.sections if s.heading_block is not None),
                        default=doc.span.stop)
    head_blocks = _head_blocks(doc.span, first_section, doc.approval)
    body_blocks = [i for i, _ in section_blocks(ctx, doc)]
    header = [o for o in _orgs(doc, head_blocks, forms, canonical) if o.form]
    body_all = _orgs(doc, body_blocks, forms, canonical)
    formed_body = [o for o in body_all if o.form]
    employer = header[0] if header else (formed_body[0] if formed_body else None)
    if employer is None:
        return
    known = [o for o in header + formed_body]
    # NOTE: a quoted name without a legal form ("«Квант-АС»") is an organisation only when it
    # spells one of the organisations named with a form; other quotes are titles of documents.
    mentions = sorted(
        header + [o for o in body_all if o.form or any(_similar(o.key, k.key) for k in known)],
        key=lambda o: o.block)

    variants: dict[str, list[_Org]] = defaultdict(list)
    blocks = doc.raw.blocks
    for org in mentions:
        if _similar(org.key, employer.key):
            # NOTE: the name as written decides, not the legal form: "Общество с ограниченной
            # ответственностью «Альфа»" and "ООО «Альфа»" are one spelling.
            name = " ".join(org.name.split())
            if blocks[org.block].text.isupper():
                # NOTE: a heading in capitals is typography, not another spelling.
                name = next((v for v in variants if fold(v) == fold(name)), name)
            variants[name].append(org)
            continue
        if org in header:
            continue  # a parent body or ministry above the employer in the heading
        if _sentence_has(doc.raw.blocks[org.block].text,
                         doc.raw.blocks[org.block].text.find(org.surface), counterparty, lang,
                         ctx.nlp):
            continue
        yield ctx.report(citable(ctx, doc, org.block), match=org.surface,
                         other=_display(employer),
                         detail=ctx.localized(details["other"]).format(
                             match=_display(org), employer=_display(employer)),
                         related=[ctx.block_source(employer.block)],
                         data={"organisation": org.name, "employer": employer.name})
    if len(variants) >= 2:
        listed = []
        for orgs in variants.values():
            places = _join_places([_place(ctx, o.block, doc.section_of_block(o.block))
                                   if o.block not in head_blocks else _place(ctx, -1, None)
                                   for o in orgs])
            listed.append(f"{_display(orgs[0])} ({places})")
        main = _display(employer)
        odd = next(o for orgs in list(variants.values())[1:] for o in orgs)
        yield ctx.report(citable(ctx, doc, odd.block), match=odd.surface, other=main,
                         severity=Severity.INFO,
                         detail=ctx.localized(details["spelling"]).format(
                             count=len(variants), variants="; ".join(listed)),
                         related=[ctx.block_source(o.block) for orgs in variants.values()
                                  for o in orgs if o is not odd],
                         data={"variants": list(variants)})


def _head_blocks(span: range, first_section: int, approval: range | None) -> list[int]:
    """The blocks of ``span`` before the first section's heading, then the approval block's
    after it, ascending (as ``[i for i in span if i < first_section or i in approval]``,
    without a test per block of the document: issue 19)."""
    if span.step != 1:
        return [i for i in span if i < first_section or (approval is not None and i in approval)]
    head = list(range(span.start, max(span.start, min(span.stop, first_section))))
    if approval is not None:
        head.extend(sorted(i for i in approval if i in span and i >= first_section))
    return head


def _tables(data: Mapping[str, Any], lang: str
            ) -> tuple[list[str], dict[str, str], frozenset[str]]:
    """The legal forms (short, then long), the long forms' canonical short form, and the
    counterparty lemmas of the rule's ``organisations`` table for ``lang``."""
    table: Mapping[str, Any] = data.get("organisations", {}).get(lang, {})
    forms: list[str] = list(table.get("forms", ()))
    canonical = {fold(" ".join(str(k).split())): str(v)
                 for k, v in table.get("long_forms", {}).items()}
    forms.extend(table.get("long_forms", {}).keys())
    return forms, canonical, lemma_set(table.get("counterparty", ()), lang)


def _display(org: _Org) -> str:
    return " ".join(org.surface.split())
