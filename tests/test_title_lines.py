"""Which lines are the title of an instruction (structure layer, ``is_title``): a short heading
naming the document type, never a caption under a signature line, the wrapped end of one, or
a sentence of the body that speaks about the document. Checked on lines and on whole
documents as TXT and as DOCX generated at test time, with the approval block interleaved
with the heading the way a flattened two-column table reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.core.model import Document
from jdlint.engine.pipeline import Settings, analyse_file
from jdlint.structure.langdata import load
from jdlint.structure.lines import is_title
from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx

BODY = [
    "I. Общие положения",
    "1. Лаборант относится к категории технических исполнителей.",
    "2. На должность лаборанта назначается лицо со средним профессиональным образованием.",
    "II. Должностные обязанности",
    "1. Готовит реактивы и посуду к опытам.",
    "2. Ведёт журнал проб.",
    "III. Права",
    "1. Получать сведения, нужные для работы.",
    "IV. Ответственность",
    "1. Лаборант несет ответственность за сохранность проб.",
]


@pytest.mark.parametrize("line", [
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
    "Должностная инструкция лаборанта",
    "ТИПОВАЯ ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ЛАБОРАНТА",
    "Должностная инструкция капитана буксира",
    "Должностная инструкция члена приёмной комиссии",
    "Должностная инструкция для лаборанта. Скачать бланк",
    "ИНСТРУКЦИЯ",
    # a title closed by a dot, as a run-on web copy cut into lines leaves it
    "Должностная инструкция старшего кладовщика, кладовщика.",
])
def test_heading_lines_are_titles_ru(line: str) -> None:
    assert is_title(line, load("ru"))


@pytest.mark.parametrize("line", [
    "(лицо, составившее должностную инструкцию)",
    "подписывать должностную инструкцию)",
    "(утверждающий должностную инструкцию",
    "Настоящая должностная инструкция составлена на основе",
    "Данная должностная инструкция вступает в силу",
    "Должностная инструкция утверждена приказом",
    "Должностная инструкция определяет обязанности лаборанта",
    "Инструкция по охране труда",
    "Должностная инструкция утверждается приказом директора.",
    "Должностная инструкция является локальным нормативным актом.",
])
def test_captions_and_sentences_are_not_titles_ru(line: str) -> None:
    assert not is_title(line, load("ru"))


def test_lithuanian_sentence_about_the_document_is_not_a_title() -> None:
    ld = load("lt")
    assert is_title("LABORANTO PAREIGYBĖS APRAŠYMAS", ld)
    assert not is_title("Šis pareigybės aprašymas", ld)


def _first(path: Path) -> Document:
    fa = analyse_file(path, Settings())
    docs = [d for d in fa.documents if d.classification == "instruction"]
    assert docs
    return docs[0]


# A database template flattened to text: the heading "ИНСТРУКЦИЯ" / post / "ДОЛЖНОСТНАЯ
# ИНСТРУКЦИЯ", then the left and right columns of the approval table read line by line, so
# the post in the left column and the approver's captions on the right alternate.
INTERLEAVED = [
    "ИНСТРУКЦИЯ",
    "ЛАБОРАНТА",
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
    "УТВЕРЖДАЮ",
    "(наименование органа, который утверждает;",
    "лицо, которому дано право подписывать",
    "лаборанта",
    "должностную инструкцию)",
    "(подпись)",
]


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_caption_end_is_not_the_title(tmp_path: Path, suffix: str) -> None:
    text = "\n".join(INTERLEAVED + BODY) + "\n"
    path = tmp_path / f"d.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text_to_docx(text))
    doc = _first(path)
    assert doc.title == "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"
    assert doc.position == "ЛАБОРАНТА"


def test_caption_end_in_a_docx_table_is_not_the_title(tmp_path: Path) -> None:
    path = tmp_path / "d.docx"
    path.write_bytes(build_docx([
        P("ИНСТРУКЦИЯ"), P("ЛАБОРАНТА"),
        Table([["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "УТВЕРЖДАЮ"],
               ["", "(наименование органа, который утверждает;"],
               ["", "лицо, которому дано право подписывать должностную инструкцию)"],
               ["", "(подпись)"]]),
        *[P(line) for line in BODY],
    ]))
    doc = _first(path)
    assert doc.title is not None and ")" not in doc.title
    assert doc.position == "ЛАБОРАНТА"


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_sentence_about_the_document_is_not_the_title(tmp_path: Path, suffix: str) -> None:
    lines = [
        "УТВЕРЖДАЮ",
        "(директор или иное лицо, которое подписывает",
        "инструкцию)",
        "Должностная инструкция",
        "лаборанта 3-го разряда",
        "Настоящая должностная инструкция составлена и утверждена на",
        "основании трудового договора с лаборантом.",
        *BODY,
    ]
    text = "\n".join(lines) + "\n"
    path = tmp_path / f"d.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text_to_docx(text))
    doc = _first(path)
    assert doc.title == "Должностная инструкция"
    assert doc.position == "лаборанта 3-го разряда"


# The approval stamp and the title in one paragraph, or the approver's column read across the
# title line: the title and the position are still read, the approver never becomes the post.
STAMP_HEADS = [
    (["УТВЕРЖДАЮ Заведующий лабораторией ____________ П.С. Сидоров «__» ______ 20__ г. "
      "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ лаборанта"], "лаборанта"),
    (["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ лаборанта УТВЕРЖДАЮ Заведующий лабораторией"], "лаборанта"),
    (["ООО «Опыт»", "УТВЕРЖДАЮ", "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ Заведующий Ф. И. О.",
      "Старшего лаборанта", "(подпись)"], "Старшего лаборанта"),
    (["УТВЕРЖДАЮ", "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ Заведующий И.И. Петров", "лаборанта"], "лаборанта"),
]


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize(("head", "position"), STAMP_HEADS)
def test_stamp_and_title_on_the_same_lines(tmp_path: Path, suffix: str, head: list[str],
                                           position: str) -> None:
    text = "\n".join(head + BODY) + "\n"
    path = tmp_path / f"d.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text_to_docx(text))
    doc = _first(path)
    assert doc.title is not None and "ИНСТРУКЦИЯ" in doc.title
    assert doc.position == position


def test_stamp_and_title_in_one_table_cell(tmp_path: Path) -> None:
    path = tmp_path / "d.docx"
    path.write_bytes(build_docx([
        Table([["", "УТВЕРЖДАЮ Заведующий лабораторией П.С. Сидоров ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ "
                    "лаборанта"]]),
        *[P(line) for line in BODY],
    ]))
    assert _first(path).position == "лаборанта"
