"""JD104 as it was before this round's speed-ups (main 4edbdfd, ``jdlint.checks.numbering_check``),
kept verbatim besides this docstring and the imports (the old helpers from
``legacy_numbering_model`` and the old section checks from ``legacy_numbering_sections``), so
that tests/test_perf_rules5.py compares it with the new one on the same documents: same
findings.
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
from legacy_numbering_model import decimal_clauses, judge, section_value
from legacy_numbering_sections import check_sections, shared_headings

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


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
