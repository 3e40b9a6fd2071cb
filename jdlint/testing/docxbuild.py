"""Build real DOCX files for tests and the corpus, with genuine Word auto-numbering.

This module owns the test-side DOCX writer: :func:`build_docx` turns a list of paragraphs
(:class:`P`) and tables (:class:`Table`) into a python-docx document with real
``numbering.xml`` lists, tracked changes, line breaks, headers/footers and comments;
:func:`text_to_docx` turns a plain-text instruction into such a document, converting typed
clause numbers into Word numbering that shows exactly the same numbers.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any, Literal

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from jdlint.core.records import record
from jdlint.core.text import normalize
from jdlint.readers.numbering import W_NS, AbstractNum, Num, Numbering, NumberingState, parse_level

_W = "{" + W_NS + "}"
_DATE = "2024-01-01T00:00:00Z"


@record(frozen=False)
class P:
    """A paragraph. See the field comments for the Word features each field produces."""

    text: str
    style: str | None = None  # built-in style name, e.g. "Heading 1", "Title", "List Paragraph"
    num_level: int | None = None  # auto-numbered at this ilvl of the multi-level list (%1.%2.)
    bullet: bool = False  # bullet list item (Symbol U+F0B7)
    runs: list[str] | None = None  # explicit run split; "".join(runs) == text
    inserted: str | None = None  # text appended inside a tracked insertion (w:ins)
    deleted: str | None = None  # text appended inside a tracked deletion (w:del/w:delText)
    lines: list[str] | None = None  # if set, the paragraph is these lines joined by w:br
    restart_at: list[int] | None = None  # force the number path here (new w:num + startOverride)


@record(frozen=False)
class Table:
    """A table; ``rows`` holds cell texts, "\\n" in a cell makes several paragraphs."""

    rows: list[list[str]]


@record(frozen=False)
class _AutoP(P):
    """Internal: a numbered item whose label has no trailing dot, or a bullet with a marker."""

    dotted: bool = True
    marker: str = "•"


_BULLET_TEXT = {"•": "\uf0b7", "-": "-", "–": "–"}


def _abstract_xml(abstract_id: int, texts: list[str], fmt: str, symbol: bool) -> Any:
    levels = []
    for i, text in enumerate(texts):
        font = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>'
        levels.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr>'
            f"{font if symbol else ''}</w:lvl>"
        )
    return etree.fromstring(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
    )


class _Builder:
    """One document under construction: python-docx body plus a mirrored numbering model."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        self.numbering_el = self.doc.part.numbering_part.element
        ids = [int(x) for x in self.numbering_el.xpath("./w:abstractNum/@w:abstractNumId")]
        self.next_abstract = max(ids, default=-1) + 1
        nums = [int(x) for x in self.numbering_el.xpath("./w:num/@w:numId")]
        self.next_num = max(nums, default=0) + 1
        self.model = Numbering()
        self.state = NumberingState(self.model)
        self.current: dict[str, str] = {}  # abstract key -> numId in use
        self.abstract_ids: dict[str, str] = {}
        self.paragraphs: list[Any] = []

    def _abstract(self, key: str) -> str:
        """The abstractNum for a list kind ("dotted", "plain", "bullet:•"), created lazily."""
        if key in self.abstract_ids:
            return self.abstract_ids[key]
        if key.startswith("bullet:"):
            marker = _BULLET_TEXT.get(key[7:], key[7:])
            el = _abstract_xml(self.next_abstract, [marker] * 9, "bullet", marker == "\uf0b7")
        else:
            dot = "." if key == "dotted" else ""
            texts = [".".join(f"%{k}" for k in range(1, i + 2)) + dot for i in range(9)]
            el = _abstract_xml(self.next_abstract, texts, "decimal", False)
        first_num = self.numbering_el.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.numbering_el.append(el)
        aid = str(self.next_abstract)
        self.next_abstract += 1
        abstract = AbstractNum(id=aid)
        for lvl_el in el.iter(_W + "lvl"):
            lvl = parse_level(lvl_el)
            abstract.levels[lvl.ilvl] = lvl
        self.model.abstracts[aid] = abstract
        self.abstract_ids[key] = aid
        self._new_num(key, None)
        return aid

    def _new_num(self, key: str, path: list[int] | None) -> str:
        aid = self.abstract_ids[key]
        nid = str(self.next_num)
        self.next_num += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for k, v in enumerate(path or ())
        )
        self.numbering_el.append(etree.fromstring(
            f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
            f"{overrides}</w:num>"
        ))
        self.model.nums[nid] = Num(id=nid, abstract_id=aid,
                                   start_overrides=dict(enumerate(path or ())))
        self.current[key] = nid
        return nid

    @staticmethod
    def _key(p: P) -> str | None:
        if p.bullet:
            return "bullet:" + (p.marker if isinstance(p, _AutoP) else "•")
        if p.num_level is not None:
            return "dotted" if not isinstance(p, _AutoP) or p.dotted else "plain"
        return None

    def natural_label(self, p: P) -> str | None:
        """The label the next numbered item would get without a restart."""
        key = self._key(p)
        if key is None or p.bullet:
            return None
        self._abstract(key)
        return self.state.copy().label(self.current[key], p.num_level or 0)

    def add(self, item: P | Table) -> None:
        if isinstance(item, Table):
            self._table(item)
            return
        para = self.doc.add_paragraph(style=item.style)
        self.paragraphs.append(para)
        if item.lines is not None:
            for i, line in enumerate(item.lines):
                run = para.add_run(line)
                if i < len(item.lines) - 1:
                    run.add_break()
        else:
            runs = item.runs if item.runs is not None else [item.text]
            if "".join(runs) != item.text:
                raise ValueError(f"runs {runs!r} do not join to {item.text!r}")
            for text in runs:
                if text:
                    para.add_run(text)
        if item.inserted:
            para._p.append(_revision("ins", "t", item.inserted))
        if item.deleted:
            para._p.append(_revision("del", "delText", item.deleted))
        key = self._key(item)
        if key is not None:
            if item.bullet and item.num_level is not None:
                raise ValueError("a paragraph is either a bullet or numbered, not both")
            self._abstract(key)
            if item.restart_at is not None and not item.bullet:
                self._new_num(key, item.restart_at)
            ilvl = 0 if item.bullet else item.num_level or 0
            self.state.label(self.current[key], ilvl)
            numpr = para._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = ilvl
            numpr.get_or_add_numId().val = int(self.current[key])

    def _table(self, table: Table) -> None:
        cols = max((len(r) for r in table.rows), default=1)
        grid = self.doc.add_table(rows=len(table.rows), cols=cols)
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                cell = grid.cell(r, c)
                first, *rest = text.split("\n")
                cell.paragraphs[0].add_run(first)
                for line in rest:
                    cell.add_paragraph(line)
                self.paragraphs.append(cell.paragraphs[0])

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


_rev_id = iter(range(1, 1 << 30))


def _revision(tag: str, text_tag: str, text: str) -> Any:
    rev = OxmlElement(f"w:{tag}")
    rev.set(qn("w:id"), str(next(_rev_id)))
    rev.set(qn("w:author"), "jdlint tests")
    rev.set(qn("w:date"), _DATE)
    run = OxmlElement("w:r")
    t = OxmlElement(f"w:{text_tag}")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    rev.append(run)
    return rev


def build_docx(
    items: Sequence[P | Table],
    *,
    header: str | None = None,
    footer: str | None = None,
    comment: tuple[int, str] | None = None,
) -> bytes:
    """Build a DOCX from paragraphs and tables; ``comment=(item index, text)`` adds a comment."""
    builder = _Builder()
    anchors = []
    for item in items:
        builder.add(item)
        anchors.append(builder.paragraphs[-1] if builder.paragraphs else None)
    section = builder.doc.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    if comment is not None:
        index, text = comment
        para = anchors[index]
        if para is None:
            raise ValueError(f"no paragraph to comment at item {index}")
        runs = para.runs or [para.add_run("")]
        builder.doc.add_comment(runs, text=text, author="jdlint tests", initials="JT")
    return builder.save()


_TYPED = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,8})(\.?) (\S.*)")
_BULLET = re.compile(r"([-•–]) (\S.*)")
_LONG_WORD = re.compile(r"\w{7,}")
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _split_runs(text: str) -> list[str]:
    runs: list[str] = []
    pos = 0
    for m in _LONG_WORD.finditer(text):
        cut = m.start() + len(m.group()) // 2
        runs.append(text[pos:cut])
        pos = cut
    runs.append(text[pos:])
    return [r for r in runs if r] or [""]


def _line_item(line: str, numbering: str) -> P:
    clean = _XML_BAD.sub("", line)
    if numbering == "auto":
        norm = normalize(clean)
        m = _TYPED.fullmatch(norm)
        if m:
            path = [int(x) for x in m.group(1).split(".")]
            if all(path) and (len(path) > 1 or m.group(2)):
                return _AutoP(m.group(3), num_level=len(path) - 1, dotted=bool(m.group(2)),
                              restart_at=path)
        b = _BULLET.fullmatch(norm)
        if b:
            return _AutoP(b.group(2), bullet=True, marker=b.group(1))
    return P(clean)


def text_to_docx(
    text: str, *, numbering: Literal["auto", "typed"] = "auto", split_runs: bool = False
) -> bytes:
    """Render a plain-text instruction as DOCX, one paragraph per line.

    With ``numbering="auto"`` typed decimal clause numbers ("1.", "2.3.", "2.3.1") become Word
    auto-numbering at the level given by their component count, and "- ", "• ", "– " lines
    become bullets; a ``restart_at`` is emitted wherever Word's natural sequence would differ
    from the typed number, so the visible numbers equal the typed ones.
    """
    builder = _Builder()
    for line in text.splitlines():
        item = _line_item(line, numbering)
        if isinstance(item, _AutoP) and item.restart_at is not None:
            path = item.restart_at
            expected = ".".join(map(str, path)) + ("." if item.dotted else "")
            if builder.natural_label(item) == expected:
                item.restart_at = None
        if split_runs:
            item.runs = _split_runs(item.text)
        builder.add(item)
    return builder.save()


NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
_PART_TYPES = {"styles": "styles", "numbering": "numbering", "header": "header",
               "footer": "footer", "comments": "comments", "settings": "settings"}
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def xml_docx(body: str, parts: dict[str, str] | None = None) -> bytes:
    """A minimal DOCX from hand-written XML, for reader tests of constructs python-docx hides.

    ``body`` is the inside of ``w:body`` (namespaces ``w r mc wp a wps v`` are declared);
    ``parts`` maps names under ``word/`` ("styles.xml", "numbering.xml", "header1.xml", ...)
    to full XML. The document relates to each part with id ``rId_<stem>`` ("rId_header1").
    """
    parts = parts or {}
    rels = []
    for name in parts:
        stem = name.rsplit(".", 1)[0]
        kind = _PART_TYPES.get(stem.rstrip("0123456789"), stem)
        rels.append(f'<Relationship Id="rId_{stem}" Type="{_REL_BASE}{kind}" Target="{name}"/>')
    rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>'))
        zf.writestr("_rels/.rels", (
            f'<Relationships xmlns="{rel_ns}"><Relationship Id="rId1" '
            f'Type="{_REL_BASE}officeDocument" Target="word/document.xml"/></Relationships>'))
        zf.writestr("word/_rels/document.xml.rels",
                    f'<Relationships xmlns="{rel_ns}">{"".join(rels)}</Relationships>')
        zf.writestr("word/document.xml",
                    f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>")
        for name, xml in parts.items():
            zf.writestr(f"word/{name}", xml)
    return out.getvalue()
