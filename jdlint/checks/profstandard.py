"""Professional standard checks (JD401–JD405): the instruction against the standard it claims.

The data is ``rules/profstandards/*.yaml`` (plus files named in the rule option ``standards``);
what a document claims is ``jdlint.profstandards.detect``. Each check switches itself off when
the data it needs is missing (``None`` in the standard's file), so a partial standard never
produces a finding it cannot back: JD404 needs possible job titles, JD402 the education or
experience requirements, JD403 labour actions, JD405 an order marked superseded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from jdlint.core.model import Clause, Document, Finding, SectionKind, Severity
from jdlint.profstandards import load_standards
from jdlint.profstandards.detect import Citation, Claim, OrderCite, claim, order_label, suggest
from jdlint.profstandards.model import GeneralFunction, Standard
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


def _standards(ctx: RuleContext) -> tuple[Standard, ...]:
    extra: Sequence[str] = ctx.options.get("standards") or ()
    return load_standards(tuple(extra))


def _claim(doc: Document, ctx: RuleContext,
           standards: tuple[Standard, ...] | None = None) -> Claim:
    """What ``doc`` claims, computed once per document for the five JD40x rules."""
    chosen = _standards(ctx) if standards is None else standards
    key = ("profstandard.claim", tuple((s.code, s.path) for s in chosen))
    return ctx.memo(key, lambda: claim(doc, chosen))


def _text(ctx: RuleContext, key: str, **fields: object) -> str:
    return ctx.localized(ctx.texts[key]).format(**fields)


def _order_problem(ctx: RuleContext, std: Standard, cite: OrderCite) -> str | None:
    """None when the cited order is one of the standard's orders (any status)."""
    if any(o.number == cite.number and (cite.date is None or o.date == cite.date)
           for o in std.orders):
        return None
    right = std.current or std.orders[0]
    fields = {"code": std.code, "cited": cite.text.strip(), "order": order_label(right),
              "date": f"{cite.date:%d.%m.%Y}" if cite.date else "?"}
    if any(o.number == cite.number for o in std.orders):
        return _text(ctx, "order_date", **fields)
    return _text(ctx, "order_number", **fields)


def _citation_problems(ctx: RuleContext, cite: Citation, standards: Sequence[Standard]
                       ) -> Iterator[tuple[str, str | None]]:
    std = cite.standard
    if std is None:
        return
    by_code = next((s for s in standards if s.code == cite.code), None) if cite.code else None
    if cite.code and by_code is None and cite.by == "name":
        yield _text(ctx, "code", cited=cite.code, code=std.code, name=std.name), cite.code_text
    if cite.name and cite.by == "code":
        from rapidfuzz import fuzz

        from jdlint.core.text import fold
        if fuzz.ratio(fold(cite.name), fold(std.name)) < 90:
            other = next((s for s in standards if fuzz.ratio(fold(cite.name), fold(s.name))
                          >= 90), None)
            key = "name_other" if other else "name"
            yield (_text(ctx, key, cited=cite.name, code=std.code, name=std.name,
                         other=other.code if other else ""), cite.name)
    for order in cite.orders:
        problem = _order_problem(ctx, std, order)
        if problem:
            yield problem, order.text


@implements("JD401")
def profstandard_reference_invalid(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a citation whose code, name, order number or date do not belong together; when
    no standard is cited, suggest the likely one by the position title (info)."""
    standards = _standards(ctx)
    found = _claim(doc, ctx, standards)
    for cite in found.citations:
        for problem, match in _citation_problems(ctx, cite, standards):
            yield ctx.report(cite.block, match=match, problem=problem,
                             data={"standard": cite.standard.code if cite.standard else None,
                                   "cited_code": cite.code, "cited_name": cite.name,
                                   "cited_orders": [o.number for o in cite.orders]})
    if found.citations or not ctx.options.get("suggest", True):
        return
    likely = suggest(found.title, standards)
    if likely is None:
        return
    std, matched, score = likely
    block = _title_block(doc, found.title)
    current = std.current
    yield ctx.report(block, match=found.title, severity=Severity.INFO,
                     problem=_text(ctx, "suggested", code=std.code, name=std.name,
                                   order=order_label(current) if current else "?",
                                   matched=matched),
                     data={"suggested": std.code, "matched": matched, "score": round(score, 3)})


@implements("JD405")
def superseded_standard_version(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a citation of an order the standard's data marks as superseded."""
    from jdlint.checklib.dates import document_date

    found = _claim(doc, ctx)
    for cite in found.citations:
        std = cite.standard
        if std is None or std.current is None:
            continue
        for order in cite.orders:
            old = next((o for o in std.orders if o.status == "superseded"
                        and o.number == order.number
                        and (order.date is None or o.date == order.date)), None)
            if old is None:
                continue
            approved = document_date(doc)
            severity = None
            note = ""
            if approved is not None and approved < std.current.date:
                # NOTE: approved before the new version existed: right when written.
                severity = Severity.INFO
                note = _text(ctx, "valid_when_approved")
            replacement = _text(ctx, "replacement", code=std.code,
                                order=order_label(std.current))
            yield ctx.report(cite.block, match=order.text, severity=severity,
                             replacement=replacement, code=std.code, name=std.name,
                             old=order_label(old), new=order_label(std.current), note=note,
                             data={"standard": std.code, "cited": old.number,
                                   "current": std.current.number,
                                   "cited_provenance": old.provenance})


def _title_block(doc: Document, title: str | None) -> int:
    blocks = doc.raw.blocks
    if title:
        for index in doc.span:
            if index < len(blocks) and title in blocks[index].text:
                return index
    return doc.span.start if doc.span.start < len(blocks) else 0


def _candidates(std: Standard, general: Sequence[GeneralFunction], explicit: bool
                ) -> Sequence[GeneralFunction] | None:
    pool = general if explicit and general else (std.functions or ())
    if not pool or any(g.job_titles is None for g in pool):
        return None
    if not (explicit and general) and not std.complete:
        return None
    return pool


@implements("JD404")
def title_not_in_standard(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report a position title that is none of the possible job titles of the claimed
    generalised functions (all of the standard's when none is named); off without titles."""
    from jdlint.profstandards.detect import title_matches

    found = _claim(doc, ctx)
    std, title = found.standard, found.title
    if std is None or not title or found.how == "title":
        return
    pool = _candidates(std, found.general, found.how == "explicit")
    if pool is None:
        return
    titles = [t for g in pool for t in g.job_titles or ()]
    if not titles or any(title_matches(title, t) for t in titles):
        return
    shown = list(dict.fromkeys(titles))
    limit = int(ctx.options.get("max-titles", 8))
    listed = "; ".join(shown[:limit]) + (" …" if len(shown) > limit else "")
    yield ctx.report(_title_block(doc, title), match=title, title=title, code=std.code,
                     titles=listed, functions=", ".join(g.label for g in pool),
                     data={"standard": std.code, "title": title, "possible_titles": shown,
                           "functions": [g.label for g in pool]})


def _qualification_clause(doc: Document, test: Any) -> Clause | None:
    for section in doc.sections:
        if section.kind not in (SectionKind.GENERAL, SectionKind.QUALIFICATION):
            continue
        for clause in section.clauses:
            text = " ".join(c.text for c in clause.walk())
            if test(text):
                return clause
    return None


@implements("JD402")
def qualification_below_standard(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report education or experience below what the claimed generalised function requires
    (only where the data holds the requirement)."""
    found = _claim(doc, ctx)
    std = found.standard
    if std is None or not found.general:
        return
    # NOTE: imported only for a document that claims a standard: its ~15 patterns are not
    # compiled by every cold start (issue 19)
    from jdlint.profstandards.requirements import (
        EDUCATION_NAMES,
        education_range,
        experience_months,
        required_education,
        required_experience,
    )

    general = found.general
    labels = ", ".join(g.label for g in general)

    def text_of(clause: Clause) -> str:
        return " ".join(c.text for c in clause.walk())

    edu_clause = _qualification_clause(
        doc, lambda t: "образовани" in t.casefold() and education_range(t) is not None)
    doc_edu = education_range(text_of(edu_clause)) if edu_clause else None
    needed = [required_education(g.education) for g in general if g.education is not None]
    if edu_clause and doc_edu and needed and all(n is not None for n in needed):
        minimum = min(n for n in needed if n is not None)
        if doc_edu[1] < minimum:
            yield ctx.report(edu_clause, what=_text(
                ctx, "education", have=EDUCATION_NAMES[doc_edu[1]],
                need=EDUCATION_NAMES[minimum]), code=std.code, functions=labels,
                data={"standard": std.code, "kind": "education", "document_level": doc_edu[1],
                      "required_level": minimum})
    if any(g.experience is None for g in general):
        return
    exp_clause = _qualification_clause(
        doc, lambda t: any(w in t.casefold() for w in ("стаж", "опыт"))
        and experience_months(t) is not None)
    if exp_clause is None:
        return
    have = experience_months(text_of(exp_clause))
    per_function: list[float] = []
    for g in general:
        applicable = [r.months for r in required_experience(g.experience or ())
                      if r.applies_to is None or (doc_edu is not None
                                                  and doc_edu[0] <= r.applies_to[1]
                                                  and r.applies_to[0] <= doc_edu[1])]
        per_function.append(max(applicable, default=0.0))
    need = min(per_function, default=0.0)
    if have is not None and have < need:
        yield ctx.report(exp_clause, what=_text(ctx, "experience", have=_months(have),
                                                need=_months(need)),
                         code=std.code, functions=labels,
                         data={"standard": std.code, "kind": "experience",
                               "document_months": have, "required_months": need})


def _months(value: float) -> str:
    if value >= 12 and value % 12 == 0:
        return f"{int(value // 12)} г."
    return f"{value:g} мес."


@implements("JD403")
def duty_outside_standard(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report, once per instruction, the coverage of the claimed labour functions' actions by
    the duties: duties outside the standard, uncovered actions, and the data's certainty."""
    found = _claim(doc, ctx)
    std = found.standard
    if std is None:
        return
    from jdlint.profstandards.coverage import coverage  # NOTE: as JD402's, when one is claimed

    result = coverage(doc, std, found.functions)
    if result is None:
        return
    data = result.data()
    quality = result.quality()
    limit = int(ctx.options.get("max-listed", 5))
    uncovered = [result.actions[j][1] for j in result.uncovered()]
    outside = [result.duties[i].path for i in result.outside()]
    none = _text(ctx, "none")
    parts = [_text(ctx, "complete" if std.complete and not quality["actions_secondary"]
                   else "partial", secondary=quality["actions_secondary"],
                   total=len(result.actions), missing="; ".join(std.missing) or none)]
    if result.inferred:
        parts.append(_text(ctx, "inferred"))
    if result.missing_actions:
        parts.append(_text(ctx, "no_actions",
                           functions=", ".join(t.label for t in result.missing_actions)))
    first = result.duties[0]
    section = doc.section_of_block(first.first_block)
    at: Clause | int = section.heading_block if section and section.heading_block is not None \
        else first
    # NOTE: "outside the standard" is only a warning when the standard's labour actions are
    # known completely and verbatim; against partial or secondary data (06.029 today) a duty
    # that matches nothing may match the part that is missing, so the report stays info.
    trusted = std.complete and not quality["actions_secondary"]
    severity = Severity.INFO if not outside or not trusted else None
    yield ctx.report(
        at, severity=severity, code=std.code, covered=data["covered"], total=data["total"],
        percent=round(100 * result.ratio),
        uncovered="; ".join(f"«{u}»" for u in uncovered[:limit])
        + (f" (+{len(uncovered) - limit})" if len(uncovered) > limit else "") or none,
        outside=", ".join(outside) or none, quality=" ".join(parts), data=data)
