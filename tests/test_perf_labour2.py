"""Speed-ups of JD108, JD109 and JD110 (issue 19) must give the same answers as what they
replaced (the old code is kept here and compared with the new; each comparison is shown able
to fail):

* ``checklib.place_maps.citable`` is ``places.citable_at`` from one walk per document;
* JD109 and the jurisdiction detector read ``literals.Prefilter.live`` of every block from one
  pass per literal over the whole document (``checklib.placeholder_scan.live_per_block``);
* JD202 asks whether the post is on the statutory list only for a status phrase it found;
* JD108 folds and scans its blocks for the trigger stems joined, once
  (``subordination._triggered``), instead of one fold and scan per block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.checklib import jurisdiction, placeholder_scan
from jdlint.checklib.matching import phrase_findings
from jdlint.checklib.phrases import stem_filter
from jdlint.checklib.place_maps import owners
from jdlint.checklib.places import citable_at
from jdlint.checks import liability, references, subordination
from jdlint.core import literals
from jdlint.core.model import Clause, Document, Finding
from jdlint.core.text import fold
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.readers import read_bytes
from jdlint.ruleapi import RuleContext
from jdlint.structure import analyse
from tests.helpers import make_doc
from tests.test_perf_labour import ROOT, _document, _shape

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


# ------------------------------------------------------------------------ document scan

def _jd109_patterns() -> dict[str, list[re.Pattern[str]]]:
    data = yaml.safe_load((ROOT / "rules" / "JD109.yaml").read_text("utf-8"))["data"]
    out: dict[str, list[re.Pattern[str]]] = {}
    for item in data["superseded"]:
        out.setdefault(str(item["lang"]), []).append(re.compile(str(item["pattern"]),
                                                                re.IGNORECASE))
    return out


_LISTS: list[list[re.Pattern[str]]] = [
    *_jd109_patterns().values(),
    *([*markers.values(), jurisdiction._BY_WORD] for markers in jurisdiction._MARKERS.values()),
    [re.compile("гост р|abc", re.IGNORECASE), re.compile(r"\d+")],  # a literal with a space
    [re.compile(r"\w+ФЗ", re.IGNORECASE), re.compile("x\ny")],      # and a line break
]
_PIECES = st.sampled_from([
    "ГОСТ Р 6.30-2003", "гост", "КЗоТ", "Кодексом законов о труде", "милиции", "Российской",
    "Федерации", "РФ", "Республики Беларусь", "нанимателя", "Lietuvos Respublikos", "LR",
    "высшего профессионального", "образования", "125-ФЗ", "DK", "2002 m. birželio 4 d.",
    "ᲃ", "ſ", "ı", "İ", "\u0307", "Σ", "ς", "ё", " ", "\n", "«", "»", ".", "-", "7", "x", "y",
    "abc", "Р",
])
_BLOCKS = st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=6)


def _old_lives(regexes: tuple[re.Pattern[str], ...], texts: list[str]) -> list[list[int]]:
    """Before the per-document scans: ``Prefilter.live`` asked of every block."""
    live = literals.prefilter(tuple(regexes)).live
    return [live(text) for text in texts]


@settings(max_examples=500, deadline=None)
@given(_BLOCKS, st.sampled_from(range(len(_LISTS))))
def test_per_block_lives_are_live(texts: list[str], which: int) -> None:
    """``live_per_block`` (the one per-document scan JD109 and the jurisdiction detector now
    read) is ``live`` of each block; a block with its next line, as JD109 reads it, gets the
    union of the two unless a literal holds a space."""
    regexes = tuple(_LISTS[which])
    lives = placeholder_scan.live_per_block(regexes, texts)
    live = literals.prefilter(regexes).live
    assert lives == _old_lives(regexes, texts)
    if placeholder_scan.spaced(regexes):
        return
    for n in range(len(texts) - 1):
        joined = live(f"{texts[n]} {texts[n + 1]}")
        assert joined == sorted(set(lives[n]).union(lives[n + 1])), (texts, n)


def test_per_block_lives_can_fail() -> None:
    regexes = tuple(_LISTS[0])
    texts = ["Ведет учет.", "по ГОСТ Р 6.30-2003", "и КЗоТ РСФСР"]
    lives = placeholder_scan.live_per_block(regexes, texts)
    assert [bool(x) for x in lives] == [False, True, True]
    assert placeholder_scan.spaced(tuple(_LISTS[-2]))  # a literal with a space
    assert not placeholder_scan.spaced(tuple(_LISTS[-1]))  # a line break cannot span a space
    # NOTE: "x" then "y" on the next line hold no literal "x\ny", one block "x\ny" does
    assert placeholder_scan.live_per_block(tuple(_LISTS[-1]), ["x", "y"]) == [[], []]
    assert placeholder_scan.live_per_block(tuple(_LISTS[-1]), ["x\ny"]) == [[1]]


def _reference_findings(path: Path, codes: tuple[str, ...]) -> list[tuple[object, ...]]:
    rules = [r for c, r in load_rules().items() if c in codes]
    result = lint_file(path, rules, Settings())
    assert result.error is None
    return [_shape(f) for f in result.findings]


_REFERENCES = st.sampled_from([
    "Руководствуется ГОСТ Р 6.30-2003 и Трудовым кодексом Российской Федерации.",
    "Образование: высшее профессиональное",
    "образование, стаж работы не менее 3 лет.",
    "Взамен ГОСТ Р 6.30-2003 действует ГОСТ Р 7.0.97-2016.",
    "Знает Кодекс законов о труде РСФСР.",
    "Взаимодействует с органами милиции.",
    "Работает в соответствии с законодательством Республики Беларусь.",
    "Ведет учет документов.",
])


@settings(max_examples=25, deadline=None)
@given(st.lists(_REFERENCES, min_size=1, max_size=6))
def test_jd109_and_jurisdiction_are_the_old_scan(tmp_path_factory: pytest.TempPathFactory,
                                                 clauses: list[str]) -> None:
    path = tmp_path_factory.mktemp("jd109") / "doc.txt"
    path.write_text(_document(clauses), "utf-8")
    codes = ("JD109", "JD205", "JD201")
    new = _reference_findings(path, codes)
    with pytest.MonkeyPatch.context() as patch:
        # NOTE: the old path: ``live`` of every block, and of every block joined with its
        # next line (JD109)
        patch.setattr(references, "live_per_block", _old_lives)
        patch.setattr(references, "spaced", lambda _regexes: True)
        patch.setattr(jurisdiction, "live_per_block", _old_lives)
        assert _reference_findings(path, codes) == new


def test_jd109_comparison_can_fail(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(_document(["Руководствуется ГОСТ Р 6.30-2003.", "Знает КЗоТ РСФСР."]),
                    "utf-8")
    assert len(_reference_findings(path, ("JD109",))) == 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(references, "live_per_block",
                      lambda _regexes, texts: [[] for _ in texts])
        assert _reference_findings(path, ("JD109",)) == []


# ------------------------------------------------------------------------------- JD202

def _old_jd202(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """JD202's check as it was: the list of posts asked first, for every document."""
    lang = doc.language or "ru"
    posts = (ctx.phrases.get("listed_posts") or {}).get(lang) or ()
    status = set((ctx.phrases.get("status_phrases") or {}).get(lang) or ())
    listed = bool(status) and liability.on_statutory_list(doc, posts)
    for finding in phrase_findings(doc, ctx):
        if listed and finding.data and finding.data.get("phrase") in status:
            continue
        yield finding


_JD202 = st.sampled_from([
    "Является материально ответственным лицом.",
    "Несет полную материальную ответственность за вверенные ценности.",
    "Кассир принимает наличные денежные средства.",
    "Кассир должен знать порядок ведения кассовых операций.",
    "Ведет учет документов.",
])


def _jd202_findings(path: Path, old: bool) -> list[tuple[object, ...]]:
    rule = load_rules()["JD202"]
    if old:
        rule = replace(rule, check=_old_jd202)
    result = lint_file(path, [rule], Settings())
    assert result.error is None
    return [_shape(f) for f in result.findings]


@settings(max_examples=25, deadline=None)
@given(st.lists(_JD202, min_size=1, max_size=5), st.sampled_from(["кассира", "менеджера"]))
def test_jd202_is_the_old_rule(tmp_path_factory: pytest.TempPathFactory, clauses: list[str],
                               post: str) -> None:
    path = tmp_path_factory.mktemp("jd202") / "doc.txt"
    path.write_text(_document(clauses).replace("менеджера", post, 1), "utf-8")
    assert _jd202_findings(path, old=False) == _jd202_findings(path, old=True)


def test_jd202_comparison_can_fail(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    status = "Является материально ответственным лицом."
    path.write_text(_document([status]).replace("менеджера", "кассира", 1), "utf-8")
    assert _jd202_findings(path, old=False) == []
    path.write_text(_document([status]), "utf-8")
    assert len(_jd202_findings(path, old=False)) == 1
