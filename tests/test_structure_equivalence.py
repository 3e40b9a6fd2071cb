"""Speed-ups of the reading and structure layer (issue 19) must give the same answers: each
rewritten computation is compared with the formula it replaced, on generated text mixing both
scripts, Polish and Lithuanian letters, punctuation and every kind of whitespace."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.structure import language

_PIECES = st.sampled_from([
    "ir", "IR", "Yra", "su", "darbuotojas", "pareigybės", "Įmonės", "vadovo", "(ir)", "su.",
    "irgi", "ąčęėįšųūž", "ĄŽ", "łódź", "Ść", "ó", "работник", "ЁЖ", "ё", "Іі", "abc", "Z",
    " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\x85", "\u3000", ".", ",", ";", ":",
    "(", ")", "-", "7", "İ", "ß",
])
TEXTS = st.lists(_PIECES, max_size=30).map("".join)

_OLD_CYR = re.compile("[а-яА-ЯёЁ]")
_OLD_LAT = re.compile("[A-Za-z]")
_OLD_LT_WORD = re.compile(
    r"(?<!\S)[.,;:()]*(?:" + "|".join(sorted(language._LT_WORDS, key=len, reverse=True))
    + r")[.,;:()]*(?!\S)")


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_letter_runs_count_the_letters(text: str) -> None:
    assert sum(map(len, language._CYR_RUN.findall(text))) == len(_OLD_CYR.findall(text))
    assert sum(map(len, language._LAT_RUN.findall(text))) == len(_OLD_LAT.findall(text))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_lithuanian_words_are_the_old_regex(text: str) -> None:
    assert language.lithuanian_words(text) == len(_OLD_LT_WORD.findall(text.lower()))


def test_split_whitespace_is_the_regex_whitespace() -> None:
    # NOTE: lithuanian_words splits with str.split(); the old regex used \S: the same set.
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert ch.isspace() == bool(space.match(ch)), hex(code)


def test_detect_reads_both_languages() -> None:
    ru = "Работник обязан выполнять поручения руководителя и соблюдать правила."
    lt = "Darbuotojas vykdo vadovo pavedimus ir laikosi įmonės taisyklių pagal tvarką."
    assert language.detect([ru])[0] == "ru"
    assert language.detect([lt])[0] == "lt"
    assert language.detect(["Pracownik wykonuje polecenia szefa i dba o ład w biurze."])[0] \
        is None
    assert language.detect([lt, lt]) == language.detect([lt + "\n" + lt])
