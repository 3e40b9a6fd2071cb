"""The exact hints of ``jdlint.profstandards.hints`` (issue 19) never skip a match.

``detect`` runs its expressions for citations and function codes only on the blocks (texts)
where a hint matches; here, on every code point and on generated text mixing the letters,
digits and signs those expressions look for, the hints find something wherever detect's
expressions do, and ``citations`` gives what the block-by-block loop it replaced gave;
``quoted.names_in_text`` (block texts sorted by length once) finds the names the old one found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Document
from jdlint.profstandards import detect, hints, load_standards, quoted
from jdlint.profstandards.detect import Citation, _orders, _resolve
from jdlint.profstandards.importer import normalize_code
from jdlint.profstandards.model import Standard
from jdlint.readers import read_bytes
from jdlint.structure import analyse

TEST_STANDARDS = Path(__file__).resolve().parent / "data" / "profstandards"
_EVERY = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_case_classes_are_what_re_folds() -> None:
    for letter, spelled in hints.CASES.items():
        assert set(re.findall("(?i)" + letter, _EVERY)) == set(spelled), letter


_PIECES = st.sampled_from(["профессионального", "ПРОФ", "Профстандарт", "стандарта", "ПС",
                           "пс", "ᲂтф", "ОТФ", "обобщенной", "ОБОБЩЕННАЯ", "трудовой",
                           "функции", "06.029", "06 . 029", "1.06.029", "06.0291", "06.029.1",
                           "B/01.6", "С / 02.7", "x/01.5", "/", ".", ",", " ", "\n", "\x00",
                           "12", "3", "«", "»", "А", "код", "ᲃ", "ᲅ", "№ 679н", "от"])
_TEXT = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_hints_find_whatever_detect_finds(text: str) -> None:
    for expression, hint in ((detect._KEYWORD, hints.keyword), (detect._CODE, hints.code),
                             (detect._TF_CODE, hints.tf_code),
                             (detect._OTF_CODE, hints.otf_code)):
        if expression.search(text):
            assert hints.found(hint, text), expression.pattern
        # NOTE: the same per block: a hint never needs the text around a block.
        for line in text.split("\n"):
            if expression.search(line):
                assert hints.found(hint, line), expression.pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_blocks_with_is_block_by_block(texts: list[str]) -> None:
    every = (*hints.keyword, *hints.code)
    expected = [i for i, t in enumerate(texts) if hints.found(every, t)]
    assert hints.blocks_with(texts, *every) == expected


def test_hints_can_differ() -> None:
    every = (*hints.keyword, *hints.code)
    assert hints.blocks_with(["нет", "ПС 06.029", "", "профиль", "от 1.2.2021", "ПроФессия",
                              "код 99.901", "пᲃ", "05.10.2015"], *every) == [1, 5, 6, 7, 8]
    assert not hints.found(hints.otf_code, "обоснование отчета")
    assert hints.found(hints.otf_code, "ОтФ") and hints.found(hints.otf_code, "ОБОБЩ")
    assert not hints.found(hints.tf_code, "и/или 01.5") and hints.found(hints.tf_code, "A/01.5")


def _old_citations(doc: Document, standards: Sequence[Standard]) -> tuple[Citation, ...]:
    """``detect.citations`` before issue 19: both expressions on every block."""
    out: list[Citation] = []
    blocks = doc.raw.blocks
    codes = {s.code for s in standards}
    for index in doc.span:
        if index >= len(blocks):
            continue
        text = blocks[index].text
        keyword = detect._KEYWORD.search(text)
        code_found = next((m for m in detect._CODE.finditer(text)
                           if keyword or normalize_code(m.group(0)) in codes), None)
        if keyword is None and code_found is None:
            continue
        anchor = min(m.start() for m in (keyword, code_found) if m is not None)
        code = normalize_code(code_found.group(0)) if code_found else None
        name = next((q.group(1).strip() for q in detect._QUOTED.finditer(text, anchor)
                     if q.start() - anchor < 120), None)
        orders = _orders(text, anchor)
        if code is None and name is None and not orders:
            continue
        std, by = _resolve(code, name, orders, standards)
        out.append(Citation(index, code, code_found.group(0) if code_found else None, name,
                            orders, std, by))
    return tuple(out)


_LINES = st.sampled_from([
    "1.1. Инструкция разработана с учетом профессионального стандарта «Менеджер по "
    "продажам информационно-коммуникационных систем» (код 06.029), утвержденного приказом "
    "Минтруда России от 29.09.2020 № 679н.", "1.2. ПС 06.029, ОТФ В.", "профстандарт 06.029",
    "Приказ от 05.10.2015 № 687н", "2.1. Проводит переговоры с клиентами.", "06.029",
    "99.901 ПС", "Трудовая функция B/01.6 «Ведение переговоров».", "Стандарт ᲃᲅ 06.029"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=8))
def test_citations_are_the_block_by_block_loop(lines: list[str]) -> None:
    text = "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nменеджера по продажам\n" + "\n".join(lines) + "\n"
    standards = load_standards()
    for doc in analyse(read_bytes(text.encode("utf-8"), None, "cite.txt")).documents:
        assert detect.citations(doc, standards) == _old_citations(doc, standards)


def _old_names_in_text(doc: Document, names: Sequence[str]) -> set[int]:
    """``quoted.names_in_text`` before issue 19: every block's text for every name."""
    blocks = doc.raw.blocks
    texts = [" ".join(detect.content_lemmas(blocks[i].text)) for i in doc.span
             if i < len(blocks) and i not in doc.noise and len(blocks[i].text) > 15]
    found: set[int] = set()
    for n, name in enumerate(names):
        wanted = " ".join(detect.content_lemmas(name))
        if len(wanted.split()) < 3:
            continue
        if detect.quoted_in(wanted, texts):
            found.add(n)
    return found


def _instruction(lines: Sequence[str]) -> tuple[Document, ...]:
    text = ("УТВЕРЖДАЮ\nДиректор\n«10» января 2025 г.\nДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nменеджера\n"
            "1. Общие положения\n1.1. Менеджер относится к категории специалистов.\n"
            "2. Должностные обязанности\n2.1. Проводит переговоры с клиентами.\n"
            + "\n".join(lines) + "\n3. Права\n3.1. Запрашивать сведения.\n"
            "4. Ответственность\n4.1. За ненадлежащее исполнение обязанностей.\n")
    return analyse(read_bytes(text.encode("utf-8"), None, "names.txt")).documents


def _names(std: Standard) -> list[str]:
    otfs = std.functions or ()
    return [t.name for g in otfs for t in g.functions or ()] + [g.name for g in otfs]


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_names_in_text_are_every_block_for_every_name(data: st.DataObject) -> None:
    """Function names quoted whole, cut, with a word changed or inside a longer line."""
    standards = [*load_standards(), *load_standards((str(TEST_STANDARDS),))]
    std = data.draw(st.sampled_from(standards))
    names = _names(std)
    lines = data.draw(st.lists(st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).map(lambda n: " ".join(n.split()[1:])),
        st.sampled_from(names).map(lambda n: n.replace(" ", " новых ", 1)),
        st.sampled_from(names).map(lambda n: "1.3. В рамках функции «" + n + "» и прочего"),
        st.sampled_from(["2.1. Проводит переговоры с клиентами компании.", "Короткая строка",
                         "3.1. Запрашивать сведения у подразделений организации."])),
        min_size=1, max_size=6))
    for doc in _instruction(lines):
        assert quoted.names_in_text(doc, names) == _old_names_in_text(doc, names)


def test_names_in_text_can_differ() -> None:
    std = max([*load_standards(), *load_standards((str(TEST_STANDARDS),))],
              key=lambda s: len(_names(s)))
    names = _names(std)
    at = next(i for i, n in enumerate(names) if len(detect.content_lemmas(n)) >= 3)
    (doc, *_rest) = _instruction(["2.3. Выполняет: " + names[at] + "."])
    assert doc.classification == "instruction"
    found = quoted.names_in_text(doc, names)
    assert at in found and found == _old_names_in_text(doc, names)
    assert len(found) < len(names)
