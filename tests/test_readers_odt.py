"""ODT reader: paragraphs, headings, list numbering rebuilt from the list styles, tables,
headers and footers, tracked changes; the format chosen by content. Inputs are written at test
time by jdlint.testing.odtbuild (Russian and Lithuanian text of our own)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli as main
from jdlint.core.errors import InputError
from jdlint.core.model import RawDocument
from jdlint.readers import read_bytes, read_path
from jdlint.run.scan import scan
from jdlint.testing.odtbuild import (
    bullet_style,
    heading,
    number_style,
    odt_bytes,
    olist,
    para,
)

DECIMAL2 = number_style("L1", [{"num-format": "1", "num-suffix": "."},
                               {"num-format": "1", "num-suffix": ".", "display-levels": "2"}])


def labels(raw: RawDocument) -> list[tuple[str | None, str]]:
    return [(b.auto_number, b.text) for b in raw.blocks]


def read(data: bytes, name: str = "instrukcija.odt") -> RawDocument:
    return read_bytes(data, Path(name), name)


def test_nested_list_continued_after_a_plain_paragraph_ru() -> None:
    body = (
        olist([para("Общие положения")], "L1", xml_id="A")
        + olist([olist([para("Специалист подчиняется директору."),
                        para("Специалист назначается приказом.")])],
                "L1", continue_numbering="true")
        + para("а) высшее образование;")
        + olist([olist([para("Специалист должен знать:")])], "L1", continue_numbering="true")
        + olist([para("Должностные обязанности")], "L1", continue_numbering="true")
        + olist([olist([para("Ведёт учёт кадров.")])], "L1", continue_numbering="true")
    )
    raw = read(odt_bytes(body, styles=DECIMAL2))
    assert raw.format == "odt"
    assert labels(raw) == [
        ("1.", "Общие положения"),
        ("1.1.", "Специалист подчиняется директору."),
        ("1.2.", "Специалист назначается приказом."),
        (None, "а) высшее образование;"),
        ("1.3.", "Специалист должен знать:"),
        ("2.", "Должностные обязанности"),
        ("2.1.", "Ведёт учёт кадров."),
    ]
    assert [b.list_level for b in raw.blocks] == [0, 1, 1, None, 1, 0, 1]


def test_a_list_without_continue_restarts_and_continue_list_follows_the_id_lt() -> None:
    body = (
        olist([para("Bendrosios nuostatos"), para("Funkcijos")], "L1", xml_id="first")
        + olist([para("punktas a"), para("punktas b")], "L2", xml_id="other")
        + olist([para("Atsakomybė")], "L1")
        + olist([para("Teisės")], "L1", continue_list="first")
    )
    styles = DECIMAL2 + number_style("L2", [{"num-format": "a", "num-prefix": "(",
                                             "num-suffix": ")"}])
    raw = read(odt_bytes(body, styles=styles))
    assert labels(raw) == [
        ("1.", "Bendrosios nuostatos"), ("2.", "Funkcijos"),
        ("(a)", "punktas a"), ("(b)", "punktas b"),
        ("1.", "Atsakomybė"),
        ("3.", "Teisės"),
    ]


def test_start_values_roman_letters_and_bullets() -> None:
    styles = (number_style("R", [{"num-format": "I", "num-suffix": "."},
                                 {"num-format": "a", "num-suffix": ")", "start-value": "3"}])
              + bullet_style("B", "–"))
    body = (
        olist([(para("SKYRIUS"), "4"), para("SKYRIUS"),
               olist([para("pirmas"), para("antras")])], "R")
        + olist([para("punktas"), para("kitas")], "B")
    )
    raw = read(odt_bytes(body, styles=styles))
    assert labels(raw) == [("IV.", "SKYRIUS"), ("V.", "SKYRIUS"), ("c)", "pirmas"),
                           ("d)", "antras"), ("–", "punktas"), ("–", "kitas")]


def test_headings_take_outline_numbering_and_levels() -> None:
    outline = number_style("Outline", [{"num-format": "1", "num-suffix": "."},
                                       {"num-format": "1", "display-levels": "2"}],
                           tag="text:outline-style")
    body = (heading("Общие положения", 1) + heading("Цель", 2) + para("Текст.")
            + heading("Содержание", 1, is_list_header="true") + heading("Права", 1))
    raw = read(odt_bytes(body, styles=outline))
    assert labels(raw) == [("1.", "Общие положения"), ("1.1", "Цель"), (None, "Текст."),
                           (None, "Содержание"), ("2.", "Права")]
    assert [b.heading_level for b in raw.blocks] == [1, 2, None, 1, 1]


def test_table_cells_in_reading_order_with_locations() -> None:
    table = (
        '<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>'
        "<table:table-row><table:table-cell>" + para("УТВЕРЖДАЮ") + "</table:table-cell>"
        "<table:table-cell>" + para("Директор") + para("И.И. Иванов") + "</table:table-cell>"
        "</table:table-row><table:table-row><table:table-cell>" + para("2.1.")
        + "</table:table-cell><table:table-cell>" + para("Ведёт учёт.")
        + "</table:table-cell></table:table-row></table:table>"
    )
    raw = read(odt_bytes(para("Вступление") + table + para("После")))
    assert [(b.text, b.kind, b.source.cell, b.source.paragraph) for b in raw.blocks] == [
        ("Вступление", "paragraph", None, 1),
        ("УТВЕРЖДАЮ", "cell", (1, 1, 1), 2),
        ("Директор", "cell", (1, 1, 2), 3),
        ("И.И. Иванов", "cell", (1, 1, 2), 4),
        ("2.1. Ведёт учёт.", "cell", (1, 2, 2), 6),  # the number cell joined to its text
        ("После", "paragraph", None, 7),
    ]


def test_header_and_footer_apart_and_text_details() -> None:
    master = ('<style:master-page style:name="Standard"><style:header>'
              + para("ООО «Ромашка»") + "</style:header><style:footer>"
              + para("Страница 1") + "</style:footer></style:master-page>")
    body = ('<text:p>Работник\u00a0обязан со\u00adблюдать<text:s text:c="3"/>правила'
            "<text:tab/>и<text:line-break/>инструкции</text:p>")
    raw = read(odt_bytes(body, master=master))
    assert [b.text for b in raw.headers] == ["ООО «Ромашка»"]
    assert [b.text for b in raw.footers] == ["Страница 1"]
    assert [(b.raw, b.text, b.source.subline) for b in raw.blocks] == [
        ("Работник\u00a0обязан со\u00adблюдать   правила\tи",
         "Работник обязан соблюдать правила и", 1),
        ("инструкции", "инструкции", 2)]


def test_tracked_changes_deleted_text_dropped_inserted_kept_and_flagged() -> None:
    tracked = (
        '<text:tracked-changes><text:changed-region xml:id="c1" text:id="c1"><text:insertion>'
        "<office:change-info><dc:creator>A</dc:creator></office:change-info></text:insertion>"
        '</text:changed-region><text:changed-region xml:id="c2" text:id="c2"><text:deletion>'
        "<office:change-info><dc:creator>A</dc:creator></office:change-info>"
        + para("ištrintas tekstas") + "</text:deletion></text:changed-region>"
        "</text:tracked-changes>"
    )
    body = (para("Darbuotojas privalo:")
            + '<text:p>vykdyti <text:change-start text:change-id="c1"/>nurodymus'
              '<text:change-end text:change-id="c1"/><text:change text:change-id="c2"/>.</text:p>')
    raw = read(odt_bytes(body, tracked=tracked))
    assert [b.text for b in raw.blocks] == ["Darbuotojas privalo:", "vykdyti nurodymus."]
    assert (raw.revisions.insertions, raw.revisions.deletions) == (1, 1)
    assert raw.revisions.blocks == (1,)


def test_content_decides_not_the_name(tmp_path: Path) -> None:
    data = odt_bytes(para("Должностная инструкция"), mimetype_first=False)
    file = tmp_path / "instrukcija.docx"
    file.write_bytes(data)
    raw = read_path(file)
    assert raw.format == "odt"
    assert [b.text for b in raw.blocks] == ["Должностная инструкция"]


def test_encrypted_and_foreign_opendocument() -> None:
    manifest = (b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                b'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                b"<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
    data = odt_bytes(para("x"), extra={"META-INF/manifest.xml": manifest})
    with pytest.raises(InputError, match=r"password-protected .*OpenDocument"):
        read(data)


def test_folder_scan_takes_every_format_of_the_table(tmp_path: Path) -> None:
    for name in ("a.odt", "b.doc", "c.docx", "d.txt", "e.png", "f.DOT"):
        (tmp_path / name).write_bytes(b"x")
    found = scan([str(tmp_path)])
    files, problems = found.files, found.problems
    assert sorted(Path(str(f)).name for f in files) == ["a.odt", "b.doc", "c.docx", "d.txt",
                                                        "f.DOT"]
    assert problems == []


def test_check_and_show_report_the_format(tmp_path: Path) -> None:
    sections = {
        "Общие положения": ["Бухгалтер относится к категории специалистов.",
                            "Бухгалтер подчиняется главному бухгалтеру."],
        "Должностные обязанности": ["Ведёт учёт расчётов с поставщиками.",
                                    "Составляет отчёты о движении денежных средств."],
        "Права": ["Запрашивать у подразделений документы для учёта."],
        "Ответственность": ["За ненадлежащее исполнение обязанностей — в пределах, "
                            "определённых трудовым законодательством."],
    }
    body = para("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ") + para("бухгалтера")
    for heading_text, items in sections.items():
        body += olist([para(heading_text), olist([para(t) for t in items])], "L1",
                      continue_numbering="true")
    file = tmp_path / "buhgalter.odt"
    file.write_bytes(odt_bytes(body, styles=DECIMAL2))
    runner = CliRunner()
    out = runner.invoke(main, ["check", str(file), "--output-format", "json", "--no-cache"])
    assert json.loads(out.output)["files"][0]["format"] == "odt"
    shown = runner.invoke(main, ["show", str(file), "--output-format", "json"])
    entry = json.loads(shown.output)["files"][0]
    assert entry["format"] == "odt"
    numbers = [c["number"] for d in entry["documents"] for s in d["sections"]
               for c in s["clauses"]]
    assert "1.1" in numbers
    text = runner.invoke(main, ["show", str(file)]).output
    assert text.splitlines()[0] == f"{file} (odt)"
