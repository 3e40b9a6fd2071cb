"""Which country's labour law an instruction is written under, and why.

Language alone does not decide it: Russian is also the language of instructions in Belarus
and Kazakhstan, and translated templates carry the law of their origin ("Rusijos Federacijos
teisės aktai" in a Lithuanian text). The decision follows the law the instruction cites:

* every non-noise block of the instruction (and a trailing "Примечание"/"Pastaba" note right
  after it, where web templates name the acts they were drafted from) is searched for
  citations of a country's law: "Российской Федерации", "ТК РФ", "федеральный закон",
  "Республики Беларусь", "Lietuvos Respublikos", "Rusijos Federacijos" …;
* a Lithuanian text is under Lithuanian law whatever it cites (a Lithuanian instruction citing
  Russian law is a copied template: JD205);
* a Russian text is under the law it cites most; with no citation at all, Russia is assumed
  (the language's home country) and the reason says so; "наниматель", the Belarusian word for
  the employer, counts as a weak Belarusian citation;
* every citation of a country other than the one decided is kept as ``foreign`` evidence.

The result is computed once per document: ``detect(doc, ctx)`` keeps it in the rule context's
per-document memo, shared by every rule that runs on the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import field
from typing import TYPE_CHECKING, Final

from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.core.deferred import Deferred
from jdlint.core.model import Document
from jdlint.core.records import record

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["COUNTRY", "Citation", "Jurisdiction", "describe", "detect"]

# NOTE: patterns run on the normalised block text, case-insensitively; each names one country.
# Compiled on first use: the prefilter reads only their sources, and a document runs only those
# whose literal words it holds (issue 19: a cold start).
_MARKERS: Final[dict[str, dict[str, Deferred]]] = {
    "ru": {
        "ru": Deferred(r"Российск\w*\s+Федераци\w*|\bРФ\b|\bРоссии\b|\bРоструд\w*|"
                         r"\bфедеральн\w+\s+закон\w*|\b\d{1,4}-ФЗ\b", re.IGNORECASE),
        "by": Deferred(r"Республик\w*\s+Беларусь|\bРБ\b|\bТНПА\b|Белорусск\w+\s+ССР",
                         re.IGNORECASE),
        "kz": Deferred(r"Республик\w*\s+Казахстан|\bРК\b", re.IGNORECASE),
        "lt": Deferred(r"Литовск\w+\s+Республик\w*|Республик\w*\s+Литва", re.IGNORECASE),
    },
    "lt": {
        "lt": Deferred(r"Lietuvos\s+Respublikos|\bLR\b|\bDK\b", re.IGNORECASE),
        "ru": Deferred(r"Rusijos\s+Federacij\w*|\bRF\b|\brubli\w*|Rusijos\s+\w+\s+kodeks\w*",
                         re.IGNORECASE),
        "by": Deferred(r"Baltarusijos\s+Respublikos", re.IGNORECASE),
        "kz": Deferred(r"Kazachstano\s+Respublikos", re.IGNORECASE),
    },
}
# NOTE: "наниматель" is the Belarusian Labour Code's word for the employer; in Russia it is
# used only as "представитель нанимателя" of the civil service, which is excluded.
_BY_WORD: Final = Deferred(r"(?<!представител[ья] )\bнанимател\w*", re.IGNORECASE)
_NOTE: Final = Deferred(r"^\s*(Примечани[ея]|Pastaba|Pastabos)\b", re.IGNORECASE)

COUNTRY: Final[dict[str, dict[str, str]]] = {
    "ru": {"ru": "Российская Федерация", "lt": "Rusijos Federacija", "en": "Russia"},
    "lt": {"ru": "Литовская Республика", "lt": "Lietuvos Respublika", "en": "Lithuania"},
    "by": {"ru": "Республика Беларусь", "lt": "Baltarusijos Respublika", "en": "Belarus"},
    "kz": {"ru": "Республика Казахстан", "lt": "Kazachstano Respublika", "en": "Kazakhstan"},
}
_HOME: Final = {"ru": "ru", "lt": "lt"}


@record(slots=True)
class Citation:
    """One place where the instruction cites a country's law."""

    country: str
    block: int
    start: int
    end: int
    text: str


@record(slots=True)
class Jurisdiction:
    """The country decided, how (``reason``: "language", "citations", "language-only"), the
    citations of that country and those of other countries (``foreign``)."""

    code: str
    reason: str
    own: tuple[Citation, ...] = ()
    foreign: tuple[Citation, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def home(self) -> bool:
        """True when the country is the home country of a language jdlint has rules for."""
        return self.code in _HOME.values()


def _blocks(doc: Document) -> list[int]:
    blocks = doc.raw.blocks
    own = [i for i in doc.span if i < len(blocks) and i not in doc.noise]
    # NOTE: a template's trailing note ("Примечание. Должностная инструкция разработана на
    # основе … Минтруда и соцзащиты РБ …") states the law the text was drafted under.
    for i in range(doc.span.stop, min(doc.span.stop + 3, len(blocks))):
        if _NOTE.match(blocks[i].text):
            own.append(i)
            break
    return own


def _citations(doc: Document, lang: str) -> list[Citation]:
    found: list[Citation] = []
    # NOTE: the countries' patterns in their order, then the Belarusian employer word; the
    # prefilter skips the patterns whose literal words a block lacks (issue 19).
    searched = [*_MARKERS.get(lang, {}).items(), *((("by-word", _BY_WORD),) if lang == "ru"
                                                    else ())]
    own = _blocks(doc)
    texts = [doc.raw.blocks[i].text for i in own]
    # NOTE: ``Prefilter.live`` of every block from one pass per literal over the document
    # (``placeholder_scan.live_per_block``, ~25 % less than one scan for any literal and then
    # ``live`` of each block holding one, issue 19); a block no pattern can match is skipped.
    lives = live_per_block(tuple(pattern for _, pattern in searched), texts)
    for n, numbers in enumerate(lives):
        if not numbers:
            continue
        i, text = own[n], texts[n]
        for number in numbers:
            country, pattern = searched[number]
            for m in pattern.finditer(text):
                found.append(Citation(country, i, m.start(), m.end(), m.group()))
    return found


def detect(doc: Document, ctx: RuleContext | None = None) -> Jurisdiction:
    """The jurisdiction of ``doc``; with the rule context of ``doc``, once per document."""
    if ctx is None or ctx.doc is not doc:
        return _detect(doc)
    return ctx.memo("jurisdiction", lambda: _detect(doc))


def _detect(doc: Document) -> Jurisdiction:
    lang = doc.language or "ru"
    cites = _citations(doc, lang)
    counts = Counter(c.country for c in cites if c.country != "by-word")
    words = [c for c in cites if c.country == "by-word"]
    explicit = [c for c in cites if c.country != "by-word"]
    home = _HOME.get(lang, "ru")
    if lang == "lt":
        code, reason = "lt", "language"
    elif not counts:
        code, reason = ("by", "employer-word") if words else (home, "language-only")
    else:
        # NOTE: ties go to the language's home country; a single explicit Russian citation
        # outweighs the Belarusian word "наниматель".
        code = max(counts, key=lambda c: (counts[c], c == home))
        reason = "citations"
    # NOTE: citations in clauses, and full names before abbreviations, are the ones to show.
    in_clause = {b for clause in doc.clauses() for b in clause.blocks}

    def shown(c: Citation) -> tuple[bool, int, int]:
        return (c.block not in in_clause, -len(c.text), c.block)

    own = tuple(sorted((c for c in explicit if c.country == code), key=shown))
    if code == "by":
        own += tuple(sorted(words, key=shown))
    foreign = tuple(c for c in explicit if c.country != code)
    return Jurisdiction(code, reason, own, foreign, dict(counts))


_REASONS: Final[dict[str, dict[str, str]]] = {
    "language": {"ru": "язык документа", "lt": "dokumento kalba",
                 "en": "the document's language"},
    "language-only": {"ru": "язык документа; ссылок на законы определённой страны нет",
                      "lt": "dokumento kalba; nuorodų į konkrečios šalies teisę nėra",
                      "en": "the document's language; it cites no country's law"},
    "citations": {"ru": "ссылки документа на законодательство: {where}",
                  "lt": "dokumento nuorodos į teisės aktus: {where}",
                  "en": "the law the document cites: {where}"},
    "employer-word": {"ru": "термин «наниматель» белорусского трудового права ({where})",
                      "lt": "Baltarusijos darbo teisės terminas „наниматель“ ({where})",
                      "en": "the Belarusian labour-law term \"наниматель\" ({where})"},
}


def describe(jur: Jurisdiction, lang: str, where: dict[int, str] | None = None) -> str:
    """"Российская Федерация (ссылки документа на законодательство: «Российской Федерации» в
    п. 4.1)" in the output language; ``where`` maps block indices to clause labels."""
    out = lang if lang in ("ru", "lt", "en") else "en"
    country = COUNTRY[jur.code][out]
    places: list[str] = []
    for c in jur.own[:2]:
        label = (where or {}).get(c.block)
        quoted = f"«{c.text}»" if out == "ru" else f"„{c.text}“" if out == "lt" else f'"{c.text}"'
        places.append(f"{quoted} ({label})" if label else quoted)
    reason = _REASONS[jur.reason][out].format(where=", ".join(places))
    return f"{country} — {reason}"
