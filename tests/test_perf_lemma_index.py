"""The phrase rules' lemma index lists only the lemmas some matcher asked about, and keeps each
text's share of them across the files of a batch; phrases are walked only under the first
lemmas a document holds (``checklib.lemma_index``, issue 19): the candidate blocks of every
matcher must be what the full index of every token's lemma gave. The old code is kept here and
compared with the new on generated documents, over several documents in a row (the batch-wide
text cache, the wanted set growing mid-document); the comparison is shown able to fail.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from helpers import make_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import lemma_index
from jdlint.checklib.phrase_context import matcher, tokens
from jdlint.core.model import Document
from jdlint.engine.registry import load_rules
from jdlint.nlp import matcher as phrase_index
from jdlint.nlp.matcher import PhraseMatcher
from jdlint.ruleapi import RuleContext


def _old_candidates(doc: Document, found: PhraseMatcher) -> set[int]:
    """``candidate_blocks`` as it was: an index of every token's lemma of every block."""
    where: defaultdict[str, list[int]] = defaultdict(list)
    for index, block in enumerate(doc.raw.blocks):
        for lemma in {tok.lemma for tok in tokens(block.text, found.lang)}:
            where[lemma].append(index)
    candidates: set[int] = set()
    for lemmas in lemma_index._phrase_lemmas(found):
        held: set[int] | None = None
        for lemma in lemmas:
            blocks = where.get(lemma)
            if not blocks:
                held = None
                break
            held = set(blocks) if held is None else held.intersection(blocks)
            if not held:
                break
        if held:
            candidates |= held
    return candidates


def _rule_matchers() -> dict[str, list[PhraseMatcher]]:
    """Every phrase list of every rule (patterns and named groups), compiled, per language."""
    out: dict[str, list[PhraseMatcher]] = {"ru": [], "lt": []}
    for rule in load_rules().values():
        extra = rule.meta.extra
        lists = [extra.get(k) or {} for k in ("patterns", "exceptions", "requires", "escalate")]
        lists += [*rule.meta.phrases.values()]
        for by_lang in lists:
            if isinstance(by_lang, dict):
                for lang, phrases in by_lang.items():
                    if lang in out and isinstance(phrases, list) and phrases:
                        out[lang].append(matcher(phrases, lang))
    return out


_MATCHERS = _rule_matchers()

_LINES = {
    "ru": st.sampled_from([
        "За опоздание к работнику применяется штраф в размере 500 рублей.",
        "Работник лишается квартальной премии в полном объеме.",
        "Размер премии в пределах переменной части заработной платы.",
        "Несет материальную ответственность в полном размере причиненного ущерба.",
        "С работником заключен договор о полной материальной ответственности.",
        "За нарушения применяется строгий выговор или понижение в должности.",
        "Должностной регламент государственного гражданского служащего.",
        "Работодатель не вправе применять штрафы.", "Ведет учет документов.",
        "Требования: мужчина не старше 35 лет, славянской внешности.",
        "Работает сверхурочно без оплаты; отпуск не предоставляется.", "", "2.1.",
    ]),
    "lt": st.sampled_from([
        "Už vėlavimą darbuotojui skiriama bauda.", "Darbuotojas atsako visiška materialine "
        "atsakomybe.", "Darbas poilsio dienomis neapmokamas.", "Vykdo dokumentų apskaitą.",
        "Reikalavimai: vyras iki 35 metų.", "Draudžiama taikyti baudas.", "", "3.2.",
    ]),
}


def _documents(lang: str) -> st.SearchStrategy[list[list[str]]]:
    line = st.one_of(_LINES[lang], st.lists(_LINES[lang], max_size=3).map(" ".join))
    return st.lists(st.lists(line, min_size=1, max_size=8), min_size=1, max_size=4)


def _check(lang: str, docs: list[list[str]], order: list[int], fresh: bool) -> None:
    if fresh:
        phrase_index._WANTED.clear()  # NOTE: the wanted set then grows mid-document
    matchers = _MATCHERS[lang]
    meta = load_catalogue()["JD201"]
    for lines in docs:
        doc = make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", *lines], language=lang)  # type: ignore[arg-type]
        ctx = RuleContext(meta, doc, lang="ru")
        for which in order:
            found = matchers[which % len(matchers)]
            assert lemma_index.candidate_blocks(doc, ctx, found) == _old_candidates(doc, found)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["ru", "lt"]).flatmap(lambda lang: st.tuples(
    st.just(lang), _documents(lang), st.lists(st.integers(0, 10_000), min_size=1, max_size=12),
    st.booleans())))
def test_candidates_are_the_full_index_ones(case: tuple[str, list[list[str]], list[int], bool]
                                            ) -> None:
    _check(*case)


def test_every_rule_matcher_in_turn() -> None:
    for lang in ("ru", "lt"):
        _check(lang, [["За опоздание применяется штраф.", "Vykdo dokumentų apskaitą."]] * 2,
               list(range(len(_MATCHERS[lang]))), True)


def test_candidates_comparison_can_fail() -> None:
    """An index that takes a matcher's lemmas for covered when they are not (a stale wanted
    set) misses blocks, and the comparison sees it."""
    fine = matcher(["штраф"], "ru")
    other = matcher(["учет документов"], "ru")
    lines = ["Ведет учет документов.", "Применяется штраф."]
    _check("ru", [lines], [], True)
    doc = make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", *lines])
    assert _old_candidates(doc, other) == {1}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lemma_index, "_all_lemmas", lambda _m: frozenset())
        phrase_index._WANTED.clear()
        ctx = RuleContext(load_catalogue()["JD201"], doc, lang="ru")
        assert lemma_index.candidate_blocks(doc, ctx, fine) == set()  # nothing wanted yet
    phrase_index._WANTED.clear()
    ctx = RuleContext(load_catalogue()["JD201"], doc, lang="ru")
    assert lemma_index.candidate_blocks(doc, ctx, fine) == _old_candidates(doc, fine) == {2}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lemma_index, "_all_lemmas", lambda _m: frozenset())
        assert lemma_index.candidate_blocks(doc, ctx, other) != _old_candidates(doc, other)
    assert lemma_index.candidate_blocks(doc, RuleContext(load_catalogue()["JD201"], doc,
                                                         lang="ru"), other) == {1}


def test_grouping_comparison_can_fail() -> None:
    """Phrases walked only under the first lemmas the document holds: a grouping that lost a
    phrase would miss its blocks, and the comparison sees it."""
    fine = matcher(["штраф", "лишение * премии"], "ru")
    doc = make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "Ведет учет.", "Лишение квартальной премии."])
    assert _old_candidates(doc, fine) == {2}
    assert lemma_index.candidate_blocks(doc, RuleContext(load_catalogue()["JD201"], doc,
                                                         lang="ru"), fine) == {2}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lemma_index, "_by_first", lambda m: {"штраф": [("штраф",)]})
        ctx = RuleContext(load_catalogue()["JD201"], doc, lang="ru")
        assert lemma_index.candidate_blocks(doc, ctx, fine) != _old_candidates(doc, fine)


def test_rebuild_comparison_can_fail() -> None:
    """A matcher with new lemmas rebuilds the document's index from its blocks' lemma sets: a
    rebuild that lost them would miss blocks, and the comparison sees it."""
    first, later = matcher(["штраф"], "ru"), matcher(["учет документов"], "ru")
    doc = make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "Ведет учет документов.", "Применяется штраф."])
    phrase_index._WANTED.clear()
    ctx = RuleContext(load_catalogue()["JD201"], doc, lang="ru")
    assert lemma_index.candidate_blocks(doc, ctx, first) == {2}
    assert lemma_index.candidate_blocks(doc, ctx, later) == _old_candidates(doc, later) == {1}
    phrase_index._WANTED.clear()
    ctx = RuleContext(load_catalogue()["JD201"], doc, lang="ru")
    assert lemma_index.candidate_blocks(doc, ctx, first) == {2}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lemma_index, "_index_of", lambda _sets, _wanted: {})
        assert lemma_index.candidate_blocks(doc, ctx, later) != _old_candidates(doc, later)


def test_clear_caches_forgets_the_texts_kept_lemmas() -> None:
    from jdlint import nlp
    from jdlint.nlp import matcher

    matcher._TEXT_LEMMAS[("probe", "ru", "regex")] = (0, {"текст": ("лемма",)})
    nlp.clear_caches()
    assert ("probe", "ru", "regex") not in matcher._TEXT_LEMMAS
