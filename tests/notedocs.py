"""Documents with footnotes, endnotes and text boxes built at test time (DOCX, ODT, RTF), for
tests/test_notes.py and tests/test_notes_limits.py: a Russian and a Lithuanian instruction, a
fine, a lawful note, a template blank and a filled box, and the helpers that lint them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from jdlint.cli import cli
from jdlint.core.model import NOTE_KINDS, Finding
from jdlint.core.results import FileResult
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
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


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def w_p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'


def ref(kind: str, note_id: int) -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return (f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
            f'<w:{kind}Reference w:id="{note_id}"/></w:r>')


def notes_part(kind: str, notes: dict[int, str]) -> str:
    """footnotes.xml / endnotes.xml with Word's separators (ids -1 and 0) and ``notes``."""
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
             f"</w:{kind}>",
             f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
             f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"]
    for note_id, text in notes.items():
        items.append(f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{ref}/></w:r><w:r>'
                     f'<w:t xml:space="preserve"> {xml_escape(text)}</w:t></w:r></w:p></w:{kind}>')
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s {W_NS}>{"".join(items)}</w:{kind}s>'


def alternate_box(text: str) -> str:
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text again as VML
    in mc:Fallback."""
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + w_p(text)
            + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
            + w_p(text) + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
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
        xml.append(f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'
                   f"{extra}</w:p>")
    return xml_docx("".join(xml), parts)


def footnote_docx(lang: str, text: str, kind: str = "footnote") -> bytes:
    return docx_of(BODY[lang], mark=ref(kind, 2),
                   parts={f"{kind}s.xml": notes_part(kind, {2: text})})


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


def odt_of(lang: str, note: str, box: str, note_class: str = "footnote") -> bytes:
    paras = []
    for line in BODY[lang].splitlines():
        extra = ""
        if MARK in line:
            extra = (f'<text:note text:id="ftn1" text:note-class="{note_class}">'
                     "<text:note-citation>1</text:note-citation>"
                     f"<text:note-body><text:p>{xml_escape(note)}</text:p>"
                     "</text:note-body></text:note>")
        elif "@BOX@" in line:
            extra = ('<draw:frame draw:name="Frame1"><draw:text-box>'
                     f"<text:p>{xml_escape(box)}</text:p></draw:text-box></draw:frame>")
        text = line.replace(MARK, "").replace("@BOX@", "")
        paras.append(f"<text:p>{xml_escape(text)}{extra}</text:p>")
    return odt_bytes("".join(paras))


CODEC = {"ru": "cp1251", "lt": "cp1257"}


def rtf_of(lang: str, note: str, box: str | None = None) -> bytes:
    codec = CODEC[lang]
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


def cli_out(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


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
