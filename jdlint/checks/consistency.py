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

JD107's other signals live beside it: ``self_mentions`` (finding those phrases, each block
text once per batch), ``mentions`` (plural groups and bosses acting on the employee are no
other name of the post; the comparison ``same_title``), ``title_choice`` (a title that still
lists several posts) and ``unit_names`` (the post's own unit renamed).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from jdlint.checklib.mentions import acts_on_employee, same_title, title_phrase
from jdlint.checklib.phrases import NounPhrase, TitleWords, stem_filter, title_words, tokenize_text
from jdlint.checklib.place_maps import section_blocks
from jdlint.checklib.places import citable_at as citable_at
from jdlint.checklib.places import citable_in
from jdlint.checklib.places import join_places as _join_places
from jdlint.checklib.places import place as _place
from jdlint.checklib.self_mentions import Mention as _Mention
from jdlint.checklib.self_mentions import is_subject as _is_subject
from jdlint.checklib.self_mentions import new_record, record_key
from jdlint.checklib.self_mentions import self_mentions as _self_mentions
from jdlint.checklib.superiors import superiors_named
from jdlint.checklib.title_choice import choice_finding
from jdlint.checklib.unit_names import foreign_units
from jdlint.core.model import Clause, Document, Finding, Section
from jdlint.core.records import record
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_LEMMA, _LOWER = itemgetter(2), itemgetter(1)  # NOTE: ``Token.lemma``, ``Token.lower``

# ---------------------------------------------------------------------------- JD107

@implements("JD107")
def title_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report names of the position that differ from the one in the title."""
    lang = doc.language or "ru"
    # NOTE: the rule's data only: compiled once per process (issue 19: keying the compiled
    # lists by the table built and hashed a tuple of every word, ~8 us a call)
    words = ctx.compiled(("title-words", lang), lambda: title_words(ctx.data, lang))
    found = title_phrase(doc, words, lang)
    # NOTE: the list JD108 and JD110 read too, made once per document (issue 19)
    blocks = section_blocks(ctx, doc)
    heads = ctx.compiled(("head-stems", lang), lambda: stem_filter(
        tuple(ctx.data.get("words", {}).get(lang, {}).get("heads", ())), words.heads))
    # NOTE: the block texts read, kept by the rule across documents (issue 19: a batch repeats
    # its template clauses); bounded, keyed by all a text's mentions depend on.
    seen = ctx.compiled(record_key(lang), lambda: new_record(lang))
    mentions = _self_mentions(blocks, doc, ctx.nlp.lemmas, words, lang, heads, seen)
    if found is None:
        if not mentions:
            return
        title, title_block = _most_frequent_name(mentions), -2
    else:
        title, title_block = found
        yield from choice_finding(doc, ctx, title_block, {m.phrase.head_lemma for m in mentions})
    yield from _unit_findings(doc, ctx, blocks, title, words, lang)
    # NOTE: a weak mention of another head is neither the title (``same``) nor a variant
    # (``foreign``, below): dropped before the per-mention tests of ``_own_post_mentions``,
    # which keep or drop each mention on its own (issue 19: most weak mentions are colleagues).
    mentions = _own_post_mentions(doc, ctx, [m for m in mentions if not m.weak or
                                             m.phrase.head_lemma == title.head_lemma],
                                  title, words, lang)
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
    named: dict[int, set[str]] = {}  # NOTE: once per block, which may name several posts
    wanted = frozenset(verbs)

    def superiors(block: int) -> set[str]:
        found = named.get(block)
        if found is None:
            t = tokenize_text(blocks[block].text, lang)
            # NOTE: an exact bound: ``superiors_named`` reads posts only after a word whose
            # lemma or lower case is a reports-to verb, tested here in C on every token.
            if wanted.isdisjoint(map(_LEMMA, t.tokens)) and wanted.isdisjoint(
                    map(_LOWER, t.tokens)):
                found = named[block] = set()
            else:
                found = named[block] = superiors_named(t, words, lang, verbs)
        return found

    return [m for m in mentions if m.phrase.head_lemma == title.head_lemma
            or m.phrase.head_lemma not in superiors(m.block)]


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
