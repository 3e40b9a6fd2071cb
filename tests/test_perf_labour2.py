"""Speed-ups of JD108, JD109 and JD110 (issue 19) must give the same answers as what they
replaced (the old code is kept here and compared with the new; each comparison is shown able
to fail):

* ``checklib.place_maps.citable`` is ``places.citable_at`` from one walk per document;
* JD108 folds and scans its blocks for the trigger stems joined, once
  (``subordination._triggered``), instead of one fold and scan per block.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.checklib.phrases import stem_filter
from jdlint.checklib.place_maps import owners
from jdlint.checklib.places import citable_at
from jdlint.checks import subordination
from jdlint.core.model import Clause, Document
from jdlint.core.text import fold
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from tests.helpers import make_doc

# ------------------------------------------------------------------------------- citable

_LINES = st.sampled_from([
    "1.1. Менеджер относится к специалистам.", "- первый пункт списка;", "• второй пункт;",
    "2.1. Ведет учет:", "а) документов;", "1) договоров;", "продолжение строки",
    "3.1. Вносить предложения.", "", "2.1.1. Несет ответственность.", "– еще пункт.",
])
_HEAD = ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера", "1. Общие положения",
         "1.1. Менеджер относится к категории специалистов.", "2. Должностные обязанности"]
_TAIL = ["3. Права", "3.1. Вносить предложения руководству.", "- по работе отдела;"]


def _structured(lines: list[str]) -> list[Document]:
    """Documents as the structure layer builds them (bullets are child clauses)."""
    text = "\n".join([*_HEAD, *lines, *_TAIL]) + "\n"
    return list(analyse(read_bytes(text.encode("utf-8"), None, "doc.txt")).documents)


def _old_owner(doc: Document, block: int) -> Clause | int:
    return citable_at(doc, block)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=10))
def test_owners_are_citable_at(lines: list[str]) -> None:
    for doc in _structured(lines):
        found = owners(doc)
        for block in range(len(doc.raw.blocks) + 1):
            old = _old_owner(doc, block)
            owner = found.get(block)
            if owner is None:
                assert old == block
            else:
                assert old == replace(owner, blocks=(*owner.blocks, block))


def test_owners_comparison_can_fail() -> None:
    doc = _structured(["2.1. Ведет учет:", "- документов;", "- договоров."])[0]
    bullets = [i for i, b in enumerate(doc.raw.blocks) if b.text.startswith("- док")]
    old = _old_owner(doc, bullets[0])
    assert isinstance(old, Clause) and old.path == "2.1"
    assert owners(doc)[bullets[0]].path == "2.1"
    assert _old_owner(doc, 2) == 2 and 2 not in owners(doc)


# ---------------------------------------------------------------------- JD108 triggers

_PIECES = st.sampled_from([
    "подчиняется", "ПОДЧИНЯЕТСЯ", "непосредственно", "директору", "распоряжений",
    "в подчинении", "pavaldus", "Ёлка", "ß", "İ", "ﬁ", " ", "\n", ".", "-", "x",
])
_TEXTS = st.lists(st.lists(_PIECES, max_size=5).map("".join), max_size=6)
_STEMS = [("подчиняется", "распоряжение"), ("в подчинении", "pavaldus"), ("ss", "x"),
          ("елка",), ("a\nb",), ("",)]


def _old_triggered(doc: Document, indices: list[int], triggers: re.Pattern[str]) -> list[int]:
    return [i for i in indices if triggers.search(fold(doc.raw.blocks[i].text))]


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(range(len(_STEMS))))
def test_triggered_is_the_scan_per_block(texts: list[str], which: int) -> None:
    doc = make_doc(texts) if texts else make_doc([""])
    triggers = stem_filter(_STEMS[which], frozenset())
    indices = list(range(len(doc.raw.blocks)))
    assert subordination._triggered(doc, indices, triggers) == _old_triggered(doc, indices,
                                                                             triggers)


def test_triggered_comparison_can_fail() -> None:
    doc = make_doc(["Ведет учет.", "Подчиняется директору.", "Исполняет распоряжения."])
    triggers = stem_filter(_STEMS[0], frozenset())
    assert _old_triggered(doc, [0, 1, 2], triggers) == [1, 2]
    assert subordination._triggered(doc, [0, 1, 2], triggers) == [1, 2]
    assert subordination._triggered(doc, [0, 2], triggers) == [2]
