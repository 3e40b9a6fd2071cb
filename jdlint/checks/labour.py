"""Labour-law checks (JD2xx) that data alone cannot express.

The phrases, lawful contexts, messages and legal bases live in ``rules/JD2xx.yaml``; the
phrase machinery (lemmas, negation, quotation, scope) is ``jdlint.checklib.matching``; the
jurisdiction decision is ``jdlint.checklib.jurisdiction``. What is here:

* JD201: fines, and pay or bonus cuts used as punishment, with the version logic of ТК РФ
  ст. 135 ч. 3 (as amended by Federal Law of 07.06.2025 No 144-FZ, in force 2025-09-01): a
  bonus cut tied to a disciplinary sanction is limited to the sanction's period and to 20 % of
  monthly pay, so "лишение премии в полном объеме на три месяца" is an error from that date;
  before it, the finding cites ст. 192 and the Constitutional Court ruling 32-П instead;
* JD203: limits of an employee's liability: lost profit and "in full" in Russia (ТК 238, 241),
  the DK 153 caps of 3 / 6 average wages and the DK 154 closed list in Lithuania, explicit
  multiples of average earnings above the cap;
* JD204: sanctions outside the closed list, at info level in civil-service regulations;
* JD205: another country's law in an instruction, a mix of two, or the assumed jurisdiction of
  a Russian-language instruction under Belarusian or Kazakh law;
* JD211: discriminatory requirements, with age bounds read as numbers.

Every finding says which jurisdiction was assumed and why (``{jurisdiction}``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from jdlint.checklib import jurisdiction as jur
from jdlint.checklib.age import age_bounds
from jdlint.checklib.matching import (
    Hit,
    candidate_blocks,
    find,
    in_force,
    report,
    spec_of,
    where,
)
from jdlint.checklib.phrase_context import matcher, sentences
from jdlint.core.deferred import Deferred
from jdlint.core.model import Clause, Document, Finding, SectionKind, Severity, Source
from jdlint.nlp.matcher import PhraseMatcher
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

ART_135_3_FROM: Final = date(2025, 9, 1)

def _group(ctx: RuleContext, name: str, lang: str) -> PhraseMatcher | None:
    """A named phrase group from the rule's options ({name: {ru: [...], lt: [...]}})."""
    phrases = (ctx.phrases.get(name) or {}).get(lang)
    if not phrases:
        return None
    return ctx.compiled(("group", name, lang), lambda: matcher(phrases, lang))


def _has(ctx: RuleContext, name: str, lang: str, texts: Sequence[str]) -> bool:
    m = _group(ctx, name, lang)
    return m is not None and any(m.find(t) for t in texts)


def _text(ctx: RuleContext, key: str, code: str) -> str:
    """A localized message part from ``options.texts[key][jurisdiction]``."""
    entry: Mapping[str, Any] = ctx.texts[key]
    value = entry.get(code) or next(iter(entry.values()))
    return ctx.localized(value)


def _key(hit: Hit) -> object:
    return (hit.clause.path, hit.clause.first_block) if hit.clause else ("block", hit.block)


# ----------------------------------------------------------------------------------- JD201
@implements("JD201")
def fine_or_pay_sanction(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Fines, and pay or bonus cuts written as punishment."""
    sub, jtext = in_force(ctx, doc)
    if sub is None or doc.language is None:
        return
    ctx, lang, code = sub, doc.language, jur.detect(doc, ctx).code
    data = {"jurisdiction": code}
    seen: set[object] = set()
    for hit in find(doc, ctx):
        seen.add(_key(hit))
        yield report(ctx, hit, what=_text(ctx, "fine", code), law=_text(ctx, "law_fine", code),
                     jurisdiction=jtext, data={**data, "kind": "fine"})
    cut = _group(ctx, "pay_cut", lang)
    if cut is None:
        return
    new_law = ctx.today >= ART_135_3_FROM
    for hit in find(doc, ctx, patterns=cut, scope=()):
        if _key(hit) in seen:
            continue
        clause_texts = [doc.raw.blocks[i].text for i in (hit.clause.blocks if hit.clause
                                                         else (hit.block,))]
        sanction = _has(ctx, "sanction_link", lang, [hit.sentence])
        section = doc.section_of_block(hit.block)
        if not sanction and (section is None or section.kind is not SectionKind.RESPONSIBILITY):
            continue  # NOTE: bonus rules outside the liability section are pay terms
        excess = _has(ctx, "beyond_cap", lang, [hit.sentence])
        if _has(ctx, "pay_system", lang, clause_texts) and not sanction and not excess:
            continue  # NOTE: "условия премирования определяются Положением о премировании"
        seen.add(_key(hit))
        if code == "ru" and sanction and excess:
            kind = "cut_excess_new" if new_law else "cut_excess_old"
            severity = Severity.ERROR
        elif sanction:
            kind, severity = "cut_sanction", Severity.WARNING
        else:
            kind, severity = "cut_liability", Severity.WARNING
        law_key = "law_cut_new" if (code == "ru" and new_law) else "law_cut_old"
        yield report(ctx, hit, severity=severity, what=_text(ctx, kind, code),
                     law=_text(ctx, law_key, code), jurisdiction=jtext,
                     data={**data, "kind": kind, "law_version":
                           "ТК РФ 135-3 (144-ФЗ)" if code == "ru" and new_law else "before",
                           "checked_on": ctx.today.isoformat()})


# ----------------------------------------------------------------------------------- JD202
# (kind: phrase — rules/JD202.yaml)

# ----------------------------------------------------------------------------------- JD203
_NUM_WORDS: Final = {
    "ru": {"одного": 1, "одн": 1, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4,
           "пяти": 5, "шести": 6, "двенадцати": 12},
    "lt": {"vieno": 1, "dviejų": 2, "trijų": 3, "keturių": 4, "penkių": 5, "šešių": 6,
           "septynių": 7, "aštuonių": 8, "dešimties": 10, "dvylikos": 12},
}
_MULTIPLE: Final = {
    "ru": re.compile(r"\b(\d+|[а-яё]+)[- ]?(?:кратн\w+\s+)?(?:размер\w*\s+)?(?:средн\w+\s+)"
                     r"(?:месячн\w+\s+)?(?:заработ\w+|зарплат\w*)", re.IGNORECASE),
    "lt": re.compile(r"\b(\d+|[a-ząčęėįšųūž]+)\s+(?:jo\s+)?vidutini\w+\s+(?:mėnesio\s+)?"
                     r"(?:darbo\s+užmokesč\w+|atlyginim\w+)", re.IGNORECASE),
}
# NOTE: compiled on first use: only a Lithuanian liability multiple asks (issue 19)
_GROSS_NEGLIGENCE: Final = Deferred(r"didel\w+\s+neatsargum\w+", re.IGNORECASE)


# NOTE: a substring the lower-cased text holds wherever ``_MULTIPLE`` matches ("зар…" of
# "заработ…" / "зарплат…"; "užmo…" / "atlyg…"): the pattern backtracks over every word of a
# block (issue 19), ``in`` does not. Exact: ``re.I`` matches those letters in their two cases
# only, which ``str.lower`` maps to the small letter (tests/test_perf_rules4.py).
_MULTIPLE_HINTS: Final = {"ru": ("зар",), "lt": ("užmo", "atlyg")}


def _multiple(lang: str, text: str) -> tuple[int, int, int] | None:
    """(multiple, start, end) of "в размере трех средних месячных заработков" in ``text``."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _MULTIPLE_HINTS[lang]):
        return None
    m = _MULTIPLE[lang].search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    n = int(word) if word.isdigit() else _NUM_WORDS[lang].get(word)
    return (n, m.start(), m.end()) if n else None


@implements("JD203")
def liability_beyond_limit(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Lost profit (RU), "in full" without a full-liability ground, caps above the statute."""
    sub, jtext = in_force(ctx, doc)
    if sub is None or doc.language is None:
        return
    ctx, lang, code = sub, doc.language, jur.detect(doc, ctx).code
    seen: set[object] = set()
    groups: list[tuple[str, PhraseMatcher | None]] = [
        ("lost_profit", _group(ctx, "lost_profit", lang)),
        ("full", spec_of(ctx).patterns.get(lang)),
        ("unilateral", _group(ctx, "unilateral", lang)),
        ("others_debts", _group(ctx, "others_debts", lang)),
    ]
    for kind, group in groups:
        if group is None:
            continue
        for hit in find(doc, ctx, patterns=group):
            if _key(hit) in seen:
                continue
            seen.add(_key(hit))
            yield report(ctx, hit, what=_text(ctx, kind, code), jurisdiction=jtext,
                         data={"jurisdiction": code, "kind": kind})
    # NOTE: explicit multiples of average earnings: RU cap 1 (ст. 241) unless ст. 243; LT
    # cap 3, or 6 for gross negligence (DK 153), unless a DK 154 case.
    spec = spec_of(ctx)
    for section in doc.sections:
        if section.kind is not SectionKind.RESPONSIBILITY:
            continue
        for clause in section.all_clauses():
            if (clause.path, clause.first_block) in seen:
                continue
            for index in clause.blocks:
                if index in doc.noise:
                    continue
                text = doc.raw.blocks[index].text
                found = _multiple(lang, text)
                if found is None:
                    continue
                n, start, end = found
                cap = 1 if lang == "ru" else (6 if _GROSS_NEGLIGENCE.search(text) else 3)
                lawful = spec.contexts.get("sentence", {}).get(lang)
                if n <= cap or (lawful is not None and lawful.find(text)):
                    continue
                seen.add((clause.path, clause.first_block))
                hit = Hit(index, start, end, text[start:end], "multiple", text, clause)
                yield report(ctx, hit, what=_text(ctx, "multiple", code), jurisdiction=jtext,
                             data={"jurisdiction": code, "kind": "multiple", "multiple": n,
                                   "cap": cap})
                break


# ----------------------------------------------------------------------------------- JD204
@implements("JD204")
def sanction_outside_closed_list(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Demotion, transfer, "строгий выговор", "лишение отпуска" as sanctions."""
    sub, jtext = in_force(ctx, doc)
    if sub is None or doc.language is None:
        return
    ctx, lang = sub, doc.language
    regime = _group(ctx, "special_regime", lang)
    # NOTE: only the blocks holding every lemma of one of the regime's phrases can match: the
    # others are not prepared for the matcher (issue 19: every block of the span was).
    keep = candidate_blocks(doc, ctx, regime) if regime is not None else set()
    blocks = doc.raw.blocks
    special = regime is not None and any(
        regime.find(blocks[i].text) for i in doc.span
        if i in keep and i not in doc.noise and i < len(blocks))
    for hit in find(doc, ctx):
        yield report(ctx, hit, severity=Severity.INFO if special else None,
                     jurisdiction=jtext, regime=_text(ctx, "special" if special else "general",
                                                      "ru"),
                     data={"jurisdiction": jur.detect(doc, ctx).code, "special_regime": special})


# ----------------------------------------------------------------------------------- JD205
@implements("JD205")
def foreign_jurisdiction(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Another country's law cited, two jurisdictions mixed, or a non-RU/LT jurisdiction."""
    decided = jur.detect(doc, ctx)
    lang = doc.language or "ru"
    labels = where(doc)
    out = ctx.lang if ctx.lang in ("ru", "lt", "en") else "en"
    jtext = jur.describe(decided, ctx.lang, labels)
    data: dict[str, object] = {"jurisdiction": decided.code, "counts": decided.counts}
    if decided.foreign:
        first = decided.foreign[0]
        countries = list(dict.fromkeys(c.country for c in decided.foreign))
        names = ", ".join(jur.COUNTRY[c][out] for c in countries)
        kind = "foreign_lt" if lang == "lt" else "mix"
        severity = Severity.ERROR if lang == "lt" else Severity.WARNING
        sub = ctx.under_law(decided.code)
        cited = replace(doc.raw.blocks[first.block].source, start=first.start, end=first.end)
        at: Clause | Source = cited
        related = [doc.raw.blocks[c.block].source for c in decided.foreign[1:]]
        excerpt = None
        # NOTE: a citation in an unnumbered bullet ("- Трудовым кодексом Республики Беларусь;"
        # under 1.6) is reported at the numbered clause the bullet belongs to, as a lawyer
        # cites it; the bullet's line is kept in ``related`` and in the excerpt.
        parent = _numbered_parent(doc, first.block)
        if parent is not None:
            related.insert(0, cited)
            at, excerpt = parent, doc.raw.blocks[first.block].raw
        places = ", ".join(dict.fromkeys(labels.get(c.block, ctx.where(
            doc.raw.blocks[c.block].source)) for c in decided.foreign))
        yield sub.report(at, match=None if excerpt else first.text, excerpt=excerpt,
                         severity=severity, related=related,
                         what=_text(ctx, kind, decided.code).format(
                             foreign=names, places=places),
                         jurisdiction=jtext, data={**data, "foreign": countries})
    elif not decided.home and ctx.data.get("report_assumed", True):
        sub = ctx.under_law(decided.code)
        # NOTE: the note is about the whole instruction, not a defect of a clause: it is
        # reported at the instruction's first line. Pointing at the clause that cites the law
        # ("руководствуется Конституцией Республики Казахстан") made a lawful list of acts look
        # faulty; the message still names where the law is cited.
        yield sub.report(_first_block(doc), match=None,
                         severity=Severity.INFO,
                         what=_text(ctx, "assumed", decided.code).format(
                             foreign=jur.COUNTRY[decided.code][out], places=""),
                         jurisdiction=jtext, data=data)


def _numbered_parent(doc: Document, block: int) -> Clause | None:
    """The numbered clause whose unnumbered bullet holds ``block`` (None if not a bullet)."""
    def visit(clause: Clause, parent: Clause | None) -> Clause | None:
        if block in clause.blocks:
            return parent if not clause.number and parent is not None else None
        for child in clause.children:
            found = visit(child, clause if clause.number else parent)
            if found is not None or block in child.blocks:
                return found
        return None

    for section in doc.sections:
        for clause in section.clauses:
            found = visit(clause, None)
            if found is not None:
                return found
    return None


def _first_block(doc: Document) -> int:
    for i in doc.span:
        if i < len(doc.raw.blocks) and i not in doc.noise and doc.raw.blocks[i].text.strip():
            return i
    return doc.span.start


# ----------------------------------------------------------------------------------- JD211
@implements("JD211")
def discriminatory_requirement(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Sex, age, appearance, marital status as requirements for the position."""
    sub, jtext = in_force(ctx, doc)
    if sub is None or doc.language is None:
        return
    ctx, lang, code = sub, doc.language, jur.detect(doc, ctx).code
    spec = spec_of(ctx)
    by_clause: dict[object, tuple[Hit, list[str]]] = {}
    for ground in ("sex", "appearance", "marital"):
        group = _group(ctx, ground, lang)
        if group is None:
            continue
        for hit in find(doc, ctx, patterns=group):
            entry = by_clause.setdefault(_key(hit), (hit, []))
            entry[1].append(ground)
    clause_of = ctx.clause_at
    for index in [i for s in doc.sections if s.kind in spec.scope for i in s.blocks]:
        if index in doc.noise or index >= len(doc.raw.blocks):
            continue
        text = doc.raw.blocks[index].text
        found = age_bounds(lang, text)
        if found is None:
            continue
        clause = clause_of(index)
        hit = Hit(index, found[0], found[1], text[found[0]:found[1]], "age", text, clause)
        entry = by_clause.setdefault(_key(hit), (hit, []))
        entry[1].append("age")
    for hit, grounds in sorted(by_clause.values(), key=lambda e: (e[0].block, e[0].start)):
        names = ", ".join(ctx.localized(ctx.texts["grounds"][g])
                          for g in dict.fromkeys(grounds))
        yield report(ctx, hit, grounds=names, jurisdiction=jtext,
                     excerpt=_sentence_of(doc, hit, lang),
                     data={"jurisdiction": code, "grounds": list(dict.fromkeys(grounds))})


def _sentence_of(doc: Document, hit: Hit, lang: str) -> str:
    """The sentence holding the requirement: a requirements clause also lists lawful ones
    (education, experience, skills), and the excerpt must show which one is meant."""
    text = doc.raw.blocks[hit.block].text
    for start, end in sentences(text, lang):
        if start <= hit.start < end:
            return text[start:end].strip()
    return text.strip()
