"""JD104 as it was before this round's speed-ups (main 4edbdfd), kept verbatim besides this
docstring, the imports and two renames (``judge``, ``decimal_clauses``: the old ones, below), so
that tests/test_perf_rules4.py compares it with ``jdlint.checks.numbering_check`` on the same
documents: same findings.
"""
# ruff: noqa

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from jdlint.checklib.numbering_model import (
    Number,
    Reporter,
    Verdict,
    clause_label,
    heading_like_clauses,
    is_decimal,
    roman_value,
    show,
    successors,
    to_roman,
)
from jdlint.core.model import Clause, Document, Finding, Section

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


def section_value(section: Section) -> int | None:
    number = (section.number or "").strip().rstrip(".")
    if number.isdigit():
        return int(number)
    return roman_value(number)


def decimal_clauses(section: Section) -> list[Clause]:
    return [c for c in section.all_clauses() if is_decimal(c)]


def judge(prev: Number, n: Number, floor: int) -> Verdict | None:
    candidates = successors(prev, n, floor)
    if n in candidates:
        return None
    for c in candidates:
        if len(c) == len(n) and c[:-1] == n[:-1]:
            if n[-1] > c[-1]:
                return Verdict("gap", c)
            if n[-1] == c[-1] - 1:
                return Verdict("repeat", c)
            return Verdict("back", c)
    siblings = [c for c in candidates if c != (*prev, 1)] or candidates
    same_end = [c for c in siblings if c[-1] == n[-1]
                and (len(c) != len(n) or c[1:-1] == n[1:-1])]
    if same_end:
        return Verdict("level", same_end[0])
    return Verdict("level", (siblings or [n])[0], tuple(siblings))


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


# A repeated number or a step back is usually one mistyped clause ("3, 3, 5"; "4.10, 4.1,
# 4.12"): the next clause may follow the number that was expected there, without a finding.
_SLIPS: Final = frozenset({"repeat", "back"})



def _hierarchical(doc: Document, skip: Mapping[int, Section]) -> bool:
    multi = flat = 0
    for section in doc.sections:
        tops = [c for c in section.clauses if is_decimal(c) and c.first_block not in skip]
        if not tops:
            continue
        if sum(len(c.number) >= 2 for c in tops) * 2 >= len(tops):
            multi += 1
        else:
            flat += 1
    return multi > 0 and multi >= flat


def _heads_its_run(numbered: list[Clause], k: int) -> bool:
    """True when the bare clause at ``k`` is followed by a sub-clause of its own number."""
    if k + 1 >= len(numbered):
        return False
    after = numbered[k + 1].number
    return len(after) >= 2 and after[0] == numbered[k].number[0]


def _prefix(section: Section) -> int | None:
    value = section_value(section)
    if value is not None:
        return value
    firsts = [c.number[0] for c in decimal_clauses(section) if len(c.number) >= 2]
    return max(set(firsts), key=firsts.count) if firsts else None


def _check_hierarchical(doc: Document, out: Reporter, skip: Mapping[int, Section]
                        ) -> Iterator[Finding]:
    for section in doc.sections:
        s = _prefix(section)
        if s is None:
            continue
        prev: Number = (s,)
        prev_text = section.number or str(s)
        slip: Number | None = None
        run = False
        foreign: list[tuple[Clause, Number, str]] = []
        numbered = [c for c in decimal_clauses(section) if c.first_block not in skip]
        for k, c in enumerate(numbered):
            n = c.number
            if foreign and not _carries_other_prefix(n, s, prev):
                yield _foreign_run(out, foreign, section, s)
                foreign = []
            if run:
                n = (s, *n)
            elif n == (s,) and prev == (s,) and section.number is None:
                # NOTE: "3." then 3.1 in a section without a heading: the bare clause is the
                # section's own number (a heading worded outside the heading vocabulary).
                continue
            elif section.number is None and len(n) == 1 and _heads_its_run(numbered, k):
                # NOTE: "1. Область применения" 1.1 … "2. Обозначения" 2.1 … in a section
                # without a heading: each bare clause is a heading worded outside the
                # vocabulary, and the clauses after it carry its number.
                s, prev, prev_text, slip = n[0], n, out.ref(c), None
                continue
            elif n[0] != s or len(n) == 1:
                if n == (1,):
                    run = True
                    yield out.clause(c, "restart", previous=prev_text, expected=f"{s}.1",
                                     section=section.number or str(s))
                    prev, prev_text = (s, 1), out.ref(c)
                    continue
                verdict = judge(prev, n, 1)
                expected = verdict.expected if verdict else n
                if _carries_other_prefix(n, s, prev):
                    # NOTE: a run of clauses carrying another section's number is one
                    # systematic defect: one finding that lists them (see _foreign_run).
                    foreign.append((c, expected, prev_text))
                else:
                    yield out.clause(c, "level", previous=prev_text, expected=show(expected))
                prev, prev_text = expected, out.ref(c)
                slip = None
                continue
            verdict = judge(prev, n, 1)
            if verdict is not None and not (slip is not None and judge(slip, n, 1) is None):
                shown = verdict.expected[1:] if run else verdict.expected
                kind = verdict.kind
                if kind == "back" and k + 1 < len(numbered) and not run \
                        and _confirms(verdict.expected, numbered[k + 1].number):
                    kind = "slip"  # NOTE: "4.10, 4.1, 4.12": 4.11 was meant, say so
                yield out.clause(c, kind, previous=prev_text,
                                 expected=out.alternatives(verdict, shown))
                slip = verdict.expected if verdict.kind in _SLIPS else None
            else:
                slip = None
            prev, prev_text = n, out.ref(c)
        if foreign:
            yield _foreign_run(out, foreign, section, s)


def _confirms(expected: Number, following: Number, floor: int = 1) -> bool:
    """The clause after a step back follows the number that was expected there."""
    return judge(expected, following, floor) is None


def _carries_other_prefix(n: Number, s: int, prev: Number) -> bool:
    """"2.5" in section 3 right after 3.4 (or 3.4 read so): the section number is another's."""
    return len(n) >= 2 and n[0] != s and prev[0] == s \
        and judge(prev, (s, *n[1:]), 1) is None


def _foreign_run(out: Reporter, run: list[tuple[Clause, Number, str]], section: Section,
                 s: int) -> Finding:
    first, expected, previous = run[0]
    if len(run) == 1:
        return out.clause(first, "level", previous=previous, expected=show(expected))
    wrong = run[0][0].number[0]
    shown = f"{show(expected)}–{show(run[-1][1])}"
    return out.clause(first, "prefix", previous=previous, expected=shown,
                      section=section.number or str(s), wrong=str(wrong),
                      clauses=", ".join(out.ref(c) for c, _, _ in run))


def _flat_style(doc: Document, skip: Mapping[int, Section]) -> str:
    restarts = continues = 0
    last: Number | None = None
    for section in doc.sections:
        decs = [c for c in decimal_clauses(section) if c.first_block not in skip]
        if not decs:
            continue
        if last is not None:
            if decs[0].number == (1,):
                restarts += 1
            else:
                continues += 1
        last = decs[-1].number
    return "restart" if restarts > continues else "continue"


def _check_flat(doc: Document, out: Reporter, skip: Mapping[int, Section],
                shared: list[Section]) -> Iterator[Finding]:
    style = _flat_style(doc, skip)
    prev: Number | None = None
    slip: Number | None = None
    prev_text = ""
    for section in doc.sections:
        value = section_value(section)
        if value is not None and (section in shared or (
                prev is None and shared and _starts_at_two(section, skip))):
            # NOTE: the heading took the next number of the clause sequence (one flat list)
            prev, prev_text = (value,), str(value)
        start = True
        slip = None
        numbered = [c for c in decimal_clauses(section) if c.first_block not in skip]
        for k, c in enumerate(numbered):
            n = c.number
            if start:
                start = False
                if n == (1,) or (prev is not None and judge(prev, n, 0) is None):
                    prev, prev_text = n, out.ref(c)
                    continue
                if prev is None and section_value(section) is None:
                    # NOTE: the instruction's first number, under no numbered heading:
                    # numbering_sections._start judges where the numbering starts, with the
                    # whole sequence in view.
                    prev, prev_text = n, out.ref(c)
                    continue
                if prev is None or style == "restart":
                    base: Number = (0,)
                    previous = section.number or ""
                else:
                    base, previous = prev, prev_text
                verdict = judge(base, n, 0)
                if verdict is not None:
                    yield out.clause(c, verdict.kind, previous=previous,
                                     expected=show(verdict.expected))
                prev, prev_text = n, out.ref(c)
                continue
            assert prev is not None
            verdict = judge(prev, n, 0)
            if verdict is not None and not (slip is not None and judge(slip, n, 0) is None):
                kind = verdict.kind
                if kind == "back" and k + 1 < len(numbered) \
                        and _confirms(verdict.expected, numbered[k + 1].number, 0):
                    kind = "slip"
                yield out.clause(c, kind, previous=prev_text,
                                 expected=out.alternatives(verdict, verdict.expected))
                slip = verdict.expected if verdict.kind in _SLIPS else None
                if verdict.kind == "level":
                    prev, prev_text = verdict.expected, out.ref(c)
                    continue
            else:
                slip = None
            prev, prev_text = n, out.ref(c)


def _starts_at_two(section: Section, skip: Mapping[int, Section]) -> bool:
    decs = [c for c in decimal_clauses(section) if c.first_block not in skip]
    return bool(decs) and decs[0].number == (2,)




def numbering_defect(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report gaps, repeats, regressions, restarts and wrong-level numbers, clause by clause."""
    out = Reporter(ctx, ctx.texts)
    skip = heading_like_clauses(doc)
    if _hierarchical(doc, skip):
        yield from check_sections(doc, out, [])
        yield from _check_hierarchical(doc, out, skip)
    else:
        shared = shared_headings(doc)
        yield from check_sections(doc, out, shared)
        yield from _check_flat(doc, out, skip, shared)
