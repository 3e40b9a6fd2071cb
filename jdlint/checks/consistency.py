"""Consistency inside one instruction: the position's name (JD107). The places the
consistency checks cite are ``places``. Whom the employee reports to (JD108) is
``subordination``, the employer's name (JD110) is ``employer``; the job-title grammar all of
them compare noun phrases with is ``phrases``.

This module owns:

* JD107, which reads the phrases that must name the position itself: the subject of a clause
  ("X должен знать", "X yra pavaldus"), the owner of duties or rights ("права X",
  "X teisės", "на должность X") and section headings; a phrase is the same title when its head
  is the title's head and its other words are among the title's words (a short form is fine);
  department words and abbreviations ("отдела ОМА") are not part of the comparison. The
  position's title phrase (``checklib.mentions.title_phrase``) is shared with JD108.

JD107's other signals live beside it: ``mentions`` (plural groups and bosses acting on the
employee are no other name of the post; the comparison ``same_title``), ``title_choice`` (a
title that still lists several posts) and ``unit_names`` (the post's own unit renamed).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jdlint.checklib.mentions import acts_on_employee, is_plural, same_title, title_phrase
from jdlint.checklib.phrases import (
    NounPhrase,
    Span,
    TitleWords,
    TokenText,
    build_phrase,
    ru_tags,
    spans_in,
    stem_filter,
    title_words,
    tokenize_text,
)
from jdlint.checklib.place_maps import section_blocks
from jdlint.checklib.places import citable_at as citable_at
from jdlint.checklib.places import citable_in
from jdlint.checklib.places import join_places as _join_places
from jdlint.checklib.places import place as _place
from jdlint.checklib.superiors import superiors_named
from jdlint.checklib.title_choice import choice_finding
from jdlint.checklib.unit_names import foreign_units
from jdlint.core.model import Clause, Document, Finding, Section
from jdlint.core.records import record
from jdlint.core.text import fold
from jdlint.nlp.tokenize import Token
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_STOPS = frozenset(".;:!?…")
_OPEN = frozenset("(«\"„“[")


# ---------------------------------------------------------------------------- JD107

@record(frozen=False, slots=True)
class _Mention:
    block: int
    section: Section | None
    phrase: NounPhrase
    # NOTE: named only as the doer of an ordinary verb ("Товаровед принимает товар"), not with
    # a verb that only the instruction's own post takes ("относится к категории", "должен
    # знать", "имеет право", "на должность X"): weak evidence that the post is meant.
    weak: bool = False


def _self_mentions(blocks: Sequence[tuple[int, Section]], doc: Document,
                   lemmas: Callable[[str, str], tuple[str, ...]], words: TitleWords, lang: str,
                   heads: re.Pattern[str]) -> list[_Mention]:
    """Phrases that must name the position itself (subjects, owners of duties, headings);
    ``lemmas`` is the file's shared ``RuleContext.nlp.lemmas``."""
    out: list[_Mention] = []
    plural: dict[str, bool] = {}
    anchors = words.predicates | words.owners
    for index, section in blocks:
        text = doc.raw.blocks[index].text
        # NOTE: an exact bound (issue 19): a mention is followed by a predicate ("X должен")
        # or stands by an owner noun ("права X", "X pareigos"), so a block with neither among
        # its word lemmas has none, and its phrases are never built (two blocks in three). It
        # goes before the stem filter: a set test on the file's shared lemmas, whose tokens
        # the other rules (JD201, JD302) take of every block anyway, is cheaper than a regex.
        found = lemmas(text, lang)
        # NOTE: and ``spans_in`` places a phrase only at a word whose lemma is a head or that
        # has a hyphen: without either the block has no phrase at all. Tested before the stem
        # filter, a regex over the folded text (every test must pass: their order is free).
        if (anchors.isdisjoint(found) or (words.heads.isdisjoint(found) and "-" not in text)
                or not heads.search(fold(text))):
            continue
        t = tokenize_text(text, lang)
        seen: set[int] = set()
        # NOTE: a phrase is tested by where it lies (``spans_in``) and built only when it is
        # kept, or when its head is generic and its qualifiers decide: two phrases in three
        # are neither subject nor owner (issue 19: building them was ~30 % of JD107's own).
        for span in spans_in(t, words, lang):
            ph = None
            if t.tokens[span.head].lemma in words.generic:
                ph = build_phrase(t, span, lang, words)
                if not ph.quals:
                    continue
            verb = _subject_predicate(t, span, words, lang)
            if verb is None and not _is_owner(t, span, words, lang):
                continue
            # NOTE: after the cheap tests above: ``is_plural`` is a pymorphy3 parse, and most
            # phrases are neither subject nor owner (the order of pure filters is free).
            if _plural(t.tokens[span.head], lang, plural):
                continue  # "Продавцы по графику …": a group of colleagues, not the post
            if span.start not in seen:
                seen.add(span.start)
                if ph is None:
                    ph = build_phrase(t, span, lang, words)
                # NOTE: a lead-in of a list ("X atlieka šias pareigas:", "X выполняет
                # следующие обязанности:") introduces the post's own duties.
                weak = (verb is not None and bool(words.strong) and verb not in words.strong
                        and not text.rstrip().endswith(":"))
                out.append(_Mention(index, section, ph, weak))
    return out


def _plural(tok: Token, lang: str, known: dict[str, bool]) -> bool:
    """``is_plural``, once per written form of the document (``known``): it reads only the
    token's text (and its lower case, which is the text's), a document names its post in the
    same few forms over and over, and each answer is a pymorphy3 parse (issue 19: a sixth of
    JD107; ``mentions`` now also keeps the parse's answer per folded form, across documents,
    and this dict spares the folding). Kept per call, not per module: checks keep no state of
    their own."""
    found = known.get(tok.text)
    if found is None:
        found = known[tok.text] = is_plural(tok, lang)
    return found


_LT_NOMINATIVE = re.compile(r"(as|is|ys|us|ė|a)$")


def _is_subject(t: TokenText, ph: NounPhrase, words: TitleWords, lang: str = "ru") -> bool:
    """The phrase is followed by a predicate that makes it the clause's subject."""
    return _subject_predicate(t, ph, words, lang) is not None


def _subject_predicate(t: TokenText, ph: Span | NounPhrase, words: TitleWords,
                       lang: str = "ru") -> str | None:
    """The lemma of the predicate that makes the phrase the clause's subject, if any."""
    toks = t.tokens
    if lang == "lt" and not _LT_NOMINATIVE.search(toks[ph.head].lower):
        return None  # "darbo sandėlininkui skiriama": a dative is no subject
    i = ph.end
    skipped = 0
    while i < len(toks) and skipped <= 3:
        tok = toks[i]
        if tok.is_word:
            if tok.lemma in words.predicates:
                return tok.lemma
            if tok.lemma not in words.fillers:
                return None
            skipped += 1
        elif tok.text in _STOPS or tok.text in _OPEN or tok.text == ",":
            # NOTE: "Инженер отдела (далее ОМА) относится": a bracket may sit in between.
            if tok.text != "(":
                return None
            close = next((k for k in range(i, len(toks)) if toks[k].text == ")"), None)
            if close is None:
                return None
            i = close
        i += 1
    return None


def _is_owner(t: TokenText, ph: Span | NounPhrase, words: TitleWords, lang: str) -> bool:
    """"обязанности X", "на должность X" (ru) / "X pareigos", "X darbo pareigos" (lt)."""
    toks = t.tokens
    if lang == "ru":
        k = ph.start - 1
        if k < 0 or not toks[k].is_word or toks[k].lemma not in words.owners:
            return False
        if toks[k].lemma == "должность":
            return k >= 1 and toks[k - 1].lower == "на"
        # NOTE: "координирует деятельность помощника", "осуществляет функции врача": the
        # object of the employee's own verb is a colleague, not the position.
        prev = next((toks[j] for j in range(k - 1, -1, -1) if toks[j].is_word), None)
        return prev is None or ru_tags(fold(prev.text))[0] not in ("VERB", "INFN", "GRND")
    for k in (ph.end, ph.end + 1):
        if k < len(toks) and toks[k].is_word and toks[k].lemma in words.owners:
            return k == ph.end or toks[ph.end].is_word
    return False


@implements("JD107")
def title_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report names of the position that differ from the one in the title."""
    lang = doc.language or "ru"
    words = title_words(ctx.data, lang)
    found = title_phrase(doc, words, lang)
    listed = tuple(ctx.data.get("words", {}).get(lang, {}).get("heads", ()))
    # NOTE: the list JD108 and JD110 read too, made once per document (issue 19)
    blocks = section_blocks(ctx, doc)
    mentions = _self_mentions(blocks, doc, ctx.nlp.lemmas, words, lang,
                              stem_filter(listed, words.heads))
    if found is None:
        if not mentions:
            return
        title, title_block = _most_frequent_name(mentions), -2
    else:
        title, title_block = found
        yield from choice_finding(doc, ctx, title_block, {m.phrase.head_lemma for m in mentions})
    yield from _unit_findings(doc, ctx, blocks, title, words, lang)
    mentions = _own_post_mentions(doc, ctx, mentions, title, words, lang)
    same = [m for m in mentions if same_title(m.phrase, title)]
    # NOTE: another post as the doer of an ordinary verb is a colleague ("Товаровед принимает
    # товар"); only a variant of the title's own head ("менеджер по закупкам" for "менеджер
    # по продажам") is taken on such weak evidence.
    foreign = [m for m in mentions if not same_title(m.phrase, title)
               and (not m.weak or m.phrase.head_lemma == title.head_lemma)]
    if not foreign:
        return
    groups = _variant_groups(foreign)
    named = _Named(title, title_block, {_surface(ms): [m.block for m in ms]
                                        for ms in groups.values()})
    if len(groups) >= 2:
        yield _many_variants(doc, ctx, named, groups, foreign)
        return
    (ms,) = groups.values()
    if not same and len(ms) >= 3 and title_block != -2:
        yield _title_vs_body(doc, ctx, named, ms)
        return
    yield from _each_variant(doc, ctx, named, ms)


@record(slots=True)
class _Named:
    """The position's name as the instruction gives it, and the variants found in its body."""

    title: NounPhrase
    block: int  # -1 = doc.position, -2 = no title (the most frequent name)
    variants: dict[str, list[int]]

    @property
    def text(self) -> str:
        return self.title.surface


def _most_frequent_name(mentions: Sequence[_Mention]) -> NounPhrase:
    """With no title, the most frequent name is taken as the position's (its fullest form)."""
    counts = Counter(m.phrase.head_lemma for m in mentions)
    head = counts.most_common(1)[0][0]
    return max((m.phrase for m in mentions if m.phrase.head_lemma == head),
               key=lambda p: len(p.quals))


def _unit_findings(doc: Document, ctx: RuleContext, blocks: Sequence[tuple[int, Section]],
                   title: NounPhrase, words: TitleWords, lang: str) -> Iterator[Finding]:
    """A unit named in the body that is not the title's own unit."""
    details: Mapping[str, Any] = ctx.texts["detail"]
    own_unit, odd_units = foreign_units(
        title, ((i, doc.raw.blocks[i].text) for i, _ in blocks), words, lang,
        ctx.phrases.get("unit_owners", {}).get(lang, ()))
    for um in odd_units:
        yield ctx.report(citable_in(ctx, um.block), match=um.phrase.surface, title=title.surface,
                         detail=ctx.localized(details["unit"]).format(
                             match=um.phrase.surface, own=own_unit),
                         data={"title": title.surface, "unit": um.phrase.surface})


def _own_post_mentions(doc: Document, ctx: RuleContext, mentions: list[_Mention],
                       title: NounPhrase, words: TitleWords, lang: str) -> list[_Mention]:
    """The mentions that can name the instruction's own post, not a boss or a colleague."""
    blocks = doc.raw.blocks
    # NOTE: a manager title in an "owner" position of another employee's instruction is far
    # more often a reference to the boss ("в компетенцию руководителя") than a copied title.
    if title.head_lemma not in words.managers:
        mentions = [m for m in mentions if m.phrase.head_lemma not in words.managers
                    or (_is_subject(tokenize_text(blocks[m.block].text, lang), m.phrase, words,
                                    lang)
                        and not acts_on_employee(blocks[m.block].text, m.phrase,
                                                  title, words, lang))]
    # NOTE: "подчиняется администратору …; в отсутствие администратора …": a post named as
    # the boss in the same clause is not another name of the instruction's own post.
    verbs = ctx.phrases.get("reports_to", {}).get(lang, ())
    return [m for m in mentions if m.phrase.head_lemma == title.head_lemma
            or m.phrase.head_lemma not in superiors_named(
                tokenize_text(blocks[m.block].text, lang), words, lang, verbs)]


def _variant_groups(foreign: Sequence[_Mention]
                    ) -> dict[tuple[str, frozenset[str]], list[_Mention]]:
    """Other names grouped by head and qualifiers; a short form joins its fuller variant."""
    groups: dict[tuple[str, frozenset[str]], list[_Mention]] = defaultdict(list)
    for m in foreign:
        key = (m.phrase.head_lemma, m.phrase.quals)
        target = next((k for k in groups if k[0] == key[0] and
                       (key[1] <= k[1] or k[1] <= key[1])), key)
        if target != key and len(key[1]) > len(target[1]):
            groups[key] = groups.pop(target)
            target = key
        groups[target].append(m)
    return groups


def _quoted(ctx: RuleContext, name: str, places: str) -> str:
    return f"«{name}» ({places})" if ctx.lang != "lt" else f"„{name}“ ({places})"


def _many_variants(doc: Document, ctx: RuleContext, named: _Named,
                   groups: Mapping[tuple[str, frozenset[str]], list[_Mention]],
                   foreign: Sequence[_Mention]
                   ) -> Finding:
    """Two or more other names: one finding listing every variant and its places."""
    title_place = _place(ctx, -1, None) if named.block < 0 else _place(ctx, named.block, None)
    variants = [_quoted(ctx, named.text, title_place)]
    for ms in sorted(groups.values(), key=lambda ms: ms[0].block):
        places = _places(ctx, ms)
        variants.append(_quoted(ctx, _surface(ms), places))
    first = min(foreign, key=lambda m: m.block)
    details: Mapping[str, Any] = ctx.texts["detail"]
    return ctx.report(citable_in(ctx, first.block), match=first.phrase.surface, title=named.text,
                      detail=ctx.localized(details["many"]).format(
                          count=len(variants), variants="; ".join(variants)),
                      related=[ctx.block_source(m.block) for m in foreign[1:]],
                      data={"title": named.text, "variants": named.variants})


def _title_vs_body(doc: Document, ctx: RuleContext, named: _Named,
                   ms: Sequence[_Mention]) -> Finding:
    """The body agrees with itself and only the heading differs: one finding, at the heading,
    rather than one per clause."""
    title_text = named.text
    at = named.block if named.block >= 0 else _title_block(doc, title_text)
    places = _places(ctx, ms)
    shown = title_text if title_text in doc.raw.blocks[at].text else None
    details: Mapping[str, Any] = ctx.texts["detail"]
    return ctx.report(at, match=shown, title=title_text,
                      detail=ctx.localized(details["title_vs_body"]).format(
                          title=title_text, other=_surface(ms), count=len(ms),
                          places=places),
                      related=[ctx.block_source(m.block) for m in ms],
                      data={"title": title_text, "variants": named.variants})


def _each_variant(doc: Document, ctx: RuleContext, named: _Named,
                  ms: Sequence[_Mention]) -> Iterator[Finding]:
    """One finding per clause that names the post otherwise."""
    details: Mapping[str, Any] = ctx.texts["detail"]
    reported: set[int] = set()
    for m in ms:
        cited = citable_in(ctx, m.block)
        start_block = cited.first_block if isinstance(cited, Clause) else m.block
        if start_block in reported:
            continue
        reported.add(start_block)
        yield ctx.report(cited, match=m.phrase.surface, title=named.text,
                         detail=ctx.localized(details["one"]).format(
                             match=m.phrase.surface, title=named.text),
                         data={"title": named.text, "variant": m.phrase.surface})


# NOTE: a message lists at most this many places of a variant, and "…" for more.
_SHOWN = 6


def _places(ctx: RuleContext, ms: Sequence[_Mention]) -> str:
    """The mentions' places joined for a message (``join_places``), computing no more of
    them than it shows: the first ``_SHOWN`` distinct ones and one more that tells it to add
    "…" (issue 19: each place walks the document's clauses, and a copied title is often
    named in dozens of clauses)."""
    found: list[str] = []
    for m in ms:
        at = _place(ctx, m.block, m.section)
        if at not in found:
            found.append(at)
            if len(found) > _SHOWN:
                break
    return _join_places(found, _SHOWN)


def _surface(ms: Sequence[_Mention]) -> str:
    """The most informative spelling of a group: the subject form with most words."""
    best = max(ms, key=lambda m: (len(m.phrase.quals), len(m.phrase.lemmas), -m.block))
    text = best.phrase.surface
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _title_block(doc: Document, title: str) -> int:
    """The block of the heading that names the position (the span's start if not found)."""
    blocks = doc.raw.blocks
    for wanted in (title, doc.position, doc.title):
        for index in doc.span:
            if wanted and index < len(blocks) and wanted in blocks[index].text:
                return index
    return doc.span.start
