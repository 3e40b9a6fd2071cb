"""Issue 19, JD302's speed-ups: each fast path gives the same answers as the form it replaced
(kept here as the reference) on generated and edge inputs, down to the float; and a
deliberately wrong variant is caught, so each comparison can fail."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib.clausetext import normalize_clause
from jdlint.checks import duplicates
from jdlint.checks.duplicates import Candidate, Copy
from jdlint.core.model import Document
from tests.helpers import make_doc

# ------------------------------------------------------------------ the replaced forms


def _old_weights(items: Sequence[Candidate]) -> list[dict[str, float]]:
    """``weights`` before the no-repeated-stem path: every clause's stems counted."""
    frequency: Counter[str] = Counter()
    for item in items:
        frequency.update(set(item.stems))
    total = len(items) + 1
    idf = {stem: math.log(total / (n + 0.5)) for stem, n in frequency.items()}
    vectors: list[dict[str, float]] = []
    for item in items:
        raw = {stem: (1 + math.log(n)) * idf[stem] for stem, n in Counter(item.stems).items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        vectors.append({stem: v / norm for stem, v in raw.items()})
    return vectors


def _old_pairs(items: Sequence[Candidate], vectors: Sequence[Mapping[str, float]], *,
               min_lemmas: int, shared: bool) -> Iterator[tuple[int, int]]:
    groups: dict[tuple[Any, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if len(item.lemmas) >= min_lemmas:
            groups[(item.copy.scope, item.figures)].append(i)
    partners: dict[int, list[int]] = {}
    for members in groups.values():
        if not shared:
            for n, i in enumerate(members):
                partners[i] = members[n + 1:]
            continue
        by_stem: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for stem in vectors[i]:
                by_stem[stem].append(i)
        for i in members:
            partners[i] = sorted({j for stem in vectors[i] for j in by_stem[stem] if j > i})
    for i in sorted(partners):
        for j in partners[i]:
            yield i, j


def _old_similarity_pairs(items: Sequence[Candidate], *, min_lemmas: int, floor: float = 0.0,
                          vectors: Sequence[Mapping[str, float]] | None = None,
                          ) -> list[tuple[int, int, float]]:
    """``similarity_pairs`` before issue 19's inverted-index dot products: the cosine of
    every candidate pair summed over the first clause's stems."""
    from rapidfuzz import fuzz

    vectors = vectors if vectors is not None else _old_weights(items)
    out: list[tuple[int, int, float]] = []
    for i, j in _old_pairs(items, vectors, min_lemmas=min_lemmas, shared=floor > 0.0):
        va, vb = vectors[i], vectors[j]
        cosine = 100.0 * sum([w * vb[stem] for stem, w in va.items() if stem in vb])
        if cosine < floor:
            continue
        ratio = fuzz.token_sort_ratio(" ".join(items[i].lemmas), " ".join(items[j].lemmas))
        score = min(cosine, float(ratio))
        if score >= floor:
            out.append((i, j, score))
    return out


def _old_eligible(doc: Document, *, min_words: int,
                  ignore: frozenset[str] = frozenset()) -> list[Copy]:
    """``eligible_clauses`` before JD301 and JD302 shared one list per document (flat clauses:
    the documents below have no nested lists)."""
    out: list[Copy] = []
    for number, section in enumerate(doc.sections):
        for clause in section.clauses:
            if clause.text.rstrip().endswith(":") or all(b in doc.noise for b in clause.blocks):
                continue
            key = normalize_clause(clause.text)
            if len(key.split()) < min_words or key in ignore:
                continue
            out.append(Copy(clause, number, key, (number, "")))
    return out


# ------------------------------------------------------------------ generated clauses

_STEMS = st.sampled_from(["упр", "учет", "отчет", "докум", "контр", "план", "бюдж", "закуп",
                          "склад", "прием"])


def _item(stems: tuple[str, ...], scope: int, figures: tuple[str, ...]) -> Candidate:
    copy = Copy(None, 0, " ".join(stems), (scope, ""))  # type: ignore[arg-type]
    return Candidate(copy, stems, stems, figures)


_ITEMS = st.lists(st.builds(_item, st.lists(_STEMS, max_size=7).map(tuple),
                            st.integers(0, 2), st.sampled_from([(), ("5",)])), max_size=14)


@settings(max_examples=300, deadline=None)
@given(_ITEMS)
def test_weights_are_the_old_floats(items: list[Candidate]) -> None:
    new = duplicates.weights(items)
    assert [list(v.items()) for v in new] == [list(v.items()) for v in _old_weights(items)]


@settings(max_examples=300, deadline=None)
@given(_ITEMS, st.sampled_from([0.0, 30.0, 40.0, 55.0, 70.0, 90.0, 100.0]), st.integers(1, 4))
def test_similarity_pairs_are_the_old_pairs(items: list[Candidate], floor: float,
                                            min_lemmas: int) -> None:
    """Same pairs, same order, the same float scores."""
    new = duplicates.similarity_pairs(items, min_lemmas=min_lemmas, floor=floor)
    assert new == _old_similarity_pairs(items, min_lemmas=min_lemmas, floor=floor)


def test_edge_inputs() -> None:
    """No clause, one clause, clauses without stems, and a repeated stem."""
    for items in ([], [_item(("упр",), 0, ())], [_item((), 0, ()), _item((), 0, ())],
                  [_item(("упр", "упр", "учет"), 0, ()), _item(("упр", "учет"), 0, ())]):
        assert duplicates.weights(items) == _old_weights(items)
        for floor in (0.0, 70.0):
            assert (duplicates.similarity_pairs(items, min_lemmas=1, floor=floor)
                    == _old_similarity_pairs(items, min_lemmas=1, floor=floor))


def test_comparison_can_fail() -> None:
    """Pairs of different scopes never pair; the reference would pair them if it were
    given one scope, so a comparison that ignored scopes would fail."""
    a, b = _item(("упр", "учет", "отчет"), 0, ()), _item(("упр", "учет", "отчет"), 1, ())
    assert duplicates.similarity_pairs([a, b], min_lemmas=1, floor=70.0) == []
    assert _old_similarity_pairs([a, _item(b.stems, 0, ())], min_lemmas=1, floor=70.0) != []


_WORDS = st.sampled_from(["ведет", "учет", "документов", "и т.д.", "отчет", "склада", "5",
                          "должен знать:", "контролирует", "II"])
_CLAUSES = st.lists(st.lists(_WORDS, min_size=1, max_size=6).map(" ".join), max_size=10)


@settings(max_examples=200, deadline=None)
@given(_CLAUSES, st.integers(1, 4), st.sets(st.integers(1, 11), max_size=3))
def test_eligible_clauses_are_the_old_ones(texts: list[str], min_words: int,
                                           noise: set[int]) -> None:
    lines = ["2. Должностные обязанности"] + [f"2.{n}. {t}" for n, t in enumerate(texts, 1)]
    doc = make_doc(lines, noise=noise)
    ignore = frozenset({"и т д", "учет"})
    keys = duplicates.clause_keys(doc)
    for shared in (None, keys):
        assert (duplicates.eligible_clauses(doc, min_words=min_words, ignore=ignore,
                                            clauses=shared)
                == _old_eligible(doc, min_words=min_words, ignore=ignore))
    phrases = load_catalogue()["JD302"].phrases
    lists = [duplicates._words(phrases, name, "ru") for name in duplicates._LISTS]
    assert (duplicates.candidates(doc, phrases, 5, lists=lists, clauses=keys)
            == duplicates.candidates(doc, phrases, 5))


def test_eligible_comparison_can_fail() -> None:
    doc = make_doc(["2. Должностные обязанности", "2.1. ведет учет документов склада"])
    assert duplicates.eligible_clauses(doc, min_words=1) != _old_eligible(doc, min_words=5)


# ------------------------------------------------------------------ tails of numbered blocks

_HEADS = st.sampled_from(["2.1. ", "3) ", "10.\t", "4.2.\u00a0", "1. 2. ", "а) ", "- ",
                          "www.x.lt ", "a@b ", "\u200b1. ", "штpaф 1. "])
_TAIL_PIECES = st.sampled_from(["Ведёт", "учёт", "штpaф", "darbo", "т.д.", "a@b.lt",
                                "www.x.lt", "http://y.ru", "\u200b", "1.2.", " ", ",", "-"])
_TAILS = st.lists(_TAIL_PIECES, min_size=1, max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(_HEADS, _TAILS, st.sampled_from(["ru", "lt"]))
def test_tail_of_a_numbered_block_is_the_tails_own_tokens(head: str, tail: str,
                                                          lang: str) -> None:
    """A clause cut from its typed number: the tokens JD302 and JD303 share are the tail's
    own, whether or not the number-head shortcut skipped the pattern and disguise scans."""
    from jdlint import nlp
    from jdlint.nlp.doctext import DocumentNLP

    whole = head + tail
    assert DocumentNLP().tail_tokens(whole, len(head), lang) == nlp.tokens(tail, lang)


def test_number_head_skips_the_scans(monkeypatch: Any) -> None:
    """The shortcut is taken for a typed number and only then: a head holding a letter is
    scanned as before."""
    from jdlint.nlp import disguise
    from jdlint.nlp.doctext import DocumentNLP

    calls: list[str] = []
    real = disguise.may_hide

    def counted(text: str) -> bool:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(disguise, "may_hide", counted)
    DocumentNLP().tail_tokens("2.1. Ведёт учёт", 5, "ru")
    assert calls == []
    DocumentNLP().tail_tokens("а) Ведёт учёт", 3, "ru")
    assert calls == ["а) Ведёт учёт", "Ведёт учёт"]
