"""DOCX reader: turns the bytes of a Word file into a :class:`~jdlint.core.model.RawDocument`.

This module owns the walk of the WordprocessingML stories (body, table cells, headers/footers,
text boxes, footnotes and endnotes) in reading order, run joining, tracked changes and fields,
line-break splitting, the paragraph limits, and the wiring of :mod:`jdlint.readers.numbering`
(numbering and paragraph styles), :mod:`jdlint.readers.docxnotes` (parts, notes) and
:mod:`jdlint.readers.package` (the ZIP and XML safety checks). It uses zipfile and lxml
directly (python-docx is ~3x slower and hides numbering, text boxes and revisions).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from jdlint.core.errors import InputError
from jdlint.core.model import Block, BlockKind, RawDocument, Revisions
from jdlint.readers.cells import join_number_cell
from jdlint.readers.docxcounts import DocxCounts as _Counts
from jdlint.readers.docxnotes import (
    NOTE_REFS,
    header_parts,
    main_part,
    note_parts,
    places,
    read_notes,
)
from jdlint.readers.limits import MAX_CHARS, MAX_PARAGRAPHS, check_text_size, too_long
from jdlint.readers.notes import attach_notes, read_textbox
from jdlint.readers.numbering import Numbering, NumberingState
from jdlint.readers.package import Package
from jdlint.readers.paragraphs import append_lines
from jdlint.readers.partcache import numbering_of, styles_of
from jdlint.readers.styles import Styles
from jdlint.readers.wml import W_NS, children_of, first_child, paragraph_props
from jdlint.readers.wml import int_or_none as int_or_none  # NOTE: tests read them here
from jdlint.readers.wml import num_pr as num_pr
from jdlint.readers.wmltext import visible_text as _visible_text

MAX_TABLE_DEPTH = 16
MAX_RUNS = 100_000  # text pieces (runs, tabs, breaks) of one paragraph; a long one has hundreds

_W = "{" + W_NS + "}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
(W_P, W_R, W_T, W_TBL, W_TR, W_TC, W_PPR, W_RPR, W_TAB, W_BR, W_CR, W_INS, W_DEL, W_MOVETO,
 W_MOVEFROM, W_FLDCHAR, W_SYM, W_DRAWING, W_PICT, W_SDT, W_SDTCONTENT, W_CUSTOMXML, W_TXBX,
 W_SECTPR, W_COMMENT, W_NUMPR, W_VANISH, W_NOBREAK, W_PTAB, W_BODY) = (
    _W + t for t in (
        "p r t tbl tr tc pPr rPr tab br cr ins del moveTo moveFrom fldChar sym drawing pict "
        "sdt sdtContent customXml txbxContent sectPr comment numPr vanish "
        "noBreakHyphen ptab body").split())  # fmt: skip
_VAL = _W + "val"
_PSTYLE, _OUTLINE = _W + "pStyle", _W + "outlineLvl"
_TRANSPARENT = frozenset(_W + t for t in "hyperlink smartTag fldSimple dir bdo customXml".split())
_COMMENT_MARKS = frozenset((_W + "commentReference",))
_MC_ALT, _MC_CHOICE = _MC + "AlternateContent", _MC + "Choice"
# NOTE: ruby (phonetic guide) shows its base text on the line; the guide above it is not the
# sentence. Equations (Office Math) show their m:t text in the paragraph.
_RUBY, _RUBY_BASE = _W + "ruby", _W + "rubyBase"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MATH = frozenset((_M + "oMath", _M + "oMathPara"))
_MATH_T = _M + "t"
_OFF = ("0", "false", "off")
# NOTE: the run content that is text of its own (shown unless inside a field's instruction),
# and the tracked changes, which are counted (and read only when inserted or moved in).
_VISIBLE = frozenset((W_T, W_TAB, W_PTAB, W_BR, W_CR, W_NOBREAK, W_SYM))
_REVISIONS = frozenset((W_INS, W_MOVETO, W_DEL, W_MOVEFROM))
# NOTE: frequent children that carry no text and that ``run_part`` passes over (issue 19)
_IGNORED = frozenset(_W + t for t in
                     "pPr rPr proofErr bookmarkStart bookmarkEnd lastRenderedPageBreak".split())
# NOTE: the w:p under the body (what ``body.iter(W_P)`` yields), counted by libxml2 without an
# element object for each (issue 19)
_COUNT_P = etree.XPath("count(.//w:p)", namespaces={"w": W_NS})


class _Story:
    """Walks one story (body, a header/footer part, text boxes) and appends its blocks."""

    def __init__(self, kind: BlockKind, out: list[Block], styles: Styles, numbering: Numbering,
                 counts: _Counts, textboxes: _Story | None) -> None:
        self.kind, self.out, self.styles, self.counts = kind, out, styles, counts
        self.state = NumberingState(numbering)
        self.known = self.state._fast  # NOTE: keys: labels given before without a look-up
        self.numbering = numbering
        self.textboxes = textboxes
        self.paragraph = 0
        self.anchor = 0  # the text-box story: body paragraph of the box being read
        self.table = 0
        self.hidden = 0  # complex fields on the stack still in their instruction part
        self.fields: list[bool] = []
        self.sect_prs: list[Any] = []
        # NOTE: per style id, what ``Styles.resolved`` and ``Styles.name`` say (one look-up a
        # paragraph instead of two calls; both answer from the style id alone)
        self.style_info: dict[str | None, tuple[str | None, int | None, int | None,
                                                str | None]] = {}
        # NOTE: False when the part holding this story has no w:vanish at all: then no run is
        # hidden and a run's properties need no look (issue 19); True checks every run
        self.vanish = True

    def container(self, el: Any, cell: tuple[int, int, int] | None, depth: int) -> None:
        for child in el:
            tag = child.tag
            if tag == W_P:
                self.para(child, cell, depth)
            elif tag == W_TBL:
                self.tbl(child, cell, depth + 1)
            elif tag == W_SDT:
                content = first_child(child, W_SDTCONTENT)
                if content is not None:
                    self.container(content, cell, depth)
            elif tag in (W_CUSTOMXML, W_INS, W_MOVETO):
                self.container(child, cell, depth)
            elif tag == _MC_ALT:
                choice = first_child(child, _MC_CHOICE)
                if choice is not None:
                    self.container(choice, cell, depth)
            elif tag == W_SECTPR:
                self.sect_prs.append(child)

    def tbl(self, tbl: Any, cell: tuple[int, int, int] | None, depth: int) -> None:
        if depth > MAX_TABLE_DEPTH:
            raise InputError(f"tables nested more than {MAX_TABLE_DEPTH} levels deep")
        if cell is None:
            self.table += 1
        for r, tr in enumerate(children_of(tbl, W_TR), 1):
            starts: list[int] = []
            for c, tc in enumerate(children_of(tr, W_TC), 1):
                starts.append(len(self.out))
                self.container(tc, cell or (self.table, r, c), depth)
            # NOTE: "№ | text" rows: the number cell and the text cell are one clause
            if len(starts) >= 2 and self.kind == "paragraph":
                join_number_cell(self.out, starts[0], starts[1],
                                 starts[2] if len(starts) > 2 else len(self.out))

    def para(self, p: Any, cell: tuple[int, int, int] | None, depth: int) -> None:
        self.paragraph += 1
        self.counts.paragraphs += 1
        if self.counts.paragraphs > MAX_PARAGRAPHS:
            raise too_long(self.counts.paragraphs, "paragraphs", MAX_PARAGRAPHS, more=True)
        # NOTE: Word writes the properties first: the runs are then read from the same walk of
        # the children, past them (``inline`` passes over a w:pPr without effect; issue 19)
        content: Any = iter(p)
        ppr = next(content, None)
        if ppr is None:
            content = ()
        elif ppr.tag != W_PPR:
            ppr = first_child(p, W_PPR) if len(p) > 1 else None
            content = p
        sid = num_id = None
        ilvl: int | None = None
        outline: int | None = None
        if ppr is not None:
            sid, num_id, ilvl, outline, sect = paragraph_props(ppr)
            if sect is not None:
                self.sect_prs.append(sect)
        info = self.style_info.get(sid)
        if info is None:
            info = self.style_info[sid] = (*self.styles.resolved(sid), self.styles.name(sid))
        s_num, s_ilvl, heading, style_name = info
        if outline is not None:
            heading = outline + 1 if 0 <= outline < 9 else None
        if num_id is None:
            num_id = s_num
        if num_id is not None and ilvl is None:
            ilvl = s_ilvl
            if ilvl is None and sid is not None:
                ilvl = self.numbering.style_level(sid)
        parts: list[str] = []
        before = self.counts.changes
        self.inline(content, parts, depth)
        if self.kind == "paragraph" and self.counts.changes != before:
            self.counts.places.append(len(self.out))
        label = list_id = list_level = None
        # NOTE: a (numId, ilvl) the state answers fast had a level once, and found levels stay
        # (``Numbering.level`` caches them): no look-up for it again (issue 19)
        if num_id and num_id != "0" and ((num_id, ilvl or 0) in self.known or self.numbering.level(
                num_id, ilvl or 0) is not None):
            label = self.state.label(num_id, ilvl or 0)
            list_id, list_level = num_id, ilvl or 0
        kind: BlockKind = "cell" if cell is not None and self.kind == "paragraph" else self.kind
        if len(parts) > MAX_RUNS:
            raise InputError(f"a paragraph has more than {MAX_RUNS:,} pieces of text "
                             f"(limit {MAX_RUNS:,})")
        text = "".join(parts)
        # NOTE: counted as produced, not at the end: memory stays bounded by the limit
        self.counts.chars += len(text) + len(label or "")
        if self.counts.chars > MAX_CHARS:
            raise too_long(self.counts.chars, "characters of text", MAX_CHARS, more=True)
        # NOTE: about half the paragraphs of real files are empty spacing, giving no block: not
        # built (issue 19); at the block limit ``append_lines`` raises for them too
        if text or label or len(self.out) >= MAX_PARAGRAPHS:
            append_lines(self.out, text, self.paragraph, cell, kind, style_name, label,
                         list_level, list_id, heading)

    def inline(self, el: Any, out: list[str], depth: int) -> None:
        """Collect the visible text under a paragraph (or run) element into ``out``."""
        mark = False  # NOTE: a custom note mark ("*") is the text after its reference: no text
        for child in el:
            tag = child.tag
            # NOTE: the commonest children first, without run_part's chain of tests
            if tag == W_T:
                if mark:
                    mark = False
                elif not self.hidden:
                    out.append(child.text or "")
            elif tag == W_R:
                if self.vanish:
                    self.run(child, out, depth)
                else:
                    self.inline(child, out, depth)
                mark = False
            elif tag in _IGNORED:
                mark = False
            elif tag in _VISIBLE:
                if not self.hidden:
                    out.append(_visible_text(child, tag))
            elif tag in _REVISIONS:
                self.revision(child, tag, out, depth)
            else:
                self.run_part(child, tag, out, depth)
                mark = tag in NOTE_REFS and child.get(_W + "customMarkFollows") in ("1", "true")

    def revision(self, el: Any, tag: str, out: list[str], depth: int) -> None:
        """Count a tracked change; inserted and moved-in text is read, deleted text is not."""
        self.counts.changes += 1
        if tag == W_INS:
            self.counts.ins += 1
        elif tag == W_MOVETO:
            self.counts.move_to += 1
        elif tag == W_DEL:
            self.counts.dels += 1
        else:
            self.counts.move_from += 1
        if tag in (W_INS, W_MOVETO):
            self.inline(el, out, depth)

    def run(self, r: Any, out: list[str], depth: int) -> None:
        """A run's text, unless the run is hidden."""
        rpr = first_child(r, W_RPR)
        if rpr is not None and (v := first_child(rpr, W_VANISH)) is not None \
                and v.get(_VAL) not in _OFF:
            return  # hidden text: Word does not show it
        self.inline(r, out, depth)

    def run_part(self, child: Any, tag: str, out: list[str], depth: int) -> None:
        """Runs, content controls, alternate content, fields, drawings and comment marks."""
        if tag == W_R:
            self.run(child, out, depth)
        elif tag == W_FLDCHAR:
            self.field(child.get(_W + "fldCharType"))
        elif tag in _TRANSPARENT:
            self.inline(child, out, depth)
        elif tag == W_SDT:
            content = first_child(child, W_SDTCONTENT)
            if content is not None:
                self.inline(content, out, depth)
        elif tag == _MC_ALT:
            # NOTE: text boxes are stored twice (DrawingML Choice + VML Fallback): take one.
            choice = first_child(child, _MC_CHOICE)
            if choice is not None:
                self.inline(choice, out, depth)
        elif tag == W_DRAWING or tag == W_PICT:
            self.boxes(child, depth)
        elif tag == _RUBY:
            base = first_child(child, _RUBY_BASE)
            if base is not None:
                self.inline(base, out, depth)
        elif tag in _MATH:
            if not self.hidden:
                out.append("".join(t.text or "" for t in child.iter(_MATH_T)))
        elif tag in _COMMENT_MARKS:
            self.counts.comment_marks += 1
            self.counts.changes += 1
        elif tag in NOTE_REFS and not self.hidden and self.kind in ("paragraph", "textbox"):
            # NOTE: the mark's number is drawn by Word, not in the text: nothing is glued on
            self.counts.refs.append((NOTE_REFS[tag], child.get(_W + "id", ""), self.where()))

    def field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)
            self.hidden += 1
        elif kind == "separate" and self.fields and not self.fields[-1]:
            self.fields[-1] = True
            self.hidden -= 1
        elif kind == "end" and self.fields:
            if not self.fields.pop():
                self.hidden -= 1

    def _next_box(self) -> int:
        self.counts.boxes += 1
        return self.counts.boxes

    def where(self) -> int:
        """The body paragraph a mark or anchor read now belongs to."""
        return self.anchor if self.kind == "textbox" else self.paragraph

    def boxes(self, el: Any, depth: int) -> None:
        """Send the text boxes under a drawing to the text-box story (never into this text)."""
        for child in el:
            if child.tag == W_TXBX:
                if depth >= MAX_TABLE_DEPTH:
                    raise InputError(f"text boxes nested more than {MAX_TABLE_DEPTH} levels deep")
                if self.textboxes is not None:
                    read_textbox(self.textboxes, child, depth, self._next_box, self.where)
            elif isinstance(child.tag, str):
                self.boxes(child, depth)


def _has_vanish(root: Any) -> bool:
    """Whether any w:vanish is in the part (lxml's C walk hands over only those)."""
    return next(root.iter(W_VANISH), None) is not None


def read_docx(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a DOCX file's bytes into blocks in reading order.

    Raises :class:`InputError` with a one-line reason for anything that is not a readable,
    safe Word document (not a ZIP, truncated, ZIP bomb, malformed or entity-laden XML).
    """
    pkg = Package(data)
    main = main_part(pkg)
    root = pkg.xml(main)
    body = root.find(W_BODY)
    if root.tag != _W + "document" or body is None:
        raise InputError(f"not a Word document: {main} has no WordprocessingML body "
                         "(Strict Open XML is not supported: save as a Word Document)")
    paragraphs = int(_COUNT_P(body))
    if paragraphs > MAX_PARAGRAPHS:
        raise too_long(paragraphs, "paragraphs", MAX_PARAGRAPHS)
    rels = pkg.rels(main)
    by_type: dict[str, str] = {}
    for rel_type, target in rels.values():
        if pkg.has(target):
            by_type.setdefault(rel_type, target)
    styles = styles_of(pkg, by_type.get("styles"))
    numbering = numbering_of(pkg, by_type.get("numbering"))
    counts = _Counts()
    boxes: list[Block] = []
    box_story = _Story("textbox", boxes, styles, numbering, counts, None)
    box_story.textboxes = box_story
    blocks: list[Block] = []
    story = _Story("paragraph", blocks, styles, numbering, counts, box_story)
    story.vanish = box_story.vanish = _has_vanish(root)
    story.container(body, None, 0)

    def note_story(kind: BlockKind, out: list[Block]) -> _Story:
        walker = _Story(kind, out, styles, numbering, counts, None)
        walker.textboxes = walker  # a text box inside a note is the note's text
        return walker

    notes = read_notes(note_parts(pkg, by_type), counts.refs, note_story)
    headers: list[Block] = []
    footers: list[Block] = []
    even = None
    for part, kind, where in header_parts(story.sect_prs, rels):
        if kind == "even":
            if even is None:
                even = "settings" in by_type and pkg.xml(by_type["settings"]).find(
                    _W + "evenAndOddHeaders") is not None
            if not even:
                continue
        if not pkg.has(part):
            continue
        out = headers if where == "header" else footers
        sub = _Story(where, out, styles, numbering, counts, None)
        sub.textboxes = sub
        part_root = pkg.xml(part)
        sub.vanish = _has_vanish(part_root)
        sub.container(part_root, None, 0)
    stories = (*blocks, *headers, *footers, *notes, *boxes)
    check_text_size(len(stories), sum(len(b.text) for b in stories))
    comments = counts.comment_marks
    if "comments" in by_type:
        comments = sum(1 for _ in pkg.xml(by_type["comments"]).iter(W_COMMENT))
    revisions = Revisions(insertions=counts.ins, deletions=counts.dels, comments=comments,
                          moves=max(counts.move_to, counts.move_from),
                          blocks=places(counts.places, len(blocks)))
    every = attach_notes(blocks, notes, boxes)
    return RawDocument(path=path, display_path=display_path, format="docx",
                       blocks=every, headers=tuple(headers), footers=tuple(footers),
                       textboxes=tuple(b for b in every if b.kind == "textbox"),
                       revisions=revisions)
