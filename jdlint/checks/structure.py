"""Structure checks (JD101–JD103, JD105): which sections an instruction has, whether they are
filled and in order, and whether its references to its own clauses lead anywhere.

The section set and order come from the document's profile (``rules/profiles.yaml``); texts,
severities and the patterns that tell a clause reference from a citation of law are rule
data in ``rules/JD10x.yaml``. Numbering itself (JD104) is ``numbering_check.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from jdlint.catalogue.profiles import Profile, get_profile, section_title
from jdlint.checklib.numbering_model import (
    decimal_clauses,
    heading_clause,
    heading_like_clauses,
    roman_value,
    section_value,
)
from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.checklib.truncation import FINISHED as _FINISHED
from jdlint.checklib.truncation import cut_short
from jdlint.core.model import Clause, Document, Finding, Section, SectionKind, Severity
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_NOT_SECTIONS: Final = frozenset({SectionKind.UNKNOWN, SectionKind.APPROVAL,
                                  SectionKind.ACKNOWLEDGEMENT})


def _profile(doc: Document) -> Profile | None:
    if doc.profile is None:
        return None
    try:
        return get_profile(doc.profile)
    except ValueError:
        return None


def _text(ctx: RuleContext, key: str, **fields: object) -> str:
    texts: Mapping[str, Any] = ctx.texts
    return ctx.localized(texts[key]).format(**fields)


def _title(ctx: RuleContext, kind: SectionKind) -> str:
    return section_title(kind, ctx.lang)


def _heading_at(doc: Document, section: Section) -> int:
    if section.heading_block is not None:
        return section.heading_block
    clauses = section.all_clauses()
    return clauses[0].first_block if clauses else section.blocks.start


def _body_text(doc: Document) -> str:
    return "\n".join(c.text for c in doc.clauses())


# --------------------------------------------------------------------------- JD101

def _merged_heading(doc: Document, section: Section) -> bool:
    """The heading is there but glued to the line before ("… клиентам I. Общие положения")."""
    number = (section.number or "").strip()
    clauses = section.all_clauses()
    if not number or not clauses:
        return False
    pattern = re.compile(rf"(?<![\w.]){re.escape(number)}\.\s+[^\W\d_]")
    for index in range(clauses[0].first_block - 1, doc.span.start - 1, -1):
        block = doc.raw.blocks[index]
        if index in doc.noise or not block.text.strip():
            continue
        return bool(pattern.search(block.display_text))
    return False


def _heads_itself(clause: Clause) -> bool:
    """The section's first clause is its heading in words the vocabulary does not know
    ("1. Область применения" over 1.1, 1.2): a top-level number, a short line without a
    final mark, its own sub-clauses under it."""
    text = clause.text.strip()
    return (len(clause.number) == 1 and bool(clause.children) and 0 < len(text.split()) <= 6
            and text[:1].isupper() and not _FINISHED.search(text))


@implements("JD101")
def missing_section(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report sections the profile requires (or recommends) that are absent, and sections whose
    clauses stand without a heading."""
    profile = _profile(doc)
    if profile is not None and doc.sections:
        yield from _missing(doc, ctx, profile)
    heads = set(heading_like_clauses(doc).values())
    for section in doc.sections:
        if section.heading or section in heads or _merged_heading(doc, section):
            continue
        numbered = [c for c in section.all_clauses() if c.path]
        if not numbered or _heads_itself(numbered[0]):
            continue
        first = numbered[0]
        number = f"{section.number} " if section.number else ""
        key = "heading_unknown" if section.kind in _NOT_SECTIONS else "heading"
        yield ctx.report(first, detail=_text(ctx, key, number=number, first=first.path,
                                             section=_title(ctx, section.kind)),
                         fix=_text(ctx, "fix_heading", number=number,
                                   section=_title(ctx, section.kind)),
                         data={"section": section.kind.value, "problem": "heading"})


def _missing(doc: Document, ctx: RuleContext, profile: Profile) -> Iterator[Finding]:
    present = {s.kind for s in doc.sections}
    # NOTE: in a text cut short, the sections after the last one present may simply be in the
    # part that is missing: only the ones that should have come before are reported (one of
    # the last present one's rank may come after it, too).
    ranks = [profile.rank(s.kind) for s in doc.sections if s.kind in profile.order]
    cut_after = max(ranks) if ranks and cut_short(doc) else None
    body = _body_text(doc)
    present_if: Mapping[str, Sequence[str]] = ctx.data.get("present_if") or {}
    wanted = [(k, True) for k in profile.required] + [(k, False) for k in profile.recommended]
    for kind, required in sorted(wanted, key=lambda w: profile.order.index(w[0])):
        if kind in present or (cut_after is not None and profile.rank(kind) >= cut_after):
            continue
        if not required and any(re.search(p, body, re.IGNORECASE)
                                for p in present_if.get(kind.value, ())):
            continue
        severity: Severity | None = None
        if not required:
            severity = Severity.INFO
        elif kind.value in ctx.data.get("error_sections", ()) or \
                profile.name in ctx.data.get("error_profiles", ()):
            severity = Severity.ERROR
        at, where = _where_missing(doc, ctx, profile, kind)
        key = "missing" if required else "recommended"
        yield ctx.report(at, severity=severity,
                         detail=_text(ctx, key, section=_title(ctx, kind),
                                      profile=profile.name, where=where),
                         fix=_text(ctx, "fix_missing", section=_title(ctx, kind)),
                         data={"section": kind.value, "problem": key,
                               "profile": profile.name})


def _where_missing(doc: Document, ctx: RuleContext, profile: Profile,
                   kind: SectionKind) -> tuple[int, str]:
    """Where the absent section belongs: before the next section in the profile's order."""
    rank = profile.rank(kind)
    for section in doc.sections:
        if section.kind in profile.order and profile.rank(section.kind) > rank:
            return _heading_at(doc, section), _text(ctx, "before",
                                                     section=_title(ctx, section.kind))
    last = doc.sections[-1]
    return _heading_at(doc, last), _text(ctx, "after", section=_title(ctx, last.kind))


# --------------------------------------------------------------------------- JD102

@implements("JD102")
def empty_section(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a section heading with nothing under it."""
    blocks = doc.raw.blocks
    # NOTE: only headings end a section's content. An untitled section that starts right
    # after a heading holds that heading's clauses under a number that disagrees with it
    # ("1. Обязанности" followed by 2.1, 2.2): the section is not empty, its numbering is
    # wrong, and JD104 says so.
    starts = {s.heading_block for s in doc.sections if s.heading_block is not None}
    ends = set(doc.acknowledgement or ()) | set(doc.approval or ())
    for section in doc.sections:
        heading = section.heading_block
        if heading is None or section.clauses:
            continue
        # NOTE: empty only when the next text is the next heading, the sign-off or the end of
        # the file; any other text (even text the structure layer set aside as web noise or
        # left outside the instruction, such as a long unnumbered paragraph) is content.
        after = next((i for i in range(heading + 1, len(blocks)) if blocks[i].text.strip()),
                     None)
        if after is not None and after not in starts and after not in ends:
            continue
        yield ctx.report(heading_clause(section, heading) or heading, section=section.heading,
                         data={"section": section.kind.value})


# --------------------------------------------------------------------------- JD103

@implements("JD103")
def section_order(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a section placed before one the profile puts ahead of it (once per section)."""
    profile = _profile(doc)
    if profile is None:
        return
    floating = {SectionKind(k) for k in ctx.data.get("floating", ())}
    anchor = profile.rank(SectionKind.DUTIES) if SectionKind.DUTIES in profile.order \
        else len(profile.order)
    severity = Severity.WARNING if profile.name in ctx.data.get("warning_profiles", ()) \
        else None
    ranked = [(s, profile.rank(s.kind)) for s in doc.sections
              if s.kind in profile.order]
    reported: set[int] = set()
    for i, (later, later_rank) in enumerate(ranked):
        for earlier, earlier_rank in ranked[:i]:
            if earlier_rank <= later_rank or id(earlier) in reported:
                continue
            # NOTE: relationships / final provisions may stand anywhere after the duties
            if earlier.kind in floating and (later.kind in floating or later_rank > anchor):
                continue
            if later.kind in floating:
                continue
            reported.add(id(earlier))
            yield ctx.report(_heading_at(doc, earlier), severity=severity,
                             section=_title(ctx, earlier.kind),
                             other=_title(ctx, later.kind), profile=profile.name,
                             related=[ctx.block_source(_heading_at(doc, later))],
                             data={"section": earlier.kind.value, "other": later.kind.value})


# --------------------------------------------------------------------------- JD105

_NUM: Final = r"(?:\d+(?:\.\d+)*\.?(?!\d)|(?-i:[IVXLC]+)\b)"
_LIST: Final = rf"{_NUM}(?:\s*(?:[-–—]|,|\bи\b|\bили\b|\bir\b|\barba\b)\s*{_NUM})*"


@lru_cache(maxsize=32)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_Patterns = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]


def _reference_patterns(lang: str, data: Mapping[str, Any]) -> _Patterns:
    """The reference, section keyword, law-before and law-after patterns of ``lang``.

    Built once per document: per clause, formatting the long word lists and hashing them
    for the compiled-pattern cache cost more than the search itself (issue 19).
    """
    words: Mapping[str, Any] = data["words"][lang]
    if lang == "lt":
        pattern = _compiled(rf"(?<![\w.])(?P<nums>{_LIST})\s+(?P<kw>"
                                  rf"{words['clause']}|{words['section']})")
    else:
        pattern = _compiled(rf"(?<![\w.])(?:см\.\s*)?(?P<kw>{words['clause']}|{words['section']})"
                                  rf"\s*(?P<nums>{_LIST})")
    section_kw = _compiled(rf"^(?:{words['section']})$")
    before = _compiled(rf"(?:{words['law_before']})\s*[\d,\s]*$")
    after = _compiled(rf"^[\s,]*(?:{words['law_after']})")
    return pattern, section_kw, before, after


def _references(text: str, patterns: _Patterns) -> Iterator[tuple[str, str, list[str]]]:
    """(matched text, "clause" | "section", numbers) for each clause reference in ``text``."""
    pattern, section_kw, before, after = patterns
    for m in pattern.finditer(text):
        if before.search(text[max(0, m.start() - 60):m.start()]):
            continue
        if after.search(text[m.end():m.end() + 60]):
            continue
        nums = [n.rstrip(".") for n in re.findall(_NUM, m.group("nums"))]
        kind = "section" if section_kw.match(m.group("kw")) else "clause"
        if kind == "clause" and any(roman_value(n) for n in nums):
            continue  # NOTE: "п. III" is not a clause number style this rule knows
        yield m.group(0).rstrip(" ."), kind, nums


def _targets(doc: Document) -> tuple[set[tuple[int, ...]], set[int], set[str]]:
    clauses: set[tuple[int, ...]] = set()
    paths: set[str] = set()
    for section in doc.sections:
        for clause in decimal_clauses(section):
            clauses.add(clause.number)
            paths.add(clause.path)
    sections = {v for s in doc.sections if (v := section_value(s)) is not None}
    if not sections:
        sections = set(range(1, len(doc.sections) + 1))
    return clauses, sections, paths


def _resolves(number: str, kind: str, targets: tuple[set[tuple[int, ...]], set[int],
                                                      set[str]]) -> bool:
    clauses, sections, paths = targets
    roman = roman_value(number)
    if roman is not None:
        return roman in sections
    parts = tuple(int(p) for p in number.split(".") if p)
    if not parts:
        return True
    if len(parts) == 1 and parts[0] in sections:
        return True  # NOTE: "п. 4" often means section 4 when sections are numbered "4."
    return kind == "clause" and (parts in clauses or number in paths)


@implements("JD105")
def dangling_reference(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a reference to a clause or section of this instruction that does not exist."""
    lang = doc.language or "ru"
    clauses = doc.clauses()
    if not clauses:
        return  # NOTE: the patterns are read only when a clause is (as they were per clause)
    patterns = _reference_patterns(lang, ctx.data)
    # NOTE: a reference holds one of the keyword's literals ("п.", "пункт", "раздел", "punkt"
    # …); the clauses without one (most) skip the case-insensitive scan, which the regex
    # engine runs at every position (issue 19: ~2/3 of JD105).
    lives = live_per_block((patterns[0],), [clause.text for clause in clauses])
    # NOTE: what a reference may point at is listed at the first reference only: most
    # documents hold none (issue 19)
    targets: tuple[set[tuple[int, ...]], set[int], set[str]] | None = None
    for clause, live in zip(clauses, lives, strict=True):
        if not live:
            continue
        seen: set[str] = set()
        for match, kind, numbers in _references(clause.text, patterns):
            if targets is None:
                targets = _targets(doc)
            missing = [n for n in numbers if not _resolves(n, kind, targets)]
            if not missing or match in seen:
                continue
            seen.add(match)
            target = _text(ctx, kind, number=", ".join(missing))
            yield ctx.report(clause, match=match, target=target,
                             data={"target": missing, "kind": kind})

