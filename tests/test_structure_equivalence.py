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
    "(", ")", "-", "7", "İ", "ß", "ђ", "Ѓ", "є", "€", "«", "\u00c0", "\u00ff", "№",
])
TEXTS = st.lists(_PIECES, max_size=30).map("".join)

_OLD_CYR = re.compile("[а-яА-ЯёЁ]")
_OLD_LAT = re.compile("[A-Za-z]")
_OLD_LT_WORD = re.compile(
    r"(?<!\S)[.,;:()]*(?:" + "|".join(sorted(language._LT_WORDS, key=len, reverse=True))
    + r")[.,;:()]*(?!\S)")


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_letter_counts_are_the_old_regexes(text: str) -> None:
    assert language.cyrillic_letters(text) == len(_OLD_CYR.findall(text))
    assert language.latin_letters(text) == len(_OLD_LAT.findall(text))


def test_letter_counts_over_every_character() -> None:
    # NOTE: each code point once, lone surrogates included (the encoder drops them too)
    text = "".join(chr(c) for c in range(sys.maxunicode + 1))
    assert language.cyrillic_letters(text) == len(_OLD_CYR.findall(text)) == 66
    assert language.latin_letters(text) == len(_OLD_LAT.findall(text)) == 52


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


_TAGS = ["{urn:w}pPr", "{urn:w}numPr", "{urn:w}rPr", "{urn:x}pPr", "pPr", "#comment", "#pi"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TAGS), max_size=8), st.sampled_from(_TAGS[:5]))
def test_first_child_is_lxml_find(children: list[str], wanted: str) -> None:
    from lxml import etree

    from jdlint.readers.numbering import first_child

    root = etree.Element("{urn:w}p")
    for i, tag in enumerate(children):
        if tag == "#comment":
            root.append(etree.Comment(f"c{i}"))
        elif tag == "#pi":
            root.append(etree.ProcessingInstruction("pi", str(i)))
        else:
            etree.SubElement(root, tag).text = str(i)
            etree.SubElement(root[-1], wanted)  # a grandchild is never the answer
    found, expected = first_child(root, wanted), root.find(wanted)
    assert (found is None) == (expected is None)
    if found is not None:
        assert found is expected
