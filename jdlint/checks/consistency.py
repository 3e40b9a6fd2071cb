"""Consistency inside one instruction: the position's name (JD107), whom the employee reports
to (JD108) and the employer's name (JD110).

All three compare *noun phrases* by lemmas, so grammatical forms never count as differences
("менеджера по работе с ключевыми клиентами" = "Менеджер по работе с ключевыми клиентами";
"vadybininko" = "vadybininkas"). Word lists (which nouns are job titles, which verbs make the
position the subject, which words name an organisational unit …) are data in the rules' YAML
options; this module holds only the grammar:

* a job-title phrase is built around a head noun from ``heads``. Russian puts adjectives before
  the head and genitive / "по …" complements after it ("системный администратор",
  "диспетчер контактного центра", "менеджер по работе с клиентами"), found with pymorphy3's
  part-of-speech tags; Lithuanian puts the genitive modifiers before the head ("Pagrindinės
  paskyros vadybininkas"), found by position;
* JD107 reads the phrases that must name the position itself: the subject of a clause
  ("X должен знать", "X yra pavaldus"), the owner of duties or rights ("права X",
  "X teisės", "на должность X") and section headings; a phrase is the same title when its head
  is the title's head and its other words are among the title's words (a short form is fine);
  department words and abbreviations ("отдела ОМА") are not part of the comparison;
* JD108 reads subordination statements ("подчиняется …", "в подчинении …", "pavaldus …") and,
  as weaker evidence, whose orders the employee must carry out ("невыполнение распоряжений X");
  alternatives inside one statement ("начальнику отдела продаж (коммерческому директору)") are
  one statement, and top management ("генеральный директор", "tiesioginis vadovas") never
  conflicts with a direct manager;
* JD110 reads organisation names (a legal form with a quoted name, "ООО «Альфа»",
  "«УП Квант-АС»", "UAB „Kodo fabrikas“"), takes the employer from the approval block and the
  heading, and tells a spelling variant of the employer's name (same letters once case, spaces,
  hyphens and quotes are ignored, or nearly the same: info) from another company (warning).
  Counterparties named in a sentence about contracts, clients or suppliers are not reported.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdlint import nlp
from jdlint.doctext import shared_nlp
from jdlint.model import Clause, Document, Finding, Section, Severity
from jdlint.nlp import Token
from jdlint.registry import implements
from jdlint.text import fold

if TYPE_CHECKING:
    from jdlint.engine import RuleContext

_STOPS = frozenset(".;:!?…")
_OPEN = frozenset("(«\"„“[")
_ROMAN = re.compile(r"^[IVX]{1,4}$")
_ABBREV = re.compile(r"^[A-ZА-ЯЁ0-9]{2,}$")
# NOTE: pymorphy3 lemmatises the participle-nouns to their verbs ("заведующему" → "заведовать").
_ABLT_HEADS = frozenset({"заведующий", "управляющий", "заведовать", "управлять"})


# ---------------------------------------------------------------------------- word lists

@dataclass(frozen=True, slots=True)
class _Words:
    """A rule's word lists for one language, each word reduced to its lemma."""

    heads: frozenset[str]
    managers: frozenset[str]
    generic: frozenset[str]
    units: frozenset[str]
    fillers: frozenset[str]
    predicates: frozenset[str]
    owners: frozenset[str]
    top: frozenset[str]


def _lemma_set(words: Iterable[str], lang: str) -> frozenset[str]:
    out: set[str] = set()
    for word in words:
        for part in str(word).split():
            out.add(nlp.lemma(part, lang))
    return frozenset(out)


@lru_cache(maxsize=16)
def _compile_words(lang: str, items: tuple[tuple[str, tuple[str, ...]], ...]) -> _Words:
    data = dict(items)
    return _Words(**{key: _lemma_set(data.get(key, ()), lang) for key in _Words.__slots__})


@lru_cache(maxsize=64)
def _stem_filter(words: tuple[str, ...], lemmas: frozenset[str]) -> re.Pattern[str]:
    """A cheap test that a text may hold one of ``words``: their first five letters (and their
    lemmas'), so that blocks without any of them are never tokenised."""
    stems = {fold(w)[:5] for w in words} | {w[:5] for w in lemmas}
    for w in list(stems):
        stems.update(part[:5] for part in w.split("-") if part)
    return re.compile("|".join(sorted(map(re.escape, stems), key=len, reverse=True)))


def _words(options: Mapping[str, Any], lang: str) -> _Words:
    table: Mapping[str, Any] = options.get("words", {}).get(lang, {})
    items = tuple(sorted((k, tuple(v)) for k, v in table.items()))
    return _compile_words(lang, items)


# ---------------------------------------------------------------------------- tokens

@lru_cache(maxsize=1 << 14)
def _ru_tags(word: str) -> tuple[str, frozenset[str]]:
    """POS of the first parse and every case any parse allows (Russian)."""
    from jdlint.nlp import russian

    parses = russian.analyzer().parse(word)
    if not parses:
        return "", frozenset()
    pos = str(parses[0].tag.POS or "")
    cases = frozenset(str(p.tag.case) for p in parses if p.tag.case)
    return pos, cases


@dataclass(frozen=True, slots=True)
class _Text:
    """Tokens of a block with a segment number each (a segment ends at . ; : etc.)."""

    text: str
    tokens: tuple[Token, ...]

    def is_head(self, i: int, words: _Words) -> bool:
        tok = self.tokens[i]
        if not tok.is_word:
            return False
        if tok.lemma in words.heads:
            return True
        # NOTE: "инженер-программист", "офис-менеджер": a hyphenated title counts by its parts.
        return "-" in tok.text and any(p in words.heads for p in tok.lemma.split("-"))


def _tokens(text: str, lang: str) -> _Text:
    # NOTE: JD107 and JD108 read the same blocks (and web copies repeat them): the tokens come
    # from the file's shared cache (``jdlint.doctext``), dropped with the file.
    return _Text(text, shared_nlp().tokens(text, lang))


def _is_punct(tok: Token) -> bool:
    return not tok.is_word and not tok.lemma[:1].isalnum()


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A noun phrase around a head: token range [start, end), the head's index, its text."""

    start: int
    end: int
    head: int
    surface: str
    head_lemma: str
    lemmas: tuple[str, ...]      # every word lemma of the phrase, in order
    quals: frozenset[str]        # the words that tell one title from another (as _key)
    keys: frozenset[str]         # every word of the phrase (as _key)


def _phrase(t: _Text, head: int, lang: str, words: _Words, lo: int = 0) -> _Phrase:
    toks = t.tokens
    start = end = head
    if lang == "ru":
        # adjectives before the head ("системный администратор", "главного бухгалтера")
        head_cases = _ru_tags(fold(toks[head].text))[1]
        while start - 1 >= lo and head - start < 2:
            prev = toks[start - 1]
            if not prev.is_word or prev.lemma in words.fillers:
                break
            pos, cases = _ru_tags(fold(prev.text))
            # NOTE: the adjective must agree with the head: "их составляющим специалист" is
            # not one phrase.
            if pos not in ("ADJF", "PRTF") or not cases & head_cases:
                break
            start -= 1
        # complements after it: genitives, "по …", "с …", abbreviations, "II категории"
        in_pp = False
        i = head + 1
        while i < len(toks) and i - head <= 8:
            tok = toks[i]
            if tok.text in ("-", "–", "—") and i + 1 < len(toks) and t.is_head(i + 1, words):
                # NOTE: "заместитель председателя правления – директор Учреждения" is one
                # person with two titles.
                in_pp = False
                end = i + 1
                i += 2
                continue
            if not tok.is_word and not _ROMAN.match(tok.text):
                break
            low = tok.lower
            if low in ("по", "с", "со"):
                in_pp = True
                i += 1
                continue
            if _ABBREV.match(tok.text) or _ROMAN.match(tok.text):
                i += 1
                end = i - 1
                continue
            pos, cases = _ru_tags(fold(tok.text))
            # NOTE: "заведующий складом", "управляющий делами" govern the instrumental.
            governed = cases & ({"gent", "ablt"} if toks[head].lemma in _ABLT_HEADS else {"gent"})
            if pos not in ("NOUN", "ADJF", "PRTF") or (not in_pp and not governed):
                break
            if t.is_head(i, words) and not in_pp and pos == "NOUN" and "gent" not in cases:
                break
            end = i
            i += 1
        while end > head and toks[end].lower in ("по", "с", "со"):
            end -= 1
    else:
        # Lithuanian: genitive modifiers come before the head
        while start - 1 >= lo and head - start < 5:
            prev = toks[start - 1]
            if (not prev.is_word or prev.lemma in words.fillers or prev.lemma in words.predicates
                    or len(prev.text) < 3):
                break
            if not re.search(r"(ų|os|ės|io|o|aus|ies|ojo|iojo|osios|iosios|asis|ysis|ioji|"
                             r"oji|ės|is|us)$", prev.lower):
                break
            start -= 1
    raw_start = toks[start].start
    raw_end = toks[end].end
    lemmas = tuple(tok.lemma for tok in toks[start:end + 1] if tok.is_word)
    return _Phrase(start, end + 1, head, t.text[raw_start:raw_end], toks[head].lemma, lemmas,
                   _quals(toks[start:end + 1], toks[head], lang, words),
                   frozenset(_key(tok, lang) for tok in toks[start:end + 1] if tok.is_word))


def _key(tok: Token, lang: str) -> str:
    """The comparison form of a qualifier: the lemma (ru); a 5-letter stem (lt), because the
    Lithuanian lookup table lemmatises some inflected adjectives inconsistently
    ("vyriausiojo" → "vyrus", "vyriausiasis" → "vyriausias")."""
    return tok.lemma if lang == "ru" else fold(tok.text)[:5]


def _quals(toks: Sequence[Token], head: Token, lang: str, words: _Words) -> frozenset[str]:
    """Words that distinguish titles: everything but the head, fillers, units and names."""
    items = [tok for tok in toks if tok.is_word]
    if lang == "ru":
        # cut at the first unit word ("отдела", "службы", "склада") and the adjectives before it
        cut = len(items)
        for n, tok in enumerate(items):
            if tok is not head and tok.lemma in words.units:
                cut = n
                while cut - 1 >= 0 and items[cut - 1] is not head and \
                        _ru_tags(fold(items[cut - 1].text))[0] in ("ADJF", "PRTF"):
                    cut -= 1
                break
        items = items[:cut]
    else:
        # Lithuanian: modifiers before the last unit word belong to the unit
        last = -1
        for n, tok in enumerate(items):
            if tok is not head and tok.lemma in words.units:
                last = n
        items = items[last + 1:]
    return frozenset(_key(tok, lang) for tok in items
                     if tok is not head and tok.lemma not in words.fillers
                     and not _ABBREV.match(tok.text) and not _ROMAN.match(tok.text)
                     and tok.lower not in ("по", "с", "со"))


def _heads_in(t: _Text, words: _Words, lang: str, lo: int = 0,
              hi: int | None = None) -> list[_Phrase]:
    """Non-overlapping title phrases between token ``lo`` and ``hi``."""
    hi = len(t.tokens) if hi is None else hi
    out: list[_Phrase] = []
    covered = -1
    for i in range(lo, hi):
        if i <= covered or not t.is_head(i, words):
            continue
        ph = _phrase(t, i, lang, words, lo)
        if lang == "lt" and out and ph.start <= out[-1].end - 1:
            # NOTE: "skyriaus vedėjo pavaduotojas": the later head wins in Lithuanian.
            out.pop()
        out.append(ph)
        covered = ph.end - 1
    return out


# ---------------------------------------------------------------------------- places

def citable_at(doc: Document, block: int) -> Clause | int:
    """Where to report a finding in ``block`` so that a lawyer can cite it.

    A bullet has no number in Word ("1.6 •1" is only the structure layer's address), so a
    finding inside a bullet is reported at the numbered clause the bullet belongs to ("1.6"),
    still pointing at the bullet's own line: the clause is returned with ``block`` added to
    its blocks. Anything else is reported at the block itself.
    """
    owner: Clause | None = None

    def visit(clause: Clause, numbered: Clause | None) -> None:
        nonlocal owner
        here = clause if clause.number else numbered
        if block in clause.blocks and here is not None and here is not clause:
            owner = here
        for child in clause.children:
            visit(child, here)

    for section in doc.sections:
        for clause in section.clauses:
            visit(clause, None)
    if owner is None:
        return block
    return replace(owner, blocks=(*owner.blocks, block))


def _blocks_of_sections(doc: Document) -> list[tuple[int, Section]]:
    """(block, section) for every heading and clause block, noise and sign-offs excluded."""
    skip = set(doc.noise)
    for rng in (doc.approval, doc.acknowledgement):
        if rng is not None:
            skip.update(rng)
    out: list[tuple[int, Section]] = []
    seen: set[int] = set()
    for section in doc.sections:
        indices: list[int] = []
        if section.heading_block is not None:
            indices.append(section.heading_block)
        for clause in section.all_clauses():
            indices.extend(clause.blocks)
        for index in indices:
            if index not in skip and index not in seen and index < len(doc.raw.blocks):
                seen.add(index)
                out.append((index, section))
    out.sort(key=lambda item: item[0])
    return out


_PLACE = {
    "ru": {"title": "заголовок", "section": "раздел {n}", "clause": "п. {c}"},
    "lt": {"title": "antraštė", "section": "{n} skyrius", "clause": "{c} p."},
    "en": {"title": "title", "section": "section {n}", "clause": "cl. {c}"},
}


def _place(ctx: RuleContext, block: int, section: Section | None) -> str:
    words = _PLACE.get(ctx.lang, _PLACE["en"])
    if block < 0:
        return words["title"]
    if section is not None and section.heading_block == block and section.number:
        return words["section"].format(n=section.number.rstrip("."))
    at = citable_at(ctx.doc, block)
    clause = at if isinstance(at, Clause) else ctx._clause_for(block)
    if clause is not None and clause.path:
        return words["clause"].format(c=clause.path)
    return ctx.where(ctx.block_source(block))


def _join_places(places: Sequence[str], limit: int = 6) -> str:
    unique = list(dict.fromkeys(places))
    shown = ", ".join(unique[:limit])
    return shown + (", …" if len(unique) > limit else "")


# ---------------------------------------------------------------------------- JD107

@dataclass(slots=True)
class _Mention:
    block: int
    section: Section | None
    phrase: _Phrase


def _compatible(mention: _Phrase, title: _Phrase) -> bool:
    if mention.head_lemma != title.head_lemma:
        return False
    return mention.quals <= title.keys


def _title_phrase(doc: Document, words: _Words, lang: str) -> tuple[_Phrase, int] | None:
    """The position as the heading names it, and the block it is in (-1 = doc.position)."""
    if doc.position:
        t = _tokens(doc.position, lang)
        phrases = _heads_in(t, words, lang)
        if phrases:
            return phrases[0], -1
    # NOTE: the structure layer may take a department line for the position ("ОТДЕЛ …
    # СИСТЕМЫ" over "НАЧАЛЬНИК"): look at the short lines between the heading and section 1.
    first = min((s.heading_block for s in doc.sections if s.heading_block is not None),
                default=doc.span.stop)
    approval = doc.approval or range(0)
    for index in range(doc.span.start, min(first, doc.span.stop)):
        if index in approval or index in doc.noise or index >= len(doc.raw.blocks):
            continue
        text = doc.raw.blocks[index].text
        if not text or len(text.split()) > 8:
            continue
        t = _tokens(text, lang)
        phrases = [p for p in _heads_in(t, words, lang)
                   if p.head_lemma not in words.generic or p.quals]
        if phrases:
            return phrases[0], index
    return None


def _self_mentions(doc: Document, words: _Words, lang: str,
                   heads: re.Pattern[str]) -> list[_Mention]:
    """Phrases that must name the position itself (subjects, owners of duties, headings)."""
    out: list[_Mention] = []
    for index, section in _blocks_of_sections(doc):
        text = doc.raw.blocks[index].text
        if not heads.search(fold(text)):
            continue
        t = _tokens(text, lang)
        seen: set[int] = set()
        for ph in _heads_in(t, words, lang):
            if ph.head_lemma in words.generic and not ph.quals:
                continue
            if _is_subject(t, ph, words, lang) or _is_owner(t, ph, words, lang):
                if ph.start not in seen:
                    seen.add(ph.start)
                    out.append(_Mention(index, section, ph))
    return out


_LT_NOMINATIVE = re.compile(r"(as|is|ys|us|ė|a)$")


def _is_subject(t: _Text, ph: _Phrase, words: _Words, lang: str = "ru") -> bool:
    """The phrase is followed by a predicate that makes it the clause's subject."""
    toks = t.tokens
    if lang == "lt" and not _LT_NOMINATIVE.search(toks[ph.head].lower):
        return False  # "darbo sandėlininkui skiriama": a dative is no subject
    i = ph.end
    skipped = 0
    while i < len(toks) and skipped <= 3:
        tok = toks[i]
        if tok.is_word:
            if tok.lemma in words.predicates:
                return True
            if tok.lemma not in words.fillers:
                return False
            skipped += 1
        elif tok.text in _STOPS or tok.text in _OPEN or tok.text == ",":
            # NOTE: "Инженер отдела (далее ОМА) относится": a bracket may sit in between.
            if tok.text != "(":
                return False
            close = next((k for k in range(i, len(toks)) if toks[k].text == ")"), None)
            if close is None:
                return False
            i = close
        i += 1
    return False


def _is_owner(t: _Text, ph: _Phrase, words: _Words, lang: str) -> bool:
    """"обязанности X", "на должность X" (ru) / "X pareigos", "X darbo pareigos" (lt)."""
    toks = t.tokens
    if lang == "ru":
        k = ph.start - 1
        if k < 0 or not toks[k].is_word or toks[k].lemma not in words.owners:
            return False
        if toks[k].lemma == "должность":
            return k >= 1 and toks[k - 1].lower == "на"
        return True
    for k in (ph.end, ph.end + 1):
        if k < len(toks) and toks[k].is_word and toks[k].lemma in words.owners:
            return k == ph.end or toks[ph.end].is_word
    return False


@implements("JD107")
def title_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report names of the position that differ from the one in the title."""
    lang = doc.language or "ru"
    words = _words(ctx.options, lang)
    found = _title_phrase(doc, words, lang)
    listed = tuple(ctx.options.get("words", {}).get(lang, {}).get("heads", ()))
    mentions = _self_mentions(doc, words, lang, _stem_filter(listed, words.heads))
    if found is None:
        if not mentions:
            return
        # NOTE: no title: the most frequent name is taken as the position's.
        counts = Counter(m.phrase.head_lemma for m in mentions)
        head = counts.most_common(1)[0][0]
        title = max((m.phrase for m in mentions if m.phrase.head_lemma == head),
                    key=lambda p: len(p.quals))
        title_block = -2
    else:
        title, title_block = found
    # NOTE: a manager title in an "owner" position of another employee's instruction is far
    # more often a reference to the boss ("в компетенцию руководителя") than a copied title.
    if title.head_lemma not in words.managers:
        mentions = [m for m in mentions if m.phrase.head_lemma not in words.managers
                    or _is_subject(_tokens(doc.raw.blocks[m.block].text, lang), m.phrase,
                                   words, lang)]
    same = [m for m in mentions if _compatible(m.phrase, title)]
    foreign = [m for m in mentions if not _compatible(m.phrase, title)]
    if not foreign:
        return
    groups: dict[tuple[str, frozenset[str]], list[_Mention]] = defaultdict(list)
    for m in foreign:
        key = (m.phrase.head_lemma, m.phrase.quals)
        # NOTE: a short form joins the fuller variant it is part of.
        target = next((k for k in groups if k[0] == key[0] and
                       (key[1] <= k[1] or k[1] <= key[1])), key)
        if target != key and len(key[1]) > len(target[1]):
            groups[key] = groups.pop(target)
            target = key
        groups[target].append(m)
    details: Mapping[str, Any] = ctx.options["detail"]
    title_text = title.surface
    title_place = _place(ctx, -1, None) if title_block < 0 else _place(ctx, title_block, None)
    data_variants = {
        _surface(ms): [m.block for m in ms] for ms in groups.values()
    }
    if len(groups) >= 2:
        variants = [f"«{title_text}» ({title_place})" if ctx.lang != "lt"
                    else f"„{title_text}“ ({title_place})"]
        for ms in sorted(groups.values(), key=lambda ms: ms[0].block):
            places = _join_places([_place(ctx, m.block, m.section) for m in ms])
            name = _surface(ms)
            variants.append(f"«{name}» ({places})" if ctx.lang != "lt"
                            else f"„{name}“ ({places})")
        first = min(foreign, key=lambda m: m.block)
        yield ctx.report(citable_at(doc, first.block), match=first.phrase.surface, title=title_text,
                         detail=ctx.localized(details["many"]).format(
                             count=len(variants), variants="; ".join(variants)),
                         related=[ctx.block_source(m.block) for m in foreign[1:]],
                         data={"title": title_text, "variants": data_variants})
        return
    (ms,) = groups.values()
    if not same and len(ms) >= 3 and title_block != -2:
        # NOTE: the body agrees with itself and only the heading differs: one finding, at the
        # heading, rather than one per clause.
        at = title_block if title_block >= 0 else _title_block(doc, title_text)
        places = _join_places([_place(ctx, m.block, m.section) for m in ms])
        shown = title_text if title_text in doc.raw.blocks[at].text else None
        yield ctx.report(at, match=shown,
                         title=title_text,
                         detail=ctx.localized(details["title_vs_body"]).format(
                             title=title_text, other=_surface(ms), count=len(ms),
                             places=places),
                         related=[ctx.block_source(m.block) for m in ms],
                         data={"title": title_text, "variants": data_variants})
        return
    reported: set[int] = set()
    for m in ms:
        cited = citable_at(doc, m.block)
        start_block = cited.first_block if isinstance(cited, Clause) else m.block
        if start_block in reported:
            continue
        reported.add(start_block)
        yield ctx.report(cited, match=m.phrase.surface, title=title_text,
                         detail=ctx.localized(details["one"]).format(
                             match=m.phrase.surface, title=title_text),
                         data={"title": title_text, "variant": m.phrase.surface})


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


# ---------------------------------------------------------------------------- JD108

@dataclass(slots=True)
class _Statement:
    block: int
    roles: list[_Phrase]
    primary: bool
    keys: list[tuple[str, ...]] = field(default_factory=list)


def _role_key(ph: _Phrase, words: _Words) -> tuple[str, ...]:
    return tuple(lem for lem in ph.lemmas if lem not in words.fillers
                 and lem not in ("по", "с", "со"))


def _roles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return True
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _scope_end(t: _Text, start: int, lang: str) -> int:
    toks = t.tokens
    i = start
    while i < len(toks):
        tok = toks[i]
        if tok.text in (".", ";", "!", "?", "…"):
            break
        if lang == "ru" and tok.is_word:
            pos, _ = _ru_tags(fold(tok.text))
            if pos in ("VERB", "INFN", "GRND"):
                break
        i += 1
    return i


def _statements(doc: Document, words: _Words, lang: str,
                options: Mapping[str, Any]) -> list[_Statement]:
    table = options.get("triggers", {}).get(lang, {})
    primary = _lemma_set(table.get("primary", ()), lang)
    reverse = _lemma_set(table.get("reverse", ()), lang)
    orders = _lemma_set(table.get("orders", ()), lang)
    orders_lt = frozenset(fold(w) for w in table.get("orders", ()))
    order_verbs = _lemma_set(table.get("order_verbs", ()), lang)
    listed = tuple(str(w) for key in ("primary", "orders") for w in table.get(key, ()))
    triggers = _stem_filter(listed, primary | orders)
    out: list[_Statement] = []
    for index, _section in _blocks_of_sections(doc):
        text = doc.raw.blocks[index].text
        if not triggers.search(fold(text)):
            continue
        t = _tokens(text, lang)
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
                roles = _heads_in(t, words, lang, i + 1, end)
                if roles:
                    out.append(_Statement(index, roles, True))
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
                    ph = _phrase(t, k, lang, words, k)
                    out.append(_Statement(index, [ph], False))
                    consumed = ph.end
            elif lang == "lt" and tok.lower in orders_lt and i >= 1 and t.is_head(i - 1, words):
                # NOTE: "vykdo tiesioginio vadovo pavedimus": the verb governs the accusative
                # form, so forms are listed, not lemmas ("direktoriaus įsakymu paskirtas" is
                # an appointment, not an order to follow).
                ph = _phrase(t, i - 1, lang, words)
                verbs = [x.lemma for x in toks[max(0, ph.start - 3):ph.start] if x.is_word]
                if any(b in order_verbs for b in verbs):
                    out.append(_Statement(index, [ph], False))
                    consumed = i
    return out


@implements("JD108")
def subordination_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a clause that names another direct manager than an earlier clause."""
    lang = doc.language or "ru"
    words = _words(ctx.options, lang)
    found = _title_phrase(doc, words, lang)
    statements = _statements(doc, words, lang, ctx.options)
    details: Mapping[str, Any] = ctx.options["detail"]
    kept: list[_Statement] = []
    for st in statements:
        roles = []
        for ph in st.roles:
            key = _role_key(ph, words)
            if found is not None and _compatible(ph, found[0]):
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
        if clash is not None and not agrees:
            other = " / ".join(ph.surface for ph in clash.roles)
            here = " / ".join(ph.surface for ph in st.roles)
            cited = citable_at(doc, clash.block)
            clause = cited if isinstance(cited, Clause) else ctx._clause_for(clash.block)
            where = (ctx.localized(details["in_clause"]).format(clause=clause.path)
                     if clause is not None and clause.path else
                     ctx.localized(details["in_text"]).format(
                         where=ctx.where(ctx.block_source(clash.block))))
            template = details["primary"] if st.primary else details["orders"]
            yield ctx.report(citable_at(doc, st.block), match=st.roles[0].surface,
                             severity=None if st.primary else Severity.INFO,
                             other=other, other_place=where,
                             detail=ctx.localized(template).format(
                                 match=here, other=other, other_place=where),
                             related=[ctx.block_source(clash.block)],
                             data={"here": here, "other": other,
                                   "kind": "subordination" if st.primary else "orders"})
        if st.primary:
            done.append(st)


# ---------------------------------------------------------------------------- JD110

@dataclass(frozen=True, slots=True)
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


def _orgs(doc: Document, indices: Iterable[int], forms: Sequence[str],
          canonical: Mapping[str, str]) -> list[_Org]:
    formed, bare = _org_regexes(tuple(forms))
    out: list[_Org] = []
    blocks = doc.raw.blocks
    for index in indices:
        if index >= len(blocks) or index in doc.noise:
            continue
        text = blocks[index].text
        taken: list[tuple[int, int]] = []
        for m in formed.finditer(text):
            form = m.group("form") or m.group("form2") or ""
            name = (m.group("name") or m.group("name2") or "").strip()
            if not _org_key(name):
                continue
            form = canonical.get(fold(" ".join(form.split())), form)
            out.append(_Org(index, m.group(0), form, name, _org_key(name)))
            taken.append(m.span())
        for m in bare.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            name = m.group("name").strip()
            if _org_key(name):
                out.append(_Org(index, m.group(0), "", name, _org_key(name)))
    return out


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _sentence_has(text: str, start: int, lemmas: frozenset[str], lang: str) -> bool:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start))
    right_candidates = [p for p in (text.find(".", start), text.find(";", start)) if p >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return any(lem in lemmas for lem in nlp.lemmas(text[left + 1:right], lang))


@implements("JD110")
def organisation_name_inconsistency(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report another company's name, and the employer's name spelled in different ways."""
    lang = doc.language or "ru"
    options = ctx.options
    table: Mapping[str, Any] = options.get("organisations", {}).get(lang, {})
    forms: list[str] = list(table.get("forms", ()))
    canonical = {fold(" ".join(str(k).split())): str(v)
                 for k, v in table.get("long_forms", {}).items()}
    forms.extend(table.get("long_forms", {}).keys())
    counterparty = _lemma_set(table.get("counterparty", ()), lang)
    details: Mapping[str, Any] = options["detail"]

    first_section = min((s.heading_block for s in doc.sections if s.heading_block is not None),
                        default=doc.span.stop)
    head_blocks = [i for i in doc.span if i < first_section or
                   (doc.approval is not None and i in doc.approval)]
    body_blocks = [i for i, _ in _blocks_of_sections(doc)]
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
                         doc.raw.blocks[org.block].text.find(org.surface), counterparty, lang):
            continue
        yield ctx.report(citable_at(doc, org.block), match=org.surface,
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
        yield ctx.report(citable_at(doc, odd.block), match=odd.surface, other=main,
                         severity=Severity.INFO,
                         detail=ctx.localized(details["spelling"]).format(
                             count=len(variants), variants="; ".join(listed)),
                         related=[ctx.block_source(o.block) for orgs in variants.values()
                                  for o in orgs if o is not odd],
                         data={"variants": list(variants)})


def _display(org: _Org) -> str:
    return " ".join(org.surface.split())
