"""RTF reader: turns the bytes of an RTF file into a :class:`~jdlint.core.model.RawDocument`.

This module owns the meaning of the tokens :mod:`jdlint.readers.rtflex` yields: the group
stack (iterative, bounded depth), destinations that are not body text (tables of fonts, colours,
styles and lists, pictures, objects, fields' instructions, comments), headers and footers apart
as in DOCX, footnotes, endnotes and shapes' text (``\\shptxt``) apart as notes
(:mod:`jdlint.readers.notes`), paragraphs and line breaks, table cells in reading order
(``\\cell``, ``\\row``, ``\\nestcell``) with the DOCX reader's locations, hidden and deleted
text, and Word's list labels, taken as Word writes them in ``{\\listtext ...}`` (``{\\pntext
...}`` in older files) before each numbered paragraph, not rebuilt from the list table.
"""

from __future__ import annotations

from pathlib import Path

from jdlint.core.errors import InputError
from jdlint.core.model import Block, BlockKind, RawDocument, Revisions
from jdlint.core.text import normalize
from jdlint.readers.cells import join_number_cell
from jdlint.readers.limits import MAX_PARAGRAPHS, check_text_size, too_long
from jdlint.readers.notes import attach_notes, tag_note
from jdlint.readers.paragraphs import Paragraph, append_paragraph
from jdlint.readers.rtflex import (
    CHARS,
    KNOWN_WORDS,
    PARA_PROPS,
    SKIP_DESTINATIONS,
    STORIES,
    SYMBOLS,
    after_fallback,
    tokens,
)
from jdlint.readers.rtftables import (
    Fonts,
    StyleEntry,
    TextBuffer,
    codec_or_none,
    heading_of,
)

__all__ = ["MAX_DEPTH", "read_rtf"]

# NOTE: Word nests groups a few dozen deep; the limit only stops hostile files, and the
# parser keeps its own stack, so no depth can exhaust Python's.
MAX_DEPTH = 500

NORMAL, SKIP, FONTTBL, STYLESHEET, STYLE, LABEL, SHAPE = range(7)

_STARRED = frozenset(("shpinst", "footnote"))  # ignorable destinations read all the same
_ANSI = {"mac": "mac_roman", "pc": "cp437", "pca": "cp850", "ansi": "cp1252"}


class _State:
    """What a group inherits and may change: every property is scoped to its group."""

    __slots__ = ("entry", "font", "hidden", "ilvl", "intbl", "itap", "ls", "mode", "outline",
                 "story", "style", "uc")

    def __init__(self, story: _Story) -> None:
        self.mode = NORMAL
        self.font: int | None = None
        self.uc = 1
        self.hidden = False  # \v hidden text or \deleted text: Word does not show it
        self.intbl = False
        self.itap = 0
        self.style = 0
        self.ls: int | None = None
        self.ilvl: int | None = None
        self.outline: int | None = None
        self.story = story
        self.entry: StyleEntry | None = None

    def copy(self) -> _State:
        new = _State.__new__(_State)
        for name in _State.__slots__:
            setattr(new, name, getattr(self, name))
        return new

    def reset_paragraph(self) -> None:
        self.intbl, self.itap, self.style = False, 0, 0
        self.ls = self.ilvl = self.outline = None


class _Story:
    """One story (the body, one header or footer): its paragraphs, tables and list labels."""

    def __init__(self, reader: _Reader, kind: BlockKind, out: list[Block]) -> None:
        self.reader, self.kind, self.out = reader, kind, out
        self.text = TextBuffer()
        self.label = TextBuffer()
        self.pending_label: str | None = None
        self.paragraph = 0
        self.table = 0
        self.in_table = False
        self.row = self.col = 1
        self.starts: list[int] = []
        self.anchor = 0  # a note or text box: the body paragraph holding it
        self.first = len(out)  # a note or text box: its first block

    def end_paragraph(self, state: _State, cell_end: bool = False) -> None:
        reader = self.reader
        self.paragraph += 1
        reader.paragraphs += 1
        if reader.paragraphs > MAX_PARAGRAPHS:
            raise too_long(reader.paragraphs, "paragraphs", MAX_PARAGRAPHS, more=True)
        intbl = cell_end or state.intbl or state.itap > 0
        if intbl and not self.in_table:
            self.in_table, self.row, self.col = True, 1, 1
            self.table += 1
            self.starts = [len(self.out)]
        elif not intbl:
            self.in_table = False
        cell = (self.table, self.row, self.col) if intbl else None
        label, self.pending_label = self.pending_label, None
        name, style_heading = reader.styles.get(state.style, (None, None))
        heading = heading_of(None, state.outline) if state.outline is not None \
            else style_heading
        list_id = str(state.ls) if label and state.ls is not None else None
        list_level = (state.ilvl or 0) if label else None
        kind: BlockKind = "cell" if cell is not None and self.kind == "paragraph" else self.kind
        append_paragraph(self.out, Paragraph(
            self.text.take(), self.paragraph, cell, kind, name, label, list_level, list_id,
            heading))

    def end_cell(self, state: _State) -> None:
        self.end_paragraph(state, cell_end=True)
        if state.itap <= 1:
            self.col += 1
            self.starts.append(len(self.out))

    def end_row(self) -> None:
        if not self.in_table:
            return
        starts = self.starts[: self.col - 1]
        # NOTE: "№ | text" rows: the number cell and the text cell are one clause (as DOCX)
        if len(starts) >= 2 and self.kind == "paragraph":
            join_number_cell(self.out, starts[0], starts[1],
                             starts[2] if len(starts) > 2 else len(self.out))
        self.row += 1
        self.col = 1
        self.starts = [len(self.out)]

    def end_label(self) -> None:
        text = self.label.take().replace("\t", " ").strip()
        if text and self.pending_label is None:
            self.pending_label = normalize(text)


class _Reader:
    """The token loop: a group stack of :class:`_State`, the stories, the document tables."""

    def __init__(self) -> None:
        self.fonts = Fonts()
        self.styles: dict[int, tuple[str | None, int | None]] = {}
        self.paragraphs = 0
        self.blocks: list[Block] = []
        self.headers: list[Block] = []
        self.footers: list[Block] = []
        self.notes: list[Block] = []  # footnotes and endnotes
        self.boxes: list[Block] = []
        self.numbers = {"footnote": 0, "endnote": 0, "textbox": 0}
        self.starred = False  # the last token was \* (an ignorable destination follows)
        self.flags: set[str] = set()
        self.insertions = self.deletions = self.comments = 0
        self.places: list[int] = []
        self.body = _Story(self, "paragraph", self.blocks)

    def run(self, data: bytes) -> None:
        state = _State(self.body)
        stack: list[_State] = []
        skip = 0  # fallback characters still to drop after a \uN
        skipped = 0  # groups open inside a skipped destination: counted, not stacked
        for kind, name, param, raw in tokens(data):
            if kind == "open":
                if len(stack) + skipped >= MAX_DEPTH:
                    raise InputError(f"RTF groups nested more than {MAX_DEPTH} levels deep")
                skip = 0
                if state.mode == SKIP:
                    skipped += 1
                    continue
                stack.append(state)
                state = state.copy()
                if state.mode == STYLESHEET:
                    state.mode, state.entry = STYLE, StyleEntry()
                continue
            if kind == "close":
                skip = 0
                if skipped:
                    skipped -= 1
                elif stack:
                    closed, state = state, stack.pop()
                    self.closed(closed, state)
                continue
            mode = state.mode
            if mode == SKIP:
                if name == "annotation":
                    self.comments += 1
                elif self.starred and not skipped and kind == "word" and name in _STARRED:
                    # NOTE: LibreOffice writes {\*\footnote}; a shape's text is in \shpinst
                    state.mode = SHAPE if name == "shpinst" else stack[-1].mode
                    if name == "footnote":
                        self.note(state, "footnote")
                self.starred = False
                continue
            self.starred = False
            if skip:
                kept, skip = after_fallback(kind, name, raw, skip)
                if kept is None:
                    continue
                raw = kept
            skip = self.content(state, kind, name, param, raw) or skip
        while stack:
            closed, state = state, stack.pop()
            self.closed(closed, state)
        if state.story.text or state.story.pending_label:
            state.story.end_paragraph(state)

    def content(self, state: _State, kind: str, name: str, param: int | None, raw: bytes
                ) -> int:
        """One token of a group that is read (not skipped); returns the \\uN fallback count."""
        mode = state.mode
        if mode == NORMAL or mode == LABEL:
            if kind == "word":
                return self.word(state, name, param)
            if kind == "text" or kind == "hex":
                if not state.hidden:
                    buffer = state.story.label if mode == LABEL else state.story.text
                    buffer.add_bytes(raw, self.fonts.codec(state.font))
            else:
                self.symbol(state, name)
        elif kind == "symbol" and name == "*":
            state.mode = SKIP  # an ignorable destination inside a table
        elif mode == SHAPE and kind == "word" and name == "shptxt":
            self.note(state, "textbox")
        elif mode == FONTTBL:
            self.fonts.token(kind, name, param)
        elif state.entry is not None and mode == STYLE:
            state.entry.token(kind, name, param, raw)
        return 0

    def closed(self, closed: _State, parent: _State) -> None:
        """A group ended: finish what it held (a list label, a style, a header story)."""
        if closed.mode == LABEL and parent.mode != LABEL:
            closed.story.end_label()
        elif closed.mode == STYLE and parent.mode == STYLESHEET and closed.entry is not None:
            entry = closed.entry
            if entry.number is not None:
                text = entry.name.decode(self.fonts.ansi, errors="replace")
                label = text.split(";")[0].strip() or None
                self.styles[entry.number] = (label, heading_of(label, entry.outline))
        elif closed.story is not parent.story:
            story = closed.story
            if story.text or story.pending_label:
                story.end_paragraph(closed)
            if story.kind in self.numbers:
                self.numbers[story.kind] = number = self.numbers[story.kind] + 1
                tag_note(story.out, story.first, story.kind, number, story.anchor)

    def word(self, state: _State, name: str, param: int | None) -> int:
        """Apply one control word in body text; returns the \\uN fallback characters to skip."""
        if name not in KNOWN_WORDS:
            return 0
        story = state.story
        if name in CHARS:
            if not state.hidden:
                (story.label if state.mode == LABEL else story.text).add(CHARS[name])
        elif name == "u":
            if param is not None and not state.hidden:
                code = param + 0x10000 if param < 0 else param
                if 0 < code <= 0xFFFF:  # NOTE: \u is 16-bit; anything else is garbage
                    (story.label if state.mode == LABEL else story.text).add(chr(code))
            return state.uc
        elif name in PARA_PROPS:
            self.paragraph_property(state, name, param)
        elif name == "f":
            state.font = param
        elif name == "par" or name == "sect":
            # NOTE: Word ends a section "\par \sect": the mark closes no paragraph of its own
            if state.mode == NORMAL and (name == "par" or story.text or story.pending_label):
                story.end_paragraph(state)
        elif name == "cell" or name == "nestcell":
            if state.mode == NORMAL:
                story.end_cell(state) if name == "cell" else story.end_paragraph(state, True)
        elif name == "row":
            story.end_row()
        elif name == "plain":
            state.font, state.hidden = self.fonts.default, False
        elif name == "v" or name == "deleted":
            state.hidden = param != 0
            if name == "deleted" and param != 0:
                self.revision(story, deleted=True)
        elif name == "revised" and param != 0:
            self.revision(story, deleted=False)
        elif name == "uc":
            state.uc = max(0, min(param or 0, 16))
        else:
            self.destination(state, name, param)
        return 0

    def paragraph_property(self, state: _State, name: str, param: int | None) -> None:
        if name == "pard":
            state.reset_paragraph()
        elif name == "intbl":
            state.intbl = param != 0
        elif name == "itap":
            state.itap = param or 0
        elif name == "s":
            state.style = param or 0
        elif name == "ls":
            state.ls = param
        elif name == "ilvl":
            state.ilvl = param
        else:
            state.outline = param

    def note(self, state: _State, kind: BlockKind) -> None:
        """A footnote or a shape's text: a story of its own, read where the body's is."""
        if state.mode not in (NORMAL, SHAPE) or state.story.kind not in ("paragraph", "textbox"):
            state.mode = SKIP  # NOTE: a note in a header or in a note: not what Word shows
            return
        outer = state.story  # NOTE: the body's paragraph being read, or the outer box's
        state.story = _Story(self, kind, self.boxes if kind == "textbox" else self.notes)
        state.story.anchor = outer.anchor if outer.kind == "textbox" else outer.paragraph + 1
        state.mode = NORMAL
        state.reset_paragraph()

    def destination(self, state: _State, name: str, param: int | None) -> None:
        """Destinations and document-wide settings (code pages, default font)."""
        if name == "footnote":
            self.note(state, "footnote")
        elif name == "ftnalt" and state.story.kind == "footnote":
            state.story.kind = "endnote"
        elif name in SKIP_DESTINATIONS:
            state.mode = SKIP
            if name == "annotation":
                self.comments += 1
        elif name in STORIES:
            where, needs = STORIES[name]
            if state.mode == NORMAL and (not needs or needs in self.flags):
                out = self.headers if where == "header" else self.footers
                state.story = _Story(self, where, out)
                state.reset_paragraph()
            else:
                state.mode = SKIP
        elif name == "listtext" or name == "pntext":
            state.mode = LABEL
        elif name == "fonttbl":
            state.mode = FONTTBL
        elif name == "stylesheet":
            state.mode = STYLESHEET
        elif name == "ansicpg" and param is not None and param > 0:
            self.fonts.ansi = codec_or_none(f"cp{param}") or self.fonts.ansi
        elif name in _ANSI:
            self.fonts.ansi = _ANSI[name]
        elif name == "deff":
            self.fonts.default = state.font = param
        elif name == "titlepg" or name == "facingp":
            self.flags.add(name)

    def symbol(self, state: _State, name: str) -> None:
        if name == "*":
            state.mode = SKIP  # NOTE: an ignorable destination; only \shpinst holds text
            self.starred = True
        elif name in ("\n", "\r"):
            if state.mode == NORMAL:
                state.story.end_paragraph(state)
        elif name in SYMBOLS and not state.hidden:
            story = state.story
            (story.label if state.mode == LABEL else story.text).add(SYMBOLS[name])

    def revision(self, story: _Story, *, deleted: bool) -> None:
        if deleted:
            self.deletions += 1
        else:
            self.insertions += 1
        if story is self.body:
            self.places.append(len(self.blocks))


def read_rtf(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read an RTF file's bytes into blocks in reading order (headers and footers apart).

    Raises :class:`InputError` with a one-line reason for a file beyond the limits (groups
    nested absurdly deep, too many paragraphs or characters).
    """
    reader = _Reader()
    reader.run(data)
    stories = (*reader.blocks, *reader.headers, *reader.footers, *reader.notes, *reader.boxes)
    check_text_size(len(stories), sum(len(b.text) for b in stories))
    count = len(reader.blocks)
    places = tuple(sorted({min(p, count - 1) for p in reader.places})) if count else ()
    revisions = Revisions(insertions=reader.insertions, deletions=reader.deletions,
                          comments=reader.comments, blocks=places)
    every = attach_notes(reader.blocks, reader.notes, reader.boxes)
    return RawDocument(path=path, display_path=display_path, format="rtf", blocks=every,
                       headers=tuple(reader.headers), footers=tuple(reader.footers),
                       textboxes=tuple(b for b in every if b.kind == "textbox"),
                       revisions=revisions)
