"""Issue 19, JD302 round three: each rewrite gives the answers of the form it replaced (kept
here or in tests/test_perf_jd302*.py), on generated and edge inputs, down to the float; and
each comparison is shown able to fail.

* ``weights``: one logarithm per stem count, C-level maps, a clause's stem counts kept
  per stem sequence;
* ``candidates``: what a clause's text gives kept by its text across documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checks import duplicates
from jdlint.checks.duplicates import Candidate, Copy
from jdlint.nlp.doctext import sharing
from tests.test_perf_jd302 import _old_similarity_pairs, _old_weights
from tests.test_perf_jd302b import _doc, _fields, _old_candidates
from tests.test_perf_nlp2 import _old_contained_pairs

# ------------------------------------------------------------------ weights

_STEMS = st.sampled_from(["упр", "учет", "отчет", "докум", "контр", "план", "бюдж"])


def _item(stems: tuple[str, ...]) -> Candidate:
    copy = Copy(None, 0, " ".join(stems), (0, ""))  # type: ignore[arg-type]
    return Candidate(copy, stems, stems, ())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_STEMS, max_size=20).map(tuple), max_size=30))
def test_weights_are_the_old_floats(stems: list[tuple[str, ...]]) -> None:
    """Same stems, same order, same floats: up to 20 stems a clause, so a stem repeated past
    the table of 1 + log(n) is met too."""
    items = [_item(s) for s in stems]
    new, old = duplicates.weights(items), _old_weights(items)
    assert [list(v.items()) for v in new] == [list(v.items()) for v in old]


def test_weights_edges() -> None:
    """No clause, a clause without stems, one stem 40 times (past the table)."""
    for stems in ([], [()], [("упр",) * 40, ("упр", "учет")], [("упр",) * 15 + ("учет",)]):
        items = [_item(s) for s in stems]
        assert duplicates.weights(items) == _old_weights(items)


def test_weights_kept_repeats_bounded() -> None:
    """The counts kept per stem sequence: cleared when full, the same floats before and
    after (a bound of 2 clears it on every third clause)."""
    from jdlint.checklib import clausesim

    stems = [("упр", "упр", "учет"), ("учет", "учет"), ("план",) * 3 + ("бюдж",),
             ("упр", "упр", "учет")]
    items = [_item(s) for s in stems]
    kept: dict[Any, Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clausesim, "_REPEATS_MAX", 2)
        for _ in range(3):
            assert duplicates.weights(items, kept) == _old_weights(items)
            assert 0 < len(kept) <= 2


def test_weights_comparison_can_fail() -> None:
    """A repeated stem weighs more than a single one: a comparison that dropped the count
    would differ."""
    counted = duplicates.weights([_item(("упр", "упр", "учет")), _item(("учет",))])
    single = duplicates.weights([_item(("упр", "учет")), _item(("учет",))])
    assert counted[0] != single[0]


# ------------------------------------------------------------------ candidates kept by text

_WORDS = st.sampled_from(["ведет", "учет", "документов", "и т.д.", "отчет", "склада", "5",
                          "пяти", "двух", "контролирует", "II", "в", "по", "осуществляет",
                          "бюджета", "он", "1.2", "Ведёт", "одному из следующих:"])
_CLAUSES = st.lists(st.lists(_WORDS, min_size=1, max_size=7).map(" ".join), max_size=8)


@pytest.fixture(scope="module")
def phrases() -> Mapping[str, Any]:
    return load_catalogue()["JD302"].phrases


@settings(max_examples=200, deadline=None)
@given(st.lists(_CLAUSES, min_size=1, max_size=4), st.sampled_from([4, 5, 6]),
       st.sampled_from([2, 3, 1 << 14]))
def test_kept_texts_give_the_old_candidates(batch: list[list[str]], size: int,
                                            bound: int) -> None:
    """Both dicts across the documents of a batch (a clause recurs from one to the next), and
    a bound small enough that they are cleared in between."""
    catalogue = load_catalogue()["JD302"].phrases
    known: dict[tuple[str, ...], Any] = {}
    texts: dict[str, Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "_KNOWN_MAX", bound)
        for texts_ in [*batch, *batch]:
            doc = _doc(texts_)
            with sharing():
                new = duplicates.candidates(doc, catalogue, size, known=known, texts=texts)
            with sharing():
                assert _fields(new) == _old_candidates(doc, catalogue, size)
            assert len(texts) <= bound


def test_kept_texts_edges(phrases: Mapping[str, Any]) -> None:
    """No clause; stopwords only; number words and figures; the same clause twice."""
    for texts_ in ([], ["в по он"], ["стаж не менее пяти лет", "стаж не менее 5 лет"],
                   ["ведет учет документов", "ведет учет документов"]):
        texts: dict[str, Any] = {}
        for _ in range(2):
            doc = _doc(texts_)
            assert (_fields(duplicates.candidates(doc, phrases, 5, texts=texts))
                    == _old_candidates(doc, phrases, 5))


def test_kept_texts_comparison_can_fail(phrases: Mapping[str, Any]) -> None:
    """A dict filled under another stem length gives other stems: why the rule keys it by the
    stem length (and the language and the tokenizer backend)."""
    doc = _doc(["контролирует ведение документации склада"])
    texts: dict[str, Any] = {}
    duplicates.candidates(doc, phrases, 4, texts=texts)
    assert texts
    assert (_fields(duplicates.candidates(doc, phrases, 6, texts=texts))
            != _old_candidates(doc, phrases, 6))


# ------------------------------------------------------------------ one stem index for both


def _free(stems: tuple[str, ...], lemmas: int, scope: int, figures: tuple[str, ...]
          ) -> Candidate:
    """A clause whose lemma count is free: fewer lemmas than stems makes a clause the
    containment search looks at but the pair search leaves out (its fallback)."""
    copy = Copy(None, 0, " ".join(stems), (scope, ""))  # type: ignore[arg-type]
    return Candidate(copy, ("лемма",) * lemmas, stems, figures)


_FREE = st.lists(st.builds(_free, st.lists(_STEMS, max_size=8).map(tuple), st.integers(0, 8),
                           st.integers(0, 2), st.sampled_from([(), ("5",)])), max_size=16)


def _old_both(items: list[Candidate], min_lemmas: int, floor: float, min_stems: int
              ) -> tuple[list[tuple[int, int, float]], list[tuple[int, int, float]]]:
    vectors = _old_weights(items)
    lists = [(c.copy.scope, c.figures) for c in items]
    return (_old_similarity_pairs(items, min_lemmas=min_lemmas, floor=floor, vectors=vectors),
            _old_contained_pairs([c.stems for c in items], lists, min_stems, vectors))


@settings(max_examples=400, deadline=None)
@given(_FREE, st.integers(1, 5), st.sampled_from([0.0, 40.0, 70.0, 90.0]), st.integers(0, 6))
def test_similar_and_contained_are_the_old_pairs(items: list[Candidate], min_lemmas: int,
                                                 floor: float, min_stems: int) -> None:
    """Same pairs, same order, same floats, whether containment searched the pair search's
    index or, for a clause left out of it, its own."""
    from jdlint.checklib.clausesim import similar_and_contained

    new = similar_and_contained(items, min_lemmas=min_lemmas, floor=floor, min_stems=min_stems)
    assert new == _old_both(items, min_lemmas, floor, min_stems)


def test_similar_and_contained_edges() -> None:
    """No clause; a contained clause (both searches); one with too few lemmas (fallback)."""
    from jdlint.checklib.clausesim import similar_and_contained

    long_ = ("упр", "учет", "отчет", "докум", "контр", "план")
    odd = _free(("бюдж",), 1, 0, ())
    for items in ([], [_free(long_[:5], 5, 0, ()), _free(long_, 6, 0, ()), odd],
                  [_free(long_[:5], 2, 0, ()), _free(long_, 6, 0, ())]):
        for min_lemmas in (1, 4):
            found = similar_and_contained(items, min_lemmas=min_lemmas, floor=70.0, min_stems=5)
            assert found == _old_both(items, min_lemmas, 70.0, 5)
    assert similar_and_contained(items, min_lemmas=4, floor=70.0, min_stems=5)[1]


def test_similar_and_contained_can_fail() -> None:
    """The fallback matters: searched in the pair search's index alone, the clause with too
    few lemmas would not be found inside the longer one."""
    from jdlint.checklib import clausesim

    long_ = ("упр", "учет", "отчет", "докум", "контр", "план")
    items = [_free(long_[:5], 2, 0, ()), _free(long_, 6, 0, ())]
    sets = clausesim.distinct_stems(items)
    out: dict[tuple[int, int], float] = {}

    def visit(members: Any, index: Any) -> None:
        from jdlint.checklib.containment import contained_in

        contained_in(members, index, [c.stems for c in items], sets,
                     duplicates.weights(items), 5, out)

    _, whole = clausesim._dots(items, duplicates.weights(items), min_lemmas=4, floor=70.0,
                               visit=(visit, sets, 5))
    assert not whole and not out
    assert _old_both(items, 4, 70.0, 5)[1]


# ------------------------------------------------------------------ a group's finding


def _old_report_group(ctx: Any, group: list[Copy], data: dict[str, object] | None = None,
                      similarity: int = 100, other: str = "") -> Any:
    """``_report_group`` before each copy's source and place were worked out once."""
    group = sorted(group, key=lambda c: c.block)
    at = group[1]
    places = "; ".join(duplicates._place(ctx, c) for c in group)
    details: dict[str, object] = {"count": len(group),
                                  "copies": [duplicates._copy_data(ctx, c) for c in group],
                                  **(data or {})}
    return ctx.report(at.clause, count=len(group), places=places,
                      related=[ctx.block_source(c.block) for c in group if c is not at],
                      data=details, similarity=similarity, other=other)


_GROUP_TEXT = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика\n1. Общие положения\n"
               "1.1. Кладовщик относится к категории рабочих.\n2. Должностные обязанности\n"
               "2.1. Принимает товар на склад по накладным.\n2.2. Ведёт складской учёт.\n"
               "2.3. Принимает товар на склад по накладным\n3. Права\n"
               "3.1. Запрашивать у поставщиков сопроводительные документы.\n")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_group_is_the_old_finding(lang: str) -> None:
    """Same message, places, related sources and data, numbered and bare clauses alike."""
    from jdlint.readers import read_bytes
    from jdlint.ruleapi import RuleContext
    from jdlint.structure import analyse

    doc = analyse(read_bytes(_GROUP_TEXT.encode(), None, "a.txt"), language="ru").documents[0]
    meta = load_catalogue()["JD302"]
    copies = [c for c, _ in duplicates.clause_keys(doc) if "товар" in c.key]
    assert len(copies) == 2
    # NOTE: a clause without a number ("place_bare"), in a block of its own
    bare = copies[0]._replace(clause=replace(copies[0].clause, path="", blocks=(6,)))
    copies.append(bare)
    for group in (copies, copies[:2], copies[::-1]):
        # NOTE: one context each: a context numbers the findings it makes (fingerprints)
        new = duplicates._report_group(RuleContext(meta, doc, lang=lang), group,
                                       {"similarity": 80}, 80, "x")
        old = _old_report_group(RuleContext(meta, doc, lang=lang), group,
                                {"similarity": 80}, 80, "x")
        assert new == old
    other = _old_report_group(RuleContext(meta, doc, lang=lang), copies[:2],
                              {"similarity": 80}, 80, "x")
    assert duplicates._report_group(RuleContext(meta, doc, lang=lang), copies,
                                    {"similarity": 80}, 80, "x") != other


# ------------------------------------------------------------------ clause keys kept by text


def _old_clause_keys(doc: Any) -> list[tuple[Copy, int]]:
    """``clause_keys`` before what a text gives was kept across documents (nested
    generators for the lists)."""
    import re

    from jdlint.checklib.clausetext import normalize_clause

    def with_parents(clauses: Any, parent: Any) -> Any:
        for clause in clauses:
            yield clause, parent
            yield from with_parents(clause.children, clause)

    out: list[tuple[Copy, int]] = []
    leads: dict[int, str] = {}
    for number, section in enumerate(doc.sections):
        for clause, parent in with_parents(section.clauses, None):
            if clause.text.rstrip().endswith(":") or doc.noise.issuperset(clause.blocks):
                continue
            key = normalize_clause(clause.text)
            lead = ""
            if parent is not None:
                found = leads.get(id(parent))
                if found is None:
                    found = leads[id(parent)] = re.sub(r"\d+", "#",
                                                       normalize_clause(parent.text))
                lead = found
            out.append((Copy(clause, number, key, (number, lead)), len(key.split())))
    return out


_ITEMS_ = st.sampled_from(["законы о труде;", "правила учёта 2.1;", "вести учёт", "2.2. Ведёт",
                           "Должен знать:", "- правила учета 2.2;", "принимает товар.",
                           "• «Вести» учёт:", "  "])
_LINES = st.lists(st.lists(_ITEMS_, min_size=1, max_size=3).map(" ".join), max_size=8)


def _nested(lines: list[str]) -> Any:
    from jdlint.readers import read_bytes
    from jdlint.structure import analyse

    text = "\n".join(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика", "1. Общие положения",
                      "1.1. Кладовщик должен знать:", *[f"- {x}" for x in lines[:3]],
                      "2. Должностные обязанности", *[f"2.{n}. {x}" for n, x in
                                                     enumerate(lines[3:], 1)], ""])
    return analyse(read_bytes(text.encode(), None, "a.txt"), language="ru").documents[0]


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=3), st.sampled_from([1, 2, 1 << 12]))
def test_kept_clause_keys_are_the_old_ones(batch: list[list[str]], bound: int) -> None:
    """One dict across a batch (cleared in between when the bound is small): the same copies,
    scopes and word counts, nested lists and lead-ins included."""
    from jdlint.checklib import clauselists

    kept: dict[str, Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clauselists, "_KEPT_MAX", bound)
        for lines in [*batch, *batch]:
            doc = _nested(lines)
            assert clauselists.clause_keys(doc, kept) == _old_clause_keys(doc)
            assert len(kept) <= bound


def test_kept_clause_keys_can_fail() -> None:
    """A text kept with another key would be reported so: the dict is trusted, which is why
    it holds only what the text alone decides."""
    from jdlint.checklib import clauselists

    doc = _nested(["законы о труде;", "вести учёт", "принимает товар."])
    assert any(scope[1] for scope in (c.scope for c, _ in clauselists.clause_keys(doc)))
    wrong = {"вести учёт": (False, "другое", 1, "")}
    assert clauselists.clause_keys(doc, wrong) != _old_clause_keys(doc)


# ------------------------------------------------------------------ JD301's groups


def _old_duplicate_clause(doc: Any, ctx: Any) -> list[Any]:
    """JD301 before its groups held positions and its ignore list was compiled once."""
    from collections import defaultdict

    lang = doc.language or "ru"
    copies = duplicates.eligible_clauses(
        doc, min_words=int(ctx.options["min-words"]),
        ignore=duplicates._words(ctx.phrases, "ignore", lang),
        clauses=duplicates.clause_keys(doc))
    groups: dict[str, list[Copy]] = defaultdict(list)
    for copy in copies:
        groups[copy.key].append(copy)
    position = {id(copy): n for n, copy in enumerate(copies)}
    repeated = [g for g in groups.values() if len(g) > 1]
    out = []
    for block in duplicates._blocks(repeated, position):
        if len(block) == 1:
            out.append(duplicates._report_group(ctx, block[0]))
        else:
            out.append(duplicates._report_block(ctx, block))
    return out


_REPEATS_ = st.sampled_from(["ведет учет документов склада", "принимает товар на склад",
                             "готовит отчеты о движении товара", "ведет учет документов склада.",
                             "контролирует сроки хранения"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_REPEATS_, max_size=12))
def test_duplicate_clause_is_the_old_one(texts: list[str]) -> None:
    """Same findings (groups, runs copied together, places and fingerprints)."""
    from jdlint.ruleapi import RuleContext

    meta = load_catalogue()["JD301"]
    doc = _doc(texts)
    with sharing():
        new = list(duplicates.duplicate_clause(doc, RuleContext(meta, doc, lang="ru")))
    assert new == _old_duplicate_clause(doc, RuleContext(meta, doc, lang="ru"))


def test_duplicate_clause_comparison_can_fail() -> None:
    """A run copied as a whole is one finding: a form that lost the positions would give two."""
    from jdlint.ruleapi import RuleContext

    meta = load_catalogue()["JD301"]
    doc = _doc(["ведет учет документов склада", "принимает товар на склад",
                "ведет учет документов склада", "принимает товар на склад"])
    with sharing():
        new = list(duplicates.duplicate_clause(doc, RuleContext(meta, doc, lang="ru")))
    assert len(new) == 1 and new == _old_duplicate_clause(doc, RuleContext(meta, doc, lang="ru"))
    ctx = RuleContext(meta, doc, lang="ru")
    copies = duplicates.eligible_clauses(doc, min_words=3)
    alone = [duplicates._report_group(ctx, [copies[0], copies[2]])]
    assert new != alone
