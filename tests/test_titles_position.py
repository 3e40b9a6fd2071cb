"""The position an instruction is for, read from its heading (structure layer), and the title
checks built on it: never the approver's caption under "УТВЕРЖДАЮ", also when the approval
block is laid out in a Word table (DOCX generated at test time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.core.model import Document
from jdlint.engine.pipeline import Settings, analyse_file
from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx

BODY = [
    "I. Общие положения",
    "1. Кладовщик относится к категории технических исполнителей.",
    "2. На должность кладовщика назначается лицо со средним образованием.",
    "II. Должностные обязанности",
    "1. Принимает товар на склад.",
    "2. Координирует деятельность грузчиков и товароведа.",
    "III. Права",
    "1. Требовать исправное оборудование.",
    "IV. Ответственность",
    "1. Кладовщик несет ответственность за сохранность товара.",
]

# The heading of a legal-database template: the post in the genitive on the line BEFORE the
# title, then the approval stamp with its captions (prompts, not names).
HEAD = [
    "ИНСТРУКЦИЯ",
    "КЛАДОВЩИКА",
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
    "УТВЕРЖДАЮ",
    "(наименование органа, утверждающего инструкцию;",
    "лицо, уполномоченное утверждать",
    "должностную инструкцию)",
    "(подпись)",
]


def _first(path: Path) -> Document:
    fa = analyse_file(path, Settings())
    docs = [d for d in fa.documents if d.classification == "instruction"]
    assert docs
    return docs[0]


def test_genitive_line_before_title_is_the_position(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("\n".join(HEAD + BODY) + "\n", encoding="utf-8")
    assert _first(path).position == "КЛАДОВЩИКА"


def test_caption_under_approval_is_never_the_position(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    lines = ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "УТВЕРЖДАЮ", "(директор; иное должностное лицо,",
             "уполномоченное утверждать инструкцию)", *BODY]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    position = _first(path).position
    assert position is None or "(" not in position


def test_position_in_docx_with_approval_table(tmp_path: Path) -> None:
    path = tmp_path / "d.docx"
    path.write_bytes(build_docx([
        P("ИНСТРУКЦИЯ"), P("КЛАДОВЩИКА"), P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"),
        Table([["", "УТВЕРЖДАЮ"], ["", "(наименование органа, утверждающего инструкцию;"],
               ["", "(подпись)"]]),
        *[P(line) for line in BODY],
    ]))
    assert _first(path).position == "КЛАДОВЩИКА"


def test_title_rest_after_a_web_page_title(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    lines = ["Должностная инструкция для кладовщика. Скачать образец", *BODY]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _first(path).position == "кладовщика"


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_template_heading_gives_no_title_findings(tmp_path: Path, suffix: str) -> None:
    """Colleagues named as objects ("координирует деятельность товароведа") and the approval
    caption are not other names of the position."""
    from click.testing import CliRunner

    from jdlint.cli import cli

    text = "\n".join(HEAD + BODY) + "\n"
    path = tmp_path / f"d.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text_to_docx(text))
    result = CliRunner().invoke(cli, ["check", "--select", "JD107,JD108", str(path)],
                                catch_exceptions=False)
    assert "JD107" not in result.output and "JD108" not in result.output, result.output


def test_company_line_is_skipped_but_a_post_of_a_company_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("\n".join(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "ООО «Северный склад»",
                               "кладовщика", *BODY]) + "\n", encoding="utf-8")
    assert _first(path).position == "кладовщика"
    path.write_text("\n".join(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "кладовщика ООО «Северный склад»",
                               *BODY]) + "\n", encoding="utf-8")
    assert _first(path).position == "кладовщика ООО «Северный склад»"
