"""Issue 19, TXT: batch-wide per-text caches keyed by a numbered text's tail (the clause
without its typed number or list dash, ``doctext.number_head``) answer what the whole text
would: JD107's record of mentions, ``live_per_block`` (JD106, JD109, JD213, the
jurisdiction), the phrase rules' lemma index, JD106's nothing-found units, JD110's
organisations, JD108's trigger test; and the tokens and lemmas of a dash-led text.

For each cache moved to tail keys, the answer read through the cache — cold, then warm with
the same clauses under other numbers (other head shapes, other token counts) — is compared
with the answer computed on the whole text without any cache, over generated numbered texts;
heads that must not take the fast path ("1.Менеджер", "IV. ", "а) ", "-вести", a date) are
among them, and a wrong entry under a tail is seen, so the comparisons can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_perf_jd107 import _LT, _RU
from test_perf_jd107_texts import _new, _old
from test_perf_numbered_tokens import _TAILS as _TOKEN_TAILS
from test_perf_rules3 import _JD110, _old_orgs

from jdlint import nlp
from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import phrase_context, placeholder_scan
from jdlint.checklib import placeholder_gaps as gaps
from jdlint.checklib.phrases import stem_filter, stem_starts
from jdlint.checklib.self_mentions import new_record
from jdlint.checks import employer, placeholders, subordination
from jdlint.core.text import fold
from jdlint.nlp import matcher
from jdlint.nlp.doctext import HEAD_CHARS, DocumentNLP, number_head, number_heads

_JD106 = load_catalogue()["JD106"].data

# NOTE: heads the fast path takes ("2.1. ", "3) ", "12.\u00a0") and heads it must not
# ("1.", "IV. ", "а) ", "- ", "•", "1.2.3" glued to the word): every one is compared.
_HEADS = st.sampled_from([
    "", "1. ", "2.1. ", "1.1. 1. ", "1.1 ", "1.2.3. ", "3) ", "12) ", "1) 2) ", "4.\u00a0",
    "5.\t", " 7. ", ") ", ". ", "2.1.\u00a0", "1.\n", "1.", "1.2.3", "IV. ", "а) ", "- ",
    "• ", "(1) ", "1)", "0 ", "- ", "1.1. - ", "-",
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
    for text in ("1.Вести", "IV. Права", "а) вести", "-вести", "1.2.3", "2.1. ", "",
                 "Вести 1. учёт", "1.user@mail.ru"):
        assert number_head(text) == 0, text


def test_number_head_is_none_for_another_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    # NOTE: the cut is proven for the regex backend only; the kept answer per text must not
    # outlive a backend switch
    assert number_head("2.1. Вести учёт") == 5
    texts = ["2.1. Вести учёт", "", "Вести", "3) x", "1.x", " 7. y"]
    assert number_heads(texts) == [number_head(t) for t in texts] == [5, 0, 0, 3, 0, 4]
    monkeypatch.setattr(nlp, "_tokenizer", "spacy")
    assert number_head("2.1. Вести учёт") == 0
    assert number_heads(texts) == [0] * len(texts)


# NOTE: heads with list dashes ("- ", "1-2 ", "-.") among the typed numbers' characters
_DASH_HEADS = st.lists(st.sampled_from(["1", "2", "0", "12", ".", ")", " ", "\t", "\u00a0", "-"]),
                       max_size=7).map("".join)


@settings(max_examples=500, deadline=None)
@given(_DASH_HEADS, _TOKEN_TAILS, st.sampled_from(["ru", "lt"]))
@example("- ", "a@b.lt пишет", "ru")
@example("- ", "-5 мм", "ru")
@example("1-", "2 штраф", "ru")
def test_dash_headed_text_tokens_are_the_whole_texts(head: str, tail: str, lang: str) -> None:
    text = head + tail
    shared = DocumentNLP()
    assert shared.tokens(text, lang) == nlp._tokens(text, lang)
    cut = len(head)
    assert shared.tail_tokens(text, cut, lang) == nlp._tokens(text[cut:], lang)
    assert shared.lemmas(text, lang) == nlp.lemmas(text, lang)
    # NOTE: the clause's lemmas asked first (JD107) are the numbered text's
    other = DocumentNLP()
    other.lemmas(tail, lang)
    assert other.lemmas(text, lang) == nlp.lemmas(text, lang)


def test_a_numbered_texts_lemmas_are_read_from_its_clauses() -> None:
    shared = DocumentNLP()
    shared._lemmas[("вести учёт", "ru")] = ("wrong",)
    assert shared.lemmas("2.1. вести учёт", "ru") == ("wrong",)
    assert shared.lemmas("2.1.вести учёт", "ru") == nlp.lemmas("вести учёт", "ru")  # not cut


def test_a_list_dash_is_cut() -> None:
    assert number_head("- вести учёт") == 2
    assert number_head("-5 мм") == 3  # NOTE: "-", "5" then the clause, as in the whole text
    assert number_head("-5мм") == 0 and number_head("-вести") == 0


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


# --- live_per_block (JD106, JD109, JD213, the jurisdiction) ----------------------------------

# NOTE: literals that start inside a head ("22.08.1996", a date JD109 looks for), straddle the
# cut ("1. ве", ") ве") or lie in the clause only ("вести", "«")
_LIVE_REGEXES = (re.compile(r"22\.08\.1996"), re.compile(r"(?i)1\. ве"), re.compile(r"\) ве"),
                 re.compile(r"(?i)вести"), re.compile(r"«[^»]*»"), re.compile(r"96 г"))
_LIVE_PIECES = st.sampled_from(["Вести", "вести", "учёт", " ", "«ООО»", "22.08.1996", "г.",
                                "\u0130", "96", "1.", ")", "_"])
_LIVE_HEADS = st.sampled_from(["", "1. ", "2.1. ", "22.08.1996 ", "1.1. 1. ", "3) ", "1) ",
                               "96 ", "1.", "а) ", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(_LIVE_HEADS, st.lists(_LIVE_PIECES, max_size=6)),
                         max_size=6), min_size=1, max_size=3),
       st.sampled_from(["ru", "lt"]), st.booleans())
def test_live_per_block_of_numbered_texts_is_the_whole_texts_scan(
        batches: list[list[tuple[str, list[str]]]], lang: str, signs: bool) -> None:
    jd106 = tuple(p.regex for p in placeholders._patterns(_JD106, lang))
    for regexes in (_LIVE_REGEXES, jd106):
        for batch in batches:
            texts = [head + "".join(pieces) for head, pieces in batch]
            assert (placeholder_scan.live_per_block(regexes, texts, signs)
                    == placeholder_scan._scan(regexes, texts, signs))


def test_live_per_block_keeps_the_clause_and_finds_what_starts_in_the_number() -> None:
    regexes = _LIVE_REGEXES
    placeholder_scan._known.cache_clear()
    texts = ["22.08.1996 вести", "1. вести", "3) вести", "2.2. вести"]
    assert placeholder_scan.live_per_block(regexes, texts) == [[0, 3], [1, 3], [2, 3], [3]]
    known, _answers, _size = placeholder_scan._known(regexes, False)
    assert set(known) == {"вести"}
    # NOTE: a wrong entry under the clause is seen in every numbered text
    known["вести"] = ()
    assert placeholder_scan.live_per_block(regexes, texts) != placeholder_scan._scan(
        regexes, texts, False)


_PIECES = st.sampled_from(["Вести", "учёт", "штраф", "baudų", "т. д.", "т.д.", "7", "2.1",
                           "(", ")", ".", "-", "a@b.lt", "штр\u200bаф", "www.x.lt", "\u00a0"])


# --- the phrase rules' lemma → blocks index (JD201, JD211 …) ---------------------------------

_WANTED = frozenset({"вести", "учёт", "учет", "штраф", "1", "2.1", "12", ".", ")", "(", "т.д.",
                     "менеджер", "baudа", "bauda", "-", "7"})


def _reference_index(texts: list[str], lang: str) -> dict[str, list[int]]:
    """Every wanted lemma of each whole text's tokens, with no cache and no cut."""
    out: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        for lemma in sorted({tok.lemma for tok in nlp._tokens(text, lang)} & _WANTED):
            out.setdefault(lemma, []).append(index)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(_HEADS, st.lists(_PIECES, max_size=6)), max_size=6),
                min_size=1, max_size=3), st.sampled_from(["ru", "lt"]))
def test_lemma_blocks_of_numbered_texts_are_the_whole_texts(
        batches: list[list[tuple[str, list[str]]]], lang: str) -> None:
    for batch in batches:
        texts = [head + " ".join(pieces) for head, pieces in batch]
        found = matcher.lemma_blocks(texts, phrase_context.tokens, lang, nlp.tokenizer(), 1,
                                     _WANTED, number_heads(texts))
        assert {k: sorted(v) for k, v in found.items()} == _reference_index(texts, lang)


def test_lemma_index_keeps_the_clause_and_adds_the_numbers_lemmas() -> None:
    texts = ["2.1. Вести учёт", "12) вести учёт", "Вести учёт"]
    found = matcher.lemma_blocks(texts, phrase_context.tokens, "ru", nlp.tokenizer(), 1,
                                 _WANTED, number_heads(texts))
    assert found["вести"] == [0, 1, 2] and found["2.1"] == [0] and found["12"] == [1]
    assert found["."] == [0] and found[")"] == [1]
    (_key, (_version, cache)), = matcher._TEXT_LEMMAS.items()
    assert "Вести учёт" in cache and "2.1. Вести учёт" not in cache
    # NOTE: a wrong entry under the clause is seen in every numbered text
    cache["Вести учёт"] = ()
    again = matcher.lemma_blocks(texts, phrase_context.tokens, "ru", nlp.tokenizer(), 1,
                                 _WANTED, number_heads(texts))
    assert again["вести"] == [1]  # NOTE: only "12) вести учёт", whose clause is lower-case


# --- JD106: units read before with nothing found (``unfinished_known``) ---------------------

_JD106_PHRASES = load_catalogue()["JD106"].phrases
_GAP_PIECES = st.sampled_from(["подчиняется", "непосредственно", " ", ".", " .", "____", "с",
                               "в", "приказом", "Работник", "ведёт учёт", ",", ";", ":",
                               "11.02.2020", "pavaldus", "ir", "\n", "№", "/", "1", "С"])
# NOTE: heads cut ("2.1. ", "3.4.1.\t") and heads kept whole: a date ("1.2.33. "), a bracket,
# no closing dot, no blank, a blank inside
_GAP_HEADS = st.sampled_from(["", "1. ", "2.1. ", "3.4.1. ", "2.1.  ", "3.4.1.\t", "1.2.33. ",
                              "11.02.2020. ", "3) ", "1.1 ", "2.1.", "1. 2. ", "1.\u00a0"])
_FOLLOWS = st.sampled_from([None, "и далее", "Далее", "", "2. Права"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.lists(_GAP_PIECES, min_size=1, max_size=7).map("".join),
                          st.lists(_GAP_HEADS, min_size=1, max_size=3), st.booleans(),
                          st.sampled_from(((), (3,), (1, 5), (9, 14))), _FOLLOWS),
                max_size=5), st.sampled_from(["ru", "lt"]))
# NOTE: a date-like number is seen by ``_DATE_FIELD`` before a short clause ("в с" stops
# after "с" in "2.1. в с", not in "1.2.33. в с"); a bracket counts as a word at the start
@example([("в с", ["1.2.33. ", "2.1. "], True, (), None)], "ru")
@example([("С", ["2.1. ", "3) "], True, (), None)], "ru")
def test_jd106_unfinished_known_of_numbered_units_is_unfinished(
        units: list[tuple[str, list[str], bool, tuple[int, ...], str | None]],
        lang: str) -> None:
    lists = gaps.word_lists(_JD106_PHRASES, lang)
    gaps._whole.cache_clear()
    for block, (tail, heads, clause, breaks, follows) in enumerate(units):
        # NOTE: the same clause under several numbers (other documents): read once
        for head in heads:
            text = (head + tail).strip()
            cut = tuple(b for b in breaks if 0 < b < len(text))
            unit = gaps.Unit(text, ((0, block),), clause, clause, cut)
            assert gaps.unfinished_known(unit, _JD106_PHRASES, lang, follows, lists) == \
                gaps.unfinished(unit, _JD106_PHRASES, lang, follows, lists), (head, tail)


def test_jd106_a_numbered_unit_is_kept_as_its_clause_and_a_wrong_entry_is_seen() -> None:
    lists = gaps.word_lists(_JD106_PHRASES, "ru")
    gaps._whole.cache_clear()
    unit = gaps.Unit("2.1. Работник ведёт учёт.", ((0, 3),), True, True)
    assert gaps.unfinished_known(unit, _JD106_PHRASES, "ru", None, lists) is None
    assert ("Работник ведёт учёт.", (), True, 0) in gaps._whole(lists)
    # NOTE: the one case the head decides: a sentence starting at the text's start counts
    # the number as a word ("3) С" is two words, "С" one): such heads keep their whole text
    bracket = gaps.Unit("3) Работник подчиняется", ((0, 3),), True, True)
    assert gaps._key(bracket, None)[0] == bracket.text
    hole = gaps.Unit("2.2. Работник подчиняется", ((0, 3),), True, True)
    assert gaps.unfinished(hole, _JD106_PHRASES, "ru", None, lists) is not None
    gaps._whole(lists).add(("Работник подчиняется", (), True, 0))
    assert gaps.unfinished_known(hole, _JD106_PHRASES, "ru", None, lists) is None  # seen


# --- JD110: the organisations a block names (``employer._text_orgs``) ------------------------

_ORG_PIECES = st.sampled_from(["ООО", "ооо", "ИП", "АО ", "«", "»", "\"", "“", "”", "Ромашка",
                               " ", "_", "Работник", "\n", "ЗАО", "1", ".", ")"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_HEADS, st.lists(_ORG_PIECES, max_size=8).map("".join)),
                min_size=1, max_size=5))
@example([("1. ", "ООО «Ромашка»"), ("2.1. ", "ООО «Ромашка»"), ("3) ", "«Ромашка»")])
def test_jd110_orgs_of_numbered_texts_are_the_whole_texts(
        lines: list[tuple[str, str]]) -> None:
    doc = make_doc([head + body for head, body in lines])
    forms = [*_JD110["forms"], *_JD110["long_forms"]]
    canonical = {fold(" ".join(str(k).split())): str(v) for k, v in _JD110["long_forms"].items()}
    indices = list(range(len(lines) + 1))
    for _ in range(2):
        new = [(o.block, o.surface, o.form, o.name, o.key)
               for o in employer._orgs(doc, indices, forms, canonical)]  # type: ignore[arg-type]
        assert new == _old_orgs(doc, indices, forms, canonical)  # type: ignore[arg-type]


def test_jd110_reads_the_clause_only_where_no_form_starts_like_a_number(
        monkeypatch: pytest.MonkeyPatch) -> None:
    forms = tuple(str(f) for f in _JD110["forms"])
    assert employer._clause_only(forms)
    assert not employer._clause_only((*forms, "1С-Битрикс"))
    assert not employer._clause_only((*forms, " ООО"))
    assert not employer._clause_only((*forms, ""))
    read: list[str] = []
    real = employer._text_orgs

    def spy(text: str, *key: object) -> object:
        read.append(text)
        return real(text, *key)  # type: ignore[arg-type]

    monkeypatch.setattr(employer, "_text_orgs", spy)
    doc = make_doc(["2.1. ООО «Ромашка»", "1С «Ромашка»"])
    employer._orgs(doc, [0, 1], list(forms), {})
    assert read == ["ООО «Ромашка»", "1С «Ромашка»"]
    employer._orgs(doc, [0, 1], [*forms, "1С"], {})
    assert read[2:] == ["2.1. ООО «Ромашка»", "1С «Ромашка»"]


# --- JD108: trigger stems, told once per text (``subordination._triggered``) ----------------

_TRIGGER_PIECES = st.sampled_from(["Подчиняется", "директору", "ß", "İ", "распоряжения", " ",
                                   "\n", "учёт", "ss", "1", "-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_HEADS, st.lists(_TRIGGER_PIECES, max_size=5).map("".join)),
                min_size=1, max_size=5))
def test_jd108_triggered_of_numbered_texts_is_the_whole_texts_scan(
        lines: list[tuple[str, str]]) -> None:
    words = ("подчиняется", "распоряжение", "ss")
    triggers = stem_filter(words, frozenset())
    cut = HEAD_CHARS.isdisjoint(stem_starts(words, frozenset()))
    assert cut
    texts = [head + body for head, body in lines]
    doc = make_doc(texts)
    indices = list(range(len(texts)))
    per_block = [i for i in indices if triggers.search(fold(doc.raw.blocks[i].text))]
    for _ in range(2):  # new texts, then known ones
        assert subordination._triggered(doc, indices, triggers, cut) == per_block


def test_jd108_a_stem_starting_like_a_number_keeps_the_whole_text() -> None:
    words = ("2.1 пункт", "подчиняется")
    assert not HEAD_CHARS.isdisjoint(stem_starts(words, frozenset()))
    triggers = stem_filter(words, frozenset())
    doc = make_doc(["2.1 пункта нет", "Вести учёт"])
    assert subordination._triggered(doc, [0, 1], triggers) == [0]
    # NOTE: the guard matters: cut anyway, the stem in the number is lost
    assert subordination._triggered(doc, [0, 1], triggers, True) == []
