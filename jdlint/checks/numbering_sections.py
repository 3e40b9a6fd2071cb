"""JD104 for section numbers: the sequence of section headings (1., 2. … or I … VII) and the
one flat list whose headings take their numbers from the clause sequence."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.checks.numbering_model import (
    Reporter,
    clause_label,
    is_decimal,
    roman_value,
    section_value,
    to_roman,
)
from jdlint.model import Document, Finding, Section

__all__ = ["check_sections", "shared_headings"]


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




def check_sections(doc: Document, out: Reporter, shared: list[Section]) -> Iterator[Finding]:
    if shared:
        first = shared[0]
        numbered = [s for s in doc.sections if section_value(s) is not None]
        index = numbered.index(first)
        expected = (section_value(numbered[index - 1]) or 0) + 1 if index else 1
        preceding = numbered[index - 1] if index else None
        tops = [c for c in preceding.all_clauses() if is_decimal(c)] if preceding else []
        previous = clause_label(tops[-1]) if tops else (
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
                shown = to_roman(expected) if roman else str(expected)
                yield out.block(section, kind, previous=prev.number or "",
                                label=section.number or "", expected=shown)
        prev = section


