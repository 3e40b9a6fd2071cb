"""Issue 18 item 8: footnotes, endnotes and text boxes are read and linted with their own
locations ("сноска 1", "išnaša 1", "text box 1"), in DOCX, ODT and RTF built here, without
changing the body's text, clauses or structure findings; bounded like the body.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from jdlint.cache_codec import EntryError, decode, encode
from jdlint.cli import cli
from jdlint.errors import InputError
from jdlint.model import NOTE_KINDS, Finding
from jdlint.pipeline import Settings, analyse_file, lint_file
from jdlint.readers.docx import read_docx
from jdlint.registry import load_rules
from jdlint.results import FileResult
from jdlint.testing.docxbuild import xml_docx
from jdlint.testing.odtbuild import odt_bytes
from jdlint.testing.rtfbuild import escape, text_to_rtf

RULES = list(load_rules().values())
MARK = "@MARK@"  # where a test puts a note's reference mark or a text box

RU = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.@BOX@
1.2. Кладовщик подчиняется заведующему складом.
2. Должностные обязанности
2.1. Принимает товар на склад по накладным.
2.2. Ведет учет остатков товара на складе.
3. Права
3.1. Запрашивать информацию, необходимую для выполнения обязанностей.
4. Ответственность
4.1. Кладовщик несет ответственность за ненадлежащее исполнение обязанностей.@MARK@
4.2. Кладовщик несет ответственность за причинение материального ущерба в пределах, \
установленных трудовым законодательством."""

LT = """UAB „Medis“
SANDĖLININKO PAREIGYBĖS APRAŠYMAS
I SKYRIUS
BENDROSIOS NUOSTATOS
1. Sandėlininkas yra darbininkų grupei priskiriama pareigybė.@BOX@
2. Sandėlininkas pavaldus sandėlio vedėjui.
II SKYRIUS
SPECIALŪS REIKALAVIMAI
3. Darbuotojas turi turėti vidurinį išsilavinimą.
III SKYRIUS
FUNKCIJOS
4. Sandėlininkas priima prekes į sandėlį.
5. Sandėlininkas tvarko prekių likučių apskaitą.
IV SKYRIUS
ATSAKOMYBĖ
6. Sandėlininkas atsako už savo funkcijų vykdymą.@MARK@"""

BODY = {"ru": RU, "lt": LT}
FINE = {"ru": "За каждое опоздание на работу кладовщику начисляется штраф 500 рублей.",
        "lt": "Už kiekvieną vėlavimą į darbą darbuotojui skiriama bauda."}
LAWFUL = {"ru": "Дисциплинарные взыскания применяются в порядке, установленном статьей 193 "
                "Трудового кодекса Российской Федерации.",
          "lt": "Darbo pareigų pažeidimo pasekmės nustatytos Darbo kodekso 58 straipsnyje."}
BLANK = {"ru": "Подчиняется [указать должность].", "lt": "Pavaldus [įrašyti pareigas]."}
FILLED = {"ru": "Склад № 2", "lt": "Sandėlis Nr. 2"}
# The paragraph of the mark: RU "4.1." is paragraph 12, LT "6." is paragraph 16.
MARK_PARA = {"ru": 12, "lt": 16}
MARK_CLAUSE = {"ru": "4.1", "lt": "6"}

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _w_p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{_x(text)}</w:t></w:r></w:p>'


def _ref(kind: str, note_id: int) -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return (f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
            f'<w:{kind}Reference w:id="{note_id}"/></w:r>')


def _notes_part(kind: str, notes: dict[int, str]) -> str:
    """footnotes.xml / endnotes.xml with Word's separators (ids -1 and 0) and ``notes``."""
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             f"</w:{kind}>",
             f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
             f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"]
    for note_id, text in notes.items():
        items.append(f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{ref}/></w:r><w:r>'
                     f'<w:t xml:space="preserve"> {_x(text)}</w:t></w:r></w:p></w:{kind}>')
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s {W_NS}>{"".join(items)}</w:{kind}s>'


def alternate_box(text: str) -> str:
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text again as VML
    in mc:Fallback."""
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + _w_p(text)
            + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
            + _w_p(text) + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>")


def vml_box(inner: str) -> str:
    """A text box as older Word writes it: VML only (``inner`` is its paragraphs' XML)."""
    return f"<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>" \
           "</v:textbox></v:shape></w:pict></w:r>"


def docx_of(body: str, mark: str = "", box: str = "", parts: dict[str, str] | None = None
            ) -> bytes:
    """``body`` as DOCX paragraphs, ``mark`` XML put in the paragraph of MARK and ``box`` in
    the one of @BOX@ (each inside the paragraph, after its text)."""
    xml = []
    for line in body.splitlines():
        extra = mark if MARK in line else box if "@BOX@" in line else ""
        text = line.replace(MARK, "").replace("@BOX@", "")
        xml.append(f'<w:p><w:r><w:t xml:space="preserve">{_x(text)}</w:t></w:r>{extra}</w:p>')
    return xml_docx("".join(xml), parts)


def footnote_docx(lang: str, text: str, kind: str = "footnote") -> bytes:
    return docx_of(BODY[lang], mark=_ref(kind, 2),
                   parts={f"{kind}s.xml": _notes_part(kind, {2: text})})


def lint(tmp_path: Path, data: bytes, suffix: str = "docx") -> FileResult:
    path = tmp_path / f"doc.{suffix}"
    path.write_bytes(data)
    result = lint_file(path, RULES, Settings())
    assert result.error is None, result.error
    return result


def on_notes(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if f.source.note is not None]


def body_of(result: FileResult) -> list[str]:
    raw = result.documents[0].raw
    return [b.display_text for b in raw.blocks if b.kind not in NOTE_KINDS]


# --------------------------------------------------------------------------- DOCX footnotes
@pytest.mark.parametrize(("lang", "where"), [("ru", "сноска 1 (абз. 12)"),
                                             ("lt", "išnaša 1 (pastr. 16)")])
def test_docx_fine_in_a_footnote_is_jd201_at_the_footnote(tmp_path: Path, lang: str,
                                                         where: str) -> None:
    result = lint(tmp_path, footnote_docx(lang, FINE[lang]))
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD201", ("footnote", 1))]
    fine = found[0]
    assert fine.source.describe(lang) == where
    assert fine.source.describe("en") == f"footnote 1 (para {MARK_PARA[lang]})"
    assert fine.source.paragraph == MARK_PARA[lang] and fine.clause == MARK_CLAUSE[lang]
    assert FINE[lang].split()[-1].rstrip(".") in fine.excerpt
    # the mark glued nothing to the body: the paragraph ends with its own words
    assert body_of(result) == [ln.replace(MARK, "").replace("@BOX@", "")
                               for ln in BODY[lang].splitlines()]


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_docx_lawful_footnote_gives_nothing(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, footnote_docx(lang, LAWFUL[lang]))
    assert on_notes(result) == []
    assert [b.text for b in result.documents[0].raw.blocks if b.kind == "footnote"] == [
        LAWFUL[lang]]


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_notes_change_no_structure_and_no_body_finding(tmp_path: Path, lang: str) -> None:
    plain = lint(tmp_path, docx_of(BODY[lang]))
    noted = lint(tmp_path, docx_of(BODY[lang], mark=_ref("footnote", 2),
                                   box=alternate_box(FILLED[lang]),
                                   parts={"footnotes.xml": _notes_part("footnote",
                                                                       {2: LAWFUL[lang]})}))

    def outline(result: FileResult) -> list[tuple[str, str]]:
        return [(c.path, c.text) for c in result.documents[0].clauses()]

    assert outline(noted) == outline(plain) and len(outline(plain)) >= 6
    assert [s.kind for s in noted.documents[0].sections] == \
        [s.kind for s in plain.documents[0].sections]
    assert [(f.code, f.message, f.source) for f in noted.findings] == \
        [(f.code, f.message, f.source) for f in plain.findings]


def test_footnotes_numbered_in_mark_order_and_read_once(tmp_path: Path) -> None:
    # NOTE: Word numbers by the order of the marks, not by the ids; a note marked twice is
    # one note.
    marks = _ref("footnote", 7) + _ref("footnote", 3) + _ref("footnote", 7)
    part = _notes_part("footnote", {3: FINE["ru"], 7: LAWFUL["ru"], 9: FINE["ru"]})
    result = lint(tmp_path, docx_of(RU, mark=marks, parts={"footnotes.xml": part}))
    notes = [b for b in result.documents[0].raw.blocks if b.kind == "footnote"]
    assert [(b.source.note, b.text) for b in notes] == [
        (("footnote", 1), LAWFUL["ru"]), (("footnote", 2), FINE["ru"])]  # 9 is never marked
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("footnote", 2))]


@pytest.mark.parametrize(("lang", "where"), [("ru", "концевая сноска 1"),
                                             ("lt", "galinė išnaša 1")])
def test_docx_fine_in_an_endnote(tmp_path: Path, lang: str, where: str) -> None:
    result = lint(tmp_path, footnote_docx(lang, FINE[lang], kind="endnote"))
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD201", ("endnote", 1))]
    assert found[0].source.describe(lang).startswith(where)


# --------------------------------------------------------------------------- DOCX text boxes
@pytest.mark.parametrize(("lang", "where"), [("ru", "надпись 1 (абз. 4)"),
                                             ("lt", "teksto laukas 1 (pastr. 5)")])
def test_blank_in_a_text_box_is_found_once(tmp_path: Path, lang: str, where: str) -> None:
    result = lint(tmp_path, docx_of(BODY[lang], box=alternate_box(BLANK[lang])))
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD106", ("textbox", 1))]
    assert found[0].source.describe(lang) == where
    boxes = [b.text for b in result.documents[0].raw.blocks if b.kind == "textbox"]
    assert boxes == [BLANK[lang]]  # Choice read, Fallback not: once


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_blank_in_a_vml_text_box(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, docx_of(BODY[lang], box=vml_box(_w_p(BLANK[lang]))))
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD106", ("textbox", 1))]


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_filled_text_box_gives_nothing(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, docx_of(BODY[lang], box=alternate_box(FILLED[lang])))
    assert on_notes(result) == []


def test_nested_text_boxes_numbered_apart(tmp_path: Path) -> None:
    inner = vml_box(_w_p(BLANK["ru"]))
    outer = vml_box(f"<w:p><w:r><w:t>Склад</w:t></w:r>{inner}</w:p>")
    result = lint(tmp_path, docx_of(RU, box=outer))
    boxes = [(b.text, b.source.note, b.source.paragraph)
             for b in result.documents[0].raw.blocks if b.kind == "textbox"]
    assert sorted(boxes) == sorted([("Склад", ("textbox", 1), 4),
                                    (BLANK["ru"], ("textbox", 2), 4)])
    assert [f.source.note for f in on_notes(result)] == [("textbox", 2)]


# --------------------------------------------------------------------------- ODT
def _odt(lang: str, note: str, box: str, note_class: str = "footnote") -> bytes:
    paras = []
    for line in BODY[lang].splitlines():
        extra = ""
        if MARK in line:
            extra = (f'<text:note text:id="ftn1" text:note-class="{note_class}">'
                     "<text:note-citation>1</text:note-citation>"
                     f"<text:note-body><text:p>{_x(note)}</text:p>"
                     "</text:note-body></text:note>")
        elif "@BOX@" in line:
            extra = ('<draw:frame draw:name="Frame1"><draw:text-box>'
                     f"<text:p>{_x(box)}</text:p></draw:text-box></draw:frame>")
        text = line.replace(MARK, "").replace("@BOX@", "")
        paras.append(f"<text:p>{_x(text)}{extra}</text:p>")
    return odt_bytes("".join(paras))


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_odt_note_and_text_box(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, _odt(lang, FINE[lang], BLANK[lang]), "odt")
    assert sorted((f.code, f.source.note) for f in on_notes(result)) == [
        ("JD106", ("textbox", 1)), ("JD201", ("footnote", 1))]
    # the citation "1" is drawn by the writer, not glued to the clause's last word
    assert body_of(result) == [ln.replace(MARK, "").replace("@BOX@", "")
                               for ln in BODY[lang].splitlines()]


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_odt_lawful_note_and_filled_box(tmp_path: Path, lang: str) -> None:
    assert on_notes(lint(tmp_path, _odt(lang, LAWFUL[lang], FILLED[lang]), "odt")) == []


# --------------------------------------------------------------------------- RTF
_CODEC = {"ru": "cp1251", "lt": "cp1257"}


def _rtf(lang: str, note: str, box: str | None = None) -> bytes:
    codec = _CODEC[lang]
    data = text_to_rtf(BODY[lang], codec=codec)
    footnote = ("{\\super\\chftn}{\\footnote\\pard\\plain{\\super\\chftn} "
                + escape(note, codec) + "}")
    data = data.replace(MARK.encode(), footnote.encode("latin-1"))
    shape = ""
    if box is not None:
        shape = ("{\\shp{\\*\\shpinst\\shpleft0\\shptop0{\\sp{\\sn shapeType}{\\sv 202}}"
                 "{\\shptxt \\pard\\plain " + escape(box, codec) + "\\par}}"
                 "{\\shprslt{\\*\\do\\dobxcolumn{\\dptxbx{\\dptxbxtext " + escape(box, codec)
                 + "}}}}}")
    return data.replace(b"@BOX@", shape.encode("latin-1"))


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_rtf_footnote_and_shape_text(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, _rtf(lang, FINE[lang], BLANK[lang]), "rtf")
    assert sorted((f.code, f.source.note) for f in on_notes(result)) == [
        ("JD106", ("textbox", 1)), ("JD201", ("footnote", 1))]
    raw = result.documents[0].raw
    assert [b.text for b in raw.blocks if b.kind == "textbox"] == [BLANK[lang]]  # once
    assert all("@" not in t and not t.endswith(("1", "2")) for t in body_of(result))


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_rtf_lawful_footnote(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, _rtf(lang, LAWFUL[lang], FILLED[lang]), "rtf")
    assert on_notes(result) == []
    assert any(b.kind == "footnote" for b in result.documents[0].raw.blocks)


def test_rtf_endnote_with_ftnalt(tmp_path: Path) -> None:
    data = _rtf("ru", FINE["ru"]).replace(b"{\\footnote\\pard", b"{\\footnote\\ftnalt\\pard")
    result = lint(tmp_path, data, "rtf")
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("endnote", 1))]


# --------------------------------------------------------------------------- limits
def test_ten_thousand_footnotes_stay_within_limits(tmp_path: Path) -> None:
    count = 10_000
    marks = "".join(_ref("footnote", i) for i in range(1, count + 1))
    part = _notes_part("footnote", {i: f"Примечание {i}." for i in range(1, count + 1)})
    data = docx_of(RU, mark=marks, parts={"footnotes.xml": part})
    started = time.monotonic()
    result = lint(tmp_path, data)
    assert time.monotonic() - started < 60
    notes = [b for b in result.documents[0].raw.blocks if b.kind == "footnote"]
    assert len(notes) == count and notes[-1].source.note == ("footnote", count)


def test_too_many_footnotes_is_jd001(tmp_path: Path) -> None:
    count = 21_000
    marks = "".join(_ref("footnote", i) for i in range(1, count + 1))
    part = _notes_part("footnote", {i: "п." for i in range(1, count + 1)})
    with pytest.raises(InputError, match="document too long"):
        read_docx(docx_of(RU, mark=marks, parts={"footnotes.xml": part}), None, "x.docx")


def test_deeply_nested_text_boxes_are_jd001(tmp_path: Path) -> None:
    inner = _w_p("Склад")
    for _ in range(20):
        inner = f"<w:p>{vml_box(inner)}</w:p>"
    path = tmp_path / "deep.docx"
    path.write_bytes(docx_of(RU, box=vml_box(inner)))
    result = lint_file(path, RULES, Settings())
    assert result.error is not None and "text boxes nested more than 16" in result.error


# --------------------------------------------------------------------------- outputs
def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_json_and_sarif_carry_the_note(tmp_path: Path) -> None:
    path = tmp_path / "fn.docx"
    path.write_bytes(footnote_docx("ru", FINE["ru"]))
    data = json.loads(_cli("check", "--isolated", "--no-cache", "--select", "JD201",
                           "--output-format", "json", str(path)))
    [finding] = data["files"][0]["findings"]
    assert finding["location"]["note"] == {"kind": "footnote", "number": 1}
    assert finding["location"]["paragraph"] == 12
    sarif = json.loads(_cli("check", "--isolated", "--no-cache", "--select", "JD201",
                            "--output-format", "sarif", str(path)))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["note"] == {"kind": "footnote", "number": 1}
    text = _cli("check", "--isolated", "--no-cache", "--select", "JD201", str(path))
    assert "footnote 1 (para 12)" in text or "сноска 1 (абз. 12)" in text


def test_show_lists_notes_apart(tmp_path: Path) -> None:
    path = tmp_path / "fn.docx"
    path.write_bytes(docx_of(RU, mark=_ref("footnote", 2), box=alternate_box(BLANK["ru"]),
                             parts={"footnotes.xml": _notes_part("footnote", {2: FINE["ru"]})}))
    text = _cli("show", str(path))
    assert "footnote 1 (para 12): " + FINE["ru"][:40] in text
    assert "text box 1 (para 4): " + BLANK["ru"] in text
    shown = json.loads(_cli("show", "--output-format", "json", str(path)))
    notes = shown["files"][0]["notes"]
    assert [n["location"]["note"] for n in notes] == [["textbox", 1], ["footnote", 1]]
    analysis = analyse_file(path, Settings())
    assert all(FINE["ru"] not in c.text for c in analysis.documents[0].clauses())


def test_cache_entry_keeps_the_note(tmp_path: Path) -> None:
    result = lint(tmp_path, footnote_docx("ru", FINE["ru"]))
    entry = encode(result, "test")
    assert entry is not None
    back = decode(entry, "test")
    assert [f.source.note for f in back.findings if f.code == "JD201"] == [("footnote", 1)]
    forged = entry.replace(b'"note": ["footnote", 1]', b'"note": ["footnote", "1"]')
    assert forged != entry
    with pytest.raises(EntryError):
        decode(forged, "test")


# --------------------------------------------------------------------------- report copy
def comment_count(data: bytes) -> list[tuple[int, str]]:
    """(body paragraph number, comment text) of each comment (the test DOCX is minimal:
    python-docx will not open it)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(w + "body")
        comments = etree.fromstring(zf.read("word/comments.xml"))
    texts = {c.get(w + "id"): "\n".join("".join(t.text or "" for t in p.iter(w + "t"))
                                       for p in c.iter(w + "p"))
             for c in comments.iter(w + "comment")}
    return [(n, texts[start.get(w + "id")])
            for n, para in enumerate(body.findall(w + "p"), 1)
            for start in para.iter(w + "commentRangeStart")]


def test_report_docx_comments_at_the_mark(tmp_path: Path) -> None:
    path = tmp_path / "fn.docx"
    path.write_bytes(docx_of(RU, mark=_ref("footnote", 2), box=alternate_box(BLANK["ru"]),
                             parts={"footnotes.xml": _notes_part("footnote", {2: FINE["ru"]})}))
    out = tmp_path / "out.docx"
    _cli("report", "--format", "docx", "--redline", "--lang", "ru", "-o", str(out), str(path))
    comments = list(comment_count(out.read_bytes()))
    fine = [(n, t) for n, t in comments if t.startswith("JD201")]
    blank = [(n, t) for n, t in comments if t.startswith("JD106")]
    assert [n for n, _ in fine] == [12] and "сноска 1" in fine[0][1]
    assert [n for n, _ in blank] == [4] and "надпись 1" in blank[0][1]
    # the body of the copy is unchanged (no tracked change of a note's words in the body)
    body = [b.text for b in read_docx(out.read_bytes(), None, "o.docx").blocks
            if b.kind not in NOTE_KINDS]
    assert body == [ln.replace(MARK, "").replace("@BOX@", "") for ln in RU.splitlines()]


def test_report_docx_of_an_odt_lists_notes(tmp_path: Path) -> None:
    path = tmp_path / "n.odt"
    path.write_bytes(_odt("ru", FINE["ru"], BLANK["ru"]))
    out = tmp_path / "out.docx"
    _cli("report", "--format", "docx", "--lang", "ru", "-o", str(out), str(path))
    comments = list(comment_count(out.read_bytes()))
    codes = sorted(t.split()[0] for _, t in comments)
    assert "JD201" in codes and "JD106" in codes
    # NOTE: the copy of an ODT lists its blocks, the notes after the body: the comments sit
    # on the notes' own text there
    body = len(RU.splitlines())
    assert sorted(n for n, t in comments if t.split()[0] in ("JD201", "JD106")) == \
        [body + 1, body + 2]


def test_jurisdiction_is_stated_once_not_per_note(tmp_path: Path) -> None:
    # NOTE: JD205 speaks of the whole instruction (decided on the body): a text box under a
    # Belarusian instruction is no second place for it
    body = RU.replace("1.2. Кладовщик подчиняется заведующему складом.",
                      "1.2. Кладовщик руководствуется Трудовым кодексом Республики Беларусь.")
    plain = lint(tmp_path, docx_of(body))
    boxed = lint(tmp_path, docx_of(body, box=alternate_box(FILLED["ru"])))
    assert [f.code for f in plain.findings].count("JD205") == 1
    assert [(f.code, f.message) for f in boxed.findings] == \
        [(f.code, f.message) for f in plain.findings]


def test_anchor_of_an_empty_paragraph_is_the_block_before() -> None:
    from jdlint.model import Block, Source
    from jdlint.readers.notes import attach_notes

    def block(i: int, para: int, note: tuple[str, int] | None = None) -> Block:
        return Block(i, "т", "т", Source(i, paragraph=para, note=note),
                     kind="textbox" if note else "paragraph")

    body = [block(0, 1), block(1, 2), block(2, 4)]
    notes = [block(0, 3, ("textbox", 1)), block(1, 4, ("textbox", 2)),
             block(2, 1, ("textbox", 3))]
    out = attach_notes(body, notes)
    assert [(b.index, b.source.block, b.source.note, b.anchor) for b in out[3:]] == [
        (3, 3, ("textbox", 3), 0), (4, 4, ("textbox", 1), 1), (5, 5, ("textbox", 2), 2)]


def test_deeply_nested_odt_frames_are_jd001(tmp_path: Path) -> None:
    inner = "<text:p>Склад</text:p>"
    for _ in range(20):
        inner = f"<text:p><draw:frame><draw:text-box>{inner}</draw:text-box></draw:frame></text:p>"
    path = tmp_path / "deep.odt"
    path.write_bytes(odt_bytes(f"<text:p>{_x(RU.splitlines()[0])}</text:p>{inner}"))
    result = lint_file(path, RULES, Settings())
    assert result.error is not None and "text boxes nested more than 16" in result.error


def test_docx_custom_mark_is_not_glued_to_the_text(tmp_path: Path) -> None:
    # NOTE: a note with a custom mark stores the mark ("*") as text after its reference
    mark = ('<w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r>'
            '<w:r><w:t xml:space="preserve"> и далее</w:t></w:r>')
    result = lint(tmp_path, docx_of(RU, mark=mark, parts={
        "footnotes.xml": _notes_part("footnote", {2: FINE["ru"]})}))
    assert "обязанностей. и далее" in body_of(result)[11]
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("footnote", 1))]


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_rtf_libreoffice_starred_footnote(tmp_path: Path, lang: str) -> None:
    # NOTE: LibreOffice writes {\*\footnote ...}: an ignorable destination it still shows
    data = _rtf(lang, FINE[lang]).replace(b"{\\footnote\\pard", b"{\\*\\footnote\\pard")
    assert b"{\\*\\footnote" in data
    result = lint(tmp_path, data, "rtf")
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("footnote", 1))]
    assert body_of(result) == [ln.replace(MARK, "").replace("@BOX@", "")
                               for ln in BODY[lang].splitlines()]


@pytest.mark.parametrize(("lang", "where"), [("ru", "концевая сноска 1"),
                                             ("lt", "galinė išnaša 1")])
def test_odt_endnote(tmp_path: Path, lang: str, where: str) -> None:
    result = lint(tmp_path, _odt(lang, FINE[lang], FILLED[lang], "endnote"), "odt")
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD201", ("endnote", 1))]
    assert found[0].source.describe(lang).startswith(where)
