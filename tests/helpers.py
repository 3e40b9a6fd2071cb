"""Test factories: Documents built directly from the model types, without reader or structure.

``make_doc`` takes an outline ("2. Должностные обязанности", "2.1. Ведёт …") and builds sections
and clauses the way the structure layer would, so engine, check and output tests do not depend
on heading recognition. Lines that are neither a heading nor a numbered clause continue the
previous clause (a clause spanning several blocks, as after a reflow).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from jdlint.catalogue.ruledata import RuleMeta, load_catalogue
from jdlint.core.model import (
    Block,
    Clause,
    Document,
    Finding,
    Language,
    RawDocument,
    Revisions,
    Section,
    SectionKind,
    Source,
)
from jdlint.core.text import normalize
from jdlint.engine.registry import Rule

HEADINGS = {
    "общие положения": SectionKind.GENERAL,
    "должностные обязанности": SectionKind.DUTIES,
    "права": SectionKind.RIGHTS,
    "ответственность": SectionKind.RESPONSIBILITY,
    "bendrosios nuostatos": SectionKind.GENERAL,
    "funkcijos": SectionKind.DUTIES,
    "teisės": SectionKind.RIGHTS,
    "atsakomybė": SectionKind.RESPONSIBILITY,
}
_HEADING = re.compile(r"^(\d+)\.\s+(\S.*)$")
_CLAUSE = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.*)$")


def make_raw(lines: Sequence[str], *, fmt: str = "txt",
             revisions: Revisions | None = None) -> RawDocument:
    """A RawDocument with one block per line (TXT lines or DOCX paragraphs, 1-based)."""
    blocks = []
    for i, line in enumerate(lines):
        source = Source(block=i, line=i + 1) if fmt == "txt" else Source(block=i, paragraph=i + 1)
        blocks.append(Block(index=i, text=normalize(line), raw=line, source=source))
    return RawDocument(path=None, display_path=f"test.{fmt}", format="docx" if fmt == "docx"
                       else "txt", blocks=tuple(blocks), revisions=revisions or Revisions())


def _sections(raw: RawDocument, span: range) -> tuple[Section, ...]:
    sections: list[tuple[SectionKind, str, str, int, list[Clause]]] = []
    for i in span:
        text = raw.blocks[i].text
        heading = _HEADING.match(text)
        clause = _CLAUSE.match(text)
        if heading and heading.group(2).casefold().rstrip(":") in HEADINGS:
            kind = HEADINGS[heading.group(2).casefold().rstrip(":")]
            sections.append((kind, heading.group(2), heading.group(1), i, []))
        elif clause and sections:
            number = tuple(int(n) for n in clause.group(1).split("."))
            sections[-1][4].append(Clause(label=clause.group(1) + ".", path=clause.group(1),
                                          number=number, text=clause.group(2), blocks=(i,),
                                          depth=len(number) - 1))
        elif text and sections and sections[-1][4]:
            last = sections[-1][4][-1]
            sections[-1][4][-1] = replace(last, text=f"{last.text} {text}",
                                          blocks=(*last.blocks, i))
    out = []
    for n, (kind, title, number, start, clauses) in enumerate(sections):
        stop = sections[n + 1][3] if n + 1 < len(sections) else span.stop
        out.append(Section(kind=kind, heading=title, number=number, clauses=tuple(clauses),
                           blocks=range(start, stop), heading_block=start))
    return tuple(out)


def make_doc(lines: Sequence[str] | RawDocument, *, language: Language | None = "ru",
             classification: str = "instruction", span: range | None = None, index: int = 0,
             count: int = 1, fmt: str = "txt", revisions: Revisions | None = None,
             scores: tuple[tuple[str, float], ...] = (),
             noise: Iterable[int] = ()) -> Document:
    """A Document over ``lines`` (or an existing raw document) with sections from the outline."""
    raw = lines if isinstance(lines, RawDocument) else make_raw(lines, fmt=fmt,
                                                                revisions=revisions)
    span = span if span is not None else range(len(raw.blocks))
    return Document(raw=raw, span=span, language=language, title=None, position=None,
                    sections=_sections(raw, span), index=index, count=count,
                    classification=classification, language_scores=scores,
                    noise=frozenset(noise))


def fake_rule(check: Callable[..., Iterable[Finding]], *, code: str = "JD199",
              base: str = "JD104", **changes: object) -> Rule:
    """A rule with real metadata copied from ``base`` under another code."""
    meta: RuleMeta = replace(load_catalogue()[base], code=code, name=f"test-{code.lower()}",
                             status="stable", **changes)  # type: ignore[arg-type]
    return Rule(meta, check)


RU_DOC = [
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера",
    "1. Общие положения",
    "1.1. Менеджер относится к категории специалистов.",
    "2. Должностные обязанности",
    "2.1. Ведёт переговоры с клиентами.",
    "2.2. Готовит коммерческие предложения.",
    "2.3. Контролирует оплату по договорам поставки.",
    "3. Права",
    "3.1. Запрашивать информацию, необходимую для работы.",
]


# A short sales-manager instruction with one defect (a fine, JD201 at 4.1): the shared input of
# the CLI, config, SARIF and waiver tests.
SALES_WITH_FINE = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по продажам
1. Общие положения
1.1. Менеджер по продажам относится к категории специалистов.
1.2. Менеджер подчиняется коммерческому директору.
2. Должностные обязанности
2.1. Ведёт переговоры с клиентами.
2.2. Готовит коммерческие предложения.
3. Права
3.1. Запрашивать информацию, необходимую для работы.
4. Ответственность
4.1. За опоздание на работу менеджер штрафуется на 500 рублей.
"""
