"""Per-document maps shared by rules (issue 19), each compared with the code it replaced:

* ``place_maps.citable`` (JD106 now, JD108-JD110 before) and ``places.citable_in`` (JD107)
  answer as ``places.citable_at`` from ONE map per document, shared through the memo;
* ``Document.clauses`` keeps its answer for the last document asked;
* JD213 asks ``placeholder_scan.live_per_block`` (one pass per literal over the document) for
  what ``Prefilter.live`` told block by block;
* the jurisdiction's citations come from the same per-block answers;
* JD109's blocks (with the line continuing each clause) likewise, the pair's answer the union
  of the two lines' unless a literal holds a space;
* ``PhraseMatcher.patterns`` is what ``checklib.matching`` read from the matcher's private
  index before;

on generated clause trees and on small examples whose answer is written out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from helpers import make_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import jurisdiction as jur
from jdlint.checklib import lemma_index
from jdlint.checklib.phrase_context import matcher
from jdlint.checklib.place_maps import citable
from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.checklib.places import OWNERS_KEY, citable_at, citable_in
from jdlint.checks import placeholders, references
from jdlint.core import literals
from jdlint.core.model import Clause, Document
from jdlint.nlp.matcher import PhraseMatcher
from jdlint.ruleapi import RuleContext

# ----------------------------------------------------------------------------- citable


def _clauses(depth: int = 0) -> st.SearchStrategy[Clause]:
    """Clause trees with numbered and bullet items; blocks may repeat or overlap."""
    children = st.just(()) if depth >= 3 else st.lists(_clauses(depth + 1), max_size=3).map(
        tuple)
    return st.builds(
        lambda numbered, blocks, kids: Clause(
            label="1." if numbered else "•", path="1" if numbered else "1 •1",
            number=(1,) if numbered else (), text="x", blocks=tuple(blocks), depth=depth,
            children=kids),
        st.booleans(), st.lists(st.integers(0, 11), min_size=1, max_size=3), children)


def _doc(sections: list[list[Clause]]):  # type: ignore[no-untyped-def]
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. Текст"] + ["текст"] * 9)
    return replace(doc, sections=tuple(replace(doc.sections[0], clauses=tuple(cs))
                                       for cs in sections))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_clauses(), max_size=4), min_size=1, max_size=3),
       st.lists(st.lists(_clauses(), max_size=4), min_size=1, max_size=3))
def test_citable_is_citable_at(sections: list[list[Clause]], others: list[list[Clause]]
                               ) -> None:
    doc, other = _doc(sections), _doc(others)
    ctx = RuleContext(load_catalogue()["JD106"], doc, lang="ru")
    for block in range(12):
        assert citable(ctx, doc, block) == citable_at(doc, block)
        assert citable_in(ctx, block) == citable_at(doc, block)
        # NOTE: another document than the context's gets its own answer, not the memo's
        assert citable(ctx, other, block) == citable_at(other, block)


def test_citable_shares_one_map_and_can_fail() -> None:
    bullet = Clause(label="•", path="1.1 •1", number=(), text="b", blocks=(3,), depth=1)
    numbered = Clause(label="1.1.", path="1.1", number=(1, 1), text="a", blocks=(2,),
                      children=(bullet,))
    doc = _doc([[numbered]])
    ctx = RuleContext(load_catalogue()["JD106"], doc, lang="ru")
    assert citable(ctx, doc, 3) == replace(numbered, blocks=(2, 3))
    assert citable(ctx, doc, 2) == 2
    built = ctx.memo(OWNERS_KEY, dict)
    assert set(built) == {3}
    assert citable_in(ctx, 3) == citable(ctx, doc, 3)
    assert ctx.memo(OWNERS_KEY, dict) is built
    # NOTE: the comparison sees a wrong owner (a stale map would give the bullet's clause)
    plain = _doc([[replace(numbered, children=())]])
    assert citable(ctx, plain, 3) == 3 != citable(ctx, doc, 3)


# ----------------------------------------------------------------------------- matcher


def _old_phrase_lemmas(found: PhraseMatcher) -> tuple[tuple[str, ...], ...]:
    """``lemma_index._phrase_lemmas`` as it was: read from the matcher's private index."""
    return tuple(tuple(dict.fromkeys(p for p in entry[0] if isinstance(p, str)))
                 for entries in found._index.values() for entry in entries)


def test_patterns_are_the_index_entries() -> None:
    lists = [
        ["выполнять * работы", "выполнять работы", "контроль", "контроль качества продукции"],
        ["vykdyti darbus", "kontroliuoti * kokybę", "vykdyti"],
        [],
    ]
    for phrases, lang in zip(lists, ("ru", "lt", "ru"), strict=True):
        found = matcher(phrases, lang)
        assert found.patterns() == tuple(e[0] for es in found._index.values() for e in es)
        assert lemma_index._phrase_lemmas(found) == _old_phrase_lemmas(found)
    found = matcher(["выполнять * работы", "выполнять работы"], "ru")
    # NOTE: longer first within one first lemma, gaps kept as ints
    assert len(found.patterns()) == 2
    assert isinstance(found.patterns()[0][1], int)
    assert found.patterns()[0][0] == found.patterns()[1][0]


# ------------------------------------------------------------------- JD213's per-block live

_JD213 = load_catalogue()["JD213"].data
_MINOR_PIECES = ("НЕСОВЕРШЕННОЛЕТНИЕ", "подростки", "моложе 18 лет", "ЛЕТ", "может", "Могут",
                 "принимаются", "на должность", "nepilnamečiai", "Gali", "priimami",
                 "pareigas", "metų", "\u0130", "\u017f", "\u1c80", " ", "\n", ".", "работа")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_MINOR_PIECES), max_size=8).map("".join),
                max_size=8), st.sampled_from(("ru", "lt")), st.sampled_from(("minors", "admits")))
def test_minors_blocks_are_prefilter_live(texts: list[str], lang: str, key: str) -> None:
    regexes = (re.compile(str(_JD213[key][lang]), re.IGNORECASE),)
    live = literals.prefilter(regexes).live
    assert live_per_block(regexes, texts) == [live(text) for text in texts]


def test_minors_blocks_can_fail() -> None:
    regexes = (re.compile(str(_JD213["minors"]["ru"]), re.IGNORECASE),)
    assert live_per_block(regexes, ["Работа", "ПОДРОСТКИ допускаются"]) == [[], [0]]


# ------------------------------------------------------------------ jurisdiction's citations


def _old_citations(doc: Document, lang: str) -> list[jur.Citation]:
    """``jurisdiction._citations`` as it was: ``Prefilter.live`` asked of every block."""
    found: list[jur.Citation] = []
    searched = [*jur._MARKERS.get(lang, {}).items(),
                *((("by-word", jur._BY_WORD),) if lang == "ru" else ())]
    live = literals.prefilter(tuple(pattern for _, pattern in searched)).live
    for i in jur._blocks(doc):
        text = doc.raw.blocks[i].text
        for number in live(text):
            country, pattern = searched[number]
            for m in pattern.finditer(text):
                found.append(jur.Citation(country, i, m.start(), m.end(), m.group()))
    return found


_LAW_PIECES = ("Российской Федерации", "РФ", "РБ", "ТНПА", "Республики Беларусь", "РК",
               "федеральным законом", "273-ФЗ", "нанимателя", "представителя нанимателя",
               "Lietuvos Respublikos", "LR", "DK", "Rusijos Federacijos", "rubliai",
               "Kazachstano Respublikos", "\u0130", "\u017f", "работа", " ", ".", "\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LAW_PIECES), max_size=6).map(" ".join),
                min_size=1, max_size=6), st.sampled_from(("ru", "lt")))
def test_citations_are_the_block_by_block_prefilter(lines: list[str], lang: str) -> None:
    doc = make_doc(["ДИ", "1. Общие положения", *(f"1.{k}. {line}" for k, line in
                                                   enumerate(lines, 1))])
    assert jur._citations(doc, lang) == _old_citations(doc, lang)


def test_citations_can_fail() -> None:
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. По закону РБ и ТК РФ"])
    assert [c.country for c in jur._citations(doc, "ru")] == ["ru", "by"]


# ----------------------------------------------------------------------------- JD109


def _old_candidates(doc: Document, regexes: tuple[re.Pattern[str], ...]
                    ) -> list[tuple[int, str, str, list[int]]]:
    """JD109's blocks before the per-document scans: ``Prefilter.live`` of every block of the
    span joined with the line that continues its clause."""
    blocks = doc.raw.blocks
    live = literals.prefilter(regexes).live
    wrapped = {a: b for clause in doc.clauses() for a, b in zip(
        clause.blocks, clause.blocks[1:], strict=False) if b < len(blocks)}
    out = []
    for index in doc.span:
        if index >= len(blocks) or index in doc.noise:
            continue
        nxt = wrapped.get(index)
        own = blocks[index].text
        text = f"{own} {blocks[nxt].text}" if nxt is not None else own
        numbers = live(text)
        if numbers:
            out.append((index, own, text, numbers))
    return out


_JD109 = load_catalogue()["JD109"].data
_JD106 = load_catalogue()["JD106"].data
_REF_PIECES = ("ГОСТ Р 6.30-2003", "гост", "КЗоТ", "начальное", "профессиональное",
               "образование", "послевузовское", "милиция", "ИНТЕРНАТУРА", "125-ФЗ",
               "Федеральный закон", "Darbo kodekso", "DK 232", "straipsnis", "ППБ 01-03",
               "\u0130", "\u017f", "работа", ".", ",")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_REF_PIECES), max_size=5).map(" ".join),
                min_size=1, max_size=8), st.sampled_from(("ru", "lt")),
       st.lists(st.booleans(), min_size=8, max_size=8))
def test_jd109_candidates_are_live_of_each_joined_block(lines: list[str], lang: str,
                                                       numbered: list[bool]) -> None:
    # NOTE: an unnumbered line continues the previous clause: blocks wrap onto the next line
    body = [f"1.{k}. {line}" if numbered[k] else line for k, line in enumerate(lines)]
    doc = make_doc(["ДИ", "1. Общие положения", "1.0. Начало", *body])
    regexes = tuple(e.regex for e in references._entries(_JD109, lang))
    assert list(references._candidates(doc, regexes)) == _old_candidates(doc, regexes)
    # NOTE: a literal holding a space takes the joined text's own ``live``
    spaced = (re.compile(r"ab\s?cd|x y", re.IGNORECASE), *regexes)
    assert list(references._candidates(doc, spaced)) == _old_candidates(doc, spaced)


def test_jd109_candidates_join_a_wrapped_term_and_can_fail() -> None:
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. имеющее начальное",
                    "профессиональное образование", "1.2. работа"])
    regexes = tuple(e.regex for e in references._entries(_JD109, "ru"))
    found = list(references._candidates(doc, regexes))
    assert [(index, text) for index, _own, text, _n in found][:1] == [
        (2, "1.1. имеющее начальное профессиональное образование")]
    assert found == _old_candidates(doc, regexes)
    joined = (re.compile("x y"),)
    lines = make_doc(["ДИ", "1. Общие положения", "1.1. a x", "y b"])
    assert [i for i, *_ in references._candidates(lines, joined)] == [2]


# ------------------------------------------------------- live_per_block's one-call lowercase

_CASE_PIECES = ("İ", "ΑΣ", "Σ", "ς", "ſ", "ГОСТ", "гост", "ООО «", "»", "ХХХ", "Ф.И.О.",
                "фамилия", "KZOT", "КЗоТ", "РФ", " ", "\n", ".", "ẞ", "ǅ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_CASE_PIECES), max_size=6).map("".join),
                max_size=8))
def test_live_per_block_lowercasing_the_join_at_once(texts: list[str]) -> None:
    """A join that grows when lowercased ("İ") is lowercased block by block; otherwise at
    once, blocks starting where they did."""
    for regexes in (tuple(p.regex for p in placeholders._patterns(_JD106, "ru")),
                    tuple(e.regex for e in references._entries(_JD109, "ru"))):
        live = literals.prefilter(regexes).live
        assert live_per_block(regexes, texts) == [live(text) for text in texts]


def test_live_per_block_after_a_growing_letter_can_fail() -> None:
    regexes = (re.compile("гост", re.IGNORECASE),)
    # NOTE: "İ" lowercases to two characters: a start shifted by one would put the literal
    # in the wrong block
    assert live_per_block(regexes, ["İİ", "xгост", "y"]) == [[0], [0], []]
    assert live_per_block(regexes, ["ab", "ГОСТ", "y"]) == [[], [0], []]
