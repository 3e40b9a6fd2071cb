"""JD303 contradictory-clauses: two clauses of one instruction that cannot both hold.

Only what can be found reliably is reported (the rule's confidence is low all the same):

* a prohibition and its opposite: "не вправе утверждать бюджет проекта" in one clause and
  "утверждает бюджет проекта" in another — the same action (lemma stem) with at least two of the
  words that follow it in the prohibition, not negated in the other clause. A qualified
  prohibition ("не вправе *самостоятельно* устанавливать обновления", "без согласования")
  only contradicts a clause that claims the same freedom ("самостоятельно, без согласования …
  устанавливает обновления"); "устанавливает обновления по согласованию" is consistent with it;
* the probation period stated twice with different durations;
* the working hours stated twice with different times of day;
* within ONE clause, an experience requirement and its waiver in the same route to the post
  ("стаж не менее 2 лет (без предъявления требований к стажу)": a template choice left as
  both); "или" opens another route, where the waiver is lawful.

Subordination to two managers is JD108's, not this rule's. Word lists (markers, qualifiers,
number words, units) are data in ``rules/JD303.yaml``. A contradiction has no "wrong side" a
linter could know, so it is reported at BOTH clauses, each finding naming the other one (a
reviewer fixing either clause sees it); ``data`` holds both paths and texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from jdlint.checklib.contradiction_words import NUMBER as _NUMBER
from jdlint.checklib.contradiction_words import Words as _Words
from jdlint.checklib.contradiction_words import find as _find
from jdlint.checklib.contradiction_words import firsts as _firsts
from jdlint.checklib.contradiction_words import join_words as _join
from jdlint.checklib.contradiction_words import load as _load
from jdlint.checklib.contradiction_words import present as _present
from jdlint.checklib.contradiction_words import waived as _waived
from jdlint.core.model import Clause, Document, Finding
from jdlint.core.records import record
from jdlint.nlp import tokenizer as _tokenizer
from jdlint.nlp.resources import overrides as _overrides
from jdlint.nlp.tokenize import Token
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_TIME_RANGE = re.compile(
    r"(\d{1,2})[:.](\d{2})\s*(?:ч\.?\s*)?(?:до|–|-|—|iki)\s*(\d{1,2})[:.](\d{2})")
_STOP = frozenset(";.:!?")
_SEP = "\x00"


def _lemmas(clause: Clause, lang: str, ctx: RuleContext) -> list[str]:
    """Lemmas of the clause's words, numbers and punctuation (clause boundaries matter)."""
    return _text_lemmas(clause.text, lang, ctx)


def _text_lemmas(text: str, lang: str, ctx: RuleContext) -> list[str]:
    """``_lemmas`` of a clause's text."""
    # NOTE: fields by index and ``str.isdecimal`` (what "\d" is) instead of a regex match per
    # token: ~a quarter less, on every clause (issue 19). ``_NUMBER``'s "$" also passes a final
    # line break, which only the regex then tells.
    return [t[2] if t[5] or t[2].isdecimal() or (t[2].endswith("\n") and _NUMBER.match(t[2]))
            else t[0] for t in ctx.nlp.tokens(text, lang)]


_LEMMA = attrgetter("lemma")
_TEXT = attrgetter("text")


def _may_hold(tokens: Sequence[Token], firsts: frozenset[str]) -> bool:
    """False when no item of ``_lemmas`` (each a token's lemma or its text) is one of
    ``firsts``: two C-level set tests instead of the Python list (most clauses)."""
    return not (firsts.isdisjoint(map(_LEMMA, tokens))
                and firsts.isdisjoint(map(_TEXT, tokens)))


def _loose_joined(tokens: Sequence[Token]) -> str:
    """``_joined`` of every token's lemma and text: a superset of ``_joined(_lemmas(…))``'s
    items, so ``_may_assert`` on it is False only when it is False on the lemmas."""
    return f"{_SEP}{_SEP.join(map(_LEMMA, tokens))}{_SEP}{_SEP.join(map(_TEXT, tokens))}{_SEP}"


def _written(text: str, lang: str, ctx: RuleContext) -> list[str]:
    """A clause text's tokens as written (asked for by the few texts a phrase list fits)."""
    return [t.text for t in ctx.nlp.tokens(text, lang)]


@record(slots=True)
class _Prohibition:
    """What a clause forbids (kept per clause text: no clause in it)."""

    action: str
    objects: tuple[str, ...]
    qualified: bool
    words: str


def _stem(lemma: str) -> str:
    return lemma[:5]


def _prohibitions(seq: list[str], texts: list[str], w: _Words) -> Iterator[_Prohibition]:
    for phrase in w.prohibitions:
        at = _find(seq, phrase)
        if at < 0:
            continue
        tail: list[str] = []
        shown: list[str] = []
        for lem, text in zip(seq[at + len(phrase):], texts[at + len(phrase):], strict=True):
            if lem in _STOP:
                break
            tail.append(lem)
            shown.append(text)
        qualified = any(lem in w.qualifiers for lem in tail)
        content = [lem for lem in tail if lem not in w.qualifiers and lem not in w.stopwords
                   and lem.isalpha() and len(lem) > 2]
        if len(content) < 3:
            continue
        yield _Prohibition(content[0], tuple(_stem(c) for c in content[1:4]), qualified,
                           _join(shown[:8]))


def _negated(seq: Sequence[str], index: int, w: _Words) -> bool:
    before = seq[max(0, index - 4):index]
    return "не" in before or any(_find(seq, p) >= 0 for p in w.prohibitions)


def _joined(seq: Sequence[str]) -> str:
    """The lemmas of a clause as one string, each preceded and followed by ``_SEP``: a test
    of whether some lemma starts with (or is) a stem becomes one C-level substring search."""
    return f"{_SEP}{_SEP.join(seq)}{_SEP}"


def _may_assert(joined: str, ban: _Prohibition) -> bool:
    """False only when no lemma of the clause has the stem of ``ban``'s action, so that
    ``_asserts`` is False: a lemma whose stem is a 5-letter stem starts with it; one whose
    stem is shorter is that stem (a separator inside a lemma can only add hits)."""
    stem = _stem(ban.action)
    needle = _SEP + stem if len(stem) == 5 else _SEP + stem + _SEP
    return needle in joined


def _asserts(seq: list[str], ban: _Prohibition, w: _Words) -> bool:
    """The clause says the employee does (or may do) what ``ban`` forbids."""
    for i, lem in enumerate(seq):
        if _stem(lem) != _stem(ban.action) or _negated(seq, i, w):
            continue
        window: list[str] = []
        for other in seq[i + 1:i + 12]:
            if other in _STOP:
                break
            window.append(_stem(other))
        shared = sum(1 for o in ban.objects if o in window)
        if shared < min(2, len(ban.objects)):
            continue
        if ban.qualified:
            # NOTE: "не вправе самостоятельно X" only clashes with "самостоятельно X".
            return (any(q in seq for q in w.qualifiers)
                    and not any(_find(seq, p) >= 0 for p in w.permissions))
        return True
    return False


def _duration(seq: Sequence[str], texts: Sequence[str], w: _Words) -> tuple[int, str] | None:
    """Days of the first "N месяцев/недель/дней" after a probation phrase, and its wording."""
    if not w.probation:
        return None  # NOTE: most clauses (``_present`` kept no phrase)
    for phrase in w.probation:
        at = _find(seq, phrase)
        if at < 0:
            continue
        for i in range(at + len(phrase), min(len(seq), at + len(phrase) + 12) - 1):
            value = int(seq[i]) if _NUMBER.match(seq[i]) else w.numbers.get(seq[i])
            unit = w.units.get(seq[i + 1])
            if value is not None and unit is not None:
                return value * unit, f"{texts[i]} {texts[i + 1]}"
    return None


def _hours(text: str, seq: Sequence[str], w: _Words) -> str | None:
    if not w.hours:
        return None  # NOTE: most clauses; the test below would say the same after a scan
    # NOTE: all three tests must pass and none has a side effect: the time of day, one C
    # scan that most clauses fail, goes first ("рабочий" is in many clauses; issue 19).
    found = _TIME_RANGE.search(text)
    if not found:
        return None
    if not any(_find(seq, p) >= 0 for p in w.hours) or any(s in w.hours_skip for s in seq):
        return None
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    return f"{h1:02d}:{m1:02d}–{h2:02d}:{m2:02d}"


def _pair(ctx: RuleContext, a: Clause, b: Clause, kind: str, this: str, that: str
          ) -> Iterator[Finding]:
    texts: Mapping[str, Any] = ctx.texts
    for here, there, mine, theirs in ((a, b, this, that), (b, a, that, this)):
        other = ctx.localized(texts["place"]).format(
            clause=there.path, where=ctx.where(ctx.block_source(there.first_block)))
        detail = ctx.localized(texts[kind]).format(this=mine, that=theirs)
        yield ctx.report(here, other=other, detail=detail,
                         related=[ctx.block_source(there.first_block)],
                         data={"kind": kind, "other": there.path or None,
                               "clauses": [{"clause": c.path or None, "text": c.text}
                                           for c in (here, there)]})


def _clashes(clauses: Sequence[Clause], facts: Sequence[_Facts], lang: str, ctx: RuleContext
             ) -> Iterator[tuple[Clause, Clause, _Prohibition]]:
    """Each pair of clauses (in document order) where one forbids what the other asserts
    (``facts``: each clause's kept facts, by its position)."""
    reported: set[tuple[int, int]] = set()
    for n, clause in enumerate(clauses):
        here = facts[n]
        if not here.words.prohibitions:
            continue  # NOTE: ``_prohibitions`` yields nothing (most clauses)
        for ban in _bans(here, clause.text, lang, ctx):
            for m, other in enumerate(clauses):
                if other is clause:
                    continue
                # NOTE: one substring search per clause decides most pairs (issue 19): the
                # clause has no word with the stem of the forbidden action.
                there = facts[m]
                text = there.joined
                if text is None:
                    text = there.joined = _loose(there, other.text, lang, ctx)
                if not _may_assert(text, ban):
                    continue
                key = (min(clause.first_block, other.first_block),
                       max(clause.first_block, other.first_block))
                if key in reported or not _asserts(_seq(there, other.text, lang, ctx), ban,
                                                   there.words):
                    continue
                reported.add(key)
                first, second = sorted((clause, other), key=lambda c: c.first_block)
                yield first, second, ban


_PRESENT_LIMIT = 256  # NOTE: distinct sets of first lemmas kept per language (a few dozen seen)
_TEXTS_LIMIT = 4096  # NOTE: clause texts whose facts are kept (see ``_Facts``)

_Stated = tuple[tuple[str, str] | None, tuple[int, str] | None, str | None]


@record(slots=True, frozen=False)
class _Facts:
    """What the rule reads of one clause text, a function of the text given ``_texts_key``
    and the rule's data (issue 19: a batch repeats its template clauses, so each text is
    looked at once, not once per document): the phrase lists it may hold (``_present``), its
    lemmas when they were needed, and, each made when first asked for, the string
    ``_may_assert`` reads, what it forbids, and its waiver, probation and working hours."""

    words: _Words
    seq: list[str] | None
    listed: bool  # NOTE: a waiver, probation or working-hours phrase may fit (few clauses)
    joined: str | None = None
    bans: tuple[_Prohibition, ...] | None = None
    stated: _Stated | None = None


def _texts_key(lang: str) -> tuple[str, str, str, int]:
    """The key of the rule's kept ``_Facts``: a function of a clause's text given the
    language, the tokenizer backend and the lemmatizer's override table (the only part of the
    lemmatizer that changes in a process: ``self_mentions.record_key`` keys by it too); the
    table is kept with the facts, so its ``id`` cannot be taken by another one. The word lists
    come from the rule's data, which ``compiled`` is keyed by."""
    return ("texts", lang, _tokenizer(), id(_overrides(lang)))


def _facts(clauses: Sequence[Clause], lang: str, ctx: RuleContext, w: _Words) -> list[_Facts]:
    """Each clause's ``_Facts``, kept per text across documents (bounded by emptying)."""
    kept: dict[str, _Facts] = ctx.compiled(_texts_key(lang), lambda: (_overrides(lang), {}))[1]
    texts = [c.text for c in clauses]
    # NOTE: looked up in C; only the texts not kept yet are visited in Python
    out: list[_Facts | None] = list(map(kept.get, texts))
    for n, found in enumerate(out):
        if found is None:
            if len(kept) >= _TEXTS_LIMIT:
                kept.clear()
            out[n] = kept[texts[n]] = _new_facts(texts[n], lang, ctx, w)
    return out  # type: ignore[return-value]  # NOTE: no None is left


def _new_facts(text: str, lang: str, ctx: RuleContext, w: _Words) -> _Facts:
    firsts = ctx.compiled(("firsts", lang), lambda: _firsts(w))
    # NOTE: ``_present`` depends only on the rule's word lists and on which first lemmas a
    # clause holds; most clauses hold the same few (or none), so each distinct set is filtered
    # once per process (bounded; it was ~15 ``dataclasses.replace`` a document, issue 19).
    present: dict[frozenset[str], _Words] = ctx.compiled(("present", lang), dict)
    # NOTE: the lemma list is made only when one of the phrase lists' first lemmas may be in
    # it (issue 19: most clauses hold none), or later when ``_asserts`` reads it.
    seq = _text_lemmas(text, lang, ctx) if _may_hold(ctx.nlp.tokens(text, lang), firsts) \
        else None
    have = firsts.intersection(seq) if seq is not None else frozenset()
    found = present.get(have)
    if found is None:
        if len(present) >= _PRESENT_LIMIT:
            present.clear()
        found = present[have] = _present(w, seq or [])
    return _Facts(found, seq, bool(found.waivers or found.probation or found.hours))


def _seq(facts: _Facts, text: str, lang: str, ctx: RuleContext) -> list[str]:
    seq = facts.seq
    if seq is None:
        seq = facts.seq = _text_lemmas(text, lang, ctx)
    return seq


def _loose(facts: _Facts, text: str, lang: str, ctx: RuleContext) -> str:
    """The string ``_may_assert`` reads: the lemmas' when known, else the loose superset."""
    seq = facts.seq
    return _joined(seq) if seq is not None else _loose_joined(ctx.nlp.tokens(text, lang))


def _bans(facts: _Facts, text: str, lang: str, ctx: RuleContext) -> tuple[_Prohibition, ...]:
    bans = facts.bans
    if bans is None:
        bans = facts.bans = tuple(_prohibitions(_seq(facts, text, lang, ctx),
                                                _written(text, lang, ctx), facts.words))
    return bans


def _stated(facts: _Facts, text: str, lang: str, ctx: RuleContext) -> _Stated:
    """The clause's waived experience requirement, probation and working hours."""
    stated = facts.stated
    if stated is None:
        words = facts.words
        seq = _seq(facts, text, lang, ctx)
        written = _written(text, lang, ctx)
        stated = facts.stated = (
            _waived(seq, written, words) if words.waivers else None,
            _duration(seq, written, words) if words.probation else None,
            _hours(text, seq, words))
    return stated


@implements("JD303")
def contradictory_clauses(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report pairs of clauses of one instruction that contradict each other."""
    lang = doc.language or "ru"
    # NOTE: the word lists depend on the rule's YAML only: lemmatised once per process.
    w = ctx.compiled(("words", lang), lambda: _load(ctx.data, lang))
    noise = doc.noise
    # NOTE: most documents have no noise: nothing to drop
    clauses = [c for c in doc.clauses() if not all(b in noise for b in c.blocks)] \
        if noise else list(doc.clauses())
    facts = _facts(clauses, lang, ctx, w)
    for first, second, ban in _clashes(clauses, facts, lang, ctx):
        yield from _pair(ctx, first, second, "prohibition", ban.words, ban.words)
    # NOTE: the clauses a waiver, probation or working-hours phrase fits, in document order:
    # ``_waived``, ``_duration`` and ``_hours`` find nothing with empty lists (most clauses).
    stated = [(c, _stated(f, c.text, lang, ctx)) for c, f in zip(clauses, facts, strict=True)
              if f.listed]
    for c, said in stated:
        waived = said[0]
        if waived is not None:
            texts_: Mapping[str, Any] = ctx.texts
            yield ctx.report(c, other=ctx.localized(texts_["itself"]),
                             detail=ctx.localized(texts_["waived"]).format(
                                 this=waived[0], that=waived[1]),
                             data={"kind": "waived", "other": c.path or None,
                                   "clauses": [{"clause": c.path or None, "text": c.text}]})
    values: dict[str, list[tuple[Clause, tuple[object, str]]]] = {"probation": [], "hours": []}
    for c, (_, days, hours) in stated:
        if days is not None:
            values["probation"].append((c, days))
        if hours is not None:
            values["hours"].append((c, (hours, hours)))
    for kind, found in values.items():
        # NOTE: each statement is compared with the next one, so three different values give
        # two pairs, not three.
        for (a, (va, sa)), (b, (vb, sb)) in pairwise(found):
            if va != vb:
                yield from _pair(ctx, a, b, kind, sa, sb)
