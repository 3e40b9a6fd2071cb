"""Text Word shows inside a paragraph but jdlint did not read (issue 18 item 8): ruby base text
(the guide above it is left out) and the text of equations (Office Math). A fine hidden in
either is still found by JD201."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.readers import read_bytes
from jdlint.testing.docxbuild import xml_docx

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


HEAD = "".join(_p(_r(t)) for t in (
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "кладовщика", "1. Общие положения",
    "1.1. Кладовщик относится к категории рабочих.",
    "1.2. Кладовщик руководствуется Трудовым кодексом Российской Федерации.",
    "2. Должностные обязанности", "2.1. Принимает товар на склад.", "3. Права",
    "3.1. Запрашивать информацию.", "4. Ответственность"))
RUBY = ("<w:r><w:ruby><w:rt>" + _r("shtraf") + "</w:rt><w:rubyBase>" + _r("штраф")
        + "</w:rubyBase></w:ruby></w:r>")
MATH = (f'<m:oMath xmlns:m="{M_NS}"><m:r><m:t>штраф</m:t></m:r><m:r><m:t>=500</m:t></m:r>'
        "</m:oMath>")


def _blocks(body: str) -> list[str]:
    return [b.text for b in read_bytes(xml_docx(body), None, "d.docx").blocks]


def test_ruby_base_text_is_read_and_the_guide_is_not() -> None:
    texts = _blocks(_p(_r("4.1. За опоздание налагается ") + RUBY + _r(".")))
    assert texts == ["4.1. За опоздание налагается штраф."]


def test_equation_text_is_read_in_its_paragraph() -> None:
    texts = _blocks(_p(_r("4.1. За опоздание налагается ") + MATH + _r(" руб.")))
    assert texts == ["4.1. За опоздание налагается штраф=500 руб."]


def _codes(tmp_path: Path, body: str) -> set[str]:
    path = tmp_path / "d.docx"
    path.write_bytes(xml_docx(body))
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--select", "JD201",
                                      "--output-format", "json", str(path)])
    return {f["code"] for f in json.loads(result.output)["files"][0]["findings"]}


def test_fine_in_ruby_or_equation_is_found(tmp_path: Path) -> None:
    for inner in (RUBY, MATH):
        body = HEAD + _p(_r("4.1. За опоздание на кладовщика налагается ") + inner + _r("."))
        assert _codes(tmp_path, body) == {"JD201"}
