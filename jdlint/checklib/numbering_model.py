"""Numbers of JD104: reading clause and section numbers, judging one number after another,
and wording a finding (the ``Reporter``). The checks themselves are ``numbering_check.py``
(clauses) and ``numbering_sections.py`` (section numbers and headings)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from jdlint.core.model import Clause, Document, Finding, Section
from jdlint.core.records import record
from jdlint.core.text import roman_value

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = [
    "Number",
    "Reporter",
    "Verdict",
    "clause_label",
    "decimal_clauses",
    "heading_at",
    "heading_clause",
    "heading_like_clauses",
    "is_decimal",
    "judge",
    "roman_value",
    "section_value",
    "show",
    "successors",
    "to_roman",
]


_DECIMAL_LABEL: Final = re.compile(r"^\d+(?:\.\d+)*\.?$")

Number = tuple[int, ...]


def section_value(section: Section) -> int | None:
    """The section's number as an integer ("4" → 4, "IV" → 4), None when unnumbered."""
    return _number_value(section.number)


# NOTE: JD104 and JD105 ask this of every section a dozen times a document, and section numbers
# recur ("1", "IV"): the answer depends on the number only.
@lru_cache(maxsize=1024)
def _number_value(number: str | None) -> int | None:
    number = (number or "").strip().rstrip(".")
    if number.isdigit():
        return int(number)
    return roman_value(number)


def is_decimal(clause: Clause) -> bool:
    """A clause numbered "2.3." / "6" (not a bullet, not a "1)" / "а)" sub-item)."""
    return bool(clause.number) and _decimal_label(clause.label)


# NOTE: JD104 and JD105 ask this of every clause several times a document (~500 calls), and
# labels recur ("1.", "2.3."): a cached answer per label is a third of a strip and a match.
@lru_cache(maxsize=4096)
def _decimal_label(label: str) -> bool:
    return _DECIMAL_LABEL.match(label.strip()) is not None


def decimal_clauses(section: Section) -> list[Clause]:
    """The decimal-numbered clauses of a section, nested ones included, in document order."""
    # NOTE: ``is_decimal`` inlined: ~500 calls a document (issue 19)
    return [c for c in section.all_clauses() if c.number and _decimal_label(c.label)]


def heading_like_clauses(doc: Document) -> dict[int, Section]:
    """Clauses that are really the heading of the untitled section after them.

    The structure layer makes an untitled section when clauses 2.1, 2.2 … appear without a
    "2. …" heading it recognised. When the previous section ends with a bare clause "2." that
    has no children, that clause is the heading (worded in a way the heading vocabulary does
    not know, e.g. "2. КВАЛИФИКАЦИОННЫЕ ТРЕБОВАНИЯ И НЕОБХОДИМЫЙ УРОВЕНЬ ЗНАНИЙ."). Returns
    {first block of that clause: the untitled section it heads}.
    """
    out: dict[int, Section] = {}
    for before, section in zip(doc.sections, doc.sections[1:], strict=False):
        value = section_value(section)
        if section.heading or value is None or not before.clauses:
            continue
        last = before.clauses[-1]
        if is_decimal(last) and last.number == (value,) and not last.children:
            out[last.first_block] = section
    return out


def heading_clause(section: Section, at: int) -> Clause | None:
    """The section heading as a clause ("5." → path "5"), so a finding about a section carries
    the number Word shows for it; None for an unnumbered section."""
    if not section.number:
        return None
    value = section_value(section)
    return Clause(f"{section.number}.", section.number, (value,) if value else (),
                  section.heading, (at,))


def show(number: Number) -> str:
    return ".".join(str(n) for n in number)


def clause_label(clause: Clause) -> str:
    return clause.label.strip().rstrip(".") or clause.path


def successors(prev: Number, n: Number, floor: int) -> list[Number]:
    """Numbers that may follow ``prev``; the first ``floor`` components are fixed."""
    out: list[Number] = []
    if len(n) > len(prev):
        out.append((*prev, 1))
    for i in range(len(prev) - 1, floor - 1, -1):
        out.append((*prev[:i], prev[i] + 1))
    return out


@record(slots=True)
class Verdict:
    kind: str  # gap | repeat | back | level
    expected: Number
    alternatives: tuple[Number, ...] = ()


def judge(prev: Number, n: Number, floor: int) -> Verdict | None:
    """None when ``n`` may follow ``prev``; otherwise what is wrong and what was expected."""
    # NOTE: the next sibling and the first child, nearly every clause, answered without listing
    # the successors (issue 19): each is a successor exactly when these tests say so.
    size = len(prev)
    if len(n) == size:
        if size > floor and n[-1] == prev[-1] + 1 and n[:-1] == prev[:-1]:
            return None
    elif len(n) == size + 1 and n[-1] == 1 and n[:-1] == prev:
        return None
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
    # NOTE: "6" after 1.5 means 1.6; "2.5" in section 3 after 3.4 means 3.5: the candidate
    # ending like the clause is the one the author meant.
    siblings = [c for c in candidates if c != (*prev, 1)] or candidates
    same_end = [c for c in siblings if c[-1] == n[-1]
                and (len(c) != len(n) or c[1:-1] == n[1:-1])]
    if same_end:
        return Verdict("level", same_end[0])
    return Verdict("level", (siblings or [n])[0], tuple(siblings))


@record(frozen=False)
class Reporter:
    """Findings of one document, through ctx.report.

    NOTE: the message template is "after {previous} comes {label}, {expected} was expected"
    (tests/test_engine.py uses JD104's message as its fixture, so the placeholders stay);
    kinds whose expectation is not a number word it through the rule's ``texts``.
    """

    ctx: RuleContext
    texts: Mapping[str, Any]

    def text(self, key: str, **fields: object) -> str:
        return self.ctx.localized(self.texts[key]).format(**fields)

    def ref(self, clause: Clause) -> str:
        """What "after …" names: the number as Word shows it ("2.10", "6")."""
        return clause_label(clause)

    def alternatives(self, verdict: Verdict, shown: Number) -> str:
        """The expected number, or "1.4.13 или 1.5" when several were possible."""
        if len(verdict.alternatives) < 2:
            return show(shown)
        cut = len(verdict.expected) - len(shown)
        words = [show(a[cut:]) for a in verdict.alternatives]
        return self.text("either", first=", ".join(words[:-1]), last=words[-1])

    def _expected(self, kind: str, previous: str, label: str, expected: str,
                  section: str, extra: Mapping[str, object]) -> str:
        key = f"expect_{kind}"
        if key not in self.texts:
            return expected
        return self.text(key, previous=previous, label=label, expected=expected,
                         section=section, **extra)

    def clause(self, at: Clause, kind: str, *, previous: str, expected: str,
               section: str = "", **extra: object) -> Finding:
        label = clause_label(at)
        return self.ctx.report(
            at, previous=previous, label=label,
            expected=self._expected(kind, previous, label, expected, section, extra),
            data={"kind": kind, "label": label, "expected": expected, "previous": previous,
                  **extra})

    def block(self, section: Section, kind: str, *, previous: str, label: str,
              expected: str, **extra: object) -> Finding:
        at = heading_at(section)
        return self.ctx.report(
            heading_clause(section, at) or at, previous=previous, label=label,
            expected=self._expected(kind, previous, label, expected, label, extra),
            data={"kind": kind, "label": label, "expected": expected, "previous": previous,
                  **extra})


def heading_at(section: Section) -> int:
    """The block a finding about a whole section points at: its heading, else its first clause."""
    if section.heading_block is not None:
        return section.heading_block
    clauses = section.all_clauses()
    return clauses[0].first_block if clauses else section.blocks.start


def to_roman(value: int) -> str:
    """4 → "IV"."""
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                            (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out

