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

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from jdlint.model import Clause, Document, Finding, Section
from jdlint.registry import implements

if TYPE_CHECKING:
    from jdlint.engine import RuleContext

__all__ = ["decimal_clauses", "heading_clause", "heading_like_clauses", "is_decimal", "roman_value",
           "section_value"]

_DECIMAL_LABEL: Final = re.compile(r"^\d+(?:\.\d+)*\.?$")
_ROMAN_LABEL: Final = re.compile(r"^[IVXLC]+$")
_ROMAN_DIGITS: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

Number = tuple[int, ...]


def roman_value(text: str) -> int | None:
    """"IV" → 4; None when ``text`` is not an upper-case Roman numeral."""
    text = text.strip().rstrip(".")
    if not text or not _ROMAN_LABEL.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_DIGITS[ch]
        if i + 1 < len(text) and _ROMAN_DIGITS[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def section_value(section: Section) -> int | None:
    """The section's number as an integer ("4" → 4, "IV" → 4), None when unnumbered."""
    number = (section.number or "").strip().rstrip(".")
    if number.isdigit():
        return int(number)
    return roman_value(number)


def is_decimal(clause: Clause) -> bool:
    """A clause numbered "2.3." / "6" (not a bullet, not a "1)" / "а)" sub-item)."""
    return bool(clause.number) and bool(_DECIMAL_LABEL.match(clause.label.strip()))


def decimal_clauses(section: Section) -> list[Clause]:
    """The decimal-numbered clauses of a section, nested ones included, in document order."""
    return [c for c in section.all_clauses() if is_decimal(c)]


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


def _show(number: Number) -> str:
    return ".".join(str(n) for n in number)


def _label(clause: Clause) -> str:
    return clause.label.strip().rstrip(".") or clause.path


def _candidates(prev: Number, n: Number, floor: int) -> list[Number]:
    """Numbers that may follow ``prev``; the first ``floor`` components are fixed."""
    out: list[Number] = []
    if len(n) > len(prev):
        out.append((*prev, 1))
    for i in range(len(prev) - 1, floor - 1, -1):
        out.append((*prev[:i], prev[i] + 1))
    return out


@dataclass(frozen=True, slots=True)
class _Verdict:
    kind: str  # gap | repeat | back | level
    expected: Number
    alternatives: tuple[Number, ...] = ()


def _judge(prev: Number, n: Number, floor: int) -> _Verdict | None:
    """None when ``n`` may follow ``prev``; otherwise what is wrong and what was expected."""
    candidates = _candidates(prev, n, floor)
    if n in candidates:
        return None
    for c in candidates:
        if len(c) == len(n) and c[:-1] == n[:-1]:
            if n[-1] > c[-1]:
                return _Verdict("gap", c)
            if n[-1] == c[-1] - 1:
                return _Verdict("repeat", c)
            return _Verdict("back", c)
    # NOTE: "6" after 1.5 means 1.6; "2.5" in section 3 after 3.4 means 3.5: the candidate
    # ending like the clause is the one the author meant.
    siblings = [c for c in candidates if c != (*prev, 1)] or candidates
    same_end = [c for c in siblings if c[-1] == n[-1]
                and (len(c) != len(n) or c[1:-1] == n[1:-1])]
    if same_end:
        return _Verdict("level", same_end[0])
    return _Verdict("level", (siblings or [n])[0], tuple(siblings))


@dataclass
class _Out:
    """Findings of one document, through ctx.report.

    NOTE: the message template is "after {previous} comes {label}, {expected} was expected"
    (tests/test_engine.py uses JD104's message as its fixture, so the placeholders stay);
    kinds whose expectation is not a number word it through ``texts`` in the rule options.
    """

    ctx: RuleContext
    texts: Mapping[str, Any]

    def text(self, key: str, **fields: object) -> str:
        return self.ctx.localized(self.texts[key]).format(**fields)

    def ref(self, clause: Clause) -> str:
        """What "after …" names: the number as Word shows it ("2.10", "6")."""
        return _label(clause)

    def alternatives(self, verdict: _Verdict, shown: Number) -> str:
        """The expected number, or "1.4.13 или 1.5" when several were possible."""
        if len(verdict.alternatives) < 2:
            return _show(shown)
        cut = len(verdict.expected) - len(shown)
        words = [_show(a[cut:]) for a in verdict.alternatives]
        return self.text("either", first=", ".join(words[:-1]), last=words[-1])

    def _expected(self, kind: str, previous: str, label: str, expected: str,
                  section: str) -> str:
        key = f"expect_{kind}"
        if key not in self.texts:
            return expected
        return self.text(key, previous=previous, label=label, expected=expected,
                         section=section)

    def clause(self, at: Clause, kind: str, *, previous: str, expected: str,
               section: str = "") -> Finding:
        label = _label(at)
        return self.ctx.report(
            at, previous=previous, label=label,
            expected=self._expected(kind, previous, label, expected, section),
            data={"kind": kind, "label": label, "expected": expected, "previous": previous})

    def block(self, section: Section, kind: str, *, previous: str, label: str,
              expected: str) -> Finding:
        at = _heading_at(section)
        return self.ctx.report(
            heading_clause(section, at) or at, previous=previous, label=label,
            expected=self._expected(kind, previous, label, expected, label),
            data={"kind": kind, "label": label, "expected": expected, "previous": previous})


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


def _prefix(section: Section) -> int | None:
    value = section_value(section)
    if value is not None:
        return value
    firsts = [c.number[0] for c in decimal_clauses(section) if len(c.number) >= 2]
    return max(set(firsts), key=firsts.count) if firsts else None


def _check_hierarchical(doc: Document, out: _Out, skip: Mapping[int, Section]
                        ) -> Iterator[Finding]:
    for section in doc.sections:
        s = _prefix(section)
        if s is None:
            continue
        prev: Number = (s,)
        prev_text = section.number or str(s)
        run = False
        for c in decimal_clauses(section):
            if c.first_block in skip:
                continue
            n = c.number
            if run:
                n = (s, *n)
            elif n[0] != s or len(n) == 1:
                if n == (1,):
                    run = True
                    yield out.clause(c, "restart", previous=prev_text, expected=f"{s}.1",
                                     section=section.number or str(s))
                    prev, prev_text = (s, 1), out.ref(c)
                    continue
                verdict = _judge(prev, n, 1)
                expected = verdict.expected if verdict else n
                yield out.clause(c, "level", previous=prev_text, expected=_show(expected))
                prev, prev_text = expected, out.ref(c)
                continue
            verdict = _judge(prev, n, 1)
            if verdict is not None:
                shown = verdict.expected[1:] if run else verdict.expected
                yield out.clause(c, verdict.kind, previous=prev_text,
                                 expected=out.alternatives(verdict, shown))
            prev, prev_text = n, out.ref(c)


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


def _check_flat(doc: Document, out: _Out, skip: Mapping[int, Section],
                shared: list[Section]) -> Iterator[Finding]:
    style = _flat_style(doc, skip)
    prev: Number | None = None
    prev_text = ""
    for section in doc.sections:
        value = section_value(section)
        if value is not None and (section in shared or (
                prev is None and shared and _starts_at_two(section, skip))):
            # NOTE: the heading took the next number of the clause sequence (one flat list)
            prev, prev_text = (value,), str(value)
        start = True
        for c in decimal_clauses(section):
            if c.first_block in skip:
                continue
            n = c.number
            if start:
                start = False
                if n == (1,) or (prev is not None and _judge(prev, n, 0) is None):
                    prev, prev_text = n, out.ref(c)
                    continue
                if prev is None or style == "restart":
                    base: Number = (0,)
                    previous = section.number or ""
                else:
                    base, previous = prev, prev_text
                verdict = _judge(base, n, 0)
                if verdict is not None:
                    yield out.clause(c, verdict.kind, previous=previous,
                                     expected=_show(verdict.expected))
                prev, prev_text = n, out.ref(c)
                continue
            assert prev is not None
            verdict = _judge(prev, n, 0)
            if verdict is not None:
                yield out.clause(c, verdict.kind, previous=prev_text,
                                 expected=out.alternatives(verdict, verdict.expected))
                if verdict.kind == "level":
                    prev, prev_text = verdict.expected, out.ref(c)
                    continue
            prev, prev_text = n, out.ref(c)


def _starts_at_two(section: Section, skip: Mapping[int, Section]) -> bool:
    decs = [c for c in decimal_clauses(section) if c.first_block not in skip]
    return bool(decs) and decs[0].number == (2,)


def _shared_headings(doc: Document) -> list[Section]:
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


def _heading_at(section: Section) -> int:
    if section.heading_block is not None:
        return section.heading_block
    clauses = section.all_clauses()
    return clauses[0].first_block if clauses else section.blocks.start


def _check_sections(doc: Document, out: _Out, shared: list[Section]) -> Iterator[Finding]:
    if shared:
        first = shared[0]
        numbered = [s for s in doc.sections if section_value(s) is not None]
        index = numbered.index(first)
        expected = (section_value(numbered[index - 1]) or 0) + 1 if index else 1
        preceding = numbered[index - 1] if index else None
        tops = [c for c in preceding.all_clauses() if is_decimal(c)] if preceding else []
        previous = _label(tops[-1]) if tops else (
            preceding.number or "" if preceding else "")
        yield out.block(first, "shared", previous=previous,
                        label=f"{first.number}. {first.heading}".strip(". "),
                        expected=str(expected))
        return
    prev: Section | None = None
    for section in doc.sections:
        value = section_value(section)
        if value is None:
            continue
        if prev is not None:
            last = section_value(prev) or 0
            roman = roman_value(section.number or "") is not None
            expected = last + 1
            if value != expected:
                kind = "section_repeat" if value == last else (
                    "section_gap" if value > expected else "section_back")
                shown = _roman(expected) if roman else str(expected)
                yield out.block(section, kind, previous=prev.number or "",
                                label=section.number or "", expected=shown)
        prev = section


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                            (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out


@implements("JD104")
def numbering_defect(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report gaps, repeats, regressions, restarts and wrong-level numbers, clause by clause."""
    out = _Out(ctx, ctx.options["texts"])
    skip = heading_like_clauses(doc)
    if _hierarchical(doc, skip):
        yield from _check_sections(doc, out, [])
        yield from _check_hierarchical(doc, out, skip)
    else:
        shared = _shared_headings(doc)
        yield from _check_sections(doc, out, shared)
        yield from _check_flat(doc, out, skip, shared)
