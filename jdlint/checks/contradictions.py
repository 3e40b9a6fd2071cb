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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from jdlint import nlp
from jdlint.core.model import Clause, Document, Finding
from jdlint.core.records import record
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_TIME_RANGE = re.compile(
    r"(\d{1,2})[:.](\d{2})\s*(?:ч\.?\s*)?(?:до|–|-|—|iki)\s*(\d{1,2})[:.](\d{2})")
_NUMBER = re.compile(r"^\d+$")
_STOP = frozenset(";.:!?")
_SEP = "\x00"


@record(slots=True)
class _Words:
    prohibitions: tuple[tuple[str, ...], ...]
    qualifiers: frozenset[str]
    permissions: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    probation: tuple[tuple[str, ...], ...]
    hours: tuple[tuple[str, ...], ...]
    hours_skip: frozenset[str]
    numbers: Mapping[str, int]
    units: Mapping[str, int]
    experience: tuple[tuple[str, ...], ...] = ()
    experience_units: frozenset[str] = frozenset()
    waivers: tuple[tuple[str, ...], ...] = ()
    routes: frozenset[str] = frozenset()


def _load(options: Mapping[str, Any], lang: str) -> _Words:
    data: Mapping[str, Any] = options["words"][lang]

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(nlp.lemmas(p, lang) for p in data[key])

    def lemma_set(key: str) -> frozenset[str]:
        return frozenset(lem for p in data[key] for lem in nlp.lemmas(p, lang))

    return _Words(
        prohibitions=phrases("prohibitions"), qualifiers=lemma_set("qualifiers"),
        permissions=phrases("permissions"), stopwords=lemma_set("stopwords"),
        probation=phrases("probation"), hours=phrases("hours"),
        hours_skip=lemma_set("hours_skip"),
        numbers={nlp.lemma(k, lang): int(v) for k, v in data["numbers"].items()},
        units={nlp.lemma(k, lang): int(v) for k, v in data["units"].items()},
        experience=phrases("experience"), experience_units=lemma_set("experience_units"),
        waivers=phrases("waivers"), routes=lemma_set("routes"),
    )


def _present(w: _Words, seq: list[str]) -> _Words:
    """``w`` keeping, of each phrase list, the phrases whose first lemma occurs in ``seq``:
    ``_find`` cannot match another one in ``seq`` or in any part of it (its routes), so every
    answer is the same, with a fraction of the ~3,000 ``_find`` calls per document."""
    have = set(seq)

    def keep(phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        return tuple(p for p in phrases if not p or p[0] in have)

    return replace(w, prohibitions=keep(w.prohibitions), permissions=keep(w.permissions),
                   probation=keep(w.probation), hours=keep(w.hours),
                   experience=keep(w.experience), waivers=keep(w.waivers))


def _firsts(w: _Words) -> frozenset[str]:
    """The first lemmas of the phrase lists ``_present`` filters."""
    return frozenset(p[0] for phrases in (w.prohibitions, w.permissions, w.probation, w.hours,
                                          w.experience, w.waivers) for p in phrases if p)


def _lemmas(clause: Clause, lang: str, ctx: RuleContext) -> list[str]:
    """Lemmas of the clause's words, numbers and punctuation (clause boundaries matter)."""
    tokens = ctx.nlp.tokens(clause.text, lang)
    return [t.lemma if t.is_word or _NUMBER.match(t.lemma) else t.text for t in tokens]


def _written(clause: Clause, lang: str, ctx: RuleContext) -> list[str]:
    """The clause's tokens as written (asked for by the few clauses a phrase list fits)."""
    return [t.text for t in ctx.nlp.tokens(clause.text, lang)]


def _find(seq: Sequence[str], phrase: Sequence[str], start: int = 0) -> int:
    n = len(phrase)
    last = len(seq) - n
    if n == 0:
        return start if start <= last else -1
    # NOTE: jump to each occurrence of the first word (a C scan) instead of comparing a slice
    # at every position.
    want = list(phrase)
    first = want[0]
    items = seq if isinstance(seq, list) else list(seq)
    i = start
    while i <= last:
        try:
            i = items.index(first, i, last + 1)
        except ValueError:
            return -1
        if items[i:i + n] == want:
            return i
        i += 1
    return -1


@record(slots=True)
class _Prohibition:
    clause: Clause
    action: str
    objects: tuple[str, ...]
    qualified: bool
    words: str


def _stem(lemma: str) -> str:
    return lemma[:5]


def _prohibitions(clause: Clause, seq: list[str], texts: list[str], w: _Words
                  ) -> Iterator[_Prohibition]:
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
        yield _Prohibition(clause, content[0], tuple(_stem(c) for c in content[1:4]),
                           qualified, _join(shown[:8]))


def _join(words: Sequence[str]) -> str:
    return re.sub(r"\s+([,;)])", r"\1", " ".join(words)).strip(" ,")


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


def _hours(clause: Clause, seq: Sequence[str], w: _Words) -> str | None:
    if not w.hours:
        return None  # NOTE: most clauses; the test below would say the same after a scan
    # NOTE: all three tests must pass and none has a side effect: the time of day, one C
    # scan that most clauses fail, goes first ("рабочий" is in many clauses; issue 19).
    found = _TIME_RANGE.search(clause.text)
    if not found:
        return None
    if not any(_find(seq, p) >= 0 for p in w.hours) or any(s in w.hours_skip for s in seq):
        return None
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    return f"{h1:02d}:{m1:02d}–{h2:02d}:{m2:02d}"


def _routes(seq: list[str], texts: list[str], w: _Words
            ) -> Iterator[tuple[list[str], list[str]]]:
    """The clause cut into its alternative routes to the post ("… или …", "…; …")."""
    start = 0
    for i, lem in enumerate([*seq, ";"]):
        if lem in w.routes or lem == ";":
            yield seq[start:i], texts[start:i]
            start = i + 1


def _required(seq: list[str], texts: list[str], w: _Words, skip: range) -> str | None:
    """The wording of an experience requirement with a length: "стаж не менее 2 лет", or
    the length first, "ne mažesnė kaip 2 metų darbo patirtis"."""
    for phrase in w.experience:
        at = _find(seq, phrase)
        while at >= 0:
            if at not in skip:
                end = at + len(phrase)
                for i in range(max(0, at - 6), min(len(seq), end + 8) - 1):
                    if i in skip or not (_NUMBER.match(seq[i]) or seq[i] in w.numbers):
                        continue
                    unit = next((j for j in range(i + 1, min(len(seq), i + 4))
                                 if seq[j] in w.experience_units), None)
                    if unit is not None and unit not in skip:
                        shown = _join(texts[min(at, i):max(end, unit + 1)])
                        return re.sub(r"(\d)\s*-\s*(\w)", r"\1-\2", shown)
            at = _find(seq, phrase, at + 1)
    return None


def _waived(clause: Clause, seq: list[str], texts: list[str], w: _Words
            ) -> tuple[str, str] | None:
    """An experience requirement and its waiver within one route of one clause."""
    if not w.waivers:
        return None  # NOTE: most clauses: no route can hold a waiver (issue 19)
    for route, shown in _routes(seq, texts, w):
        for phrase in w.waivers:
            at = _find(route, phrase)
            if at < 0:
                continue
            required = _required(route, shown, w, range(at, at + len(phrase)))
            if required:
                return required, _join(shown[at:at + len(phrase)])
    return None


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


def _clashes(clauses: Sequence[Clause], seqs: Mapping[int, list[str]],
             words: Mapping[int, _Words], texts: Callable[[Clause], list[str]]
             ) -> Iterator[tuple[Clause, Clause, _Prohibition]]:
    """Each pair of clauses (in document order) where one forbids what the other asserts."""
    reported: set[tuple[int, int]] = set()
    joined: dict[int, str] = {}
    for clause in clauses:
        if not words[id(clause)].prohibitions:
            continue  # NOTE: ``_prohibitions`` yields nothing (most clauses)
        for ban in _prohibitions(clause, seqs[id(clause)], texts(clause), words[id(clause)]):
            for other in clauses:
                if other is clause:
                    continue
                # NOTE: one substring search per clause decides most pairs (issue 19): the
                # clause has no word with the stem of the forbidden action.
                text = joined.get(id(other))
                if text is None:
                    text = joined[id(other)] = _joined(seqs[id(other)])
                if not _may_assert(text, ban):
                    continue
                key = (min(clause.first_block, other.first_block),
                       max(clause.first_block, other.first_block))
                if key in reported or not _asserts(seqs[id(other)], ban, words[id(other)]):
                    continue
                reported.add(key)
                first, second = sorted((clause, other), key=lambda c: c.first_block)
                yield first, second, ban


@implements("JD303")
def contradictory_clauses(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report pairs of clauses of one instruction that contradict each other."""
    lang = doc.language or "ru"
    # NOTE: the word lists depend on the rule's YAML only: lemmatised once per process.
    w = ctx.compiled(("words", lang), lambda: _load(ctx.data, lang))
    clauses = [c for c in doc.clauses() if not all(b in doc.noise for b in c.blocks)]
    firsts = ctx.compiled(("firsts", lang), lambda: _firsts(w))
    seqs: dict[int, list[str]] = {}
    written: dict[int, list[str]] = {}

    def texts(c: Clause) -> list[str]:
        found = written.get(id(c))
        if found is None:
            found = written[id(c)] = _written(c, lang, ctx)
        return found

    words: dict[int, _Words] = {}
    # NOTE: ``_present`` depends only on which first lemmas a clause holds; most clauses hold
    # the same few (or none), so each distinct set is filtered once per document (issue 19).
    present: dict[frozenset[str], _Words] = {}
    for c in clauses:
        seqs[id(c)] = _lemmas(c, lang, ctx)
        have = firsts.intersection(seqs[id(c)])
        found = present.get(have)
        if found is None:
            found = present[have] = _present(w, seqs[id(c)])
        words[id(c)] = found
    for first, second, ban in _clashes(clauses, seqs, words, texts):
        yield from _pair(ctx, first, second, "prohibition", ban.words, ban.words)
    # NOTE: the written tokens are asked for only by the clauses a phrase list fits
    # (``_waived`` and ``_duration`` find nothing with an empty list).
    for c in clauses:
        if not words[id(c)].waivers:
            continue
        waived = _waived(c, seqs[id(c)], texts(c), words[id(c)])
        if waived is not None:
            texts_: Mapping[str, Any] = ctx.texts
            yield ctx.report(c, other=ctx.localized(texts_["itself"]),
                             detail=ctx.localized(texts_["waived"]).format(
                                 this=waived[0], that=waived[1]),
                             data={"kind": "waived", "other": c.path or None,
                                   "clauses": [{"clause": c.path or None, "text": c.text}]})
    values: dict[str, list[tuple[Clause, tuple[object, str]]]] = {"probation": [], "hours": []}
    for c in clauses:
        days = _duration(seqs[id(c)], texts(c), words[id(c)]) if words[id(c)].probation \
            else None
        if days is not None:
            values["probation"].append((c, days))
        hours = _hours(c, seqs[id(c)], words[id(c)])
        if hours is not None:
            values["hours"].append((c, (hours, hours)))
    for kind, stated in values.items():
        # NOTE: each statement is compared with the next one, so three different values give
        # two pairs, not three.
        for (a, (va, sa)), (b, (vb, sb)) in pairwise(stated):
            if va != vb:
                yield from _pair(ctx, a, b, kind, sa, sb)
