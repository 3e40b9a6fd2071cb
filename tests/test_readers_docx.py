"""The DOCX reader: reading order, runs, revisions, fields, stories, line breaks, bad input."""

from __future__ import annotations

import io
import zipfile

import pytest

from jdlint.core.errors import InputError
from jdlint.core.model import NOTE_KINDS, RawDocument
from jdlint.readers.docx import read_docx
from jdlint.testing.docxbuild import NAMESPACES, P, Table, build_docx, xml_docx


def read(data: bytes) -> RawDocument:
    return read_docx(data, None, "test.docx")


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def texts(doc: RawDocument) -> list[str]:
    """The body's texts (footnotes, endnotes and text boxes come after it, apart)."""
    return [b.text for b in doc.blocks if b.kind not in NOTE_KINDS]


def test_tables_in_reading_order_with_cell_sources() -> None:
    doc = read(build_docx([
        P("До таблицы"), P(""),
        Table([["УТВЕРЖДАЮ\nДиректор", ""], ["a", "b"]]),
        P("Между"),
        Table([["x"]]),
        P("После"),
    ]))  # fmt: skip
    got = [(b.text, b.kind, b.source.paragraph, b.source.cell) for b in doc.blocks]
    assert got == [
        ("До таблицы", "paragraph", 1, None),
        ("УТВЕРЖДАЮ", "cell", 3, (1, 1, 1)),
        ("Директор", "cell", 4, (1, 1, 1)),
        ("a", "cell", 6, (1, 2, 1)),
        ("b", "cell", 7, (1, 2, 2)),
        ("Между", "paragraph", 8, None),
        ("x", "cell", 9, (2, 1, 1)),
        ("После", "paragraph", 10, None),
    ]
    assert [b.index for b in doc.blocks] == list(range(8))
    assert all(b.source.block == b.index for b in doc.blocks)


def test_nested_tables_keep_outer_cell_and_depth_is_limited() -> None:
    inner = "<w:tbl><w:tr><w:tc>" + para(r("внутри")) + "</w:tc></w:tr></w:tbl>"
    body = "<w:tbl><w:tr><w:tc>" + para(r("снаружи")) + inner + "<w:p/></w:tc></w:tr></w:tbl>"
    doc = read(xml_docx(body))
    assert [(b.text, b.source.cell) for b in doc.blocks] == [
        ("снаружи", (1, 1, 1)), ("внутри", (1, 1, 1))]
    deep = "<w:tbl><w:tr><w:tc>" * 20 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 20
    with pytest.raises(InputError, match="nested"):
        read(xml_docx(deep))


def test_runs_are_joined() -> None:
    doc = read(build_docx([P("принимать участие", runs=["принима", "ть", " участие"])]))
    assert texts(doc) == ["принимать участие"]


def test_tracked_changes_kept_dropped_and_counted() -> None:
    doc = read(build_docx([
        P("Инженер обязан", inserted=" соблюдать", deleted=" нарушать"),
        P("Второй", deleted=" удалено"),
    ]))  # fmt: skip
    assert texts(doc) == ["Инженер обязан соблюдать", "Второй"]
    assert (doc.revisions.insertions, doc.revisions.deletions) == (1, 2)
    assert doc.revisions.any


def test_moves_keep_the_destination_only() -> None:
    body = para(r("A "), '<w:moveFrom w:id="1" w:author="x">', r("B"), "</w:moveFrom>",
                '<w:moveTo w:id="2" w:author="x">', r("C"), "</w:moveTo>")
    doc = read(xml_docx(body))
    assert texts(doc) == ["A C"] and doc.revisions.moves == 1


def test_comments_counted() -> None:
    doc = read(build_docx([P("Текст"), P("Пункт")], comment=(1, "уточнить")))
    assert doc.revisions.comments == 1 and texts(doc) == ["Текст", "Пункт"]
    marks = para('<w:commentRangeStart w:id="0"/>', r("x"), '<w:commentRangeEnd w:id="0"/>',
                 '<w:r><w:commentReference w:id="0"/></w:r>')
    assert read(xml_docx(marks)).revisions.comments == 1
    assert not read(build_docx([P("Текст")])).revisions.any


def fld(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def test_fields_keep_only_their_result() -> None:
    instr = '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    body = "".join([
        para(r("Стр. "), fld("begin"), instr, fld("separate"), r("7"), fld("end"), r(" из")),
        para(r("A"), fld("begin"), instr, fld("end"), r("B")),  # no cached result
        para('<w:fldSimple w:instr=" DATE ">', r("01.01.2024"), "</w:fldSimple>"),
        para(fld("begin"), instr, fld("separate"), r("x"), fld("begin"), instr,
             fld("separate"), r("y"), fld("end"), r("z"), fld("end"), r("!")),
    ])  # fmt: skip
    assert texts(read(xml_docx(body))) == ["Стр. 7 из", "AB", "01.01.2024", "xyz!"]


def test_headers_and_footers_are_apart() -> None:
    doc = read(build_docx([P("Тело")], header="ДИ-01", footer="Страница"))
    assert texts(doc) == ["Тело"]
    assert [(b.text, b.kind, b.source.paragraph) for b in doc.headers] == [
        ("ДИ-01", "header", 1)]
    assert [(b.text, b.kind) for b in doc.footers] == [("Страница", "footer")]


def _sect_doc(settings: str | None, title_pg: bool) -> RawDocument:
    ftr = f'<w:ftr {NAMESPACES}>{para(r("{}"))}</w:ftr>'
    parts = {"footer1.xml": ftr.format("чётная"), "footer2.xml": ftr.format("обычная"),
             "footer3.xml": ftr.format("первая")}
    if settings is not None:
        parts["settings.xml"] = f"<w:settings {NAMESPACES}>{settings}</w:settings>"
    sect = ('<w:sectPr><w:footerReference w:type="even" r:id="rId_footer1"/>'
            '<w:footerReference w:type="default" r:id="rId_footer2"/>'
            '<w:footerReference w:type="first" r:id="rId_footer3"/>'
            f"{'<w:titlePg/>' if title_pg else ''}</w:sectPr>")
    return read(xml_docx(para(r("Тело")) + sect, parts))


def test_only_footers_word_shows() -> None:
    assert texts(_sect_doc(None, False)) == ["Тело"]
    assert [b.text for b in _sect_doc(None, False).footers] == ["обычная"]
    both = _sect_doc("<w:evenAndOddHeaders/>", True)
    assert {b.text for b in both.footers} == {"первая", "обычная", "чётная"}


TEXTBOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
    "<wp:positionH><wp:posOffset>4777740</wp:posOffset></wp:positionH>"
    "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
    + para(r("ДИ -")) + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent>" + para(r("ДИ -")) + "</w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)


def test_text_boxes_once_and_apart() -> None:
    doc = read(xml_docx(para(r("Инструкция"), TEXTBOX) + para(r("Дальше"))))
    assert texts(doc) == ["Инструкция", "Дальше"]
    assert [(b.text, b.kind) for b in doc.textboxes] == [("ДИ -", "textbox")]
    # NOTE: the box comes after the body, named "text box 1" and anchored at its paragraph
    assert [b.source.paragraph for b in doc.blocks] == [1, 2, 1]
    assert doc.blocks[2].source.note == ("textbox", 1) and doc.blocks[2].anchor == 0


def test_special_characters() -> None:
    body = para(
        r("обязан\u00adности"), "<w:r><w:softHyphen/></w:r>", r("\u00a0и\u00a0"),
        "<w:r><w:t>северо</w:t><w:noBreakHyphen/><w:t>запад</w:t><w:tab/><w:t>x</w:t></w:r>",
        '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Wingdings" w:char="F0FC"/>'
        '<w:sym w:font="Wingdings" w:char="F021"/><w:sym w:font="Symbol" w:char="00A7"/></w:r>',
    )
    block = read(xml_docx(body)).blocks[0]
    assert block.text == "обязанности и северо-запад x•✓▪"
    assert block.raw == "обязан\u00adности\u00a0и\u00a0северо-запад\tx•✓▪"


def test_hidden_text_is_dropped() -> None:
    body = para(r("видно "), r("скрыто", "<w:rPr><w:vanish/></w:rPr>"),
                r("тоже", '<w:rPr><w:vanish w:val="0"/></w:rPr>'))
    assert texts(read(xml_docx(body))) == ["видно тоже"]


def test_line_breaks_make_sublines() -> None:
    doc = read(build_docx([
        P("Первый"),
        P("", lines=["1ОБЩИЕ ПОЛОЖЕНИЯ", "1.1 Инженер", "", "1.2 Лицо"]),
        P("Последний"),
    ]))  # fmt: skip
    got = [(b.text, b.source.paragraph, b.source.subline) for b in doc.blocks]
    assert got == [("Первый", 1, None), ("1ОБЩИЕ ПОЛОЖЕНИЯ", 2, 1), ("1.1 Инженер", 2, 2),
                   ("1.2 Лицо", 2, 4), ("Последний", 3, None)]
    page = para(r("до"), '<w:r><w:br w:type="page"/></w:r>', r("после"), "<w:r><w:cr/></w:r>")
    assert [(b.text, b.source.subline) for b in read(xml_docx(page)).blocks] == [
        ("до", 1), ("после", 2)]


def test_numbered_paragraph_with_breaks_numbers_first_line() -> None:
    doc = read(build_docx([P("", num_level=0, lines=["Общие", "продолжение"])]))
    assert [(b.auto_number, b.text) for b in doc.blocks] == [("1.", "Общие"),
                                                            (None, "продолжение")]


def test_content_controls_and_hyperlinks_are_read() -> None:
    body = ('<w:sdt><w:sdtContent>' + para(r("в контроле")) + "</w:sdtContent></w:sdt>"
            + para('<w:hyperlink r:id="x">', r("ссылка"), "</w:hyperlink>",
                   "<w:sdt><w:sdtContent>", r(" и поле"), "</w:sdtContent></w:sdt>"))
    assert texts(read(xml_docx(body))) == ["в контроле", "ссылка и поле"]


def test_style_names_not_ids_and_headings() -> None:
    doc = read(build_docx([P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", style="Title"),
                           P("Общие", style="Heading 1"), P("Текст")]))
    assert [(b.style, b.heading_level) for b in doc.blocks] == [
        ("Title", 0), ("heading 1", 1), ("Normal", None)]


# --- broken and hostile input ---

def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _with_document(xml: bytes) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(xml_docx(para(r("x")))))
    members = {n: good.read(n) for n in good.namelist()}
    members["word/document.xml"] = xml
    return _zip(members)


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
          b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"hello, this is text", "not a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "not a ZIP archive"),
    (xml_docx(para(r("x")))[:300], "corrupt or truncated ZIP"),
    (_zip({"hello.txt": b"hi"}), "no word/document.xml"),
    (_zip({"xl/workbook.xml": b"<x/>"}), "Excel"),
    (_with_document(b"<w:document><w:body>"), "XML of word/document.xml is malformed"),
    (_with_document(LAUGHS), "entit"),
    (_with_document(b'<w:document xmlns:w="urn:x"><w:body/></w:document>'), "not a Word"),
    (_zip({"word/document.xml": b" " * (8 * 1024 * 1024)}), "possible ZIP bomb"),
])  # fmt: skip
def test_broken_inputs_raise_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        read(data)
    assert reason in info.value.reason
    assert "\n" not in info.value.reason


def test_corrupt_member_data_is_an_input_error() -> None:
    data = bytearray(xml_docx(para(r("Текст " * 200))))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    data[start + 20 : start + 60] = bytes(40)  # clobber the deflate stream of the first member
    with pytest.raises(InputError, match="corrupt"):
        read(bytes(data))
