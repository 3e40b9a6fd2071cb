"""Issue 19, round four, DOCX reader: the run walk with its fast branches (runs, text-free
children) and the one-pass ``w:numPr`` give the blocks the generic walk gave (kept here), on
generated paragraphs mixing runs, hidden runs, fields, note marks, revisions and wrappers; list
labels rendered from per-level plans are the labels of round three's renderer (kept here); an
ODT is told from a DOCX as when every ZIP's directory was opened."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import jdlint.readers.docx as docx
import jdlint.readers.wml as wml
from jdlint.readers import numfmt
from jdlint.readers.docx import read_docx
from jdlint.readers.formats import is_odt
from jdlint.readers.numbering import Numbering, NumberingState
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

_NUMBERING = f"""<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""


def _old_inline(self: Any, el: Any, out: list[str], depth: int) -> None:
    mark = False
    for child in el:
        tag = child.tag
        if tag in docx._VISIBLE:
            if mark and tag == docx.W_T:
                mark = False
            elif not self.hidden:
                out.append(docx._visible_text(child, tag))
        elif tag in docx._REVISIONS:
            self.revision(child, tag, out, depth)
        else:
            self.run_part(child, tag, out, depth)
            mark = tag in docx.NOTE_REFS and child.get(docx._W + "customMarkFollows") in (
                "1", "true")


_PIECES = st.sampled_from([
    "<w:r><w:t>Текст </w:t></w:r>", "<w:r><w:rPr><w:b/></w:rPr><w:t>жирный</w:t></w:r>",
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>',
    '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>видно</w:t></w:r>',
    "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t></w:r>", "<w:proofErr/>",
    '<w:bookmarkStart w:id="1" w:name="x"/>', '<w:bookmarkEnd w:id="1"/>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>', "<w:r><w:instrText>PAGE</w:instrText></w:r>",
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t><w:t>x</w:t></w:r>',
    '<w:r><w:footnoteReference w:id="1"/><w:t>y</w:t></w:r>',
    "<w:ins><w:r><w:t>вставка</w:t></w:r></w:ins>",
    "<w:del><w:r><w:delText>уд</w:delText></w:r></w:del>",
    "<w:hyperlink><w:r><w:t>ссылка</w:t></w:r><w:proofErr/></w:hyperlink>",
    "<w:r><w:lastRenderedPageBreak/><w:t>c</w:t></w:r>", "<w:r><w:noBreakHyphen/></w:r>",
    "<w:r><w:rPr><w:rStyle w:val='s'/></w:rPr><w:rPr><w:vanish/></w:rPr><w:t>z</w:t></w:r>",
])
_NUMPRS = st.sampled_from([
    "", '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
    '<w:pPr><w:numPr><w:numId w:val="1"/><w:numId w:val="0"/><w:ilvl w:val="0"/>'
    '<w:ilvl w:val="1"/></w:numPr></w:pPr>',
    '<w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr></w:pPr>',
])
_PARAS = st.lists(st.tuples(_NUMPRS, st.lists(_PIECES, max_size=8)), min_size=1, max_size=5)


def _read(paras: list[tuple[str, list[str]]]) -> Any:
    body = "".join(f"<w:p>{ppr}{''.join(pieces)}</w:p>" for ppr, pieces in paras)
    return read_docx(xml_docx(body, {"numbering.xml": _NUMBERING}), None, "x.docx")


def _old_num_pr(numpr: Any) -> tuple[str | None, int | None]:
    return (docx.first_child(numpr, docx._W + "numId").get(docx._VAL)
            if docx.first_child(numpr, docx._W + "numId") is not None else None,
            docx.int_or_none(None if (f := docx.first_child(numpr, docx._W + "ilvl")) is None
                             else f.get(docx._VAL)))


@settings(max_examples=150, deadline=None)
@given(_PARAS)
def test_fast_run_walk_reads_what_the_generic_walk_read(paras: Any) -> None:
    new = _read(paras)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(docx._Story, "inline", _old_inline)
        mp.setattr(docx, "num_pr", _old_num_pr)
        mp.setattr(wml, "num_pr", _old_num_pr)  # NOTE: read there since paragraph_props
        old = _read(paras)
    assert new == old


def test_hidden_run_and_custom_mark_read() -> None:
    doc = _read([("", ['<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>',
                       '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/>'
                       "<w:t>*</w:t><w:t>x</w:t></w:r>", "<w:r><w:t>Текст</w:t></w:r>"])])
    assert [b.text for b in doc.blocks] == ["xТекст"]


# NOTE: round three's ``NumberingState._render`` (level text cut per call, every reference
# looked up per paragraph), against which the per-level plans are compared.
def _old_render(self: Any, num_id: str, lvl: Any, counters: list[int | None]) -> str | None:
    text = lvl.text
    if not text:
        return None
    if lvl.fmt == "bullet":
        return _old_bullet(text).strip() or None
    out: list[str] = []
    for k in numfmt.template(text):
        if isinstance(k, str):
            out.append(k)
        else:
            ref = self.numbering.level(num_id, k)
            value = counters[k]
            if value is None:
                value = ref.start if ref is not None else 1
            fmt = ref.fmt if ref is not None else "decimal"
            if lvl.is_lgl and fmt != "none":
                fmt = "decimal"
            out.append(numfmt.format_number(value, fmt))
    return _old_bullet("".join(out)).strip() or None


def _old_bullet(text: str) -> str:
    return "".join(numfmt.PUA_GLYPHS.get(ch, "•") if "\ue000" <= ch <= "\uf8ff" else ch
                   for ch in text)


_LEVELS = f"""<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%4"/></w:lvl>
<w:lvl w:ilvl="2"><w:numFmt w:val="russianLower"/><w:isLgl/><w:lvlText w:val="%1-%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
<w:lvl w:ilvl="4"><w:numFmt w:val="decimalZero"/><w:lvlText w:val=""/></w:lvl>
<w:lvl w:ilvl="5"><w:numFmt w:val="none"/><w:lvlText w:val="%6%5"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">
<w:startOverride w:val="7"/></w:lvlOverride></w:num></w:numbering>"""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "3"]), st.integers(0, 6)), max_size=30))
def test_planned_labels_are_the_labels_rendered_per_call(seq: list[tuple[str, int]]) -> None:
    numbering = Numbering.from_element(etree.fromstring(_LEVELS.encode()))
    new = NumberingState(numbering)
    old = NumberingState(numbering)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(NumberingState, "_render", _old_render)
        expected = [old.label(n, i) for n, i in seq]
    assert [new.label(n, i) for n, i in seq] == expected


@given(st.text(st.sampled_from("a1.•\ue000\uf0b7\uf0a7\uf8ff\ue0ff "), max_size=8))
def test_bullet_glyphs_as_mapped_per_character(text: str) -> None:
    assert numfmt.bullet_glyph(text) == _old_bullet(text)


def test_the_label_comparison_can_fail() -> None:
    numbering = Numbering.from_element(etree.fromstring(_LEVELS.encode()))
    state = NumberingState(numbering)
    assert [state.label("1", 0), state.label("1", 1), state.label("1", 2)] == [
        "III.", "III.1.1", "3-1)"]
    assert state.label("1", 3) == "•"


def _old_is_odt(data: bytes) -> bool:
    """``formats.is_odt`` before round four: the ZIP directory opened for every ZIP."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    if data[30:38] == b"mimetype":
        return data[38:38 + len(_ODT_MIME)] == _ODT_MIME
    if len(data) <= 512:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" not in names or "content.xml" not in names:
                return False
            info = zf.getinfo("mimetype")
            if info.file_size > 200:
                return False
            return zf.read(info).strip().startswith(_ODT_MIME)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_MEMBERS = st.sampled_from([
    ("[Content_Types].xml", b"<Types/>" * 80), ("word/document.xml", b"<w:document/>" * 80),
    ("mimetype", _ODT_MIME), ("mimetype", b"application/zip"), ("content.xml", b"<x/>" * 90),
    ("Content.XML", b"<x/>" * 90), ("other/content.xml.bak", b"mimetype content.xml" * 30),
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_MEMBERS, max_size=4, unique_by=lambda m: m[0]), st.booleans())
def test_odt_told_without_opening_docx_as_before(members: Any, deflate: bool) -> None:
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, content in members:
            zf.writestr(name, content)
    data = buffer.getvalue()
    assert is_odt(data) == _old_is_odt(data)


def test_odt_with_mimetype_not_first_is_still_found() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("content.xml", b"<x/>" * 200)
        zf.writestr("mimetype", _ODT_MIME)
    assert is_odt(buffer.getvalue()) and _old_is_odt(buffer.getvalue())
