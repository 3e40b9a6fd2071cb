"""``Document.clauses`` and ``Section.all_clauses`` remember their answer on the object
(issue 19): the same clauses as the walk they replace, on real structures and invented ones,
made once, not compared or printed, and started afresh by ``replace``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from jdlint.core.model import Clause, Document, Section, SectionKind
from jdlint.engine.pipeline import Settings, analyse_file

SOURCES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "src").glob("*.txt"))


def _old_all_clauses(section: Section) -> tuple[Clause, ...]:
    out: list[Clause] = []
    for clause in section.clauses:
        out.extend(clause.walk())
    return tuple(out)


def _old_clauses(doc: Document) -> tuple[Clause, ...]:
    out: list[Clause] = []
    for section in doc.sections:
        out.extend(_old_all_clauses(section))
    return tuple(out)


def _clause(path: str, *children: Clause) -> Clause:
    return Clause(f"{path}.", path, tuple(int(p) for p in path.split(".")), f"пункт {path}",
                  (0,), path.count("."), children=children)


def _invented() -> tuple[Section, Section]:
    nested = _clause("1", _clause("1.1", _clause("1.1.1")), _clause("1.2"))
    duties = Section(SectionKind.DUTIES, "Обязанности", "1", (nested, _clause("2")), range(1, 5))
    empty = Section(SectionKind.RIGHTS, "Teisės", None, (), range(5, 6))
    return duties, empty


@pytest.mark.parametrize("source", SOURCES[:8], ids=lambda p: p.name)
def test_real_structures_give_the_old_clauses(source: Path) -> None:
    for doc in analyse_file(source, Settings()).documents:
        expected = _old_clauses(doc)
        assert doc.clauses() == expected
        assert doc.clauses() is doc.clauses()  # made once
        for section in doc.sections:
            assert section.all_clauses() == _old_all_clauses(section)


def test_invented_sections_and_their_replacements() -> None:
    duties, empty = _invented()
    assert [c.path for c in duties.all_clauses()] == ["1", "1.1", "1.1.1", "1.2", "2"]
    assert empty.all_clauses() == ()
    fresh, _ = _invented()
    assert duties == fresh and hash(duties) == hash(fresh) and repr(duties) == repr(fresh)
    shorter = replace(duties, clauses=(_clause("3"),))
    assert [c.path for c in shorter.all_clauses()] == ["3"]
    assert [c.path for c in duties.all_clauses()] == ["1", "1.1", "1.1.1", "1.2", "2"]


def test_a_replaced_document_walks_its_own_sections() -> None:
    doc = analyse_file(SOURCES[0], Settings()).documents[0]
    before = doc.clauses()
    assert before
    emptied = replace(doc, sections=())
    assert emptied.clauses() == ()
    assert doc.clauses() is before
    assert replace(doc, index=doc.index).clauses() == before
    assert "_clauses" not in repr(doc) and "_all" not in repr(doc.sections[0])
