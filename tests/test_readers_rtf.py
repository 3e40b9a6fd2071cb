"""RTF reader: encodings, list labels, tables, headers/footers and skipped destinations.

Inputs are written at test time by :mod:`jdlint.testing.rtfbuild` (or by hand where a test is
about one construct), in Russian (CP1251 escapes, ``\\uN`` escapes) and Lithuanian (CP1257).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.core.model import NOTE_KINDS, RawDocument
from jdlint.readers import read_bytes, read_path
from jdlint.readers.rtf import read_rtf
from jdlint.run.scan import scan
from jdlint.testing.docxbuild import P, Table, text_to_docx
from jdlint.testing.rtfbuild import build_rtf, text_to_rtf

ROOT = Path(__file__).resolve().parents[1]

RU_ITEMS: list[P | Table] = [
    Table([["", "УТВЕРЖДАЮ\nДиректор ООО «Ромашка»\n________ П.П. Петров"]]),
    P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", style="Heading 1"),
    P("кладовщика склада"),
    P("Общие положения", num_level=0),
    P("Кладовщик относится к категории рабочих.", num_level=1),
    P("Кладовщик подчиняется заведующему складом.", num_level=1),
    P("Кладовщик должен знать:", num_level=1),
    P("правила приёмки товара;", bullet=True),
    P("Должностные обязанности", num_level=0),
    P("Принимает товар на склад.", num_level=1),
]
LT_TEXT = ("PAREIGYBĖS APRAŠYMAS\n1. Bendrosios nuostatos\n"
           "1.1. Sandėlininkas priklauso darbininkų grupei.\n"
           "1.2. Sandėlininkas pavaldus sandėlio vedėjui.\n"
           "2. Funkcijos\n2.1. Priima ir išduoda prekes, tikrina jų kiekį ir kokybę.\n"
           "- žino ąčęėįšųūž ĄČĘĖĮŠŲŪŽ.\n")


def labelled(raw: RawDocument) -> list[tuple[str | None, str]]:
    """The body's blocks (footnotes and shapes' text come after it, apart)."""
    return [(b.auto_number, b.text) for b in raw.blocks if b.kind not in NOTE_KINDS]


def test_russian_cp1251_lists_table_headers() -> None:
    data = build_rtf(RU_ITEMS, header="ООО «Ромашка» — склад", footer="Страница 1")
    assert b"\\'" in data and not any(b > 127 for b in data)  # escapes only, as Word writes
    raw = read_rtf(data, None, "склад.rtf")
    assert raw.format == "rtf"
    cells = [(b.text, b.kind, b.source.cell) for b in raw.blocks if b.kind == "cell"]
    assert cells == [("УТВЕРЖДАЮ", "cell", (1, 1, 2)),
                     ("Директор ООО «Ромашка»", "cell", (1, 1, 2)),
                     ("________ П.П. Петров", "cell", (1, 1, 2))]
    body = [b for b in raw.blocks if b.kind == "paragraph"]
    assert [(b.auto_number, b.text) for b in body] == [
        (None, "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"), (None, "кладовщика склада"),
        ("1.", "Общие положения"), ("1.1.", "Кладовщик относится к категории рабочих."),
        ("1.2.", "Кладовщик подчиняется заведующему складом."),
        ("1.3.", "Кладовщик должен знать:"), ("•", "правила приёмки товара;"),
        ("2.", "Должностные обязанности"), ("2.1.", "Принимает товар на склад.")]
    assert body[0].heading_level == 1 and body[0].style == "heading 1"
    assert body[3].list_level == 1 and body[3].list_id == "1"
    # NOTE: headers and footers are apart, never in the body's reading order
    assert [b.text for b in raw.headers] == ["ООО «Ромашка» — склад"]
    assert [b.text for b in raw.footers] == ["Страница 1"]
    assert [b.source.paragraph for b in body[:2]] == [5, 6]  # an empty cell and three more first


@pytest.mark.parametrize("encoding", ["unicode", "raw"])
def test_unicode_and_raw_bytes_read_as_the_escapes(encoding: Any) -> None:
    hexed = read_rtf(build_rtf(RU_ITEMS), None, "a.rtf")
    other = read_rtf(build_rtf(RU_ITEMS, encoding=encoding), None, "b.rtf")
    assert labelled(other) == labelled(hexed)


def test_lithuanian_cp1257() -> None:
    raw = read_rtf(text_to_rtf(LT_TEXT, codec="cp1257"), None, "lt.rtf")
    assert labelled(raw)[:3] == [(None, "PAREIGYBĖS APRAŠYMAS"), ("1.", "Bendrosios nuostatos"),
                                 ("1.1.", "Sandėlininkas priklauso darbininkų grupei.")]
    assert labelled(raw)[-1] == ("-", "žino ąčęėįšųūž ĄČĘĖĮŠŲŪŽ.")


def test_font_charset_wins_over_ansi_code_page() -> None:
    # a Western (1252) document whose body font is Cyrillic: the bytes are CP1251
    data = build_rtf([P("Должностная инструкция")], codec="cp1252", font_codec="cp1251")
    assert b"\\ansicpg1252" in data
    assert labelled(read_rtf(data, None, "x.rtf")) == [(None, "Должностная инструкция")]
    baltic = build_rtf([P("Pareigybės aprašymas")], codec="cp1251", font_codec="cp1257")
    assert labelled(read_rtf(baltic, None, "x.rtf")) == [(None, "Pareigybės aprašymas")]


def test_unicode_fallback_surrogates_and_uc() -> None:
    data = (b"{\\rtf1\\ansi\\ansicpg1251\\uc1 \\u1044?\\u1086?\\u-10179?\\u-8704?"
            b"{\\uc2\\u1083\\'e4\\'e4}\\u1078\\'e6\\par}")
    assert labelled(read_rtf(data, None, "u.rtf")) == [(None, "До\U0001f600лж")]


def test_destinations_hidden_and_revisions() -> None:
    data = (b"{\\rtf1\\ansi\\ansicpg1251{\\info{\\title \\'d2\\'e8\\'f2\\'f3\\'eb}}"
            b"{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Writer;}"
            b"\\pard Visible{\\*\\bkmkstart b1}{\\v hidden words} text"
            b"{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt  shown}}"
            b"{\\pict\\wmetafile8 0123456789abcdef\r\n0123}{\\footnote note text}"
            b"{\\*\\annotation comment text}{\\deleted gone}{\\revised  added}\\par}")
    raw = read_rtf(data, None, "d.rtf")
    assert labelled(raw) == [(None, "Visible text shown added")]
    assert [(b.text, b.source.note) for b in raw.blocks[1:]] == [("note text", ("footnote", 1))]
    assert (raw.revisions.comments, raw.revisions.deletions, raw.revisions.insertions) == (1, 1, 1)


def test_bin_data_with_braces_is_skipped() -> None:
    data = b"{\\rtf1 before{\\pict\\bin7 {{\\}x\\ }after\\par}"
    assert labelled(read_rtf(data, None, "b.rtf")) == [(None, "beforeafter")]


def test_pntext_labels_of_older_files() -> None:
    data = (b"{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0\\fcharset204 Arial;}}"
            b"{\\pntext\\pard\\plain\\f0 2.1.\\tab}\\pard{\\*\\pn \\pnlvlbody\\ls1\\pndec"
            b"{\\pntxtb 1.}}\\ls1 \\'d2\\'e5\\'ea\\'f1\\'f2\\par}")
    raw = read_rtf(data, None, "p.rtf")
    assert labelled(raw) == [("2.1.", "Текст")]
    assert raw.blocks[0].list_id == "1"


def test_nested_table_cells_keep_the_outer_location() -> None:
    data = (b"{\\rtf1 \\pard\\intbl outer\\cell\\pard\\intbl\\itap2 inner\\nestcell"
            b"{\\*\\nesttableprops\\trowd\\cellx100\\nestrow}{\\nonesttables \\par}"
            b"\\pard\\intbl\\itap1 \\cell\\trowd\\cellx100\\cellx200\\row\\pard after\\par}")
    raw = read_rtf(data, None, "n.rtf")
    assert [(b.text, b.source.cell) for b in raw.blocks] == [
        ("outer", (1, 1, 1)), ("inner", (1, 1, 2)), ("after", None)]


def test_number_cell_and_text_cell_are_one_clause() -> None:
    raw = read_rtf(build_rtf([Table([["2.1.", "Принимает товар."]])]), None, "t.rtf")
    assert [b.text for b in raw.blocks] == ["2.1. Принимает товар."]


def test_line_breaks_tabs_and_special_characters() -> None:
    data = (b"{\\rtf1 one\\line two\\tab three\\~four\\_five\\-six\\emdash "
            b"\\ldblquote q\\rdblquote\\par}")
    raw = read_rtf(data, None, "l.rtf")
    assert [(b.text, b.source.subline) for b in raw.blocks] == [
        ("one", 1), ("two three four-fivesix\u2014\u201cq\u201d", 2)]


def test_rtf_content_wins_over_the_name(tmp_path: Path) -> None:
    named = tmp_path / "instrukcija.docx"
    named.write_bytes(text_to_rtf(LT_TEXT, codec="cp1257"))
    assert read_path(named).format == "rtf"
    assert read_bytes(named.read_bytes(), None, "-").format == "rtf"
    (tmp_path / "instrukcija.rtf").write_bytes(named.read_bytes())
    (tmp_path / "instrukcija.bak").write_bytes(b"not taken")
    found = scan([str(tmp_path)])
    assert (found.files, found.problems) == ([named, tmp_path / "instrukcija.rtf"], [])


def _findings(path: Path) -> tuple[str, Counter[tuple[str, str | None]]]:
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "--no-cache",
                                      str(path)], catch_exceptions=False)
    entry = json.loads(result.stdout)["files"][0]
    assert entry["error"] is None
    return entry["format"], Counter((f["code"], f["location"]["clause"])
                                    for f in entry["findings"])


@pytest.mark.parametrize(("name", "codec"), [
    ("ru/ru_hr_clean.txt", "cp1251"), ("ru/ru_driver_courier_defects.txt", "cp1251"),
    ("lt/lt_sales_clean.txt", "cp1257"), ("lt/lt_civil_service_finance.txt", "cp1257"),
])
def test_same_findings_as_docx(tmp_path: Path, name: str, codec: str) -> None:
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    rtf, docx = tmp_path / "a.rtf", tmp_path / "a.docx"
    rtf.write_bytes(text_to_rtf(text, codec=codec))
    docx.write_bytes(text_to_docx(text))
    fmt, found = _findings(rtf)
    assert fmt == "rtf"
    assert found == _findings(docx)[1]


LIBREOFFICE = shutil.which("soffice")
# NOTE: files LibreOffice itself numbers differently from Word's model of the same DOCX (its
# RTF export writes its own labels into \listtext, e.g. "6.7." where Word shows "1.7."):
# the RTF is read as written, so these are left out of the comparison.
_LO_NUMBERS_DIFFER = ("ru_office_manager_defects", "ru_warehouse_defects")


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_rtf_of_the_corpus_gets_the_docx_findings(tmp_path: Path) -> None:
    docs = [p for p in sorted((ROOT / "corpus").glob("*/*.docx"))
            if not p.name.startswith(_LO_NUMBERS_DIFFER)]
    assert len(docs) >= 10
    subprocess.run([str(LIBREOFFICE), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "rtf", "--outdir", str(tmp_path),
                    *map(str, docs)], check=True, capture_output=True, timeout=600)
    for docx in docs:
        rtf = tmp_path / f"{docx.stem}.rtf"
        fmt, found = _findings(rtf)
        assert fmt == "rtf"
        assert found == _findings(docx)[1], docx.name
