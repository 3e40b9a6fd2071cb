"""JD403's sparse matrix (issue 19) must give the same coverage as the matrix it replaced.

``tests/legacy_coverage.py`` is ``jdlint.profstandards.coverage`` before the change (every
duty × every action, soft partners per document); here both run on the same inputs: lemma
lists drawn by hypothesis (rows), the corpus instructions that cite 06.029, the test standard's
instruction, and instructions generated from the standards' own actions (reworded, cut,
mixed with unrelated duties), each against every standard, with nothing claimed (functions
inferred), all functions, and each labour function alone.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Document
from jdlint.profstandards import coverage as cov
from jdlint.profstandards import load_standards, matrix
from jdlint.profstandards.model import Standard
from jdlint.readers import read_bytes
from jdlint.structure import analyse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import legacy_coverage as old  # noqa: E402

TEST_STANDARDS = ROOT / "tests" / "data" / "profstandards"
DOCS = [ROOT / "tests" / "data" / "profstandard_coverage.txt",
        *sorted((ROOT / "corpus" / "ru").glob("ru_*.txt"))]

_SPELLINGS = st.sampled_from(["контроль", "контролировать", "контролер", "систематизация",
                              "система", "отчетность", "отчет", "документация", "документ",
                              "планирование", "планировать", "организация", "организовывать",
                              "ведение", "учет", "а", "кадр", "поиск", "сбор"])
_WEIGHTS = st.dictionaries(_SPELLINGS, st.floats(min_value=0.01, max_value=5.0), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_SPELLINGS, max_size=5), max_size=5),
       st.lists(st.lists(_SPELLINGS, max_size=6), min_size=1, max_size=6), _WEIGHTS)
def test_sparse_rows_are_the_old_rows(duties: list[list[str]], actions: list[list[str]],
                                      weights: dict[str, float]) -> None:
    """Soft partners found from the duty's side, only touched actions scored: the same
    floats as the old row of every action with partners found from the actions' side."""
    default = max(weights.values(), default=1.0)
    soft = old._soft_matches(actions, (lem for d in duties for lem in d))
    side = matrix.Side(actions, weights, default)
    for duty, sparse in zip(duties, side.rows(duties), strict=True):
        expected = old._row(duty, actions, weights, default, soft)
        spread = [0.0] * len(actions)
        for j, score in sparse:
            spread[j] = score
        assert spread == expected
        # NOTE: every action left out scores 0.0 in the old matrix too.
        assert all(expected[j] == 0.0 for j in set(range(len(actions))) - {j for j, _ in sparse})
        assert cov.similarity(duty, actions[0], weights) == expected[0]
    # NOTE: asked again, in another order of each duty's lemmas, rows come from what the side
    # kept: still the old rows
    again = [list(reversed(duty)) for duty in duties]
    for duty, sparse in zip(again, side.rows(again), strict=True):
        spread = [0.0] * len(actions)
        for j, score in sparse:
            spread[j] = score
        assert spread == old._row(duty, actions, weights, default, soft)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SPELLINGS, max_size=4), st.lists(_SPELLINGS, max_size=8))
def test_soft_partners_are_symmetric_every_pair(action: list[str], vocabulary: list[str]
                                                ) -> None:
    """A lemma's partners among a vocabulary are every pair ``soft`` accepts, whichever side
    is indexed."""
    found = matrix.soft_matches([action], vocabulary)
    for lem in set(action):
        assert found[lem] == frozenset(d for d in set(vocabulary)
                                       if d != lem and old._soft(lem, d) > 0)
    side = matrix.Side([action], {}, 1.0)
    for d in set(vocabulary):
        assert side.softly([d]) == {lem for lem in action if d in found[lem]}


def test_sparse_rows_can_differ() -> None:
    """The comparison sees a soft partner (0.8) and a head word counting double."""
    side = matrix.Side([["ведение", "контроль"], ["контроль", "ведение"]], {}, 1.0)
    ((_, first), (_, second)), = side.rows([["контролировать"]])
    assert (first, second) == (0.8 / 3, 0.8 * 2 / 3)
    assert side.rows([["отпуск"]]) == [()]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.lists(
    st.lists(st.sampled_from([0.0, 0.3, 0.5, 0.49999, 0.9, 0.12345]), min_size=n, max_size=n),
    min_size=1, max_size=4)))
def test_coverage_data_with_and_without_nonzero(scores: list[list[float]]) -> None:
    """Reading only the nonzero scores gives the data of reading every score."""
    std = load_standards()[0]
    actions = tuple((None, str(j)) for j in range(len(scores[0])))
    rows = tuple(map(tuple, scores))
    nonzero = tuple(tuple(j for j, s in enumerate(row) if s) for row in rows)
    full = cov.Coverage(std, (), actions, rows, False, ())  # type: ignore[arg-type]
    sparse = cov.Coverage(std, (), actions, rows, False, (), nonzero)  # type: ignore[arg-type]
    assert full._rounded() == sparse._rounded() == [[round(s, 3) for s in r] for r in rows]
    assert (full.covered(), full.uncovered(), full.outside(), full.ratio) == (
        sparse.covered(), sparse.uncovered(), sparse.outside(), sparse.ratio)
    assert full.outside() == [i for i, r in enumerate(rows) if all(s < cov.THRESHOLD for s in r)]


def _documents(path: Path) -> tuple[Document, ...]:
    return analyse(read_bytes(path.read_bytes(), None, path.name)).documents


def _generated(std: Standard, seed: int) -> Document:
    """An instruction whose duties are the standard's actions reworded: verbs for nouns,
    words dropped or shuffled, two actions in one clause, and duties of no standard."""
    rnd = random.Random(seed)
    actions = [a for tf in std.all_labour_functions() for a in tf.actions or ()]
    other = ["Организует праздники для сотрудников отдела", "Встречает посетителей на входе",
             "Поливает цветы в офисе", "Ведет учет канцелярских товаров и их выдачу"]
    duties: list[str] = []
    for _ in range(rnd.randint(3, 25)):
        pick = rnd.random()
        if pick < 0.15 or not actions:
            duties.append(rnd.choice(other))
            continue
        words = rnd.choice(actions).split()
        if pick < 0.4 and len(words) > 3:
            words = [w for w in words if rnd.random() > 0.3] or words
        elif pick < 0.55:
            rnd.shuffle(words)
        elif pick < 0.7:
            words = [*words, "и", *rnd.choice(actions).lower().split()]
        if pick > 0.8:
            words[0] = rnd.choice(["Проводит", "Ведет", "Осуществляет", "Контролирует",
                                   "Организует", "Собирает", "Ищет"])
        duties.append(" ".join(words))
    cites = rnd.choice(["", f"1.2. Инструкция разработана с учетом профессионального "
                            f"стандарта «{std.name}» (код {std.code}).\n"])
    text = ("УТВЕРЖДАЮ\nДиректор\n«10» января 2025 г.\nДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nспециалиста\n"
            "1. Общие положения\n1.1. Специалист относится к категории специалистов.\n"
            + cites + "2. Должностные обязанности\n"
            + "".join(f"2.{i}. {d}.\n" for i, d in enumerate(duties, 1))
            + "3. Права\n3.1. Запрашивать сведения.\n4. Ответственность\n4.1. За ненадлежащее "
              "исполнение обязанностей.\n")
    return _document_of(text, f"generated-{seed}.txt")


def _document_of(text: str, name: str) -> Document:
    (doc,) = [d for d in analyse(read_bytes(text.encode("utf-8"), None, name)).documents
              if d.classification == "instruction"][:1]
    return doc


def _standards() -> list[Standard]:
    return [*load_standards(), *load_standards((str(TEST_STANDARDS),))]


def _assert_same(doc: Document, std: Standard) -> int:
    """Old and new coverage of ``doc`` against ``std``, for every claim tried; the number of
    non-empty results (so a test can tell that something was compared)."""
    functions = std.all_labour_functions()
    names = [tf.name for tf in functions] + [g.name for g in std.functions or ()]
    assert cov.duty_clauses(doc, names) == old.duty_clauses(doc, names)
    compared = 0
    for claimed in [(), functions, *((tf,) for tf in functions)]:
        before = old.coverage(doc, std, claimed)
        after = cov.coverage(doc, std, claimed)
        assert (before is None) == (after is None)
        if before is None or after is None:
            continue
        assert after.scores == before.scores and after.actions == before.actions
        assert after.duties == before.duties
        assert after.data() == before.data()
        assert (after.covered(), after.uncovered(), after.outside(), after.ratio) == (
            before.covered(), before.uncovered(), before.outside(), before.ratio)
        compared += 1
    return compared


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_coverage_of_real_instructions_is_unchanged(path: Path) -> None:
    docs = _documents(path)
    compared = sum(_assert_same(doc, std) for doc in docs for std in _standards())
    # NOTE: an article or a vacancy has no duties clauses: nothing to compare.
    assert compared > 0 or not any(d.classification == "instruction" for d in docs)


@pytest.mark.parametrize("seed", range(12))
def test_coverage_of_generated_instructions_is_unchanged(seed: int) -> None:
    compared = 0
    for std in _standards():
        compared += _assert_same(_generated(std, seed), std)
    assert compared > 0


def test_coverage_edge_cases_are_unchanged() -> None:
    """No duties, one-word duties, a duty that is a function's name, duties of nothing."""
    std = load_standards((str(TEST_STANDARDS),))[-1]
    name = std.all_labour_functions()[0].name
    for duties in (["Поливает цветы", "Встречает гостей"], ["Ремонт"], [name, name + " и ремонт"],
                   []):
        text = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nинженера\n1. Общие положения\n1.1. Инженер.\n"
                "2. Должностные обязанности\n"
                + "".join(f"2.{i}. {d}.\n" for i, d in enumerate(duties, 1))
                + "3. Права\n3.1. Запрашивать сведения.\n")
        _assert_same(_document_of(text, "edge.txt"), std)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text("абвгд ", min_size=1, max_size=8), min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(-4, 4), st.text("абвгд ", max_size=30)), max_size=5))
def test_is_name_length_bound_never_skips_a_name(lemmas: list[str],
                                                 edits: list[tuple[int, str]]) -> None:
    """The length bound before the ratio scan gives the plain scan's answer (names near the
    clause: cut or lengthened by a few letters, and unrelated ones)."""
    from rapidfuzz import fuzz, process

    own = " ".join(lemmas)
    names = [own[:len(own) + cut] if cut <= 0 else own + other[:cut] for cut, other in edits]
    names += [other for _cut, other in edits]
    plain = process.extractOne(own, names, scorer=fuzz.ratio, score_cutoff=95) is not None
    assert cov._is_name(lemmas, names, sorted(len(n) for n in names)) == plain


def test_is_name_can_differ() -> None:
    name = "проведение консультация использование система"
    assert cov._is_name(name.split(), [name], [len(name)])
    assert not cov._is_name(name.split()[:3], [name], [len(name)])
