"""Which professional standard a document claims, and which of its functions.

Owns reading the document side: citations of a standard (code "06.029", its name in quotes, the
approving order "приказ ... от 29.09.2020 № 679н"), resolved against the loaded standards; the
position title and its match against possible job titles (by lemmas); the generalised and
labour functions the document claims (codes "A/01.4", "ОТФ C", names quoted in the text, or
the job title); and, when nothing is cited, the standard the title most likely belongs to.
Results are computed once per document (several rules ask) and kept for the last documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final, Literal

from rapidfuzz import fuzz

from jdlint.core.deferred import Deferred
from jdlint.core.model import Document
from jdlint.core.records import record
from jdlint.core.text import fold
from jdlint.profstandards import hints
from jdlint.profstandards.importer import normalize_code, normalize_order_number
from jdlint.profstandards.model import GeneralFunction, LabourFunction, Order, Standard
from jdlint.profstandards.quoted import (
    content_lemmas,
    content_lemmas_all,
    lcs_floor,
    names_in_text,
    quoted_in,
)

__all__ = ["Citation", "Claim", "OrderCite", "claim", "content_lemmas", "content_lemmas_all",
           "lcs_floor", "position_title", "quoted_in", "suggest", "title_matches"]

_KEYWORD: Final = re.compile(r"профессиональн\w*\s+стандарт|профстандарт|\bПС\b", re.I)
_CODE: Final = re.compile(r"(?<![\d.,/])(\d{2})\s?\.\s?(\d{3})(?![\d]|[.,]\d)")
_ORDER_NO: Final = re.compile(r"(?:№|N|No\.?)\s*(\d{1,4})\s*-?\s*([нН](?![а-яё])|n\b|H\b)")
_QUOTED: Final = re.compile(r"[«\"“„]([^«»\"“”„]{8,250})[»\"”“]")
_NUM_DATE: Final = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
# NOTE: the Deferred patterns run only after a cheaper test (a numeric date missing, a hint
# found): compiled on first use (issue 19: a cold start).
_WORD_DATE: Final = Deferred(r"«?(\d{1,2})»?\s+([а-яё]+)\s+(\d{4})", re.I)
_DATE_TEXT: Final = r"(«?\d{1,2}»?(?:\.\d{1,2}\.|\s+[а-яё]+\s+)\d{4}(?:\s*(?:г\.|года))?)"
_AFTER: Final = re.compile(r"\s*от\s+" + _DATE_TEXT, re.I)
_BEFORE: Final = re.compile(r"\bот\s+" + _DATE_TEXT + r"\s*$", re.I)
_MONTHS: Final = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
                  "октябр", "ноябр", "декабр")
# NOTE: another act named between the standard and an order means the order is that act's.
_OTHER_ACT: Final = re.compile(r"справочник|ЕКС|ЕТКС|постановлени|закон|кодекс|положени|"
                               r"правил|порядк|распоряжени|указ\b", re.I)
_TF_CODE: Final = Deferred(r"(?<![\w/])([A-HА-Х])\s*/\s*(\d{2})\.(\d)(?!\d)")
# NOTE: the letter is matched case-sensitively: "функции в соответствии" is no ОТФ "В".
_OTF_CODE: Final = Deferred(r"(?i:ОТФ|обобщенн\w*\s+трудов\w*\s+функци\w*)\s*[«\"(]?\s*"
                              r"(?i:код\s*)?([A-HА-Х])(?![\w/])")


@record(slots=True)
class OrderCite:
    """An approving order as the document cites it: "№ 679н", "29.09.2020"."""

    number: str
    date: date | None
    text: str


@record(slots=True)
class Citation:
    """One mention of a professional standard in one block."""

    block: int
    code: str | None
    code_text: str | None
    name: str | None
    orders: tuple[OrderCite, ...]
    standard: Standard | None
    by: Literal["code", "name", "order"] | None

    @property
    def match(self) -> str | None:
        """The text a finding about the citation points at (the code, else the name)."""
        return self.code_text or self.name


@record(slots=True)
class Claim:
    """What a document claims: citations, the standard and the functions it names."""

    citations: tuple[Citation, ...]
    standard: Standard | None
    general: tuple[GeneralFunction, ...]
    functions: tuple[LabourFunction, ...]
    how: Literal["explicit", "title", "none"]
    title: str | None


def _date(text: str) -> date | None:
    found = _NUM_DATE.search(text)
    if found:
        d, m, y = (int(g) for g in found.groups())
    else:
        word = _WORD_DATE.search(text)
        if not word:
            return None
        name = word.group(2).casefold()
        month = next((i + 1 for i, stem in enumerate(_MONTHS) if name.startswith(stem)
                      and (stem != "ма" or name in ("мая", "май"))), None)
        if month is None:
            return None
        d, m, y = int(word.group(1)), month, int(word.group(3))
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _orders(text: str, start: int) -> tuple[OrderCite, ...]:
    out: list[OrderCite] = []
    for found in _ORDER_NO.finditer(text, start):
        if _OTHER_ACT.search(text, start, found.start()):
            break
        # NOTE: "от 29.09.2020 № 679н" (date before) or "№ 679н от 29.09.2020" (after).
        left, right = found.start(), found.end()
        after = _AFTER.match(text, right)
        when = _date(after.group(1)) if after else None
        if when is not None and after is not None:
            right = after.end()
        else:
            before = _BEFORE.search(text[max(start, left - 45):left])
            when = _date(before.group(1)) if before else None
            if before is not None and when is not None:
                left = max(start, left - 45) + before.start()
        number = normalize_order_number(found.group(1) + "н")
        out.append(OrderCite(number, when, text[left:right].strip()))
        start = found.end()
    return tuple(out)


def _name_matches(cited: str, name: str) -> bool:
    return fuzz.ratio(fold(cited), fold(name)) >= 90


def _resolve(code: str | None, name: str | None, orders: Sequence[OrderCite],
             standards: Sequence[Standard]
             ) -> tuple[Standard | None, Literal["code", "name", "order"] | None]:
    if code:
        for std in standards:
            if std.code == code:
                return std, "code"
    if name:
        for std in standards:
            if _name_matches(name, std.name):
                return std, "name"
    if code or name:
        # NOTE: a code or name jdlint does not know is another standard, not a typo.
        return None, None
    for cite in orders:
        for std in standards:
            if any(o.number == cite.number and (cite.date is None or o.date == cite.date)
                   for o in std.orders):
                return std, "order"
    return None, None


def citations(doc: Document, standards: Sequence[Standard]) -> tuple[Citation, ...]:
    """Every block of the instruction that cites a professional standard."""
    out: list[Citation] = []
    blocks = doc.raw.blocks
    codes = {s.code for s in standards}
    # NOTE: noise blocks are read too: the structure layer may mark a closing "developed
    # in accordance with ПС 06.029" line as web noise; rules never report on noise anyway.
    span = doc.span
    # NOTE: the span's blocks that exist, without a test per block when it is a plain range
    indices = range(span.start, min(span.stop, len(blocks))) if span.step == 1 else \
        [index for index in span if index < len(blocks)]
    # NOTE: only the blocks where a keyword or a code could match (exact hints, one fast scan
    # of the document: issue 19); every other block was skipped by the test below anyway.
    for at in hints.blocks_with([blocks[index].text for index in indices], *hints.keyword,
                                *hints.code):
        index = indices[at]
        text = blocks[index].text
        keyword = _KEYWORD.search(text)
        code_found = next((m for m in _CODE.finditer(text)
                           if keyword or normalize_code(m.group(0)) in codes), None)
        if keyword is None and code_found is None:
            continue
        anchor = min(m.start() for m in (keyword, code_found) if m is not None)
        code = normalize_code(code_found.group(0)) if code_found else None
        name = next((q.group(1).strip() for q in _QUOTED.finditer(text, anchor)
                     if q.start() - anchor < 120), None)
        orders = _orders(text, anchor)
        if code is None and name is None and not orders:
            continue
        std, by = _resolve(code, name, orders, standards)
        out.append(Citation(index, code, code_found.group(0) if code_found else None, name,
                            orders, std, by))
    return tuple(out)


def position_title(doc: Document) -> str | None:
    """The position the instruction is for ("менеджера по продажам"), as written."""
    position = doc.position
    if position and re.search(r"[^\W\d_]{3,}", position):
        return position
    # NOTE: "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ № 27" puts the number where the position should be; the
    # position is then the next line.
    blocks = doc.raw.blocks
    for index in doc.span:
        if index >= len(blocks) or not doc.title:
            break
        if blocks[index].text.strip() == doc.title.strip():
            for nxt in range(index + 1, min(index + 3, len(blocks))):
                text = blocks[nxt].text.strip()
                if re.search(r"[^\W\d_]{3,}", text) and not re.match(r"\d+\.", text):
                    return text
            break
    return None


def _lemma_in(lem: str, pool: Iterable[str]) -> bool:
    return any(lem == p or (len(lem) > 4 and fuzz.ratio(lem, p) >= 90) for p in pool)


def title_matches(title: str, job_title: str, lang: str = "ru") -> bool:
    """True when every content lemma of ``job_title`` is in ``title`` ("Ведущего системного
    администратора отдела ИТ" is a "Системный администратор")."""
    wanted = content_lemmas(job_title, lang)
    have = content_lemmas(title, lang)
    return bool(wanted) and all(_lemma_in(w, have) for w in wanted)


def _functions(doc: Document, std: Standard, title: str | None
               ) -> tuple[tuple[GeneralFunction, ...], tuple[LabourFunction, ...],
                          Literal["explicit", "title", "none"]]:
    otfs = std.functions or ()
    blocks, noise = doc.raw.blocks, doc.noise
    # NOTE: a list, not a generator: join() of a generator builds the list anyway, resuming
    # it per block
    text = "\n".join([blocks[i].text for i in doc.span if i < len(blocks) and i not in noise])
    # NOTE: the codes' expressions run only on text their exact hints find something in.
    tf_codes = {normalize_code(f"{m.group(1)}/{m.group(2)}.{m.group(3)}")
                for m in _TF_CODE.finditer(text)} if hints.found(hints.tf_code, text) else set()
    otf_codes = {normalize_code(m.group(1)) for m in _OTF_CODE.finditer(text)} \
        if hints.found(hints.otf_code, text) else set()
    all_tfs = [(g, t) for g in otfs for t in g.functions or ()]
    named = names_in_text(doc, [t.name for _, t in all_tfs] + [g.name for g in otfs])
    tfs = [t for i, (_, t) in enumerate(all_tfs) if (t.code and t.code in tf_codes)
           or i in named]
    general = [g for j, g in enumerate(otfs) if (g.code and g.code in otf_codes)
               or len(all_tfs) + j in named or any(t in (g.functions or ()) for t in tfs)]
    how: Literal["explicit", "title", "none"] = "explicit"
    if not general and title:
        general = [g for g in otfs if any(title_matches(title, jt) for jt in g.job_titles or ())]
        how = "title"
    if not general:
        return (), (), "none"
    explicit_tfs = set(map(id, tfs))
    for g in general:
        own = [t for t in g.functions or () if id(t) in explicit_tfs]
        # NOTE: an ОТФ claimed without naming its ТФ claims all of them.
        tfs.extend(t for t in (g.functions or ()) if not own and id(t) not in explicit_tfs)
    order = {id(t): i for i, (_, t) in enumerate(all_tfs)}
    return tuple(general), tuple(sorted(set(tfs), key=lambda t: order[id(t)])), how


def claim(doc: Document, standards: Sequence[Standard]) -> Claim:
    """What ``doc`` claims (the rules keep it in their per-document memo: computed once per
    document and set of standards)."""
    key = tuple(standards)
    cites = citations(doc, key)
    std = next((c.standard for c in cites if c.standard is not None), None)
    title = position_title(doc)
    general: tuple[GeneralFunction, ...] = ()
    functions: tuple[LabourFunction, ...] = ()
    how: Literal["explicit", "title", "none"] = "none"
    if std is not None:
        general, functions, how = _functions(doc, std, title)
    return Claim(cites, std, general, functions, how, title)


def suggest(title: str | None, standards: Sequence[Standard]
            ) -> tuple[Standard, str, float] | None:
    """The standard a title most likely belongs to: (standard, what matched, score), or None.

    A possible job title contained in the title scores 1.0; otherwise the share of the
    standard name's content lemmas found in the title, when the title's own lemmas are mostly
    in the name too (so "менеджер по продажам мебели" does not get 06.029).
    """
    if not title:
        return None
    have = content_lemmas(title)
    if not have:
        return None
    best: tuple[Standard, str, float] | None = None
    for std in standards:
        for g in std.functions or ():
            for job in g.job_titles or ():
                if title_matches(title, job) and (best is None or best[2] < 1.0):
                    best = (std, job, 1.0)
        name = content_lemmas(std.name)
        if not name:
            continue
        recall = sum(_lemma_in(n, have) for n in name) / len(name)
        precision = sum(_lemma_in(h, name) for h in have) / len(have)
        score = min(recall, precision)
        if score >= 0.75 and (best is None or score > best[2]):
            best = (std, std.name, score)
    return best


def order_label(order: Order) -> str:
    """"приказ от 29.09.2020 № 679н" style label of an order (dates as dd.mm.yyyy)."""
    return f"{order.date:%d.%m.%Y} № {order.number}"
