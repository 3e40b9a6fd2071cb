"""JD109 outdated-reference: citations of acts and standards that are no longer in force.

The list of superseded acts is data (``data.superseded`` in ``rules/JD109.yaml``): a
regular expression, the language, the last day the act was in force (``until``), what
replaced it, a severity and the source of the facts. This module only finds the matches in
the instruction's own text (web noise around a copied instruction is never read), skips a
remark that names the old act *as* replaced ("взамен ГОСТ Р 6.30-2003", "vietoj 2002 m. Darbo
kodekso"), and grades the finding by the document's own date: an instruction approved while
the act was still in force was right when written, so it gets ``info`` ("update at the next
revision") instead of the entry's severity.

Entries are of three kinds (``kind``): a repealed ``act`` ("Закон РФ «Об образовании»"), an
outdated ``term`` the law renamed or abolished ("высшее профессиональное образование") and an
abolished ``body`` or institution ("Минобразования России", "милиция"); the kind picks the
message's wording. A term repeated all over an instruction is one finding (``once``), and an
entry with ``country`` applies only to instructions under that country's law (Belarus still
has a militia; Kazakhstan's law "Об образовании" is in force).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from jdlint.checklib import jurisdiction as jur
from jdlint.checklib.dates import document_date
from jdlint.checklib.place_maps import citable
from jdlint.checklib.placeholder_scan import live_per_block, spaced
from jdlint.core import literals
from jdlint.core.deferred import Deferred
from jdlint.core.model import Document, Finding, Severity
from jdlint.core.records import record
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


@record(slots=True)
class _Entry:
    regex: Deferred
    lang: str
    until: date | None
    replacement: Mapping[str, str] | str
    severity: Severity | None
    not_after: Deferred | None
    not_before: Deferred | None
    kind: str = "act"
    once: bool = False
    country: str | None = None


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _entries(data: Mapping[str, Any], lang: str) -> list[_Entry]:
    # NOTE: built once per process and language (``ctx.compiled``: the table is the rule's YAML
    # ``data``, which no user option changes; ~0.1 ms a document when built per document,
    # issue 19). Only the document's language is compiled: a Russian document never needs the
    # Lithuanian patterns. Each is compiled on its first use: the prefilter reads only the
    # sources, and most entries' literal words are in no block of a typical document (~4 ms
    # of a cold check).
    out = []
    for item in data.get("superseded") or ():
        if str(item["lang"]) != lang:
            continue
        after = item.get("not_after")
        before = item.get("not_before")
        out.append(_Entry(
            regex=Deferred(str(item["pattern"]), re.IGNORECASE),
            lang=str(item["lang"]),
            until=_as_date(item.get("until")),
            replacement=item.get("replacement", ""),
            severity=Severity.parse(item["severity"]) if item.get("severity") else None,
            not_after=Deferred(str(after), re.IGNORECASE) if after else None,
            not_before=Deferred(str(before), re.IGNORECASE) if before else None,
            kind=str(item.get("kind", "act")),
            once=bool(item.get("once", False)),
            country=str(item["country"]) if item.get("country") else None,
        ))
    return out


@implements("JD109")
def outdated_reference(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report citations of superseded acts, terms and bodies listed in the rule's data."""
    lang = doc.language or "ru"
    entries = ctx.compiled(("entries", lang), lambda: _entries(ctx.data, lang))
    if any(e.country for e in entries):
        country = jur.detect(doc, ctx).code
        entries = [e for e in entries if e.country is None or e.country == country]
    if not entries:
        return
    approved = document_date(doc)
    kinds: Mapping[str, Mapping[str, Any]] = ctx.texts.get("kinds") or {}
    reported: set[int] = set()
    for index, own, text, numbers in _candidates(doc, tuple(e.regex for e in entries)):
        # NOTE: entries are in priority order; a later, wider entry must not report again
        # the words an earlier one already did (the level "послевузовское профессиональное
        # образование" inside the title of the repealed 125-ФЗ).
        taken: list[tuple[int, int]] = []
        for number in numbers:
            entry = entries[number]
            for found in entry.regex.finditer(text):
                if (entry.once and number in reported) or found.start() >= len(own):
                    break
                if any(found.start() < end and start < found.end() for start, end in taken):
                    continue
                if entry.not_before and entry.not_before.search(
                        text[max(0, found.start() - 60):found.start()]):
                    continue
                if entry.not_after and entry.not_after.match(text, found.end()):
                    continue
                taken.append((found.start(), found.end()))
                reported.add(number)
                yield _finding(doc, ctx, index, found.group(0), entry, approved,
                               kinds.get(entry.kind) or kinds.get("act") or {})


def _candidates(doc: Document, regexes: tuple[Deferred, ...]
                ) -> Iterator[tuple[int, str, str, list[int]]]:
    """(block, its text, the text matched, the patterns that may match it) for each block of
    the span some pattern may match, in order.

    NOTE: only the entries whose literal words occur in a block can match there: the
    prefilter's substring tests replace a case-insensitive regex scan per entry, which found
    nothing in nearly every block (issue 19). A term may wrap onto the clause's next line
    ("имеющее начальное" / "профессиональное образование"): a block is matched together with
    the line that continues its clause, and only matches that start in the block itself are
    its own.
    """
    blocks = doc.raw.blocks
    wrapped = {a: b for clause in doc.clauses() for a, b in zip(
        clause.blocks, clause.blocks[1:], strict=False) if b < len(blocks)}
    # NOTE: ``Prefilter.live`` of every block read (those of the span and the lines continuing
    # their clauses) from one pass per literal over the document (issue 19). A block and its
    # next line joined by a space hold the literals of either (lowercasing is per character
    # here), so their ``live`` is the union of the two, unless a literal holds a space and
    # could span the join: then ``live`` is asked of the joined text.
    lo = doc.span.start
    hi = min(len(blocks), max(doc.span.stop, 1 + max(wrapped.values(), default=-1)))
    lives = live_per_block(regexes, [blocks[i].text for i in range(lo, hi)])
    spanning = spaced(regexes)
    for index in doc.span:
        if index >= len(blocks) or index in doc.noise:
            continue
        nxt = wrapped.get(index)
        numbers = lives[index - lo]
        own = blocks[index].text
        text = own
        if nxt is not None:
            text = f"{own} {blocks[nxt].text}"
            if spanning:
                numbers = literals.prefilter(regexes).live(text)
            elif nxt >= lo and lives[nxt - lo]:  # NOTE: a line before the span is not read
                numbers = sorted(set(numbers).union(lives[nxt - lo]))
        if numbers:
            yield index, own, text, numbers


def _finding(doc: Document, ctx: RuleContext, index: int, match: str, entry: _Entry,
             approved: date | None, wording: Mapping[str, Any]) -> Finding:
    severity = entry.severity
    was_valid = (approved is not None and entry.until is not None
                 and approved <= entry.until)
    if was_valid:
        severity = Severity.INFO
    until = entry.until.strftime("%d.%m.%Y") if entry.until else "?"
    note = ctx.localized(ctx.texts["valid_when_approved"]) if was_valid else ""
    lead = ctx.localized(wording["lead"]) if wording.get("lead") else ""
    instead = ctx.localized(wording["instead"]) if wording.get("instead") else ""
    return ctx.report(
        citable(ctx, doc, index), match=match, severity=severity,
        current=ctx.localized(entry.replacement), until=until, lead=lead, instead=instead,
        note=note.format(until=until),
        data={"until": entry.until.isoformat() if entry.until else None,
              "approved": approved.isoformat() if approved else None,
              "kind": entry.kind})
