"""The closing text of an instruction stays with it: a sentence that names the document
("Должностная инструкция разработана в соответствии с …") after the last clause, followed by
the sign-off and the acknowledgement, is not an article resuming after the instruction."""

from __future__ import annotations

import pytest

from jdlint.core.model import Document
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.testing.docxbuild import text_to_docx

BLANK = "\n\n\n\n"
CLOSING = (
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nкладовщика\n\nI. Общие положения\n"
    "1. Кладовщик относится к категории рабочих.\n"
    "2. На должность назначается лицо со средним образованием.\n"
    "II. Должностные обязанности\n1. Принимает товар на склад.\n2. Ведёт учёт остатков.\n"
    "III. Права\n1. Требовать исправного оборудования.\n"
    "IV. Ответственность\n1. За ненадлежащее исполнение обязанностей.\n"
    + BLANK + "Должностная инструкция разработана в соответствии с" + BLANK
    + "Руководитель склада" + BLANK + "(подпись)\n\n(фамилия, инициалы)" + BLANK
    + "СОГЛАСОВАНО:\n\nЮрист" + BLANK + "(подпись)" + BLANK
    + "С инструкцией ознакомлен:" + BLANK + "(подпись)\n\n(фамилия, инициалы)\n"
)
ARTICLE_AFTER = (
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика\n1. Общие положения\n"
    "1.1. Кладовщик относится к категории рабочих.\n1.2. Кладовщик подчиняется заведующему.\n"
    "2. Должностные обязанности\n2.1. Принимает товар на склад.\n2.2. Ведёт учёт остатков.\n"
    "3. Права\n3.1. Требовать исправного оборудования.\n"
    "4. Ответственность\n4.1. За ненадлежащее исполнение обязанностей.\n"
    "Должностная инструкция кладовщика: как составить\n"
    "Кадровику стоит помнить, что инструкцию утверждает руководитель организации.\n"
    "Читайте также наши статьи о приёме на работу.\n"
)


def _docs(text: str, fmt: str) -> tuple[Document, ...]:
    data = text.encode("utf-8") if fmt == "txt" else text_to_docx(text)
    return analyse(read_bytes(data, None, f"case.{fmt}"), language="ru").documents


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_closing_text_and_acknowledgement_stay_with_the_instruction(fmt: str) -> None:
    (doc,) = _docs(CLOSING, fmt)
    texts = [doc.raw.blocks[i].text for i in doc.span if i not in doc.noise]
    assert any(t.startswith("Должностная инструкция разработана") for t in texts)
    assert any(t.startswith("С инструкцией ознакомлен") for t in texts)
    findings = lint((doc,), [load_rules()["JD106"]])
    assert any("разработана в соответствии с" in f.excerpt for f in findings)


def test_article_after_an_instruction_is_still_set_aside() -> None:
    (doc,) = _docs(ARTICLE_AFTER, "txt")
    kept = [doc.raw.blocks[i].text for i in doc.span if i not in doc.noise]
    assert not any("Читайте также" in t for t in kept)


WRAPPED = (
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ охранника\n1. Общие положения\n"
    "1.1. Охранник относится к категории технических исполнителей.\n"
    "1.2. На должность охранника назначается лицо, имеющее среднее\n"
    "профессиональное образование и стаж работы не менее"
)


def test_wrapped_rest_of_the_last_line_stays_with_the_instruction() -> None:
    (doc,) = _docs(WRAPPED, "txt")
    kept = [doc.raw.blocks[i].text for i in doc.span if i not in doc.noise]
    assert kept[-1].startswith("профессиональное образование")
    clause = doc.sections[-1].clauses[-1]
    assert "стаж работы" in clause.text


BLANK_ITEM = (
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика\nI. Общие положения\n"
    "1. Кладовщик относится к категории рабочих.\n2. Кладовщик подчиняется заведующему.\n"
    "II. Должностные обязанности\n1. Принимает товар на склад.\n2. Ведёт учёт остатков.\n"
    "III. Права\n1. Требовать исправного оборудования.\n"
    "IV. Ответственность\n1. За ненадлежащее исполнение обязанностей.\n2.\n"
    + BLANK + "Должностная инструкция разработана в соответствии с приказом № 5." + BLANK
    + "С инструкцией ознакомлен:\n(подпись)\n"
)
WRAPPED_NUMBER = (
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика\nI. Общие положения\n"
    "1. Кладовщик относится к категории рабочих.\n2. Кладовщик подчиняется заведующему.\n"
    "II. Должностные обязанности\n1. Принимает товар на склад.\n2.\n"
    "Ведёт учёт остатков на складе.\nIII. Права\n1. Требовать исправного оборудования.\n"
    "IV. Ответственность\n1. За ненадлежащее исполнение обязанностей.\n"
)


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_blank_item_does_not_take_a_sentence_after_empty_lines(fmt: str) -> None:
    (doc,) = _docs(BLANK_ITEM, fmt)
    last = doc.sections[-1].clauses
    blank = next(c for c in last if c.path.endswith("2"))
    assert blank.text.strip(" .") == ""
    findings = lint((doc,), [load_rules()["JD106"]])
    assert any(f.clause and f.clause.endswith("2") and f.section is not None
               and f.section.value == "responsibility" for f in findings)


def test_number_on_its_own_line_right_above_its_text_keeps_it() -> None:
    (doc,) = _docs(WRAPPED_NUMBER, "txt")
    duties = doc.sections[1].clauses
    assert duties[-1].text.startswith("Ведёт учёт остатков")
