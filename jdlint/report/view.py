"""The report's view model: from ``FileResult`` records to plain data the templates render.

Everything a reader sees is decided here (verdict and why, counts, the findings table with
the offending words marked, sections present and missing); the templates only lay it out.
A file's view is made from its ``FileFacts`` (``jdlint.report.facts``: what the page needs of
its documents), so a streamed report and a list of results give the same page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from typing import Any, Final

from jdlint.catalogue.profiles import get_profile, section_title
from jdlint.core.model import Finding, SectionKind, Severity, Source
from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.report.facts import (
    PARA_REF,
    FileFacts,
    InstructionFacts,
    Span,
    facts_of,
    visible_paragraphs,
)
from jdlint.report.labels import FAMILIES, counted, family_of, label

__all__ = ["FileView", "ReportView", "build_view", "clause_label", "file_view", "renumber",
           "views_of", "visible_paragraphs", "with_repeated"]


@record(slots=True)
class Excerpt:
    """An excerpt split around the offending words, so the template can mark them."""

    before: str
    match: str
    after: str


@record(slots=True)
class Row:
    """One finding as a row of the findings table."""

    code: str
    name: str
    severity: str
    severity_label: str
    confidence: str
    clause: str
    where: str
    excerpt: Excerpt
    message: str
    basis: tuple[tuple[str, str | None], ...]
    suggestion: str
    anchor: str
    fingerprint: str = ""


@record(slots=True)
class SectionChip:
    """A section kind and whether the instruction has it."""

    title: str
    state: str  # present | missing-required | missing-recommended | extra


@record(slots=True)
class InstructionView:
    """The recognised structure of one instruction in a file."""

    title: str
    position: str
    language: str
    profile: str
    chips: tuple[SectionChip, ...]
    law: str = "—"
    unchecked: str | None = None  # why the labour-law rules did not judge it


@record(slots=True)
class FileView:
    """Everything the report shows about one input file."""

    path: str
    anchor: str
    verdict: str  # red | amber | green | unchecked | unreadable
    verdict_text: str
    why: str
    counts: dict[str, int]
    families: dict[str, int]
    rows: tuple[Row, ...]
    instructions: tuple[InstructionView, ...]
    error: str | None = None
    note: str | None = None


@record(slots=True)
class RepeatedRow:
    """A clause found in several documents, with every place."""

    text: str
    files: int
    places: tuple[str, ...]


@record(slots=True)
class ReportView:
    """The whole report."""

    lang: str
    files: tuple[FileView, ...]
    family_names: dict[str, str]
    totals: dict[str, int] = field(default_factory=dict)
    repeated: tuple[RepeatedRow, ...] | None = None
    checked_on: str = ""
    laws: tuple[str, ...] = ()


def with_repeated(view: ReportView, repeated: Sequence[Any]) -> ReportView:
    """The view with the cross-document repeated clauses (``jdlint.collection``) added."""
    rows = tuple(
        RepeatedRow(r.text, r.files, tuple(
            f"{p.document.describe()}" + (f" п. {p.clause}" if p.clause else "")
            for p in r.places))
        for r in repeated)
    return replace(view, repeated=rows)


def _excerpt(finding: Finding, matches: dict[Span, str]) -> Excerpt:
    """Split the excerpt around the matched words (found by their offsets in the block)."""
    text = finding.excerpt
    src = finding.source
    match = ""
    if src.end is not None:
        match = matches.get((src.block, src.start, src.end), "")
    if match and match in text:
        i = text.index(match)
        return Excerpt(text[:i], match, text[i + len(match) :])
    return Excerpt(text, "", "")


_BULLET: Final = re.compile(r"^(?P<base>.*?)\s*•(?P<n>\d+)$")
_BULLET_WORD: Final = {"ru": "маркер", "lt": "ženklelis", "en": "bullet"}


def clause_label(path: str | None, lang: str) -> str:
    """The clause as a lawyer finds it in Word: "1.6 •2" (the second bullet under 1.6, the
    linter's path) becomes "1.6, маркер 2"; numbered clauses stay as they are."""
    if not path:
        return "—"
    m = _BULLET.match(path)
    if m is None:
        return path
    word = _BULLET_WORD.get(lang, _BULLET_WORD["en"])
    base = m.group("base").strip()
    return f"{base}, {word} {m.group('n')}" if base else f"{word} {m.group('n')}"


def renumber(text: str, visible: dict[int, int]) -> str:
    """A rule's message with its paragraph references ("п. 2.4 (абз. 41)") in the numbering
    the report's "where" column uses, so the two never disagree."""
    def swap(m: re.Match[str]) -> str:
        n = visible.get(int(m.group("n")))
        return f"{m.group('word')} {n}" if n is not None else m.group()

    return PARA_REF.sub(swap, text) if visible else text


def _where(source: Source, lang: str, visible: dict[int, int]) -> str:
    from jdlint.engine.lint import describe_source

    if source.paragraph is not None and source.paragraph in visible:
        source = replace(source, paragraph=visible[source.paragraph])
    return describe_source(source, lang)


def _row(finding: Finding, lang: str, matches: dict[Span, str], n: int,
         visible: dict[int, int]) -> Row:
    return Row(
        code=finding.code, name=finding.name, severity=finding.severity.label,
        severity_label=label(finding.severity.label, lang),
        confidence=label(finding.confidence.value, lang),
        clause=clause_label(finding.clause, lang), where=_where(finding.source, lang, visible),
        excerpt=_excerpt(finding, matches), message=renumber(finding.message, visible),
        basis=tuple((ref.cite, ref.url) for ref in finding.legal_basis),
        suggestion=renumber(finding.suggestion.text, visible) if finding.suggestion else "",
        anchor=f"f{n}", fingerprint=finding.fingerprint,
    )


def _chips(doc: InstructionFacts, lang: str) -> tuple[SectionChip, ...]:
    present = doc.present
    chips: list[SectionChip] = []
    try:
        profile = get_profile(doc.profile) if doc.profile else None
    except KeyError:
        profile = None
    wanted: list[tuple[SectionKind, str]] = []
    if profile is not None:
        wanted = [(k, "required") for k in profile.required]
        wanted += [(k, "recommended") for k in profile.recommended if k not in profile.required]
    for kind, need in wanted:
        state = "present" if kind in present else f"missing-{need}"
        chips.append(SectionChip(section_title(kind, lang), state))
    listed = {k for k, _ in wanted}
    for kind in sorted(present - listed - {SectionKind.UNKNOWN}, key=lambda k: k.value):
        chips.append(SectionChip(section_title(kind, lang), "extra"))
    return tuple(chips)


def _law(doc: InstructionFacts, lang: str) -> tuple[str, str | None]:
    """The jurisdiction the instruction was judged under, and why its labour-law rules did not
    run (None when they did): the same decision the rules take (``in_force``)."""
    from jdlint.checklib import jurisdiction as jur

    decided = doc.jurisdiction
    if doc.language is None or decided is None:
        return "—", label("nc_language", lang)
    text = jur.describe(decided, lang)
    if decided.code != doc.language:
        country = jur.COUNTRY[decided.code][lang if lang in ("ru", "lt") else "en"]
        return text, label("nc_foreign", lang, country=country)
    return text, None


def _instruction(doc: InstructionFacts, lang: str) -> InstructionView:
    law, unchecked = _law(doc, lang)
    return InstructionView(title=doc.title or "—", position=doc.position or "—",
                           language=doc.language or "?", profile=doc.profile or "—",
                           chips=_chips(doc, lang), law=law, unchecked=unchecked)


def _verdict(counts: dict[str, int], lang: str) -> tuple[str, str, str]:
    if counts["error"]:
        errors = counted("errors", counts["error"], lang)
        return "red", label("red", lang), label("why_red", lang, errors=errors)
    if counts["warning"]:
        warnings = counted("warnings", counts["warning"], lang)
        return "amber", label("amber", lang), label("why_amber", lang, warnings=warnings)
    return "green", label("green", lang), label("why_green", lang)


def _position_key(finding: Finding) -> tuple[int, int]:
    return (finding.source.block, finding.source.start)


def file_view(facts: FileFacts, lang: str, number: int) -> FileView:
    """Turn one file's facts into what the report shows."""
    result = facts.result
    anchor = f"doc{number}"
    if result.error is not None:
        empty = {s.label: 0 for s in Severity}
        return FileView(result.display_path, anchor, "unreadable", label("not_checked", lang),
                        label("nc_unreadable", lang, reason=result.error), empty, {}, (), (),
                        error=result.error)
    visible = facts.visible
    findings = sorted(result.findings, key=_position_key)
    rows = tuple(_row(f, lang, facts.matches, number * 1000 + i, visible)
                 for i, f in enumerate(findings))
    counts = {s.label: 0 for s in Severity}
    counts.update(Counter(f.severity.label for f in findings))
    families = dict(Counter(family_of(f.code) for f in findings))
    verdict, text, why = _verdict(counts, lang)
    instructions = tuple(_instruction(d, lang) for d in facts.instructions)
    note = None if instructions else label("not_instruction", lang)
    reasons = [i.unchecked for i in instructions if i.unchecked]
    if not instructions:
        reasons.append(label("nc_not_jd", lang))
    if reasons and (verdict == "green" or not instructions):
        # NOTE: no finding from rules that did not run is not a clean bill of health.
        verdict, text, why = "unchecked", label("not_checked", lang), "; ".join(
            dict.fromkeys(reasons))
    elif reasons:
        why = f"{why}; {label('not_checked', lang).lower()}: {'; '.join(dict.fromkeys(reasons))}"
    return FileView(result.display_path, anchor, verdict, text, why, counts, families, rows,
                    instructions, note=note)


def _badness(view: FileView) -> tuple[int, int, int, int]:
    order = {"unreadable": 4, "red": 3, "amber": 2, "unchecked": 1, "green": 0}
    return (order[view.verdict], view.counts.get("error", 0), view.counts.get("warning", 0),
            view.counts.get("info", 0))


def build_view(results: Sequence[FileResult], lang: str, checked_on: str = "") -> ReportView:
    """The report's data from results with their documents; files ordered worst first.
    ``checked_on``: the date whose law the rules applied (ISO), named in the report."""
    return views_of([facts_of(r) for r in results], lang, checked_on)


def views_of(files: Iterable[FileFacts], lang: str, checked_on: str = "") -> ReportView:
    """The report's data from each file's facts, in display order; files ordered worst first."""
    views = [file_view(f, lang, i + 1) for i, f in enumerate(files)]
    views.sort(key=lambda v: (tuple(-x for x in _badness(v)), v.path))
    totals = {s.label: sum(v.counts.get(s.label, 0) for v in views) for s in Severity}
    family_names = {k: v.get(lang) or v["en"] for k, v in FAMILIES.items()}
    for view in views:
        for fam in view.families:
            family_names.setdefault(fam, fam)
    laws = tuple(dict.fromkeys(i.law.split(" — ")[0] for v in views for i in v.instructions
                               if i.unchecked is None))
    return ReportView(lang=lang, files=tuple(views), family_names=family_names, totals=totals,
                      checked_on=checked_on, laws=laws)
