"""Issue 19, round six, TXT legacy decoding: ``scriptpairs`` counts mixed-script and
broken-case letter pairs without trying the two patterns at every character; the counts are
``len(findall)`` of the patterns (round five's count, kept here as the regexes) on generated
text mixing Latin, Cyrillic, Lithuanian and Latin-1 letters at the edges of the ranges, both
cases, digits and spaces, with few and with many runs of each script."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.readers import scriptpairs

# NOTE: round five's patterns, written out again (not imported): the reference
_OLD_MIXED = re.compile("[A-Za-z\u00c0-\u024f][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z\u00c0-\u024f]")
_OLD_CASE = re.compile("[a-zа-яёąčęėįšųūž][A-ZА-ЯЁĄČĘĖĮŠŲŪŽ]")

_PIECES = st.sampled_from([
    "a", "Z", "ab", "Работник", "обязан", "ДОЛЖНОСТЬ", "дОЛЖ", "Šias", "Рias", "ё", "Ё", "ž",
    "Ž", "ą", "Ą", "\u00bf", "\u00c0", "\u00d7", "\u024f", "\u0250", "\u03ff", "\u0400",
    "\u04ff", "\u0500", "І", "ї", " ", "\n", "1", ".", "-", "xЖ", "Жx", "aБc", "БaБ",
])
TEXTS = st.lists(_PIECES, max_size=200).map("".join)


def _old(text: str) -> tuple[int, int]:
    return len(_OLD_MIXED.findall(text)), len(_OLD_CASE.findall(text))


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_counts_are_the_patterns(text: str) -> None:
    assert (scriptpairs.mixed_pairs(text), scriptpairs.case_breaks(text)) == _old(text)
    assert scriptpairs.bad_pairs(text) == sum(_old(text))


@pytest.mark.parametrize("few", [0, 1, 2, 5])
def test_every_path_counts_the_same(few: int) -> None:
    """With a low limit the run walk gives up early (Latin runs, then Cyrillic, then the
    pattern); each way the count is the pattern's."""
    texts = ["aБc", "БaБaБ", "Рias Šias", "a" * 3 + "Ж" + "b" * 2, "ЖxЖxЖ xx ЖЖ x", "",
             "Работник обязан: e-mail, Word; дОЛЖНОСТЬ", "Ž" + "ž" * 5 + "ЖŽ", "ZЖZ",
             "zЖ\u024fЖ\u00c0Ж\u00bfЖ\u0250", "AЯaЯZЯ"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(scriptpairs, "_FEW_RUNS", few)
        for text in texts:
            assert scriptpairs.mixed_pairs(text) == _old(text)[0], text


def test_the_letter_sets_are_the_pattern_classes() -> None:
    chars = [chr(c) for c in range(0x700)]
    assert {ch for ch in chars if re.fullmatch("[A-Za-z\u00c0-\u024f]", ch)} == \
        scriptpairs._LAT_SET
    assert {ch for ch in chars if re.fullmatch("[\u0400-\u04ff]", ch)} == scriptpairs._CYR_SET


def test_the_comparison_can_fail() -> None:
    # NOTE: "ЖxЖ" holds two edges but one match: counting edges alone would say 2
    assert scriptpairs.mixed_pairs("ЖxЖ") == 1 == _old("ЖxЖ")[0]
    assert scriptpairs.case_breaks("дОЛЖ") == 1 == _old("дОЛЖ")[1]
    assert _old("ЖxЖ") != _old("ЖxЖx")
