"""Issue 19, TXT: batch-wide per-text caches keyed by a numbered text's tail (the clause
without its typed number, ``doctext.number_head``) answer what the whole text would.

For each cache moved to tail keys, the answer read through the cache — cold, then warm with
the same clauses under other numbers (other head shapes, other token counts) — is compared
with the answer computed on the whole text without any cache, over generated numbered texts;
heads that must not take the fast path ("1.Менеджер", "IV. ", "а) ", "- ") are among them, and
a wrong entry under a tail is seen, so the comparisons can fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import make_doc
from hypothesis import given, settings
from hypothesis import strategies as st
from test_perf_jd107 import _LT, _RU
from test_perf_jd107_texts import _new, _old

from jdlint import nlp
from jdlint.checklib.self_mentions import new_record
from jdlint.nlp.doctext import number_head

# NOTE: heads the fast path takes ("2.1. ", "3) ", "12.\u00a0") and heads it must not
# ("1.", "IV. ", "а) ", "- ", "•", "1.2.3" glued to the word): every one is compared.
_HEADS = st.sampled_from([
    "", "1. ", "2.1. ", "1.1. 1. ", "1.1 ", "1.2.3. ", "3) ", "12) ", "1) 2) ", "4.\u00a0",
    "5.\t", " 7. ", ") ", ". ", "1.", "1.2.3", "IV. ", "а) ", "- ", "• ", "(1) ", "1)", "0 ",
])


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    nlp.clear_caches()
    yield
    nlp.clear_caches()


def test_number_head_cuts_only_safe_heads() -> None:
    assert number_head("2.1. Вести учёт") == 5
    assert number_head("3) Вести") == 3
    assert number_head("1) 2) Вести") == 6
    for text in ("1.Вести", "IV. Права", "а) вести", "- вести", "1.2.3", "2.1. ", "",
                 "Вести 1. учёт", "1.user@mail.ru"):
        assert number_head(text) == 0, text


def _lines(lang: str, draw: st.DrawFn) -> list[str]:
    vocabulary = _RU if lang == "ru" else _LT
    return [" ".join(draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=10)))
            for _ in range(draw(st.integers(1, 5)))]


@st.composite
def _clauses(draw: st.DrawFn) -> tuple[str, list[str], list[str], list[str]]:
    lang = draw(st.sampled_from(["ru", "lt"]))
    clauses = _lines(lang, draw)
    first = [draw(_HEADS) for _ in clauses]
    second = [draw(_HEADS) for _ in clauses]
    return lang, clauses, first, second


def _doc(lang: str, clauses: list[str], heads: list[str]) -> object:
    heading = "1. Общие положения" if lang == "ru" else "1. Bendrosios nuostatos"
    return make_doc(["ДИ", heading, *(h + c for h, c in zip(heads, clauses, strict=True))],
                    language=lang)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(_clauses())
def test_jd107_mentions_of_numbered_texts_are_the_whole_texts(
        case: tuple[str, list[str], list[str], list[str]]) -> None:
    lang, clauses, first, second = case
    seen = new_record(lang)
    for heads in (first, second, first):
        doc = _doc(lang, clauses, heads)
        assert _new(doc, lang, seen) == _old(doc, lang)  # type: ignore[arg-type]


def test_jd107_reads_a_numbered_clause_once_and_a_wrong_tail_entry_is_seen() -> None:
    clause = "Менеджер по продажам должен знать"
    seen = new_record("ru")
    one = _doc("ru", [clause], ["1.1. "])
    other = _doc("ru", [clause], ["1.1. 1. "])
    assert _new(one, "ru", seen) == _old(one, "ru")  # type: ignore[arg-type]
    assert list(seen.texts) == ["Общие положения", clause]
    found = _new(other, "ru", seen)  # type: ignore[arg-type]
    assert found == _old(other, "ru")  # type: ignore[arg-type]
    # NOTE: two more tokens before the clause ("1.1", ".", "1", "." against "1.1", ".")
    assert [m.phrase.start for m in found] == [4]
    third = _doc("ru", [clause], ["1.1 "])
    assert [m.phrase.start for m in _new(third, "ru", seen)] == [1]  # type: ignore[arg-type]
    assert list(seen.texts) == ["Общие положения", clause]
    seen.texts[clause] = ()
    assert _new(other, "ru", seen) != _old(other, "ru")  # type: ignore[arg-type]
