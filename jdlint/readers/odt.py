"""ODT reader: turns an OpenDocument text into the same :class:`~jdlint.core.model.RawDocument` the
DOCX reader makes, so that every check reads it unchanged.

This module owns the walk of ``content.xml`` (paragraphs ``text:p``, headings ``text:h`` with
their outline level, lists, tables in reading order with cell locations, sections; text boxes
and footnotes/endnotes apart, marked by :mod:`jdlint.readers.notes`), the headers and footers
of the master pages in ``styles.xml`` (kept apart, as for DOCX), tracked changes
(``text:tracked-changes``: deleted text lives only there and is dropped, inserted text stays;
both are counted as DOCX's ``w:ins``/``w:del`` are), comments, spaces (``text:s``), tabs and
line breaks. List labels come from :mod:`jdlint.readers.odfnumbering`; the ZIP and XML safety
limits are those of :class:`jdlint.readers.package.Package`.
"""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path
from typing import Any

from jdlint.core.errors import InputError
from jdlint.core.model import Block, BlockKind, RawDocument, Revisions
from jdlint.core.records import record
from jdlint.readers.cells import join_number_cell
from jdlint.readers.limits import MAX_CHARS, MAX_PARAGRAPHS, check_text_size, too_long
from jdlint.readers.notes import attach_notes, read_textbox, tag_note
from jdlint.readers.odfnumbering import (
    MAX_ODF_LEVELS,
    STYLE_NS,
    TEXT_NS,
    Chain,
    ListCounters,
    ListStyle,
)
from jdlint.readers.odfparts import encrypted, rows, tracked_changes
from jdlint.readers.odfstyles import OdfStyles
from jdlint.readers.package import Package
from jdlint.readers.paragraphs import Paragraph, append_paragraph

MAX_TABLE_DEPTH = 16
_T, _S = "{" + TEXT_NS + "}", "{" + STYLE_NS + "}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
T_P, T_H, T_LIST, T_ITEM, T_HEADER_ITEM = _T + "p", _T + "h", _T + "list", _T + "list-item", \
    _T + "list-header"
_TABLE_T, _CELL = _TABLE + "table", _TABLE + "table-cell"
# NOTE: containers whose paragraphs are body text in reading order.
_TRANSPARENT_BLOCKS = frozenset((_T + "section", _T + "index-body", _T + "soft-page-break",
                                 _T + "table-of-content", _T + "alphabetical-index",
                                 _T + "illustration-index", _T + "table-index",
                                 _T + "user-index", _T + "bibliography"))
# NOTE: inline elements whose text is not part of the line (the cached label of a list
# item, a comment, ruby annotation, a tracked-changes log); a note goes to its own story.
_SKIPPED_INLINE = frozenset((_T + "number", _OFFICE + "annotation",
                             _T + "ruby-text", _T + "tracked-changes", _T + "hidden-text",
                             _T + "bookmark", _T + "bookmark-start", _T + "bookmark-end"))


@record(frozen=False, slots=True)
class _Counts:
    ins: int = 0
    dels: int = 0
    comments: int = 0
    paragraphs: int = 0
    boxes: int = 0  # text boxes numbered in reading order
    footnote: int = 0  # notes of each class numbered in reading order
    endnote: int = 0
    spaces: int = 0  # made by text:s, against MAX_CHARS (20 bytes of XML can ask for 100)
    places: list[int] = field(default_factory=list)


class _Story:
    """Walks one story (the body, a header or footer, text boxes) and appends its blocks."""

    def __init__(self, kind: BlockKind, out: list[Block], styles: OdfStyles, counts: _Counts,
                 changes: dict[str, str], textboxes: _Story | None) -> None:
        self.kind, self.out, self.styles, self.counts = kind, out, styles, counts
        self.changes = changes
        self.textboxes = textboxes
        self.lists = ListCounters()
        self.outline = Chain("outline", styles.outline or ListStyle("Outline"))
        self.paragraph = 0
        self.table = 0
        self.anchor = 0  # the text-box story: body paragraph of the box being read
        self.notes: dict[str, _Story] = {}  # footnote/endnote stories (body and text boxes)

    def container(self, el: Any, cell: tuple[int, int, int] | None, depth: int) -> None:
        for child in el:
            tag = child.tag
            if tag == T_P or tag == T_H:
                self.para(child, cell, depth, None)
            elif tag == T_LIST:
                self.items(child, cell, depth, None, 0)
            elif tag == _TABLE_T:
                self.tbl(child, cell, depth + 1)
            elif tag in _TRANSPARENT_BLOCKS:
                self.container(child, cell, depth)
            elif tag == _T + "change-start" or tag == _T + "change":
                self.mark(child)

    def items(self, el: Any, cell: tuple[int, int, int] | None, depth: int,
             chain: Chain | None, level: int) -> None:
        """A ``text:list``: its items numbered in ``chain`` (a new or continued one at the top)."""
        if level >= MAX_ODF_LEVELS:
            # NOTE: deeper than any list style: read the text, number nothing.
            for item in el:
                self.container(item, cell, depth)
            return
        if chain is None:
            name = el.get(_T + "style-name") or self._first_style(el)
            style = self.styles.lists.get(name or "") or ListStyle(name or "")
            chain = self.lists.open_list(
                style, el.get(_XML_ID), el.get(_T + "continue-numbering") == "true",
                el.get(_T + "continue-list"))
        for item in el:
            if item.tag not in (T_ITEM, T_HEADER_ITEM):
                continue
            numbered = item.tag == T_ITEM
            start = item.get(_T + "start-value")
            first = True
            for child in item:
                if child.tag == T_P or child.tag == T_H:
                    # NOTE: only an item's first paragraph gets the label; a list item holding
                    # only a sub-list draws no label at its own level.
                    label = None
                    if numbered and first:
                        override = self.styles.lists.get(item.get(_T + "style-override") or "")
                        label = self.lists.label(chain, level, _start(start), override)
                    self.para(child, cell, depth, (label, chain.id, level) if first else None)
                    first = False
                elif child.tag == T_LIST:
                    self.items(child, cell, depth, chain, level + 1)
                    first = False
                elif child.tag == _TABLE_T:
                    self.tbl(child, cell, depth + 1)

    def _first_style(self, el: Any) -> str | None:
        for p in el.iter(T_P, T_H):
            return self.styles.list_style(p.get(_T + "style-name"))
        return None

    def tbl(self, tbl: Any, cell: tuple[int, int, int] | None, depth: int) -> None:
        if depth > MAX_TABLE_DEPTH:
            raise InputError(f"tables nested more than {MAX_TABLE_DEPTH} levels deep")
        if cell is None:
            self.table += 1
        for r, tr in enumerate(rows(tbl), 1):
            starts: list[int] = []
            cells = [c for c in tr if c.tag == _CELL]  # NOTE: covered (merged) cells skipped
            for c, tc in enumerate(cells, 1):
                starts.append(len(self.out))
                self.container(tc, cell or (self.table, r, c), depth)
            if len(starts) >= 2 and self.kind == "paragraph":
                join_number_cell(self.out, starts[0], starts[1],
                                 starts[2] if len(starts) > 2 else len(self.out))

    def para(self, p: Any, cell: tuple[int, int, int] | None, depth: int,
             listed: tuple[str | None, str, int] | None) -> None:
        self.paragraph += 1
        self.counts.paragraphs += 1
        if self.counts.paragraphs > MAX_PARAGRAPHS:
            raise too_long(self.counts.paragraphs, "paragraphs", MAX_PARAGRAPHS, more=True)
        sid = p.get(_T + "style-name")
        heading: int | None = None
        label = list_id = None
        list_level: int | None = None
        if p.tag == T_H:
            level = _start(p.get(_T + "outline-level")) or 1
            heading = level if 1 <= level <= 9 else None
            if listed is None and p.get(_T + "is-list-header") != "true" and heading:
                start = _start(p.get(_T + "start-value")) \
                    if p.get(_T + "restart-numbering") == "true" else None
                label = self.lists.label(self.outline, heading - 1, start)
                if label is not None:
                    list_id, list_level = "outline", heading - 1
        if listed is not None:
            label, list_id, list_level = listed
            list_level = list_level if label is not None else None
            list_id = list_id if label is not None else None
        parts: list[str] = []
        before = self.counts.ins + self.counts.dels + self.counts.comments
        self.inline(p, parts, depth)
        if self.kind == "paragraph" and \
                self.counts.ins + self.counts.dels + self.counts.comments != before:
            self.counts.places.append(len(self.out))
        kind: BlockKind = "cell" if cell is not None and self.kind == "paragraph" else self.kind
        append_paragraph(self.out, Paragraph(
            "".join(parts), self.paragraph, cell, kind, self.styles.name(sid), label,
            list_level, list_id, heading))

    def mark(self, el: Any) -> None:
        """A change mark in the text: an insertion starts here, or a deletion was here."""
        kind = self.changes.get(el.get(_T + "change-id", ""))
        if kind == "insertion":
            self.counts.ins += 1
        elif kind == "deletion":
            self.counts.dels += 1

    def inline(self, el: Any, out: list[str], depth: int) -> None:
        """Collect the visible text under a paragraph (or span) into ``out``."""
        text: list[str] = out
        if el.text:
            text.append(el.text)
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                pass  # a comment or processing instruction: only its tail is text
            elif tag == _T + "s":
                # NOTE: text:s is the one element that multiplies text: capped per element
                # and in total, so a few MB of XML cannot ask for gigabytes of spaces.
                count = min(max(_start(child.get(_T + "c")) or 1, 1), 100)
                self.counts.spaces += count
                if self.counts.spaces > MAX_CHARS:
                    raise too_long(self.counts.spaces, "characters of spaces", MAX_CHARS,
                                   more=True)
                text.append(" " * count)
            elif tag == _T + "tab":
                text.append("\t")
            elif tag == _T + "line-break":
                text.append("\n")
            elif tag == _T + "change-start" or tag == _T + "change":
                self.mark(child)
            elif tag == _OFFICE + "annotation":
                self.counts.comments += 1
            elif tag in _SKIPPED_INLINE:
                pass
            elif tag == _T + "note":
                self.note(child, depth)  # NOTE: its citation is drawn, not glued to the text
            elif tag == _DRAW + "frame" or tag.startswith(_DRAW):
                self.boxes(child, depth)
            elif tag == _T + "span" and self.styles.hidden(child.get(_T + "style-name")):
                pass
            elif tag.startswith(_T) or tag.startswith(_OFFICE):
                self.inline(child, out, depth)  # spans, links, fields, meta: their text
            if child.tail:
                text.append(child.tail)

    def where(self) -> int:
        """The body paragraph a note mark or a frame read now belongs to."""
        return self.anchor if self.kind == "textbox" else self.paragraph

    def note(self, el: Any, depth: int) -> None:
        """A footnote or endnote: its body to its own story, numbered as the citation."""
        kind: BlockKind = "endnote" if el.get(_T + "note-class") == "endnote" else "footnote"
        story, body = self.notes.get(kind), el.find(_T + "note-body")
        if story is None or body is None:
            return
        if kind == "footnote":
            number = self.counts.footnote = self.counts.footnote + 1
        else:
            number = self.counts.endnote = self.counts.endnote + 1
        start = len(story.out)
        story.container(body, None, depth + 1)
        tag_note(story.out, start, kind, number, self.where())

    def boxes(self, el: Any, depth: int) -> None:
        """Send the text under a frame's text box or a shape to the text-box story."""
        if depth >= MAX_TABLE_DEPTH:
            raise InputError(f"text boxes nested more than {MAX_TABLE_DEPTH} levels deep")
        box = self.textboxes
        if box is None:
            return
        if any(child.tag in (T_P, T_LIST) for child in el):
            self.box(box, el, depth)  # a shape holding text itself
        for child in el:
            if child.tag == _DRAW + "text-box":
                self.box(box, child, depth)
            elif isinstance(child.tag, str) and child.tag.startswith(_DRAW):
                self.boxes(child, depth + 1)

    def box(self, box: _Story, el: Any, depth: int) -> None:
        read_textbox(box, el, depth, self._next_box, self.where)

    def _next_box(self) -> int:
        self.counts.boxes += 1
        return self.counts.boxes


def _start(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def read_odt(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read an ODT file's bytes into blocks in reading order.

    Raises :class:`InputError` with a one-line reason for anything that is not a readable,
    safe OpenDocument text (not a ZIP, encrypted, a ZIP bomb, malformed or entity-laden XML).
    """
    pkg = Package(data)
    if encrypted(pkg):
        raise InputError("password-protected (encrypted) OpenDocument file: remove the "
                         "password in LibreOffice and save again")
    if not pkg.has("content.xml"):
        raise InputError("not an OpenDocument text: the ZIP has no content.xml")
    root = pkg.xml("content.xml")
    body = root.find(_OFFICE + "body")
    text = body.find(_OFFICE + "text") if body is not None else None
    if text is None:
        raise InputError("not an OpenDocument text: content.xml has no office:text "
                         "(a spreadsheet or presentation?)")
    paragraphs = sum(1 for _ in text.iter(T_P, T_H))
    if paragraphs > MAX_PARAGRAPHS:
        raise too_long(paragraphs, "paragraphs", MAX_PARAGRAPHS)
    styles = OdfStyles()
    master = pkg.xml("styles.xml") if pkg.has("styles.xml") else None
    styles.add(root.find(_OFFICE + "automatic-styles"), automatic=True)
    if master is not None:
        styles.add(master.find(_OFFICE + "styles"), automatic=False)
    counts = _Counts()
    changes = tracked_changes(text)
    boxes: list[Block] = []
    box_story = _Story("textbox", boxes, styles, counts, changes, None)
    box_story.textboxes = box_story
    notes: dict[BlockKind, list[Block]] = {"footnote": [], "endnote": []}
    for kind, out in notes.items():
        box_story.notes[kind] = _Story(kind, out, styles, counts, changes, None)
        box_story.notes[kind].textboxes = box_story.notes[kind]  # a frame in a note: its text
    blocks: list[Block] = []
    body_story = _Story("paragraph", blocks, styles, counts, changes, box_story)
    body_story.notes = box_story.notes
    body_story.container(text, None, 0)
    headers: list[Block] = []
    footers: list[Block] = []
    if master is not None:
        _master_pages(master, styles, counts, headers, footers)
    stories = (*blocks, *headers, *footers, *notes["footnote"], *notes["endnote"], *boxes)
    check_text_size(len(stories), sum(len(b.text) for b in stories))
    kinds = list(changes.values())
    revisions = Revisions(insertions=max(counts.ins, kinds.count("insertion")),
                          deletions=max(counts.dels, kinds.count("deletion")),
                          comments=counts.comments,
                          blocks=_places(counts.places, len(blocks)))
    every = attach_notes(blocks, notes["footnote"], notes["endnote"], boxes)
    return RawDocument(path=path, display_path=display_path, format="odt",
                       blocks=every, headers=tuple(headers), footers=tuple(footers),
                       textboxes=tuple(b for b in every if b.kind == "textbox"),
                       revisions=revisions)


def _master_pages(master: Any, styles: OdfStyles, counts: _Counts, headers: list[Block],
                  footers: list[Block]) -> None:
    """Headers and footers of every master page (each distinct text once)."""
    # NOTE: the automatic styles of styles.xml are those the header/footer paragraphs use.
    styles.add(master.find(_OFFICE + "automatic-styles"), automatic=True)
    pages = master.find(_OFFICE + "master-styles")
    seen: set[str] = set()
    for page in (pages if pages is not None else ()):
        for part in page:
            tag = part.tag if isinstance(part.tag, str) else ""
            local = tag.rsplit("}", 1)[-1]
            if not local.startswith(("header", "footer")) or part.get(_S + "display") == "false":
                continue
            out: list[Block] = []
            where: BlockKind = "header" if local.startswith("header") else "footer"
            story = _Story(where, out, styles, counts, {}, None)
            story.textboxes = story
            story.container(part, None, 0)
            key = "\n".join(b.text for b in out)
            if not key or (where + key) in seen:
                continue
            seen.add(where + key)
            target = headers if where == "header" else footers
            base = len(target)
            target.extend(_renumber(b, base) for b in out)


def _renumber(block: Block, base: int) -> Block:
    return replace(block, index=block.index + base,
                   source=replace(block.source, block=block.source.block + base))


def _places(places: list[int], count: int) -> tuple[int, ...]:
    """Blocks holding revisions or comments (a paragraph deleted whole points at the next)."""
    if count == 0:
        return ()
    return tuple(sorted({min(p, count - 1) for p in places}))
