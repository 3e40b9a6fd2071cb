"""Speed-ups of the rules, second round (issue 19), must give the same answers as before.

``profstandards.detect.quoted_in`` drops the texts whose common subsequence with a function's
name is below ``lcs_floor`` before running ``fuzz.partial_ratio``: it must answer exactly as
the plain partial_ratio scan it replaced, on texts that quote the name, quote it with typos,
cut it at a text's edge, or only share its letters. JD213's minors' post test skips a block
lacking the literal words of either pattern before splitting it into sentences: the same
answer as testing every sentence, on generated blocks of the rule's own words, delimiters
and negations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checks.minors import _minors_post
from jdlint.core.model import Document
from jdlint.profstandards.detect import lcs_floor, quoted_in

WORDS = ("обеспечение", "контроль", "работа", "клиент", "продажа", "учет", "анализ",
         "ведение", "документ", "склад", "товар", "отчет")


def _reference(wanted: str, texts: list[str], cutoff: int = 95) -> bool:
    """The scan before the prefilter."""
    longer = [t for t in texts if len(t) >= len(wanted)]
    return process.extractOne(wanted, longer, scorer=fuzz.partial_ratio,
                              score_cutoff=cutoff) is not None


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    chars = list(text)
    for kind, at, char in edits:
        if not chars:
            break
        at %= len(chars)
        if kind == 0:
            del chars[at]
        elif kind == 1:
            chars.insert(at, char)
        else:
            chars[at] = char
    return "".join(chars)


_EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 500), st.sampled_from("аеиоxт ")),
                  max_size=6)


@st.composite
def _case(draw: st.DrawFn) -> tuple[str, list[str]]:
    wanted = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9)))
    texts: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        left = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6)))
        right = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6)))
        # NOTE: the quote may be cut at either edge (partial_ratio's short windows there)
        cut = draw(st.integers(0, 8))
        quote = _mutate(wanted, draw(_EDITS))
        quote = quote[cut:] if draw(st.booleans()) else quote[:len(quote) - cut]
        texts.append(_mutate(f"{left} {quote} {right}".strip(), draw(_EDITS)))
    return wanted, texts


@settings(max_examples=600, deadline=None)
@given(_case())
@example(("учет товар склад", ["учет товар склад"]))
@example(("учет товар склад", ["учет товар склaд и отчет"]))
def test_quoted_in_answers_as_partial_ratio(case: tuple[str, list[str]]) -> None:
    wanted, texts = case
    for cutoff in (95, 90, 80):
        assert quoted_in(wanted, texts, cutoff) == _reference(wanted, texts, cutoff)


@settings(max_examples=400, deadline=None)
@given(_case())
def test_floor_never_drops_a_text_that_reaches_the_cutoff(case: tuple[str, list[str]]) -> None:
    wanted, texts = case
    for text in texts:
        if len(text) >= len(wanted) and fuzz.partial_ratio(wanted, text) >= 95:
            assert LCSseq.similarity(wanted, text) >= lcs_floor(len(wanted))


def test_quote_found_and_other_text_not() -> None:
    wanted = "ведение учет товар склад"
    assert quoted_in(wanted, ["отчет", "сверка ведение учет товар склад ежедневно"])
    assert quoted_in(wanted, ["сверка ведение учет тавар склад ежедневно"])  # one typo
    assert not quoted_in(wanted, ["склад товар учет ведение анализ отчет документ"])
    assert not quoted_in(wanted, ["ведение учет"])  # shorter than the name: never compared


def test_floor_is_the_least_length_that_can_reach_the_cutoff() -> None:
    # NOTE: 200·L ≥ 95·(size+L) ⇔ L ≥ 95·size/105
    for size in range(1, 300):
        floor = lcs_floor(size)
        assert 200 * floor >= 95 * (size + floor)
        assert 200 * (floor - 1) < 95 * (size + floor - 1)
    # NOTE: a 20-character needle with one letter deleted in its quote scores 200·19/39 ≈ 97.4
    wanted = "абвгдежзийклмнопрсту"
    text = "абвгдежзийклмнпрсту" + "ф" * 10
    assert fuzz.partial_ratio(wanted, text) >= 95
    assert LCSseq.similarity(wanted, text) == 19 >= lcs_floor(20)


_MINORS_DATA: Mapping[str, Any] = load_catalogue()["JD213"].data


def _minors_reference(doc: Document, lang: str) -> tuple[bool, bool]:
    """Every sentence of every block tested (before the prefilter)."""
    flags = re.IGNORECASE
    minors = re.compile(str(_MINORS_DATA["minors"][lang]), flags)
    admits = re.compile(str(_MINORS_DATA["admits"][lang]), flags)
    under16 = re.compile(str(_MINORS_DATA["under16"][lang]), flags)
    found = young = False
    for i in doc.span:
        if i in doc.noise or i >= len(doc.raw.blocks):
            continue
        for sentence in re.findall(r"[^.!?;\n]+", doc.raw.blocks[i].text):
            if minors.search(sentence) and admits.search(sentence):
                found = True
                young = young or under16.search(sentence) is not None
    return found, young


_PIECES = {
    "ru": ("несовершеннолетние", "не моложе 18 лет", "моложе 18 лет", "с 14 лет", "от 16 лет",
           "подростки", "принимаются", "допускаются", "могут работать", "на должность",
           "не", "лица", "Работник", ".", ";", "!", "\n", " ", "не ", "18", "лет"),
    "lt": ("nepilnamečiai", "nuo 14 metų", "nuo 16 metų", "iki 18 metų", "priimami",
           "gali dirbti", "asmenys", "pareigas", ".", ";", " ", "\n"),
}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(("ru", "lt")).flatmap(lambda lang: st.tuples(
    st.just(lang), st.lists(st.lists(st.sampled_from(_PIECES[lang]), max_size=12)
                            .map(" ".join), min_size=1, max_size=6))))
@example(("ru", ["Работник не", "моложе 18 лет принимается"]))
@example(("ru", ["На должность принимаются лица с 14 лет."]))
def test_minors_post_answers_as_every_sentence(case: tuple[str, list[str]]) -> None:
    lang, lines = case
    doc = make_doc(lines, language="ru" if lang == "ru" else "lt")
    assert _minors_post(doc, _MINORS_DATA, lang) == _minors_reference(doc, lang)


def test_minors_post_found_and_not() -> None:
    young = make_doc(["На должность принимаются лица с 14 лет."])
    assert _minors_post(young, _MINORS_DATA, "ru") == (True, True)
    # NOTE: the two words in different sentences do not open the post
    apart = make_doc(["Несовершеннолетние.", "Принимаются на должность."])
    assert _minors_post(apart, _MINORS_DATA, "ru") == (False, False)


def test_minors_patterns_see_no_context_a_sentence_lacks() -> None:
    # NOTE: a block's answer bounds its sentences' only while the patterns hold no anchor or
    # look-around but the one look-behind "(?<!не )" (see checks/minors.py).
    for key in ("minors", "admits", "under16"):
        for pattern in _MINORS_DATA[key].values():
            rest = str(pattern).replace("(?<!не )", "")
            assert not re.search(r"\^|\$|\(\?<?[=!]", rest), (key, pattern)
