"""DOCX parts: the main document, footnotes, endnotes, and the header/footer parts Word shows.

This module owns finding those parts of a Word package and reading the footnotes and endnotes
Word shows: only the notes the text refers to (a ``w:footnoteReference`` / ``w:endnoteReference``
read in the body or a text box), each once, numbered in the order of their first mark as Word
numbers them, with the separators Word keeps in the same part left out. The walk of a note's
paragraphs is the DOCX reader's (:mod:`jdlint.readers.docx`), with its limits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from jdlint.core.errors import InputError
from jdlint.core.model import Block, BlockKind
from jdlint.readers.notes import tag_note
from jdlint.readers.numbering import W_NS
from jdlint.readers.package import Package

__all__ = ["NOTE_REFS", "header_parts", "main_part", "note_parts", "places", "read_notes"]

_W = "{" + W_NS + "}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_VAL = _W + "val"
_OFF = ("0", "false", "off")
NOTE_REFS: dict[str, BlockKind] = {_W + "footnoteReference": "footnote",
                                   _W + "endnoteReference": "endnote"}
_PARTS: dict[BlockKind, tuple[str, str]] = {"footnote": ("footnotes", _W + "footnote"),
                                            "endnote": ("endnotes", _W + "endnote")}


class _Walker(Protocol):
    def container(self, el: Any, cell: tuple[int, int, int] | None, depth: int) -> None: ...


def note_parts(pkg: Package, by_type: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Note kind → note id → its element, from the footnotes and endnotes parts."""
    out: dict[str, dict[str, Any]] = {}
    for kind, (rel_type, tag) in _PARTS.items():
        if rel_type not in by_type:
            continue
        notes: dict[str, Any] = {}
        for el in pkg.xml(by_type[rel_type]):
            # NOTE: separator and continuation notes draw the line above the notes: no text
            if el.tag == tag and el.get(_W + "type") in (None, "normal"):
                notes.setdefault(el.get(_W + "id", ""), el)
        out[kind] = notes
    return out


def read_notes(parts: dict[str, dict[str, Any]], refs: list[tuple[str, str, int]],
               make: Callable[[BlockKind, list[Block]], _Walker]) -> list[Block]:
    """The blocks of the notes ``refs`` (kind, id, body paragraph) point at, footnotes first,
    each note's blocks marked with its number and the paragraph of its first mark."""
    out: dict[BlockKind, list[Block]] = {"footnote": [], "endnote": []}
    walkers: dict[BlockKind, _Walker] = {}
    seen: set[tuple[str, str]] = set()
    numbers: dict[str, int] = {"footnote": 0, "endnote": 0}
    for kind, note_id, paragraph in refs:
        if (kind, note_id) in seen:
            continue
        seen.add((kind, note_id))
        numbers[kind] += 1
        el = parts.get(kind, {}).get(note_id)
        if el is None:
            continue
        key: BlockKind = "footnote" if kind == "footnote" else "endnote"
        blocks = out[key]
        if key not in walkers:
            walkers[key] = make(key, blocks)
        start = len(blocks)
        walkers[key].container(el, None, 1)
        tag_note(blocks, start, key, numbers[kind], paragraph)
    return [*out["footnote"], *out["endnote"]]


def places(marks: list[int], count: int) -> tuple[int, ...]:
    """Blocks holding revisions; a paragraph whose whole text was deleted has no block of its
    own, so it points at the next one (or the last)."""
    if count == 0:
        return ()
    return tuple(sorted({min(p, count - 1) for p in marks}))


def header_parts(
    sect_prs: list[Any], rels: dict[str, tuple[str, str]]
) -> list[tuple[str, str, BlockKind]]:
    """Header/footer parts Word can show, in section order: (part, reference type, kind)."""
    out: list[tuple[str, str, BlockKind]] = []
    seen: set[str] = set()
    for sect in sect_prs:
        title_pg = (t := sect.find(_W + "titlePg")) is not None and t.get(_VAL) not in _OFF
        for ref in sect:
            where: BlockKind
            if ref.tag == _W + "headerReference":
                where = "header"
            elif ref.tag == _W + "footerReference":
                where = "footer"
            else:
                continue
            kind = ref.get(_W + "type") or "default"
            rel = rels.get(ref.get(_R_ID, ""))
            if rel is None or rel[1] in seen or (kind == "first" and not title_pg):
                continue
            seen.add(rel[1])
            out.append((rel[1], kind, where))
    return out


def main_part(pkg: Package) -> str:
    """The main document part of a Word package (one line and exit 2 for any other ZIP)."""
    for rel_type, target in pkg.rels("").values():
        if rel_type == "officeDocument" and pkg.has(target):
            return target
    if pkg.has("word/document.xml"):
        return "word/document.xml"
    if pkg.has("xl/workbook.xml"):
        raise InputError("not a Word document: the ZIP is an Excel workbook")
    if pkg.has("ppt/presentation.xml"):
        raise InputError("not a Word document: the ZIP is a PowerPoint presentation")
    if pkg.has("content.xml") and pkg.has("mimetype"):
        raise InputError("not a Word document: the ZIP is an OpenDocument file (save it as .docx)")
    raise InputError("not a Word document: the ZIP has no word/document.xml")
