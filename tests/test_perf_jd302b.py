"""Issue 19, JD302 round two: ``candidates`` keeps what it derives from a clause's lemmas
(content lemmas, stems, number words, the set of stems) in a dict the rule holds across
documents. The old per-clause form is kept here; the new one, its dict shared by several
generated documents (and cleared when full), gives the same candidates; a dict filled under
another stem length would not, so the comparison can fail. ``weights`` and
``contained_pairs`` given the kept sets answer as when they build them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checks import duplicates
from jdlint.checks.duplicates import Candidate
from jdlint.core.model import Document
from jdlint.nlp.doctext import sharing
from tests.helpers import make_doc


def _old_candidates(doc: Document, phrases: Mapping[str, Any], size: int) -> list[Candidate]:
    """``candidates`` before the kept derivations: every clause's lists built anew."""
    lang = doc.language or "ru"
    stopwords, light, numerals, choices, ignore = [duplicates._words(phrases, name, lang)
                                                   for name in duplicates._LISTS]
    seen: set[str] = set()
    out: list[Candidate] = []
    for copy in duplicates.eligible_clauses(doc, min_words=1, ignore=ignore):
        if copy.key in seen:
            continue
        seen.add(copy.key)
        if duplicates._announces(copy.scope[1], choices):
            continue
        text = copy.clause.text
        lemmas = duplicates.content_lemmas(text, lang, stopwords)
        stems = tuple(lem[:size] for lem in lemmas if lem not in light)
        figures: tuple[str, ...] = ()
        written = duplicates._FIGURES_RE.findall(text)
        said = [lem for lem in lemmas if lem in numerals]
        if written or said:
            figures = tuple(sorted([*written, *said]))
        out.append(Candidate(copy, lemmas, stems, figures))
    return out


def _fields(items: list[Candidate]) -> list[Candidate]:
    """The candidates as the old form made them: the kept set of stems is the stems' set,
    and then left out (the old form had none)."""
    assert all(c.unique == frozenset(c.stems) for c in items)
    return [c._replace(unique=None) for c in items]


_WORDS = st.sampled_from(["ведет", "учет", "документов", "и т.д.", "отчет", "склада", "5",
                          "пяти", "двух", "контролирует", "II", "в", "по", "осуществляет",
                          "бюджета", "он", "1.2", "Ведёт", "одному из следующих:"])
_CLAUSES = st.lists(st.lists(_WORDS, min_size=1, max_size=7).map(" ".join), max_size=8)


def _doc(texts: list[str]) -> Document:
    lines = ["2. Должностные обязанности"] + [f"2.{n}. {t}" for n, t in enumerate(texts, 1)]
    return make_doc(lines)


@pytest.fixture(scope="module")
def phrases() -> Mapping[str, Any]:
    return load_catalogue()["JD302"].phrases


@settings(max_examples=200, deadline=None)
@given(st.lists(_CLAUSES, min_size=1, max_size=4), st.sampled_from([4, 5, 6]),
       st.sampled_from([2, 3, 1 << 14]))
def test_kept_derivations_give_the_old_candidates(batch: list[list[str]], size: int,
                                                  bound: int) -> None:
    """One dict across the documents of a batch (a clause recurs from one to the next), and
    a bound small enough that it is cleared in between."""
    catalogue = load_catalogue()["JD302"].phrases
    known: dict[tuple[str, ...], Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "_KNOWN_MAX", bound)
        for texts in [*batch, *batch]:
            doc = _doc(texts)
            with sharing():
                new = duplicates.candidates(doc, catalogue, size, known=known)
            with sharing():
                assert _fields(new) == _old_candidates(doc, catalogue, size)
            assert len(known) <= bound


def test_edge_inputs(phrases: Mapping[str, Any]) -> None:
    """No clause; a clause of stopwords only; number words and figures; the same clause twice."""
    for texts in ([], ["в по он"], ["стаж не менее пяти лет", "стаж не менее 5 лет"],
                  ["ведет учет документов", "ведет учет документов"]):
        known: dict[tuple[str, ...], Any] = {}
        for _ in range(2):
            doc = _doc(texts)
            assert (_fields(duplicates.candidates(doc, phrases, 5, known=known))
                    == _old_candidates(doc, phrases, 5))


def test_comparison_can_fail(phrases: Mapping[str, Any]) -> None:
    """A dict filled under another stem length gives other stems: why the rule keys its dict
    by the stem length (and the language)."""
    doc = _doc(["контролирует ведение документации склада"])
    known: dict[tuple[str, ...], Any] = {}
    duplicates.candidates(doc, phrases, 4, known=known)
    assert known
    assert (_fields(duplicates.candidates(doc, phrases, 6, known=known))
            != _old_candidates(doc, phrases, 6))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["упр", "учет", "отчет", "докум", "контр", "план"]),
                         max_size=8).map(tuple), max_size=12), st.integers(1, 6))
def test_kept_sets_give_the_same_weights_and_containment(stems: list[tuple[str, ...]],
                                                         min_stems: int) -> None:
    """``weights`` and ``contained_pairs`` given each clause's set of stems (as ``candidates``
    keeps them) answer as when they build the sets themselves, down to the float."""
    from jdlint.checklib.clausesim import distinct_stems
    from jdlint.checklib.containment import contained_pairs

    bare = [Candidate(None, s, s, ()) for s in stems]  # type: ignore[arg-type]
    kept = [c._replace(unique=frozenset(c.stems)) for c in bare]
    old, new = duplicates.weights(bare), duplicates.weights(kept)
    assert [list(v.items()) for v in new] == [list(v.items()) for v in old]
    lists = [n % 2 for n in range(len(stems))]
    assert (contained_pairs(stems, lists, min_stems, new, distinct_stems(kept))
            == contained_pairs(stems, lists, min_stems, old))
