"""Issue 19, second round of JD302 / JD107 / NLP speed-ups: each fast path gives the same
answers as the form it replaced (kept here as the reference), on generated input; and a
deliberately wrong variant is caught, so each comparison can fail."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.checklib import containment, self_mentions
from jdlint.checklib.containment import contained_pairs
from jdlint.checklib.mentions import is_plural
from jdlint.checklib.phrases import (
    NounPhrase,
    TitleWords,
    TokenText,
    heads_in,
    noun_phrase,
    title_words,
)
from jdlint.nlp import doctext
from jdlint.nlp.doctext import DocumentNLP


def _old_contained_pairs(stems: Sequence[tuple[str, ...]], lists: Sequence[Hashable],
                         min_stems: int, vectors: Sequence[Mapping[str, float]]
                         ) -> list[tuple[int, int, float]]:
    """``contained_pairs`` before round two: counts the shared stems of every posting."""
    sets = [frozenset(s) for s in stems]
    keys = list(lists)
    postings: dict[tuple[object, str], list[int]] = defaultdict(list)
    for i, own in enumerate(sets):
        if len(own) >= min_stems:
            for stem in own:
                postings[(keys[i], stem)].append(i)
    out: dict[tuple[int, int], float] = {}
    for i, own in enumerate(sets):
        if len(own) < min_stems:
            continue
        shared: Counter[int] = Counter()
        for stem in own:
            shared.update(postings[(keys[i], stem)])
        for j, count in shared.items():
            pair = (min(i, j), max(i, j))
            if j == i or count < len(own) - 1 or len(sets[j]) < len(own) or pair in out:
                continue
            score = containment._contained(stems, sets, vectors, *pair, min_stems)
            if score > 0:
                out[pair] = score
    return [(i, j, score) for (i, j), score in sorted(out.items())]


# NOTE: a small vocabulary, so clauses share stems and contain each other often.
_STEMS = st.sampled_from("вед контр обесп учет сост отчет постав склад груз".split())
_CLAUSE = st.lists(_STEMS, min_size=0, max_size=8).map(tuple)
_CLAUSES = st.lists(st.tuples(_CLAUSE, st.integers(0, 2)), max_size=14)


def _inputs(clauses: list[tuple[tuple[str, ...], int]]
            ) -> tuple[list[tuple[str, ...]], list[int], list[dict[str, float]]]:
    stems = [c for c, _ in clauses]
    lists = [k for _, k in clauses]
    # NOTE: uneven weights, so the "minor qualifier" test goes both ways.
    vectors = [{s: 1.0 + len(s) * (n % 3) for n, s in enumerate(c)} for c in stems]
    return stems, lists, vectors


@settings(max_examples=600, deadline=None)
@given(_CLAUSES, st.integers(0, 5))
def test_contained_pairs_is_the_counting_form(clauses: list[tuple[tuple[str, ...], int]],
                                              min_stems: int) -> None:
    stems, lists, vectors = _inputs(clauses)
    assert contained_pairs(stems, lists, min_stems, vectors) == _old_contained_pairs(
        stems, lists, min_stems, vectors)


def test_contained_pairs_finds_a_restated_part_and_only_in_its_list() -> None:
    long = ("контр", "сост", "склад", "груз", "постав")
    short = ("контр", "сост", "склад", "груз")
    stems = [long, short, short]
    vectors = [{s: 1.0 for s in c} for c in stems]
    found = contained_pairs(stems, ["a", "a", "b"], 3, vectors)
    assert found == _old_contained_pairs(stems, ["a", "a", "b"], 3, vectors)
    assert found == [(0, 1, 100.0)]


def test_the_comparison_can_fail() -> None:
    """Dropping the one-stem allowance (a plausible wrong shortcut: only a short clause whose
    every stem stands in the long one) changes the answer on a case the reference reports."""
    long = ("контр", "сост", "склад", "груз", "постав", "учет")
    short = ("контр", "сост", "склад", "груз", "отчет")
    stems = [long, short]
    vectors = [{s: 1.0 for s in long}, {**{s: 1.0 for s in short[:-1]}, "отчет": 0.1}]

    def strict(st_: Sequence[tuple[str, ...]], ls: Sequence[Hashable], m: int,
               vs: Sequence[Mapping[str, float]]) -> list[tuple[int, int, float]]:
        return [p for p in contained_pairs(st_, ls, m, vs)
                if set(st_[p[1]]) <= set(st_[p[0]])]

    reference = _old_contained_pairs(stems, ["a", "a"], 3, vectors)
    assert reference == [(0, 1, 80.0)]
    assert contained_pairs(stems, ["a", "a"], 3, vectors) == reference
    assert strict(stems, ["a", "a"], 3, vectors) != reference


# NOTE: the characters the token pattern treats specially at a cut: abbreviations, initials,
# e-mails and URLs, hyphens, invisible and mixed-script characters, numbering.
_PIECES = st.sampled_from([
    "штраф", "Штрaф", "baudа", "darbo", "т.д.", "т. п.", "ст.", "Д.", "str.", "1.2.", "7",
    "-", "+", ".", ",", ":", " ", " ", "\n", "\u200b", "a@b.lt", "www.x.lt", "http://y.ru",
    "IT-отдел", "ё", "_", "²", "α",
])
_TEXTS = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.sampled_from(["ru", "lt"]))
def test_tail_tokens_are_the_tails_own_tokens(whole: str, lang: str) -> None:
    shared = DocumentNLP()
    for start in range(len(whole) + 1):
        tail = whole[start:]
        assert shared.tail_tokens(whole, start, lang) == nlp.tokens(tail, lang), start
        assert shared.lemmas(tail, lang) == nlp.lemmas(tail, lang)


def test_tail_tokens_of_a_numbered_block() -> None:
    shared = DocumentNLP()
    block = "2.1. Ведёт учёт т. д. и пишет на a@b.lt"
    tail = shared.tail_tokens(block, 5, "ru")
    assert tail == nlp.tokens(block[5:], "ru")
    assert tail[0].start == 0 and tail[0].text == "Ведёт"
    assert shared.tokens(block[5:], "ru") is tail  # NOTE: shared with the other rules


def test_the_tail_comparison_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the lookbehind condition, the tail after "_" (a word character that is no
    token's part) would keep the whole text's reading ("т", "д"), not its own ("т.д.")."""
    whole, start = "_т.д.", 1
    assert DocumentNLP().tail_tokens(whole, start, "ru") == nlp.tokens(whole[start:], "ru")
    monkeypatch.setattr(doctext, "_LOOKBEHIND", re.compile(r"(?!)"))
    assert DocumentNLP().tail_tokens(whole, start, "ru") != nlp.tokens(whole[start:], "ru")


def _old_heads_in(t: TokenText, words: TitleWords, lang: str, lo: int = 0,
                  hi: int | None = None) -> list[NounPhrase]:
    """``heads_in`` before round two: ``TokenText.is_head`` asked for every token."""
    hi = len(t.tokens) if hi is None else hi
    out: list[NounPhrase] = []
    covered = -1
    for i in range(lo, hi):
        if i <= covered or not t.is_head(i, words):
            continue
        ph = noun_phrase(t, i, lang, words, lo)
        if lang == "lt" and out and ph.start <= out[-1].end - 1:
            out.pop()
        out.append(ph)
        covered = ph.end - 1
    return out


def _jd107_words(lang: str) -> TitleWords:
    data = yaml.safe_load((Path(__file__).parents[1] / "rules" / "JD107.yaml").read_text("utf-8"))
    return title_words(data["data"], lang)


_TITLE_PIECES = {
    "ru": st.sampled_from([
        "инженер", "инженеры", "инженер-программист", "главного", "бухгалтера", "бухгалтеры",
        "отдела", "снабжения", "продавец", "продавцы", "кладовщик", "по", "складу", "-", "–",
        "II", "категории", "ОМА", "должен", "знать", "права", "обязанности", "на",
        "должность", "менеджер-кассир", "кто-то", ".", ",", ":", "(", ")", "специалист",
    ]),
    "lt": st.sampled_from([
        "inžinierius", "inžinieriai", "vyriausiasis", "buhalteris", "buhalterių", "skyriaus",
        "vedėjo", "pavaduotojas", "sandėlininkas", "pardavėjai", "yra", "pavaldus",
        "pareigos", "teisės", "darbo", "-", ".", ",", ":", "specialistas", "IT-specialistas",
    ]),
}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_heads_in_and_plural_are_the_old_forms(data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(["ru", "lt"]))
    text = " ".join(data.draw(st.lists(_TITLE_PIECES[lang], max_size=12)))
    words = _jd107_words(lang)
    t = TokenText(text, nlp.tokens(text, lang))
    lo = data.draw(st.integers(0, len(t.tokens)))
    assert heads_in(t, words, lang) == _old_heads_in(t, words, lang)
    assert heads_in(t, words, lang, lo) == _old_heads_in(t, words, lang, lo)
    known: dict[str, bool] = {}
    for tok in t.tokens:
        assert self_mentions._plural(tok, lang, known) == is_plural(tok, lang)


def test_plural_is_kept_by_written_form_not_by_lemma() -> None:
    """One lemma, two answers: a memo keyed by lemma (the plausible wrong key) would give
    the singular's answer to the plural."""
    one, many = nlp.tokens("продавец", "ru")[0], nlp.tokens("продавцы", "ru")[0]
    assert one.lemma == many.lemma
    known: dict[str, bool] = {}
    assert (self_mentions._plural(one, "ru", known),
            self_mentions._plural(many, "ru", known)) == (False, True)
    assert self_mentions._plural(many, "ru", known) == is_plural(many, "ru")


def test_heads_in_finds_the_title_phrase() -> None:
    text = "Главный бухгалтер отдела снабжения должен знать"
    words = _jd107_words("ru")
    t = TokenText(text, nlp.tokens(text, "ru"))
    found = heads_in(t, words, "ru")
    assert found == _old_heads_in(t, words, "ru")
    assert [p.head_lemma for p in found] == ["бухгалтер"]
