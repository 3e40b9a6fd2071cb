"""Issue 19, round five, reading: ``Package.rels`` answers a relationship part stored exactly as
one read before from what it made of it; the answer equals a reading with an empty cache, a
part that differs in a stored byte is read on its own, the cache stays bounded, and a caller
changing the dict it got changes nothing for the next package. ``Block`` and ``Source`` built
slot by slot (``readers.blocks``) are the records their constructors build. The DOCX walk
(runs of a part without ``w:vanish`` read without a look at their properties, long paragraph
properties filtered by lxml, the change counter) reads what round four's walk (kept here) read,
on generated bodies, tables and headers with and without hidden runs. Numbering labels, the
levels to restart worked out once per level, are round four's (kept here); list definitions
kept by their serialisation read as a cold reading does."""

from __future__ import annotations

import copy
import dataclasses
import io
import pickle
import re
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

import jdlint.readers.docx as docx
from jdlint.core.errors import InputError
from jdlint.core.model import Block, BlockKind, Source
from jdlint.core.records import record
from jdlint.readers import blocks, paragraphs, wml
from jdlint.readers import numbering as numbering_module
from jdlint.readers import package as package_module
from jdlint.readers.docx import read_docx
from jdlint.readers.numbering import MAX_LEVELS, Numbering, NumberingState
from jdlint.readers.package import Package
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

_RELS = "word/_rels/document.xml.rels"


def _with_rels(data: bytes, rels: str) -> bytes:
    """``data`` with its document relationships replaced by ``rels``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = rels.encode() if info.filename == _RELS else src.read(info)
            dst.writestr(info, body)
    return out.getvalue()


def _rels_xml(target: str) -> str:
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/styles" Target="{target}"/>'
            '<Relationship Id="rId2" Type="x/hyperlink" Target="http://e.org" '
            'TargetMode="External"/></Relationships>')


def _cold(data: bytes, part: str) -> dict[str, tuple[str, str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(package_module, "_rels_cache", {})
        return Package(data).rels(part)


@pytest.fixture(autouse=True)
def _empty() -> None:
    package_module._rels_cache.clear()


def test_a_stored_part_read_again_is_the_first_reading() -> None:
    data = _with_rels(xml_docx("<w:p/>"), _rels_xml("styles.xml"))
    first = Package(data).rels("word/document.xml")
    assert first == {"rId1": ("styles", "word/styles.xml")} == _cold(data, "word/document.xml")
    first["rId9"] = ("evil", "x")  # NOTE: the caller's dict is its own
    again = Package(data).rels("word/document.xml")
    assert again == _cold(data, "word/document.xml") and "rId9" not in again
    assert Package(data).rels("") == _cold(data, "")


def test_a_part_stored_otherwise_is_read_on_its_own() -> None:
    one = _with_rels(xml_docx("<w:p/>"), _rels_xml("styles.xml"))
    other = _with_rels(xml_docx("<w:p/>"), _rels_xml("../styles2.xml"))
    assert Package(one).rels("word/document.xml")["rId1"] == ("styles", "word/styles.xml")
    assert Package(other).rels("word/document.xml")["rId1"] == ("styles", "styles2.xml")
    assert Package(one).rels("word/document.xml")["rId1"] == ("styles", "word/styles.xml")


def test_the_cache_is_bounded() -> None:
    for i in range(3 * package_module._RELS_ENTRIES):
        data = _with_rels(xml_docx("<w:p/>"), _rels_xml(f"s{i}.xml"))
        assert Package(data).rels("word/document.xml")["rId1"] == ("styles", f"word/s{i}.xml")
    assert len(package_module._rels_cache) <= package_module._RELS_ENTRIES


# --- Block and Source built without their __init__ (jdlint.readers.blocks) ---

_TEXT = st.text(max_size=5)
_OPT_INT = st.none() | st.integers(-3, 10**6)
_CELL = st.none() | st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9))


def _same(built: object, made: object) -> None:
    assert type(built) is type(made)
    for f in dataclasses.fields(made):  # type: ignore[arg-type]
        assert getattr(built, f.name) == getattr(made, f.name), f.name
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert pickle.loads(pickle.dumps(built)) == made
    assert copy.copy(built) == made and dataclasses.replace(built) == made  # type: ignore[type-var]


def test_the_fast_builders_are_used() -> None:
    # NOTE: if Block or Source change, blocks.py must be told (the constructors take over)
    assert blocks.FAST


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), _TEXT, _TEXT, _OPT_INT, _OPT_INT, _OPT_INT, _CELL,
       st.sampled_from(["paragraph", "cell", "header", "footnote", "textbox"]),
       st.none() | _TEXT, st.none() | _TEXT, _OPT_INT, st.none() | _TEXT, _OPT_INT)
def test_built_records_are_the_constructed_ones(
        index: int, text: str, raw: str, line: int | None, paragraph: int | None,
        subline: int | None, cell: tuple[int, int, int] | None, kind: BlockKind,
        style: str | None, auto: str | None, level: int | None, list_id: str | None,
        heading: int | None) -> None:
    source = blocks.new_source(index, line, paragraph, subline, cell)
    made_source = Source(block=index, line=line, paragraph=paragraph, subline=subline, cell=cell)
    _same(source, made_source)
    _same(blocks.new_source(index), Source(index))
    _same(blocks.new_block(index, text, raw, source, kind, style, auto, level, list_id, heading),
          Block(index=index, text=text, raw=raw, source=made_source, kind=kind, style=style,
                auto_number=auto, list_level=level, list_id=list_id, heading_level=heading))
    _same(blocks.new_block(index, text, raw, source), Block(index, text, raw, made_source))


def test_a_record_of_other_fields_is_not_built_by_slots() -> None:
    @record(slots=True)
    class Extra:
        block: int
        start: int = 0

    @record(slots=True)
    class Checked:
        block: int

        def __post_init__(self) -> None:
            pass

    assert not blocks.plain_record(Extra, (("block", dataclasses.MISSING),))
    assert not blocks.plain_record(Checked, (("block", dataclasses.MISSING),))
    assert blocks.plain_record(Extra, (("block", dataclasses.MISSING), ("start", 0)))
    assert not blocks.plain_record(Extra, (("block", dataclasses.MISSING), ("start", 1)))


# --- DOCX walk: runs of a part without w:vanish, long paragraph properties, change counter ---

# NOTE: round four's paragraph walk (main 6e89f95), against which the new one is compared.
def _old_para(self: Any, p: Any, cell: tuple[int, int, int] | None, depth: int) -> None:
    self.paragraph += 1
    self.counts.paragraphs += 1
    if self.counts.paragraphs > docx.MAX_PARAGRAPHS:
        raise docx.too_long(self.counts.paragraphs, "paragraphs", docx.MAX_PARAGRAPHS, more=True)
    ppr = docx.first_child(p, docx.W_PPR)
    sid = num_id = None
    ilvl: int | None = None
    outline: int | None = None
    if ppr is not None:
        props: dict[Any, Any] = {}
        for c in ppr:
            props.setdefault(c.tag, c)
        found = props.get(docx._PSTYLE)
        sid = None if found is None else found.get(docx._VAL)
        numpr = props.get(docx.W_NUMPR)
        if numpr is not None:
            num_id, ilvl = docx.num_pr(numpr)
        found = props.get(docx._OUTLINE)
        outline = None if found is None else docx.int_or_none(found.get(docx._VAL))
        if (sect := props.get(docx.W_SECTPR)) is not None:
            self.sect_prs.append(sect)
    s_num, s_ilvl, heading = self.styles.resolved(sid)
    if outline is not None:
        heading = outline + 1 if 0 <= outline < 9 else None
    if num_id is None:
        num_id = s_num
    if num_id is not None and ilvl is None:
        ilvl = s_ilvl
        if ilvl is None and sid is not None:
            ilvl = self.numbering.style_level(sid)
    parts: list[str] = []
    before = self.counts.total()
    self.inline(p, parts, depth)
    if self.kind == "paragraph" and self.counts.total() != before:
        self.counts.places.append(len(self.out))
    label = list_id = list_level = None
    if num_id and num_id != "0" and self.numbering.level(num_id, ilvl or 0) is not None:
        label = self.state.label(num_id, ilvl or 0)
        list_id, list_level = num_id, ilvl or 0
    kind = "cell" if cell is not None and self.kind == "paragraph" else self.kind
    text = "".join(parts)
    self.counts.chars += len(text) + len(label or "")
    if text or label or len(self.out) >= docx.MAX_PARAGRAPHS:
        paragraphs.append_paragraph(self.out, paragraphs.Paragraph(
            text, self.paragraph, cell, kind, self.styles.name(sid), label,
            list_level, list_id, heading))


def _old_inline(self: Any, el: Any, out: list[str], depth: int) -> None:
    mark = False
    for child in el:
        tag = child.tag
        if tag == docx.W_T:
            if mark:
                mark = False
            elif not self.hidden:
                out.append(child.text or "")
        elif tag == docx.W_R:
            self.run(child, out, depth)
            mark = False
        elif tag in docx._IGNORED:
            mark = False
        elif tag in docx._VISIBLE:
            if not self.hidden:
                out.append(docx._visible_text(child, tag))
        elif tag in docx._REVISIONS:
            self.revision(child, tag, out, depth)
        else:
            self.run_part(child, tag, out, depth)
            mark = tag in docx.NOTE_REFS and child.get(docx._W + "customMarkFollows") in (
                "1", "true")


_RUNS = st.sampled_from([
    "<w:r><w:t>Текст </w:t></w:r>",
    "<w:r><w:rPr><w:rFonts w:ascii='A'/><w:b/><w:sz w:val='20'/><w:lang w:val='ru'/></w:rPr>"
    "<w:t>жирный</w:t></w:r>",
    "<w:r><w:rPr><w:b/><w:i/><w:u/><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>",
    '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>видно</w:t></w:r>',
    "<w:r><w:t>a</w:t><w:rPr><w:vanish/></w:rPr></w:r>",
    "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t></w:r>", "<w:proofErr/>",
    "<w:ins><w:r><w:t>вставка</w:t></w:r></w:ins>",
    "<w:del><w:r><w:delText>уд</w:delText></w:r></w:del>",
    '<w:r><w:commentReference w:id="0"/></w:r>',
    "<w:hyperlink><w:r><w:rPr><w:vanish/></w:rPr><w:t>ссылка</w:t></w:r></w:hyperlink>",
    # NOTE: properties after a run (Word writes them first; the walk then looks for them)
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
])
_PPRS = st.sampled_from([
    "", '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
    '<w:pPr><w:spacing w:after="0"/><w:ind w:left="5"/><w:jc w:val="both"/>'
    '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/>'
    '<w:numPr><w:numId w:val="0"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="9"/></w:tabs>'
    "<w:rPr><w:vanish/></w:rPr></w:pPr>",
    '<w:pPr><w:pStyle w:val="Heading1"/><w:keepNext/><w:spacing/><w:outlineLvl w:val="x"/>'
    '<w:pStyle w:val="Other"/><w:outlineLvl w:val="0"/><w:sectPr/></w:pPr>',
    '<w:pPr><w:ind/><w:jc w:val="left"/><w:spacing/><w:rPr><w:b/></w:rPr></w:pPr>',
    '<w:pPr><w:pStyle w:val="Other"/></w:pPr>', '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
])
_WALK_NUMBERING = f"""<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
_WALK_STYLES = (
    f"<w:styles {NAMESPACES}><w:style w:type='paragraph' w:default='1' w:styleId='Normal'>"
    "<w:name w:val='Normal'/></w:style><w:style w:type='paragraph' w:styleId='Heading1'>"
    "<w:name w:val='heading 1'/><w:basedOn w:val='Normal'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Other'><w:name w:val='Пункт'/>"
    "<w:basedOn w:val='Heading1'/><w:pPr><w:numPr><w:ilvl w:val='1'/><w:numId w:val='1'/>"
    "</w:numPr></w:pPr></w:style></w:styles>")
_HEADERS = st.sampled_from([
    "<w:p><w:r><w:t>Шапка</w:t></w:r></w:p>",
    "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>нет</w:t></w:r><w:r><w:t>да</w:t></w:r></w:p>",
])


def _walk(paras: list[tuple[str, list[str]]], header: str, table: bool) -> Any:
    body = "".join(f"<w:p>{ppr}{''.join(runs)}</w:p>" for ppr, runs in paras)
    if table:
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>{body}"
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rId_header1"/></w:sectPr>'
    parts = {"numbering.xml": _WALK_NUMBERING, "styles.xml": _WALK_STYLES,
             "header1.xml": f"<w:hdr {NAMESPACES}>{header}</w:hdr>"}
    return read_docx(xml_docx(body + sect, parts), None, "x.docx")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PPRS, st.lists(_RUNS, max_size=6)), min_size=1, max_size=6),
       _HEADERS, st.booleans())
def test_the_walk_reads_what_the_old_walk_read(paras: list[tuple[str, list[str]]],
                                               header: str, table: bool) -> None:
    new = _walk(paras, header, table)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(docx._Story, "para", _old_para)
        mp.setattr(docx._Story, "inline", _old_inline)
        old = _walk(paras, header, table)
    assert new == old


def test_hidden_runs_are_still_hidden() -> None:
    doc = _walk([("", ["<w:r><w:rPr><w:b/><w:i/><w:u/><w:vanish/></w:rPr><w:t>скрыто</w:t>"
                       "</w:r>", "<w:r><w:t>Текст</w:t></w:r>"])],
                "<w:p><w:r><w:rPr><w:vanish/></w:rPr>"
                "<w:t>нет</w:t></w:r><w:r><w:t>да</w:t></w:r></w:p>", False)
    assert [b.text for b in doc.blocks] == ["Текст"]
    assert [b.text for b in doc.headers] == ["да"]
    plain = _walk([("", ["<w:r><w:rPr><w:b/></w:rPr><w:t>Текст</w:t></w:r>"])],
                  "<w:p><w:r><w:t>да</w:t></w:r></w:p>", False)
    assert [b.text for b in plain.blocks] == ["Текст"]


# --- NumberingState.label: the deeper levels to restart worked out once per level ---

def _old_label(self: Any, num_id: str, ilvl: int) -> str | None:
    """Round four's ``NumberingState.label`` (each deeper level tested per paragraph)."""
    if num_id in ("", "0"):
        return None
    ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
    lvl = self.numbering.level(num_id, ilvl)
    abstract = self.numbering.abstract_for(num_id)
    if lvl is None or abstract is None:
        return None
    counters = self._counters.setdefault(abstract.id, [None] * MAX_LEVELS)
    num = self.numbering.nums[num_id]
    if num_id not in self._seen:
        self._seen.add(num_id)
        for k, start in (num.start_overrides.items() if num.start_overrides else ()):
            if 0 <= k < MAX_LEVELS:
                counters[k] = start - 1 if k == ilvl else start if k < ilvl else None
    current = counters[ilvl]
    counters[ilvl] = lvl.start if current is None else current + 1
    restarts = self._restarts.get(num_id) or self._restarts_of(num_id)
    for deeper in range(ilvl + 1, MAX_LEVELS):
        if ilvl < restarts[deeper]:
            counters[deeper] = None
    return self._render(num_id, lvl, counters)  # type: ignore[no-any-return]


def _levels(restarts: list[str]) -> str:
    return "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{i + 1}"/><w:numFmt w:val="decimal"/>{restart}'
        f'<w:lvlText w:val="{"".join(f"%{k + 1}." for k in range(i + 1))}"/></w:lvl>'
        for i, restart in enumerate(restarts))


_RESTART = st.sampled_from(["", '<w:lvlRestart w:val="0"/>', '<w:lvlRestart w:val="1"/>',
                            '<w:lvlRestart w:val="2"/>', '<w:lvlRestart w:val="9"/>'])


@settings(max_examples=200, deadline=None)
@given(st.lists(_RESTART, min_size=4, max_size=4), st.lists(_RESTART, min_size=3, max_size=3),
       st.lists(st.tuples(st.sampled_from(["1", "2", "3", "0", "9"]), st.integers(-1, 10)),
                max_size=40))
def test_labels_are_the_old_labels(first: list[str], second: list[str],
                                   items: list[tuple[str, int]]) -> None:
    root = etree.fromstring(
        f"<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId='0'>{_levels(first)}"
        f"</w:abstractNum><w:abstractNum w:abstractNumId='1'>{_levels(second)}</w:abstractNum>"
        "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
        "<w:num w:numId='2'><w:abstractNumId w:val='1'/><w:lvlOverride w:ilvl='1'>"
        "<w:startOverride w:val='5'/></w:lvlOverride></w:num>"
        "<w:num w:numId='3'><w:abstractNumId w:val='0'/></w:num></w:numbering>")
    numbering = Numbering.from_element(root)
    new, old = NumberingState(numbering), NumberingState(numbering)
    for num_id, ilvl in items:
        assert new.label(num_id, ilvl) == _old_label(old, num_id, ilvl)
        copied = new.copy()
        assert copied.label(num_id, 0) == new.copy().label(num_id, 0)


# --- Numbering.from_element: list definitions kept by their serialisation ---

def _model(numbering: Numbering) -> list[Any]:
    return [(a.id, a.num_style_link, a.style_link, sorted(a.levels.items()))
            for a in numbering.abstracts.values()] + [
        (n.id, n.abstract_id, n.start_overrides, n.level_overrides)
        for n in numbering.nums.values()]


def _cold_numbering(root: Any) -> Numbering:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(numbering_module, "_ABSTRACTS", {})
        return Numbering.from_element(root)


_ABSTRACT_XML = st.sampled_from([
    "<w:abstractNum w:abstractNumId='{i}'>" + _levels(["", "", ""]) + "</w:abstractNum>",
    "<w:abstractNum w:abstractNumId='{i}'><w:styleLink w:val='L'/>"
    "<w:lvl w:ilvl='0'><w:numFmt w:val='bullet'/><w:lvlText w:val='\uf0b7'/></w:lvl>"
    "</w:abstractNum>",
    "<w:abstractNum w:abstractNumId='{i}'><w:numStyleLink w:val='L'/></w:abstractNum>",
    "<w:abstractNum w:abstractNumId='{i}'><w:lvl w:ilvl='0'><w:start w:val='3'/>"
    "<w:numFmt w:val='russianLower'/><w:lvlText w:val='%1)'/><w:pStyle w:val='P'/></w:lvl>"
    "<w:lvl w:ilvl='0'><w:start w:val='9'/></w:lvl></w:abstractNum>",
    "<w:abstractNum w:abstractNumId='{i}'><w:lvl w:ilvl='0'><w:lvlText w:val='"
    + "%1" * 200 + "'/></w:lvl></w:abstractNum>",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_ABSTRACT_XML, st.sampled_from(["0", "1", "2"])), max_size=6))
def test_numbering_is_the_numbering_read_cold(abstracts: list[tuple[str, str]]) -> None:
    root = etree.fromstring(
        f"<w:numbering {NAMESPACES}>" + "".join(x.format(i=i) for x, i in abstracts)
        + "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num></w:numbering>")
    try:
        cold = _model(_cold_numbering(root))
    except InputError as exc:
        with pytest.raises(InputError, match=re.escape(str(exc))):
            Numbering.from_element(root)
        return
    first = Numbering.from_element(root)
    assert _model(first) == cold
    for a in first.abstracts.values():
        a.levels.clear()  # NOTE: a document's definitions are its own
    assert _model(Numbering.from_element(root)) == cold


def test_the_definitions_kept_are_bounded() -> None:
    for i in range(numbering_module.MAX_ABSTRACTS + 20):
        root = etree.fromstring(
            f"<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId='{i}'>"
            f"{_levels([''])}</w:abstractNum></w:numbering>")
        assert list(Numbering.from_element(root).abstracts) == [str(i)]
    assert len(numbering_module._ABSTRACTS) <= numbering_module.MAX_ABSTRACTS


_BODIES = st.lists(st.sampled_from([
    "<w:p/>", "<w:p><w:r><w:t>a</w:t></w:r></w:p>",
    "<w:tbl><w:tr><w:tc><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr>"
    "</w:tbl>",
    "<w:sdt><w:sdtContent><w:p/><w:p/></w:sdtContent></w:sdt>",
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx>"
    "<w:txbxContent><w:p/></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback>"
    "<w:pict><v:textbox><w:txbxContent><w:p/></w:txbxContent></v:textbox></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r></w:p>",
    "<w:customXml><w:p/></w:customXml>", "<w:sectPr/>", "<x:p xmlns:x='urn:other'/>",
]), max_size=8).map("".join)


@settings(max_examples=100, deadline=None)
@given(_BODIES)
def test_paragraphs_are_counted_as_iterated(body: str) -> None:
    pkg = Package(xml_docx(body))
    found = pkg.xml("word/document.xml").find(docx.W_BODY)
    assert int(docx._COUNT_P(found)) == sum(1 for _ in found.iter(docx.W_P))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    '<w:pStyle w:val="A"/>', '<w:pStyle w:val="B"/>', '<w:numPr><w:numId w:val="3"/></w:numPr>',
    '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="4"/></w:numPr>', '<w:outlineLvl w:val="1"/>',
    '<w:outlineLvl w:val="x"/>', "<w:sectPr/>", "<w:jc/>", "<w:spacing/>", "<w:ind/>",
    "<w:rPr><w:b/></w:rPr>", "<w:tabs><w:tab/></w:tabs>",
]), max_size=9))
def test_paragraph_props_are_the_first_of_each(children: list[str]) -> None:
    ppr = etree.fromstring(f"<w:pPr {NAMESPACES}>{''.join(children)}</w:pPr>")
    props: dict[Any, Any] = {}
    for c in ppr:
        props.setdefault(c.tag, c)
    style, numpr, outline = (props.get(docx._W + t) for t in ("pStyle", "numPr", "outlineLvl"))
    assert wml.paragraph_props(ppr) == (
        None if style is None else style.get(docx._VAL),
        *((None, None) if numpr is None else wml.num_pr(numpr)),
        None if outline is None else wml.int_or_none(outline.get(docx._VAL)),
        props.get(docx.W_SECTPR))
