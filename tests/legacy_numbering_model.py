"""JD104's number helpers as they were before this round's speed-ups (main 4edbdfd,
``jdlint.checklib.numbering_model``): ``section_value``, ``decimal_clauses`` and ``judge``.
"""
# ruff: noqa

from __future__ import annotations

from jdlint.checklib.numbering_model import Number, Verdict, is_decimal, roman_value, successors
from jdlint.core.model import Clause, Section


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
