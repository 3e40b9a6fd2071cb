"""JD104 numbering-defect: clause and section numbers as Word shows them, checked in sequence.

Every decimal clause number ("2.3", "6", "1.4.12"; typed or Word auto-numbering, the structure
layer already rebuilt what Word draws) is compared with the numbers that may legally follow the
previous one: its first child (2.3 → 2.3.1), or the next sibling at any level (2.3.4 → 2.4).
Bullets and "1)" / "а)" sub-items are not part of the sequence: they restart in every clause.

Two numbering styles are accepted:

* hierarchical ("1. Общие положения", 1.1, 1.2 …; 2.1 …): every clause carries its section's
  number. A run of bare "1.", "2.", "3." inside section 4 is one "restart" finding (on the run's
  first clause, not one per clause); a bare "6." after 1.5 is a wrong-level finding (1.6 was
  expected) and the clauses after it are judged as if it were 1.6;
* flat (Lithuanian "I. BENDROSIOS NUOSTATOS" with clauses 1.–25. continuing across chapters, or
  Roman chapters restarting at 1.): clause numbers carry no section number, and each section
  may either continue the sequence or restart at 1.

Section numbers (1., 2., 3. or I…VII) must follow each other too. When section headings take
their numbers from the clause sequence itself (Word's one flat list "1. ОБЩИЕ ПОЛОЖЕНИЯ",
clauses 2–25, "26. ФУНКЦИИ" …), that is reported once per instruction, not for every section.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final

from jdlint.checklib.numbering_model import (
    Number,
    Reporter,
    clause_label,
    decimal_clauses,
    heading_clause,
    heading_like_clauses,
    is_decimal,
    judge,
    roman_value,
    section_value,
    show,
)
from jdlint.checklib.numbering_sections import check_sections, shared_headings
from jdlint.core.model import Clause, Document, Finding, Section
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

# A repeated number or a step back is usually one mistyped clause ("3, 3, 5"; "4.10, 4.1,
# 4.12"): the next clause may follow the number that was expected there, without a finding.
_SLIPS: Final = frozenset({"repeat", "back"})

# NOTE: re-exported: other checks import the clause-number helpers from here.
__all__ = ["decimal_clauses", "heading_clause", "heading_like_clauses", "is_decimal", "roman_value",
           "section_value"]


def _hierarchical(doc: Document, skip: Mapping[int, Section]) -> bool:
    multi = flat = 0
    for section in doc.sections:
        tops = [c for c in section.clauses if is_decimal(c)]
        if skip:
            tops = [c for c in tops if c.first_block not in skip]
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
        prev_text: str | Clause = section.number or str(s)
        slip: Number | None = None
        run = False
        foreign: list[tuple[Clause, Number, str | Clause]] = []
        numbered = _numbered(section, skip)
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
                s, prev, prev_text, slip = n[0], n, c, None
                continue
            elif n[0] != s or len(n) == 1:
                if n == (1,):
                    run = True
                    yield out.clause(c, "restart", previous=_said(prev_text), expected=f"{s}.1",
                                     section=section.number or str(s))
                    prev, prev_text = (s, 1), c
                    continue
                verdict = judge(prev, n, 1)
                expected = verdict.expected if verdict else n
                if _carries_other_prefix(n, s, prev):
                    # NOTE: a run of clauses carrying another section's number is one
                    # systematic defect: one finding that lists them (see _foreign_run).
                    foreign.append((c, expected, prev_text))
                else:
                    yield out.clause(c, "level", previous=_said(prev_text),
                                     expected=show(expected))
                prev, prev_text = expected, c
                slip = None
                continue
            verdict = judge(prev, n, 1)
            if verdict is not None and not (slip is not None and judge(slip, n, 1) is None):
                shown = verdict.expected[1:] if run else verdict.expected
                kind = verdict.kind
                if kind == "back" and k + 1 < len(numbered) and not run \
                        and _confirms(verdict.expected, numbered[k + 1].number):
                    kind = "slip"  # NOTE: "4.10, 4.1, 4.12": 4.11 was meant, say so
                yield out.clause(c, kind, previous=_said(prev_text),
                                 expected=out.alternatives(verdict, shown))
                slip = verdict.expected if verdict.kind in _SLIPS else None
            else:
                slip = None
            # NOTE: the clause, not its label: the label is worded only for a finding
            prev, prev_text = n, c
        if foreign:
            yield _foreign_run(out, foreign, section, s)


def _confirms(expected: Number, following: Number, floor: int = 1) -> bool:
    """The clause after a step back follows the number that was expected there."""
    return judge(expected, following, floor) is None


def _carries_other_prefix(n: Number, s: int, prev: Number) -> bool:
    """"2.5" in section 3 right after 3.4 (or 3.4 read so): the section number is another's."""
    return len(n) >= 2 and n[0] != s and prev[0] == s \
        and judge(prev, (s, *n[1:]), 1) is None


def _foreign_run(out: Reporter, run: list[tuple[Clause, Number, str | Clause]],
                 section: Section, s: int) -> Finding:
    first, expected, before = run[0]
    previous = _said(before)
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
        decs = _numbered(section, skip)
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
    prev_text: str | Clause = ""
    for section in doc.sections:
        value = section_value(section)
        if value is not None and (section in shared or (
                prev is None and shared and _starts_at_two(section, skip))):
            # NOTE: the heading took the next number of the clause sequence (one flat list)
            prev, prev_text = (value,), str(value)
        start = True
        slip = None
        numbered = _numbered(section, skip)
        for k, c in enumerate(numbered):
            n = c.number
            if start:
                start = False
                if n == (1,) or (prev is not None and judge(prev, n, 0) is None):
                    prev, prev_text = n, c
                    continue
                if prev is None and section_value(section) is None:
                    # NOTE: the instruction's first number, under no numbered heading:
                    # numbering_sections._start judges where the numbering starts, with the
                    # whole sequence in view.
                    prev, prev_text = n, c
                    continue
                if prev is None or style == "restart":
                    base: Number = (0,)
                    previous = section.number or ""
                else:
                    base, previous = prev, _said(prev_text)
                verdict = judge(base, n, 0)
                if verdict is not None:
                    yield out.clause(c, verdict.kind, previous=previous,
                                     expected=show(verdict.expected))
                prev, prev_text = n, c
                continue
            assert prev is not None
            verdict = judge(prev, n, 0)
            if verdict is not None and not (slip is not None and judge(slip, n, 0) is None):
                kind = verdict.kind
                if kind == "back" and k + 1 < len(numbered) \
                        and _confirms(verdict.expected, numbered[k + 1].number, 0):
                    kind = "slip"
                yield out.clause(c, kind, previous=_said(prev_text),
                                 expected=out.alternatives(verdict, verdict.expected))
                slip = verdict.expected if verdict.kind in _SLIPS else None
                if verdict.kind == "level":
                    prev, prev_text = verdict.expected, c
                    continue
            else:
                slip = None
            prev, prev_text = n, c


def _starts_at_two(section: Section, skip: Mapping[int, Section]) -> bool:
    decs = _numbered(section, skip)
    return bool(decs) and decs[0].number == (2,)


def _numbered(section: Section, skip: Mapping[int, Section]) -> list[Clause]:
    """The decimal clauses of ``section`` but those ``skip`` holds (most documents skip none:
    then no clause is looked up)."""
    decs = decimal_clauses(section)
    return [c for c in decs if c.first_block not in skip] if skip else decs


def _said(prev: str | Clause) -> str:
    """What "after …" names (``Reporter.ref``): the clause before is kept as itself, and its
    label worded only for a finding (issue 19: a label made for every clause)."""
    return prev if isinstance(prev, str) else clause_label(prev)




@implements("JD104")
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
