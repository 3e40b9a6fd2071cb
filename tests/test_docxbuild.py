"""The test-side DOCX builder: valid files, real numbering, and the text round trip."""

from __future__ import annotations

import io
import random

import docx
import pytest
from lxml import etree

from jdlint.core.text import normalize
from jdlint.readers.docx import read_docx
from jdlint.testing import P, Table, build_docx, text_to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_back(data: bytes) -> list[str]:
    return [b.display_text for b in read_docx(data, None, "t.docx").blocks]


def expected(text: str) -> list[str]:
    return [n for line in text.splitlines() if (n := normalize(line))]


def numbering_root(data: bytes) -> etree._Element:
    document = docx.Document(io.BytesIO(data))
    return document.part.numbering_part.element


SAMPLE = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
инженера отдела

1. ОБЩИЕ ПОЛОЖЕНИЯ
1.1. Инженер относится к категории специалистов.
1.2. Инженер руководствуется:
- законодательством;
- уставом предприятия.
2. ФУНКЦИИ
2.1 организация работ
2.10 контроль
2.12 анализ\tпричин
6. Пункт не по порядку
3.2.\t организовать работу
3.2.1 подпункт
• точка
– тире
I. Римский раздел
а) буквенный пункт
1.ОБЩИЕ (склеено)
4. ПРАВА
1. Снова с единицы
Директор\u00a0И.И.\u00a0Иванов
"""


def test_opens_in_python_docx_with_numbering_before_nums() -> None:
    data = text_to_docx(SAMPLE)
    document = docx.Document(io.BytesIO(data))
    assert len(document.paragraphs) == len(SAMPLE.splitlines())
    root = numbering_root(data)
    tags = [el.tag for el in root if el.tag in (W + "abstractNum", W + "num")]
    assert tags == sorted(tags, key=lambda t: t != W + "abstractNum")  # schema order
    texts = {lt.get(W + "val") for lt in root.iter(W + "lvlText")}
    assert {"%1.", "%1.%2.", "%1.%2.%3."} <= texts
    assert any(el.find(W + "lvlOverride/" + W + "startOverride") is not None
               for el in root.iter(W + "num"))


def test_typed_numbers_become_word_numbering() -> None:
    doc = read_docx(text_to_docx(SAMPLE), None, "t")
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["ОБЩИЕ ПОЛОЖЕНИЯ"].auto_number == "1."
    assert by_text["анализ причин"].auto_number == "2.12"
    assert by_text["Пункт не по порядку"].auto_number == "6."
    assert by_text["законодательством;"].auto_number == "-"
    assert by_text["I. Римский раздел"].auto_number is None  # Roman numerals stay typed
    assert by_text["1.ОБЩИЕ (склеено)"].auto_number is None  # glued numbers stay typed


@pytest.mark.parametrize("split_runs", [False, True])
def test_round_trip_sample(split_runs: bool) -> None:
    assert read_back(text_to_docx(SAMPLE, split_runs=split_runs)) == expected(SAMPLE)


def test_split_runs_really_splits() -> None:
    data = text_to_docx("1.1. Инженер руководствуется", split_runs=True)
    document = docx.Document(io.BytesIO(data))
    runs = [run.text for run in document.paragraphs[0].runs]
    assert len(runs) > 2 and "".join(runs) == "Инженер руководствуется"


def test_typed_mode_keeps_text() -> None:
    doc = read_docx(text_to_docx(SAMPLE, numbering="typed"), None, "t")
    assert all(b.auto_number is None for b in doc.blocks)
    assert [b.text for b in doc.blocks] == expected(SAMPLE)


def _random_instruction(rng: random.Random) -> str:
    lines = ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", ""]
    section = 0
    for _ in range(rng.randint(1, 7)):
        section += rng.choice([1, 1, 1, 2]) if rng.random() > 0.1 else -section + 1
        dot = rng.choice([".", ".", ""])
        lines.append(f"{section}{'.' if dot or rng.random() < 0.8 else ''} Раздел {section}")
        item = 0
        for _ in range(rng.randint(0, 8)):
            item += rng.choice([1, 1, 1, 1, 2, 5])
            sep = rng.choice([" ", "\t", "  ", ". ", ".\t "])
            lines.append(f"{section}.{item}{sep}пункт номер {item} обязан\u00a0выполнять")
            for sub in range(1, rng.randint(1, 4)):
                lines.append(f"{section}.{item}.{sub}{rng.choice(['', '.'])} подпункт")
            if rng.random() < 0.3:
                lines.extend(f"{rng.choice('-•–')} маркер {k}" for k in range(2))
            if rng.random() < 0.1:
                lines.append(rng.choice(["а) буква", "IV. Римский", "", "Простой текст."]))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_round_trip_property(seed: int) -> None:
    text = _random_instruction(random.Random(seed))
    assert read_back(text_to_docx(text, split_runs=seed % 2 == 1)) == expected(text)


def test_builder_numbering_levels_bullets_and_restart() -> None:
    data = build_docx([
        P("Общие", num_level=0), P("Пункт", num_level=1), P("Пункт", num_level=1),
        P("Маркер", bullet=True), P("Подпункт", num_level=2),
        P("Функции", num_level=0), P("Пункт", num_level=1, restart_at=[2, 12]),
        P("Пункт", num_level=1), P("Права", num_level=0),
    ])  # fmt: skip
    labels = [b.auto_number for b in read_docx(data, None, "t").blocks]
    assert labels == ["1.", "1.1.", "1.2.", "•", "1.2.1.", "2.", "2.12.", "2.13.", "3."]


def test_builder_validates_runs_and_list_kind() -> None:
    with pytest.raises(ValueError, match="do not join"):
        build_docx([P("abc", runs=["a", "c"])])
    with pytest.raises(ValueError, match="either"):
        build_docx([P("abc", bullet=True, num_level=0)])


def test_builder_tables_header_footer_comment_open_in_python_docx() -> None:
    data = build_docx([P("Текст"), Table([["a\nb", "c"]])], header="Шапка", footer="Низ",
                      comment=(0, "проверить"))
    document = docx.Document(io.BytesIO(data))
    assert document.tables[0].cell(0, 0).text == "a\nb"
    assert document.sections[0].header.paragraphs[0].text == "Шапка"
    assert len(list(document.comments)) == 1
