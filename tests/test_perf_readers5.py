"""Issue 19, real documents, DOCX reader: empty paragraphs (the spacing of real files, about
half their paragraphs) are no longer built and passed to ``append_paragraph``; the blocks,
numbering, places of revisions and limits are those of the old paragraph walk (kept here), on
generated bodies mixing empty, blank, numbered-empty, broken and revised paragraphs in and out
of tables, and at the block limit."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jdlint.readers.docx as docx
from jdlint.core.errors import InputError
from jdlint.readers import paragraphs
from jdlint.readers.docx import read_docx
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

_NUMBERING = f"""<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""


# NOTE: the paragraph walk before this change: every paragraph built and appended.
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
        # NOTE: one pass over the properties, keeping the first child of each tag (what
        # ``docx.first_child`` finds), instead of four scans of them (issue 19)
        props: dict[Any, Any] = {}
        setdefault = props.setdefault
        for c in ppr:
            setdefault(c.tag, c)
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
    kind: Any = "cell" if cell is not None and self.kind == "paragraph" else self.kind
    if len(parts) > docx.MAX_RUNS:
        raise docx.InputError(f"a paragraph has more than {docx.MAX_RUNS:,} pieces of text "
                         f"(limit {docx.MAX_RUNS:,})")
    text = "".join(parts)
    # NOTE: counted as produced, not at the end: memory stays bounded by the limit
    self.counts.chars += len(text) + len(label or "")
    if self.counts.chars > docx.MAX_CHARS:
        raise docx.too_long(self.counts.chars, "characters of text", docx.MAX_CHARS, more=True)
    paragraphs.append_paragraph(self.out, paragraphs.Paragraph(
        text, self.paragraph, cell, kind, self.styles.name(sid), label,
        list_level, list_id, heading))

_PPRS = st.sampled_from([
    "", '<w:pPr><w:spacing w:after="0"/><w:jc w:val="both"/></w:pPr>',
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>',
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
    '<w:pPr><w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:pPr>',
])
_CONTENT = st.sampled_from([
    "", "<w:r><w:t></w:t></w:r>", '<w:r><w:t xml:space="preserve">   </w:t></w:r>',
    "<w:r><w:t>Текст</w:t></w:r>", "<w:r><w:br/></w:r>", "<w:r><w:t>а</w:t><w:br/></w:r>",
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>скрыто</w:t></w:r>", "<w:proofErr/>",
    "<w:del><w:r><w:delText>уд</w:delText></w:r></w:del>",
    "<w:ins><w:r><w:t>вст</w:t></w:r></w:ins>", "<w:r><w:t>\u00a0\u00ad</w:t></w:r>",
])
_PARA = st.tuples(_PPRS, st.lists(_CONTENT, max_size=3))
_BODY = st.lists(st.tuples(st.booleans(), st.lists(_PARA, min_size=1, max_size=4)),
                 min_size=1, max_size=5)


def _xml(body: list[tuple[bool, list[tuple[str, list[str]]]]]) -> str:
    out = []
    for table, paras in body:
        inner = "".join(f"<w:p>{ppr}{''.join(content)}</w:p>" for ppr, content in paras)
        out.append(f"<w:tbl><w:tr><w:tc>{inner}</w:tc><w:tc>{inner}</w:tc></w:tr></w:tbl>"
                   if table else inner)
    return "".join(out)


def _read(xml: str) -> Any:
    return read_docx(xml_docx(xml, {"numbering.xml": _NUMBERING}), None, "x.docx")


@settings(max_examples=200, deadline=None)
@given(_BODY)
def test_skipping_empty_paragraphs_reads_what_the_old_walk_read(body: Any) -> None:
    xml = _xml(body)
    new = _read(xml)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(docx._Story, "para", _old_para)
        old = _read(xml)
    assert new == old


def test_empty_numbered_paragraph_keeps_its_label_and_counts() -> None:
    doc = _read('<w:p/><w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
                '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
                "<w:r><w:t>Пункт</w:t></w:r></w:p>")
    assert [(b.auto_number, b.text, b.source.paragraph) for b in doc.blocks] == [
        ("1.", "", 2), ("2.", "Пункт", 3)]


@pytest.mark.parametrize("trailing", ["", "<w:p/>"])
def test_empty_paragraph_at_the_block_limit_still_refused(trailing: str) -> None:
    lines = "<w:br/>".join(["<w:t>x</w:t>"] * docx.MAX_PARAGRAPHS)
    xml = f"<w:p><w:r>{lines}</w:r></w:p>{trailing}"
    if trailing:
        with pytest.raises(InputError):
            _read(xml)
    else:
        assert len(_read(xml).blocks) == docx.MAX_PARAGRAPHS
