"""Finding instructions in real web copies (../shared/seeds, never copied into the repo):
several copies per file, web noise set aside, sections and clause numbers right.

Skipped when ../shared is absent (a user's clone does not have it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.core.model import Document, SectionKind
from jdlint.engine.pipeline import Settings, analyse_file
from jdlint.structure import FileAnalysis

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def seed(prefix: str) -> FileAnalysis:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return analyse_file(path, Settings())


def instructions(fa: FileAnalysis) -> list[Document]:
    return [d for d in fa.documents if d.classification == "instruction"]


def line_of(doc: Document, block: int) -> int:
    line = doc.blocks[block].source.line
    assert line is not None
    return line


def numbers(doc: Document) -> list[str]:
    return [c.path for c in doc.clauses() if c.number]


def test_000_article_is_not_an_instruction() -> None:
    fa = seed("000")
    assert instructions(fa) == []
    assert fa.documents[0].classification == "article"
    assert len(fa.noise) == len(fa.raw.blocks)


def test_001_three_instructions_among_noise() -> None:
    fa = seed("001")
    docs = instructions(fa)
    assert len(docs) == 3
    first, second, roman = docs
    # the two identical copies: same clauses, same numbers, section 1 has no heading
    assert numbers(first) == numbers(second)
    assert [s.kind for s in first.sections] == [
        SectionKind.GENERAL, SectionKind.DUTIES, SectionKind.RIGHTS, SectionKind.RESPONSIBILITY]
    assert first.sections[0].heading == ""
    assert "2.8" in numbers(first) and "2.23" in numbers(first)
    # liability clauses restart at 1. inside section 4 (reported as written)
    assert [c.path for c in first.sections[3].clauses if c.number] == ["1", "2", "3"]
    assert first.approval is not None
    # the Roman variant: sections I-VII, single-level clauses cited as III.7
    assert [s.number for s in roman.sections] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert "III.7" in numbers(roman)
    # the menu, ratings and the 24com advert at the top are noise
    top = [b.index for b in fa.raw.blocks if b.source.line is not None and b.source.line < 80]
    assert set(top) <= fa.noise


def test_002_two_lithuanian_copies() -> None:
    fa = seed("002")
    docs = instructions(fa)
    assert len(docs) == 2
    for doc in docs:
        assert doc.language == "lt"
        assert doc.approval is not None  # "ATTVIRTAU", misspelt, is still the stamp
        assert [s.kind for s in doc.sections] == [
            SectionKind.GENERAL, SectionKind.DUTIES, SectionKind.RIGHTS,
            SectionKind.RESPONSIBILITY]
    assert numbers(docs[0]) == numbers(docs[1])
    # the article's numbered lists between the copies are noise
    assert all(line_of(docs[0], b) < 60 or line_of(docs[0], b) >= 144
               for d in docs for b in d.span if b not in d.noise)


def test_003_instruction_inside_an_article() -> None:
    fa = seed("003")
    (doc,) = instructions(fa)
    nums = numbers(doc)
    assert nums.index("2.12") == nums.index("2.10") + 1  # the gap is kept for JD104
    rights = doc.sections[2]
    assert rights.number == "3" and rights.heading == ""  # heading missing in the source
    assert rights.kind is SectionKind.RIGHTS  # known from its lead-in "… имеет право:"
    texts = [c.text for c in doc.clauses()]
    assert not any(t.startswith("В бизнесе потребительских товаров") for t in texts)
    assert not any(t.startswith("Каковы") for t in texts)


def test_004_misnumbered_clause_stays_in_section_1() -> None:
    fa = seed("004")
    (doc,) = instructions(fa)
    general = doc.sections[0]
    assert [c.path for c in general.clauses if c.number][-2:] == ["1.5", "6"]
    assert doc.title == "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"
    assert doc.position == "менеджера по работе с ключевыми клиентами"
    knowledge = next(c for c in general.clauses if c.path == "1.3")
    assert len(knowledge.children) == 33
    assert knowledge.children[3].path == "1.3 4)"
