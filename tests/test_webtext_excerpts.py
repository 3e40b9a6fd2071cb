"""Where web-text findings point and what their excerpts show (JD211, JD205), in TXT and in a
DOCX generated at test time: an excerpt names the offending sentence, not the lawful
requirements around it, and a note about the whole instruction is not pinned to a clause.
"""

from __future__ import annotations

import pytest

from jdlint.core.model import Finding
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.testing.docxbuild import text_to_docx

RULES = load_rules()


def _lint(text: str, code: str, fmt: str) -> list[Finding]:
    if fmt == "txt":
        raw = read_bytes(text.encode("utf-8"), None, "case.txt")
    else:
        raw = read_bytes(text_to_docx(text), None, "case.docx")
    docs = analyse(raw, language="ru").documents
    return [f for f in lint(docs, [RULES[code]]) if f.code == code]


REQUIREMENTS = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
бармена
1. Общие положения
1.1. Бармен относится к категории рабочих.
1.2. На должность бармена назначается лицо, имеющее среднее профессиональное образование \
по профилю и стаж работы барменом не менее двух лет. Возраст - до 30 лет. Дополнительно: \
знание английского языка на разговорном уровне.
2. Должностные обязанности
2.1. Готовит напитки по утвержденным рецептам.
3. Права
3.1. Запрашивать продукты со склада.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_jd211_excerpt_is_the_offending_sentence(fmt: str) -> None:
    found = _lint(REQUIREMENTS, "JD211", fmt)
    assert len(found) == 1
    excerpt = found[0].excerpt
    assert "до 30 лет" in excerpt
    # the lawful requirements of the same clause are not shown as the problem
    assert "стаж" not in excerpt and "английского" not in excerpt


KAZAKH = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
лаборанта кафедры
1. Общие положения
1.1. Лаборант относится к категории технических исполнителей.
1.2. В своей работе лаборант руководствуется:
1.2.1. Трудовым кодексом Республики Казахстан;
1.2.2. уставом университета.
2. Должностные обязанности
2.1. Готовит оборудование к занятиям.
3. Права
3.1. Запрашивать материалы для занятий.
"""


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_jd205_assumed_law_note_is_not_pinned_to_the_list_of_acts(fmt: str) -> None:
    found = _lint(KAZAKH, "JD205", fmt)
    assert len(found) == 1
    note = found[0]
    assert note.severity.name == "INFO"
    # the note names where the law is cited, but points at the instruction, not the clause
    assert "1.2.1" in note.message
    assert "Трудовым кодексом" not in note.excerpt
