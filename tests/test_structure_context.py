"""Reading the structure of documents written by others (issue 13, classes 3 and 5): dates and
wrapped lines are not clause numbers, sections under other headings are found, a list item is
not a heading and an intro line does not leave a section "empty".

Every case is checked as TXT and as a DOCX built at test time (typed numbers, and the approval
block laid out in a table where that is how such documents come).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jdlint.core.model import Block, Document, Finding, SectionKind, Source
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.structure.langdata import load
from jdlint.structure.lines import classify_line
from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx

RULES = load_rules()
STRUCTURE = [RULES[c] for c in ("JD101", "JD102", "JD104")]


def _txt(text: str, lang: str) -> tuple[Document, ...]:
    raw = read_bytes(text.encode("utf-8"), None, "case.txt")
    return analyse(raw, language=lang).documents  # type: ignore[arg-type]


def _docx(text: str, lang: str) -> tuple[Document, ...]:
    raw = read_bytes(text_to_docx(text, numbering="typed"), None, "case.docx")
    return analyse(raw, language=lang).documents  # type: ignore[arg-type]


READERS: dict[str, Callable[[str, str], tuple[Document, ...]]] = {"txt": _txt, "docx": _docx}


def labels(docs: tuple[Document, ...]) -> list[str]:
    return [c.label.rstrip(".") for d in docs for c in d.clauses() if c.label]


def kinds(docs: tuple[Document, ...]) -> list[SectionKind]:
    return [s.kind for d in docs for s in d.sections]


def findings(docs: tuple[Document, ...]) -> list[Finding]:
    return lint(docs, STRUCTURE)


# An approval block from a template whose blanks were never filled in: dummy dates and numbers.
RU_DUMMY_DATES = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
УТВЕРЖДАЮ
(руководитель организации)
00.00.00 № 00
(подпись) (инициалы, фамилия)
00.00.00 г.

I. Общие положения
1. Кладовщик относится к категории рабочих.
2. Кладовщик подчиняется заведующему складом.
II. Должностные обязанности
1. Принимает товар на склад и проверяет его количество.
2. Ведёт учёт остатков.
III. Права
1. Требовать исправного оборудования.
IV. Ответственность
1. За порчу товара по своей вине в пределах, установленных законом.

Согласовано:
21.09.05 № ____
05.01.2003 г.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_dummy_dates_of_an_approval_block_are_not_clauses(fmt: str) -> None:
    docs = READERS[fmt](RU_DUMMY_DATES, "ru")
    found = labels(docs)
    assert not [x for x in found if "00" in x or x.startswith(("21", "05"))], found
    assert SectionKind.UNKNOWN not in kinds(docs)
    assert not [f for f in findings(docs) if f.clause and "00" in f.clause]


def test_dates_in_an_approval_table_are_not_clauses() -> None:
    data = build_docx([
        Table([["", "УТВЕРЖДАЮ\nДиректор\n00.00.00 № 00"]]),
        P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика"),
        P("1. Общие положения"),
        P("1.1. Кладовщик относится к категории рабочих."),
        P("1.2. Кладовщик подчиняется заведующему складом."),
        P("2. Должностные обязанности"),
        P("2.1. Принимает товар на склад."),
        P("2.2. Ведёт учёт остатков."),
        P("3. Права"),
        P("3.1. Требовать исправного оборудования."),
    ])
    docs = analyse(read_bytes(data, None, "case.docx"), language="ru").documents
    assert labels(docs) == ["1.1", "1.2", "2.1", "2.2", "3.1"]


RU_WRAPPED = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.
1.2. На должность назначается лицо со средним образованием и стажем работы не менее
1 (одного) года.
1.3. Испытательный срок при приёме на работу составляет
3 (трех) месяцев.
1.4. Кладовщик подчиняется заведующему складом.
2. Должностные обязанности
2.1. Принимает товар на склад.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_wrapped_line_starting_with_a_quantity_is_not_a_clause(fmt: str) -> None:
    docs = READERS[fmt](RU_WRAPPED, "ru")
    assert labels(docs) == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert not [f for f in findings(docs) if f.code == "JD104"]


# Look-alike: a numbered list that really is numbered 1, 2, 3 with spelled-out words in it.
RU_REAL_LIST = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.
2. Должностные обязанности
2.1. Принимает товар на склад.
2.2. Ведёт учёт остатков.
2.3. Проводит инвентаризацию раз в 3 (три) месяца.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_real_clauses_stay_clauses(fmt: str) -> None:
    assert labels(READERS[fmt](RU_REAL_LIST, "ru")) == ["1.1", "2.1", "2.2", "2.3"]


def test_table_row_numbers_are_not_clauses() -> None:
    data = build_docx([
        P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика"),
        P("1. Общие положения"),
        P("1.1. Кладовщик относится к категории рабочих."),
        P("1.2. Кладовщик знает перечень документов:"),
        Table([["№", "Документ"], ["1", "Накладная"], ["2", "Акт приёмки"]]),
        P("2. Должностные обязанности"),
        P("2.1. Принимает товар на склад."),
        P("2.2. Ведёт учёт остатков."),
        P("3. Права"),
        P("3.1. Требовать исправного оборудования."),
    ])
    docs = analyse(read_bytes(data, None, "case.docx"), language="ru").documents
    assert labels(docs) == ["1.1", "1.2", "2.1", "2.2", "3.1"]


# A list of personal qualities whose item 8 starts with a section word.
RU_QUALITIES = """Должностная инструкция дизайнера
Должностные обязанности:
1. Готовит макеты печатной продукции.
2. Согласует макеты с заказчиком.
Права:
1. Запрашивать у заказчика исходные материалы.
Требования к кандидату:
1. Владение графическими редакторами.
2. Умение работать с типографиями.
3. Ответственность и пунктуальность
4. Готовность к обучению
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_list_item_is_not_a_section_heading(fmt: str) -> None:
    docs = READERS[fmt](RU_QUALITIES, "ru")
    assert kinds(docs) == [SectionKind.DUTIES, SectionKind.RIGHTS, SectionKind.QUALIFICATION]
    missing = [f for f in findings(docs) if f.code == "JD101"]
    assert any("Ответственность" in f.message for f in missing)
    assert not [f for f in findings(docs) if f.code == "JD104"]


RU_NUMBERED_HEADINGS = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика
1. ОБЩИЕ ПОЛОЖЕНИЯ
1. Кладовщик относится к категории рабочих.
2. Кладовщик подчиняется заведующему складом.
3. ДОЛЖНОСТНЫЕ ОБЯЗАННОСТИ
4. Принимает товар на склад.
5. ПРАВА
6. Требовать исправного оборудования.
7. ОТВЕТСТВЕННОСТЬ
8. За порчу товара по своей вине.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_headings_numbered_in_one_list_with_clauses_stay_headings(fmt: str) -> None:
    docs = READERS[fmt](RU_NUMBERED_HEADINGS, "ru")
    assert kinds(docs) == [SectionKind.GENERAL, SectionKind.DUTIES, SectionKind.RIGHTS,
                           SectionKind.RESPONSIBILITY]


RU_INTRO_LINE = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика
1 ОБЩИЕ ПОЛОЖЕНИЯ
1.1 Кладовщик относится к категории рабочих.
2 ОБЯЗАННОСТИ
2.1 Принимает товар на склад.
3 ПРАВА
3.1 Требовать исправного оборудования.
4 ОТВЕТСТВЕННОСТЬ
Кладовщик несет ответственность за
4.1 Порчу товара по своей вине.
4.2 Нарушение правил охраны труда.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_intro_line_does_not_empty_its_section(fmt: str) -> None:
    docs = READERS[fmt](RU_INTRO_LINE, "ru")
    assert kinds(docs).count(SectionKind.RESPONSIBILITY) == 1
    assert not [f for f in findings(docs) if f.code == "JD102"
                or f.data.get("section") == "responsibility"]


LT_MISMATCHED_HEADING = """VALYTOJOS PAREIGYBĖS APRAŠYMAS
1. BENDROSIOS NUOSTATOS
1.1. Valytoja yra darbuotoja, valanti patalpas.
2. VALYTOJOS FUNKCIJOS
3.1. Valytoja atlieka šias funkcijas:
3.1.1. plauna grindis;
3.1.2. valo langus.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_heading_whose_clauses_carry_another_number_is_not_empty(fmt: str) -> None:
    docs = READERS[fmt](LT_MISMATCHED_HEADING, "lt")
    assert not [f for f in findings(docs) if f.code == "JD102"]


@pytest.mark.parametrize(("lang", "heading", "kind"), [
    ("ru", "Основные обязанности:", SectionKind.DUTIES),
    ("ru", "Описание работы", SectionKind.DUTIES),
    ("ru", "Функции", SectionKind.DUTIES),
    ("ru", "Твои обязанности", SectionKind.DUTIES),
    ("ru", "## Обязанности", SectionKind.DUTIES),
    ("ru", "**Обязанности**", SectionKind.DUTIES),
    ("ru", "📌 Обязанности", SectionKind.DUTIES),
    ("ru", "Требования к кандидату:", SectionKind.QUALIFICATION),
    ("lt", "Funkcijos", SectionKind.DUTIES),
    ("lt", "Pareigybės funkcijos", SectionKind.DUTIES),
    ("lt", "Reikalavimai", SectionKind.QUALIFICATION),
    ("lt", "Specialieji reikalavimai šias pareigas einančiam valstybės tarnautojui:",
     SectionKind.QUALIFICATION),
    ("lt", "Šias pareigas einantis valstybės tarnautojas vykdo šias funkcijas:",
     SectionKind.DUTIES),
])
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_section_under_another_heading_is_found(fmt: str, lang: str, heading: str,
                                                kind: SectionKind) -> None:
    if lang == "ru":
        text = (f"ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ дизайнера\nОбщие положения\n"
                f"1. Дизайнер относится к категории специалистов.\n"
                f"2. Дизайнер подчиняется арт-директору.\n{heading}\n"
                f"1. Готовит макеты печатной продукции.\n2. Согласует макеты с заказчиком.\n"
                f"3. Готовит файлы для типографии.\nПрава\n1. Запрашивать исходные материалы.\n")
    else:
        text = (f"DIZAINERIO PAREIGYBĖS APRAŠYMAS\nBendrosios nuostatos\n"
                f"1. Dizaineris yra specialistas.\n2. Dizaineris pavaldus meno vadovui.\n"
                f"{heading}\n3. Rengia spaudinių maketus.\n4. Derina maketus su užsakovu.\n"
                f"5. Rengia failus spaustuvei.\nTeisės\n6. Gauti pradinę medžiagą.\n")
    assert kind in kinds(READERS[fmt](text, lang))


@pytest.mark.parametrize(("lang", "line"), [
    ("ru", "7. Работник должен соответствовать следующим требованиям:"),
    ("lt", "7. Išsilavinimo ir darbo patirties reikalavimai:"),
    ("lt", "8. Šias pareigas einantis darbuotojas vykdo šias funkcijas:"),
    ("ru", "Кладовщик несет ответственность за"),
    ("lt", "Darbuotojas atsako už"),
])
def test_lead_in_lines_are_not_headings(lang: str, line: str) -> None:
    block = Block(0, line, line, Source(0))
    assert classify_line(block, load(lang)).role != "heading"


def test_empty_numbered_item_in_a_table_cell_stays_a_clause() -> None:
    # A template blank: the number is there, its text was never written (a finding for JD106).
    data = build_docx([
        P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика"),
        P("1. Общие положения"),
        P("1.1. Кладовщик относится к категории рабочих."),
        P("1.2. Кладовщик подчиняется заведующему складом."),
        P("2. Должностные обязанности"),
        P("2.1. Принимает товар на склад."),
        P("2.2. Ведёт учёт остатков."),
        Table([["2.3.", "", "."]]),
        P("3. Права"),
        P("3.1. Требовать исправного оборудования."),
    ])
    docs = analyse(read_bytes(data, None, "case.docx"), language="ru").documents
    assert "2.3" in labels(docs)


RU_UNMARKED_LIST = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.
1.2. Кладовщик подчиняется заведующему складом.
2. Права
Работник имеет право:
требовать исправного оборудования;
получать спецодежду.
3. Ответственность
3.1. За порчу товара по своей вине.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_unmarked_list_under_an_intro_line_is_a_list(fmt: str) -> None:
    docs = READERS[fmt](RU_UNMARKED_LIST, "ru")
    rights = next(s for d in docs for s in d.sections if s.kind == SectionKind.RIGHTS)
    intro = rights.clauses[0]
    assert intro.text.rstrip().endswith(":")
    assert [c.text for c in intro.children] == ["требовать исправного оборудования;",
                                                "получать спецодежду."]
