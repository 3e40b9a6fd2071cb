"""JD104's section checks as they were before this round's speed-ups (main 4edbdfd,
``jdlint.checklib.numbering_sections``), kept verbatim besides this docstring and the imports
(the old ``section_value`` and ``decimal_clauses`` from ``legacy_numbering``, which uses these).
"""
# ruff: noqa

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Final

from jdlint.checklib.numbering_model import Reporter, clause_label, is_decimal, roman_value, to_roman
from jdlint.core.model import Clause, Document, Finding, Section
from legacy_numbering_model import decimal_clauses, section_value


# A second section number at the start of a heading: "I. I. Общие положения", "6. 7. Права".
_DOUBLED: Final = re.compile(r"^((?:[IVXLC]+)|\d{1,2})\.\s+(?=\w)")


def shared_headings(doc: Document) -> list[Section]:
    """Sections whose decimal number continues the clause numbers before them (one flat list).

    Only a pattern when it holds for two sections or more ("26. ФУНКЦИИ", "33. …"): a single
    coincidence is judged as an ordinary section number.
    """
    shared: list[Section] = []
    last_top: int | None = None
    for section in doc.sections:
        value = section_value(section)
        if (section.number or "").isdigit() and value is not None and last_top is not None \
                and value == last_top + 1 and value > 2:
            shared.append(section)
        tops = [c.number[0] for c in section.clauses if is_decimal(c) and len(c.number) == 1]
        last_top = tops[-1] if tops else None
    return shared if len(shared) >= 2 else []


def mismatched_headings(doc: Document) -> dict[int, int]:
    """{index of a numbered section heading: the section number its clauses carry instead}.

    "1. PAREIGOS" followed by clauses 2.1, 2.1.1 … reaches this check as a titled section with
    no clause and an untitled section "2" holding the clauses (the structure layer starts a
    section where the clause prefix changes). The heading and its clauses disagree: one
    finding at the heading; the untitled section is no section of its own.
    """
    out: dict[int, int] = {}
    for index, (head, body) in enumerate(pairwise(doc.sections)):
        value, carried = section_value(head), section_value(body)
        if value is None or carried is None or value == carried or not head.heading \
                or body.heading or head.all_clauses() or not decimal_clauses(body):
            continue
        if not (head.number or "").isdigit():
            continue  # NOTE: a Roman chapter over clauses 3.1 … is flat numbering, by design
        out[index] = carried
    return out


def _doubled(section: Section) -> int | None:
    """The second number of a heading numbered twice ("I. I. Общие положения", "6. 7. Права")."""
    found = _DOUBLED.match(section.heading)
    if found is None or section_value(section) is None:
        return None
    token = found.group(1)
    roman = roman_value(token)
    decimal_head = (section.number or "").isdigit()
    if decimal_head and token.isdigit():
        return int(token)
    return roman if not decimal_head else None


def check_sections(doc: Document, out: Reporter, shared: list[Section]) -> Iterator[Finding]:
    """Section numbers in sequence: a gap, a repeat, a step back, a heading numbered twice, a
    heading that disagrees with its clauses, numbering that does not start at 1.

    After a defect the next section may follow either the number written or the number that
    was expected ("1, 1, 3": the second 1 is the slip, 3 is right), so one slip is one finding.
    """
    if shared:
        yield _shared(doc, out, shared)
        return
    yield from _start(doc, out)
    mismatched = mismatched_headings(doc)
    last: int | None = None
    slip: int | None = None
    prev_number = "—"
    last_clause = ""
    for index, section in enumerate(doc.sections):
        value = section_value(section)
        own = decimal_clauses(section)
        if value is None or index - 1 in mismatched:
            last_clause = clause_label(own[-1]) if own else last_clause
            continue
        roman = roman_value(section.number or "") is not None
        number = section.number or ""
        second = _doubled(section)
        if index in mismatched:
            carried = mismatched[index]
            body = decimal_clauses(doc.sections[index + 1])
            yield out.block(section, "heading", previous=last_clause or prev_number, label=number,
                            expected=str(carried), clauses=_run(body))
            value = carried
        elif second is not None:
            fits = [v for v in (value, second)
                    if last is None or v in (last + 1, (slip or -9) + 1)]
            shown = fits[0] if fits else (last + 1 if last is not None else value)
            yield out.block(section, "doubled", previous=prev_number,
                            label=f"{number}. {_show_value(second, roman)}",
                            expected=_show_value(shown, roman))
            value = shown
        elif last is None:
            pass
        elif value != last + 1 and not (slip is not None and value == slip + 1):
            expected = last + 1
            kind = "section_repeat" if value == last else (
                "section_gap" if value > expected else "section_back")
            yield out.block(section, kind, previous=prev_number, label=number,
                            expected=_show_value(expected, roman))
            slip = expected
        else:
            slip = None
        last, prev_number = value, number
        last_clause = clause_label(own[-1]) if own else number


def _start(doc: Document, out: Reporter) -> Iterator[Finding]:
    """Numbering that starts above 1: the first number of the instruction (a section heading's
    or a clause's) is 2 or more and opens a rising sequence — at least one more top-level
    number follows and none is lower. A lone quoted clause ("4.1–4.3" cited in an article) or
    a date read as a number before "1. Общие положения" starts nothing."""
    tops: list[tuple[int, Section, Clause | None]] = []
    for section in doc.sections:
        value = section_value(section)
        if value is not None:
            tops.append((value, section, None))
        tops.extend((c.number[0], section, c) for c in decimal_clauses(section))
    if not tops:
        return
    first, section, clause = tops[0]
    later = {value for value, _, _ in tops[1:]}
    if first < 2 or not later or min(later) < first or later == {first}:
        return
    roman = roman_value(section.number or "") is not None and clause is None
    if clause is None:
        yield out.block(section, "start", previous="—", label=section.number or "",
                        expected=_show_value(1, roman))
    else:
        yield out.clause(clause, "start", previous="—", expected="1")


def _show_value(value: int, roman: bool) -> str:
    return to_roman(value) if roman else str(value)


def _run(clauses: list[Clause]) -> str:
    """"2.1, 2.1.1 … 2.1.22": the first two clause numbers and the last."""
    labels = [clause_label(c) for c in clauses]
    if len(labels) <= 3:
        return ", ".join(labels)
    return f"{labels[0]}, {labels[1]} … {labels[-1]}"


def _shared(doc: Document, out: Reporter, shared: list[Section]) -> Finding:
    first = shared[0]
    numbered = [s for s in doc.sections if section_value(s) is not None]
    index = numbered.index(first)
    expected = (section_value(numbered[index - 1]) or 0) + 1 if index else 1
    preceding = numbered[index - 1] if index else None
    tops = [c for c in preceding.all_clauses() if is_decimal(c)] if preceding else []
    previous = clause_label(tops[-1]) if tops else (
        preceding.number or "" if preceding else "")
    return out.block(first, "shared", previous=previous,
                     label=f"{first.number}. {first.heading}".strip(". "),
                     expected=str(expected))
