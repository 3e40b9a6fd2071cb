"""Issue 19, round three, structure layer: ``classify_line`` with its cross-file cache gives
the line the uncached classifier gives (``lines._classify``), bound to the block asked about,
on generated blocks (markers, auto-numbers, heading styles, both languages); the cache stays
bounded and a poisoned entry is seen; ``lithuanian_words`` in C counts what the generator it
replaced (kept here) counted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Block, Source
from jdlint.structure import language, lines
from jdlint.structure.langdata import load

_LINE = st.sampled_from([
    "1.", "2.3.", "IV.", "а)", "•", "- ", "1) ", "II SKYRIUS", "", "Общие положения",
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "Права", "Ответственность:", "имеет право:", "Утверждаю",
    "С инструкцией ознакомлен(а)", "ведёт учёт", "работника", ";", ",", " ", ".",
    "BENDROSIOS NUOSTATOS", "Pareigybės aprašymas", "turi teisę:", "Susipažinau", "ir",
    "vykdo", "darbuotojas", "?", "Как", "Ф. И. О.", "2024", "12.05.2024",
])
_BLOCKS = st.tuples(
    st.lists(_LINE, max_size=6).map(" ".join),
    st.sampled_from([None, "", "1.", "2.3.", "а)", "•", "IV."]),
    st.sampled_from([None, 1, 2]),
    st.integers(0, 500),
)


def _block(text: str, auto: str | None, level: int | None, index: int) -> Block:
    return Block(index, text, text, Source(index), auto_number=auto, heading_level=level)


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    lines._CLASSIFIED.clear()
    yield
    lines._CLASSIFIED.clear()


@settings(max_examples=500, deadline=None)
@given(st.lists(_BLOCKS, min_size=1, max_size=8), st.sampled_from(["ru", "lt"]))
def test_cached_role_is_the_role(blocks: list[tuple[str, str | None, int | None, int]],
                                 lang: str) -> None:
    ld = load(lang)
    for args in blocks + blocks:
        block = _block(*args)
        assert lines.classify_line(block, ld) == lines._classify(block, ld)
    # NOTE: the same text in another block (another index) is that block's line
    moved = _block(blocks[0][0], blocks[0][1], blocks[0][2], blocks[0][3] + 1)
    line = lines.classify_line(moved, ld)
    assert line.block is moved and line == lines._classify(moved, ld)


def test_the_language_data_is_part_of_the_key() -> None:
    block = _block("Общие положения", None, None, 0)
    ru, lt = load("ru"), load("lt")
    assert lines.classify_line(block, ru) == lines._classify(block, ru)
    assert lines.classify_line(block, lt) == lines._classify(block, lt)
    assert lines.classify_line(block, ru).kind != lines.classify_line(block, lt).kind


def test_a_poisoned_entry_is_seen_and_the_cache_is_bounded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ld = load("ru")
    block = _block("Общие положения", None, None, 0)
    right = lines.classify_line(block, ld)
    assert right.role == "heading"
    key = next(iter(lines._CLASSIFIED))
    lines._CLASSIFIED[key] = (ld, "prose", None, block.text, None, None)
    assert lines.classify_line(block, ld) != right
    lines._CLASSIFIED.clear()
    monkeypatch.setattr(lines, "CLASSIFIED_LINES", 3)
    for n in range(6):
        lines.classify_line(_block(f"пункт {n}", None, None, n), ld)
    assert len(lines._CLASSIFIED) == 3
    assert lines.classify_line(block, ld) == right


def _old_lithuanian_words(text: str) -> int:
    words, edges = language._LT_WORDS, language._WORD_EDGES
    return sum(1 for w in text.lower().split() if w.strip(edges) in words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "ir", "IR", "(ir)", "ir,", "yra.", "su:", "darbuotojas;", "Darbuotojo", "pagal", "arba",
    "kad", "irgi", ".ir.", "(", ")", "x", "и", " ", "\n", "\t", "\u00a0",
]), max_size=20).map("".join))
def test_lithuanian_words_is_the_generator(text: str) -> None:
    assert language.lithuanian_words(text) == _old_lithuanian_words(text)


def test_the_word_count_comparison_can_fail() -> None:
    assert language.lithuanian_words("Darbuotojas (ir) pagal, kad") == 4
    assert _old_lithuanian_words("Darbuotojas ir pagal") != language.lithuanian_words("ir")
